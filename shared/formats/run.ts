/**
 * Drives a mapper over a file's records: each record is mapped into an
 * ImportAccumulator, accepted lines are handed over in batches (so the
 * importer can write them inside its one transaction while memory stays
 * flat), and the summary with the reconciliation comes back at the end.
 */
import { WorkbenchError } from '../domain/errors';
import type { LedgerLine } from '../domain/ledger-line';
import { ImportAccumulator, type ImportSummary } from './accumulator';
import type { KeepChoice } from './keep';
import type { RecordMapper, SourceRecord } from './types';

export interface RunOptions {
  /** Lines per onLines call (default 5,000). */
  batchSize?: number;
  /** Receives accepted lines in batches; without it they are collected and returned. */
  onLines?: (lines: LedgerLine[]) => void | Promise<void>;
  /** Called after every batch of records with the running count of rows read. */
  onProgress?: (rowsRead: number) => void;
  signal?: AbortSignal;
  maxListedRejections?: number;
  /** Keep every line (default) or the AI lines with the rest aggregated (cloud exports; shared/formats/keep.ts). */
  keep?: KeepChoice;
}

export interface RunResult {
  summary: ImportSummary;
  /** The lines, when no onLines callback took them. */
  lines: LedgerLine[];
}

function mapOne(mapper: RecordMapper, acc: ImportAccumulator, rec: SourceRecord, fileName: string): void {
  if (rec.problem) {
    acc.begin(rec.row);
    acc.reject(rec.problem.field, rec.problem.reason, rec.problem.value);
    return;
  }
  try {
    mapper.map(rec.record, rec.row, acc);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    // A mapper must reject bad data, not throw; if one does, the import stops with where it happened.
    throw new WorkbenchError('internal', `could not map this row: ${(error as Error).message}`, { file: fileName, row: rec.row, cause: error });
  }
}

function checkCancelled(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw new WorkbenchError('cancelled', 'import cancelled', { file: fileName });
}

/** Maps records that arrive one at a time or in batches, synchronously or not. */
export async function runMapper(
  mapper: RecordMapper,
  fileName: string,
  records: AsyncIterable<SourceRecord | readonly SourceRecord[]> | Iterable<SourceRecord | readonly SourceRecord[]>,
  options: RunOptions = {},
): Promise<RunResult> {
  const acc = new ImportAccumulator(fileName, { maxListedRejections: options.maxListedRejections, keep: options.keep });
  const batchSize = options.batchSize ?? 5000;
  const collected: LedgerLine[] = [];
  const flush = async (force: boolean): Promise<void> => {
    if (acc.pendingLines === 0 || (!force && acc.pendingLines < batchSize)) return;
    const lines = acc.takeLines();
    if (options.onLines) {
      // The aggregates arrive all at once at the end: hand them over in batches too.
      for (let i = 0; i < lines.length; i += batchSize) await options.onLines(lines.length <= batchSize ? lines : lines.slice(i, i + batchSize));
    } else for (const l of lines) collected.push(l);
  };
  let read = 0;
  for await (const item of records as AsyncIterable<SourceRecord | readonly SourceRecord[]>) {
    checkCancelled(options.signal, fileName);
    if (Array.isArray(item)) {
      for (const rec of item as readonly SourceRecord[]) mapOne(mapper, acc, rec, fileName);
      read += item.length;
    } else {
      mapOne(mapper, acc, item as SourceRecord, fileName);
      read += 1;
    }
    await flush(false);
    options.onProgress?.(read);
  }
  checkCancelled(options.signal, fileName);
  mapper.finish?.();
  const summary = acc.finish();
  await flush(true);
  return { summary, lines: collected };
}

/** The synchronous twin for tests and previews over records already in memory. */
export function mapRecords(mapper: RecordMapper, fileName: string, records: Iterable<SourceRecord>, options: { maxListedRejections?: number; keep?: KeepChoice } = {}): RunResult {
  const acc = new ImportAccumulator(fileName, options);
  for (const rec of records) mapOne(mapper, acc, rec, fileName);
  const summary = acc.finish();
  return { summary, lines: acc.takeLines() };
}
