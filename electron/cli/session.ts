import { existsSync } from 'node:fs';
import path from 'node:path';
import { WorkbenchError } from '../../shared/domain/errors';
import { appRoot, demoDir } from '../backend/app-root';
import { Backend } from '../backend/backend';
import { defaultDataDir } from '../backend/paths';

/** A backend for one CLI command, on the workspace the user named (never "the last one opened"). */
export async function openSession(workspace: string | undefined, options: { mustExist?: boolean } = {}): Promise<Backend> {
  const backend = new Backend({ mode: 'cli', dataDir: defaultDataDir(), demoDir: demoDir(appRoot()), rememberRecent: false });
  if (options.mustExist !== false) {
    if (!workspace) throw new WorkbenchError('bad_input', 'name the workspace with --workspace FILE', { field: '--workspace' });
    const file = path.resolve(workspace);
    if (!existsSync(file)) throw new WorkbenchError('not_found', 'no such workspace file', { file, field: '--workspace' });
    await backend.openInitialWorkspace(file);
  }
  return backend;
}
