/**
 * XLSX reader (SheetJS). A workbook cannot be streamed, so it is bounded
 * instead: the file size is capped, the zip is checked for bombs before
 * anything is inflated (zip-guard.ts), and SheetJS is told not to parse
 * formulas or build HTML. Cell values are read as stored, never evaluated:
 * a text cell "=HYPERLINK(...)" stays that text, a formula cell gives its
 * cached value. Dates (numbers in a date format) become ISO text; row
 * numbers are the sheet's own (header on row 1 → first data row 2).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type * as SheetJS from 'xlsx';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { FormatSample, SourceRecord } from '../../../../shared/formats/types';
import { DEFAULT_BATCH_SIZE, DEFAULT_SAMPLE_ROWS, ReplayBuffer, checkSignal, shapeRow, tabularSample, type ReaderOptions, type StatementSource } from './source';
import { guardZip } from './zip-guard';

export const DEFAULT_MAX_XLSX_BYTES = 100 << 20;

interface Cell {
  t?: string;
  v?: unknown;
  z?: string | number;
  w?: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** An Excel serial date (1900 or 1904 system) to ISO text; whole days become "YYYY-MM-DD". */
export function excelSerialToIso(serial: number, date1904: boolean): string {
  const days = date1904 ? serial + 1462 : serial;
  const ms = Math.round((days - 25569) * 86_400_000);
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return String(serial);
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  if (ms % 86_400_000 === 0) return date;
  return `${date}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}Z`;
}

function cellText(cell: Cell | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  const v = cell.v;
  switch (cell.t) {
    case 's':
    case 'str':
      return String(v);
    case 'n': {
      const n = v as number;
      if (cell.z !== undefined && typeof cell.z === 'string' && (sheetJs as typeof SheetJS).SSF.is_date(cell.z)) return excelSerialToIso(n, date1904);
      return String(n);
    }
    case 'b':
      return v ? 'true' : 'false';
    case 'd':
      return v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : String(v);
    case 'e':
      return `#ERROR(${String(cell.w ?? v)})`;
    default:
      return String(v);
  }
}

/** SheetJS, loaded the first time a workbook is opened (it is large; CSV, JSON and Parquet imports never need it). */
let sheetJs: typeof SheetJS | null = null;

/** Opens an XLSX statement (one sheet) after the zip-bomb checks. */
export async function openXlsx(filePath: string, options: ReaderOptions = {}): Promise<StatementSource> {
  const fileName = options.fileName ?? path.basename(filePath);
  const stat = await fs.stat(filePath);
  const maxBytes = options.maxXlsxBytes ?? DEFAULT_MAX_XLSX_BYTES;
  if (stat.size === 0) throw new WorkbenchError('invalid_file', 'the file is empty', { file: fileName });
  if (stat.size > maxBytes) {
    throw new WorkbenchError('invalid_file', `the workbook is ${Math.round(stat.size / (1 << 20))} MB, beyond the ${Math.round(maxBytes / (1 << 20))} MB limit for XLSX; export the sheet as CSV`, { file: fileName });
  }
  const bytes = await fs.readFile(filePath);
  return openXlsxBytes(bytes, { ...options, fileName });
}

/** Opens a workbook already in memory (after the same zip-bomb checks). */
export async function openXlsxBytes(bytes: Uint8Array, options: ReaderOptions & { fileName: string }): Promise<StatementSource> {
  const fileName = options.fileName;
  const size = bytes.byteLength;
  guardZip(bytes, fileName, {
    maxUncompressedBytes: options.maxUncompressedBytes,
    maxCompressionRatio: options.maxCompressionRatio,
  });
  sheetJs ??= (await import('xlsx')) as typeof SheetJS;
  const XLSX = sheetJs;
  let workbook: SheetJS.WorkBook;
  try {
    workbook = XLSX.read(bytes, { type: Buffer.isBuffer(bytes) ? 'buffer' : 'array', dense: true, cellFormula: false, cellHTML: false, cellNF: true, cellText: false, cellDates: false, bookVBA: false });
  } catch (error) {
    throw new WorkbenchError('invalid_file', `not a readable XLSX workbook: ${(error as Error).message}`, { file: fileName, cause: error });
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  let sheetName = options.sheet;
  if (sheetName !== undefined && !workbook.Sheets[sheetName]) {
    throw new WorkbenchError('bad_input', `the workbook has no sheet "${sheetName}" (sheets: ${workbook.SheetNames.join(', ')})`, { file: fileName, field: 'sheet' });
  }
  sheetName ??= workbook.SheetNames.find((n) => {
    const ws = workbook.Sheets[n];
    return ws && ws['!ref'] && ((ws['!data'] as unknown[] | undefined)?.length ?? 0) > 0;
  });
  if (sheetName === undefined) throw new WorkbenchError('invalid_file', 'the workbook has no sheet with data', { file: fileName });
  const sheet = workbook.Sheets[sheetName] as SheetJS.WorkSheet;
  const data = (sheet['!data'] ?? []) as (Cell[] | undefined)[];
  const range = XLSX.utils.decode_range(sheet['!ref'] ?? 'A1:A1');
  const firstCol = range.s.c;
  const lastCol = range.e.c;

  const rowCells = (r: number): string[] => {
    const row = data[r];
    const out: string[] = [];
    for (let c = firstCol; c <= lastCol; c += 1) out.push(cellText(row?.[c], date1904));
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  };

  let headerRow = -1;
  for (let r = range.s.r; r <= range.e.r; r += 1) {
    if (rowCells(r).length > 0) {
      headerRow = r;
      break;
    }
  }
  if (headerRow < 0) throw new WorkbenchError('invalid_file', `sheet "${sheetName}" is empty`, { file: fileName });
  const header = rowCells(headerRow).map((h) => h.trim());
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let done = 0;

  async function* records(): AsyncGenerator<SourceRecord[]> {
    let batch: SourceRecord[] = [];
    for (let r = headerRow + 1; r <= range.e.r; r += 1) {
      const cells = rowCells(r);
      if (cells.length === 0) continue;
      while (cells.length < header.length) cells.push('');
      batch.push(shapeRow(header, cells, r + 1));
      if (batch.length >= batchSize) {
        checkSignal(options.signal, fileName);
        yield batch;
        batch = [];
      }
      done = r;
    }
    done = range.e.r;
    if (batch.length > 0) yield batch;
  }

  const replay = new ReplayBuffer(records());
  const firstRecords = await replay.head(DEFAULT_SAMPLE_ROWS);
  const rowsTotal = Math.max(1, range.e.r - headerRow);
  return {
    kind: 'xlsx',
    recordKind: 'tabular',
    fileName,
    totalBytes: size,
    details: { sheet: sheetName, sheets: workbook.SheetNames.length },
    header,
    async sample(rows = DEFAULT_SAMPLE_ROWS): Promise<FormatSample> {
      const head = rows <= firstRecords.length ? firstRecords.slice(0, rows) : await replay.head(rows);
      return tabularSample(fileName, header, head);
    },
    batches: () => replay.batches(),
    // The workbook is in memory; progress is the share of its rows handed out.
    bytesRead: () => Math.round((size * Math.max(0, done - headerRow)) / rowsTotal),
    async close() {
      await replay.close().catch(() => undefined);
    },
  };
}
