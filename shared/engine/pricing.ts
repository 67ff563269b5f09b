/**
 * How the engine learns prices. It never reads the price book or contracts
 * itself: the caller hands it a RateCard (list prices) and, for contract
 * levers naming a workspace contract, a ContractPricer. The price book and
 * stored contracts are adapted to these two small interfaces by
 * shared/domain/contracts/engine-adapters.ts; tests and scenario files may
 * use inline prices.
 */
import type { ModelPrice } from './schema';
import { multiplyMoney, parseMoney, type Nanos } from '../domain/money';
import type { ServiceTier, UsageClass } from '../domain/usage';
import { monthNumber } from '../domain/calendar';
import type { ResolvedOffer } from './offer';

export interface PriceKey {
  provider: string;
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  /** "2027-03": the price in force in that month. */
  month: string;
  /** Long-context band, null for the base band. */
  contextBand: string | null;
}

/** A price of `nanos` for `per` units: $2.50 per million tokens is { nanos: 2_500_000_000n, per: 1_000_000n }. */
export interface UnitPrice {
  nanos: Nanos;
  per: bigint;
  /** Which row priced it, for traceability. */
  source?: string;
}

/** Once a request's prompt has more than `abovePromptTokens` tokens, every token of it bills at `band`'s prices. */
export interface ContextBand {
  band: string;
  abovePromptTokens: number;
}

export interface RateCard {
  /** The list price, or null when the card has none (the engine then refuses rather than price at zero). */
  unitPrice(key: PriceKey): UnitPrice | null;
  /** The model's long-context bands in a month, if it has any. */
  contextBands?(provider: string, model: string, month: string): readonly ContextBand[];
}

/** One provider's usage in one month as list-priced by the engine, for a contract to re-price. */
export interface ContractUsageLine {
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  quantity: number;
  listCost: Nanos;
}

export interface ContractMonthUsage {
  month: string;
  lines: ContractUsageLine[];
  listTotal: Nanos;
}

export interface ContractInvoiceLine {
  category: 'usage' | 'discount' | 'credit' | 'shortfall' | 'minimum_fee' | 'fee' | 'other';
  description: string;
  amount: Nanos;
}

export interface ContractMonthPrice {
  month: string;
  /** What the invoice comes to for this usage under the contract (the engine books total − list as the contract adjustment). */
  total: Nanos;
  lines: ContractInvoiceLine[];
  commitment: { committed: Nanos; eligibleSpend: Nanos; shortfall: Nanos } | null;
  credits: { opening: Nanos; granted: Nanos; consumed: Nanos; forfeited: Nanos; closing: Nanos } | null;
}

export interface ContractPriceRequest {
  contract: string;
  provider: string;
  currency: string;
  /** Consecutive months in order; state (credits, carry-over, annual commitments) runs across them. */
  months: ContractMonthUsage[];
}

/** A workspace contract in the engine's own offer form, in force from one month to another (inclusive). */
export interface ContractAsOffer {
  offer: ResolvedOffer;
  from: string;
  to: string;
  /** An amended or renewed contract's earlier versions, each an offer in force for its months, in date order (the offer above is the last version's). */
  before?: { offer: ResolvedOffer; from: string; to: string }[];
}

export interface ContractPricer {
  priceMonths(request: ContractPriceRequest): ContractMonthPrice[];
  /**
   * The same terms as an offer the engine prices itself, when they fit that
   * form (a flat % off, a monthly take-or-pay commitment, a minimum fee,
   * credits of any kind: contract-offer.ts lists what fits):
   * Monte Carlo draws then skip the full contract pricing, which re-prices
   * every line from the price book. Checked against priceMonths on the base
   * inputs before it is used; null when the contract does not fit.
   */
  asOffer?(contract: string, provider: string, currency: string): ContractAsOffer | null;
}

function moneyText(value: string | number): Nanos {
  return parseMoney(String(value));
}

const TOKEN_FIELDS: Partial<Record<UsageClass, keyof ModelPrice>> = {
  input: 'input',
  output: 'output',
  cached_input: 'cachedInput',
  cache_write_5m: 'cacheWrite5m',
  cache_write_1h: 'cacheWrite1h',
};

/**
 * A rate card from prices written in a scenario file (or a test). Tier prices
 * are the standard price times the row's tier multiplier; a tier without a
 * multiplier has no price.
 */
export function inlineRateCard(rows: readonly ModelPrice[]): RateCard {
  const byModel = new Map<string, ModelPrice[]>();
  for (const row of rows) {
    const key = `${row.provider}/${row.model}`;
    byModel.set(key, [...(byModel.get(key) ?? []), row]);
  }
  return {
    unitPrice(key: PriceKey): UnitPrice | null {
      if (key.contextBand !== null) return null;
      const month = monthNumber(key.month);
      const row = (byModel.get(`${key.provider}/${key.model}`) ?? []).find(
        (r) => (r.from === undefined || monthNumber(r.from) <= month) && (r.to === undefined || month <= monthNumber(r.to)),
      );
      if (!row) return null;
      let multiplier: number | undefined = 1;
      if (key.serviceTier === 'provisioned') return null;
      if (key.serviceTier !== 'standard') multiplier = row.tiers?.[key.serviceTier];
      if (multiplier === undefined) return null;
      const field = TOKEN_FIELDS[key.usageClass];
      let price: Nanos;
      let per: bigint;
      if (field !== undefined) {
        const text = row[field] as string | number | undefined;
        if (text === undefined) return null;
        price = moneyText(text);
        per = BigInt(row.per ?? 1_000_000);
      } else {
        const text = row.perUnit?.[key.usageClass as 'request'];
        if (text === undefined) return null;
        price = moneyText(text);
        per = 1n;
      }
      const nanos = multiplier === 1 ? price : multiplyMoney(price, multiplier);
      return { nanos, per, source: `scenario prices: ${key.provider}/${key.model}${row.note ? ` (${row.note})` : ''}` };
    },
  };
}

/** The first card that knows a price answers (scenario prices first, then the workspace price book). */
export function layeredRateCard(...cards: readonly RateCard[]): RateCard {
  return {
    unitPrice(key: PriceKey): UnitPrice | null {
      for (const card of cards) {
        const price = card.unitPrice(key);
        if (price) return price;
      }
      return null;
    },
    contextBands(provider: string, model: string, month: string): readonly ContextBand[] {
      for (const card of cards) {
        const bands = card.contextBands?.(provider, model, month);
        if (bands && bands.length > 0) return bands;
      }
      return [];
    },
  };
}

export const EMPTY_RATE_CARD: RateCard = { unitPrice: () => null };
