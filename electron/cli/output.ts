import { WorkbenchError, toErrorInfo, type ErrorCode } from '../../shared/domain/errors';
import { parseMoney } from '../../shared/domain/money';
import { amountText } from '../../shared/domain/money-text';

/** Exit codes every command keeps: 0 ok, 1 failure, 2 bad input. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

const BAD_INPUT_CODES: ReadonlySet<ErrorCode> = new Set([
  'bad_input',
  'not_found',
  'not_a_workspace',
  'workspace_too_new',
  'workspace_corrupt',
  'unrecognised_format',
  'invalid_file',
]);

export function exitCodeFor(error: unknown): number {
  return error instanceof WorkbenchError && BAD_INPUT_CODES.has(error.code) ? EXIT_BAD_INPUT : EXIT_FAILURE;
}

/** With --json, stdout carries exactly one JSON document; everything else goes to stderr. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printError(error: unknown, json: boolean): void {
  const info = toErrorInfo(error);
  const sentence = error instanceof WorkbenchError ? error.describe() : info.message;
  process.stderr.write(`aispend: ${sentence}\n`);
  if (json) printJson({ ok: false, error: info });
}

/**
 * An amount (decimal text) as people read it in a table with a currency
 * column: thousands grouped, rounded half to even to the currency's minor
 * unit (or `decimals`), as every message in the workbench writes money;
 * --json keeps every digit. Text that is no amount is shown as it is.
 */
export function amountCell(amount: string, currency: string | null, decimals?: number): string {
  try {
    return amountText(parseMoney(amount), currency, decimals === undefined ? {} : { decimals });
  } catch {
    return amount;
  }
}

/** A plain text table with right-aligned numbers, for humans. */
export function printTable(headers: string[], rows: (string | number | null)[][], numeric: ReadonlySet<number> = new Set()): void {
  const cells = rows.map((r) => r.map((c) => (c === null ? '' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  process.stdout.write(`${line(headers)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of cells) process.stdout.write(`${line(r)}\n`);
}
