import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { WorkbenchClient } from '../../../shared/api/client';
import type { WorkbenchBridge } from '../../../shared/api/bridge';
import type { ConnectionState, ConnectionStatus } from './connection';
import type { HttpTransport } from './http-transport';

export interface ClientContextValue {
  client: WorkbenchClient;
  mode: 'electron' | 'browser';
  status: ConnectionStatus;
  /** Native dialogs exist only in Electron. */
  bridge?: WorkbenchBridge;
  http?: HttpTransport;
}

const ClientContext = createContext<ClientContextValue | null>(null);

export function ClientProvider({ value, children }: { value: ClientContextValue; children: ReactNode }) {
  return <ClientContext.Provider value={value}>{children}</ClientContext.Provider>;
}

export function useConnection(): ClientContextValue {
  const value = useContext(ClientContext);
  if (!value) throw new Error('useConnection must be used inside <ClientProvider>');
  return value;
}

/** The typed API client (IPC in Electron, HTTP in browser mode). */
export function useClient(): WorkbenchClient {
  return useConnection().client;
}

export function useConnectionState(): ConnectionState {
  const { status } = useConnection();
  return useSyncExternalStore(
    (listener) => status.subscribe(listener),
    () => status.get(),
  );
}
