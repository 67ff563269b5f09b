/**
 * Streaming CSV reader: plain or gzip (recognised by its magic bytes, not
 * the extension), encoding from the BOM or the bytes (see decode.ts),
 * delimiter sniffed from the header line (`,` `;` tab `|`). Memory is one
 * read chunk plus one unfinished row, whatever the file size; cells and rows
 * beyond the size limits stop the read with an error naming the row and
 * field.
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { readFileChunks } from '../../files/file-chunks';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { FormatSample, SourceRecord } from '../../../../shared/formats/types';
import { CsvTokenizer, sniffDelimiter, type RawRecord } from './csv-tokenizer';
import { decodeText, type DecodeState } from './decode';
import { DEFAULT_BATCH_SIZE, DEFAULT_SAMPLE_ROWS, ReplayBuffer, checkSignal, shapeRow, tabularSample, type ReaderOptions, type StatementSource } from './source';

const READ_CHUNK = 1 << 20;
/**
 * Bytes decoded and tokenised at a time. Read in 1 MiB, decoded in 64 KiB:
 * text of a 1 MiB chunk is a string in V8's large-object space, and a
 * million-line file made a thousand of them (the chunk, then the chunk glued
 * to the unfinished row), each growing the old generation until a full
 * collection: about 110 mark-compacts and a third of the reading thread's CPU.
 * A 64 KiB piece stays a young object and dies young (measured on the 1M-line
 * FOCUS CSV: process CPU 7.3–8.5 s → 4.8–5.3 s, the same lines). Under 128 KiB
 * so that a piece glued to an unfinished row is still not a large object.
 */
const TOKENISE_CHUNK = 1 << 16;
const LF = 10;

/**
 * Where the piece of a read chunk starting at `at` ends: just after its last
 * line feed, so that the tokeniser is usually left with no unfinished row and
 * reads the piece's text as it is. Gluing a row's rest to the next piece made
 * a rope (a V8 cons string) that every scan and slice of the piece walked
 * through: about a sixth of the tokeniser's time on the 1M-line FOCUS CSV.
 * A line feed inside a quoted cell, or a piece without one (a row longer
 * than a piece, an old Mac file's CR line ends), only costs that gluing
 * again; the tokeniser reads pieces cut anywhere, and UTF-8 never has the
 * byte 0x0A inside a character.
 */
export function pieceEnd(bytes: Uint8Array, at: number, size = TOKENISE_CHUNK): number {
  const limit = at + size;
  if (limit >= bytes.length) return bytes.length;
  const lf = bytes.subarray(at, limit).lastIndexOf(LF);
  return lf > 0 ? at + lf + 1 : limit;
}

export async function isGzipFile(filePath: string): Promise<boolean> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function gzipError(fileName: string, error: unknown): WorkbenchError {
  return new WorkbenchError('invalid_file', `the gzip data is truncated or corrupt (${(error as Error).message})`, { file: fileName, cause: error });
}

interface CsvBytes {
  /** The file's bytes (inflated when gzip), READ_CHUNK at a time; a plain file's chunks share one buffer (readFileChunks), so each is used up before the next is asked for. */
  chunks: AsyncIterable<Uint8Array>;
  /** Bytes of the file on disk read so far. */
  bytesRead(): number;
  close(): Promise<void>;
}

function openChunks(filePath: string, gzip: boolean): CsvBytes {
  if (gzip) {
    const file = createReadStream(filePath, { highWaterMark: READ_CHUNK });
    const stream: Readable = pipeline(file, createGunzip({ chunkSize: READ_CHUNK }), () => undefined);
    return { chunks: stream as AsyncIterable<Uint8Array>, bytesRead: () => file.bytesRead, close: async () => void file.destroy() };
  }
  const file = readFileChunks(filePath, READ_CHUNK);
  return { chunks: file.chunks, bytesRead: file.bytesRead, close: async () => void (await file.chunks.return(undefined)) };
}

/** Opens a CSV (or .csv.gz) statement for one streaming pass. */
export async function openCsv(filePath: string, options: ReaderOptions = {}): Promise<StatementSource> {
  const fileName = options.fileName ?? path.basename(filePath);
  const stat = await fs.stat(filePath);
  if (stat.size === 0) throw new WorkbenchError('invalid_file', 'the file is empty', { file: fileName });
  const gzip = await isGzipFile(filePath);
  const file = openChunks(filePath, gzip);
  const decodeState: DecodeState = { encoding: null };
  const details: Record<string, string | number | boolean> = { gzip };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;

  let tokenizer: CsvTokenizer | null = null;
  let header: string[] | null = null;
  /** Columns nobody reads (see readColumns), 1 each. */
  let skipped: Uint8Array | null = null;
  decodeState.currentRow = () => (tokenizer ? tokenizer.recordsSeen + 1 : 1);

  async function* rawBatches(): AsyncGenerator<RawRecord[]> {
    const out: RawRecord[] = [];
    const bytes = (async function* () {
      try {
        // The file's first piece is the first 64 KiB as it stands: the encoding, binary check and delimiter are read from it.
        let first = true;
        for await (const chunk of file.chunks) {
          const bytes = chunk as Uint8Array;
          for (let at = 0; at < bytes.length; ) {
            const end = first ? Math.min(bytes.length, at + TOKENISE_CHUNK) : pieceEnd(bytes, at);
            first = false;
            yield bytes.subarray(at, end);
            at = end;
          }
        }
      } catch (error) {
        if (error instanceof WorkbenchError) throw error;
        if (gzip) throw gzipError(fileName, error);
        throw new WorkbenchError('invalid_file', `could not read the file: ${(error as Error).message}`, { file: fileName, cause: error });
      }
    })();
    for await (const text of decodeText(bytes, fileName, decodeState)) {
      checkSignal(options.signal, fileName);
      details.encoding = decodeState.encoding ?? 'utf-8';
      if (tokenizer === null) {
        const delimiter = options.delimiter ?? sniffDelimiter(text);
        details.delimiter = delimiter === '\t' ? 'tab' : delimiter;
        tokenizer = new CsvTokenizer({ delimiter, fileName, maxCellChars: options.maxCellChars, maxRecordChars: options.maxRecordChars });
      }
      tokenizer.push(text, out);
      if (out.length > 0) yield out.splice(0, out.length);
    }
    if (tokenizer === null) return;
    tokenizer.finish(out);
    if (out.length > 0) yield out.splice(0, out.length);
  }

  async function* records(): AsyncGenerator<SourceRecord[]> {
    let batch: SourceRecord[] = [];
    for await (const raws of rawBatches()) {
      for (const raw of raws) {
        if (header === null) {
          header = raw.fields.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
          (tokenizer as CsvTokenizer).header = header;
          continue;
        }
        batch.push(shapeRow(header, raw.fields, raw.record, raw));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  const replay = new ReplayBuffer(records());
  // Reading the first records also reads the header, so the source knows it when it is returned.
  let firstRecords: SourceRecord[];
  try {
    firstRecords = await replay.head(DEFAULT_SAMPLE_ROWS);
  } catch (error) {
    await file.close();
    throw error;
  }
  details.encoding = decodeState.encoding ?? 'utf-8';
  if (header === null) throw new WorkbenchError('invalid_file', 'the file has no header row (it is empty or blank)', { file: fileName });
  const knownHeader: string[] = header;

  return {
    kind: 'csv',
    recordKind: 'tabular',
    fileName,
    totalBytes: stat.size,
    details,
    header: knownHeader,
    async sample(rows = DEFAULT_SAMPLE_ROWS): Promise<FormatSample> {
      const head = rows <= firstRecords.length ? firstRecords.slice(0, rows) : await replay.head(rows);
      return tabularSample(fileName, knownHeader, head);
    },
    batches: () => replay.batches(),
    readColumns(columns) {
      skipped = new Uint8Array(knownHeader.length).fill(1);
      for (const i of columns) if (i >= 0 && i < skipped.length) skipped[i] = 0;
      if (tokenizer) tokenizer.skipped = skipped;
    },
    bytesRead: () => file.bytesRead(),
    async close() {
      await file.close();
      await replay.close().catch(() => undefined);
    },
  };
}
