import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SavedWindowState } from './window-state';

export const WINDOW_STATE_FILE = 'window-state.json';

/** The saved state as raw JSON (validated by restoreWindowState), or undefined when missing or unreadable. */
export function readWindowState(dataDir: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves half a file. */
export function writeWindowState(dataDir: string, state: SavedWindowState): void {
  mkdirSync(dataDir, { recursive: true });
  const target = path.join(dataDir, WINDOW_STATE_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temp, target);
}
