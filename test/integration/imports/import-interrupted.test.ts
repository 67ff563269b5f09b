/**
 * An import interrupted part-way leaves the workspace exactly as it was:
 * cancelled by the user, its writing thread killed, its reading thread
 * killed, or the whole process killed (SIGKILL) mid-transaction.
 */
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStatement } from '../../../bench/generate';
import { runImportThreads } from '../../../electron/backend/imports/import-threads';
import type { JobEvent } from '../../../shared/api/jobs';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';
import { demoLedgerLineCount } from '../../helpers/demo-statements';
import { REPO_ROOT } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Lines, imports and a fingerprint of the ledger, read over a connection of its own. */
function snapshot(file: string): { lines: number; imports: number; sum: string; check: string } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS lines, CAST(coalesce(sum(billed_cost), 0) AS TEXT) AS sum FROM ledger_lines').get() as { lines: number; sum: string };
    const imports = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
    return { lines: row.lines, imports, sum: row.sum, check: db.pragma('quick_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

describe('an interrupted import leaves the workspace as it was', () => {
  let s: Started;
  let workspacePath: string;
  let big: string;
  let before: ReturnType<typeof snapshot>;

  beforeAll(async () => {
    s = await startBackend();
    workspacePath = s.backend.workspace().path;
    // About 110 MB: long enough to interrupt part-way on any machine.
    big = (await generateStatement({ format: 'focus', rows: 200_000, seed: 3, out: path.join(s.dir, 'focus-200k.csv') })).path;
    before = snapshot(workspacePath);
    expect(before.lines).toBe(demoLedgerLineCount());
  });
  afterAll(async () => s.stop());

  it('when the user cancels mid-import', async () => {
    const events: JobEvent[] = [];
    const job = s.client.runJob('imports.run', { path: big }, (event) => {
      events.push(event);
      // Cancel once lines are being written inside the transaction and the progress has an estimate.
      if (/[1-9][\d,]* lines written .* s left/.test(event.message) && events.filter((e) => e.state === 'running').length === events.length) void job.cancel();
    });
    const error = await job.result.catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.code).toBe('cancelled');
    expect(events.some((e) => /rows read · [\d,]+ lines written · [\d,]+ MB of [\d,]+ MB · about \d+ s left/.test(e.message))).toBe(true);
    expect(events.at(-1)?.state).toBe('cancelled');
    expect(snapshot(workspacePath)).toEqual(before);
  });

  it('when the writing thread is killed', async () => {
    let killed = false;
    const outcome = runImportThreads({
      dbPath: workspacePath,
      filePath: big,
      read: {},
      policy: { onRejects: 'abort', onOverlap: 'ask', dryRun: false },
      onStarted: ({ writer }) => {
        const timer = setInterval(() => {
          if (!killed && existsSync(`${workspacePath}-wal`) && statSync(`${workspacePath}-wal`).size > 4 * 1024 * 1024) {
            killed = true;
            clearInterval(timer);
            void writer.terminate();
          }
        }, 20);
      },
    });
    const error = await outcome.catch((e: unknown) => e);
    expect(killed).toBe(true);
    expect(isWorkbenchError(error) && [error.code, error.message]).toEqual(['internal', expect.stringContaining("writing thread stopped")]);
    expect(snapshot(workspacePath)).toEqual(before);
  });

  it('when the reading thread is killed', async () => {
    let writing = false;
    const outcome = runImportThreads({
      dbPath: workspacePath,
      filePath: big,
      read: {},
      policy: { onRejects: 'abort', onOverlap: 'ask', dryRun: false },
      onProgress: (p) => {
        writing ||= p.linesWritten > 0;
      },
      onStarted: ({ parser }) => {
        const timer = setInterval(() => {
          if (writing) {
            clearInterval(timer);
            void parser.terminate();
          }
        }, 20);
      },
    });
    const error = await outcome.catch((e: unknown) => e);
    expect(isWorkbenchError(error) && error.message).toContain('reading thread stopped');
    expect(snapshot(workspacePath)).toEqual(before);
  });

  it('when the process is killed mid-transaction, and the workspace still takes the import afterwards', async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'aispend.cjs'), 'import', big, '--workspace', workspacePath], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const wal = `${workspacePath}-wal`;
        if (existsSync(wal) && statSync(wal).size > 8 * 1024 * 1024) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - started > 60_000 || child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error('the import ended before it could be killed'));
        }
      }, 10);
    });
    expect(await exited).toBe('SIGKILL');
    expect(snapshot(workspacePath)).toEqual(before);

    const result = await s.client.runJob('imports.run', { path: big }).result;
    expect([result.status, result.rowsRead, result.rowsRejected]).toEqual(['imported', 200_000, 0]);
    expect(snapshot(workspacePath).lines).toBe(before.lines + result.linesImported);
  });
});
