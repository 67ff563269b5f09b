import { z } from 'zod';
import type { CallResult } from './client';

/**
 * What Electron's preload exposes to the renderer as `window.workbench`, and
 * nothing else: the typed API (invoke + pushed events) and the native file
 * dialogs that only the main process may show. In browser mode there is no
 * bridge; the renderer speaks HTTP to the host instead.
 */
export { BRIDGE_KEY, IPC_CHANNELS } from './bridge-channels';

export const FileFilter = z.object({ name: z.string().max(100), extensions: z.array(z.string().regex(/^[\w*]{1,16}$/)).max(20) }).strict();

export const PickFilesOptions = z
  .object({
    title: z.string().max(200).optional(),
    filters: z.array(FileFilter).max(10).default([]),
    multiple: z.boolean().default(false),
  })
  .strict();
export type PickFilesOptions = z.input<typeof PickFilesOptions>;

export const PickSavePathOptions = z
  .object({
    title: z.string().max(200).optional(),
    defaultName: z.string().max(255).optional(),
    filters: z.array(FileFilter).max(10).default([]),
  })
  .strict();
export type PickSavePathOptions = z.input<typeof PickSavePathOptions>;

/** A file the user chose in a save dialog of this session, to show in the file manager. */
export const ShowInFolderRequest = z.object({ path: z.string().min(1).max(4096) }).strict();

export const InvokeRequest = z.object({ method: z.string().min(1).max(200), input: z.unknown() }).strict();

export interface WorkbenchBridge {
  invoke(method: string, input: unknown): Promise<CallResult>;
  /** Listens to pushed events (job progress, workspace switches, menu commands); returns an unsubscribe function. */
  onEvent(listener: (event: unknown) => void): () => void;
  /** Native open dialog; resolves to the chosen paths (empty when cancelled). */
  pickFiles(options: PickFilesOptions): Promise<string[]>;
  /** Native save dialog; resolves to the chosen path or null when cancelled. */
  pickSavePath(options: PickSavePathOptions): Promise<string | null>;
  /** Shows a file the user saved (a path a save dialog of this session returned) in the system's file manager. */
  showInFolder(path: string): Promise<boolean>;
  /** The path of a file dropped on the window (Electron's webUtils.getPathForFile). */
  pathForFile(file: File): string;
}
