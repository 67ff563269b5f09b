import os from 'node:os';
import { basename } from 'node:path';
import type { JobParsedInput } from '../../../shared/api';
import type { AppInfo, WorkspaceInfo } from '../../../shared/api/workspace';
import { WorkbenchError } from '../../../shared/domain/errors';
import { APP_NAME, APP_VERSION } from '../app-version';
import { workspaceIfOpen, type BackendContext } from '../context';
import { buildDemoWorkspace } from '../demo/build-demo';
import type { JobContext } from '../jobs/job-runner';
import { defaultWorkspacePath } from '../paths';
import { commit, changed } from './commit';
import { asWriteError } from './database';
import { Workspace } from './workspace';

/** Which workspace is open, and switching to another: new, opened, a saved copy, the rebuilt demo. */

export function appInfo(backend: BackendContext): AppInfo {
  return {
    name: APP_NAME,
    version: APP_VERSION,
    mode: backend.options.mode,
    platform: `${process.platform} ${os.release()}`,
    dataDir: backend.options.dataDir,
    defaultWorkspacePath: defaultWorkspacePath(backend.options.dataDir),
  };
}

export function createWorkspace(backend: BackendContext, path: string): WorkspaceInfo {
  const ws = Workspace.create(path, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
  backend.switchWorkspace(ws);
  return ws.info();
}

export function openWorkspace(backend: BackendContext, path: string): WorkspaceInfo {
  const ws = Workspace.open(path, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
  backend.switchWorkspace(ws);
  return ws.info();
}

/** A compacted copy of the open workspace, which is then the one open. */
export function saveWorkspaceAs(backend: BackendContext, path: string, overwrite: boolean): WorkspaceInfo {
  const source = backend.workspace();
  const copy = source.saveCopy(path, overwrite);
  const ws = Workspace.open(copy, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
  try {
    // A saved copy is the user's own analysis, named after its file; it records where it came from
    // (in the copy only: the source may be read-only, and a save that failed records nothing).
    commit(ws, () => {
      ws.setMeta('is_demo', '0');
      ws.setMeta('name', basename(copy).replace(/\.aispend$/i, ''));
      return changed(undefined, 'workspace.savedAs', { file: basename(copy), from: basename(source.path) });
    });
  } catch (error) {
    ws.close();
    throw asWriteError(error, copy, 'the copy was saved but could not be renamed');
  }
  backend.switchWorkspace(ws);
  return ws.info();
}

/** Builds the demo workspace (by default at its usual place) and opens it; refused while it is the one open. */
export async function rebuildDemo(backend: BackendContext, input: JobParsedInput<'workspace.buildDemo'>, job: JobContext): Promise<WorkspaceInfo> {
  const target = input.path ?? defaultWorkspacePath(backend.options.dataDir);
  const current = workspaceIfOpen(backend);
  if (current && current.path === target) {
    throw new WorkbenchError('conflict', 'the demo workspace is open; open another workspace before rebuilding it', { file: target });
  }
  const ws = await buildDemoWorkspace(
    { demoDir: backend.options.demoDir, target, overwrite: input.overwrite, appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding },
    job,
  );
  backend.switchWorkspace(ws);
  return ws.info();
}
