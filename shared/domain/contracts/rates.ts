import { multiplyMoney, prorate, type Nanos } from '../money';
import type { PriceBook } from '../pricebook/book';
import { addDays } from '../calendar';
import { findMultiplier, lookupPrice, type PriceLookup, type PriceQuery } from '../pricebook/lookup';
import type { ServiceTier, UsageClass } from '../usage';
import { addPercents, percentOf } from './percent';
import type { Contract, ContractRate, DiscountStacking, PercentDiscount } from './types';

type Found = Extract<PriceLookup, { ok: true }>;

export type ContractListPrice = (Found & { listPrice: Nanos; protectedBy: string | null }) | Extract<PriceLookup, { ok: false }>;

/**
 * The list price a contract lets through on a day. A price-change clause
 * delays increases by its notice period (the contract sees the lower of
 * today's price and the price `noticeDays` ago) and caps them at a
 * percentage over the price in force when the term started. Decreases pass
 * through at once.
 */
export function contractListPrice(contract: Contract | null, book: PriceBook, q: PriceQuery): ContractListPrice {
  const now = lookupPrice(book, q);
  if (!now.ok) return now;
  const clause = contract?.priceChange;
  if (!contract || !clause || q.date < contract.start || q.date > contract.end) return { ...now, listPrice: now.price, protectedBy: null };
  let price = now.price;
  let protectedBy: string | null = null;
  if (clause.noticeDays > 0) {
    const earlier = lookupPrice(book, { ...q, date: addDays(q.date, -clause.noticeDays) });
    if (earlier.ok && earlier.per === now.per && earlier.price < price) {
      price = earlier.price;
      protectedBy = `priceChange.noticeDays (${clause.noticeDays} days)`;
    }
  }
  if (clause.capPercent !== null) {
    const atStart = lookupPrice(book, { ...q, date: contract.start });
    if (atStart.ok && atStart.per === now.per) {
      const ceiling = atStart.price + percentOf(atStart.price, clause.capPercent);
      if (price > ceiling) {
        price = ceiling;
        protectedBy = `priceChange.capPercent (${clause.capPercent}%)`;
      }
    }
  }
  return { ...now, listPrice: price, protectedBy };
}

/** Where a usage was priced: its list price's context band (null: base) and its region. */
export interface RateWhere {
  contextAbove: number | null;
  region: string | null;
}

/**
 * The most specific rate override for a usage: a rate naming the model beats
 * one for every model, then one naming the band beats one without, then one
 * naming the region, then one naming the tier. A rate that names no tier is
 * the standard-tier rate; one that names a band or a region applies only
 * there; one that names no band is the base-band rate (contractedPrice
 * carries it to a higher band).
 */
export function matchRate(contract: Contract, model: string, usageClass: UsageClass, tier: ServiceTier, meter: string | null, where: RateWhere = { contextAbove: null, region: null }): ContractRate | null {
  let best: ContractRate | null = null;
  let bestScore = -1;
  for (const r of contract.rates) {
    if (r.usageClass !== usageClass || r.meter !== meter) continue;
    if (r.model !== null && r.model !== model) continue;
    if ((r.serviceTier ?? 'standard') !== tier) continue;
    if (r.contextBand !== null && r.contextBand !== (where.contextAbove ?? 0)) continue;
    if (r.region !== null && r.region !== where.region) continue;
    const score = (r.model !== null ? 8 : 0) + (r.contextBand !== null ? 4 : 0) + (r.region !== null ? 2 : 0) + (r.serviceTier !== null ? 1 : 0);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  return best;
}

type DiscountScope = Pick<PercentDiscount, 'models' | 'usageClasses' | 'serviceTiers' | 'stacks'>;

function covers(d: DiscountScope, model: string, usageClass: UsageClass, tier: ServiceTier): boolean {
  return (d.models === null || d.models.includes(model)) && (d.usageClasses === null || d.usageClasses.includes(usageClass)) && (d.serviceTiers === null || d.serviceTiers.includes(tier));
}

/**
 * The % discounts for a usage, in the order they apply: the most specific of
 * those that do not stack (more named scopes win, then the first listed),
 * then every discount marked `stacks` that covers it, in the order listed.
 */
export function discountsFor<D extends DiscountScope>(discounts: readonly D[], model: string, usageClass: UsageClass, tier: ServiceTier): D[] {
  let best: D | null = null;
  let bestScore = -1;
  for (const d of discounts) {
    if (d.stacks || !covers(d, model, usageClass, tier)) continue;
    const score = (d.models !== null ? 4 : 0) + (d.usageClasses !== null ? 2 : 0) + (d.serviceTiers !== null ? 1 : 0);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return [...(best ? [best] : []), ...discounts.filter((d) => d.stacks && covers(d, model, usageClass, tier))];
}

/** A discount applied to a price, and the price it leaves. */
export interface DiscountStep {
  discount: PercentDiscount;
  /** The price of one block after this discount and the ones before it. */
  price: Nanos;
}

/**
 * A list price through the discounts that apply, in order. Multiplicative:
 * each takes its percentage off the price the ones before it left.
 * Additive: the price after each is list less the percentages so far added
 * together (so each takes its own percentage of list). Each price is rounded
 * once to the nano-unit, as the workbook's formulas do.
 */
export function discountSteps(listPrice: Nanos, discounts: readonly PercentDiscount[], stacking: DiscountStacking): DiscountStep[] {
  const steps: DiscountStep[] = [];
  let price = listPrice;
  let sum = '0';
  for (const discount of discounts) {
    if (stacking === 'additive') {
      sum = addPercents(sum, discount.percentOff);
      price = listPrice - percentOf(listPrice, sum);
    } else price -= percentOf(price, discount.percentOff);
    steps.push({ discount, price });
  }
  return steps;
}

export interface ContractedPrice {
  /** Price of one block of `per` units under the contract. */
  price: Nanos;
  per: number;
  /** The rate or discount that set it; null when list applies. */
  term: string | null;
  rate: ContractRate | null;
  /** The first discount that applies (the one the others stack on); null under a rate or at list. */
  discount: PercentDiscount | null;
  /** Every discount that applies, in order, with the price each leaves (the last is `price`). */
  discounts: DiscountStep[];
  /** Multiplier applied to a standard-tier rate for another tier (batch = 0.5 × the contracted rate). */
  tierFactor: string | null;
  /** A rate naming no band, for usage in a higher band: the list's band premium it was carried by ("2" for $6 over $3). */
  bandFactor: string | null;
}

/**
 * The contracted price for a usage, given its list price. A rate override
 * wins; for a tier without its own rate, the standard rate times the
 * vendor's tier rule (a negotiated rate keeps the batch discount); otherwise
 * the list price through the discounts that apply (the most specific, then
 * those stacked on it); otherwise list.
 */
export function contractedPrice(
  contract: Contract,
  book: PriceBook,
  list: Found & { listPrice: Nanos },
  usageClass: UsageClass,
  tier: ServiceTier,
  meter: string | null,
  date: string,
  region: string | null = null,
): ContractedPrice {
  const where: RateWhere = { contextAbove: list.contextAbove, region };
  const rate = matchRate(contract, list.model, usageClass, tier, meter, where);
  if (rate) return withBand(book, list, usageClass, tier, meter, date, region, { price: rate.price, per: rate.per, term: rate.where, rate, discount: null, discounts: [], tierFactor: null, bandFactor: null });
  if (tier !== 'standard') {
    const standardRate = matchRate(contract, list.model, usageClass, 'standard', meter, where);
    const factor = standardRate ? findMultiplier(book, contract.vendor, list.model, tier, usageClass, date) : null;
    if (standardRate && factor) {
      return withBand(book, list, usageClass, tier, meter, date, region, {
        price: multiplyMoney(standardRate.price, factor.factor),
        per: standardRate.per,
        term: standardRate.where,
        rate: standardRate,
        discount: null,
        discounts: [],
        tierFactor: factor.factor,
        bandFactor: null,
      });
    }
  }
  const steps = discountSteps(list.listPrice, discountsFor(contract.discounts, list.model, usageClass, tier), contract.discountStacking);
  if (steps.length > 0) return { price: steps.at(-1)!.price, per: list.per, term: steps[0]!.discount.where, rate: null, discount: steps[0]!.discount, discounts: steps, tierFactor: null, bandFactor: null };
  return { price: list.listPrice, per: list.per, term: null, rate: null, discount: null, discounts: [], tierFactor: null, bandFactor: null };
}

/**
 * A rate that names no band is the base-band rate. Usage priced in a higher
 * band pays it times the list's band premium on that day (the band's list
 * price over the base band's: $6 over $3 is 2, so a $2.70 rate is $5.40 for
 * prompts above 200k), as the tier rule carries a standard rate to batch: a
 * negotiated rate keeps the vendor's long-context surcharge rather than
 * waiving it. A rate naming its band is taken as written.
 */
function withBand(book: PriceBook, list: Found, usageClass: UsageClass, tier: ServiceTier, meter: string | null, date: string, region: string | null, cp: ContractedPrice): ContractedPrice {
  if (list.contextAbove === null || cp.rate === null || cp.rate.contextBand !== null) return cp;
  const base = lookupPrice(book, { provider: list.row.provider, model: list.model, usageClass, serviceTier: tier === 'provisioned' ? 'standard' : tier, meter, region, date, promptTokens: 0 });
  if (!base.ok || base.contextAbove !== null || base.per !== list.per || base.price <= 0n) return cp;
  // The price by the exact ratio, rounded once; the factor as shown, to four decimals.
  const shown = prorate(10_000n, list.price, base.price);
  const factor = `${shown / 10_000n}${shown % 10_000n === 0n ? '' : `.${(shown % 10_000n).toString().padStart(4, '0').replace(/0+$/, '')}`}`;
  return { ...cp, price: prorate(cp.price, list.price, base.price), bandFactor: factor };
}
