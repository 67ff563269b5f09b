import path from 'node:path';
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { z } from 'zod';
import type { PickFilesOptions, PickSavePathOptions } from '../../shared/api/bridge';

/** Native file dialogs: what the renderer may ask for, turned into Electron's options. */

export const WORKSPACE_EXTENSION = 'aispend';
export const WORKSPACE_FILTERS = [{ name: 'AI Spend Workbench workspace', extensions: [WORKSPACE_EXTENSION] }];

export function openDialogOptions(options: z.output<typeof PickFilesOptions>): OpenDialogOptions {
  const properties: OpenDialogOptions['properties'] = ['openFile'];
  if (options.multiple) properties.push('multiSelections');
  const result: OpenDialogOptions = { properties, filters: options.filters };
  if (options.title !== undefined) result.title = options.title;
  return result;
}

/**
 * The suggested name is only a file name: any folder part the renderer sent
 * is dropped, and the dialog opens in `defaultDir` (the user's Documents).
 */
export function saveDialogOptions(options: z.output<typeof PickSavePathOptions>, defaultDir: string): SaveDialogOptions {
  const result: SaveDialogOptions = {
    filters: options.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  if (options.title !== undefined) result.title = options.title;
  const name = options.defaultName === undefined ? '' : path.basename(options.defaultName.replace(/\\/g, '/'));
  result.defaultPath = name ? path.join(defaultDir, name) : defaultDir;
  return result;
}

/** Workspace files end in .aispend; a name typed without it gets it. */
export function withWorkspaceExtension(file: string): string {
  return file.toLowerCase().endsWith(`.${WORKSPACE_EXTENSION}`) ? file : `${file}.${WORKSPACE_EXTENSION}`;
}
