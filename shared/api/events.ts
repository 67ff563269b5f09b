import { z } from 'zod';
import { JobEvent } from './jobs';
import { WorkspaceInfo } from './workspace';

/** Commands the Electron menu sends to the UI (File and Help menus). */
export const MENU_COMMANDS = ['file.new', 'file.open', 'file.saveAs', 'file.export', 'help.about', 'navigate.import'] as const;
export const MenuCommand = z.enum(MENU_COMMANDS);
export type MenuCommand = z.infer<typeof MenuCommand>;

/** Everything the backend pushes to the UI: job progress, a workspace switch, a menu command. */
export const AppEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('job'), job: JobEvent }),
  z.object({ type: z.literal('workspace'), info: WorkspaceInfo }),
  z.object({ type: z.literal('menu'), command: MenuCommand }),
]);
export type AppEvent = z.infer<typeof AppEvent>;
