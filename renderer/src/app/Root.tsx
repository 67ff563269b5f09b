import { useEffect, useMemo } from 'react';
import type { Connection } from '../api/connect';
import { ClientProvider, type ClientContextValue } from '../api/ClientContext';
import { JobsStore } from '../state/jobs-store';
import { StoresProvider, type Stores } from '../state/StoresContext';
import { WorkspaceStore } from '../state/workspace-store';
import { App } from './App';

/** Wires the chosen transport, the stores and the app; or explains how to connect when there is no token. */
export function Root({ connection }: { connection: Connection }) {
  if (connection.kind === 'no-token') return <NotConnected />;
  return <Connected connection={connection} />;
}

function Connected({ connection }: { connection: Exclude<Connection, { kind: 'no-token' }> }) {
  const value = useMemo<ClientContextValue>(
    () =>
      connection.kind === 'electron'
        ? { client: connection.client, mode: 'electron', status: connection.status, bridge: connection.bridge }
        : { client: connection.client, mode: 'browser', status: connection.status, http: connection.http },
    [connection],
  );
  const stores = useMemo<Stores>(() => ({ workspace: new WorkspaceStore(connection.client), jobs: new JobsStore(connection.client) }), [connection]);

  useEffect(() => {
    const stopWorkspace = stores.workspace.start();
    const stopJobs = stores.jobs.start();
    // After a break in the event stream, events may be lost: read the workspace again.
    const stopReconnect = connection.kind === 'browser' ? connection.http.onReconnect(() => void stores.workspace.refresh()) : undefined;
    return () => {
      stopWorkspace();
      stopJobs();
      stopReconnect?.();
    };
  }, [stores, connection]);

  return (
    <ClientProvider value={value}>
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>
    </ClientProvider>
  );
}

function NotConnected() {
  return (
    <main className="not-connected">
      <h1>AI Spend Workbench</h1>
      <p>This page needs the link that the workbench printed when it started, which carries a one-time access token:</p>
      <pre>AI Spend Workbench (browser mode) is ready: http://127.0.0.1:PORT/#token=…</pre>
      <p>Open that link in this browser. Start the workbench with <code>npm start</code> if it is not running.</p>
    </main>
  );
}
