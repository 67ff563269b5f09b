import { priceQuantity, type Nanos } from '../money';
import type { PriceBook } from '../pricebook/book';
import { firstDay } from '../pricebook/dates';
import { lookupPrice } from '../pricebook/lookup';
import { toCents } from './percent';
import { priceContractMonth } from './price-month';
import type { Contract, ContractMonth, ContractState, UsageItem } from './types';

/**
 * The scenario engine's entry points for pricing a projected month (issue 7
 * depends on these signatures).
 *
 * Usage items are the month's aggregates: one per provider, model, usage
 * class, tier (and band/region where it matters) with a quantity in the
 * price's unit. For the engine's "contract" lever, price each month in order
 * and pass the returned `state` on, so credits burn down and annual
 * commitments and volume tiers accumulate; for a month outside the offer's
 * term the result is at list with `inTerm: false`.
 */
export function priceMonthUnderContract(contract: Contract, month: string, usage: readonly UsageItem[], book: PriceBook, state: ContractState | null = null): ContractMonth {
  return priceContractMonth(contract, month, usage, book, state);
}

export interface ListMonth {
  /** Sum of the priced items, rounded to the cent. */
  total: Nanos;
  items: { item: UsageItem; cost: Nanos; rowId: string; model: string }[];
  unpriced: { item: UsageItem; reason: string; message: string }[];
}

/** A projected month at list prices (the "no contract" baseline), on the month's first day unless items carry a date. */
export function priceMonthAtList(month: string, usage: readonly UsageItem[], book: PriceBook): ListMonth {
  const items: ListMonth['items'] = [];
  const unpriced: ListMonth['unpriced'] = [];
  let exact = 0n;
  for (const item of usage) {
    if (!item.provider) {
      unpriced.push({ item, reason: 'no_provider', message: 'a usage item priced at list must name its provider' });
      continue;
    }
    const found = lookupPrice(book, {
      provider: item.provider,
      model: item.model,
      usageClass: item.usageClass,
      serviceTier: item.serviceTier,
      meter: item.meter ?? null,
      region: item.region ?? null,
      date: item.date ?? firstDay(month),
      contextBand: item.contextBand ?? null,
      promptTokens: item.promptTokens ?? null,
    });
    if (!found.ok) {
      unpriced.push({ item, reason: found.reason, message: found.message });
      continue;
    }
    const cost = priceQuantity(item.quantity, found.price, BigInt(found.per));
    exact += cost;
    items.push({ item, cost, rowId: found.row.id, model: found.model });
  }
  return { total: toCents(exact), items, unpriced };
}
