import type { Transport } from '../../../shared/api/client';
import type { WorkbenchBridge } from '../../../shared/api/bridge';
import { ConnectionStatus } from './connection';

/** Electron: the preload's bridge already speaks the typed API over IPC; events never drop. */
export function createIpcTransport(bridge: WorkbenchBridge): Transport & { readonly status: ConnectionStatus } {
  const status = new ConnectionStatus();
  status.set('connected');
  return {
    status,
    invoke: (method, input) => bridge.invoke(method, input),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}
