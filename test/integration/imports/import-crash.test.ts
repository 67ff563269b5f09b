/**
 * The crash test: an import killed outright (SIGKILL, as a power cut or the
 * OS would) at seeded random points spread over the whole run — while the
 * statement is read, lines written, indexes built and list costs filled —
 * leaves each time an intact workspace holding either none of the import or
 * all of it (lines and import counts agree), which the CLI then opens.
 */
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStatement } from '../../../bench/generate';
import { aispend } from '../../helpers/cli';
import { startBackend } from '../../helpers/backend';
import { demoLedgerLineCount } from '../../helpers/demo-statements';
import { REPO_ROOT } from '../../helpers/temp';
import { mulberry32 } from '../../../shared/domain/seeded';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Kills per run of the suite: bounded, so the test stays within a minute or two on a shared machine. */
const KILLS = 6;
const ROWS = 20_000;

/** Lines, imports and a fingerprint of the ledger, read over a connection of its own. */
function snapshot(file: string): { lines: number; imports: number; sum: string; check: string } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db.prepare('SELECT count(*) AS lines, CAST(coalesce(sum(billed_cost), 0) AS TEXT) AS sum FROM ledger_lines').get() as { lines: number; sum: string };
    const imports = (db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
    return { lines: row.lines, imports, sum: row.sum, check: db.pragma('integrity_check', { simple: true }) as string };
  } finally {
    db.close();
  }
}

/** Runs `aispend import` on the workspace; killed after `killAfterMs` when given. Resolves with the time taken, how it ended and its last progress line. */
function runImport(statement: string, workspace: string, killAfterMs?: number): Promise<{ ms: number; signal: NodeJS.Signals | null; code: number | null; lastLine: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'aispend.cjs'), 'import', statement, '--workspace', workspace], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const lines = stderr.trim().split('\n');
      resolve({ ms: Date.now() - started, signal, code, lastLine: lines.at(-1) ?? '' });
    });
  });
}

describe('crash test: an import killed at random points', () => {
  let s: Started;
  let baseline: string;
  let statement: string;

  beforeAll(async () => {
    s = await startBackend();
    const demo = s.backend.workspace().path;
    // Closed, so the copy below is the whole workspace in one file.
    await s.backend.close();
    baseline = path.join(s.dir, 'baseline.aispend');
    copyFileSync(demo, baseline);
    statement = (await generateStatement({ format: 'focus', rows: ROWS, seed: 12, out: path.join(s.dir, 'focus.csv') })).path;
    // The CLI bundle is built now, not inside the first timed run.
    expect(aispend(['--version']).status).toBe(0);
  }, 180_000);
  afterAll(async () => s.stop());

  it(`keeps the workspace whole through ${KILLS} kills, each with none or all of the import, and the CLI opens it`, async () => {
    const before = snapshot(baseline);
    expect(before).toMatchObject({ lines: demoLedgerLineCount(), check: 'ok' });

    // One run to the end: how long a whole import takes here, and what it adds.
    const whole = path.join(s.dir, 'whole.aispend');
    copyFileSync(baseline, whole);
    const full = await runImport(statement, whole);
    expect(full.code, full.lastLine).toBe(0);
    const after = snapshot(whole);
    expect(after.check).toBe('ok');
    expect(after.imports).toBe(before.imports + 1);
    expect(after.lines).toBeGreaterThan(before.lines);

    // One kill in each of KILLS equal slices of that time, at a seeded random point within it.
    const random = mulberry32(12);
    const outcomes: { at: number; committed: boolean; lastLine: string }[] = [];
    const killAt = (k: number): number => {
      if (k < KILLS) return Math.round((full.ms * (k + random())) / KILLS);
      // A shared machine may run the killed imports slower than the timed one, so that every seeded point
      // fell before the commit: later points then, each 15% further, until one falls after it.
      return Math.round(full.ms * 0.9 * 1.15 ** (k - KILLS + 1));
    };
    for (let k = 0; k < KILLS + 8; k++) {
      if (k >= KILLS && outcomes.some((o) => o.committed)) break;
      const at = killAt(k);
      const file = path.join(s.dir, `killed-${k}.aispend`);
      copyFileSync(baseline, file);
      const run = await runImport(statement, file, at);
      const seen = snapshot(file);
      const where = `kill ${k} at ${at} ms of ${full.ms} (${run.signal ?? `exit ${run.code}`}; last progress: ${run.lastLine})`;
      expect(seen.check, where).toBe('ok');
      // All or nothing, and the two counts agree: no import row without its lines, no lines without their import.
      const committed = seen.imports === after.imports;
      expect(committed ? seen : { ...seen, check: 'ok' }, where).toEqual(committed ? after : before);
      outcomes.push({ at, committed, lastLine: run.lastLine });

      const info = aispend(['workspace', 'info', '--workspace', file, '--json']);
      expect(info.status, `${where}: ${info.stderr}`).toBe(0);
      expect(JSON.parse(info.stdout), where).toMatchObject({ ledgerLines: seen.lines, imports: seen.imports });
    }
    // The kills fell both before the import was committed and after (index build, list-cost fill).
    expect(outcomes.some((o) => !o.committed), JSON.stringify(outcomes)).toBe(true);
    expect(outcomes.some((o) => o.committed), JSON.stringify(outcomes)).toBe(true);
  }, 600_000);
});
