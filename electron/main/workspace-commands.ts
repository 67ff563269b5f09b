import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { CallResult } from '../../shared/api/client';
import type { ErrorInfo } from '../../shared/domain/errors';
import { WORKSPACE_FILTERS, withWorkspaceExtension } from './dialogs';

/**
 * File > New, Open and Save As: a native dialog in the main process, then the
 * same backend call the renderer would make. The backend tells the renderer
 * about the switch with a `workspace` event, so nothing else is sent here.
 */

export interface NativeDialogs {
  /** Resolves to the chosen paths, empty when cancelled. */
  showOpen(options: OpenDialogOptions): Promise<string[]>;
  /** Resolves to the chosen path, undefined when cancelled. */
  showSave(options: SaveDialogOptions): Promise<string | undefined>;
  showError(title: string, message: string): void;
}

export interface BackendCaller {
  call(method: string, input: unknown): Promise<CallResult>;
}

export interface WorkspaceCommands {
  /** Each resolves to true when a workspace was created/opened/saved, false when cancelled or refused. */
  newWorkspace(): Promise<boolean>;
  openWorkspace(): Promise<boolean>;
  saveWorkspaceAs(): Promise<boolean>;
}

export function describeError(error: ErrorInfo): string {
  const where = [error.file, error.row !== undefined ? `row ${error.row}` : undefined, error.field].filter((part) => part !== undefined && part !== '');
  return where.length > 0 ? `${where.join(', ')}: ${error.message}` : error.message;
}

export function createWorkspaceCommands(backend: BackendCaller, dialogs: NativeDialogs, documentsDir: () => string): WorkspaceCommands {
  async function run(title: string, method: string, input: unknown): Promise<boolean> {
    const result = await backend.call(method, input);
    if (result.ok) return true;
    dialogs.showError(title, describeError(result.error));
    return false;
  }

  async function currentName(): Promise<string> {
    const info = await backend.call('workspace.info', {});
    if (info.ok && typeof (info.value as { name?: unknown }).name === 'string') return (info.value as { name: string }).name;
    return 'Workspace';
  }

  return {
    async newWorkspace() {
      const chosen = await dialogs.showSave({
        title: 'New workspace',
        defaultPath: path.join(documentsDir(), 'Untitled.aispend'),
        filters: WORKSPACE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (!chosen) return false;
      return run('Could not create the workspace', 'workspace.new', { path: withWorkspaceExtension(chosen) });
    },

    async openWorkspace() {
      const chosen = await dialogs.showOpen({ title: 'Open workspace', filters: WORKSPACE_FILTERS, properties: ['openFile'] });
      const file = chosen[0];
      if (file === undefined) return false;
      return run('Could not open the workspace', 'workspace.open', { path: file });
    },

    async saveWorkspaceAs() {
      const name = await currentName();
      const chosen = await dialogs.showSave({
        title: 'Save workspace as',
        defaultPath: path.join(documentsDir(), withWorkspaceExtension(`${name} copy`)),
        filters: WORKSPACE_FILTERS,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (!chosen) return false;
      const target = withWorkspaceExtension(chosen);
      // The native dialog has asked before replacing the file it showed; a name we extended is a
      // different file the user was never asked about, so that one is not overwritten.
      return run('Could not save the workspace', 'workspace.saveAs', { path: target, overwrite: target === chosen });
    },
  };
}
