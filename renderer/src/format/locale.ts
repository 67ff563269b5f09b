/**
 * The user's locale, for how numbers, money and month names read on screen.
 *
 * The digits themselves still come from the core (shared/domain/money-text.ts:
 * exact from nano-units, rounded half to even, "1,234.56"); this module only
 * writes them with the locale's group and decimal separators and puts the
 * currency where the locale's own formatting (Intl) puts it: "USD 1,234.56"
 * in en-US, "1.234,56 USD" in de-DE. Files the workbench writes (CSV, the
 * board workbook, the CLI's output) never go through here: they stay
 * locale-neutral ("1234.56"), so a German and an American export read alike.
 *
 * The locale is the browser's (Electron reports the operating system's); a
 * tag Intl does not know, or none at all (Node, in unit tests), is en-US.
 */
const FALLBACK = 'en-US';

function supported(tag: string | undefined): string | null {
  if (!tag) return null;
  try {
    return Intl.NumberFormat.supportedLocalesOf([tag])[0] ?? null;
  } catch {
    return null; // not a well-formed language tag
  }
}

function detect(): string {
  const nav = (globalThis as { navigator?: { language?: string } }).navigator;
  return supported(nav?.language) ?? FALLBACK;
}

let locale: string | null = null;

/** The locale the screen reads in ("de-DE"). */
export function userLocale(): string {
  return (locale ??= detect());
}

/** Sets the locale (a test, or a later preference); null goes back to the browser's. */
export function setUserLocale(tag: string | null): void {
  locale = tag === null ? null : supported(tag) ?? FALLBACK;
  conventions = null;
  numberFormats.clear();
  dateFormats.clear();
}

interface Conventions {
  locale: string;
  group: string;
  decimal: string;
  /** Whether the locale writes a currency code before the amount ("USD 1.00") or after it ("1,00 USD"). */
  codeFirst: boolean;
  /** Whether the locale writes the dollar sign before the amount ("$1.00") or after it ("1,00 $"). */
  symbolFirst: boolean;
}

let conventions: Conventions | null = null;

function currencyFirst(tag: string, display: 'code' | 'symbol'): boolean {
  const parts = new Intl.NumberFormat(tag, { style: 'currency', currency: 'USD', currencyDisplay: display }).formatToParts(1);
  return parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer');
}

function current(): Conventions {
  const tag = userLocale();
  if (conventions?.locale === tag) return conventions;
  const parts = new Intl.NumberFormat(tag, { useGrouping: true }).formatToParts(1234567.5);
  conventions = {
    locale: tag,
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    codeFirst: currencyFirst(tag, 'code'),
    symbolFirst: currencyFirst(tag, 'symbol'),
  };
  return conventions;
}

/** The core's "-1,234.56" in the locale's separators: "-1.234,56" (de-DE), "-1 234,56" (fr-FR). */
export function localDigits(text: string): string {
  const { group, decimal } = current();
  if (group === ',' && decimal === '.') return text;
  return text.replace(/[,.]/g, (c) => (c === ',' ? group : decimal));
}

/**
 * Digits with a currency code where the locale puts one: "USD 1,234.56"
 * (en-US), "1.234,56 USD" (de-DE). A minus stays in front of the amount as
 * a whole, as Intl writes it: "-USD 8.86", never "USD -8.86".
 */
export function withCurrencyCode(digits: string, currency: string): string {
  if (!current().codeFirst) return `${digits} ${currency}`;
  const sign = /^[-\u2212]/.exec(digits)?.[0] ?? '';
  return `${sign}${currency} ${digits.slice(sign.length)}`;
}

/** Whether the locale writes the dollar sign before the amount. */
export function dollarSignFirst(): boolean {
  return current().symbolFirst;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A cached Intl number format in the user's locale (counts, quantities, percents, chart axes). */
export function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(userLocale(), options)));
  return f;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A cached Intl date format in the user's locale, in UTC (ledger months and days are UTC). */
export function dateFormat(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(userLocale(), { timeZone: 'UTC', ...options })));
  return f;
}
