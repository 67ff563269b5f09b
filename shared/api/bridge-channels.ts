/**
 * The bridge's name and IPC channels, apart from bridge.ts so that the
 * sandboxed preload can import them without bundling zod (bridge.ts
 * re-exports both; import them from there everywhere else).
 */
export const BRIDGE_KEY = 'workbench';

export const IPC_CHANNELS = {
  invoke: 'workbench:invoke',
  event: 'workbench:event',
  pickFiles: 'workbench:pick-files',
  pickSavePath: 'workbench:pick-save-path',
  showInFolder: 'workbench:show-in-folder',
} as const;
