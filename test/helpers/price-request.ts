/**
 * Prices usage the way a vendor bills a request, straight from the price
 * book's lookup: the tests' bridge for checking the price book against the
 * catalogue package's own calculator and hand-computed goldens. The app
 * prices through list-costs (ledger) and the engine's rate card instead.
 */
import { priceQuantity, type Nanos } from '../../shared/domain/money';
import type { PriceBook } from '../../shared/domain/pricebook/book';
import { lookupPrice, type PriceLookup, type PriceQuery } from '../../shared/domain/pricebook/lookup';
import type { ServiceTier, UsageClass } from '../../shared/domain/usage';

export interface UsageToPrice extends PriceQuery {
  /** In the row's unit (tokens are single tokens). */
  quantity: number | string | bigint;
}

export type PricedUsage = (Extract<PriceLookup, { ok: true }> & { cost: Nanos }) | Extract<PriceLookup, { ok: false }>;

/** Quantity × list price, exact, rounded once to nano-units; failures say why instead of pricing at zero. */
export function priceUsage(book: PriceBook, usage: UsageToPrice): PricedUsage {
  const found = lookupPrice(book, usage);
  if (!found.ok) return found;
  return { ...found, cost: priceQuantity(usage.quantity, found.price, BigInt(found.per)) };
}

export type TokenCounts = Partial<Record<'input' | 'cached_input' | 'cache_write_5m' | 'cache_write_1h' | 'output', number>>;

export interface RequestToPrice {
  provider: string;
  model: string;
  serviceTier?: ServiceTier;
  region?: string | null;
  date: string;
  /** Tokens of one request by usage class; `input` is the uncached input only. */
  tokens: TokenCounts;
}

export interface PricedRequest {
  /** Sum of the priced classes; null when any class with tokens could not be priced. */
  total: Nanos | null;
  /** Prompt size that chose the context band: uncached + cache reads + cache writes. */
  promptTokens: number;
  lines: { usageClass: UsageClass; quantity: number; result: PricedUsage }[];
}

/**
 * Prices one request. The context band is chosen once for the whole request
 * from its prompt size, so a 250k-token prompt bills its output at the
 * long-context rate too.
 */
export function priceRequest(book: PriceBook, req: RequestToPrice): PricedRequest {
  const t = req.tokens;
  const promptTokens = (t.input ?? 0) + (t.cached_input ?? 0) + (t.cache_write_5m ?? 0) + (t.cache_write_1h ?? 0);
  const lines: PricedRequest['lines'] = [];
  let total: Nanos | null = 0n;
  for (const usageClass of ['input', 'cached_input', 'cache_write_5m', 'cache_write_1h', 'output'] as const) {
    const quantity = t[usageClass] ?? 0;
    if (quantity === 0) continue;
    const result = priceUsage(book, {
      provider: req.provider,
      model: req.model,
      usageClass,
      serviceTier: req.serviceTier ?? 'standard',
      region: req.region ?? null,
      date: req.date,
      promptTokens,
      quantity,
    });
    lines.push({ usageClass, quantity, result });
    total = result.ok && total !== null ? total + result.cost : null;
  }
  return { total, promptTokens, lines };
}
