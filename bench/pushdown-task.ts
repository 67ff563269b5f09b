/**
 * The measured work of bench/pushdown.bench.ts, each in a child process of
 * its own so each peak RSS is its own:
 *
 *   node pushdown-task.cjs aggregate FILE OUT     → DuckDB runs the push-down query over FILE, the result to OUT (CSV)
 *   node pushdown-task.cjs import-file FILE DIR   → FILE imported into a fresh workspace through imports.run,
 *                                                   with the ledger's totals by month, provider, model and class
 *
 * Each prints one JSON line on stdout.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { Backend } from '../electron/backend/backend';
import { isFinished } from '../shared/api/jobs';
import { pushdownQuery } from '../shared/formats/pushdown/query';
import { peakRssMb } from './lib/result';

export interface ImportMeasured {
  seconds: number;
  lines: number;
  reconciled: boolean;
  peakRssMb: number;
  /** Billed cost (nano-units, as text) and quantity by month | provider | model | usage class | currency. */
  totals: Record<string, [string, number]>;
}

/** Imports one file into a fresh workspace through the imports.run job, as bench/import-task.ts does, and reads the ledger's totals. */
async function importFile(file: string, dir: string): Promise<ImportMeasured> {
  const workspace = path.join(dir, `import-${process.pid}.aispend`);
  const backend = new Backend({ mode: 'cli', dataDir: path.join(dir, `data-${process.pid}`), demoDir: path.join(dir, 'no-demo'), rememberRecent: false });
  await backend.invoke('workspace.new', { path: workspace });
  const started = performance.now();
  const { jobId } = (await backend.invoke('jobs.start', { kind: 'imports.run', input: { path: file } })) as { jobId: string };
  const final = await new Promise<ReturnType<typeof backend.jobs.get>>((resolve) => {
    const check = () => {
      const state = backend.jobs.get(jobId);
      if (isFinished(state.state)) resolve(state);
    };
    backend.subscribe((e) => e.type === 'job' && e.job.jobId === jobId && check());
    check();
  });
  const seconds = (performance.now() - started) / 1000;
  // The list-cost fill that follows every import is the price book's work, not the import's: stop it.
  for (const job of backend.jobs.list()) if (job.state === 'running') backend.jobs.cancel(job.jobId);
  if (final.state !== 'done') throw new Error(`import failed: ${final.message}`);
  const result = final.result as { linesImported: number; totals: { reconciled: boolean }[] };
  const peak = peakRssMb();
  await backend.close();
  const db = new Database(workspace, { readonly: true });
  const rows = db
    .prepare("SELECT month || ' | ' || provider || ' | ' || coalesce(model, '-') || ' | ' || usage_class || ' | ' || currency AS k, sum(billed_cost) AS billed, sum(quantity) AS q FROM ledger_lines GROUP BY k")
    .safeIntegers(true)
    .all() as { k: string; billed: bigint; q: number | bigint }[];
  db.close();
  const totals = Object.fromEntries(rows.map((r) => [r.k, [r.billed.toString(), Number(r.q)] as [string, number]]));
  return { seconds, lines: result.linesImported, reconciled: result.totals.every((t) => t.reconciled), peakRssMb: peak, totals };
}

export interface AggregateMeasured {
  seconds: number;
  groups: number;
  sourceRows: number;
  peakRssMb: number;
}

async function aggregateTask(file: string, out: string): Promise<AggregateMeasured> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const table = `read_parquet('${file.replace(/'/g, "''")}')`;
  const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${table}`);
  const columns = (described.getRowObjects() as { column_name: string }[]).map((r) => r.column_name);
  const { sql } = pushdownQuery({ source: 'focus', dialect: 'duckdb', table, tags: ['team'], columns });
  const body = sql
    .split('\n')
    .filter((l) => !/^SET TimeZone/.test(l))
    .join('\n');
  const started = performance.now();
  await connection.run(`COPY (${body}) TO '${out.replace(/'/g, "''")}' (HEADER)`);
  const seconds = (performance.now() - started) / 1000;
  const counts = await connection.runAndReadAll(
    `SELECT count(*) FILTER (WHERE aispend_row = 'group'), sum(CAST(aispend_source_rows AS BIGINT)) FILTER (WHERE aispend_row = 'control') FROM read_csv('${out.replace(/'/g, "''")}', all_varchar = true)`,
  );
  const [groups, sourceRows] = (counts.getRows()[0] ?? []) as [bigint, bigint];
  connection.closeSync();
  instance.closeSync();
  return { seconds, groups: Number(groups), sourceRows: Number(sourceRows), peakRssMb: peakRssMb() };
}

const [task, file, target] = process.argv.slice(2) as [string, string, string];
if (task === 'aggregate' || task === 'import-file') {
  (task === 'aggregate' ? aggregateTask(file, target) : importFile(file, path.resolve(target))).then(
    (measured) => {
      process.stdout.write(`${JSON.stringify(measured)}\n`);
      process.exit(0);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
