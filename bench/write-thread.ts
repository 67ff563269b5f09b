/**
 * The import's writing thread alone: a statement is read and encoded once
 * (not timed), then its batches are written by the app's ImportWriter into a
 * fresh workspace, `runs` times, the lines only (the load: decode, bind,
 * INSERT; the end's index build and commit are rolled back). Prints one
 * JSON line per run with the load's wall and CPU seconds and the writer's
 * stages, so a change to the writer can be measured in paired runs without
 * the reading thread's noise:
 *
 *   npx tsx bench/write-thread.ts FILE [runs] [--hash]
 *
 * `--hash` commits the last run instead and adds a SHA-256 of every stored
 * ledger line (ledger_lines in id order), to check that a faster writer
 * stores exactly the same ledger.
 *
 * (`node --import tsx --cpu-prof bench/write-thread.ts FILE` profiles it.)
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { StageClock } from '../electron/backend/imports/import-profile';
import { ImportWriter } from '../electron/backend/imports/import-writer';
import { createWorkspaceDatabase } from '../electron/backend/workspace/database';
import { readEncodedStatement } from './lib/encoded-batches';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const file = args[0];
if (!file) throw new Error('usage: npx tsx bench/write-thread.ts FILE [runs] [--hash]');
const runs = Number(args[1] ?? 3);
const hashing = process.argv.includes('--hash');

function ledgerHash(db: Database.Database): string {
  const hash = createHash('sha256');
  for (const row of db.prepare('SELECT * FROM ledger_lines ORDER BY id').safeIntegers(true).raw(true).iterate() as Iterable<unknown[]>) {
    hash.update(`${row.map(String).join('\u0001')}\n`);
  }
  return hash.digest('hex');
}

const { meta, batches, summary } = await readEncodedStatement(file);
const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-write-thread-'));
try {
  for (let run = 0; run < runs; run += 1) {
    const db = createWorkspaceDatabase(path.join(dir, `run-${run}.aispend`));
    // The import thread's own cache (import.worker.ts).
    db.pragma('cache_size = -32768');
    const clock = new StageClock('write');
    const writer = new ImportWriter(db, { onRejects: 'import', onOverlap: 'keep', dryRun: false }, clock);
    writer.start(meta);
    const cpu = process.cpuUsage();
    const started = performance.now();
    for (const batch of batches) writer.write(batch);
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - started) / 1000;
    const result: Record<string, unknown> = {
      run,
      lines: writer.linesWritten,
      seconds: Math.round(seconds * 1000) / 1000,
      cpuSeconds: Math.round((used.user + used.system) / 1000) / 1000,
      profile: clock.stages(),
    };
    if (hashing && run === runs - 1) {
      writer.finish(summary, 'f'.repeat(64));
      result.ledgerSha256 = ledgerHash(db);
    } else writer.rollback();
    db.close();
    console.log(JSON.stringify(result));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
