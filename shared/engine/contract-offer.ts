/**
 * A workspace contract as the engine's own offer (offer.ts), for Monte Carlo
 * speed: pricing a contract month through the contracts module re-prices
 * every usage line from the price book with its price-change clause, about a
 * millisecond a month — minutes over 10,000 draws — while an offer prices
 * the month's list total in microseconds.
 *
 * The offer stands in only for what it SUPPORTS, listed below term by term
 * and, within a term, field by field: one % discount on everything, a
 * monthly take-or-pay commitment without carry-over, credits of any kind
 * (for all charges or usage only, scoped to models, classes, tiers or
 * publishers, valid for part of a month, burnt in either order: the offer's
 * credit step is the pricer's, offer-credits.ts), a minimum fee before or
 * after credits, over a term of whole months. A
 * contract with any other term (rates, volume tiers, provisioned capacity,
 * or a term added later) stays with the contracts module. The engine also
 * checks the two agree on the base inputs before it trusts the offer.
 */
import { addDays, isFirstDayOfMonth as isFirstDay, isLastDayOfMonth as isLastDay } from '../domain/calendar';
import { CONTRACT_TERM_KEYS, hasTerm } from '../domain/contracts/terms';
import type { Commitment, Contract, ContractTermKey, ContractTermValues, CreditGrant, Credits, PercentDiscount } from '../domain/contracts/types';
import { offerPercentText } from './offer';
import type { OfferCredit } from './offer-credits';
import type { ContractAsOffer } from './pricing';

/** A field the offer reads as it is, whatever its value. */
const ANY = (): boolean => true;

/** What every field of a term must be for the offer to price it: a predicate per field, so a field added to the term must be judged here before this compiles. */
type FieldRules<T> = { readonly [F in keyof T]-?: (value: T[F], contract: Contract) => boolean };

function follows<T extends object>(value: T, rules: FieldRules<T>, contract: Contract): boolean {
  return (Object.keys(rules) as (keyof T)[]).every((field) => rules[field](value[field], contract));
}

// The offer reads a percentage to a millionth of a percent.
const DISCOUNT: FieldRules<PercentDiscount> = { where: ANY, label: ANY, percentOff: (v) => Number(offerPercentText(Number(v))) === Number(v), models: (v) => v === null, usageClasses: (v) => v === null, serviceTiers: (v) => v === null, stacks: ANY };
const COMMITMENT: FieldRules<Commitment> = {
  where: ANY,
  amount: ANY,
  period: (v) => v === 'month',
  takeOrPay: (v) => v,
  carryOver: (v) => v === 'none',
  // Without carry-over there is nothing to cap; fees are not in a contract the offer prices (no provisioned capacity).
  maxCarryOver: ANY,
  includesProvisionedFees: ANY,
  // The offer trues up every month at one amount for the whole term.
  trueUp: (v) => v === 'month',
  years: (v) => v.length === 0,
};
// The offer's credit step is the pricer's (offer-credits.ts): any days, scope, part-month rule and burn order.
const GRANT: FieldRules<CreditGrant> = { where: ANY, id: ANY, amount: ANY, start: ANY, expires: ANY, appliesTo: ANY, scope: ANY, partMonth: ANY };
const CREDITS: FieldRules<Credits> = { burnOrder: ANY, grants: (grants, c) => grants.every((g) => follows(g, GRANT, c)) };

/**
 * The terms an offer can stand for, each with the condition it must meet. A
 * term not listed here — one added to contracts later included — sends the
 * contract to the contracts module.
 */
const SUPPORTED: { readonly [K in ContractTermKey]?: (term: Exclude<ContractTermValues[K], null>, contract: Contract) => boolean } = {
  discounts: (discounts, c) => discounts.length <= 1 && discounts.every((d) => follows(d, DISCOUNT, c)),
  commitment: (commitment, c) => follows(commitment, COMMITMENT, c),
  credits: (credits, c) => follows(credits, CREDITS, c),
  minimumMonthlyFee: ANY,
  // With one discount at most (above) nothing stacks, so the stacking rule changes nothing.
  discountStacking: ANY,
  // The offer takes the minimum fee before or after credits as the contract says.
  minimumFeeOrder: ANY,
  // The offer prices the projection's list prices as they are; a clause that would hold them down fails the base-input check (project.ts).
  priceChange: ANY,
};

function supports<K extends ContractTermKey>(key: K, contract: Contract): boolean {
  const rule = SUPPORTED[key];
  return rule !== undefined && rule(contract[key] as unknown as Exclude<ContractTermValues[K], null>, contract);
}

/**
 * `modelId`: how the contract pricer names a usage line's model (the price
 * book resolves the scenario's spelling), for grants scoped to models or
 * publishers.
 */
export function contractAsOffer(contract: Contract, provider: string, currency: string, modelId?: (model: string) => string): ContractAsOffer | null {
  if (contract.vendor !== provider || contract.currency !== currency) return null;
  if (contract.versions && contract.versions.length > 0) return versionsAsOffers(contract, provider, currency, modelId);
  if (!isFirstDay(contract.start) || !isLastDay(contract.end)) return null;
  if (!CONTRACT_TERM_KEYS.every((key) => !hasTerm(contract, key) || supports(key, contract))) return null;
  const discount = contract.discounts[0];
  const c = contract.commitment;
  return {
    from: contract.start.slice(0, 7),
    to: contract.end.slice(0, 7),
    offer: {
      discountPct: discount ? Number(discount.percentOff) : 0,
      monthlyCommitment: c ? c.amount : null,
      credits: (contract.credits?.grants ?? []).map(offerCredit),
      minimumMonthlyFee: contract.minimumMonthlyFee,
      minimumFeeOrder: contract.minimumFeeOrder,
      // Only what differs from an inline offer's defaults, so a contract of whole-month unscoped grants gives the offer it always gave.
      ...(contract.credits?.burnOrder === 'as_listed' ? { burnOrder: 'as_listed' as const } : {}),
      ...(contract.credits?.grants.some((g) => g.scope !== null) ? { vendor: contract.vendor, ...(modelId ? { modelId } : {}) } : {}),
    },
  };
}

/**
 * An amended or renewed contract as one offer per version, each in force
 * from its effective date to the day before the next (versions take effect
 * on a month's first day, so each holds whole months). An offer starts its
 * grants afresh, so a version stands in only when every grant in force under
 * it is its own: a balance carried from an earlier version is state the
 * offer lacks. When only the last version stands in, it is the offer alone
 * and its months before are priced at list, so a projection that reaches them
 * fails the engine's check on the base inputs and stays with the contract
 * pricer.
 */
function versionsAsOffers(contract: Contract, provider: string, currency: string, modelId?: (model: string) => string): ContractAsOffer | null {
  const versions = contract.versions ?? [];
  const phases = [{ where: null as string | null, from: contract.start, terms: contract as ContractTermValues }, ...versions.map((v) => ({ where: v.where, from: v.effectiveFrom, terms: v.terms }))];
  const offers = phases.map((phase, i) => {
    const next = phases[i + 1];
    const own = (where: string) => (phase.where === null ? !where.startsWith('versions[') : where.startsWith(`${phase.where}.`));
    if ((phase.terms.credits?.grants ?? []).some((g) => !own(g.where))) return null;
    const terms: Contract = { ...contract, ...phase.terms, versions: undefined, start: phase.from, end: next ? addDays(next.from, -1) : contract.end };
    return contractAsOffer(terms, provider, currency, modelId);
  });
  const last = offers.at(-1) ?? null;
  if (!last || offers.some((o) => o === null)) return last;
  return { ...last, before: offers.slice(0, -1) as ContractAsOffer[] };
}

/** A contract's grant as the offer's: its months, and its days, scope and part-month rule where it has them. */
function offerCredit(g: CreditGrant): OfferCredit {
  const wholeMonths = isFirstDay(g.start) && isLastDay(g.expires);
  return {
    amount: g.amount,
    start: g.start.slice(0, 7),
    expires: g.expires.slice(0, 7),
    appliesTo: g.appliesTo,
    ...(isFirstDay(g.start) ? {} : { startDay: g.start }),
    ...(isLastDay(g.expires) ? {} : { expiresDay: g.expires }),
    ...(g.scope !== null ? { scope: g.scope } : {}),
    ...(wholeMonths ? {} : { partMonth: g.partMonth }),
  };
}
