/**
 * Every import starts two threads on the import worker's bundle, and what
 * that bundle loads before its first line is paid on every import, however
 * small. The libraries only some files need (the column mapping's zod and
 * yaml, Parquet's hyparquet, the XLSX reader's fflate and SheetJS) must
 * therefore sit behind a dynamic import, never on the chain of static
 * imports from the worker's entry: loaded up front they took each thread
 * about 60 ms (a 1,000-line CSV import 0.37 s of CPU against 0.17 s).
 */
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ENTRY = 'electron/backend/imports/import.worker.ts';
/** Packages an import thread may load before any file is read. */
const AT_START = new Set(['better-sqlite3']);

/** The packages reached from `entry` by static imports and requires alone (esbuild's own module graph). */
function loadedAtStart(meta: Metafile, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    for (const imported of meta.inputs[file]?.imports ?? []) {
      if (imported.kind === 'dynamic-import') continue;
      if (imported.external) {
        if (!imported.path.startsWith('node:')) packages.add(imported.path.split('/').slice(0, imported.path.startsWith('@') ? 2 : 1).join('/'));
      } else if (!seen.has(imported.path)) {
        seen.add(imported.path);
        queue.push(imported.path);
      }
    }
  }
  return packages;
}

describe('an import thread starts light', () => {
  it('loads no library but SQLite before it reads a file', async () => {
    const result = await build({ entryPoints: [path.resolve(ENTRY)], bundle: true, platform: 'node', format: 'cjs', packages: 'external', write: false, metafile: true, logLevel: 'silent', absWorkingDir: process.cwd() });
    const packages = loadedAtStart(result.metafile, ENTRY);
    expect([...packages].filter((p) => !AT_START.has(p))).toEqual([]);
    // The graph walk itself reaches the readers (else an empty set would prove nothing).
    expect(packages.has('better-sqlite3')).toBe(true);
  });
});
