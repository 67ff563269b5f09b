/**
 * A stand-in for the `electron` module, so that the real main bundle (dist/electron/main.cjs) can run
 * under Node in a test: each API main.ts uses records what it was asked and lets the test act as
 * Electron would (fire events, click menu items, send IPC). Only what main.ts touches is here.
 */

type Fn = (...args: never[]) => unknown;
type Listener = (...args: unknown[]) => unknown;

class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }
  once(name: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((l) => l !== wrapped));
      return listener(...args);
    };
    return this.on(name, wrapped);
  }
  emit(name: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(name) ?? []) listener(...args);
  }
}

export interface DialogScript {
  open: string[][];
  save: Array<string | undefined>;
}

export function createFakeElectron(options: { userData: string; documents: string }) {
  const log = {
    privilegedSchemes: [] as unknown[],
    sandboxEnabled: false,
    paths: new Map<string, string>(),
    protocolHandlers: new Map<string, (request: { url: string; method: string }) => Promise<Response>>(),
    ipcHandlers: new Map<string, Listener>(),
    menu: undefined as unknown,
    errorBoxes: [] as Array<[string, string]>,
    messageBoxes: [] as unknown[],
    exitCode: undefined as number | undefined,
    quitCalls: 0,
    windows: [] as FakeWindow[],
    session: {} as Record<string, Fn>,
    beforeRequest: undefined as undefined | Listener,
    spellcheck: undefined as boolean | undefined,
  };
  const dialogs: DialogScript = { open: [], save: [] };

  class FakeWebContents extends Emitter {
    readonly sent: Array<[string, unknown]> = [];
    openHandler: Listener | undefined;
    devtoolsOpened = false;
    send(channel: string, payload: unknown): void {
      this.sent.push([channel, payload]);
    }
    setWindowOpenHandler(handler: Listener): void {
      this.openHandler = handler;
    }
    openDevTools(): void {
      this.devtoolsOpened = true;
    }
  }

  class FakeWindow extends Emitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    shown = false;
    maximized = false;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      log.windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static fromWebContents(contents: unknown): FakeWindow | null {
      return log.windows.find((w) => w.webContents === contents) ?? null;
    }
    static getAllWindows(): FakeWindow[] {
      return log.windows.filter((w) => !w.destroyed);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    maximize(): void {
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getNormalBounds() {
      const { x, y, width, height } = this.options as { x: number; y: number; width: number; height: number };
      return { x, y, width, height };
    }
  }

  const app = Object.assign(new Emitter(), {
    isPackaged: false,
    enableSandbox: () => void (log.sandboxEnabled = true),
    setPath: (name: string, value: string) => void log.paths.set(name, value),
    getPath: (name: string) => (name === 'userData' ? (log.paths.get('userData') ?? options.userData) : name === 'documents' ? options.documents : `/fake/${name}`),
    getAppPath: () => '/fake/app',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: () => {
      log.quitCalls++;
    },
    exit: (code: number) => void (log.exitCode = code),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void log.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => void log.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Fn) => void (log.session.request = h),
        setPermissionCheckHandler: (h: Fn) => void (log.session.check = h),
        setDevicePermissionHandler: (h: Fn) => void (log.session.device = h),
        setDisplayMediaRequestHandler: (h: Fn) => void (log.session.displayMedia = h),
        setSpellCheckerEnabled: (on: boolean) => void (log.spellcheck = on),
        webRequest: { onBeforeRequest: (_filter: unknown, h: Listener) => void (log.beforeRequest = h) },
      },
    },
    ipcMain: {
      handle: (channel: string, listener: Listener) => void log.ipcHandlers.set(channel, listener),
      removeHandler: (channel: string) => void log.ipcHandlers.delete(channel),
    },
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => void (log.menu = menu),
    },
    dialog: {
      showOpenDialog: async () => {
        const paths = dialogs.open.shift() ?? [];
        return { canceled: paths.length === 0, filePaths: paths };
      },
      showSaveDialog: async () => {
        const file = dialogs.save.shift();
        return { canceled: file === undefined, filePath: file ?? '' };
      },
      showErrorBox: (title: string, message: string) => void log.errorBoxes.push([title, message]),
      showMessageBox: async (...args: unknown[]) => {
        log.messageBoxes.push(args.at(-1));
        return { response: 0 };
      },
    },
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    },
    nativeTheme: { shouldUseDarkColors: false },
  };
  return { electron, log, dialogs };
}
