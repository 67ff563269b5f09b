/**
 * Text bound for a spreadsheet. A cell whose text starts with = + - @, a tab
 * or a carriage return is read by Excel, LibreOffice and Google Sheets as a
 * formula (CSV injection: `=HYPERLINK(...)`, `@SUM(...)`, `+cmd|...`) when it
 * arrives through a CSV file; vendor files put model names, project names and
 * tags there, so such text is written with a leading apostrophe, which every
 * spreadsheet reads as "this is text" and does not show. Numbers and amounts
 * are written as they are (a negative amount is a number, not a formula).
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text guarded against being read as a formula. */
export function formulaSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break, or leading or trailing space. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text cell of a CSV row: formula-safe, then quoted as needed. */
export function csvText(text: string | null): string {
  return text === null ? '' : csvField(formulaSafe(text));
}
