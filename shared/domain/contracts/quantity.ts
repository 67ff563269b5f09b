import { quantityToScaled, type ScaledDecimal } from '../money';

/**
 * Quantities are exact decimals: tokens are whole numbers, but audio seconds
 * and unit-hours need not be. Kept as scaled integers so sums never drift.
 */
export function toScaled(q: number | string | bigint): ScaledDecimal {
  return typeof q === 'bigint' ? { digits: q, scale: 0 } : quantityToScaled(q);
}

function align(a: ScaledDecimal, b: ScaledDecimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.digits * 10n ** BigInt(scale - a.scale), b.digits * 10n ** BigInt(scale - b.scale), scale];
}

export function addScaled(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  const [x, y, scale] = align(a, b);
  return { digits: x + y, scale };
}

export function subScaled(a: ScaledDecimal, b: ScaledDecimal): ScaledDecimal {
  const [x, y, scale] = align(a, b);
  return { digits: x - y, scale };
}

export function scaledText(s: ScaledDecimal): string {
  const negative = s.digits < 0n;
  const abs = (negative ? -s.digits : s.digits).toString().padStart(s.scale + 1, '0');
  const whole = abs.slice(0, abs.length - s.scale);
  const frac = s.scale > 0 ? abs.slice(abs.length - s.scale).replace(/0+$/, '') : '';
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** The whole part (tokens are whole; a fractional token count is floored). */
export function wholePart(s: ScaledDecimal): bigint {
  return s.digits / 10n ** BigInt(s.scale);
}
