/**
 * CSV as the workbench writes it for people (exports, statements, the price
 * book): RFC 4180 quoting, CRLF line ends, and no cell a spreadsheet would run
 * as a formula. Model names, tags and notes come from vendor files and users;
 * text starting with =, +, -, @, a tab or a carriage return is written with a
 * leading apostrophe (OWASP's advice against CSV injection), which
 * spreadsheets show as the text itself. A plain number such as -12.50 is not
 * a formula and is left as it is. The ledger CSV, a lossless interchange
 * format read back by the importer, quotes but does not guard.
 */

/** Characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export const CSV_LINE_END = '\r\n';

/** Text a spreadsheet would run as a formula, with a leading apostrophe; anything else as it is. */
export function guardFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** A cell read back from a CSV the workbench wrote: the apostrophe of a guarded formula removed. */
export function unguardFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** RFC 4180: quoted (quotes doubled) when it holds a quote, comma or line break, or starts or ends with a space. */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell: empty for null, numbers as written, text guarded and quoted. */
export function csvCell(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value.toString();
  return quoteCsv(guardFormula(value));
}

/** One line of cells (without its line end). */
export function csvLine(cells: readonly (string | number | bigint | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole CSV document: the header, the rows, CRLF after every line. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly (string | number | bigint | null | undefined)[]>): string {
  const lines = [csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return `${lines.join(CSV_LINE_END)}${CSV_LINE_END}`;
}
