/**
 * Reads a price list (the price book's CSV) as a stream, with the statement
 * readers' text decoding and CSV tokenizer: the header is checked as soon
 * as its line is read, so a file that is no price list is refused at once;
 * a row (or a single line with no end) longer than the tokenizer's 4 MB
 * row limit, or a cell over 1 MB, stops the read naming the row; memory is
 * one chunk and one unfinished row plus the price rows read so far.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { WorkbenchError, isWorkbenchError } from '../../../shared/domain/errors';
import { PriceCsvReader } from '../../../shared/domain/pricebook/csv';
import type { PriceRowWire } from '../../../shared/domain/pricebook/schema';
import { CsvTokenizer, sniffDelimiter, type RawRecord } from '../imports/readers/csv-tokenizer';
import { decodeText, type DecodeState } from '../imports/readers/decode';
import { shapeRow } from '../imports/readers/source';

/** Largest price list read (the shipped book exports to under 1 MB). */
export const MAX_PRICE_CSV_BYTES = 50 * 1024 * 1024;
const CHUNK = 1 << 20;

export type PriceCsvSource = { path: string } | { text: string };

export interface PriceCsvProgress {
  bytes: number;
  totalBytes: number;
  rows: number;
}

async function* textChunks(source: PriceCsvSource, fileName: string, state: DecodeState, read: { bytes: number }): AsyncGenerator<string> {
  if ('text' in source) {
    for (let i = 0; i < source.text.length; i += CHUNK) {
      const chunk = source.text.slice(i, i + CHUNK);
      read.bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
    return;
  }
  const stream: Readable = createReadStream(source.path, { highWaterMark: CHUNK });
  const bytes = (async function* () {
    try {
      for await (const chunk of stream) {
        read.bytes += (chunk as Buffer).length;
        yield chunk as Uint8Array;
      }
    } catch (error) {
      if (isWorkbenchError(error)) throw error;
      throw new WorkbenchError('invalid_file', `could not read the file: ${(error as Error).message}`, { file: fileName, cause: error });
    }
  })();
  try {
    yield* decodeText(bytes, fileName, state);
  } finally {
    stream.destroy();
  }
}

/** The tokenizer's size limits speak of statements; say it of a price list. */
function priceListError(error: unknown): unknown {
  if (isWorkbenchError(error) && error.code === 'invalid_file' && /limit \(is a quote left open/.test(error.message)) {
    return new WorkbenchError('invalid_file', error.message.replace(/\(is a quote left open.*\)$/, '(is a quote left open, or is this not a price list?)'), {
      ...(error.file !== undefined ? { file: error.file } : {}),
      ...(error.row !== undefined ? { row: error.row } : {}),
      ...(error.field !== undefined ? { field: error.field } : {}),
    });
  }
  return error;
}

export function priceCsvSize(source: PriceCsvSource, fileName: string): number {
  if ('text' in source) return Buffer.byteLength(source.text);
  const size = statSync(source.path, { throwIfNoEntry: false });
  if (size === undefined) throw new WorkbenchError('not_found', 'no such file', { file: fileName, field: 'path' });
  if (!size.isFile()) throw new WorkbenchError('bad_input', 'this is a folder, not a price list', { file: fileName, field: 'path' });
  return size.size;
}

/**
 * Every price row of a price list, validated (PriceCsvReader: the file,
 * line and column of the first problem). `shouldStop` is asked between
 * chunks; the caller runs this off its main thread.
 */
export async function readPriceCsv(source: PriceCsvSource, fileName: string, onProgress: (p: PriceCsvProgress) => void = () => undefined, shouldStop: () => boolean = () => false): Promise<PriceRowWire[]> {
  const totalBytes = priceCsvSize(source, fileName);
  if (totalBytes > MAX_PRICE_CSV_BYTES) {
    throw new WorkbenchError('invalid_file', `a price list should be under 50 MB; this one is ${(totalBytes / 1e6).toFixed(0)} MB`, { file: fileName });
  }
  if (totalBytes === 0) throw new WorkbenchError('invalid_file', 'the file is empty: expected a header row', { file: fileName, row: 1 });
  const reader = new PriceCsvReader(fileName);
  const rows: PriceRowWire[] = [];
  const read = { bytes: 0 };
  const state: DecodeState = { encoding: null };
  let tokenizer: CsvTokenizer | null = null;
  let header: string[] | null = null;
  state.currentRow = () => (tokenizer ? tokenizer.recordsSeen + 1 : 1);
  const out: RawRecord[] = [];
  const take = () => {
    for (const raw of out) {
      if (header === null) {
        header = raw.fields;
        reader.header(header);
        (tokenizer as CsvTokenizer).header = header;
        continue;
      }
      if (raw.fields.length === 1 && raw.fields[0]!.trim() === '') continue;
      const shaped = shapeRow(header, raw.fields, raw.record, raw);
      if (shaped.problem) throw new WorkbenchError('invalid_file', shaped.problem.reason, { file: fileName, row: shaped.row, field: shaped.problem.field });
      rows.push(reader.row(shaped.record as string[], shaped.row));
    }
    out.length = 0;
  };
  try {
    for await (const text of textChunks(source, fileName, state, read)) {
      if (shouldStop()) throw new WorkbenchError('cancelled', 'cancelled; nothing was changed', { file: fileName });
      tokenizer ??= new CsvTokenizer({ delimiter: sniffDelimiter(text), fileName });
      tokenizer.push(text, out);
      take();
      onProgress({ bytes: read.bytes, totalBytes, rows: rows.length });
    }
    if (tokenizer === null) throw new WorkbenchError('invalid_file', 'the file is empty: expected a header row', { file: fileName, row: 1 });
    tokenizer.finish(out);
    take();
  } catch (error) {
    throw priceListError(error);
  }
  if (header === null) throw new WorkbenchError('invalid_file', 'the file is empty: expected a header row', { file: fileName, row: 1 });
  onProgress({ bytes: read.bytes, totalBytes, rows: rows.length });
  return rows;
}
