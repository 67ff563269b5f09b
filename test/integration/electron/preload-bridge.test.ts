import { describe, expect, it } from 'vitest';
import { IPC_CHANNELS } from '../../../shared/api/bridge';
import { createBridge, type RendererIpc } from '../../../electron/preload/create-bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpc() {
  const sent: Array<{ channel: string; args: unknown[] }> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    invoke: async (channel, ...args) => {
      sent.push({ channel, args });
      return { ok: true, value: 'answer' };
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener({ sender: 'the ipcRenderer itself' }, payload);
  };
  return { ipc, sent, listeners, emit };
}

describe('preload bridge (window.workbench)', () => {
  it('exposes exactly the WorkbenchBridge functions and nothing else', () => {
    const bridge = createBridge(fakeIpc().ipc, { getPathForFile: () => '' });
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent', 'pathForFile', 'pickFiles', 'pickSavePath', 'showInFolder']);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own fixed channel', async () => {
    const { ipc, sent } = fakeIpc();
    const bridge = createBridge(ipc, { getPathForFile: () => '' });
    expect(await bridge.invoke('ledger.summary', { by: ['month'] })).toEqual({ ok: true, value: 'answer' });
    await bridge.pickFiles({ multiple: true });
    await bridge.pickSavePath({ defaultName: 'Board pack.xlsx' });
    await bridge.showInFolder('/home/analyst/Board pack.xlsx');
    expect(sent).toEqual([
      { channel: IPC_CHANNELS.invoke, args: [{ method: 'ledger.summary', input: { by: ['month'] } }] },
      { channel: IPC_CHANNELS.pickFiles, args: [{ multiple: true }] },
      { channel: IPC_CHANNELS.pickSavePath, args: [{ defaultName: 'Board pack.xlsx' }] },
      { channel: IPC_CHANNELS.showInFolder, args: [{ path: '/home/analyst/Board pack.xlsx' }] },
    ]);
  });

  it('passes pushed events on without the IPC event object, and unsubscribes', () => {
    const { ipc, listeners, emit } = fakeIpc();
    const bridge = createBridge(ipc, { getPathForFile: () => '' });
    const seen: unknown[] = [];
    const unsubscribe = bridge.onEvent((event) => seen.push(event));
    emit(IPC_CHANNELS.event, { type: 'menu', command: 'file.export' });
    expect(seen).toEqual([{ type: 'menu', command: 'file.export' }]);
    unsubscribe();
    expect(listeners.get(IPC_CHANNELS.event)?.size).toBe(0);
    emit(IPC_CHANNELS.event, { type: 'menu', command: 'file.new' });
    expect(seen).toHaveLength(1);
  });

  it('asks webUtils for a dropped file\'s path', () => {
    const file = { name: 'openai-2026-03.csv' } as unknown as File;
    const bridge = createBridge(fakeIpc().ipc, { getPathForFile: (f) => `/home/analyst/${f.name}` });
    expect(bridge.pathForFile(file)).toBe('/home/analyst/openai-2026-03.csv');
  });
});
