import type { Money } from '../../../shared/api/common';
import { parseMoney } from '../../../shared/domain/money';
import { amountText, currencyDecimals, moneyText, type AmountStyle } from '../../../shared/domain/money-text';
import { roundFooting, roundTotal } from '../../../shared/domain/rounding';
import { dollarSignFirst, localDigits, numberFormat, withCurrencyCode } from './locale';

/**
 * Money arrives as exact decimal strings. Its digits come from the core's
 * money text (shared/domain/money-text.ts): exact from nano-units, rounded
 * half to even like the ledger, grouped by thousands, so the screen never
 * rounds differently from the engine, the invoice check or the CLI. Screens
 * only choose the layout (the currency code first, for columns of mixed
 * currencies) and write the digits in the user's locale (./locale.ts).
 */
function digits(amount: Money, currency: string | null, style: AmountStyle): string {
  try {
    return localDigits(amountText(parseMoney(amount), currency, style));
  } catch {
    return amount; // not an amount: show what came, rather than a made-up number
  }
}

/** Rounded to `decimals` (2 by default), digits grouped: "1,234,567.89" (en-US), "1.234.567,89" (de-DE). */
export function formatAmount(amount: Money, decimals = 2): string {
  return digits(amount, null, { decimals });
}

/** Every decimal the ledger holds (at least 2): "2.5523365". Ledger lines show this, so they read as the source file did. */
export function formatExactAmount(amount: Money): string {
  return digits(amount, null, { exact: true });
}

/** "USD 1,234.57": the currency code, as finance reports print mixed-currency totals, where the locale puts it ("1.234,57 USD" in de-DE); decimals by the currency (JPY none) unless given. */
export function formatMoney(amount: Money, currency: string, decimals?: number): string {
  return withCurrencyCode(digits(amount, currency, decimals === undefined ? {} : { decimals }), currency);
}

/** An amount the core has already rounded (nano-units), with its currency code, in the user's locale. */
export function formatNanos(nanos: bigint, currency: string, withCode = true): string {
  const text = localDigits(amountText(nanos, currency));
  return withCode ? withCurrencyCode(text, currency) : text;
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
  return { parts: parts.map((p) => formatNanos(p, currency)), total: formatNanos(total, currency) };
}

/**
 * A price in a sentence or a price column, by the workbench's rule (the
 * dollar sign, any other currency's code after the amount): "$2.50",
 * "$0.075", "1.00 EUR" (every decimal it holds); in the user's locale
 * ("2,50 $", "1,00 EUR" in de-DE).
 */
export function formatPrice(amount: Money, currency: string): string {
  let nanos: bigint;
  try {
    nanos = parseMoney(amount);
  } catch {
    return `${amount} ${currency}`;
  }
  const text = moneyText(nanos, currency, { exact: true });
  if (currency !== 'USD') return localDigits(text);
  const number = localDigits(amountText(nanos < 0n ? -nanos : nanos, currency, { exact: true }));
  const sign = nanos < 0n ? '-' : '';
  return dollarSignFirst() ? `${sign}$${number}` : `${sign}${number}\u00a0$`;
}

/** Compact for chart axes only ("12.3K"): the value is already an approximate plotting number. */
export function formatAxisAmount(value: number): string {
  return numberFormat('compact', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

const FIGURE_SPACE = '\u2007';

/**
 * Pads the fraction with figure spaces (as wide as a digit in tabular figures)
 * to `width` decimals, so right-aligned amounts with different decimal counts
 * line up on the decimal point.
 */
export function alignDecimals(formatted: string, width: number, decimalSign = localDigits('.')): string {
  const point = formatted.lastIndexOf(decimalSign);
  const decimals = point === -1 ? 0 : formatted.length - point - 1;
  if (decimals >= width) return formatted;
  return formatted + (point === -1 ? FIGURE_SPACE : '') + FIGURE_SPACE.repeat(width - decimals);
}

/** Whole quantities with grouping; fractional ones keep up to 6 decimals (quantities are measures, not money). */
export function formatQuantity(value: number): string {
  return numberFormat('qty', { maximumFractionDigits: 6 }).format(value);
}

/** A total that leaves lines out says how many: "1,234 + 3 lines not reported" (never the others' total alone). */
export function withMissing(total: string | null, missing: number, word: string): string {
  if (missing === 0) return total ?? '';
  const lines = `${formatCount(missing)} line${missing === 1 ? '' : 's'} ${word}`;
  return total === null ? lines : `${total} + ${lines}`;
}

export function formatCount(value: number): string {
  return numberFormat('count', { maximumFractionDigits: 0 }).format(value);
}

/** A change with its sign always written: "+USD 74.35", "−USD 12.00" (a true minus sign), "USD 0.00". */
export function formatSignedMoney(amount: Money, currency: string): string {
  const negative = amount.startsWith('-');
  const text = formatMoney(negative ? amount.slice(1) : amount, currency);
  if (/^(?:[A-Z]{3} )?0(?:[.,]0+)?(?: [A-Z]{3})?$/.test(text)) return text;
  return `${negative ? '\u2212' : '+'}${text}`;
}

/** A plotted or measured number (not money the ledger holds) to fixed decimals, in the user's locale: "12.30", "12,30". */
export function formatFixed(value: number, decimals: number): string {
  return numberFormat(`fixed${decimals}`, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}
