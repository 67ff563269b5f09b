/**
 * Amounts of money as people read them, one rule for every message, term
 * summary and text table in the workbench (contracts, the invoice check,
 * scenario flags, the CLI):
 *
 * - **Currency.** US dollars take their symbol before the amount: `$1,234.57`,
 *   `-$1,234.57`. Every other currency takes its ISO 4217 code after the
 *   amount: `1,234.57 EUR`, `-1,234.57 EUR`, `1,235 JPY`. A code is never
 *   ambiguous where a symbol is ($ is also the Canadian and Australian
 *   dollar's, ¥ the yen's and the yuan's), and a contract or bill in euros
 *   must never read as dollars.
 * - **Digits.** Thousands grouped with commas, a decimal point, the minus
 *   sign first.
 * - **Decimals.** The currency's ISO 4217 minor unit (2 for USD, EUR and GBP;
 *   0 for JPY; 3 for KWD), rounded half to even like the ledger; or a fixed number
 *   asked for (cost per success to 4); or `exact`: every decimal the amount
 *   holds, at least the minor unit (unit prices such as $0.0025).
 * - **Exact.** Straight from integer nano-units: no binary floating point.
 *
 * Screens may lay amounts out their own way (the renderer puts the code
 * first in columns of mixed currencies) but take their digits from here, so
 * nothing on screen rounds differently from the engine or the CLI.
 */
import { formatMoneyFixed, nanosToDecimal, type Nanos } from './money';

export interface AmountStyle {
  /** Round to this many decimals (half to even) instead of the currency's minor unit. */
  decimals?: number;
  /** Every decimal the amount holds, at least the minor unit (or `decimals`), instead of rounding. */
  exact?: boolean;
}

/** The currency written as a symbol before the amount; every other currency is written as its code after it. */
const SYMBOL_CURRENCY = 'USD';
const SYMBOL = '$';

/**
 * Currencies whose minor unit is not the cent (ISO 4217's list of active
 * codes). A table rather than Intl: Intl reports display digits from CLDR,
 * which differ from ISO for a few currencies (HUF) and between runtimes.
 */
const MINOR_UNITS: ReadonlyMap<string, number> = new Map([
  ...['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF'].map((c) => [c, 0] as const),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3] as const),
  ...['CLF', 'UYW'].map((c) => [c, 4] as const),
]);

/** Decimals of a currency's minor unit (ISO 4217): USD 2, JPY 0, KWD 3; any other code 2. */
export function currencyDecimals(currency: string): number {
  return MINOR_UNITS.get(currency) ?? 2;
}

/** "400000000" → "400,000,000"; "-1234567.891" → "-1,234,567.891" (the fraction is left alone). */
export function groupThousands(text: string): string {
  const point = text.indexOf('.');
  const whole = point < 0 ? text : text.slice(0, point);
  return whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (point < 0 ? '' : text.slice(point));
}

/**
 * The amount's digits without a currency, grouped: "1,234.57" (for a table
 * with a currency column of its own). `currency` sets the decimals; null
 * means 2.
 */
export function amountText(nanos: Nanos, currency: string | null, style: AmountStyle = {}): string {
  const decimals = style.decimals ?? (currency === null ? 2 : currencyDecimals(currency));
  return groupThousands(style.exact ? nanosToDecimal(nanos, decimals) : formatMoneyFixed(nanos, decimals));
}

/** An amount with its currency, by the rule above: "$1,234.57", "-$1,234.57", "1,234.57 EUR", "1,235 JPY". */
export function moneyText(nanos: Nanos, currency: string, style: AmountStyle = {}): string {
  const text = amountText(nanos, currency, style);
  if (currency !== SYMBOL_CURRENCY) return `${text} ${currency}`;
  return text.startsWith('-') ? `-${SYMBOL}${text.slice(1)}` : `${SYMBOL}${text}`;
}
