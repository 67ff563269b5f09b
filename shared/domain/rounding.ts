/**
 * Rounding money for people, one rule for the whole workbench (screens, CSV,
 * sheets, the CLI):
 *
 * 1. **Exact underneath.** Amounts are kept and added in nano-units; nothing
 *    rounded is ever added up again.
 * 2. **A total is rounded once.** The exact sum, rounded half to even to the
 *    currency's minor unit (`roundTotal`).
 * 3. **Lines under a total foot to it.** Each line is rounded down to the
 *    unit, then the units still missing from the rounded total go one each
 *    to the lines with the largest remainders (Hamilton's largest-remainder
 *    method; equal remainders go to the earlier line), so the rounded lines
 *    add up to the rounded total exactly and no line is more than one unit
 *    from its exact amount (`roundFooting`).
 *
 * The same largest remainder splits an amount by weights into parts that add
 * back to it exactly (`splitByWeights`: a shared cost over teams) and writes
 * ratios that add up to exactly 1 (`ratioTexts`). "The unit" is the currency's
 * minor unit: pass `currencyDecimals(currency)` from money-text (2 for USD and
 * EUR, 0 for JPY). Floor division towards minus infinity keeps every rule
 * right for credits (negative amounts) too.
 *
 * Why not round each line and add them up: three lines of $1.005 would then
 * show $1.01 each under a total of $3.03, a cent above the exact $3.015; a
 * month's usage would read a cent above its own list price with no discount;
 * an October finding would say "overcharge $2.67" beside "billed − contracted
 * $2.66". The invoice check uses the cent versions below; an import's
 * reconciliation foots its charge categories with `roundFooting`.
 *
 * One deliberate exception: an expected contract invoice is a document of its
 * own, priced line by line as a vendor's invoice is — each usage, discount,
 * fee, true-up and credit line rounded to the cent half away from zero
 * (contracts/percent.ts `toCents`), the month's total the sum of its lines —
 * because the board workbook recomputes those lines with Excel's ROUND, which
 * rounds half away from zero, and the two must agree to the cent. The
 * difference from half to even shows only on an exact half cent.
 */
import { NANO_DECIMALS, NANOS_PER_UNIT, divideRoundHalfEven, type Nanos } from './money';
import { currencyDecimals } from './money-text';

/** One cent in nano-units. */
export const CENT: Nanos = 10_000_000n;

/** The rounding unit, in nano-units, of `decimals` decimals (2 → a cent, 0 → a whole unit). */
export function unitOf(decimals: number): Nanos {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > NANO_DECIMALS) throw new RangeError(`cannot round to ${decimals} decimals`);
  return 10n ** BigInt(NANO_DECIMALS - decimals);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function roundHalfEvenTo(amount: Nanos, unit: Nanos): bigint {
  const q = floorDiv(amount, unit);
  const r = amount - q * unit; // 0 ≤ r < unit
  if (r * 2n > unit) return q + 1n;
  if (r * 2n < unit) return q;
  return q % 2n === 0n ? q : q + 1n;
}

/** Indexes by remainder, largest first; equal remainders keep their order. */
function byLargestRemainder(remainders: readonly bigint[]): number[] {
  return remainders.map((_r, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
}

/** Rule 2: the exact sum of `amounts`, rounded once, half to even, to `decimals`. */
export function roundTotal(amounts: Iterable<Nanos>, decimals = 2): Nanos {
  const unit = unitOf(decimals);
  let total = 0n;
  for (const a of amounts) total += a;
  return roundHalfEvenTo(total, unit) * unit;
}

/**
 * Rule 3: `amounts` rounded to `decimals` so that they add up to
 * `roundTotal(amounts, decimals)` exactly, each within one unit of its
 * exact value. The lines of a statement, a month's teams, a table's rows.
 */
export function roundFooting(amounts: readonly Nanos[], decimals = 2): Nanos[] {
  if (amounts.length === 0) return [];
  const unit = unitOf(decimals);
  let total = 0n;
  for (const a of amounts) total += a;
  const floors = amounts.map((a) => floorDiv(a, unit));
  // 0 ≤ left ≤ n: the remainders add up to less than n units, and rounding their sum never goes below zero.
  let left = roundHalfEvenTo(total, unit) - floors.reduce((s, f) => s + f, 0n);
  const out = [...floors];
  for (const i of byLargestRemainder(amounts.map((a, i) => a - floors[i]! * unit))) {
    if (left <= 0n) break;
    out[i] = out[i]! + 1n;
    left -= 1n;
  }
  return out.map((units) => units * unit);
}

/**
 * The unit a split works in: a cent for an amount in whole cents, else the
 * finest decimal the amount carries (a line of 12.8276645 splits in units of
 * 1e-7), so a split never writes more decimals than the bill had.
 */
export function splitUnit(amount: Nanos): Nanos {
  let unit = CENT;
  while (unit > 1n && amount % unit !== 0n) unit /= 10n;
  return unit;
}

/**
 * Splits `amount` into parts proportional to `weights` (non-negative, not
 * all zero), each a whole number of `unit`s, adding up to `amount` exactly.
 * `amount` must be a whole number of `unit`s (see {@link splitUnit}).
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
    const exact = units * w; // this part's share is exact / total units
    const part = floorDiv(exact, total);
    parts.push(part);
    remainders.push(exact - part * total);
    given += part;
  }
  let left = units - given; // 0 ≤ left < weights.length
  for (const i of byLargestRemainder(remainders)) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts.map((p) => p * unit);
}

/** Ratios w_i / Σw as decimal text with `digits` decimals that add up to exactly 1 (FOCUS's AllocatedRatio). */
export function ratioTexts(weights: readonly bigint[], digits = 12): string[] {
  const scale = 10n ** BigInt(digits);
  return splitByWeights(scale, weights, 1n).map((p) => {
    const whole = p / scale;
    const frac = (p % scale).toString().padStart(digits, '0').replace(/0+$/, '');
    return frac === '' ? `${whole}` : `${whole}.${frac}`;
  });
}

/*
 * Footing to a total set from above, and per currency (ledger groups, the Overview): the same rule,
 * with the total given rather than summed from the parts.
 */

/** The display unit of a currency with `decimals` minor digits, in nano-units (2 → a cent, 0 → a whole unit). */
export function displayUnit(decimals: number): Nanos {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 9) throw new RangeError(`no display unit for ${decimals} decimals`);
  return NANOS_PER_UNIT / 10n ** BigInt(decimals);
}

/** An exact amount rounded once to whole display units (half to even). */
export function roundToUnit(amount: Nanos, unit: Nanos = CENT): Nanos {
  return divideRoundHalfEven(amount, unit) * unit;
}

/**
 * Rounds `amounts` to whole `unit`s so that they add up to `total` (itself
 * a whole number of units) exactly: floors first, then the units left over
 * (or owed) go to the parts with the largest (or smallest) remainders. Used
 * where a total is itself a rounded part of a larger total, so each level
 * of a breakdown foots to the level above it as shown.
 */
export function footTo(amounts: readonly Nanos[], total: Nanos, unit: Nanos = CENT): Nanos[] {
  if (unit <= 0n || total % unit !== 0n) throw new RangeError(`the total ${total} is not a whole number of units of ${unit}`);
  if (amounts.length === 0) {
    if (total !== 0n) throw new RangeError('nothing to foot a non-zero total to');
    return [];
  }
  const floors = amounts.map((a) => floorDiv(a, unit));
  const remainders = amounts.map((a, i) => a - floors[i]! * unit);
  let left = total / unit - floors.reduce((s, f) => s + f, 0n);
  const out = [...floors];
  const byRemainderDesc = remainders.map((_r, i) => i).sort((a, b) => (remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b));
  // Normally 0 ≤ left < n; a total set from above may ask for a unit more or less than the parts' own rounding.
  while (left > 0n) {
    for (const i of byRemainderDesc) {
      if (left === 0n) break;
      out[i] = out[i]! + 1n;
      left -= 1n;
    }
  }
  while (left < 0n) {
    for (const i of [...byRemainderDesc].reverse()) {
      if (left === 0n) break;
      out[i] = out[i]! - 1n;
      left += 1n;
    }
  }
  return out.map((u) => u * unit);
}

/**
 * Shown amounts for parts in several currencies (the groups of a ledger
 * summary). Money is never added across currencies. Within a currency, the
 * parts of one period (a month) foot to that period's exact amount rounded
 * once — a month reads the same on every screen — and parts without a period
 * foot to the currency's exact total rounded once. `totals` is each
 * currency's exact total rounded once; `partsAddUpTo` is what the shown parts
 * add up to, which differs from it (by a unit or so) only when periods are
 * rounded on their own: the screen then says so. A part without an amount
 * (no list cost reported) stays null and is left out. Ties go to the earlier
 * part, so pass the parts in an order that does not depend on a screen's sort.
 */
export function footPerCurrency(parts: readonly { currency: string; amount: Nanos | null; period?: string | null }[]): {
  shown: (Nanos | null)[];
  totals: Map<string, Nanos>;
  partsAddUpTo: Map<string, Nanos>;
} {
  const groups = new Map<string, { currency: string; indices: number[] }>();
  const exactTotals = new Map<string, Nanos>();
  parts.forEach((p, i) => {
    if (p.amount === null) return;
    const key = JSON.stringify([p.currency, p.period ?? null]);
    const g = groups.get(key) ?? { currency: p.currency, indices: [] };
    g.indices.push(i);
    groups.set(key, g);
    exactTotals.set(p.currency, (exactTotals.get(p.currency) ?? 0n) + p.amount);
  });
  const shown: (Nanos | null)[] = parts.map(() => null);
  const partsAddUpTo = new Map<string, Nanos>();
  for (const { currency, indices } of groups.values()) {
    const unit = displayUnit(currencyDecimals(currency));
    const exact = indices.map((i) => parts[i]!.amount!);
    const total = roundToUnit(exact.reduce((s, a) => s + a, 0n), unit);
    footTo(exact, total, unit).forEach((v, k) => (shown[indices[k]!] = v));
    partsAddUpTo.set(currency, (partsAddUpTo.get(currency) ?? 0n) + total);
  }
  const totals = new Map([...exactTotals].map(([currency, exact]) => [currency, roundToUnit(exact, displayUnit(currencyDecimals(currency)))]));
  return { shown, totals, partsAddUpTo };
}

/** One amount rounded to the cent by rule 2 (half to even), still in nano-units. */
export function roundToCents(amount: Nanos): Nanos {
  return roundTotal([amount], 2);
}

/** Rule 3 in cents: the amounts footed to their exact total rounded to the cent. */
export function roundToCentsFooting(amounts: readonly Nanos[]): Nanos[] {
  return roundFooting(amounts, 2);
}

/**
 * Whole cents for each exact amount, adding up to `total` (a whole number of
 * cents) fixed elsewhere: the amounts rounded down, then the cents still
 * missing one each to the largest remainders (ties to the earlier part), or,
 * when the floors already pass the total, taken back one each from the
 * smallest. An invoice's discount lines foot this way to usage net as shown
 * less the usage lines as shown.
 */
export function allocateCents(amounts: readonly Nanos[], total: Nanos): Nanos[] {
  if (amounts.length === 0) return [];
  if (total % CENT !== 0n) throw new RangeError(`the total ${total} is not a whole number of cents`);
  const floors = amounts.map((a) => floorDiv(a, CENT));
  let left = total / CENT - floors.reduce((s, f) => s + f, 0n);
  const largestFirst = byLargestRemainder(amounts.map((a, i) => a - floors[i]! * CENT));
  const out = [...floors];
  const step = left >= 0n ? 1n : -1n;
  const order = left >= 0n ? largestFirst : [...largestFirst].reverse();
  // With a total within a cent per part of the exact sum this takes one pass; the loop keeps any total reachable.
  for (let k = 0; left !== 0n; k = (k + 1) % order.length) {
    const i = order[k]!;
    out[i] = out[i]! + step;
    left -= step;
  }
  return out.map((c) => c * CENT);
}

/**
 * Billed, contracted and billed − contracted as shown side by side: the
 * difference is the exact difference rounded once, and billed and contracted
 * are footed to it, so billed − contracted as shown equals it.
 */
export function footedDifference(billed: Nanos, contracted: Nanos): { billed: Nanos; contracted: Nanos; difference: Nanos } {
  const [b, negC] = roundToCentsFooting([billed, -contracted]) as [Nanos, Nanos];
  return { billed: b, contracted: -negC, difference: b + negC };
}
