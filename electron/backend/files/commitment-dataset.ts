import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { WorkbenchError } from '../../../shared/domain/errors';

/** A Contract Commitment dataset file (CSV, plain or with a BOM, or Parquet) as records: the header first, cells as text. */
export async function readCommitmentDataset(file: string): Promise<(string | null)[][]> {
  const name = path.basename(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new WorkbenchError('not_found', 'no such file', { file: name });
  }
  // A contract commitment dataset is a row per commitment period: megabytes would be a cost export by mistake.
  if (size > 50_000_000) throw new WorkbenchError('invalid_file', 'is too large for a Contract Commitment dataset (one row per commitment period); is it a cost and usage export?', { file: name });
  if (/\.parquet$/i.test(file)) {
    const rows = (await parquetReadObjects({ file: await asyncBufferFromFile(file) })) as Record<string, unknown>[];
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    const text = (v: unknown): string | null => (v === null || v === undefined ? null : v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v));
    return [header, ...rows.map((r) => header.map((h) => text(r[h])))];
  }
  try {
    return parse(readFileSync(file, 'utf8'), { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];
  } catch (e) {
    const lines = (e as { lines?: number }).lines;
    throw new WorkbenchError('invalid_file', `is not a readable CSV: ${(e as Error).message}`, { file: name, ...(lines ? { row: lines } : {}) });
  }
}
