import os from 'node:os';
import { basename } from 'node:path';
import { WorkbenchError } from '../../../shared/domain/errors';
import { APP_NAME, APP_VERSION } from '../app-version';
import { buildDemoWorkspace } from '../demo/build-demo';
import { workspaceIfOpen } from '../context';
import { defaultWorkspacePath } from '../paths';
import { Workspace } from '../workspace/workspace';
import type { HandlerMap, JobHandlerMap } from './types';

type WorkspaceMethod = 'app.info' | 'workspace.info' | 'workspace.new' | 'workspace.open' | 'workspace.saveAs' | 'workspace.recent' | 'workspace.audit';

export const workspaceHandlers: HandlerMap<WorkspaceMethod> = {
  'app.info': (_input, backend) => ({
    name: APP_NAME,
    version: APP_VERSION,
    mode: backend.options.mode,
    platform: `${process.platform} ${os.release()}`,
    dataDir: backend.options.dataDir,
    defaultWorkspacePath: defaultWorkspacePath(backend.options.dataDir),
  }),
  'workspace.info': (_input, backend) => backend.workspace().info(),
  'workspace.new': ({ path }, backend) => {
    const ws = Workspace.create(path, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
    backend.switchWorkspace(ws);
    return ws.info();
  },
  'workspace.open': ({ path }, backend) => {
    const ws = Workspace.open(path, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
    backend.switchWorkspace(ws);
    return ws.info();
  },
  'workspace.saveAs': ({ path, overwrite }, backend) => {
    const copy = backend.workspace().saveCopy(path, overwrite);
    const ws = Workspace.open(copy, { appVersion: APP_VERSION, nativeBinding: backend.options.nativeBinding });
    // A saved copy is the user's own analysis, named after its file.
    ws.setMeta('is_demo', '0');
    ws.setMeta('name', basename(copy).replace(/\.aispend$/i, ''));
    backend.switchWorkspace(ws);
    return ws.info();
  },
  'workspace.recent': (_input, backend) => ({ paths: backend.settings.read().recent }),
  'workspace.audit': ({ limit }, backend) => ({ entries: backend.workspace().auditEntries(limit) }),
};

export const workspaceJobHandlers: JobHandlerMap<'workspace.buildDemo'> = {
  'workspace.buildDemo': async (input, backend, job) => {
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
  },
};
