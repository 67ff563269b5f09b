/**
 * Beyond one machine: a seeded 10,000,000-line FOCUS Parquet file aggregated
 * where it lies by the push-down query (DuckDB, embedded, standing in for a
 * warehouse), the result imported through the real pipeline (imports.run),
 * against importing the raw file itself. Both ledgers are compared by month,
 * provider, model, class and currency: the same totals to the cent (each raw
 * line is rounded to the nano-unit, each group once).
 *
 * Each measurement runs in a child process of its own (its own peak RSS);
 * the aggregation and its import are taken twice and the faster kept (shared
 * machines); the raw import of 10 million lines once.
 *
 * Run: npm run bench -- pushdown   (or npx tsx bench/pushdown.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agreesToTheCent } from '../shared/domain/money';
import { peakRssMb, writeBenchResult } from './lib/result';
import type { AggregateMeasured, ImportMeasured } from './pushdown-task';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LINES = Number(process.env.AISPEND_PUSHDOWN_LINES ?? 10_000_000);
const SEED = 7;

async function buildTask(): Promise<string> {
  const esbuild = await import('esbuild');
  const outfile = path.join(ROOT, 'dist', 'bench', 'pushdown-task.cjs');
  await esbuild.build({ entryPoints: [path.join(ROOT, 'bench', 'pushdown-task.ts')], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', packages: 'external', logLevel: 'error' });
  return outfile;
}

function runChild<T>(taskFile: string, args: string[]): T {
  const run = spawnSync(process.execPath, [taskFile, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${args[0]} of ${path.basename(args[1] ?? '')} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as T;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const fastest = <T extends { seconds: number }>(runs: T[]): T => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

async function main(): Promise<void> {
  const buildLib = (await import('../scripts/build-lib.mjs' as string)) as { isStale(part: string): boolean; buildNode(o?: { quiet?: boolean }): Promise<void> };
  if (buildLib.isStale('node')) await buildLib.buildNode({ quiet: true });
  const { generateStatement } = await import('./generate');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-pushdown-bench-'));
  try {
    process.stderr.write(`generating ${LINES.toLocaleString('en-US')} FOCUS lines as Parquet (seeded)…\n`);
    const generatedAt = performance.now();
    const parquet = await generateStatement({ format: 'focus', rows: LINES, seed: SEED, out: path.join(dir, 'focus.parquet') });
    process.stderr.write(`generated ${round(parquet.bytes / 1e6, 1)} MB in ${round((performance.now() - generatedAt) / 1000, 1)} s\n`);
    const taskFile = await buildTask();

    const aggregates: AggregateMeasured[] = [];
    const imports: ImportMeasured[] = [];
    for (let r = 0; r < 2; r += 1) {
      const result = path.join(dir, `result-${r}.csv`);
      aggregates.push(runChild<AggregateMeasured>(taskFile, ['aggregate', parquet.path, result]));
      imports.push(runChild<ImportMeasured>(taskFile, ['import-file', result, dir]));
      process.stderr.write(`round ${r + 1}: DuckDB aggregation ${aggregates.at(-1)!.seconds.toFixed(2)} s (${aggregates.at(-1)!.groups} groups), import of the result ${imports.at(-1)!.seconds.toFixed(2)} s\n`);
    }
    const aggregate = fastest(aggregates);
    const imported = fastest(imports);
    const resultBytes = statSync(path.join(dir, 'result-0.csv')).size;
    if (aggregate.sourceRows !== LINES) throw new Error(`the control rows count ${aggregate.sourceRows} source rows, not ${LINES}`);
    if (!imported.reconciled) throw new Error('the aggregated result did not reconcile');

    process.stderr.write(`importing the raw ${LINES.toLocaleString('en-US')}-line file (once)…\n`);
    const raw = runChild<ImportMeasured>(taskFile, ['import-file', parquet.path, dir]);
    process.stderr.write(`raw import ${raw.seconds.toFixed(2)} s, ${raw.lines} lines, peak RSS ${raw.peakRssMb} MB\n`);
    if (raw.lines !== LINES || !raw.reconciled) throw new Error(`the raw import landed ${raw.lines} lines (reconciled: ${raw.reconciled})`);

    // The same ledger: every month | provider | model | class | currency total agrees to the cent, quantities exactly.
    const keys = new Set([...Object.keys(raw.totals), ...Object.keys(imported.totals)]);
    const differing = [...keys].filter((k) => {
      const a = imported.totals[k];
      const b = raw.totals[k];
      return !a || !b || a[1] !== b[1] || !agreesToTheCent(BigInt(a[0]), BigInt(b[0]));
    });
    if (differing.length > 0) throw new Error(`the ledgers differ at ${differing.slice(0, 5).join('; ')}`);

    const pushdownSeconds = aggregate.seconds + imported.seconds;
    const ratio = pushdownSeconds / raw.seconds;
    writeBenchResult({
      name: 'pushdown-focus-10m',
      value: round(pushdownSeconds),
      unit: 's',
      anchor: 'importing the raw Parquet file through the same pipeline',
      anchorValue: round(raw.seconds),
      ratio: round(ratio, 3),
      peakRssMb: Math.max(aggregate.peakRssMb, imported.peakRssMb),
      rows: LINES,
      // A ratio to the raw import in the same run (shared machines), and the workbench's own part in seconds.
      target: "warehouse aggregation + import of its result under a tenth of importing the raw file; the result's import under 30 s; the same ledger totals as the raw import",
      passed: ratio < 0.1 && imported.seconds < 30 && differing.length === 0,
      extra: {
        duckdbAggregateSeconds: round(aggregate.seconds),
        importResultSeconds: round(imported.seconds),
        groups: aggregate.groups,
        resultMb: round(resultBytes / 1e6, 2),
        resultLinesImported: imported.lines,
        fileMb: round(parquet.bytes / 1e6, 1),
        aggregateRuns: aggregates.map((m) => round(m.seconds)),
        importRuns: imports.map((m) => round(m.seconds)),
        duckdbPeakRssMb: aggregate.peakRssMb,
        importPeakRssMb: imported.peakRssMb,
        rawImportPeakRssMb: raw.peakRssMb,
        rawLinesPerSecond: Math.round(raw.lines / raw.seconds),
        ledgerKeysCompared: keys.size,
        benchProcessPeakRssMb: peakRssMb(),
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
