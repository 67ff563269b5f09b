/**
 * Exact money.
 *
 * Every amount of currency in the workbench is a bigint count of nano-units
 * (1e-9 of the currency unit). Vendors bill in fractions of a cent per line
 * (OpenAI writes 4.2e-05), so cents are too coarse, and binary floating point
 * drifts when a million lines are summed. Nine decimals keep a per-line
 * rounding error below 5e-10, so even 10 million rounded lines stay within
 * half a cent of the exact sum; reconciliation still sums the source text
 * exactly with {@link ExactDecimalSum}.
 *
 * Conversion to and from text happens at the edges (import, API, display).
 */

/** Nano-units of a currency: 1 USD = 1_000_000_000n. */
export type Nanos = bigint;

export const NANO_DECIMALS = 9;
export const NANOS_PER_UNIT = 1_000_000_000n;

export class MoneyParseError extends Error {
  constructor(readonly text: string, reason: string) {
    super(`"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a decimal number: ${reason}`);
    this.name = 'MoneyParseError';
  }
}

/** A decimal number held exactly: value = digits × 10^-scale. */
export interface ScaledDecimal {
  digits: bigint;
  scale: number;
}

const DECIMAL_PATTERN = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Largest exponent we accept; beyond this a "number" is garbage, not money. */
const MAX_EXPONENT = 30;

/**
 * Parses a plain decimal string ("-1234.5678", "4.2e-05", ".5", "1E3") into
 * an exact scaled decimal. Thousands separators and decimal commas are the
 * importers' business (they know the file's locale); this accepts only the
 * canonical form so that nothing is guessed here.
 */
export function parseScaledDecimal(text: string): ScaledDecimal {
  const trimmed = text.trim();
  const match = DECIMAL_PATTERN.exec(trimmed);
  if (!match || trimmed === '' || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new MoneyParseError(text, 'expected digits with an optional sign, decimal point and exponent');
  }
  const sign = match[1] === '-' ? -1n : 1n;
  const intPart = match[2] ?? '';
  const fracPart = match[3] ?? '';
  const exponent = match[4] === undefined ? 0 : Number(match[4]);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > MAX_EXPONENT) {
    throw new MoneyParseError(text, `exponent out of range (|e| > ${MAX_EXPONENT})`);
  }
  const allDigits = `${intPart}${fracPart}`.replace(/^0+(?=\d)/, '');
  let digits = BigInt(allDigits === '' ? '0' : allDigits) * sign;
  let scale = fracPart.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { digits, scale };
}

/** Divides and rounds half to even (banker's rounding), so rounding error does not drift one way over many lines. */
export function divideRoundHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  const quotient = numerator / denominator; // truncates toward zero
  const remainder = numerator - quotient * denominator;
  if (remainder === 0n) return quotient;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  const direction = numerator < 0n ? -1n : 1n;
  if (twiceRemainder > denominator) return quotient + direction;
  if (twiceRemainder < denominator) return quotient;
  return quotient % 2n === 0n ? quotient : quotient + direction;
}

/** Re-expresses a scaled decimal at another scale, rounding half to even when digits are dropped. */
export function rescale(value: ScaledDecimal, scale: number): bigint {
  if (scale >= value.scale) return value.digits * 10n ** BigInt(scale - value.scale);
  return divideRoundHalfEven(value.digits, 10n ** BigInt(value.scale - scale));
}

/** Parses a decimal string as money in nano-units ("1.2345" → 1_234_500_000n). */
export function parseMoney(text: string): Nanos {
  return rescale(parseScaledDecimal(text), NANO_DECIMALS);
}

/** True when text is a canonical decimal that {@link parseMoney} accepts. */
export function isDecimalText(text: string): boolean {
  try {
    parseScaledDecimal(text);
    return true;
  } catch {
    return false;
  }
}

/** Writes a scaled integer as a decimal string with exactly `scale` fraction digits. */
function scaledToString(digits: bigint, scale: number): string {
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const whole = abs.slice(0, abs.length - scale);
  const fraction = scale > 0 ? `.${abs.slice(abs.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * Nano-units to a decimal string, exact, trailing zeros trimmed but keeping at
 * least `minDecimals` (2 by default, so "12.50" reads as money).
 */
export function nanosToDecimal(nanos: Nanos, minDecimals = 2): string {
  const full = scaledToString(nanos, NANO_DECIMALS);
  const [whole, fraction = ''] = full.split('.');
  let trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length < minDecimals) trimmed = trimmed.padEnd(minDecimals, '0');
  return trimmed.length > 0 ? `${whole}.${trimmed}` : (whole ?? '0');
}

/** Rounds nano-units to a number of decimals (2 = cents), half to even, staying in nano-units. */
export function roundNanos(nanos: Nanos, decimals: number): Nanos {
  if (decimals >= NANO_DECIMALS) return nanos;
  const step = 10n ** BigInt(NANO_DECIMALS - decimals);
  return divideRoundHalfEven(nanos, step) * step;
}

/** Rounds half away from zero, the convention on most invoices for a final amount. */
export function roundNanosHalfUp(nanos: Nanos, decimals: number): Nanos {
  if (decimals >= NANO_DECIMALS) return nanos;
  const step = 10n ** BigInt(NANO_DECIMALS - decimals);
  const half = step / 2n;
  const adjusted = nanos < 0n ? nanos - half : nanos + half;
  return (adjusted / step) * step;
}

/** Money to a fixed number of decimals for display or CSV ("1234.5" → "1234.50"), rounding half to even. */
export function formatMoneyFixed(nanos: Nanos, decimals = 2): string {
  const rounded = roundNanos(nanos, decimals);
  const step = 10n ** BigInt(NANO_DECIMALS - Math.min(decimals, NANO_DECIMALS));
  return scaledToString(rounded / step, Math.min(decimals, NANO_DECIMALS));
}

export function sumNanos(values: Iterable<Nanos>): Nanos {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

/**
 * Quantity × unit price, exact, rounded once to nano-units.
 * `pricePerBlock` is in nano-units for `blockSize` units (e.g. $2.50 per
 * 1,000,000 tokens is pricePerBlock 2_500_000_000n, blockSize 1_000_000n).
 * The quantity is a decimal string or a JS number (token counts are integers
 * and exact as doubles; fractional quantities go through their shortest
 * decimal text, so 0.1 means one tenth, not 0.1000000000000000055).
 */
export function priceQuantity(quantity: string | number | bigint, pricePerBlock: Nanos, blockSize: bigint = 1n): Nanos {
  if (blockSize <= 0n) throw new RangeError('blockSize must be positive');
  const q = typeof quantity === 'bigint' ? { digits: quantity, scale: 0 } : quantityToScaled(quantity);
  return divideRoundHalfEven(q.digits * pricePerBlock, blockSize * 10n ** BigInt(q.scale));
}

/** Multiplies money by an exact decimal factor (e.g. "0.85" for 15% off), rounding once. */
export function multiplyMoney(nanos: Nanos, factor: string | number): Nanos {
  const f = quantityToScaled(factor);
  return divideRoundHalfEven(nanos * f.digits, 10n ** BigInt(f.scale));
}

/** Splits an amount by a ratio a/b exactly, rounding once (used for pro-rating). */
export function prorate(nanos: Nanos, numerator: bigint, denominator: bigint): Nanos {
  return divideRoundHalfEven(nanos * numerator, denominator);
}

export function quantityToScaled(quantity: string | number): ScaledDecimal {
  if (typeof quantity === 'number') {
    if (!Number.isFinite(quantity)) throw new MoneyParseError(String(quantity), 'not a finite number');
    return parseScaledDecimal(String(quantity));
  }
  return parseScaledDecimal(quantity);
}

/** Converts money to a JS number of currency units for charts and statistics only, never for sums. */
export function nanosToNumber(nanos: Nanos): number {
  return Number(nanos) / 1e9;
}

/**
 * Converts a JS number of currency units to nano-units, rounding to the
 * nearest nano. For model outputs (engine projections, Monte Carlo) that are
 * estimates by nature; imported amounts never go through here.
 */
export function numberToNanos(value: number): Nanos {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return BigInt(Math.round(value * 1e9));
}

/**
 * Sums decimal strings exactly at whatever scale they come in, for
 * reconciling an import to its source file's own total. No rounding at all.
 */
export class ExactDecimalSum {
  private digits = 0n;
  private scale = 0;
  private count = 0;

  add(text: string): void {
    this.addScaled(parseScaledDecimal(text));
  }

  addScaled(value: ScaledDecimal): void {
    if (value.scale > this.scale) {
      this.digits *= 10n ** BigInt(value.scale - this.scale);
      this.scale = value.scale;
    }
    this.digits += value.digits * 10n ** BigInt(this.scale - value.scale);
    this.count += 1;
  }

  get lines(): number {
    return this.count;
  }

  /** The exact sum as a decimal string with trailing zeros trimmed (at least 2 decimals). */
  toString(): string {
    const full = scaledToString(this.digits, this.scale);
    if (this.scale === 0) return `${full}.00`;
    const [whole, fraction = ''] = full.split('.');
    const trimmed = fraction.replace(/0+$/, '').padEnd(2, '0');
    return `${whole}.${trimmed}`;
  }

  /** The exact sum rounded (half to even) to nano-units. */
  toNanos(): Nanos {
    return rescale({ digits: this.digits, scale: this.scale }, NANO_DECIMALS);
  }
}

/** Half a cent in nano-units: the tolerance of "reconciles to the cent". */
export const HALF_CENT: Nanos = 5_000_000n;

/**
 * Whether two amounts agree to the cent: they differ by less than half a
 * cent. (Comparing the two values rounded to cents would call 0.004999999 and
 * 0.005000001 different, although they differ by two nano-units.)
 */
export function agreesToTheCent(a: Nanos, b: Nanos): boolean {
  const diff = a - b;
  return (diff < 0n ? -diff : diff) < HALF_CENT;
}
