import { z } from 'zod';
import { CurrencyCode, Empty, Month } from './common';
import { ReadPath, WritePath } from './paths';
import { job, method } from './define';

export const WorkspaceInfo = z.object({
  path: z.string(),
  name: z.string(),
  id: z.string(),
  createdAt: z.string(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  isDemo: z.boolean(),
  /** Why the workspace is open read-only (a read-only medium, file or folder), or null when it can be changed. */
  readOnly: z.string().nullable(),
  ledgerLines: z.number().int(),
  imports: z.number().int(),
  firstMonth: Month.nullable(),
  lastMonth: Month.nullable(),
  currencies: z.array(CurrencyCode),
  providers: z.array(z.string()),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  mode: z.enum(['electron', 'browser', 'cli']),
  platform: z.string(),
  dataDir: z.string(),
  defaultWorkspacePath: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A workspace file path: workspaces end in .aispend so they are easy to recognise and hand on. */
const WorkspacePath = WritePath.refine((p) => p.toLowerCase().endsWith('.aispend'), 'a workspace file name ends in .aispend');

export const workspaceMethods = {
  'app.info': method(Empty, AppInfo, 'The app version, mode and where workspaces live.'),
  'workspace.info': method(Empty, WorkspaceInfo, 'The open workspace: file, name, what it holds.'),
  'workspace.new': method(z.object({ path: WorkspacePath }).strict(), WorkspaceInfo, 'Creates an empty workspace file and opens it. Refuses to overwrite an existing file.'),
  'workspace.open': method(z.object({ path: ReadPath }).strict(), WorkspaceInfo, 'Opens an existing workspace, upgrading its schema if it is older than the app.'),
  'workspace.saveAs': method(
    z.object({ path: WorkspacePath, overwrite: z.boolean().default(false) }).strict(),
    WorkspaceInfo,
    'Writes a consistent copy of the open workspace to a new file and switches to it.',
  ),
  'workspace.recent': method(Empty, z.object({ paths: z.array(z.string()) }), 'Recently opened workspace files, newest first.'),
  'workspace.audit': method(
    z.object({ limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.object({ entries: z.array(AuditEntry) }),
    'The audit log of the open workspace, newest first.',
  ),
};

export const workspaceJobs = {
  'workspace.buildDemo': job(
    z.object({ path: WorkspacePath.optional(), overwrite: z.boolean().default(false) }).strict(),
    WorkspaceInfo,
    'Builds the demo workspace from scenarios/demo and opens it.',
  ),
};
