import type { AreaHandlers, JobHandlerMap } from '../area';
import { appInfo, createWorkspace, openWorkspace, rebuildDemo, saveWorkspaceAs } from './workspace-service';

type WorkspaceMethod = 'app.info' | 'workspace.info' | 'workspace.new' | 'workspace.open' | 'workspace.saveAs' | 'workspace.recent' | 'workspace.audit';

export const workspaceHandlers: AreaHandlers<WorkspaceMethod> = {
  'app.info': (_input, backend) => appInfo(backend),
  'workspace.info': (_input, backend) => backend.workspace().info(),
  'workspace.new': ({ path }, backend) => createWorkspace(backend, path),
  'workspace.open': ({ path }, backend) => openWorkspace(backend, path),
  'workspace.saveAs': ({ path, overwrite }, backend) => saveWorkspaceAs(backend, path, overwrite),
  'workspace.recent': (_input, backend) => ({ paths: backend.settings.read().recent }),
  'workspace.audit': ({ limit }, backend) => ({ entries: backend.workspace().auditEntries(limit) }),
};

export const workspaceJobs: JobHandlerMap<'workspace.buildDemo'> = {
  'workspace.buildDemo': (input, backend, job) => rebuildDemo(backend, input, job),
};
