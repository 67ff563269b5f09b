/**
 * An offer written inline in a scenario's contract lever is a contract: the
 * offer's fields are contract terms (offerContractFile), validated by the
 * contract schema and priced by the one contract pricer
 * (shared/domain/contracts/price-month.ts) on the scenario's own list costs.
 *
 *   discountPct         → discounts: [{ percentOff }] on every line
 *   monthlyCommitment   → commitment: { period: month, takeOrPay: true, carryOver: none }
 *   credits             → credits.grants, from the first day of `start` to the last day of `expires`,
 *                         paying what `appliesTo` says (all charges unless the offer says usage only)
 *   minimumMonthlyFee   → minimumMonthlyFee
 *   minimumFeeOrder     → minimumFeeOrder (before credits unless the offer says after)
 *
 * The exact projection prices the offer through that pricer. Monte Carlo
 * draws and tornado points, where the offer's figures change every draw,
 * use priceOffer below: the same steps for these terms alone, with the same
 * rounding (each usage line to the cent, the discount line to the cent), so
 * it gives the pricer's months to the cent — a test prices every scenario
 * offer both ways.
 */
import { WorkbenchError } from '../domain/errors';
import { toEngineMonth } from '../domain/contracts/engine-adapters';
import { loadContract } from '../domain/contracts/load';
import { initialState, priceContractMonth } from '../domain/contracts/price-month';
import type { ContractFileInput } from '../domain/contracts/schema';
import type { Contract, ContractState } from '../domain/contracts/types';
import { percentOf, toCents } from '../domain/contracts/percent';
import { nanosToDecimal, type Nanos } from '../domain/money';
import { daysInMonth, firstDay, lastDay, monthNumber } from '../domain/calendar';
import { OfferCredits, type OfferCredit } from './offer-credits';
import type { ContractInvoiceLine, ContractMonthPrice, ContractMonthUsage } from './pricing';

export interface ResolvedOffer {
  /** Percent off list, e.g. 15. */
  discountPct: number;
  monthlyCommitment: Nanos | null;
  credits: readonly OfferCredit[];
  /** Default earliest_expiry, as for every contract. */
  burnOrder?: 'earliest_expiry' | 'as_listed';
  /** The vendor a publisher-scoped grant judges usage by (a model of no known developer is the vendor's). */
  vendor?: string;
  /** How the contract pricer names a usage line's model (the price book's id), which a scoped grant judges it by; default as written. */
  modelId?: (model: string) => string;
  minimumMonthlyFee: Nanos | null;
  /** Default before_credits, as for every contract. */
  minimumFeeOrder?: 'before_credits' | 'after_credits';
}

/** The offer's percentage as the contract's decimal text, to a millionth of a percent (a drawn 12.3456789 → "12.345679"). */
export function offerPercentText(pct: number): string {
  return pct.toFixed(6).replace(/\.?0+$/, '');
}

/** The offer as a contract file, for the months `from`..`to` it is in force. */
export function offerContractFile(offer: ResolvedOffer, provider: string, currency: string, from: string, to: string): ContractFileInput {
  const pct = offerPercentText(offer.discountPct);
  return {
    id: 'scenario-offer',
    name: 'Offer written in the scenario',
    vendor: provider,
    currency,
    term: { start: firstDay(from), end: lastDay(to) },
    ...(pct !== '0' ? { discounts: [{ label: `${pct}% off list`, percentOff: pct }] } : {}),
    ...(offer.monthlyCommitment !== null ? { commitment: { amount: nanosToDecimal(offer.monthlyCommitment), period: 'month' as const, takeOrPay: true, carryOver: 'none' as const } } : {}),
    ...(offer.credits.length > 0
      ? {
          credits: {
            burnOrder: offer.burnOrder ?? 'earliest_expiry',
            grants: offer.credits.map((g, i) => offerGrantFile(g, i)),
          },
        }
      : {}),
    ...(offer.minimumMonthlyFee !== null ? { minimumMonthlyFee: nanosToDecimal(offer.minimumMonthlyFee) } : {}),
    minimumFeeOrder: offer.minimumFeeOrder ?? 'before_credits',
  };
}

/** An offer's grant as a contract file's: its days, and its scope and part-month rule when it has them. */
function offerGrantFile(g: OfferCredit, i: number) {
  const start = g.startDay ?? firstDay(g.start);
  const expires = g.expiresDay ?? lastDay(g.expires);
  const scope = g.scope ?? null;
  // The contract file says how a grant pays part months only when it has one.
  const partMonth = g.partMonth !== undefined && (start !== firstDay(g.start) || expires !== lastDay(g.expires));
  return {
    id: `credit-${i + 1}`,
    amount: nanosToDecimal(g.amount),
    start,
    expires,
    appliesTo: g.appliesTo ?? 'all_charges',
    ...(scope?.models ? { models: scope.models } : {}),
    ...(scope?.usageClasses ? { usageClasses: scope.usageClasses } : {}),
    ...(scope?.serviceTiers ? { serviceTiers: scope.serviceTiers } : {}),
    ...(scope?.publishers ? { publishers: scope.publishers } : {}),
    ...(partMonth ? { partMonth: g.partMonth } : {}),
  };
}

export function offerContract(offer: ResolvedOffer, provider: string, currency: string, from: string, to: string, file: string): Contract {
  return loadContract(offerContractFile(offer, provider, currency, from, to), { file });
}

/** Prices the offer's months through the contract pricer, on the scenario's list costs. */
export function priceOfferAsContract(offer: ResolvedOffer, provider: string, currency: string, months: readonly ContractMonthUsage[], file: string): ContractMonthPrice[] {
  if (months.length === 0) return [];
  const contract = offerContract(offer, provider, currency, months[0]!.month, months[months.length - 1]!.month, file);
  return priceMonthsWithContract(contract, provider, months, file);
}

/** The contract pricer month by month on the engine's usage lines, their list costs given, carrying the contract's state from month to month. */
export function priceMonthsWithContract(contract: Contract, provider: string, months: readonly ContractMonthUsage[], file: string): ContractMonthPrice[] {
  let state: ContractState | null = null;
  return months.map((m) => {
    const before = state ?? initialState(contract);
    const result = priceContractMonth(
      contract,
      m.month,
      m.lines.map((l) => ({ provider, model: l.model, usageClass: l.usageClass, serviceTier: l.serviceTier, quantity: l.quantity, listCost: l.listCost })),
      null,
      state,
    );
    if (result.unpriced.length > 0) throw new WorkbenchError('bad_input', `the offer cannot price ${result.unpriced[0]!.item.model} in ${m.month}: ${result.unpriced[0]!.message}`, { file });
    state = result.state;
    return toEngineMonth(contract, result, before);
  });
}

/**
 * A month's usage at list as the contracts module invoices it: each usage
 * line (model, class, tier) rounded to the cent. Outside a contract's term
 * that is what the vendor bills.
 */
export function invoicedListTotal(usage: ContractMonthUsage): Nanos {
  const groups = new Map<string, Nanos>();
  for (const l of usage.lines) {
    const key = `${l.model}|${l.usageClass}|${l.serviceTier}`;
    groups.set(key, (groups.get(key) ?? 0n) + l.listCost);
  }
  let total = 0n;
  for (const v of groups.values()) total += toCents(v);
  return total;
}

const max = (a: Nanos, b: Nanos): Nanos => (a > b ? a : b);

/** Each offer's grants as the quick credit step reads them, kept while the offer is (a workspace contract's offer serves every draw of a run). */
const compiledCredits = new WeakMap<ResolvedOffer, OfferCredits>();

function creditsOf(offer: ResolvedOffer): OfferCredits {
  let credits = compiledCredits.get(offer);
  if (!credits) {
    credits = new OfferCredits(offer.credits, offer.burnOrder ?? 'earliest_expiry', offer.vendor ?? '', offer.modelId);
    compiledCredits.set(offer, credits);
  }
  return credits;
}

/**
 * The contract pricer's steps for an offer's terms, quick enough for every
 * Monte Carlo draw (price-month.ts describes each step):
 *  4. usage lines, one per model, class and tier, each rounded to the cent;
 *     the discount on its own line: the exact % of each line's list cost,
 *     summed, rounded to the cent;
 *  7. monthly take-or-pay: shortfall = commitment − usage net, if positive;
 *  8. (before credits) top-up to the minimum fee;
 *  9. credits in burn order, as the pricer applies them (offer-credits.ts):
 *     scoped grants pay only their usage, part months their share; a
 *     balance left in the grant's last month is forfeited;
 *  8'. (after credits) what is left to pay is topped up to the minimum.
 */
export function priceOffer(offer: ResolvedOffer, months: readonly ContractMonthUsage[]): ContractMonthPrice[] {
  const pct = offerPercentText(offer.discountPct);
  const quick = offer.credits.length > 0 ? creditsOf(offer) : null;
  const grants = quick?.grants ?? [];
  const balances = grants.map((g) => g.amount);
  const afterCredits = offer.minimumFeeOrder === 'after_credits';
  const fee = offer.minimumMonthlyFee === null ? null : toCents(offer.minimumMonthlyFee);
  const committed = offer.monthlyCommitment === null ? null : toCents(offer.monthlyCommitment);
  const out: ContractMonthPrice[] = [];
  for (const usage of months) {
    const m = monthNumber(usage.month);
    // Step 4: the pricer's usage lines (model, billed class, tier), each to the cent.
    const groups = new Map<string, Nanos>();
    let discountExact = 0n;
    // For the credits: each line's cost after the discount (what the pricer shares the usage by) and the grants that may pay it.
    const weights: Nanos[] = [];
    const members: Uint8Array[] = [];
    for (const l of usage.lines) {
      const key = `${l.model}|${l.usageClass}|${l.serviceTier}`;
      groups.set(key, (groups.get(key) ?? 0n) + l.listCost);
      const off = pct !== '0' ? percentOf(l.listCost, pct) : 0n;
      discountExact += off;
      if (quick?.perLine) {
        weights.push(l.listCost - off);
        members.push(quick.membership(key, l.model, l.usageClass, l.serviceTier));
      }
    }
    let usageLines = 0n;
    for (const v of groups.values()) usageLines += toCents(v);
    const discount = -toCents(discountExact);
    const usageNet = usageLines + discount;
    const lines: ContractInvoiceLine[] = [{ category: 'usage', description: 'usage at list prices', amount: usageLines }];
    if (discount !== 0n) lines.push({ category: 'discount', description: `${pct}% off list`, amount: discount });

    let commitment: ContractMonthPrice['commitment'] = null;
    let shortfall = 0n;
    if (committed !== null) {
      shortfall = max(committed - usageNet, 0n);
      commitment = { committed, eligibleSpend: usageNet, shortfall };
      if (shortfall > 0n) lines.push({ category: 'shortfall', description: 'commitment shortfall (take-or-pay)', amount: shortfall });
    }
    let topUp = 0n;
    if (fee !== null && !afterCredits) topUp = max(fee - (usageNet + shortfall), 0n);

    let credits: ContractMonthPrice['credits'] = null;
    let applied = 0n;
    if (quick) {
      let opening = 0n;
      let granted = 0n;
      // A grant that began in an earlier month (before the offer's first month included) is in the opening balance, as in the pricer.
      grants.forEach((g, i) => {
        if (g.startMonth < m) opening += balances[i]!;
        else if (g.startMonth === m) granted += g.amount;
      });
      const r = quick.apply(usage.month, m, BigInt(daysInMonth(usage.month)), { all: usageNet + shortfall + topUp, usage: usageNet }, weights, members, balances);
      applied = r.applied;
      let closing = 0n;
      grants.forEach((g, i) => {
        if (g.startMonth <= m) closing += balances[i]!;
      });
      credits = { opening, granted, consumed: applied, forfeited: r.forfeited, closing };
      if (applied > 0n) lines.push({ category: 'credit', description: 'prepaid credits applied', amount: -applied });
    }
    if (fee !== null && afterCredits) topUp = max(fee - (usageNet + shortfall - applied), 0n);
    if (topUp > 0n) lines.push({ category: 'minimum_fee', description: 'top-up to the minimum monthly fee', amount: topUp });
    out.push({ month: usage.month, total: usageNet + shortfall + topUp - applied, lines, commitment, credits });
  }
  return out;
}
