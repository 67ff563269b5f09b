/**
 * A1 addresses, sheet names and safe text: the limits Excel puts on a
 * workbook, applied in one place.
 */
import type { Cell, Column, Sheet, SheetKind } from './model';

/** Excel's limit on the characters in one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Excel's limit on rows in a sheet. */
export const MAX_ROWS = 1_048_576;
const MAX_SHEET_NAME = 31;

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Zero-based row and column → "B7". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function absA1(row: number, col: number): string {
  return `$${columnLetter(col)}$${row + 1}`;
}

/** A sheet name as a formula writes it: quoted when it has spaces or punctuation. */
export function sheetRef(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** "'Monthly baseline'!$D$5:$D$28" */
export function rangeRef(sheet: string, r1: number, c1: number, r2 = r1, c2 = c1): string {
  const first = absA1(r1, c1);
  return r1 === r2 && c1 === c2 ? `${sheetRef(sheet)}!${first}` : `${sheetRef(sheet)}!${first}:${absA1(r2, c2)}`;
}

/** Characters XML 1.0 cannot carry, which a cell therefore cannot hold. */
// eslint-disable-next-line no-control-regex -- these control characters are exactly what must be removed
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * Text from outside (a model name, a tag, a file name) made fit for a cell:
 * no characters XML cannot carry, at most 32,767 characters. It is written as
 * text whatever it starts with (=, +, -, @, tab, CR): never as a formula.
 */
export function safeText(text: string): string {
  const clean = text.replace(XML_INVALID, '\uFFFD');
  return clean.length > MAX_CELL_CHARS ? `${clean.slice(0, MAX_CELL_CHARS - 1)}…` : clean;
}

/** Text a spreadsheet would take for a formula if it were typed in. */
export function looksLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text);
}

/** Makes sheet names valid (31 characters, none of []:*?/\, not quoted at the ends) and unique (case-insensitive). */
export class SheetNames {
  private readonly taken = new Set<string>();

  claim(wanted: string): string {
    let base = wanted.replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim();
    if (base === '' || base.toLowerCase() === 'history') base = `Sheet ${this.taken.size + 1}`;
    base = base.slice(0, MAX_SHEET_NAME).trim();
    let name = base;
    for (let n = 2; this.taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = `${base.slice(0, MAX_SHEET_NAME - suffix.length).trim()}${suffix}`;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}

export function isValidSheetName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_SHEET_NAME && !/[[\]:*?/\\]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== 'history';
}

/** A sheet under construction: cells by zero-based row and column. */
export class SheetBuilder {
  readonly rows: (Cell | undefined)[][] = [];
  readonly columns: Column[] = [];
  readonly merges: string[] = [];
  readonly rowHeights = new Map<number, number>();

  constructor(
    readonly name: string,
    readonly kind: SheetKind,
  ) {}

  set(row: number, col: number, cell: Cell): string {
    if (row >= MAX_ROWS) throw new RangeError(`${this.name}: row ${row + 1} is beyond Excel's ${MAX_ROWS} rows`);
    const r = (this.rows[row] ??= []);
    r[col] = typeof cell.value === 'string' ? { ...cell, value: safeText(cell.value) } : cell;
    return a1(row, col);
  }

  get(row: number, col: number): Cell | undefined {
    return this.rows[row]?.[col];
  }

  width(col: number, width: number, extra: Partial<Column> = {}): void {
    this.columns[col] = { width, ...extra };
  }

  merge(r1: number, c1: number, r2: number, c2: number): void {
    this.merges.push(`${a1(r1, c1)}:${a1(r2, c2)}`);
  }

  get rowCount(): number {
    return this.rows.length;
  }

  /** The finished sheet with its presentation. */
  build(rest: Omit<Sheet, 'name' | 'kind' | 'rows' | 'columns' | 'merges' | 'rowHeights'>): Sheet {
    for (let c = 0; c < this.columns.length; c++) this.columns[c] ??= { width: 12 };
    return { name: this.name, kind: this.kind, rows: this.rows, columns: this.columns, merges: this.merges, rowHeights: this.rowHeights, ...rest };
  }
}
