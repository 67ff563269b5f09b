/**
 * Seeded generator of vendor statements, for tests and benchmarks. The same
 * format, row count and seed always give byte-identical files, and every
 * file comes with the totals its import must reconcile to.
 *
 *   const result = await generateStatement({ format: 'focus', rows: 1_000_000, seed: 7, out: 'focus.csv' });
 *   result.expected.totals() // { EUR: '…', USD: '…' }
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { GENERATED_FORMATS, GENERIC_MAPPING_YAML, WRITERS, type GeneratedFormat } from './formats';
import { Random } from './random';
import { ExpectedTotals, TextSink } from './sink';

export { GENERATED_FORMATS, GENERIC_MAPPING_YAML, type GeneratedFormat };

export interface GenerateOptions {
  format: GeneratedFormat;
  rows: number;
  seed: number;
  /** Output path; ".gz" gzips, ".parquet" writes Parquet (FOCUS, CUR, Azure, the CSV exports). */
  out: string;
  /** Parquet only: keep every column as text instead of letting DuckDB type them. */
  varchar?: boolean;
  /** Parquet only: rows per row group (DuckDB's default is 122,880). */
  rowGroupSize?: number;
}

export interface GeneratedStatement {
  path: string;
  /** The format id the importer should detect. */
  formatId: string;
  expected: ExpectedTotals;
  bytes: number;
}

function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A narrower copy of a CSV: the same rows without `dropColumns`, every cell
 * copied as text (DuckDB, all_varchar), so amounts, dates and ids stay as the
 * generator wrote them. The import benchmark uses it for a FOCUS file without
 * its optional wide columns (SkuPriceDetails, Tags and the account names):
 * DuckDB's time follows a file's bytes, an import's mostly its lines.
 */
export async function csvWithout(csvPath: string, outPath: string, dropColumns: readonly string[]): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const exclude = dropColumns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
    await connection.run(`COPY (SELECT * EXCLUDE (${exclude}) FROM read_csv(${sqlString(csvPath)}, all_varchar=true)) TO ${sqlString(outPath)} (HEADER, DELIMITER ',')`);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
  return (await fs.stat(outPath)).size;
}

/**
 * Writes a CSV (or JSON Lines, whose nested objects and arrays become Parquet
 * structs and lists, as BigQuery exports them) as Parquet with DuckDB (a dev
 * dependency: bench and test generation only, never at app run time).
 */
export async function csvToParquet(csvPath: string, parquetPath: string, options: { varchar?: boolean; rowGroupSize?: number } = {}): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const read = csvPath.endsWith('.jsonl')
      ? `read_json(${sqlString(csvPath)}, format = 'newline_delimited')`
      : `read_csv(${sqlString(csvPath)}${options.varchar ? ', all_varchar=true' : ''})`;
    const groups = options.rowGroupSize ? `, ROW_GROUP_SIZE ${Math.floor(options.rowGroupSize)}` : '';
    await connection.run(`COPY (SELECT * FROM ${read}) TO ${sqlString(parquetPath)} (FORMAT parquet${groups})`);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

export async function generateStatement(options: GenerateOptions): Promise<GeneratedStatement> {
  const writer = WRITERS[options.format];
  if (!writer) throw new Error(`unknown format ${options.format}; known: ${GENERATED_FORMATS.join(', ')}`);
  if (!Number.isSafeInteger(options.rows) || options.rows < 1) throw new Error('rows must be a positive integer');
  const parquet = options.out.endsWith('.parquet');
  if (parquet && writer.extension !== 'csv' && writer.extension !== 'jsonl') throw new Error(`${options.format} is written as ${writer.extension}; Parquet is made from CSV and JSON Lines formats only`);
  const gzip = options.out.endsWith('.gz');
  const textPath = parquet ? path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'aispend-gen-')), `rows.${writer.extension}`) : options.out;
  const sink = new TextSink(textPath, gzip);
  const expected = new ExpectedTotals();
  await writer.write({ rng: new Random(options.seed), rows: options.rows, sink, expected });
  await sink.end();
  if (parquet) {
    await csvToParquet(textPath, options.out, { varchar: options.varchar, rowGroupSize: options.rowGroupSize });
    await fs.rm(path.dirname(textPath), { recursive: true, force: true });
  }
  const { size } = await fs.stat(options.out);
  return { path: options.out, formatId: writer.formatId, expected, bytes: size };
}
