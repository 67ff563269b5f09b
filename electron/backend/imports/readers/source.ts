/**
 * The shape every reader returns: a statement file opened for one pass,
 * whose first records can be sampled (for detection and preview) and are
 * then replayed at the start of the full read. Records come in batches with
 * their 1-based row numbers; reader-level problems (ragged rows, a quote
 * left open at end of file) travel with the row as a `problem`, so the
 * importer rejects that row and goes on.
 */
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { FormatSample, RecordKind, SourceRecord } from '../../../../shared/formats/types';
import type { JsonValue } from '../../../../shared/formats/values/json';

export type SourceFileKind = 'csv' | 'parquet' | 'xlsx' | 'json';

export interface ReaderOptions {
  /** Name used in errors (default: the file's base name). */
  fileName?: string;
  signal?: AbortSignal;
  /** Records per batch (default 2,000). */
  batchSize?: number;
  /** CSV: force the delimiter instead of sniffing it. */
  delimiter?: string;
  /** CSV: largest cell / row in characters (defaults 1 MiB / 4 MiB). */
  maxCellChars?: number;
  maxRecordChars?: number;
  /** XLSX: sheet to read (default: the first sheet with data). */
  sheet?: string;
  /** XLSX: limits checked on the zip directory before anything is inflated. */
  maxXlsxBytes?: number;
  maxUncompressedBytes?: number;
  maxCompressionRatio?: number;
  /** JSON: largest single record in characters (default 64 MiB) and deepest nesting (default 64). */
  maxJsonRecordChars?: number;
  maxJsonDepth?: number;
  /** Parquet: largest row group, uncompressed, in bytes (default 512 MiB). */
  maxRowGroupBytes?: number;
}

export interface StatementSource {
  readonly kind: SourceFileKind;
  readonly recordKind: RecordKind;
  readonly fileName: string;
  /** Size of the file on disk, for progress. */
  readonly totalBytes: number;
  /** What the reader found out: encoding, delimiter, gzip, sheet, row groups. */
  readonly details: Record<string, string | number | boolean>;
  /** Header of a tabular file (empty for JSON). */
  readonly header: readonly string[];
  /** The first records as a detection sample (they are replayed by batches()). */
  sample(rows?: number): Promise<FormatSample>;
  /** Every record, in file order, in batches. Call once. */
  batches(): AsyncGenerator<SourceRecord[]>;
  /**
   * Only these header columns will be read from the records still to come
   * (RecordMapper.columnsRead): a reader that can may hand the others over as
   * blank cells. Records already read keep every cell.
   */
  readColumns?(columns: readonly number[]): void;
  /** Bytes of the file consumed so far. */
  bytesRead(): number;
  close(): Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 2000;
export const DEFAULT_SAMPLE_ROWS = 20;

export function checkSignal(signal: AbortSignal | undefined, fileName: string): void {
  if (signal?.aborted) throw new WorkbenchError('cancelled', 'import cancelled', { file: fileName });
}

/**
 * Keeps the first batches of a one-pass record stream so they can be
 * sampled and then replayed in order.
 */
export class ReplayBuffer {
  private readonly kept: SourceRecord[][] = [];
  private keptCount = 0;
  private started = false;
  private exhausted = false;

  constructor(private readonly source: AsyncGenerator<SourceRecord[]>) {}

  /** At least `n` records from the start (fewer when the file is shorter). */
  async head(n: number): Promise<SourceRecord[]> {
    if (this.started) throw new Error('sample() must be called before batches()');
    while (this.keptCount < n && !this.exhausted) {
      const next = await this.source.next();
      if (next.done) {
        this.exhausted = true;
        break;
      }
      this.kept.push(next.value);
      this.keptCount += next.value.length;
    }
    return this.kept.flat().slice(0, n);
  }

  async *batches(): AsyncGenerator<SourceRecord[]> {
    if (this.started) throw new Error('batches() can be read once');
    this.started = true;
    while (this.kept.length > 0) yield this.kept.shift() as SourceRecord[];
    if (this.exhausted) return;
    for (;;) {
      const next = await this.source.next();
      if (next.done) return;
      yield next.value;
    }
  }

  async close(): Promise<void> {
    await this.source.return(undefined);
  }
}

export function tabularSample(fileName: string, header: readonly string[], records: SourceRecord[]): FormatSample {
  return { kind: 'tabular', fileName, header, rows: records.filter((r) => !r.problem).map((r) => r.record as readonly string[]) };
}

export function jsonSample(fileName: string, records: SourceRecord[]): FormatSample {
  return { kind: 'json', fileName, records: records.map((r) => r.record as JsonValue) };
}

/**
 * Shapes a row of cells against the header: short rows and rows with extra
 * non-empty cells become problems (trailing empty cells, as spreadsheets
 * write them, are dropped).
 */
export function shapeRow(header: readonly string[], fields: string[], row: number, flags: { unterminated?: boolean; atEof?: boolean } = {}): SourceRecord {
  const width = header.length;
  if (flags.unterminated) {
    const at = Math.min(fields.length, width) - 1;
    return {
      row,
      record: fields,
      problem: { field: header[Math.max(at, 0)] ?? `column ${fields.length}`, reason: 'a quoted cell is not closed before the end of the file (the file may be truncated)' },
    };
  }
  if (fields.length === width) return { row, record: fields };
  if (fields.length > width) {
    let last = fields.length - 1;
    while (last >= width && fields[last] === '') last -= 1;
    if (last < width) {
      fields.length = width;
      return { row, record: fields };
    }
    return { row, record: fields, problem: { field: `column ${width + 1}`, reason: `the row has ${fields.length} cells but the header has ${width}`, value: (fields[width] ?? '').slice(0, 80) } };
  }
  const missing = header[fields.length] ?? `column ${fields.length + 1}`;
  const reason = flags.atEof
    ? `the last row is incomplete: it has ${fields.length} of ${width} cells (the file may be truncated)`
    : `the row has ${fields.length} of ${width} cells (ragged row)`;
  return { row, record: fields, problem: { field: missing, reason } };
}
