/**
 * After the months are projected at list prices, each contract lever re-prices
 * its vendor's usage for the months it is in force; the difference between
 * the contract's invoice and list becomes the month's contract adjustment.
 */
import { WorkbenchError } from '../domain/errors';
import type { Nanos } from '../domain/money';
import { invoicedListTotal, priceOffer, priceOfferAsContract, type ResolvedOffer } from './offer';
import { ENGINE_CLASSES, PRICED_TIERS, type ContractTerms, type ScenarioPlan } from './plan';
import { monthNumber } from '../domain/calendar';
import type { ContractAsOffer, ContractMonthPrice, ContractMonthUsage, ContractPricer, ContractUsageLine } from './pricing';

const CLASSES = ENGINE_CLASSES.length;

/** Lines per contract: one per (model, tier, usage class). */
export function contractLineCount(plan: ScenarioPlan): number {
  return plan.models.length * 4 * CLASSES;
}

export interface ContractRun {
  index: number;
  terms: ContractTerms;
  /** Horizon month indices it priced, in order. */
  months: number[];
  prices: ContractMonthPrice[];
  listTotals: Nanos[];
}

export interface ContractUsageSource {
  /** Quantity and exact list cost recorded for (month, contract, line). */
  quantity(m: number, contract: number, line: number): number;
  listCost(m: number, contract: number, line: number): Nanos;
}

export interface MoneyResolver {
  /** A money parameter in nano-units, or null when the input is absent. */
  money(param: number): Nanos | null;
  number(param: number): number;
}

/**
 * A surrogate prices the months of its term as an offer — an amended
 * contract's months each under its version's offer — and the others at list
 * (no contract in force), rounding each invoice line to the cent as the
 * contracts module does, so a draw at the base values prices to the cent
 * what the exact run prices.
 */
export function priceAsOffer(surrogate: ContractAsOffer, months: readonly ContractMonthUsage[]): ContractMonthPrice[] {
  const priced = new Map<string, ContractMonthPrice>();
  // Each version's offer prices the months it is in force (its grants are its own: contract-offer.ts).
  for (const phase of [...(surrogate.before ?? []), surrogate]) {
    const from = monthNumber(phase.from);
    const to = monthNumber(phase.to);
    const inForce = months.filter((u) => monthNumber(u.month) >= from && monthNumber(u.month) <= to);
    for (const p of priceOffer(phase.offer, inForce)) priced.set(p.month, p);
  }
  return months.map((u) => {
    const offered = priced.get(u.month);
    if (offered) return offered;
    const total = invoicedListTotal(u);
    return { month: u.month, total, lines: [{ category: 'usage', description: 'usage at list prices', amount: total }], commitment: null, credits: null };
  });
}

export function priceContracts(
  plan: ScenarioPlan,
  usage: ContractUsageSource,
  resolve: MoneyResolver,
  pricer: ContractPricer | null,
  surrogates: readonly (ContractAsOffer | null)[] = [],
  /** Price inline offers through the contract pricer (the exact projection) rather than their quick form (draws). */
  exactOffers = false,
): ContractRun[] {
  const runs: ContractRun[] = [];
  const P = plan.providers.length;
  const L = contractLineCount(plan);
  plan.contracts.forEach((terms, c) => {
    const months: number[] = [];
    for (let m = 0; m < plan.months.length; m++) if (plan.activeContract[m * P + terms.providerIndex] === c) months.push(m);
    if (months.length === 0) return;
    const monthUsage: ContractMonthUsage[] = months.map((m) => {
      const lines: ContractUsageLine[] = [];
      let listTotal = 0n;
      for (let line = 0; line < L; line++) {
        const quantity = usage.quantity(m, c, line);
        if (!(quantity > 0)) continue;
        const listCost = usage.listCost(m, c, line);
        const k = Math.floor(line / (4 * CLASSES));
        const t = Math.floor(line / CLASSES) % 4;
        const cls = line % CLASSES;
        // Cache tokens of a model with no cache price were list-priced as input: the vendor bills them so, and so must the contract.
        const fellBack = plan.prices.fallback[(((m * plan.models.length + k) * 4 + t) * CLASSES + cls) * plan.prices.bands] === 1;
        lines.push({ model: plan.models[k]!.model, usageClass: fellBack ? 'input' : ENGINE_CLASSES[cls]!, serviceTier: PRICED_TIERS[t]!, quantity, listCost });
        listTotal += listCost;
      }
      return { month: plan.months[m]!, lines, listTotal };
    });
    let prices: ContractMonthPrice[];
    if (terms.offer) {
      const o = terms.offer;
      const offer: ResolvedOffer = {
        discountPct: resolve.number(o.discountPct),
        monthlyCommitment: o.monthlyCommitment >= 0 ? resolve.money(o.monthlyCommitment) : null,
        credits: o.credits.map((cr) => ({ amount: resolve.money(cr.amount) ?? 0n, start: cr.start, expires: cr.expires, appliesTo: cr.appliesTo })),
        minimumMonthlyFee: o.minimumMonthlyFee >= 0 ? resolve.money(o.minimumMonthlyFee) : null,
        minimumFeeOrder: o.minimumFeeOrder,
      };
      // The exact projection prices the offer as the contract it is; draws take the quick form of the same steps (offer.ts).
      prices = exactOffers ? priceOfferAsContract(offer, terms.provider, plan.currency, monthUsage, plan.file ?? 'the scenario') : priceOffer(offer, monthUsage);
    } else if (surrogates[c]) {
      prices = priceAsOffer(surrogates[c]!, monthUsage);
    } else {
      if (!pricer) {
        throw new WorkbenchError('bad_input', `contract ${terms.contractId} cannot be priced here: no workspace contracts are available (write the terms as an offer instead)`, {
          field: 'contract',
          ...(plan.file !== null ? { file: plan.file } : {}),
        });
      }
      prices = pricer.priceMonths({ contract: terms.contractId!, provider: terms.provider, currency: plan.currency, months: monthUsage });
      if (prices.length !== monthUsage.length) throw new WorkbenchError('internal', `contract ${terms.contractId} priced ${prices.length} months of ${monthUsage.length}`);
    }
    runs.push({ index: c, terms, months, prices, listTotals: monthUsage.map((u) => u.listTotal) });
  });
  return runs;
}
