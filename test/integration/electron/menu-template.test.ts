import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { aboutDetail, buildMenuTemplate, type MenuActions } from '../../../electron/main/menu-template';

function recorder() {
  const done: string[] = [];
  const actions: MenuActions = {
    newWorkspace: () => done.push('new'),
    openWorkspace: () => done.push('open'),
    saveWorkspaceAs: () => done.push('saveAs'),
    importStatements: () => done.push('import'),
    exportWorkbook: () => done.push('export'),
    about: () => done.push('about'),
  };
  return { actions, done };
}

const items = (menu: MenuItemConstructorOptions | undefined) => (menu?.submenu ?? []) as MenuItemConstructorOptions[];
const find = (template: MenuItemConstructorOptions[], label: string) => template.find((m) => m.label === label);
const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as unknown as () => void)();

describe('application menu', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    const { actions } = recorder();
    const template = buildMenuTemplate({ appName: 'AI Spend Workbench', platform: 'linux', development: false, actions });
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    const file = items(find(template, '&File'));
    expect(file.filter((i) => i.label).map((i) => [i.label, i.accelerator])).toEqual([
      ['New Workspace…', 'CmdOrCtrl+N'],
      ['Open Workspace…', 'CmdOrCtrl+O'],
      ['Save Workspace As…', 'CmdOrCtrl+Shift+S'],
      ['Import Statements…', 'CmdOrCtrl+I'],
      ['Export Board Workbook…', 'CmdOrCtrl+E'],
    ]);
    expect(file.at(-1)).toEqual({ role: 'quit' });
    expect(items(find(template, '&Edit')).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
    expect(items(find(template, '&View')).map((i) => i.role).filter(Boolean)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(items(find(template, '&Help')).map((i) => i.label)).toEqual(['About AI Spend Workbench']);
  });

  it('runs the right action for each item', () => {
    const { actions, done } = recorder();
    const template = buildMenuTemplate({ appName: 'AI Spend Workbench', platform: 'win32', development: false, actions });
    const file = items(find(template, '&File'));
    for (const label of ['New Workspace…', 'Open Workspace…', 'Save Workspace As…', 'Import Statements…', 'Export Board Workbook…']) {
      click(file.find((i) => i.label === label));
    }
    click(items(find(template, '&Help'))[0]);
    expect(done).toEqual(['new', 'open', 'saveAs', 'import', 'export', 'about']);
  });

  it('offers DevTools and Reload only in development', () => {
    const { actions } = recorder();
    const roles = (development: boolean) =>
      items(find(buildMenuTemplate({ appName: 'AI Spend Workbench', platform: 'linux', development, actions }), '&View')).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(true)).toContain('reload');
  });

  it('puts About and Quit in the app menu on macOS', () => {
    const { actions, done } = recorder();
    const template = buildMenuTemplate({ appName: 'AI Spend Workbench', platform: 'darwin', development: false, actions });
    expect(template[0]?.label).toBe('AI Spend Workbench');
    const appMenu = items(template[0]);
    expect(appMenu.at(-1)).toEqual({ role: 'quit' });
    click(appMenu[0]);
    expect(done).toEqual(['about']);
    expect(items(find(template, '&File')).some((i) => i.role === 'quit')).toBe(false);
  });

  it('shows the version in the About box', () => {
    expect(aboutDetail('0.1.0', { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' })).toBe(
      'Version 0.1.0\nElectron 45.4.1 · Chromium 142.0.0.0 · Node 22.20.0\nLocal-first: your statements, contracts and workspaces never leave this machine.',
    );
    expect(aboutDetail('0.1.0', {})).toBe('Version 0.1.0\nLocal-first: your statements, contracts and workspaces never leave this machine.');
  });
});
