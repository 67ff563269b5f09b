import type { z } from 'zod';
import { IPC_CHANNELS, type PickFilesOptions, type PickSavePathOptions } from '../../shared/api/bridge';
import type { CallResult } from '../../shared/api/client';
import { FORBIDDEN_SENDER, checkInvoke, checkPickFiles, checkPickSavePath, checkShowInFolder, senderAllowed, type SenderFrame } from './ipc-validation';
import { describeError, type BackendCaller } from './workspace-commands';

/** What an IPC handler needs to know about a message's origin (Electron's IpcMainInvokeEvent has these). */
export interface InvokeEventLike {
  sender: unknown;
  senderFrame: SenderFrame | null;
}

/** The part of ipcMain used here; tests pass a fake. */
export interface IpcRegistry {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcDependencies {
  ipcMain: IpcRegistry;
  backend: BackendCaller;
  /** Is this web contents our main window's (and not some other contents that got hold of the preload)? */
  isOurWindow(sender: unknown): boolean;
  pickFiles(sender: unknown, options: z.output<typeof PickFilesOptions>): Promise<string[]>;
  pickSavePath(sender: unknown, options: z.output<typeof PickSavePathOptions>): Promise<string | null>;
  /** Shows a saved file in the file manager; false when it is not one the user chose to save this session. */
  showInFolder(path: string): Promise<boolean>;
}

/**
 * The bridge's channels. Each message is checked, in this order, before
 * anything runs: the sender (our window, top frame, our origin), then the
 * payload against the bridge schema. A refused invoke answers with the one
 * error shape, as any failed call does; a refused dialog request rejects.
 */
export function registerIpc(deps: IpcDependencies): () => void {
  const trusted = (event: InvokeEventLike): boolean => senderAllowed(event.senderFrame) && deps.isOurWindow(event.sender);

  deps.ipcMain.handle(IPC_CHANNELS.invoke, async (event, payload): Promise<CallResult> => {
    if (!trusted(event)) return { ok: false, error: FORBIDDEN_SENDER };
    const request = checkInvoke(payload);
    if (!request.ok) return { ok: false, error: request.error };
    return deps.backend.call(request.value.method, request.value.input);
  });

  deps.ipcMain.handle(IPC_CHANNELS.pickFiles, async (event, payload): Promise<string[]> => {
    if (!trusted(event)) throw new Error(FORBIDDEN_SENDER.message);
    const options = checkPickFiles(payload);
    if (!options.ok) throw new Error(describeError(options.error));
    return deps.pickFiles(event.sender, options.value);
  });

  deps.ipcMain.handle(IPC_CHANNELS.pickSavePath, async (event, payload): Promise<string | null> => {
    if (!trusted(event)) throw new Error(FORBIDDEN_SENDER.message);
    const options = checkPickSavePath(payload);
    if (!options.ok) throw new Error(describeError(options.error));
    return deps.pickSavePath(event.sender, options.value);
  });

  deps.ipcMain.handle(IPC_CHANNELS.showInFolder, async (event, payload): Promise<boolean> => {
    if (!trusted(event)) throw new Error(FORBIDDEN_SENDER.message);
    const request = checkShowInFolder(payload);
    if (!request.ok) throw new Error(describeError(request.error));
    return deps.showInFolder(request.value.path);
  });

  return () => {
    deps.ipcMain.removeHandler(IPC_CHANNELS.showInFolder);
    deps.ipcMain.removeHandler(IPC_CHANNELS.invoke);
    deps.ipcMain.removeHandler(IPC_CHANNELS.pickFiles);
    deps.ipcMain.removeHandler(IPC_CHANNELS.pickSavePath);
  };
}
