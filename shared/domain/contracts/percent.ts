import { divideRoundHalfEven, parseScaledDecimal, roundNanosHalfUp, type Nanos } from '../money';

/** `percent`% of an amount, exact, rounded once to nano-units ("15" → 15%). */
export function percentOf(amount: Nanos, percent: string): Nanos {
  const p = parseScaledDecimal(percent);
  return divideRoundHalfEven(amount * p.digits, 100n * 10n ** BigInt(p.scale));
}

/** `percent`% of amount × numerator / denominator, rounded once (a share of a month, a share of tokens). */
export function percentOfShare(amount: Nanos, percent: string, numerator: bigint, denominator: bigint): Nanos {
  if (denominator === 0n) return 0n;
  const p = parseScaledDecimal(percent);
  return divideRoundHalfEven(amount * p.digits * numerator, 100n * 10n ** BigInt(p.scale) * denominator);
}

/** Invoice amounts are whole cents, rounded half away from zero as invoices do. */
export function toCents(nanos: Nanos): Nanos {
  return roundNanosHalfUp(nanos, 2);
}

export function maxNanos(a: Nanos, b: Nanos): Nanos {
  return a > b ? a : b;
}

export function minNanos(a: Nanos, b: Nanos): Nanos {
  return a < b ? a : b;
}

/** Two percentages as decimal text, added exactly ("15" + "7.5" = "22.5"). */
export function addPercents(a: string, b: string): string {
  const x = parseScaledDecimal(a);
  const y = parseScaledDecimal(b);
  const scale = Math.max(x.scale, y.scale);
  const digits = x.digits * 10n ** BigInt(scale - x.scale) + y.digits * 10n ** BigInt(scale - y.scale);
  if (scale === 0) return digits.toString();
  const text = digits.toString().padStart(scale + 1, '0');
  return `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '');
}
