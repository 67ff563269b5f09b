/**
 * Exact splits of money by largest remainder (Hamilton's method).
 *
 * A shared amount split over teams must add back to the amount exactly, in
 * every month and currency, however the weights fall. Each part is first the
 * floor of its exact share; the units left over go one each to the parts
 * with the largest remainders (ties to the earlier part, so the result does
 * not depend on anything but the order of the weights). Floor division
 * towards minus infinity keeps this right for credits (negative amounts) too.
 */
import { NANOS_PER_UNIT, type Nanos } from '../money';

/** One cent in nano-units. */
export const CENT: Nanos = NANOS_PER_UNIT / 100n;

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/**
 * The unit a split works in: a cent for an amount in whole cents, else the
 * finest decimal the amount carries (an OpenAI line of 12.8276645 splits in
 * units of 1e-7), so a split never writes more decimals than the bill had.
 */
export function splitUnit(amount: Nanos): Nanos {
  let unit = CENT;
  while (unit > 1n && amount % unit !== 0n) unit /= 10n;
  return unit;
}

/**
 * Splits `amount` into parts proportional to `weights` (non-negative, not
 * all zero), each a whole number of `unit`s, summing to `amount` exactly.
 * `amount` must be a multiple of `unit` (see {@link splitUnit}).
 */
export function splitByWeights(amount: Nanos, weights: readonly bigint[], unit: Nanos = splitUnit(amount)): Nanos[] {
  if (weights.length === 0) throw new RangeError('nothing to split over');
  if (unit <= 0n || amount % unit !== 0n) throw new RangeError(`the amount ${amount} is not a whole number of units of ${unit}`);
  let total = 0n;
  for (const w of weights) {
    if (w < 0n) throw new RangeError('split weights must not be negative');
    total += w;
  }
  if (total === 0n) throw new RangeError('split weights sum to zero');
  const units = amount / unit;
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of weights) {
    const exact = units * w; // share = exact / total units
    const part = floorDiv(exact, total);
    parts.push(part);
    remainders.push(exact - part * total);
    given += part;
  }
  let left = units - given; // 0 ≤ left < weights.length
  if (left > 0n) {
    const order = remainders.map((r, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
    for (const i of order) {
      if (left === 0n) break;
      parts[i] = parts[i]! + 1n;
      left -= 1n;
    }
  }
  return parts.map((p) => p * unit);
}

/**
 * Rounds a list of exact amounts to whole cents so that they add up to
 * their exact total rounded to the cent (half to even): the rows of a
 * chargeback statement foot to its total, to the cent, always.
 */
export function roundToCentsFooting(amounts: readonly Nanos[]): Nanos[] {
  if (amounts.length === 0) return [];
  let total = 0n;
  for (const a of amounts) total += a;
  const totalCents = roundHalfEvenDiv(total, CENT);
  const floors = amounts.map((a) => floorDiv(a, CENT));
  let left = totalCents - floors.reduce((s, f) => s + f, 0n);
  const remainders = amounts.map((a, i) => a - floors[i]! * CENT);
  const out = [...floors];
  // 0 ≤ left ≤ n: the remainders add up to less than n cents, and rounding their sum never goes below zero.
  const order = remainders.map((_r, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  for (const i of order) {
    if (left <= 0n) break;
    out[i] = out[i]! + 1n;
    left -= 1n;
  }
  return out.map((c) => c * CENT);
}

function roundHalfEvenDiv(a: bigint, b: bigint): bigint {
  const q = floorDiv(a, b);
  const r = a - q * b; // 0 ≤ r < b
  if (r * 2n > b) return q + 1n;
  if (r * 2n < b) return q;
  return q % 2n === 0n ? q : q + 1n;
}

/**
 * Ratios w_i / Σw as decimal text with `digits` decimals that sum to exactly
 * 1 (largest remainder again), for FOCUS's AllocatedRatio.
 */
export function ratioTexts(weights: readonly bigint[], digits = 12): string[] {
  const scale = 10n ** BigInt(digits);
  const parts = splitByWeights(scale, weights, 1n);
  return parts.map((p) => {
    const whole = p / scale;
    const frac = (p % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    return frac === '' ? `${whole}` : `${whole}.${frac}`;
  });
}
