import { IPC_CHANNELS } from '../../shared/api/bridge-channels';
import type { PickFilesOptions, PickSavePathOptions, WorkbenchBridge } from '../../shared/api/bridge';
import type { CallResult } from '../../shared/api/client';

/** The few ipcRenderer calls the bridge makes; the preload passes the real one, tests a fake. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface RendererWebUtils {
  getPathForFile(file: File): string;
}

/**
 * Builds `window.workbench`: exactly the WorkbenchBridge functions, each
 * sending on its own fixed channel. The page never gets ipcRenderer, an
 * IpcRendererEvent (whose `sender` is ipcRenderer) or a channel name to
 * choose; main checks the sender and validates every payload.
 */
export function createBridge(ipc: RendererIpc, webUtils: RendererWebUtils): WorkbenchBridge {
  return {
    invoke: (method: string, input: unknown) => ipc.invoke(IPC_CHANNELS.invoke, { method, input }) as Promise<CallResult>,
    onEvent: (listener: (event: unknown) => void) => {
      const forward = (_event: unknown, payload: unknown) => listener(payload);
      ipc.on(IPC_CHANNELS.event, forward);
      return () => {
        ipc.removeListener(IPC_CHANNELS.event, forward);
      };
    },
    pickFiles: (options: PickFilesOptions) => ipc.invoke(IPC_CHANNELS.pickFiles, options) as Promise<string[]>,
    pickSavePath: (options: PickSavePathOptions) => ipc.invoke(IPC_CHANNELS.pickSavePath, options) as Promise<string | null>,
    showInFolder: (path: string) => ipc.invoke(IPC_CHANNELS.showInFolder, { path }) as Promise<boolean>,
    pathForFile: (file: File) => webUtils.getPathForFile(file),
  };
}
