/**
 * A workspace contract as the engine's own offer (offer.ts), for Monte Carlo
 * speed: pricing a contract month through the contracts module re-prices
 * every usage line from the price book with its price-change clause, about a
 * millisecond a month — minutes over 10,000 draws — while an offer prices
 * the month's list total in microseconds.
 *
 * Only terms whose meaning is the same in both forms convert: one % discount
 * on everything, a monthly take-or-pay commitment without carry-over, and
 * usage-only credits that start on a month's first day and end on a last day,
 * burnt earliest expiry first, over a term of whole months. Anything else
 * (rate overrides, scoped discounts, volume tiers, annual commitments,
 * provisioned capacity) stays with the contracts module. The engine also
 * checks the two agree on the base inputs before it trusts the offer.
 */
import { isFirstDayOfMonth as isFirstDay, isLastDayOfMonth as isLastDay } from '../domain/calendar';
import type { Contract } from '../domain/contracts/types';
import type { ContractAsOffer } from './pricing';

export function contractAsOffer(contract: Contract, provider: string, currency: string): ContractAsOffer | null {
  if (contract.vendor !== provider || contract.currency !== currency) return null;
  if (contract.rates.length > 0 || contract.volumeDiscount !== null || contract.provisioned.length > 0) return null;
  if (!isFirstDay(contract.start) || !isLastDay(contract.end)) return null;
  if (contract.discounts.length > 1) return null;
  const discount = contract.discounts[0];
  if (discount && (discount.models !== null || discount.usageClasses !== null || discount.serviceTiers !== null)) return null;
  const c = contract.commitment;
  if (c && (c.period !== 'month' || !c.takeOrPay || c.carryOver !== 'none')) return null;
  const grants = contract.credits?.grants ?? [];
  if (grants.length > 0 && contract.credits!.burnOrder !== 'earliest_expiry') return null;
  if (grants.some((g) => g.appliesTo !== 'usage_only' || !isFirstDay(g.start) || !isLastDay(g.expires))) return null;
  // The contracts module tops up to the minimum fee before credits pay; the offer after: only the same without credits.
  if (contract.minimumMonthlyFee !== null && grants.length > 0) return null;
  return {
    from: contract.start.slice(0, 7),
    to: contract.end.slice(0, 7),
    offer: {
      discountPct: discount ? Number(discount.percentOff) : 0,
      monthlyCommitment: c ? c.amount : null,
      credits: grants.map((g) => ({ amount: g.amount, start: g.start.slice(0, 7), expires: g.expires.slice(0, 7) })),
      minimumMonthlyFee: contract.minimumMonthlyFee,
    },
  };
}
