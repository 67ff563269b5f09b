import type { Money } from '../../../shared/api/common';
import { parseMoney } from '../../../shared/domain/money';
import { amountText, currencyDecimals, moneyText, type AmountStyle } from '../../../shared/domain/money-text';
import { roundFooting, roundTotal } from '../../../shared/domain/rounding';

/**
 * Money arrives as exact decimal strings. Its digits come from the core's
 * money text (shared/domain/money-text.ts): exact from nano-units, rounded
 * half to even like the ledger, grouped by thousands, so the screen never
 * rounds differently from the engine, the invoice check or the CLI. Screens
 * only choose the layout (the currency code first, for columns of mixed
 * currencies).
 */
function digits(amount: Money, currency: string | null, style: AmountStyle): string {
  try {
    return amountText(parseMoney(amount), currency, style);
  } catch {
    return amount; // not an amount: show what came, rather than a made-up number
  }
}

/** Rounded to `decimals` (2 by default), digits grouped: "1,234,567.89". */
export function formatAmount(amount: Money, decimals = 2): string {
  return digits(amount, null, { decimals });
}

/** Every decimal the ledger holds (at least 2): "2.5523365". Ledger lines show this, so they read as the source file did. */
export function formatExactAmount(amount: Money): string {
  return digits(amount, null, { exact: true });
}

/** "USD 1,234.57": the currency code first, as finance reports print mixed-currency totals; decimals by the currency (JPY none) unless given. */
export function formatMoney(amount: Money, currency: string, decimals?: number): string {
  return `${currency} ${digits(amount, currency, decimals === undefined ? {} : { decimals })}`;
}

/**
 * Rows shown under their total, by the workbench's one rounding rule
 * (shared/domain/rounding.ts): the total is the exact sum rounded once, the
 * rows allocated by largest remainder, so the rows as shown add up to the
 * total as shown.
 */
export function formatFooted(amounts: readonly Money[], currency: string): { parts: string[]; total: string } {
  const exact = amounts.map(parseMoney);
  const decimals = currencyDecimals(currency);
  const parts = roundFooting(exact, decimals);
  const total = roundTotal(exact, decimals);
  return { parts: parts.map((p) => `${currency} ${amountText(p, currency)}`), total: `${currency} ${amountText(total, currency)}` };
}

/** A price in a sentence or a price column, by the workbench's rule: "$2.50", "$0.075", "1.00 EUR" (every decimal it holds). */
export function formatPrice(amount: Money, currency: string): string {
  try {
    return moneyText(parseMoney(amount), currency, { exact: true });
  } catch {
    return `${amount} ${currency}`;
  }
}

const cache = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
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

/** A total that leaves lines out says how many: "1,234 + 3 lines not reported" (never the others' total alone). */
export function withMissing(total: string | null, missing: number, word: string): string {
  if (missing === 0) return total ?? '';
  const lines = `${formatCount(missing)} line${missing === 1 ? '' : 's'} ${word}`;
  return total === null ? lines : `${total} + ${lines}`;
}

export function formatCount(value: number): string {
  return formatter('count', () => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(value);
}

/** A change with its sign always written: "+USD 74.35", "−USD 12.00" (a true minus sign), "USD 0.00". */
export function formatSignedMoney(amount: Money, currency: string): string {
  const negative = amount.startsWith('-');
  const text = formatMoney(negative ? amount.slice(1) : amount, currency);
  if (/^[A-Z]{3} 0(\.0+)?$/.test(text)) return text;
  return `${negative ? '\u2212' : '+'}${text}`;
}
