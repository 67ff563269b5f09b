import { type z } from 'zod';
import { parseScaledDecimal, rescale, NANO_DECIMALS } from './money';

/**
 * The bounds of every number a person types or a file carries into the
 * workbench (scenario files, contracts, price rows, business drivers,
 * workload and column mappings), each refused with a plain reason naming
 * the bound rather than failing later as an overflow. They are far beyond
 * any real bill or plan and documented in README.md (*Bounds*):
 *
 * - an amount of money (a price, cost, fee, commitment, credit, budget):
 *   at most one billion in its currency, because amounts are kept as
 *   64-bit integers of nano-units (the largest is about 9.2 billion);
 * - any other number (units, tokens, requests, counts): finite and at most
 *   a trillion (10^12), so sums stay exact to the cent in the Monte Carlo
 *   run's floating point; a contract's volume tiers by tokens may start at
 *   up to 10^15 tokens;
 * - a percentage change: from −100% to +1,000%; monthly growth at most
 *   100% a month (doubling every month for ten years is already 10^36);
 * - months and days: from 2000 to 2099.
 */

export const MAX_AMOUNT = 1_000_000_000;
export const MAX_AMOUNT_NANOS = 1_000_000_000n * 1_000_000_000n;
export const MAX_QUANTITY = 1e12;
/** Business units in a month (loans, claims, orders). */
export const MAX_DRIVER_UNITS = 1e12;
/** Token counts a contract's volume tiers start at (a year of a large enterprise's traffic runs to trillions). */
export const MAX_TOKENS = 1e15;
export const MIN_PERCENT = -100;
export const MAX_PERCENT = 1000;
export const MAX_MONTHLY_GROWTH_PERCENT = 100;
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

const QUANTITY_TEXT = '1,000,000,000,000 (a trillion)';
const AMOUNT_TEXT = '1,000,000,000 (a billion)';

function shown(value: number | string): string {
  const text = String(value);
  return text.length > 24 ? `${text.slice(0, 12)}… (${text.replace(/^-/, '').split('.')[0]!.length} digits)` : text;
}

/** Why a plain number is out of bounds, or null. */
export function quantityProblem(value: number): string | null {
  if (Number.isNaN(value)) return 'is not a number';
  if (!Number.isFinite(value) || Math.abs(value) > MAX_QUANTITY) return `${Number.isFinite(value) ? shown(value) : 'the number'} is too large: a number here is at most ${QUANTITY_TEXT}`;
  return null;
}

/** Why an amount of money (decimal text or a number) is out of bounds, or null. Text that is no decimal is left to the format check. */
export function amountProblem(value: number | string): string | null {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'is not a number';
    return !Number.isFinite(value) || Math.abs(value) > MAX_AMOUNT ? `${shown(value)} is too large: an amount of money is at most ${AMOUNT_TEXT} in its currency` : null;
  }
  const text = value.trim();
  // Digits before the point, without parsing thousands of them.
  const whole = /^[+-]?0*(\d*)/.exec(text)?.[1] ?? '';
  if (!/[eE]/.test(text) && whole.length > 12) return `${shown(text)} is too large: an amount of money is at most ${AMOUNT_TEXT} in its currency`;
  try {
    const nanos = rescale(parseScaledDecimal(text), NANO_DECIMALS);
    return (nanos < 0n ? -nanos : nanos) > MAX_AMOUNT_NANOS ? `${shown(text)} is too large: an amount of money is at most ${AMOUNT_TEXT} in its currency` : null;
  } catch {
    return null;
  }
}

/** Why a percentage change is out of bounds, or null. */
export function percentProblem(value: number, max = MAX_PERCENT): string | null {
  if (Number.isNaN(value)) return 'is not a number';
  if (value < MIN_PERCENT) return `${shown(value)}% is below ${MIN_PERCENT}%: nothing can fall by more than all of it`;
  if (value > max) return `${shown(value)}% is beyond the bound of +${max.toLocaleString('en-US')}%`;
  return null;
}

/** Why a year in a month ("2026-03") or day ("2026-03-01") is out of bounds, or null. */
export function yearProblem(text: string): string | null {
  const year = Number(text.slice(0, 4));
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return `${text} is outside the years the workbench plans in (${FIRST_YEAR} to ${LAST_YEAR})`;
  return null;
}

/** zod helpers: the same checks as issues on the field, so every file format reports them with its field and line (and editors see the bounds in the JSON Schema). */
export function boundedQuantity(schema: z.ZodNumber): z.ZodNumber {
  const error = (issue: { input?: unknown }) => quantityProblem(Number(issue.input)) ?? undefined;
  return schema.min(-MAX_QUANTITY, { error }).max(MAX_QUANTITY, { error });
}

export function boundedAmount<T extends z.ZodType<number | string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = amountProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as T;
}

export function boundedPercent(schema: z.ZodNumber, max = MAX_PERCENT): z.ZodNumber {
  const error = (issue: { input?: unknown }) => percentProblem(Number(issue.input), max) ?? undefined;
  return schema.min(MIN_PERCENT, { error }).max(max, { error });
}

export function boundedYear<T extends z.ZodType<string>>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const problem = yearProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }) as unknown as T;
}
