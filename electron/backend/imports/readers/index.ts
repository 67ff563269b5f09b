/**
 * Statement readers: open any supported file by what its bytes say (not its
 * extension), detect the format, and hand the importer a mapper plus a
 * stream of record batches. The import job (statement-parser.ts) uses it so:
 *
 *   const prepared = await prepareStatement(path, { format, mapping });
 *   const { summary } = await runMapper(prepared.mapper, prepared.source.fileName,
 *       prepared.source.batches(), { onLines: (lines) => insert(lines), signal });
 *   await prepared.source.close();
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { LedgerLine } from '../../../../shared/domain/ledger-line';
import { chooseFormat, type ChosenFormat } from '../../../../shared/formats/registry';
import { mapRecords, runMapper, type RunOptions } from '../../../../shared/formats/run';
import type { ImportSummary } from '../../../../shared/formats/accumulator';
import type { FormatSample, MapOptions, RecordMapper, SourceRecord } from '../../../../shared/formats/types';
import type { GenericMapping } from '../../../../shared/formats/generic/mapping';
import { openCsv } from './csv';
import { openJson } from './json';
import type { ReaderOptions, SourceFileKind, StatementSource } from './source';

export type { ReaderOptions, SourceFileKind, StatementSource } from './source';
export { openCsv, openJson };

const JSON_EXTENSIONS = /\.(json|jsonl|ndjson)(\.gz)?$/i;

async function firstBytes(filePath: string, n: number): Promise<Buffer> {
  const handle = await fs.open(filePath, 'r');
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(n), 0, n, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function gunzipHead(bytes: Buffer): Promise<Buffer> {
  return new Promise((resolve) => {
    const gunzip = createGunzip();
    const chunks: Buffer[] = [];
    gunzip.on('data', (c: Buffer) => chunks.push(c));
    gunzip.on('error', () => resolve(Buffer.concat(chunks)));
    gunzip.on('end', () => resolve(Buffer.concat(chunks)));
    gunzip.end(bytes);
  });
}

function startsLikeJson(bytes: Buffer): boolean {
  let text = bytes.toString('utf8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  const first = text.replace(/^[\uFEFF\s]+/, '')[0];
  return first === '{' || first === '[';
}

/**
 * What kind of file this is, from its first bytes: Parquet (PAR1), XLSX
 * (a zip), JSON (starts with { or [, also inside gzip), otherwise CSV (text,
 * possibly gzip). Known non-statement files get a clear error.
 */
export async function sniffFileKind(filePath: string, fileName = path.basename(filePath)): Promise<SourceFileKind> {
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (error) {
    throw new WorkbenchError('not_found', `cannot open the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: fileName, cause: error });
  }
  if (!stat.isFile()) throw new WorkbenchError('bad_input', 'this is not a file', { file: fileName });
  if (stat.size === 0) throw new WorkbenchError('invalid_file', 'the file is empty', { file: fileName });
  const head = await firstBytes(filePath, 4096);
  const magic = head.subarray(0, 4).toString('latin1');
  if (magic === 'PAR1') return 'parquet';
  if (magic === 'PK\u0003\u0004' || magic === 'PK\u0005\u0006') return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new WorkbenchError('unrecognised_format', 'this is an old binary Excel (.xls) or Office file; save it as .xlsx or CSV', { file: fileName });
  }
  if (magic === '%PDF') throw new WorkbenchError('unrecognised_format', 'this is a PDF; statements must be CSV, XLSX, Parquet or JSON exports', { file: fileName });
  if (head[0] === 0x1f && head[1] === 0x8b) {
    if (JSON_EXTENSIONS.test(fileName)) return 'json';
    const inner = await gunzipHead(head);
    return startsLikeJson(inner) ? 'json' : 'csv';
  }
  if (startsLikeJson(head)) return 'json';
  return 'csv';
}

/**
 * Opens a statement with the reader its bytes call for. The Parquet and
 * XLSX readers are loaded with the first such file, not with every import
 * thread: with hyparquet and fflate they added about 15 ms to each
 * thread's start (two threads an import), CSV or not.
 */
export async function openStatement(filePath: string, options: ReaderOptions = {}): Promise<StatementSource> {
  const fileName = options.fileName ?? path.basename(filePath);
  const kind = await sniffFileKind(filePath, fileName);
  const withName = { ...options, fileName };
  switch (kind) {
    case 'parquet':
      return (await import('./parquet')).openParquet(filePath, withName);
    case 'xlsx':
      return (await import('./xlsx')).openXlsx(filePath, withName);
    case 'json':
      return openJson(filePath, withName);
    default:
      return openCsv(filePath, withName);
  }
}

export interface PrepareOptions extends ReaderOptions {
  /** Format id chosen by the user, overriding detection. */
  format?: string;
  version?: string;
  /** Generic column mapping, already checked (parseMapping). */
  mapping?: GenericMapping;
  decimal?: MapOptions['decimal'];
  dateOrder?: MapOptions['dateOrder'];
  keep?: MapOptions['keep'];
  sampleRows?: number;
}

export interface PreparedStatement {
  source: StatementSource;
  sample: FormatSample;
  chosen: ChosenFormat;
  mapper: RecordMapper;
}

/**
 * Opens, samples, detects and binds a mapper: everything before the first
 * row is mapped. On error the file is closed and the WorkbenchError says why
 * (unrecognised_format when nothing matches, invalid_file for a missing
 * column).
 */
export async function prepareStatement(filePath: string, options: PrepareOptions = {}): Promise<PreparedStatement> {
  const source = await openStatement(filePath, options);
  try {
    const sample = await source.sample(options.sampleRows);
    if (sample.kind === 'tabular' && sample.rows.length === 0) {
      throw new WorkbenchError('invalid_file', 'the file has a header but no data rows', { file: source.fileName, row: 2 });
    }
    if (sample.kind === 'json' && sample.records.length === 0) {
      throw new WorkbenchError('invalid_file', 'the file holds no records', { file: source.fileName });
    }
    const chosen = chooseFormat(sample, { override: options.format, version: options.version, mapping: options.mapping });
    const mapOptions: MapOptions = { fileName: source.fileName, version: chosen.detection.version };
    if (options.decimal) mapOptions.decimal = options.decimal;
    if (options.dateOrder) mapOptions.dateOrder = options.dateOrder;
    if (options.mapping !== undefined) mapOptions.mapping = options.mapping;
    if (options.keep) mapOptions.keep = options.keep;
    const mapper = chosen.format.createMapper(sample, mapOptions, chosen.detection);
    if (mapper.columnsRead) source.readColumns?.(mapper.columnsRead);
    return { source, sample, chosen, mapper };
  } catch (error) {
    await source.close();
    throw error;
  }
}

export interface PreviewResult {
  chosen: ChosenFormat;
  header: readonly string[];
  /** The first lines as they would land. */
  lines: LedgerLine[];
  /** The preview's own summary: rejections among the first rows, with reasons. */
  summary: ImportSummary;
}

/** Maps the first rows without writing anything, for the wizard's preview. */
export async function previewStatement(filePath: string, options: PrepareOptions & { rows?: number } = {}): Promise<PreviewResult> {
  const rows = options.rows ?? 50;
  const prepared = await prepareStatement(filePath, { ...options, sampleRows: Math.max(rows, options.sampleRows ?? 0) });
  try {
    const records: SourceRecord[] = [];
    for await (const batch of prepared.source.batches()) {
      for (const r of batch) {
        if (records.length < rows) records.push(r);
      }
      if (records.length >= rows) break;
    }
    const { lines, summary } = mapRecords(prepared.mapper, prepared.source.fileName, records);
    return { chosen: prepared.chosen, header: prepared.source.header, lines, summary };
  } finally {
    await prepared.source.close();
  }
}

/**
 * Reads and maps a whole file, handing lines to onLines in batches (a dry
 * run when onLines discards them). The summary carries the reconciliation.
 */
export async function readStatement(filePath: string, options: PrepareOptions & Omit<RunOptions, 'signal'> = {}): Promise<{ chosen: ChosenFormat; summary: ImportSummary; lines: LedgerLine[] }> {
  const prepared = await prepareStatement(filePath, options);
  try {
    const { summary, lines } = await runMapper(prepared.mapper, prepared.source.fileName, prepared.source.batches(), {
      ...options,
      signal: options.signal,
    });
    return { chosen: prepared.chosen, summary, lines };
  } finally {
    await prepared.source.close();
  }
}
