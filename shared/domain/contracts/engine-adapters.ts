import { WorkbenchError } from '../errors';
import type { Nanos } from '../money';
import type { PriceBook } from '../pricebook/book';
import { contextBandLabel } from '../pricebook/context-band';
import { firstDay, inForce, lastDay } from '../calendar';
import { providerChain, resolveModel } from '../pricebook/book';
import { listUnitPrice } from '../pricebook/unit-price';
import type { ServiceTier, UsageClass } from '../usage';
import { initialState, priceContractMonth } from './price-month';
import type { Contract, ContractMonth, ContractState, CreditGrant, InvoiceLineKind } from './types';
import { everyVersion } from './versions';

/**
 * Adapters from the price book and contracts to the scenario engine's two
 * small pricing interfaces (shared/engine/pricing.ts: RateCard and
 * ContractPricer). Declared structurally here so the domain does not depend
 * on the engine; a test checks they satisfy the engine's types.
 */

export interface EnginePriceKey {
  provider: string;
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  month: string;
  contextBand: string | null;
}

export interface EngineRateCard {
  unitPrice(key: EnginePriceKey): { nanos: Nanos; per: bigint; source?: string } | null;
  contextBands(provider: string, model: string, month: string): readonly { band: string; abovePromptTokens: number }[];
}

/** The price book as the engine's rate card: the list price in force on the month's first day, naming its row. */
export function priceBookRateCard(book: PriceBook): EngineRateCard {
  return {
    unitPrice(key) {
      const price = listUnitPrice(book, key);
      if (!price.ok) return null;
      return { nanos: price.nanosPerBlock, per: BigInt(price.blockSize), source: `price book row ${price.rowId}${price.multiplierId ? ` × ${price.multiplierId}` : ''}` };
    },
    contextBands(provider, model, month) {
      const id = resolveModel(book, provider, model);
      if (id === null) return [];
      const day = firstDay(month);
      const thresholds = new Set<number>();
      for (const p of providerChain(book, provider)) {
        for (const r of book.rows) {
          if (r.provider === p && r.model === id && r.contextAbove !== null && inForce(day, r.effectiveFrom, r.effectiveTo)) thresholds.add(r.contextAbove);
        }
        if (thresholds.size > 0) break;
      }
      return [...thresholds].sort((a, b) => a - b).map((t) => ({ band: contextBandLabel(t), abovePromptTokens: t }));
    },
  };
}

export interface EngineContractRequest {
  contract: string;
  provider: string;
  currency: string;
  months: { month: string; lines: { model: string; usageClass: UsageClass; serviceTier: ServiceTier; quantity: number; listCost: Nanos }[]; listTotal: Nanos }[];
}

export interface EngineContractMonth {
  month: string;
  total: Nanos;
  lines: { category: 'usage' | 'discount' | 'credit' | 'shortfall' | 'minimum_fee' | 'fee' | 'other'; description: string; amount: Nanos }[];
  commitment: { committed: Nanos; eligibleSpend: Nanos; shortfall: Nanos } | null;
  credits: { opening: Nanos; granted: Nanos; consumed: Nanos; forfeited: Nanos; closing: Nanos } | null;
}

const CATEGORY: Record<InvoiceLineKind, EngineContractMonth['lines'][number]['category']> = {
  usage: 'usage',
  discount: 'discount',
  volume_discount: 'discount',
  credit_applied: 'credit',
  credit_forfeited: 'credit',
  commitment_shortfall: 'shortfall',
  minimum_fee_topup: 'minimum_fee',
  provisioned_fee: 'fee',
};

function creditSummary(contract: Contract, result: ContractMonth, opening: ContractState): EngineContractMonth['credits'] {
  // Every grant any version made so far (a withdrawn one's balance still opens the month it is forfeited in).
  const grants = new Map<string, CreditGrant>();
  for (const v of everyVersion(contract)) for (const g of v.credits?.grants ?? []) if (!grants.has(g.id)) grants.set(g.id, g);
  if (grants.size === 0) return null;
  const start = firstDay(result.month);
  const end = lastDay(result.month);
  let open = 0n;
  let granted = 0n;
  let close = 0n;
  for (const g of grants.values()) {
    // A later version's grant counts from the first month it is in force.
    if (!(g.id in result.state.credits)) continue;
    if (g.start < start) open += opening.credits[g.id] ?? 0n;
    else if (g.start <= end) granted += g.amount;
    if (g.start <= end) close += result.state.credits[g.id] ?? 0n;
  }
  return { opening: open, granted, consumed: result.summary.creditsApplied, forfeited: result.summary.creditsForfeited, closing: close };
}

/** A priced contract month as the engine books it; `before` is the state the month started from. */
export function toEngineMonth(contract: Contract, result: ContractMonth, before: ContractState): EngineContractMonth {
  return {
    month: result.month,
    total: result.total,
    lines: result.lines.map((l) => ({ category: CATEGORY[l.kind], description: l.label, amount: l.amount })),
    commitment: result.commitment ? { committed: result.commitment.committed, eligibleSpend: result.commitment.eligible, shortfall: result.commitment.shortfall } : null,
    credits: creditSummary(contract, result, before),
  };
}

/**
 * The engine's contract pricer over the workspace's contracts: each request
 * is priced month by month from a fresh state at its first month (a
 * projection starts today), carrying credits, carry-over and annual totals
 * across its months. Usage is re-priced from the price book; the engine's
 * list costs are not needed.
 */
export function contractPricer(contracts: readonly Contract[], book: PriceBook): { priceMonths(request: EngineContractRequest): EngineContractMonth[] } {
  return {
    priceMonths(request) {
      const contract = contracts.find((c) => c.id === request.contract);
      if (!contract) throw new WorkbenchError('not_found', `no contract ${request.contract} in the workspace`, { field: 'contract' });
      if (contract.currency !== request.currency) {
        throw new WorkbenchError('bad_input', `mixed currencies: the scenario prices in ${request.currency} but contract ${contract.id} is in ${contract.currency}`, { file: contract.file, field: 'currency' });
      }
      let state: ContractState = initialState(contract);
      return request.months.map((m) => {
        const before = state;
        const result = priceContractMonth(
          contract,
          m.month,
          m.lines.map((l) => ({ provider: request.provider, model: l.model, usageClass: l.usageClass, serviceTier: l.serviceTier, quantity: l.quantity })),
          book,
          state.lastMonth === null ? null : state,
        );
        state = result.state;
        if (result.unpriced.length > 0) {
          const u = result.unpriced[0]!;
          throw new WorkbenchError('bad_input', `contract ${contract.id} cannot price ${u.item.model} ${u.item.usageClass} in ${m.month}: ${u.message}`, { file: contract.file });
        }
        return toEngineMonth(contract, result, before);
      });
    },
  };
}
