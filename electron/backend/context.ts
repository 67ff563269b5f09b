import type { AppEvent } from '../../shared/api/events';
import { isWorkbenchError } from '../../shared/domain/errors';
import type { JobRunner } from './jobs/job-runner';
import type { SettingsStore } from './settings';
import type { Workspace } from './workspace/workspace';

export type AppMode = 'electron' | 'browser' | 'cli';

export interface BackendOptions {
  mode: AppMode;
  dataDir: string;
  /** scenarios/demo: the inputs the demo workspace is built from. */
  demoDir: string;
  /** better-sqlite3 binding built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Whether opening a workspace adds it to the recent list (false for one-off CLI commands). */
  rememberRecent?: boolean;
}

/** What every handler may use: the open workspace, jobs, settings, events. */
export interface BackendContext {
  readonly options: BackendOptions;
  readonly jobs: JobRunner;
  readonly settings: SettingsStore;
  /** The open workspace; throws a clear error when none is open. */
  workspace(): Workspace;
  /** Replaces the open workspace (closing the previous one) and tells the UI. */
  switchWorkspace(next: Workspace): void;
  emit(event: AppEvent): void;
}

/** The open workspace, or null when none is open; any other failure to reach it is thrown. */
export function workspaceIfOpen(backend: BackendContext): Workspace | null {
  try {
    return backend.workspace();
  } catch (error) {
    if (isWorkbenchError(error) && error.code === 'unavailable') return null;
    throw error;
  }
}
