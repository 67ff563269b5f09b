import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { inProcessTransport } from '../../electron/backend/in-process-transport';
import { createClient, type WorkbenchClient } from '../../shared/api/client';
import { DEMO_DIR, tempDir } from './temp';

/** A backend on a temp data dir with an in-process client speaking the same typed API as the UI. */
export async function startBackend(options: { openDemo?: boolean } = {}): Promise<{
  backend: Backend;
  client: WorkbenchClient;
  dataDir: string;
  dir: string;
  stop: () => Promise<void>;
}> {
  const { dir, cleanup } = tempDir();
  const dataDir = path.join(dir, 'data');
  const backend = new Backend({ mode: 'cli', dataDir, demoDir: DEMO_DIR });
  if (options.openDemo !== false) await backend.openInitialWorkspace();
  const client = createClient(inProcessTransport(backend));
  return {
    backend,
    client,
    dataDir,
    dir,
    stop: async () => {
      await backend.close();
      cleanup();
    },
  };
}
