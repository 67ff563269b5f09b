import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type * as SheetJS from 'xlsx';
import { WorkbenchError } from '../../../shared/domain/errors';
import { contractFileToYaml } from '../../../shared/domain/contracts/load';
import { validateTermSheet, type CellGrid } from '../../../shared/domain/contracts/term-sheet';
import type { ContractValidation } from '../../../shared/domain/contracts/load';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { parseScaledDecimal } from '../../../shared/domain/money';
import { onFirstUse } from '../lazy-require';

/**
 * Opens a term-sheet workbook with SheetJS and turns its first sheet (or the
 * one named "Term sheet") into a grid of text for the pure mapping in
 * shared/domain/contracts/term-sheet.ts. Only the cell-to-text conversion
 * lives here: dates become 2026-01-01, percentage-formatted numbers become
 * the percentage ("12" for 12%), booleans "yes"/"no".
 */

/** A term sheet is a page of terms; anything this large is not one. */
const MAX_BYTES = 10 * 1024 * 1024;
const MAX_ROWS = 2000;
const MAX_COLS = 40;
/** SheetJS, loaded with the first term sheet (lazy-require.ts). */
const sheetJs = onFirstUse<typeof SheetJS>('xlsx');

function percentText(value: number): string {
  const s = parseScaledDecimal(String(value));
  // × 100 exactly: move the decimal point two places.
  const digits = s.digits * (s.scale >= 2 ? 1n : 10n ** BigInt(2 - s.scale));
  const scale = Math.max(s.scale - 2, 0);
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const frac = scale > 0 ? abs.slice(abs.length - scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

function cellText(cell: SheetJS.CellObject | undefined): string {
  const XLSX = sheetJs();
  if (!cell || cell.v === undefined || cell.v === null) return '';
  if (cell.t === 'b') return cell.v ? 'yes' : 'no';
  if (cell.t === 'n' && typeof cell.v === 'number') {
    const format = typeof cell.z === 'string' ? cell.z : '';
    if (format !== '' && XLSX.SSF.is_date(format)) {
      const d = XLSX.SSF.parse_date_code(cell.v);
      return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
    }
    if (format.includes('%')) return percentText(cell.v);
    return String(cell.v);
  }
  if (cell.t === 'd' && cell.v instanceof Date) return cell.v.toISOString().slice(0, 10);
  return String(cell.v).trim();
}

/** The cell grid of a term sheet workbook's bytes. */
export function termSheetGrid(bytes: Uint8Array, file: string): { sheet: string; grid: string[][] } {
  if (bytes.byteLength > MAX_BYTES) throw new WorkbenchError('invalid_file', `a term sheet should be a small workbook; this one is ${bytes.byteLength} bytes`, { file });
  const XLSX = sheetJs();
  let wb: SheetJS.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellNF: true, cellDates: false, sheetRows: MAX_ROWS, dense: false });
  } catch (error) {
    throw new WorkbenchError('invalid_file', `not a readable workbook: ${(error as Error).message}`, { file, cause: error });
  }
  const sheet = wb.SheetNames.find((n) => n.trim().toLowerCase() === 'term sheet') ?? wb.SheetNames[0];
  const ws = sheet === undefined ? undefined : wb.Sheets[sheet];
  if (!ws || !sheet) throw new WorkbenchError('invalid_file', 'the workbook has no sheets', { file });
  const ref = ws['!ref'];
  if (!ref) return { sheet, grid: [] };
  const range = XLSX.utils.decode_range(ref);
  const grid: string[][] = [];
  for (let r = 0; r <= Math.min(range.e.r, MAX_ROWS - 1); r++) {
    const row: string[] = [];
    for (let c = 0; c <= Math.min(range.e.c, MAX_COLS - 1); c++) row.push(cellText(ws[XLSX.utils.encode_cell({ r, c })] as SheetJS.CellObject | undefined));
    grid.push(row);
  }
  return { sheet, grid };
}

export interface TermSheetRead {
  sheet: string;
  grid: CellGrid;
  validation: ContractValidation;
  /** The terms as contract YAML, for the user to review and save (present when they validate). */
  yaml: string | null;
  /** The contract file object the cells mapped to, valid or not (for review next to the issues). */
  mapped: Record<string, unknown>;
}

/** Reads a term-sheet file and validates its terms against the price book; issues name the field and the cell. */
export async function readTermSheet(path: string, options: { book?: PriceBook } = {}): Promise<TermSheetRead> {
  const file = basename(path);
  const info = await stat(path).catch((error: unknown) => {
    throw new WorkbenchError('not_found', `cannot open ${file}: ${(error as Error).message}`, { file, cause: error });
  });
  if (info.size > MAX_BYTES) throw new WorkbenchError('invalid_file', `a term sheet should be a small workbook; this one is ${info.size} bytes`, { file });
  const bytes = new Uint8Array(await readFile(path));
  const { sheet, grid } = termSheetGrid(bytes, file);
  const validation = validateTermSheet(grid, { file, sheet, ...(options.book ? { book: options.book } : {}) });
  return { sheet, grid, validation, yaml: validation.ok ? contractFileToYaml(validation.parsed) : null, mapped: validation.mapping.contract };
}
