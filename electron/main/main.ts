import { existsSync } from 'node:fs';
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, ipcMain, nativeTheme, protocol, screen, session, shell } from 'electron';
import type { WebContents } from 'electron';
import { IPC_CHANNELS } from '../../shared/api/bridge';
import type { AppEvent, MenuCommand } from '../../shared/api/events';
import { appRoot } from '../backend/app-root';
import { APP_NAME, APP_VERSION } from '../backend/app-version';
import { Backend } from '../backend/backend';
import { createAppProtocolHandler } from './app-protocol';
import { electronPaths } from './app-paths';
import { openDialogOptions, saveDialogOptions } from './dialogs';
import { hardenSession, hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { READY_LINE, workspaceFromArgs } from './launch-args';
import { aboutDetail, buildMenuTemplate } from './menu-template';
import { APP_SCHEME, APP_START_URL } from './request-policy';
import { DEFAULT_SIZING, restoreWindowState, windowStateToSave } from './window-state';
import { readWindowState, writeWindowState } from './window-state-file';
import { createWorkspaceCommands, describeError } from './workspace-commands';

const development = !app.isPackaged;

// Before `ready`: our scheme gets a real origin (app://workbench) so that CSP 'self', fetch and
// module scripts work as on the web; every renderer is sandboxed whatever a window asks for.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true } },
]);
app.enableSandbox();

// AISPEND_HOME keeps settings, workspaces and window state together in one folder (tests, portable use);
// otherwise userData is the per-user folder named after productName, the same one the CLI and browser mode use.
if (process.env.AISPEND_HOME) app.setPath('userData', path.resolve(process.env.AISPEND_HOME));

function say(line: string): void {
  try {
    process.stdout.write(`${line}\n`);
  } catch {
    // A packaged Windows app has no console to write to.
  }
}

/** Thrown by fail() after it has reported and asked the app to exit, so the reason is shown once. */
class StartupFailed extends Error {}

function fail(reason: string): never {
  try {
    process.stderr.write(`AI Spend Workbench could not start: ${reason}\n`);
  } catch {
    // no console
  }
  dialog.showErrorBox('AI Spend Workbench could not start', reason);
  app.exit(1);
  throw new StartupFailed(reason);
}

const blocked = (what: string, url: string): void => {
  console.warn(`[blocked] ${what}${url ? ` ${url.slice(0, 200)}` : ''}`);
};

// Every web contents ever created (the window, DevTools, anything a bug might open) gets the guards.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, { devtools: development, onBlocked: blocked }));

let mainWindow: BrowserWindow | undefined;
let backend: Backend | undefined;
let pendingOpen: string | undefined = workspaceFromArgs(process.argv);

function sendToWindow(event: AppEvent): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_CHANNELS.event, event);
}

function sendMenuCommand(command: MenuCommand): void {
  sendToWindow({ type: 'menu', command });
}

function createWindow(preload: string, dataDir: string): BrowserWindow {
  const displays = screen.getAllDisplays().map((display) => display.workArea);
  const restored = restoreWindowState(readWindowState(dataDir), displays, screen.getPrimaryDisplay().workArea);
  const win = new BrowserWindow({
    ...restored.bounds,
    minWidth: DEFAULT_SIZING.minWidth,
    minHeight: DEFAULT_SIZING.minHeight,
    show: false,
    title: APP_NAME,
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1f1f1f' : '#ffffff',
    webPreferences: {
      preload,
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
      // Middle-click (auxclick) could open links in new windows; new windows are denied anyway.
      disableBlinkFeatures: 'Auxclick',
      devTools: development,
    },
  });
  if (restored.maximized) win.maximize();
  win.once('ready-to-show', () => {
    win.show();
    if (development && process.env.AISPEND_DEVTOOLS === '1') win.webContents.openDevTools({ mode: 'detach' });
    say(`${READY_LINE} (workspace: ${backend?.hasWorkspace() ? backend.workspace().path : 'none'})`);
  });
  win.on('close', () => {
    try {
      writeWindowState(dataDir, windowStateToSave(win.getNormalBounds(), win.isMaximized()));
    } catch {
      // Not remembering the size is no reason to stop the app from closing.
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  void win.loadURL(APP_START_URL);
  return win;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function isBindingProblem(error: unknown): boolean {
  return /NODE_MODULE_VERSION|better_sqlite3\.node|bindings file|invalid ELF header|not a valid Win32 application/i.test(messageOf(error));
}

function explainStartupError(error: unknown): string {
  if (!isBindingProblem(error)) return messageOf(error);
  return `better-sqlite3 is not built for Electron ${process.versions.electron} (${messageOf(error)}). Run "node scripts/electron-native.mjs" or start with "npm start", which builds it.`;
}

async function openFromOutside(file: string): Promise<void> {
  if (!backend) {
    pendingOpen = file;
    return;
  }
  const result = await backend.call('workspace.open', { path: file });
  if (!result.ok) dialog.showErrorBox('Could not open the workspace', describeError(result.error));
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const paths = electronPaths({
    isPackaged: app.isPackaged,
    appPath: app.isPackaged ? app.getAppPath() : appRoot(),
    resourcesPath: process.resourcesPath,
    mainDir: __dirname,
    electronVersion: process.versions.electron ?? '',
    platform: process.platform,
    arch: process.arch,
    env: process.env,
  });

  hardenSession(session.defaultSession, { devtools: development, onBlocked: blocked });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(paths.rendererDir));

  // A missing Electron build of better-sqlite3 is left to better-sqlite3's own lookup (which works after
  // an electron-rebuild of node_modules); if that fails too, the message says how to build it.
  const nativeBinding = existsSync(paths.nativeBinding) ? paths.nativeBinding : undefined;
  const workbench = new Backend({ mode: 'electron', dataDir, demoDir: paths.demoDir, nativeBinding });
  backend = workbench;
  workbench.subscribe(sendToWindow);
  const requested = pendingOpen ? path.resolve(pendingOpen) : undefined;
  pendingOpen = undefined;
  try {
    await workbench.openInitialWorkspace(requested);
  } catch (error) {
    // A workspace named on the command line that does not open is the user's to fix: say so and carry on
    // with the usual one. Anything else (above all a better-sqlite3 that does not load) stops the start.
    if (requested && !isBindingProblem(error)) {
      dialog.showErrorBox('Could not open the workspace', `${requested}: ${messageOf(error)}`);
      try {
        await workbench.openInitialWorkspace();
      } catch (again) {
        fail(explainStartupError(again));
      }
    } else {
      fail(explainStartupError(error));
    }
  }

  const commands = createWorkspaceCommands(
    workbench,
    {
      showOpen: async (options) => {
        const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
        return result.canceled ? [] : result.filePaths;
      },
      showSave: async (options) => {
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled ? undefined : result.filePath;
      },
      showError: (title, message) => dialog.showErrorBox(title, message),
    },
    () => app.getPath('documents'),
  );

  const windowOf = (sender: unknown): BrowserWindow | undefined => {
    const win = BrowserWindow.fromWebContents(sender as WebContents);
    return win ?? undefined;
  };
  /** Files the user chose in save dialogs this session: the only ones the renderer may ask to show in the file manager. */
  const savedPaths = new Set<string>();
  registerIpc({
    ipcMain,
    backend: workbench,
    isOurWindow: (sender) => mainWindow !== undefined && !mainWindow.isDestroyed() && sender === mainWindow.webContents,
    pickFiles: async (sender, options) => {
      const win = windowOf(sender);
      const result = win ? await dialog.showOpenDialog(win, openDialogOptions(options)) : await dialog.showOpenDialog(openDialogOptions(options));
      return result.canceled ? [] : result.filePaths;
    },
    pickSavePath: async (sender, options) => {
      const win = windowOf(sender);
      const dialogOptions = saveDialogOptions(options, app.getPath('documents'));
      const result = win ? await dialog.showSaveDialog(win, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      if (result.canceled || !result.filePath) return null;
      savedPaths.add(result.filePath);
      return result.filePath;
    },
    // Only a file the user chose in a save dialog of this session, and only once it exists.
    showInFolder: async (file) => {
      if (!savedPaths.has(file) || !existsSync(file)) return false;
      shell.showItemInFolder(file);
      return true;
    },
  });

  const menu = buildMenuTemplate({
    appName: APP_NAME,
    platform: process.platform,
    development,
    actions: {
      newWorkspace: () => void commands.newWorkspace(),
      openWorkspace: () => void commands.openWorkspace(),
      saveWorkspaceAs: () => void commands.saveWorkspaceAs(),
      importStatements: () => sendMenuCommand('navigate.import'),
      exportWorkbook: () => sendMenuCommand('file.export'),
      about: () => {
        const options = {
          type: 'info' as const,
          title: `About ${APP_NAME}`,
          message: APP_NAME,
          detail: aboutDetail(APP_VERSION, process.versions),
          buttons: ['OK'],
        };
        void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
      },
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));

  mainWindow = createWindow(paths.preload, dataDir);

  app.on('second-instance', (_event, argv, workingDirectory) => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    const file = workspaceFromArgs(argv);
    if (file) void openFromOutside(path.resolve(workingDirectory, file));
  });
  app.on('activate', () => {
    if (!mainWindow) mainWindow = createWindow(paths.preload, dataDir);
  });
}

// One running app per data folder: a second start focuses the window (and opens the file it was given).
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS passes double-clicked files with an event, possibly before `ready`.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    void openFromOutside(file);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  let backendClosed = false;
  app.on('will-quit', (event) => {
    if (backendClosed || !backend) return;
    event.preventDefault();
    void backend.close().finally(() => {
      backendClosed = true;
      app.quit();
    });
  });
  start().catch((error: unknown) => {
    if (error instanceof StartupFailed) return;
    try {
      fail(error instanceof Error ? error.message : String(error));
    } catch {
      // fail() has reported and asked the app to exit
    }
  });
}
