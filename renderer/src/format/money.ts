import type { Money } from '../../../shared/api/common';

/**
 * Money arrives as exact decimal strings. Intl.NumberFormat formats a numeric
 * string exactly (it does not go through a double), so amounts of any size
 * display to the cent, rounded half-even like the ledger, without float error.
 */
type Numeric = `${number}`;

const cache = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** Rounded to `decimals` (2 by default), digits grouped: "1,234,567.89". */
export function formatAmount(amount: Money, decimals = 2): string {
  return formatter(`fixed:${decimals}`, () =>
    new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, roundingMode: 'halfEven' }),
  ).format(amount as Numeric);
}

/** Every decimal the ledger holds (at least 2): "2.5523365". Ledger lines show this, so they read as the source file did. */
export function formatExactAmount(amount: Money): string {
  return formatter('exact', () => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 9 })).format(amount as Numeric);
}

/** "USD 1,234.57": the currency code first, as finance reports print mixed-currency totals. */
export function formatMoney(amount: Money, currency: string, decimals = 2): string {
  return `${currency} ${formatAmount(amount, decimals)}`;
}

/** Compact for chart axes only ("12.3K"): the value is already an approximate plotting number. */
export function formatAxisAmount(value: number): string {
  return formatter('compact', () => new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })).format(value);
}

const FIGURE_SPACE = '\u2007';

/**
 * Pads the fraction with figure spaces (as wide as a digit in tabular figures)
 * to `width` decimals, so right-aligned amounts with different decimal counts
 * line up on the decimal point.
 */
export function alignDecimals(formatted: string, width: number): string {
  const point = formatted.lastIndexOf('.');
  const decimals = point === -1 ? 0 : formatted.length - point - 1;
  if (decimals >= width) return formatted;
  return formatted + (point === -1 ? FIGURE_SPACE : '') + FIGURE_SPACE.repeat(width - decimals);
}

/** Whole quantities with grouping; fractional ones keep up to 6 decimals (quantities are measures, not money). */
export function formatQuantity(value: number): string {
  return formatter('qty', () => new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })).format(value);
}

export function formatCount(value: number): string {
  return formatter('count', () => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(value);
}
