import type { Nanos } from '../money';
import { percentOf, percentOfShare } from './percent';
import type { VolumeDiscount, VolumeTier } from './types';

/** The tier a running total has reached: the last tier whose start it has reached. */
export function tierAt(tiers: readonly VolumeTier[], total: bigint): VolumeTier {
  let found = tiers[0]!;
  for (const t of tiers) if (total >= t.from) found = t;
  return found;
}

/** How much of [lo, hi) falls in each tier, for marginal discounts. */
function overlaps(tiers: readonly VolumeTier[], lo: bigint, hi: bigint): { tier: VolumeTier; amount: bigint }[] {
  const out: { tier: VolumeTier; amount: bigint }[] = [];
  tiers.forEach((tier, i) => {
    const next = tiers[i + 1]?.from;
    const from = tier.from > lo ? tier.from : lo;
    const to = next === undefined || next > hi ? hi : next;
    if (to > from) out.push({ tier, amount: to - from });
  });
  return out;
}

/** Marginal discount on the first `spend` of a period: each slice of spend at its own tier's rate. */
export function marginalSpendDiscount(tiers: readonly VolumeTier[], spend: Nanos): Nanos {
  let total = 0n;
  for (const o of overlaps(tiers, 0n, spend)) total += percentOf(o.amount, o.tier.percentOff);
  return total;
}

export interface VolumeInput {
  /** This month's spend the discount applies to (after rates and % discounts). */
  spend: Nanos;
  /** This month's tokens (tokens basis). */
  tokens: bigint;
  /** Running totals earlier in the contract year (annual period); zero for monthly. */
  spendBefore: Nanos;
  tokensBefore: bigint;
  discountBefore: Nanos;
}

/**
 * This month's volume discount (a positive amount to take off).
 *
 * Spend basis, marginal: each slice of spend gets its own tier's rate
 * ($2,000 with 0% to $1,000 and 10% above → $100). All-units: the whole
 * spend gets the rate of the tier the total reached ($200). Annual period:
 * tiers apply to the contract year's running total; marginal takes the
 * discount on this month's slice of the running total, all-units is
 * retroactive (the year's spend at the reached rate, less what earlier
 * months already got).
 *
 * Tokens basis: tiers are token counts; the rate reached (all-units) or each
 * tier's share of this month's tokens (marginal) applies to the spend.
 */
export function volumeDiscount(v: VolumeDiscount, input: VolumeInput): Nanos {
  const annual = v.period === 'year';
  const spendBefore = annual ? input.spendBefore : 0n;
  const tokensBefore = annual ? input.tokensBefore : 0n;
  if (v.basis === 'spend') {
    if (v.method === 'marginal') return marginalSpendDiscount(v.tiers, spendBefore + input.spend) - marginalSpendDiscount(v.tiers, spendBefore);
    if (!annual) return percentOf(input.spend, tierAt(v.tiers, input.spend).percentOff);
    const after = spendBefore + input.spend;
    return percentOf(after, tierAt(v.tiers, after).percentOff) - input.discountBefore;
  }
  if (v.method === 'marginal') {
    if (input.tokens === 0n) return 0n;
    let total = 0n;
    for (const o of overlaps(v.tiers, tokensBefore, tokensBefore + input.tokens)) total += percentOfShare(input.spend, o.tier.percentOff, o.amount, input.tokens);
    return total;
  }
  const tier = tierAt(v.tiers, tokensBefore + input.tokens);
  if (!annual) return percentOf(input.spend, tier.percentOff);
  return percentOf(spendBefore + input.spend, tier.percentOff) - input.discountBefore;
}
