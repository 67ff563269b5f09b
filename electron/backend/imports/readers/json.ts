/**
 * Streaming JSON reader for API pages: a saved page ({data: [...]}), an
 * array of buckets or records, or JSON Lines; plain or gzip. Numbers stay
 * exact text (see json-tokenizer.ts); memory is one chunk plus one record,
 * bounded by the record size limit (64 MiB by default).
 */
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { FormatSample, SourceRecord } from '../../../../shared/formats/types';
import { isGzipFile } from './csv';
import { decodeText, type DecodeState } from './decode';
import { JsonTokenizer, type JsonRecordOut } from './json-tokenizer';
import { DEFAULT_BATCH_SIZE, DEFAULT_SAMPLE_ROWS, ReplayBuffer, checkSignal, jsonSample, type ReaderOptions, type StatementSource } from './source';

const READ_CHUNK = 1 << 20;

/** Opens a JSON statement for one streaming pass. */
export async function openJson(filePath: string, options: ReaderOptions = {}): Promise<StatementSource> {
  const fileName = options.fileName ?? path.basename(filePath);
  const stat = await fs.stat(filePath);
  if (stat.size === 0) throw new WorkbenchError('invalid_file', 'the file is empty', { file: fileName });
  const gzip = await isGzipFile(filePath);
  const file = createReadStream(filePath, { highWaterMark: READ_CHUNK });
  const stream: Readable = gzip ? pipeline(file, createGunzip(), () => undefined) : file;
  const decodeState: DecodeState = { encoding: null };
  const details: Record<string, string | number | boolean> = { gzip };
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const tokenizer = new JsonTokenizer({ fileName, maxDepth: options.maxJsonDepth, maxRecordChars: options.maxJsonRecordChars });

  async function* records(): AsyncGenerator<SourceRecord[]> {
    const out: JsonRecordOut[] = [];
    let batch: SourceRecord[] = [];
    const take = function* (): Generator<SourceRecord[]> {
      for (const r of out) {
        batch.push({ row: r.line, record: r.value });
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
        }
      }
      out.length = 0;
    };
    const bytes = (async function* () {
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (error) {
        if (error instanceof WorkbenchError) throw error;
        throw new WorkbenchError('invalid_file', `${gzip ? 'the gzip data is truncated or corrupt' : 'could not read the file'} (${(error as Error).message})`, { file: fileName, cause: error });
      }
    })();
    for await (const text of decodeText(bytes, fileName, decodeState)) {
      checkSignal(options.signal, fileName);
      details.encoding = decodeState.encoding ?? 'utf-8';
      tokenizer.push(text, out);
      yield* take();
    }
    tokenizer.finish(out);
    yield* take();
    if (!tokenizer.started) throw new WorkbenchError('invalid_file', 'the file holds no JSON value (it is blank)', { file: fileName });
    if (batch.length > 0) yield batch;
  }

  const replay = new ReplayBuffer(records());
  let firstRecords: SourceRecord[];
  try {
    firstRecords = await replay.head(DEFAULT_SAMPLE_ROWS);
  } catch (error) {
    file.destroy();
    throw error;
  }
  return {
    kind: 'json',
    recordKind: 'json',
    fileName,
    totalBytes: stat.size,
    details,
    header: [],
    async sample(rows = DEFAULT_SAMPLE_ROWS): Promise<FormatSample> {
      const head = rows <= firstRecords.length ? firstRecords.slice(0, rows) : await replay.head(rows);
      return jsonSample(fileName, head);
    },
    batches: () => replay.batches(),
    bytesRead: () => file.bytesRead,
    async close() {
      file.destroy();
      await replay.close().catch(() => undefined);
    },
  };
}
