import { createClient, type WorkbenchClient } from '../../../shared/api/client';
import { BRIDGE_KEY, type WorkbenchBridge } from '../../../shared/api/bridge';
import type { ConnectionStatus } from './connection';
import { createHttpTransport, type HttpTransport } from './http-transport';
import { createIpcTransport } from './ipc-transport';
import { takeToken } from './token';

export type Connection =
  | { kind: 'electron'; client: WorkbenchClient; status: ConnectionStatus; bridge: WorkbenchBridge }
  | { kind: 'browser'; client: WorkbenchClient; status: ConnectionStatus; http: HttpTransport }
  | { kind: 'no-token' };

function findBridge(win: Window): WorkbenchBridge | undefined {
  const candidate = (win as unknown as Record<string, unknown>)[BRIDGE_KEY] as Partial<WorkbenchBridge> | undefined;
  return candidate && typeof candidate.invoke === 'function' && typeof candidate.onEvent === 'function' ? (candidate as WorkbenchBridge) : undefined;
}

/**
 * Chosen once at start: Electron's preload exposes `window.workbench` (IPC);
 * without it the page was served by the browser-mode host and speaks HTTP to
 * its own origin with the token from the address bar. Same client type either way.
 */
export function connect(win: Window = window): Connection {
  const bridge = findBridge(win);
  if (bridge) {
    const transport = createIpcTransport(bridge);
    return { kind: 'electron', client: createClient(transport), status: transport.status, bridge };
  }
  const token = takeToken(win);
  if (!token) return { kind: 'no-token' };
  const http = createHttpTransport({ baseUrl: new URL('./', win.location.href).href, token });
  return { kind: 'browser', client: createClient(http), status: http.status, http };
}
