/**
 * A big cloud export: a generated whole-organisation AWS CUR 2.0 of
 * AISPEND_BENCH_CUR_LINES lines (default 20,000,000; 2% Bedrock, the rest
 * compute, storage and network by the hour over 20 accounts), as gzip CSV
 * and as Parquet, imported through the real pipeline (the imports.run job)
 * into a fresh workspace, once keeping every line and once keeping the AI
 * lines with the rest aggregated (`--keep ai`). Anchor, in the same run on
 * the same files: DuckDB loading the file into a table of a new database
 * file. Reported for each: time, peak RSS and the size of what is left on
 * disk (workspace or DuckDB file), and that the import reconciled to the
 * cent with the generator's own per-currency totals.
 *
 * Each measurement runs once, in a child process of its own (20 million
 * lines take minutes a side; the 1M-line FOCUS benchmark is the one with
 * repeated rounds). Workspaces are removed after each run: at 20M lines a
 * workspace keeping every line is several GB.
 *
 * The file is written by DuckDB in SQL (generate/cur-account-sql.ts: a
 * minute for 20M lines where the JavaScript writer took 50), with the
 * expected per-currency totals summed by DuckDB as DECIMAL. The load average
 * before and after each measurement is in the result: the machine is shared.
 *
 * Run: AISPEND_BENCH_CUR_LINES=2000000 npm run bench -- cloud-export
 *      AISPEND_BENCH_CUR_KEEP=ai (or all; both by default) measures one choice;
 *      AISPEND_BENCH_CUR_FORMATS=parquet (or csv-gz; both by default) one format.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Measured } from './import-task';
import { peakRssMb, writeBenchResult } from './lib/result';
import { flushFiles } from './lib/flush-files';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LINES = Number(process.env.AISPEND_BENCH_CUR_LINES ?? 20_000_000);
const SEED = 20;
const ROW_GROUP_LINES = 100_000;
const KEEPS = (process.env.AISPEND_BENCH_CUR_KEEP ?? 'ai,all').split(',').map((k) => k.trim()) as ('ai' | 'all')[];
const FORMATS = (process.env.AISPEND_BENCH_CUR_FORMATS ?? 'csv-gz,parquet').split(',').map((k) => k.trim()) as ('csv-gz' | 'parquet')[];
/** Where the files and workspaces go (tens of GB at 20M lines): AISPEND_BENCH_TMP or the system's temp folder. */
const TMP = process.env.AISPEND_BENCH_TMP ?? os.tmpdir();

async function buildTask(): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = path.join(ROOT, 'dist', 'bench', 'import-task.cjs');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'bench', 'import-task.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'error' });
  return outfile;
}

const load = () => os.loadavg().map((l) => round(l));

function runChild(taskFile: string, task: 'import' | 'duckdb', file: string, dir: string, keep?: 'all' | 'ai'): Measured & { loadBefore: number[]; loadAfter: number[] } {
  mkdirSync(dir, { recursive: true });
  const loadBefore = load();
  try {
    const run = spawnSync(process.execPath, [taskFile, task, file, dir, ...(keep ? [keep] : [])], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      maxBuffer: 1 << 24,
    });
    if (run.status !== 0) throw new Error(`${task} of ${path.basename(file)} failed:\n${run.stderr}`);
    return { ...(JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as Measured), loadBefore, loadAfter: load() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A per-currency record as text with its currencies in order, to compare two of them. */
const sorted = (totals: Record<string, string>) => JSON.stringify(Object.entries(totals).sort(([a], [b]) => a.localeCompare(b)));
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const scale = LINES % 1_000_000 === 0 ? `${LINES / 1_000_000}m` : LINES % 1000 === 0 ? `${LINES / 1000}k` : String(LINES);

async function main(): Promise<void> {
  if (!Number.isSafeInteger(LINES) || LINES < 1000) throw new Error('AISPEND_BENCH_CUR_LINES must be a whole number of at least 1,000');
  const buildLib = (await import('../scripts/build-lib.mjs' as string)) as { isStale(part: string): boolean; buildNode(o?: { quiet?: boolean }): Promise<void> };
  if (buildLib.isStale('node')) await buildLib.buildNode({ quiet: true });
  if (!KEEPS.every((k) => k === 'ai' || k === 'all') || KEEPS.length === 0) throw new Error('AISPEND_BENCH_CUR_KEEP must be ai, all or ai,all');
  if (!FORMATS.every((f) => f === 'csv-gz' || f === 'parquet') || FORMATS.length === 0) throw new Error('AISPEND_BENCH_CUR_FORMATS must be csv-gz, parquet or both');
  const { generateCurAccountSql } = await import('./generate/cur-account-sql');
  // AISPEND_BENCH_CUR_DIR keeps the generated files there (and reuses them on the next run); otherwise a temp folder, removed.
  const keepFiles = process.env.AISPEND_BENCH_CUR_DIR;
  const dir = keepFiles ? path.resolve(keepFiles) : mkdtempSync(path.join(TMP, 'aispend-cloud-bench-'));
  mkdirSync(dir, { recursive: true });
  try {
    process.stderr.write(`generating a ${LINES.toLocaleString('en-US')}-line CUR 2.0 with DuckDB (seeded, 2% Bedrock)…\n`);
    let started = performance.now();
    const generated = await generateCurAccountSql({ rows: LINES, seed: SEED, dir, rowGroupSize: ROW_GROUP_LINES, log: (step) => process.stderr.write(`  ${step}\n`) });
    const expected = generated.totals;
    const { gz, parquet } = generated;
    // A reused folder reports the seconds recorded when its files were written.
    const generateSeconds = generated.reused ? generated.seconds : round((performance.now() - started) / 1000, 1);
    process.stderr.write(`generated in ${generateSeconds} s: gzip CSV ${round(statSync(gz).size / 1e6, 1)} MB, Parquet ${round(statSync(parquet).size / 1e6, 1)} MB; totals ${JSON.stringify(expected)}\n`);
    flushFiles([gz, parquet]);
    const taskFile = await buildTask();

    for (const [kind, file] of ([
      ['csv-gz', gz],
      ['parquet', parquet],
    ] as const).filter(([k]) => FORMATS.includes(k))) {
      started = performance.now();
      const anchor = runChild(taskFile, 'duckdb', file, path.join(dir, 'run'));
      process.stderr.write(`${kind}: DuckDB ${anchor.seconds.toFixed(1)} s, peak RSS ${anchor.peakRssMb} MB, file ${anchor.workspaceMb} MB\n`);
      const runs: Partial<Record<'all' | 'ai', ReturnType<typeof runChild>>> = {};
      for (const keep of KEEPS) {
        const m = runChild(taskFile, 'import', file, path.join(dir, 'run'), keep);
        runs[keep] = m;
        process.stderr.write(`${kind} keep ${keep}: ${m.seconds.toFixed(1)} s, peak RSS ${m.peakRssMb} MB, workspace ${m.workspaceMb} MB, ${m.lines.toLocaleString('en-US')} ledger lines\n`);
        const landed = Object.fromEntries((m.totals ?? []).map((t) => [t.currency, t.importedTotal]));
        if (!m.reconciled || sorted(landed) !== sorted(expected)) throw new Error(`${kind} keep ${keep} did not land the generated totals: ${JSON.stringify(landed)} against ${JSON.stringify(expected)}`);
        if (m.rowsRead !== LINES) throw new Error(`${kind} keep ${keep} read ${m.rowsRead} rows of ${LINES}`);
      }
      if (runs.ai && runs.all && JSON.stringify(runs.ai.totals) !== JSON.stringify(runs.all.totals)) throw new Error(`${kind}: keep ai and keep all reconciled to different totals`);
      for (const keep of KEEPS) {
        const m = runs[keep] as ReturnType<typeof runChild>;
        writeBenchResult({
          name: `import-cur2-${kind}-${scale}-keep-${keep}`,
          value: round(m.seconds),
          unit: 's',
          anchor: `DuckDB CREATE TABLE AS SELECT * FROM ${kind === 'parquet' ? 'read_parquet' : 'read_csv'} of the same file, into a database file`,
          anchorValue: round(anchor.seconds),
          ratio: round(m.seconds / anchor.seconds),
          peakRssMb: m.peakRssMb,
          rows: LINES,
          target: `a ${LINES.toLocaleString('en-US')}-line CUR 2.0 (2% Bedrock) imported ${keep === 'ai' ? 'keeping AI lines, the rest aggregated' : 'keeping every line'}, reconciled to the cent; time, RSS and size reported against DuckDB (no fixed ratio)`,
          passed: m.reconciled === true,
          extra: {
            keep,
            ledgerLines: m.lines,
            linesAggregated: m.linesAggregated ?? 0,
            aggregateLines: m.aggregateLines ?? 0,
            workspaceMb: m.workspaceMb ?? null,
            duckdbFileMb: anchor.workspaceMb ?? null,
            duckdbPeakRssMb: anchor.peakRssMb,
            cpuSeconds: m.cpuSeconds === undefined ? null : round(m.cpuSeconds),
            duckdbCpuSeconds: anchor.cpuSeconds === undefined ? null : round(anchor.cpuSeconds),
            afterImportSeconds: round(m.afterImportSeconds ?? 0),
            fileMb: round(statSync(file).size / 1e6, 1),
            generator: 'DuckDB SQL (bench/generate/cur-account-sql.ts), totals summed as DECIMAL',
            generateSeconds,
            generatedInThisRun: !generated.reused,
            loadAverage: { importBefore: m.loadBefore, importAfter: m.loadAfter, duckdbBefore: anchor.loadBefore, duckdbAfter: anchor.loadAfter },
            parquetRowGroupLines: kind === 'parquet' ? ROW_GROUP_LINES : null,
            totals: m.totals,
            benchProcessPeakRssMb: peakRssMb(),
            profile: (m.profile ?? []).map((stage) => ({ ...stage, seconds: round(stage.seconds), ...(stage.cpuSeconds === undefined ? {} : { cpuSeconds: round(stage.cpuSeconds) }) })),
          },
        });
      }
      process.stderr.write(`${kind} done in ${round((performance.now() - started) / 1000, 1)} s\n`);
    }
  } finally {
    if (!keepFiles) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
