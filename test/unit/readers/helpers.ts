import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { isWorkbenchError, type WorkbenchError } from '../../../shared/domain/errors';

export const FORMAT_FIXTURES = path.resolve(__dirname, '../../fixtures/formats');

export function tempDir(prefix = 'aispend-readers-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeTemp(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

export function readFixture(...parts: string[]): string {
  return readFileSync(path.join(FORMAT_FIXTURES, ...parts), 'utf8');
}

/** The WorkbenchError a promise rejects with (fails the test if it resolves or throws anything else). */
export async function rejection(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    if (isWorkbenchError(error)) return error;
    throw new Error(`expected a WorkbenchError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected the promise to reject');
}

/** Writes a CSV as Parquet with DuckDB (dev dependency; test and bench generation only). */
export async function csvToParquet(csvPath: string, parquetPath: string, options: { allVarchar?: boolean; rowGroupSize?: number } = {}): Promise<void> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const read = `read_csv('${csvPath.replace(/'/g, "''")}'${options.allVarchar ? ', all_varchar=true' : ''})`;
    await connection.run(`COPY (SELECT * FROM ${read}) TO '${parquetPath.replace(/'/g, "''")}' (FORMAT parquet${options.rowGroupSize ? `, ROW_GROUP_SIZE ${options.rowGroupSize}` : ''})`);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}
