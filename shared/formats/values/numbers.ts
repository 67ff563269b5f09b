/**
 * Numbers as vendors write them, to exact decimals.
 *
 * Money and quantities are parsed from text only (never parseFloat): the
 * file's decimal separator decides what "1.234" means, thousands separators
 * are checked to be real groupings, and scientific notation ("4.2e-05",
 * "1,5E-3" in decimal-comma files) is exact.
 */
import { parseScaledDecimal, rescale, NANO_DECIMALS, type Nanos, type ScaledDecimal } from '../../domain/money';
import type { DecimalStyle } from '../types';

const CANONICAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const POINT_GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?([eE][+-]?\d+)?$/;
const COMMA_GROUPED = /^[+-]?\d{1,3}(\.\d{3})+(,\d*)?([eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d*,\d+([eE][+-]?\d+)?$|^[+-]?\d+,([eE][+-]?\d+)?$/;
const SPACE_GROUPED = /^[+-]?\d{1,3}([ \u00a0\u202f']\d{3})+([.,]\d*)?$/;
const CURRENCY_SIGNS = /^[$€£¥]|[$€£¥]$/g;
const ALL_DOTS = /\./g;
const ALL_COMMAS = /,/g;
const GROUP_SPACES = /[ \u00a0\u202f']/g;

/**
 * Canonical decimal text ("-1234.56", "4.2e-05") for a number written in
 * the file's style, or null when it is not a number there. Empty text is
 * not a number (callers decide whether a blank is allowed).
 */
export function canonicalDecimal(raw: string, style: DecimalStyle): string | null {
  let text = raw;
  if (CANONICAL.test(text) && (style === '.' || !COMMA_GROUPED.test(text))) return text;
  text = raw.trim();
  if (text === '') return null;
  let negative = false;
  // Accounting negatives "(12.50)" and currency signs "$12.50" appear in hand-made and generic files.
  if (text.startsWith('(') && text.endsWith(')')) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  text = text.replace(CURRENCY_SIGNS, '').trim();
  if (text.startsWith('-') && text.length > 1 && (text[1] === '$' || text[1] === '€' || text[1] === '£')) text = `-${text.slice(2)}`;
  let out: string | null = null;
  if (style === '.') {
    if (CANONICAL.test(text)) out = text;
    else if (POINT_GROUPED.test(text)) out = text.replace(ALL_COMMAS, '');
    else if (SPACE_GROUPED.test(text) && !text.includes(',')) out = text.replace(GROUP_SPACES, '');
  } else {
    if (COMMA_GROUPED.test(text)) out = text.replace(ALL_DOTS, '').replace(',', '.');
    else if (COMMA_DECIMAL.test(text)) out = text.replace(',', '.');
    // A lone decimal point in a comma file ("1.5", "4.2e-05") is what machines write; "1.234" was caught above as grouping.
    else if (CANONICAL.test(text)) out = text;
    else if (SPACE_GROUPED.test(text)) out = text.replace(GROUP_SPACES, '').replace(',', '.');
  }
  if (out === null) return null;
  if (negative) out = out.startsWith('-') ? out.slice(1) : `-${out.replace(/^\+/, '')}`;
  return CANONICAL.test(out) ? out : null;
}

const POW10: bigint[] = Array.from({ length: 40 }, (_, i) => 10n ** BigInt(i));

/** 10^k as a bigint, from a table for the usual k. */
export function pow10(k: number): bigint {
  return k < POW10.length ? (POW10[k] as bigint) : 10n ** BigInt(k);
}

/**
 * What scanPlain read last: set by it rather than returned in an object, so
 * the per-cell paths that call it (a million quantities and costs a file)
 * allocate nothing for it.
 */
let plainNegative = false;
let plainValue = 0;
let plainScale = 0;

/**
 * The common shape without regexes or intermediate strings: an optional
 * sign, at most 15 digits and one decimal point ("-1234.5678"), read into
 * plainNegative, plainValue (the digits as an exact integer double) and
 * plainScale. False means "not this simple shape", not "not a number".
 */
function scanPlain(text: string): boolean {
  const n = text.length;
  if (n === 0 || n > 17) return false;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45) {
    negative = true;
    i = 1;
  } else if (first === 43) i = 1;
  let value = 0;
  let digits = 0;
  let scale = -1;
  for (; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits += 1;
      if (scale >= 0) scale += 1;
    } else if (c === 46 && scale < 0) scale = 0;
    else return false;
  }
  if (digits === 0 || digits > 15) return false;
  plainNegative = negative;
  plainValue = value;
  plainScale = scale < 0 ? 0 : scale;
  return true;
}

/** The simple shape (scanPlain) as an exact decimal; null for any other text. */
function parsePlain(text: string): ScaledDecimal | null {
  if (!scanPlain(text)) return null;
  return { digits: BigInt(plainNegative ? -plainValue : plainValue), scale: plainScale };
}

/** Powers of ten exact as doubles (10^22 is the last). */
const POW10_NUMBERS: number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * A quantity of the simple shape parsePlain reads ("1066413", "-12.5") straight to the number
 * decimalToNumber(parseDecimal(raw, style)) gives, without a bigint on the way; undefined for any
 * other text (the caller then takes the exact path). Equal, not close: at most 15 digits are an
 * exact double, so is 10^scale (scale ≤ 15), and one IEEE division of two exact doubles is the
 * correctly rounded quotient, which is also what Number() makes of "digits e-scale".
 */
export function plainQuantity(raw: string, style: DecimalStyle): number | undefined {
  if (style !== '.' && raw.indexOf('.') !== -1) return undefined;
  if (!scanPlain(raw)) return undefined;
  // Zero is +0 whatever its sign, as through a bigint.
  if (plainValue === 0) return 0;
  const magnitude = plainScale === 0 ? plainValue : plainValue / (POW10_NUMBERS[plainScale] as number);
  return plainNegative ? -magnitude : magnitude;
}

/** Exact decimal of a number in the file's style, or null. Exponents beyond ±30 are not money: null. */
export function parseDecimal(raw: string, style: DecimalStyle): ScaledDecimal | null {
  // In a decimal-comma file a point may be a thousands separator ("1.234"), so only point files take the shortcut.
  if (style === '.' || raw.indexOf('.') === -1) {
    const plain = parsePlain(raw);
    if (plain !== null) return plain;
  }
  const text = canonicalDecimal(raw, style);
  if (text === null) return null;
  try {
    return parseScaledDecimal(text);
  } catch {
    return null;
  }
}

export function decimalToNanos(value: ScaledDecimal): Nanos {
  if (value.scale <= NANO_DECIMALS) return value.digits * pow10(NANO_DECIMALS - value.scale);
  return rescale(value, NANO_DECIMALS);
}

/**
 * An exact running sum of decimals at whatever scale they come in (the
 * reconciliation's source total), with table powers of ten so a million
 * additions stay cheap.
 */
export class DecimalSum {
  digits = 0n;
  scale = 0;

  add(value: ScaledDecimal): void {
    if (value.scale === this.scale) this.digits += value.digits;
    else if (value.scale < this.scale) this.digits += value.digits * pow10(this.scale - value.scale);
    else {
      this.digits = this.digits * pow10(value.scale - this.scale) + value.digits;
      this.scale = value.scale;
    }
  }

  get value(): ScaledDecimal {
    return { digits: this.digits, scale: this.scale };
  }
}

/** value × 10^-shift, exactly (cents to units is shift 2). */
export function shiftDecimal(value: ScaledDecimal, shift: number): ScaledDecimal {
  return { digits: value.digits, scale: value.scale + shift };
}

/** value × factor, exactly (a quantity of "1K" units to single tokens is factor 1000). */
export function multiplyDecimal(value: ScaledDecimal, factor: bigint): ScaledDecimal {
  return { digits: value.digits * factor, scale: value.scale };
}

/** An exact decimal as a JS number (for quantities only: token counts are exact as doubles up to 2^53). */
export function decimalToNumber(value: ScaledDecimal): number {
  if (value.scale === 0) return Number(value.digits);
  return Number(`${value.digits}e-${value.scale}`);
}

export function isZeroDecimal(value: ScaledDecimal): boolean {
  return value.digits === 0n;
}

/**
 * Guesses a file's decimal separator from sample cells of its numeric
 * columns: "1.234,56" or "12,5" mean comma; anything else point.
 */
export function inferDecimalStyle(cells: Iterable<string>): DecimalStyle {
  let comma = 0;
  let point = 0;
  for (const raw of cells) {
    const text = raw.trim();
    if (text === '') continue;
    if (COMMA_GROUPED.test(text) && text.includes(',')) comma += 1;
    else if (COMMA_DECIMAL.test(text)) comma += 1;
    else if (POINT_GROUPED.test(text) || /\.\d/.test(text)) point += 1;
  }
  return comma > point ? ',' : '.';
}

export interface UnitScale {
  /** Multiplier from the vendor's unit to ours (1K tokens → 1000). */
  factor: bigint;
  /** Our unit: "tokens", "hours", or the vendor's own text when it is neither. */
  unit: string;
  /** True when the unit counts tokens. */
  tokens: boolean;
}

const UNIT_PATTERN = /^(\d[\d,.]*)?\s*(k|m|thousand|million|mn)?\s*(tokens?|tkns?|token count|hours?|hrs?|h)?$/i;
const unitCache = new Map<string, UnitScale>();

/**
 * Reads a unit of measure ("1K", "1M Tokens", "1,000 tokens", "100 Hours")
 * into an exact multiplier, so quantities land in single tokens and hours.
 * A bare "1K"/"1M" counts tokens (Azure OpenAI writes its token meters so).
 */
export function parseUnit(raw: string): UnitScale {
  const cached = unitCache.get(raw);
  if (cached) return cached;
  const text = raw.trim();
  const match = UNIT_PATTERN.exec(text);
  let result: UnitScale = { factor: 1n, unit: text === '' ? 'units' : text, tokens: false };
  if (match && text !== '' && (match[1] || match[2] || match[3])) {
    const count = match[1] ? match[1].replace(/[,.](?=\d{3}(\D|$))/g, '') : '1';
    const ok = /^\d+$/.test(count);
    const multiplier = (match[2] ?? '').toLowerCase();
    const scale = multiplier === 'k' || multiplier === 'thousand' ? 1000n : multiplier === 'm' || multiplier === 'million' || multiplier === 'mn' ? 1_000_000n : 1n;
    const word = (match[3] ?? '').toLowerCase();
    const hours = word.startsWith('h');
    const tokens = !hours && (word.startsWith('t') || (word === '' && scale > 1n));
    if (ok && (tokens || hours)) {
      result = { factor: BigInt(count) * scale, unit: hours ? 'hours' : 'tokens', tokens };
    }
  }
  if (unitCache.size > 1000) unitCache.clear();
  unitCache.set(raw, result);
  return result;
}
