import { nanosToNumber, type Nanos } from '../money';
import type { ServiceTier, UsageClass } from '../usage';
import type { PriceBook } from './book';
import { firstDay } from '../calendar';
import { lookupPrice, type PriceLookupFailure } from './lookup';
import type { PriceUnit } from './types';

/**
 * The scenario engine's view of the price book: one list price per unit for
 * a projected month (adapted to the engine's RateCard in
 * shared/domain/contracts/engine-adapters.ts).
 */
export interface UnitPriceQuery {
  provider: string;
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  /** "2026-03": the price in force on the month's first day is used. */
  month: string;
  /** A band label ("200k-1M", ">200k") or null for the base band. */
  contextBand?: string | null;
  meter?: string | null;
  region?: string | null;
}

export type UnitPrice =
  | {
      ok: true;
      model: string;
      /** Exact price of one block, in nano-units of `currency`. */
      nanosPerBlock: Nanos;
      /** Units per block (1,000,000 for per-1M-token prices). */
      blockSize: number;
      unit: PriceUnit;
      /** Currency units per single unit, as a float for projections (never for sums of record). */
      perUnit: number;
      currency: string;
      rowId: string;
      multiplierId: string | null;
    }
  | { ok: false; reason: PriceLookupFailure; message: string };

export function listUnitPrice(book: PriceBook, q: UnitPriceQuery): UnitPrice {
  const found = lookupPrice(book, {
    provider: q.provider,
    model: q.model,
    usageClass: q.usageClass,
    serviceTier: q.serviceTier,
    meter: q.meter ?? null,
    region: q.region ?? null,
    date: firstDay(q.month),
    contextBand: q.contextBand ?? null,
  });
  if (!found.ok) return { ok: false, reason: found.reason, message: found.message };
  return {
    ok: true,
    model: found.model,
    nanosPerBlock: found.price,
    blockSize: found.per,
    unit: found.unit,
    perUnit: nanosToNumber(found.price) / found.per,
    currency: found.currency,
    rowId: found.row.id,
    multiplierId: found.multiplier?.id ?? null,
  };
}
