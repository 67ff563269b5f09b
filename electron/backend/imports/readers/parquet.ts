/**
 * Parquet reader (hyparquet), one row group at a time so memory stays flat
 * however many rows the file holds.
 *
 * A Parquet file is read from its footer, so a lying footer is the main
 * hazard: before any data is read the footer length, every column chunk's
 * byte range, the row counts and the uncompressed sizes are checked against
 * the file and against limits, and decompression is guarded page by page.
 * A bad file is rejected in time and memory proportional to its footer.
 *
 * Values become the text cells the format mappers read: DECIMAL columns are
 * written at their scale (hyparquet hands them over as doubles, so 0.1 +
 * float noise is cut back to the declared digits), DATE columns as
 * "YYYY-MM-DD", timestamps as UTC instants, structs, lists and maps as JSON.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetRead, type AsyncBuffer, type FileMetaData, type SchemaElement } from 'hyparquet';
import { snappyDecompress } from './snappy';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { FormatSample, SourceRecord } from '../../../../shared/formats/types';
import { RowArrays, flatColumnPath, readFlatColumn, type FlatColumn } from './parquet-flat';
import { DEFAULT_BATCH_SIZE, DEFAULT_SAMPLE_ROWS, ReplayBuffer, checkSignal, tabularSample, type ReaderOptions, type StatementSource } from './source';

export const DEFAULT_MAX_ROW_GROUP_BYTES = 512 << 20;
const MAX_FOOTER_BYTES = 64 << 20;
const MAX_PAGE_BYTES = 256 << 20;
const MAX_ROWS_PER_GROUP = 50_000_000;

function invalid(fileName: string, message: string, cause?: unknown): WorkbenchError {
  return new WorkbenchError('invalid_file', message, { file: fileName, ...(cause !== undefined ? { cause } : {}) });
}

/** Reads and checks the footer of any AsyncBuffer; throws invalid_file for anything that does not add up. */
export async function readParquetFooter(file: AsyncBuffer, fileName: string, maxRowGroupBytes = DEFAULT_MAX_ROW_GROUP_BYTES): Promise<FileMetaData> {
  const size = file.byteLength;
  if (size < 12) throw invalid(fileName, 'the file is too short to be Parquet');
  const head = new Uint8Array(await file.slice(0, 4));
  const tail = new Uint8Array(await file.slice(size - 8, size));
  const magic = (b: Uint8Array, at: number): boolean => b[at] === 0x50 && b[at + 1] === 0x41 && b[at + 2] === 0x52 && b[at + 3] === 0x31;
  if (!magic(head, 0) || !magic(tail, 4)) {
    throw invalid(fileName, 'not a Parquet file (the PAR1 markers are missing; is it truncated?)');
  }
  const footerLength = new DataView(tail.buffer, tail.byteOffset, 8).getUint32(0, true);
  if (footerLength === 0 || footerLength > size - 12) {
    throw invalid(fileName, `the Parquet footer claims ${footerLength} bytes in a ${size}-byte file (corrupt or truncated)`);
  }
  if (footerLength > MAX_FOOTER_BYTES) throw invalid(fileName, `the Parquet footer is ${footerLength} bytes, beyond the ${MAX_FOOTER_BYTES >> 20} MB limit`);
  const footer = await file.slice(size - 8 - footerLength, size);
  let metadata: FileMetaData;
  try {
    metadata = parquetMetadata(footer);
  } catch (error) {
    throw invalid(fileName, `the Parquet footer cannot be read: ${(error as Error).message}`, error);
  }
  checkMetadata(metadata, size - 8 - footerLength, fileName, maxRowGroupBytes);
  return metadata;
}

/** An AsyncBuffer over bytes already in memory (tests, fuzzing, small files). */
export function bufferSource(bytes: Uint8Array): AsyncBuffer {
  return {
    byteLength: bytes.byteLength,
    slice: (start: number, end?: number) => bytes.slice(start, end).buffer,
  };
}

const MAX_SCHEMA_DEPTH = 32;

/**
 * The leaf column paths of the schema, or null when its tree does not add
 * up (children counts that overrun or leave elements over, duplicate names,
 * absurd nesting).
 */
function schemaLeaves(schema: SchemaElement[]): string[] | null {
  const leaves: string[] = [];
  let i = 1;
  const walk = (prefix: string, depth: number): boolean => {
    const element = schema[i];
    if (!element || depth > MAX_SCHEMA_DEPTH) return false;
    i += 1;
    const path = prefix === '' ? element.name : `${prefix}\u0000${element.name}`;
    const children = element.num_children ?? 0;
    if (children === 0) {
      leaves.push(path);
      return true;
    }
    const names = new Set<string>();
    for (let k = 0; k < children; k += 1) {
      const child = schema[i];
      if (!child || names.has(child.name)) return false;
      names.add(child.name);
      if (!walk(path, depth + 1)) return false;
    }
    return true;
  };
  const top = schema[0]?.num_children ?? 0;
  const names = new Set<string>();
  for (let k = 0; k < top; k += 1) {
    const child = schema[i];
    if (!child || names.has(child.name)) return null;
    names.add(child.name);
    if (!walk('', 1)) return null;
  }
  return i === schema.length ? leaves : null;
}

function checkMetadata(metadata: FileMetaData, dataEnd: number, fileName: string, maxRowGroupBytes: number): void {
  const toNumber = (v: unknown): number => (typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN);
  if (!Array.isArray(metadata.schema) || metadata.schema.length < 2) throw invalid(fileName, 'the Parquet footer has no columns');
  if (!Array.isArray(metadata.row_groups)) throw invalid(fileName, 'the Parquet footer has no row groups');
  // Every row group must hold exactly one chunk per schema leaf: a chunk the schema does not name would
  // be read but never collected (and its errors never heard).
  const leaves = schemaLeaves(metadata.schema);
  if (leaves === null) throw invalid(fileName, 'the Parquet schema in the footer is inconsistent');
  const expected = [...leaves].sort().join('\u0001');
  let rows = 0;
  metadata.row_groups.forEach((group, g) => {
    const groupRows = toNumber(group.num_rows);
    if (!Number.isSafeInteger(groupRows) || groupRows < 0 || groupRows > MAX_ROWS_PER_GROUP) {
      throw invalid(fileName, `row group ${g + 1} claims ${String(group.num_rows)} rows, which cannot be right`);
    }
    rows += groupRows;
    let uncompressed = 0;
    if (!Array.isArray(group.columns)) throw invalid(fileName, `row group ${g + 1} lists no columns`);
    const paths = group.columns.map((column) => (Array.isArray(column.meta_data?.path_in_schema) ? column.meta_data.path_in_schema.join('\u0000') : '')).sort();
    if (paths.join('\u0001') !== expected) throw invalid(fileName, `row group ${g + 1} does not match the schema's columns (corrupt footer)`);
    for (const column of group.columns) {
      if (column.file_path) throw invalid(fileName, 'the Parquet file keeps columns in other files, which is not supported');
      const meta = column.meta_data;
      if (!meta) throw invalid(fileName, `row group ${g + 1} has a column without metadata`);
      const start = Math.min(toNumber(meta.data_page_offset), meta.dictionary_page_offset === undefined ? Infinity : toNumber(meta.dictionary_page_offset));
      const compressed = toNumber(meta.total_compressed_size);
      const size = toNumber(meta.total_uncompressed_size);
      if (!Number.isSafeInteger(start) || !Number.isSafeInteger(compressed) || start < 4 || compressed < 0 || start + compressed > dataEnd) {
        throw invalid(fileName, `the Parquet footer points column "${meta.path_in_schema?.join('.')}" of row group ${g + 1} outside the file (lying or truncated footer)`);
      }
      if (!Number.isSafeInteger(size) || size < 0) throw invalid(fileName, `row group ${g + 1} has an impossible uncompressed size`);
      uncompressed += size;
    }
    if (uncompressed > maxRowGroupBytes) {
      throw invalid(fileName, `row group ${g + 1} is ${Math.round(uncompressed / (1 << 20))} MB uncompressed, beyond the ${Math.round(maxRowGroupBytes / (1 << 20))} MB limit; write the file with smaller row groups`);
    }
  });
  const claimed = toNumber(metadata.num_rows);
  if (claimed !== rows) throw invalid(fileName, `the Parquet footer claims ${String(metadata.num_rows)} rows but its row groups hold ${rows}`);
}

function guardSize(outputLength: number): void {
  if (!Number.isSafeInteger(outputLength) || outputLength < 0 || outputLength > MAX_PAGE_BYTES) {
    throw new Error(`a page claims ${outputLength} bytes uncompressed, beyond the ${MAX_PAGE_BYTES >> 20} MB page limit`);
  }
}

/** Decompressors that refuse pages claiming absurd sizes before allocating them. */
const GUARDED_COMPRESSORS = {
  SNAPPY: (input: Uint8Array, outputLength: number): Uint8Array => {
    guardSize(outputLength);
    const out = new Uint8Array(outputLength);
    snappyDecompress(input, out);
    return out;
  },
  GZIP: (input: Uint8Array, outputLength: number): Uint8Array => {
    guardSize(outputLength);
    return new Uint8Array(gunzipSync(input, { maxOutputLength: Math.max(outputLength, 1) }));
  },
  BROTLI: (input: Uint8Array, outputLength: number): Uint8Array => {
    guardSize(outputLength);
    return new Uint8Array(brotliDecompressSync(input, { maxOutputLength: Math.max(outputLength, 1) }));
  },
  LZ4_RAW: (): Uint8Array => {
    throw new Error('LZ4 compression is not supported; write the file with SNAPPY, GZIP or no compression');
  },
  ZSTD: (): Uint8Array => {
    throw new Error('ZSTD compression is not supported on this Node version; write the file with SNAPPY, GZIP or no compression');
  },
  LZO: (): Uint8Array => {
    throw new Error('LZO compression is not supported; write the file with SNAPPY, GZIP or no compression');
  },
  LZ4: (): Uint8Array => {
    throw new Error('LZ4 compression is not supported; write the file with SNAPPY, GZIP or no compression');
  },
};

type CellFormatter = (value: unknown) => string;

function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return isoOf(value);
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  // Nested decimals arrive as doubles: cut float noise back to 15 significant digits.
  if (typeof value === 'number' && Number.isFinite(value) && !Number.isInteger(value)) return Number(value.toPrecision(15));
  return value;
}

function isoOf(date: Date): string {
  const t = date.getTime();
  if (!Number.isFinite(t)) return '';
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** A top-level DECIMAL column whose raw values the reader formats itself (hyparquet would hand them over as doubles). */
function isExactDecimal(element: SchemaElement | undefined): boolean {
  if (!element || element.num_children) return false;
  const decimal = element.converted_type === 'DECIMAL' || element.logical_type?.type === 'DECIMAL';
  return decimal && (element.type === 'FIXED_LEN_BYTE_ARRAY' || element.type === 'INT64' || element.type === 'INT32');
}

/**
 * The footer to read rows with: top-level DECIMAL columns lose their decimal
 * annotation, so hyparquet returns the unscaled integers (bytes, bigint or
 * number) and the formatter writes them exactly at their scale, instead of
 * through a double that cannot hold 38 digits.
 */
function rawDecimalMetadata(metadata: FileMetaData): FileMetaData {
  if (!metadata.schema.some((e) => isExactDecimal(e))) return metadata;
  const schema = metadata.schema.map((e) => (isExactDecimal(e) ? ({ ...e, converted_type: undefined, logical_type: undefined } as SchemaElement) : e));
  return { ...metadata, schema };
}

/** An unscaled decimal integer as text at its scale ("12345", 3 → "12.345"). */
function scaledText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** Big-endian two's-complement bytes (a FIXED_LEN_BYTE_ARRAY decimal) as a bigint. */
function bytesToBigInt(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const b of bytes) value = (value << 8n) | BigInt(b);
  if (bytes.length > 0 && ((bytes[0] as number) & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8);
  return value;
}

/** Integer cells looked up before deciding whether a column's texts are worth sharing, and the share of hits that makes it so. */
const INTEGER_TRIAL = 4096;
const INTEGER_MIN_HIT_RATE = 0.3;

function formatterFor(element: SchemaElement | undefined): CellFormatter {
  const scale = element?.converted_type === 'DECIMAL' || element?.logical_type?.type === 'DECIMAL' ? (element?.scale ?? 0) : null;
  if (scale !== null && isExactDecimal(element)) {
    return (value) => {
      if (value === null || value === undefined) return '';
      if (value instanceof Uint8Array) return scaledText(bytesToBigInt(value), scale);
      if (typeof value === 'bigint') return scaledText(value, scale);
      if (typeof value === 'number' && Number.isInteger(value)) return scaledText(BigInt(value), scale);
      return String(value);
    };
  }
  const dateOnly = element?.converted_type === 'DATE' || element?.logical_type?.type === 'DATE';
  // Timestamps repeat (a month's charges share a few dozen periods), though not from one row to the
  // next: each distinct instant is formatted once, and the same string is handed out again.
  const times = new Map<number, string>();
  const integers = new Map<bigint, string>();
  // Whether sharing integers' texts pays: ids repeat on every line, quantities hardly ever (then each
  // lookup was a miss and a map entry, for a column of a million distinct counts). Decided on a trial.
  let integerLookups = 0;
  let integerHits = 0;
  return (value) => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'number') {
      if (scale !== null && Number.isFinite(value)) return value.toFixed(Math.min(scale, 100));
      return String(value);
    }
    if (typeof value === 'bigint') {
      // Whole numbers in INT64 columns are mostly ids (accounts, projects) that repeat on every line: one shared
      // string each, so the ledger's keys and the aggregates' lookups meet the same string (its hash computed once).
      if (integerLookups >= INTEGER_TRIAL && integerHits < INTEGER_TRIAL * INTEGER_MIN_HIT_RATE) return value.toString();
      let text = integers.get(value);
      if (integerLookups < INTEGER_TRIAL) {
        integerLookups += 1;
        if (text !== undefined) integerHits += 1;
      }
      if (text === undefined) {
        text = value.toString();
        if (integers.size >= 4096) integers.clear();
        integers.set(value, text);
      }
      return text;
    }
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value instanceof Date) {
      const time = value.getTime();
      let text = times.get(time);
      if (text === undefined) {
        text = dateOnly ? isoOf(value).slice(0, 10) : isoOf(value);
        if (times.size >= 4096) times.clear();
        times.set(time, text);
      }
      return text;
    }
    if (value instanceof Uint8Array) return new TextDecoder().decode(value);
    return JSON.stringify(value, jsonReplacer) ?? '';
  };
}

/** A run of one column's decoded values from row `start` of the group; `text` once they are formatted cells. */
interface Chunk {
  start: number;
  data: ArrayLike<unknown>;
  text: boolean;
  /** Numbers held unboxed (`data` a typed array): 1 where the row has no value. */
  nulls?: Uint8Array;
  /** A dictionary-encoded column (`data` its indices): the formatted text of each entry, then the text for no value. */
  dictionary?: string[];
}

const MIN_INT64 = -(1n << 63n);
const MAX_INT64 = (1n << 63n) - 1n;

/**
 * A flat column of numbers (doubles, INT32, INT64 whole numbers and raw
 * decimals) as a typed array and its nulls, or null when the column holds
 * anything else. Such a column is formatted a batch at a time instead of at
 * once: its cells hardly repeat, so formatting 50,000 of them at once made
 * 50,000 strings (and as many boxed numbers or bigints) that lived as long
 * as the row group, were promoted, and kept the old generation collecting.
 */
function unboxedNumbers(values: unknown[]): { data: Float64Array | BigInt64Array; nulls: Uint8Array } | null {
  const n = values.length;
  let kind: 'number' | 'bigint' | null = null;
  for (let i = 0; i < n && kind === null; i += 1) {
    const v = values[i];
    if (typeof v === 'number') kind = 'number';
    else if (typeof v === 'bigint') kind = 'bigint';
    else if (v !== null && v !== undefined) return null;
  }
  if (kind === null) return null;
  const nulls = new Uint8Array(n);
  if (kind === 'number') {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i += 1) {
      const v = values[i];
      if (typeof v === 'number') data[i] = v;
      else if (v === null || v === undefined) nulls[i] = 1;
      else return null;
    }
    return { data, nulls };
  }
  const data = new BigInt64Array(n);
  for (let i = 0; i < n; i += 1) {
    const v = values[i];
    if (typeof v === 'bigint' && v >= MIN_INT64 && v <= MAX_INT64) data[i] = v;
    else if (v === null || v === undefined) nulls[i] = 1;
    else return null;
  }
  return { data, nulls };
}

/**
 * An AsyncBuffer over one open file. hyparquet's own opened a read stream
 * (a file open, 64 KiB reads and a copy) for every column chunk: 660 of them
 * for a million FOCUS rows. This reads each slice with one positioned read.
 */
async function fileSource(filePath: string): Promise<{ file: AsyncBuffer; close: () => Promise<void> }> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    const file: AsyncBuffer = {
      byteLength: size,
      async slice(start: number, end: number = size): Promise<ArrayBuffer> {
        const length = Math.max(0, Math.min(end, size) - start);
        const bytes = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return done === length ? bytes.buffer : bytes.slice(0, done).buffer;
      },
    };
    return { file, close: () => handle.close() };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** Opens a Parquet statement; rows are read one row group at a time. */
export async function openParquet(filePath: string, options: ReaderOptions = {}): Promise<StatementSource> {
  const fileName = options.fileName ?? path.basename(filePath);
  let opened: Awaited<ReturnType<typeof fileSource>>;
  try {
    opened = await fileSource(filePath);
  } catch (error) {
    throw invalid(fileName, `cannot open the file: ${(error as Error).message}`, error);
  }
  let source: StatementSource;
  try {
    source = await openParquetBuffer(opened.file, { ...options, fileName });
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
  return {
    ...source,
    async close() {
      await source.close();
      await opened.close().catch(() => undefined);
    },
  };
}

/** Dictionary texts kept per column (memory: a column of mostly distinct values stops adding to them). */
const MAX_DICTIONARY_TEXTS = 4096;

/**
 * The string met before with this text in the column, else the text itself (kept for later). Every row group has its own
 * dictionary, formatted anew: without this, the same account or SKU was a new string in each group, and the mappers'
 * lookups by cells (FOCUS row descriptions, shared/formats/described-rows.ts) compared texts where the CSV reader's
 * repeated cells (cell-interner.ts) compare as one object.
 */
function sameText(known: Map<string, string>, text: string): string {
  const kept = known.get(text);
  if (kept !== undefined) return kept;
  if (known.size < MAX_DICTIONARY_TEXTS) known.set(text, text);
  return text;
}

/** Opens Parquet from any AsyncBuffer (a file, or bytes in memory). */
export async function openParquetBuffer(file: AsyncBuffer, options: ReaderOptions & { fileName: string }): Promise<StatementSource> {
  const fileName = options.fileName;
  const size = file.byteLength;
  const metadata = await readParquetFooter(file, fileName, options.maxRowGroupBytes);
  // Top-level columns: the children of the schema root, in order.
  const header: string[] = [];
  const formatters: CellFormatter[] = [];
  {
    const schema = metadata.schema;
    let i = 1;
    while (i < schema.length) {
      const element = schema[i] as SchemaElement;
      header.push(element.name);
      formatters.push(formatterFor(element.num_children ? undefined : element));
      // Skip this column's whole subtree.
      let pending = element.num_children ?? 0;
      i += 1;
      while (pending > 0 && i < schema.length) {
        pending += (schema[i]?.num_children ?? 0) - 1;
        i += 1;
      }
    }
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let bytesDone = 0;

  const columnIndex = new Map(header.map((name, i) => [name, i] as const));
  // Each column's dictionary texts met so far, so that a value repeated in a later row group's dictionary is handed out as
  // the very string of the earlier ones (see sameText).
  const dictionaryTexts = header.map(() => new Map<string, string>());
  const readMetadata = rawDecimalMetadata(metadata);
  const flatPaths = header.map((name) => flatColumnPath(readMetadata, name));

  async function* records(): AsyncGenerator<SourceRecord[]> {
    let groupStart = 0;
    const arrays = new RowArrays();
    for (const group of metadata.row_groups) {
      checkSignal(options.signal, fileName);
      const groupRows = Number(group.num_rows);
      // Column by column (onChunk), not as hyparquet's transposed rows: the row group is held once, as
      // the chunks hyparquet decoded (not copied), and rows are made a batch at a time.
      const chunks: (Chunk | null)[][] = header.map(() => []);
      // The group's compact columns, whose arrays the next group reuses once every batch is made.
      const compact: FlatColumn[] = [];
      try {
        // Flat columns are decoded here (parquet-flat.ts), each chunk compactly (dictionary indices, typed
        // numbers) or as one array; nested ones by hyparquet.
        const nested: string[] = [];
        for (let c = 0; c < header.length; c += 1) {
          const name = header[c] as string;
          const path = flatPaths[c];
          const chunk = path ? group.columns.find((column) => column.meta_data?.path_in_schema.length === 1 && column.meta_data.path_in_schema[0] === name) : undefined;
          if (!path || !chunk?.meta_data) {
            nested.push(name);
            continue;
          }
          const meta = chunk.meta_data;
          const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
          const bytes = new Uint8Array(await file.slice(start, start + Number(meta.total_compressed_size)));
          const column = readFlatColumn(bytes, chunk, path, groupRows, GUARDED_COMPRESSORS, arrays);
          compact.push(column);
          const format = formatters[c] as CellFormatter;
          if (column.kind === 'dictionary') {
            // Each dictionary entry is formatted once; the last text is the one for no value.
            const { dictionary, indices } = column;
            const texts = new Array<string>(dictionary.length + 1);
            const known = dictionaryTexts[c] as Map<string, string>;
            for (let i = 0; i < dictionary.length; i += 1) texts[i] = sameText(known, format(dictionary[i]));
            texts[dictionary.length] = format(null);
            (chunks[c] as Chunk[]).push({ start: 0, data: indices, text: false, dictionary: texts });
            continue;
          }
          if (column.kind !== 'values') {
            (chunks[c] as Chunk[]).push({ start: 0, data: column.data, text: false, nulls: column.nulls });
            continue;
          }
          const values = column.values;
          const numbers = unboxedNumbers(values);
          if (numbers !== null) {
            (chunks[c] as Chunk[]).push({ start: 0, data: numbers.data, text: false, nulls: numbers.nulls });
            continue;
          }
          // Other columns are formatted at once, while the decoded values are young: a timestamp column's 50,000 Date objects
          // become a few hundred shared strings before they could be promoted and held for the whole row
          // group (formatting a cell twice gives the same text, so the per-batch pass below is a copy).
          for (let r = 0; r < values.length; r += 1) values[r] = format(values[r]);
          (chunks[c] as Chunk[]).push({ start: 0, data: values, text: true });
        }
        if (nested.length > 0) {
          await parquetRead({
            file,
            metadata: readMetadata,
            columns: nested,
            rowStart: groupStart,
            rowEnd: groupStart + groupRows,
            compressors: GUARDED_COMPRESSORS,
            onChunk: ({ columnName, columnData, rowStart }) => {
              const c = columnIndex.get(columnName);
              if (c !== undefined) (chunks[c] as (Chunk | null)[]).push({ start: rowStart - groupStart, data: columnData as ArrayLike<unknown>, text: false });
            },
          });
        }
      } catch (error) {
        throw new WorkbenchError('invalid_file', `row group at row ${groupStart + 2} cannot be read: ${(error as Error).message}`, { file: fileName, row: groupStart + 2, cause: error });
      }
      for (const list of chunks) list.sort((a, b) => (a as { start: number }).start - (b as { start: number }).start);
      const cursor = new Array<number>(header.length).fill(0);
      /**
       * Column c's cells of rows [from, to) of the group, formatted into each row's cells: column by
       * column, so each chunk is found once per batch (not once per cell) and each formatter runs over
       * a run of like values. Chunks left behind are let go.
       */
      const fillColumn = (c: number, from: number, to: number, rows: string[][]): void => {
        const list = chunks[c] as (Chunk | null)[];
        const format = formatters[c] as CellFormatter;
        let k = cursor[c] as number;
        let r = from;
        while (r < to) {
          let chunk = list[k];
          while (chunk && r >= chunk.start + chunk.data.length) {
            list[k] = null;
            k += 1;
            chunk = list[k];
          }
          if (!chunk || r < chunk.start) {
            // No value decoded for this row (a gap before the next chunk, or past the last one).
            (rows[r - from] as string[])[c] = format(undefined);
            r += 1;
            continue;
          }
          const { data, start } = chunk;
          const end = Math.min(to, start + data.length);
          // A flat column's chunk was formatted as it was decoded: its cells are the texts already.
          const nulls = chunk.nulls;
          const dictionary = chunk.dictionary;
          if (chunk.text) for (; r < end; r += 1) (rows[r - from] as string[])[c] = data[r - start] as string;
          else if (dictionary) for (; r < end; r += 1) (rows[r - from] as string[])[c] = dictionary[data[r - start] as number] as string;
          else if (nulls) for (; r < end; r += 1) (rows[r - from] as string[])[c] = format(nulls[r - start] === 1 ? null : data[r - start]);
          else for (; r < end; r += 1) (rows[r - from] as string[])[c] = format(data[r - start]);
        }
        cursor[c] = k;
      };
      for (let from = 0; from < groupRows; from += batchSize) {
        const to = Math.min(groupRows, from + batchSize);
        const rows: string[][] = new Array<string[]>(to - from);
        for (let r = 0; r < rows.length; r += 1) rows[r] = new Array<string>(header.length);
        for (let c = 0; c < header.length; c += 1) fillColumn(c, from, to, rows);
        const batch: SourceRecord[] = new Array<SourceRecord>(to - from);
        // Row numbers count a notional header row, as for CSV: the first data row is row 2.
        for (let r = from; r < to; r += 1) batch[r - from] = { row: groupStart + r + 2, record: rows[r - from] as string[] };
        yield batch;
        checkSignal(options.signal, fileName);
      }
      // Every batch of the group is made (rows hold texts, not the arrays): the arrays are free for the next group.
      arrays.recycle(compact);
      groupStart += groupRows;
      for (const column of group.columns) bytesDone += Number(column.meta_data?.total_compressed_size ?? 0);
    }
  }

  const replay = new ReplayBuffer(records());
  const firstRecords = await replay.head(DEFAULT_SAMPLE_ROWS);
  return {
    kind: 'parquet',
    recordKind: 'tabular',
    fileName,
    totalBytes: size,
    details: { rowGroups: metadata.row_groups.length, rows: Number(metadata.num_rows), createdBy: metadata.created_by ?? '' },
    header,
    async sample(rows = DEFAULT_SAMPLE_ROWS): Promise<FormatSample> {
      const head = rows <= firstRecords.length ? firstRecords.slice(0, rows) : await replay.head(rows);
      return tabularSample(fileName, header, head);
    },
    batches: () => replay.batches(),
    bytesRead: () => bytesDone,
    async close() {
      await replay.close().catch(() => undefined);
    },
  };
}
