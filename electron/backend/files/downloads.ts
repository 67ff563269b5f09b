import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Files a job writes for the browser to download (browser mode has no save
 * dialog): each in its own folder under one temporary directory, which the
 * host serves at /api/download and nowhere else.
 */
export function downloadsDir(): string {
  return path.join(os.tmpdir(), 'aispend-exports');
}

/** A new path for a download called `fileName` (its folder created). */
export function downloadPath(fileName: string): string {
  const dir = path.join(downloadsDir(), randomUUID());
  mkdirSync(dir, { recursive: true });
  return path.join(dir, fileName);
}

/** The file types the host serves from the downloads folder, with their media types. */
export const DOWNLOAD_TYPES: Readonly<Record<string, string>> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The media type of a file the host may serve as a download, or null when it may not (outside the folder, another type). */
export function downloadType(file: string): string | null {
  const root = path.resolve(downloadsDir());
  const resolved = path.resolve(file);
  if (!resolved.startsWith(`${root}${path.sep}`)) return null;
  return DOWNLOAD_TYPES[path.extname(resolved).toLowerCase()] ?? null;
}
