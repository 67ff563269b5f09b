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
