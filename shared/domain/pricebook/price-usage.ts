import type { LedgerLine } from '../ledger-line';
import { priceQuantity, type Nanos } from '../money';
import type { ServiceTier, UsageClass } from '../usage';
import type { PriceBook } from './book';
import { dayOf } from './dates';
import { lookupPrice, type PriceLookup, type PriceQuery } from './lookup';

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

/** The list cost of a ledger line (for filling `listCost`), priced on the day its charge period starts. */
export function priceLedgerLine(book: PriceBook, line: Pick<LedgerLine, 'provider' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'region' | 'contextBand' | 'chargePeriodStart' | 'quantity'>, meter: string | null = null): PricedUsage {
  const model = line.model ?? line.modelRaw;
  if (model === null) return { ok: false, reason: 'unknown_model', model: null, message: 'the line names no model' };
  return priceUsage(book, {
    provider: line.provider,
    model,
    usageClass: line.usageClass,
    serviceTier: line.serviceTier,
    meter,
    region: line.region,
    date: dayOf(line.chargePeriodStart),
    contextBand: line.contextBand,
    quantity: line.quantity,
  });
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
