/**
 * The measured work of bench/import.bench.ts, run in a child process built
 * as a bundle (as the app runs: no TypeScript loader in the measurement):
 *
 *   node import-task.cjs import|duckdb FILE DIR  → one JSON line on stdout
 */
import path from 'node:path';
import { Backend } from '../electron/backend/backend';
import { inProcessTransport } from '../electron/backend/in-process-transport';
import { createClient } from '../shared/api/client';
import { peakRssMb } from './lib/result';

export interface Measured {
  seconds: number;
  lines: number;
  peakRssMb: number;
  reconciled?: boolean;
}

/** Imports one file into a fresh workspace through the imports.run job, as every client runs it. */
export async function importTask(file: string, dir: string): Promise<Measured> {
  const backend = new Backend({ mode: 'cli', dataDir: path.join(dir, `data-${process.pid}`), demoDir: path.join(dir, 'no-demo'), rememberRecent: false });
  const client = createClient(inProcessTransport(backend));
  await client.call('workspace.new', { path: path.join(dir, `import-${process.pid}.aispend`) });
  const started = performance.now();
  const result = await client.runJob('imports.run', { path: file }).result;
  const seconds = (performance.now() - started) / 1000;
  // The list-cost fill that follows every import is the price book's work, not the import's: stop it.
  for (const job of (await client.call('jobs.list', {})).jobs) if (job.state === 'running') await client.call('jobs.cancel', { jobId: job.jobId });
  const measured = { seconds, lines: result.linesImported, peakRssMb: peakRssMb(), reconciled: result.totals.every((t) => t.reconciled) };
  await backend.close();
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
  const started = performance.now();
  await connection.run(`CREATE TABLE statement AS SELECT * FROM ${source}`);
  await connection.run('CHECKPOINT');
  const seconds = (performance.now() - started) / 1000;
  const count = await connection.runAndReadAll('SELECT count(*) FROM statement');
  const lines = Number(count.getRows()[0]?.[0]);
  connection.closeSync();
  instance.closeSync();
  return { seconds, lines, peakRssMb: peakRssMb() };
}


const [task, file, dir] = process.argv.slice(2) as [string, string, string];
if (task === 'import' || task === 'duckdb') {
  (task === 'import' ? importTask(file, dir) : duckdbTask(file, dir)).then(
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
