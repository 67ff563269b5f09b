import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/api/bridge';
import type { CallResult } from '../../../shared/api/client';
import { registerIpc, type InvokeEventLike, type IpcRegistry } from '../../../electron/main/ipc';
import { checkInvoke, checkPickFiles, checkPickSavePath, senderAllowed } from '../../../electron/main/ipc-validation';
import { startBackend } from '../../helpers/backend';
import { demoLedgerLineCount } from '../../helpers/demo-statements';

type Listener = (event: InvokeEventLike, payload: unknown) => Promise<unknown>;

/** ipcMain as the handlers see it: a map of channel to handler. */
function fakeIpcMain(): IpcRegistry & { handlers: Map<string, Listener> } {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
  };
}

const ourWindow = { id: 'main-window-contents' };
const otherContents = { id: 'some-other-contents' };
const fromApp: InvokeEventLike = { sender: ourWindow, senderFrame: { url: 'app://workbench/index.html#/ledger', parent: null } };

describe('IPC payload and sender checks (pure)', () => {
  it('accepts only our origin in the top frame', () => {
    expect(senderAllowed({ url: 'app://workbench/index.html', parent: null })).toBe(true);
    expect(senderAllowed({ url: 'app://workbench/index.html', parent: { url: 'app://workbench/' } })).toBe(false);
    expect(senderAllowed({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(senderAllowed({ url: 'file:///tmp/index.html', parent: null })).toBe(false);
    expect(senderAllowed(null)).toBe(false);
  });

  it('validates invoke requests with the bridge schema', () => {
    expect(checkInvoke({ method: 'workspace.info', input: {} })).toEqual({ ok: true, value: { method: 'workspace.info', input: {} } });
    for (const bad of [undefined, null, 'workspace.info', { method: '' }, { method: 42, input: {} }, { method: 'x'.repeat(201), input: {} }, { method: 'a', input: {}, extra: 1 }]) {
      const checked = checkInvoke(bad);
      expect(checked.ok, JSON.stringify(bad)).toBe(false);
      if (!checked.ok) expect(checked.error.code).toBe('bad_input');
    }
  });

  it('validates dialog options and fills defaults', () => {
    expect(checkPickFiles({ filters: [{ name: 'Statements', extensions: ['csv', 'xlsx'] }] })).toEqual({
      ok: true,
      value: { filters: [{ name: 'Statements', extensions: ['csv', 'xlsx'] }], multiple: false },
    });
    expect(checkPickFiles(undefined)).toEqual({ ok: true, value: { filters: [], multiple: false } });
    expect(checkPickFiles({ filters: [{ name: 'x', extensions: ['../../etc'] }] }).ok).toBe(false);
    expect(checkPickFiles({ multiple: 'yes' }).ok).toBe(false);
    expect(checkPickSavePath({ defaultName: 'Board pack.xlsx', filters: [] }).ok).toBe(true);
    expect(checkPickSavePath({ defaultName: 'x'.repeat(256) }).ok).toBe(false);
    expect(checkPickSavePath({ path: '/etc/passwd' }).ok).toBe(false);
  });
});

describe('IPC handlers in front of a real backend', () => {
  let s: Awaited<ReturnType<typeof startBackend>>;
  const ipcMain = fakeIpcMain();
  const calls: Array<{ method: string; input: unknown }> = [];
  const dialogCalls: string[] = [];
  let unregister: () => void;

  beforeAll(async () => {
    s = await startBackend();
    unregister = registerIpc({
      ipcMain,
      backend: {
        call: (method, input) => {
          calls.push({ method, input });
          return s.backend.call(method, input);
        },
      },
      isOurWindow: (sender) => sender === ourWindow,
      pickFiles: async (_sender, options) => {
        dialogCalls.push(`open multiple=${options.multiple}`);
        return ['/home/analyst/openai-2026-03.csv'];
      },
      pickSavePath: async (_sender, options) => {
        dialogCalls.push(`save ${options.defaultName ?? ''}`);
        return '/home/analyst/Board pack.xlsx';
      },
      showInFolder: async (file) => {
        dialogCalls.push(`show ${file}`);
        return file === '/home/analyst/Board pack.xlsx';
      },
    });
  });
  afterAll(async () => {
    unregister();
    await s.stop();
  });

  const invoke = (event: InvokeEventLike, payload: unknown) => ipcMain.handlers.get(IPC_CHANNELS.invoke)!(event, payload) as Promise<CallResult>;

  it('registers exactly the bridge channels that the renderer calls', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([IPC_CHANNELS.invoke, IPC_CHANNELS.pickFiles, IPC_CHANNELS.pickSavePath, IPC_CHANNELS.showInFolder].sort());
  });

  it('shows a saved file in the file manager only for our window and a well-formed request', async () => {
    const show = ipcMain.handlers.get(IPC_CHANNELS.showInFolder)!;
    expect(await show(fromApp, { path: '/home/analyst/Board pack.xlsx' })).toBe(true);
    expect(await show(fromApp, { path: '/etc/passwd' })).toBe(false);
    await expect(show(fromApp, { path: 42 })).rejects.toThrow();
    await expect(show(fromApp, { path: '/x.xlsx', extra: 1 })).rejects.toThrow();
    await expect(show({ sender: {}, senderFrame: fromApp.senderFrame }, { path: '/home/analyst/Board pack.xlsx' })).rejects.toThrow();
    expect(dialogCalls.filter((c) => c.startsWith('show '))).toEqual(['show /home/analyst/Board pack.xlsx', 'show /etc/passwd']);
    dialogCalls.splice(0, dialogCalls.length, ...dialogCalls.filter((c) => !c.startsWith('show ')));
  });

  it('answers a valid call from our window', async () => {
    const result = await invoke(fromApp, { method: 'workspace.info', input: {} });
    expect(result.ok).toBe(true);
    if (result.ok) expect((result.value as { ledgerLines: number }).ledgerLines).toBe(demoLedgerLineCount());
  });

  it('refuses foreign senders before the backend sees anything', async () => {
    const before = calls.length;
    const foreign: InvokeEventLike[] = [
      { sender: ourWindow, senderFrame: { url: 'https://example.com/', parent: null } },
      { sender: ourWindow, senderFrame: { url: 'app://workbench/index.html', parent: { url: 'app://workbench/' } } },
      { sender: ourWindow, senderFrame: null },
      { sender: otherContents, senderFrame: { url: 'app://workbench/index.html', parent: null } },
    ];
    for (const event of foreign) {
      const result = await invoke(event, { method: 'workspace.new', input: { path: '/tmp/evil.aispend' } });
      expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'this window is not allowed to call the workbench' } });
      await expect(ipcMain.handlers.get(IPC_CHANNELS.pickFiles)!(event, {})).rejects.toThrow(/not allowed/);
      await expect(ipcMain.handlers.get(IPC_CHANNELS.pickSavePath)!(event, {})).rejects.toThrow(/not allowed/);
    }
    expect(calls.length).toBe(before);
    expect(dialogCalls).toEqual([]);
  });

  it('rejects malformed payloads before the backend sees them', async () => {
    const before = calls.length;
    for (const payload of [undefined, 'workspace.info', { method: 'workspace.info' , input: {}, sneaky: true }, { input: {} }]) {
      const result = await invoke(fromApp, payload);
      expect(result.ok, JSON.stringify(payload)).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('bad_input');
    }
    expect(calls.length).toBe(before);
    await expect(ipcMain.handlers.get(IPC_CHANNELS.pickFiles)!(fromApp, { multiple: 'yes' })).rejects.toThrow(/multiple/);
    expect(dialogCalls).toEqual([]);
  });

  it('lets the backend reject unknown methods and inputs that fail the method schema, changing nothing', async () => {
    const unknown = await invoke(fromApp, { method: 'shell.exec', input: { command: 'rm -rf /' } });
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.code).toBe('not_found');
    const badInput = await invoke(fromApp, { method: 'workspace.new', input: { path: '/tmp/not-a-workspace.txt' } });
    expect(badInput.ok).toBe(false);
    if (!badInput.ok) expect(badInput.error.code).toBe('bad_input');
    const info = await invoke(fromApp, { method: 'workspace.info', input: {} });
    expect(info.ok && (info.value as { isDemo: boolean }).isDemo).toBe(true);
  });

  it('shows the native dialogs for valid requests from our window', async () => {
    expect(await ipcMain.handlers.get(IPC_CHANNELS.pickFiles)!(fromApp, { multiple: true })).toEqual(['/home/analyst/openai-2026-03.csv']);
    expect(await ipcMain.handlers.get(IPC_CHANNELS.pickSavePath)!(fromApp, { defaultName: 'Board pack.xlsx' })).toBe('/home/analyst/Board pack.xlsx');
    expect(dialogCalls).toEqual(['open multiple=true', 'save Board pack.xlsx']);
  });
});
