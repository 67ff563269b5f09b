import { existsSync } from 'node:fs';
import path from 'node:path';
import { createClient, type WorkbenchClient } from '../../shared/api/client';
import { WorkbenchError } from '../../shared/domain/errors';
import { appRoot, demoDir } from '../backend/app-root';
import { Backend } from '../backend/backend';
import { inProcessTransport } from '../backend/in-process-transport';
import { defaultDataDir } from '../backend/paths';

/**
 * One CLI command's workbench: a backend in this process on the workspace
 * the user named (never "the last one opened"), spoken to through the same
 * typed client as the UI and the tests, so the CLI's inputs and answers are
 * validated like theirs.
 */
export interface Session {
  readonly client: WorkbenchClient;
  /** The named workspace's file, absolute; null when the command needs none. */
  readonly workspacePath: string | null;
  /** Waits for work the backend started on its own (the list-cost refill after imports and price edits) before the command ends. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(workspace: string | undefined, options: { mustExist?: boolean } = {}): Promise<Session> {
  const backend = new Backend({ mode: 'cli', dataDir: defaultDataDir(), demoDir: demoDir(appRoot()), rememberRecent: false });
  const client = createClient(inProcessTransport(backend));
  const session = (workspacePath: string | null): Session => ({
    client,
    workspacePath,
    settle: () => backend.jobs.idle(),
    close: () => backend.close(),
  });
  if (options.mustExist === false) return session(null);
  try {
    if (!workspace) throw new WorkbenchError('bad_input', 'name the workspace with --workspace FILE', { field: '--workspace' });
    const file = path.resolve(workspace);
    if (!existsSync(file)) throw new WorkbenchError('not_found', 'no such workspace file', { file, field: '--workspace' });
    const info = await client.call('workspace.open', { path: file });
    // On stderr, so --json output stays one document.
    if (info.readOnly) process.stderr.write(`aispend: ${info.path} is open read-only because ${info.readOnly}; changes will be refused\n`);
    return session(info.path);
  } catch (error) {
    await backend.close();
    throw error;
  }
}
