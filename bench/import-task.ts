/**
 * The measured work of bench/import.bench.ts, run in a child process built
 * as a bundle (as the app runs: no TypeScript loader in the measurement):
 *
 *   node import-task.cjs import|duckdb FILE DIR [all|ai]  → one JSON line on stdout
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { ImportStage } from '../shared/api/imports';
import { Backend } from '../electron/backend/backend';
import { inProcessTransport } from '../electron/backend/in-process-transport';
import { createClient } from '../shared/api/client';
import { peakRssMb } from './lib/result';

export interface Measured {
  seconds: number;
  lines: number;
  peakRssMb: number;
  /** The process's RSS just before the measured work, with the backend loaded and the workspace open: the part of the peak that is not the import's. */
  startRssMb?: number;
  reconciled?: boolean;
  /** CPU seconds of the whole process (every thread) over the measured work. */
  cpuSeconds?: number;
  /** The import's own breakdown: seconds per thread and stage. */
  profile?: ImportStage[];
  /** Work the app does after the import job reports done (jobs it started), which counts too. */
  afterImportSeconds?: number;
  workspaceMb?: number;
  /** Cloud exports kept as ai: source lines summed into aggregates, and the aggregates. */
  linesAggregated?: number;
  aggregateLines?: number;
  /** Source rows read. */
  rowsRead?: number;
  /** Per currency: the file's own total and what landed. */
  totals?: { currency: string; sourceTotal: string; importedTotal: string }[];
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

async function settledJobs(client: ReturnType<typeof createClient>): Promise<void> {
  for (;;) {
    const running = (await client.call('jobs.list', {})).jobs.filter((j) => j.state === 'running' || j.state === 'queued');
    if (running.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Imports one file into a fresh workspace through the imports.run job, as every client runs it. */
export async function importTask(file: string, dir: string, keep?: 'all' | 'ai'): Promise<Measured> {
  const backend = new Backend({ mode: 'cli', dataDir: path.join(dir, `data-${process.pid}`), demoDir: path.join(dir, 'no-demo'), rememberRecent: false });
  const client = createClient(inProcessTransport(backend));
  const workspace = path.join(dir, `import-${process.pid}.aispend`);
  await client.call('workspace.new', { path: workspace });
  const startRssMb = Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await client.runJob('imports.run', { path: file, ...(keep ? { keep } : {}) }).result;
  const seconds = (performance.now() - started) / 1000;
  // Whatever the app starts once the import reports done (a list-cost fill) is part of the import's cost: wait for it.
  await settledJobs(client);
  const afterImportSeconds = (performance.now() - started) / 1000 - seconds;
  const measured: Measured = {
    seconds: seconds + afterImportSeconds,
    lines: result.linesImported,
    peakRssMb: peakRssMb(),
    startRssMb,
    reconciled: result.totals.every((t) => t.reconciled),
    cpuSeconds: cpuSeconds(cpu),
    profile: result.profile,
    afterImportSeconds,
    linesAggregated: result.linesAggregated,
    aggregateLines: result.aggregateLines,
    rowsRead: result.rowsRead,
    totals: result.totals.map((t) => ({ currency: t.currency, sourceTotal: t.sourceTotal, importedTotal: t.importedTotal })),
  };
  await backend.close();
  measured.workspaceMb = Math.round(statSync(workspace).size / 1e5) / 10;
  return measured;
}

/** DuckDB loads the same file into a table of a new database file. */
export async function duckdbTask(file: string, dir: string): Promise<Measured> {
  // Loaded here, not at the top: the import task must not carry DuckDB's native library in its RSS.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const dbFile = path.join(dir, `anchor-${process.pid}.duckdb`);
  const instance = await DuckDBInstance.create(dbFile);
  const connection = await instance.connect();
  const source = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}')`;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await connection.run(`CREATE TABLE statement AS SELECT * FROM ${source}`);
  await connection.run('CHECKPOINT');
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = cpuSeconds(cpu);
  const count = await connection.runAndReadAll('SELECT count(*) FROM statement');
  const lines = Number(count.getRows()[0]?.[0]);
  connection.closeSync();
  instance.closeSync();
  return { seconds, lines, peakRssMb: peakRssMb(), cpuSeconds: cpuUsed, workspaceMb: Math.round(statSync(dbFile).size / 1e5) / 10 };
}


const [task, file, dir, keep] = process.argv.slice(2) as [string, string, string, 'all' | 'ai' | undefined];
if (task === 'import' || task === 'duckdb') {
  (task === 'import' ? importTask(file, dir, keep) : duckdbTask(file, dir)).then(
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
