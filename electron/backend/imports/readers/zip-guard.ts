/**
 * Zip-bomb guard for XLSX files, run BEFORE SheetJS inflates anything.
 *
 * 1. The central directory's declared sizes are checked: entry count, total
 *    uncompressed size, and the compression ratio of every large entry.
 * 2. Because declared sizes can lie, every entry is then inflated with
 *    fflate into a counter (nothing is kept), stopping the moment an entry
 *    produces more than it declared.
 * Time and memory are therefore bounded by the limits, whatever the file
 * claims.
 */
import { Inflate } from 'fflate';
import { WorkbenchError } from '../../../../shared/domain/errors';

export interface ZipLimits {
  /** Sum of declared uncompressed sizes (default 512 MiB). */
  maxUncompressedBytes?: number;
  /** Uncompressed ÷ compressed for entries above 1 MiB (default 200; spreadsheets compress 5–20×, bombs 1000×). */
  maxCompressionRatio?: number;
  /** Entries in the archive (default 10,000). */
  maxEntries?: number;
}

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export const DEFAULT_MAX_UNCOMPRESSED = 512 << 20;
export const DEFAULT_MAX_RATIO = 200;
const RATIO_FLOOR = 1 << 20;
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function bomb(fileName: string, message: string): WorkbenchError {
  return new WorkbenchError('invalid_file', message, { file: fileName });
}

/** Reads the central directory without inflating anything. */
export function readCentralDirectory(zip: Uint8Array, fileName: string): ZipEntryInfo[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const n = zip.byteLength;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bomb(fileName, 'not a valid XLSX: the zip directory is missing (truncated or not a workbook)');
  const total = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (total === 0xffff || cdOffset === 0xffffffff) throw bomb(fileName, 'ZIP64 workbooks are not supported; save the data as CSV');
  if (cdOffset + cdSize > eocd) throw bomb(fileName, 'not a valid XLSX: the zip directory points outside the file');
  const entries: ZipEntryInfo[] = [];
  let p = cdOffset;
  for (let k = 0; k < total; k += 1) {
    if (p + 46 > n || view.getUint32(p, true) !== CENTRAL) throw bomb(fileName, 'not a valid XLSX: the zip directory is corrupt');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localHeaderOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > n) throw bomb(fileName, 'not a valid XLSX: the zip directory is corrupt');
    const name = new TextDecoder().decode(zip.subarray(p + 46, p + 46 + nameLength));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw bomb(fileName, 'ZIP64 workbooks are not supported; save the data as CSV');
    }
    if (flags & 1) throw bomb(fileName, 'the workbook is encrypted; save an unprotected copy');
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Rejects zip bombs: first on declared sizes, then by inflating each entry
 * into a counter that stops at the declared size.
 */
export function guardZip(zip: Uint8Array, fileName: string, limits: ZipLimits = {}): ZipEntryInfo[] {
  const maxTotal = limits.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED;
  const maxRatio = limits.maxCompressionRatio ?? DEFAULT_MAX_RATIO;
  const maxEntries = limits.maxEntries ?? 10_000;
  const entries = readCentralDirectory(zip, fileName);
  if (entries.length > maxEntries) throw bomb(fileName, `the workbook holds ${entries.length} files, beyond the ${maxEntries} limit (zip bomb?)`);
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    if (total > maxTotal) {
      throw bomb(fileName, `the workbook unpacks to more than ${Math.round(maxTotal / (1 << 20))} MB (zip bomb?); export the sheet as CSV instead`);
    }
    if (e.uncompressedSize > RATIO_FLOOR && e.uncompressedSize > e.compressedSize * maxRatio) {
      throw bomb(fileName, `"${e.name}" would expand ${Math.round(e.uncompressedSize / Math.max(e.compressedSize, 1))}× when unpacked (zip bomb?)`);
    }
    if (e.method !== 0 && e.method !== 8) throw bomb(fileName, `"${e.name}" uses zip compression method ${e.method}, which a workbook never does`);
  }
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (const e of entries) {
    const p = e.localHeaderOffset;
    if (p + 30 > zip.byteLength || view.getUint32(p, true) !== LOCAL) throw bomb(fileName, `not a valid XLSX: the entry "${e.name}" is missing`);
    const start = p + 30 + view.getUint16(p + 26, true) + view.getUint16(p + 28, true);
    const end = start + e.compressedSize;
    if (end > zip.byteLength) throw bomb(fileName, `not a valid XLSX: the entry "${e.name}" runs past the end of the file`);
    if (e.method === 0) {
      if (e.compressedSize !== e.uncompressedSize) throw bomb(fileName, `not a valid XLSX: the stored entry "${e.name}" has inconsistent sizes`);
      continue;
    }
    let produced = 0;
    const inflater = new Inflate((chunk) => {
      produced += chunk.length;
      if (produced > e.uncompressedSize) throw bomb(fileName, `"${e.name}" unpacks to more than the ${e.uncompressedSize} bytes it declares (zip bomb?)`);
    });
    try {
      const step = 16 << 10;
      for (let q = start; q < end; q += step) inflater.push(zip.subarray(q, Math.min(q + step, end)), q + step >= end);
      if (start === end) inflater.push(new Uint8Array(0), true);
    } catch (error) {
      if (error instanceof WorkbenchError) throw error;
      throw bomb(fileName, `not a valid XLSX: "${e.name}" is corrupt (${(error as Error).message})`);
    }
    if (produced !== e.uncompressedSize) throw bomb(fileName, `not a valid XLSX: "${e.name}" unpacks to ${produced} bytes, not the ${e.uncompressedSize} it declares`);
  }
  return entries;
}
