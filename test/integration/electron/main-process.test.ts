import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/api/bridge';
import type { CallResult } from '../../../shared/api/client';
import { READY_LINE } from '../../../electron/main/launch-args';
import { CONTENT_SECURITY_POLICY } from '../../../electron/host/security';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { buildElectronBundles } from './build-electron';
import { createFakeElectron } from './fake-electron';
import { demoLedgerLineCount } from '../../helpers/demo-statements';

/**
 * The real main bundle (dist/electron/main.cjs), run under Node with a stand-in `electron` module: the
 * only way, on machines without Electron, to see main.ts wire the window, protocol, session guards, IPC,
 * menu and backend together. The backend is real (better-sqlite3 with Node's binding, since this is Node).
 */

const require = createRequire(import.meta.url);
const temp = tempDir('aispend-main-');
const userData = path.join(temp.dir, 'userData');
const fake = createFakeElectron({ userData, documents: path.join(temp.dir, 'Documents') });
const { log } = fake;
const stdout: string[] = [];

async function until<T>(what: string, probe: () => T | undefined | false): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const appEvent = { sender: undefined as unknown, senderFrame: { url: 'app://workbench/index.html', parent: null } };
const invoke = (event: unknown, method: string, input: unknown = {}) => log.ipcHandlers.get(IPC_CHANNELS.invoke)!(event, { method, input }) as Promise<CallResult>;
const fileMenu = () => ((log.menu as MenuItemConstructorOptions[]).find((m) => m.label === '&File')!.submenu as MenuItemConstructorOptions[]);
const clickFile = (label: string) => (fileMenu().find((i) => i.label === label)!.click as unknown as () => void)();

describe('Electron main process (main.cjs with a stand-in electron module)', () => {
  let win: (typeof log.windows)[number];
  const previousHome = process.env.AISPEND_HOME;

  beforeAll(async () => {
    await buildElectronBundles();
    process.env.AISPEND_HOME = userData;
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const electronPath = require.resolve('electron');
    require.cache[electronPath] = { id: electronPath, filename: electronPath, loaded: true, exports: fake.electron } as unknown as NodeJS.Module;
    require(path.join(REPO_ROOT, 'dist', 'electron', 'main.cjs'));
    win = await until('the window', () => log.windows[0]);
    appEvent.sender = win.webContents;
  });

  afterAll(async () => {
    // Quit as Electron would: will-quit lets main close the backend (and its SQLite file) first.
    let prevented = false;
    fake.electron.app.emit('will-quit', { preventDefault: () => void (prevented = true) });
    if (prevented) await until('the backend to close', () => log.quitCalls > 0);
    vi.restoreAllMocks();
    if (previousHome === undefined) delete process.env.AISPEND_HOME;
    else process.env.AISPEND_HOME = previousHome;
    temp.cleanup();
  });

  it('before ready: registers app:// as a privileged standard scheme, sandboxes every renderer, uses AISPEND_HOME', () => {
    expect(log.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
    ]);
    expect(log.sandboxEnabled).toBe(true);
    expect(log.paths.get('userData')).toBe(userData);
  });

  it('opens one window with the locked-down web preferences and loads app://workbench', () => {
    expect(log.windows).toHaveLength(1);
    const preferences = win.options.webPreferences as Record<string, unknown>;
    expect(preferences).toEqual({
      preload: path.join(REPO_ROOT, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: true, // not packaged
    });
    expect(existsSync(preferences.preload as string)).toBe(true);
    expect(win.options).toMatchObject({ x: 280, y: 90, width: 1360, height: 860, show: false });
    expect(win.loaded).toEqual(['app://workbench/index.html']);
  });

  it('guards the window: navigation, new windows and webviews are refused', () => {
    let prevented = false;
    win.webContents.emit('will-navigate', { url: 'https://example.com/', preventDefault: () => void (prevented = true) });
    expect(prevented).toBe(true);
    expect(win.webContents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    let webview = false;
    win.webContents.emit('will-attach-webview', { preventDefault: () => void (webview = true) });
    expect(webview).toBe(true);
  });

  it('guards the session: no permission, no request leaving the machine, no spell-check downloads', () => {
    let granted: boolean | undefined;
    (log.session.request as unknown as (...a: unknown[]) => void)({}, 'media', (g: boolean) => (granted = g), { requestingUrl: 'app://workbench/' });
    expect(granted).toBe(false);
    let answer: { cancel: boolean } | undefined;
    log.beforeRequest!({ url: 'https://telemetry.example.com/' }, (r: { cancel: boolean }) => (answer = r));
    expect(answer).toEqual({ cancel: true });
    log.beforeRequest!({ url: 'app://workbench/index.html' }, (r: { cancel: boolean }) => (answer = r));
    expect(answer).toEqual({ cancel: false });
    expect(log.spellcheck).toBe(false);
  });

  it('serves the renderer over app:// with the CSP', async () => {
    const handler = log.protocolHandlers.get('app')!;
    const response = await handler({ url: 'app://workbench/index.html', method: 'GET' });
    const built = existsSync(path.join(REPO_ROOT, 'dist', 'renderer', 'index.html'));
    expect(response.status).toBe(built ? 200 : 404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers the bridge over IPC from its window, with the demo workspace opened on first start', async () => {
    expect([...log.ipcHandlers.keys()].sort()).toEqual(Object.values(IPC_CHANNELS).filter((c) => c !== IPC_CHANNELS.event).sort());
    const info = await invoke(appEvent, 'workspace.info');
    expect(info.ok).toBe(true);
    if (info.ok) {
      expect(info.value).toMatchObject({ isDemo: true, ledgerLines: demoLedgerLineCount() });
      expect((info.value as { path: string }).path.startsWith(userData)).toBe(true);
    }
    expect(await invoke({ sender: win.webContents, senderFrame: { url: 'https://example.com/', parent: null } }, 'workspace.info')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await invoke({ sender: {}, senderFrame: appEvent.senderFrame }, 'workspace.info')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('says it is ready once the window is shown', () => {
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(stdout.join('')).toContain(READY_LINE);
  });

  it('File > Export and Import tell the renderer; File > New makes a workspace through a native dialog', async () => {
    clickFile('Export Board Workbook…');
    clickFile('Import Statements…');
    expect(win.webContents.sent.slice(-2)).toEqual([
      [IPC_CHANNELS.event, { type: 'menu', command: 'file.export' }],
      [IPC_CHANNELS.event, { type: 'menu', command: 'navigate.import' }],
    ]);
    const target = path.join(temp.dir, 'Q3 forecast.aispend');
    fake.dialogs.save.push(target);
    clickFile('New Workspace…');
    await until('the new workspace', () => existsSync(target));
    const pushed = await until('the workspace event', () => win.webContents.sent.find(([, e]) => (e as { type: string }).type === 'workspace'));
    expect(pushed[1]).toMatchObject({ type: 'workspace', info: { path: target, ledgerLines: 0 } });
    const info = await invoke(appEvent, 'workspace.info');
    expect(info.ok && (info.value as { path: string }).path).toBe(target);
  });

  it('Help > About shows the version', () => {
    const help = (log.menu as MenuItemConstructorOptions[]).find((m) => m.label === '&Help')!.submenu as MenuItemConstructorOptions[];
    (help[0]!.click as unknown as () => void)();
    expect(log.messageBoxes.at(-1)).toMatchObject({ title: 'About AI Spend Workbench', detail: expect.stringContaining('Version 0.1.0') });
  });

  it('remembers the window size when it closes', () => {
    win.emit('close');
    expect(JSON.parse(readFileSync(path.join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 280, y: 90, width: 1360, height: 860, maximized: false });
    expect(log.errorBoxes).toEqual([]);
  });
});
