import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; roles (copy, zoom, quit, ...) are Electron's. */
export interface MenuActions {
  newWorkspace(): void;
  openWorkspace(): void;
  saveWorkspaceAs(): void;
  /** Tells the renderer to go to the import view (menu event navigate.import). */
  importStatements(): void;
  /** Tells the renderer to start the board workbook export (menu event file.export). */
  exportWorkbook(): void;
  about(): void;
}

export interface MenuOptions {
  appName: string;
  platform: NodeJS.Platform;
  /** Development builds get Reload and Toggle Developer Tools; packaged builds do not. */
  development: boolean;
  actions: MenuActions;
}

/**
 * The application menu: File (New, Open, Save As, Import, Export, Quit),
 * Edit (standard roles), View (zoom), Help (About). On macOS the app menu
 * holds About and Quit, as users there expect.
 */
export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions, appName } = options;
  const mac = options.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${appName}`, click: () => actions.about() };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { label: 'New Workspace…', accelerator: 'CmdOrCtrl+N', click: () => actions.newWorkspace() },
      { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: () => actions.openWorkspace() },
      { label: 'Save Workspace As…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.saveWorkspaceAs() },
      { type: 'separator' },
      { label: 'Import Statements…', accelerator: 'CmdOrCtrl+I', click: () => actions.importStatements() },
      { label: 'Export Board Workbook…', accelerator: 'CmdOrCtrl+E', click: () => actions.exportWorkbook() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(options.development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const help: MenuItemConstructorOptions = { label: '&Help', role: 'help', submenu: mac ? [] : [about] };

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };

  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}

/** The About box text: the version people quote in a support request, and the promise that matters most here. */
export function aboutDetail(appVersion: string, versions: { electron?: string; chrome?: string; node?: string }): string {
  const runtime = [
    versions.electron ? `Electron ${versions.electron}` : undefined,
    versions.chrome ? `Chromium ${versions.chrome}` : undefined,
    versions.node ? `Node ${versions.node}` : undefined,
  ].filter((part) => part !== undefined);
  return [`Version ${appVersion}`, runtime.join(' · '), 'Local-first: your statements, contracts and workspaces never leave this machine.']
    .filter((line) => line !== '')
    .join('\n');
}
