import type { PriceRowWire } from './schema';
import { WorkbenchError } from '../errors';
import { nanosToDecimal, parseMoney, type Nanos } from '../money';
import { rowToWire, type PriceBook } from './book';
import { inForce, isIsoDate } from '../calendar';
import type { PriceRow } from './types';

/**
 * Edits a user makes to the price book. Each returns user rows (wire form) for
 * the workspace to store; the catalogue and supplement are never changed, so
 * a later catalogue update cannot silently undo an override.
 */

interface RowKeyFields {
  provider: string;
  model: string;
  usageClass: string;
  meter: string | null;
  serviceTier: string;
  contextAbove: number | null;
  region: string | null;
}

function userRowId(row: RowKeyFields, effectiveFrom: string | null): string {
  return `user:${row.provider}:${row.model}:${row.usageClass}${row.meter ? `/${row.meter}` : ''}:${row.serviceTier}:${row.contextAbove ?? 0}:${row.region ?? '*'}:${effectiveFrom ?? 'start'}`;
}

function requireDate(date: string, field: string): void {
  if (!isIsoDate(date)) throw new WorkbenchError('bad_input', `${field} must be a date such as 2026-03-01`, { field });
}

function priceText(price: Nanos | string, field: string): string {
  let nanos: Nanos;
  try {
    nanos = typeof price === 'bigint' ? price : parseMoney(price);
  } catch {
    throw new WorkbenchError('bad_input', `${field} must be a decimal number such as 2.50`, { field });
  }
  if (nanos < 0n) throw new WorkbenchError('bad_input', `${field} must not be negative`, { field });
  return nanosToDecimal(nanos, 0);
}

/** A new price for a row's key from a date on; the original row keeps pricing earlier dates. */
export function overridePrice(book: PriceBook, baseRowId: string, price: Nanos | string, effectiveFrom: string, note = ''): PriceRowWire {
  const base = book.byId.get(baseRowId);
  if (!base) throw new WorkbenchError('not_found', `no price row ${baseRowId}`, { field: 'baseRowId' });
  requireDate(effectiveFrom, 'effectiveFrom');
  return {
    ...rowToWire(base),
    id: userRowId(base, effectiveFrom),
    effectiveFrom,
    effectiveTo: base.effectiveTo !== null && base.effectiveTo > effectiveFrom ? base.effectiveTo : null,
    price: priceText(price, 'price'),
    source: 'user',
    note: note || `override of ${base.id} from ${effectiveFrom}`,
  };
}

/** A copy of one row with some fields changed, as a user row (e.g. the same price for a new region). */
export function cloneRow(book: PriceBook, rowId: string, changes: Partial<Omit<PriceRowWire, 'id' | 'source'>>): PriceRowWire {
  const base = book.byId.get(rowId);
  if (!base) throw new WorkbenchError('not_found', `no price row ${rowId}`, { field: 'rowId' });
  const wire = { ...rowToWire(base), ...changes };
  if (changes.price !== undefined) wire.price = priceText(changes.price, 'price');
  if (wire.effectiveFrom !== null) requireDate(wire.effectiveFrom, 'effectiveFrom');
  return { ...wire, id: userRowId(wire, wire.effectiveFrom), source: 'user', note: changes.note ?? `cloned from ${base.id}` };
}

export interface CloneModelInput {
  provider: string;
  fromModel: string;
  toModel: string;
  /** The day the new model's prices start; the source model's prices in force on that day are copied. */
  effectiveFrom: string;
  note?: string;
}

/**
 * Adds a new model by copying the prices of a similar one (about twenty new
 * models a quarter arrive before any catalogue has them). Copies every row of
 * the source model in force on the start day, for every class, tier, band and
 * region, including rows the provider inherits from a publisher it resells.
 */
export function cloneModel(book: PriceBook, input: CloneModelInput): PriceRowWire[] {
  requireDate(input.effectiveFrom, 'effectiveFrom');
  const to = input.toModel.trim();
  if (to === '' || to === '*') throw new WorkbenchError('bad_input', 'the new model needs an id', { field: 'toModel' });
  const sources = [input.provider, ...(book.providers.get(input.provider)?.fallbackProviders ?? [])];
  for (const provider of sources) {
    const rows = book.rows.filter((r) => r.provider === provider && r.model === input.fromModel && inForce(input.effectiveFrom, r.effectiveFrom, r.effectiveTo));
    if (rows.length === 0) continue;
    // Where a user row and a catalogue row share a key, copy only the winning one.
    const byKey = new Map<string, PriceRow>();
    const rank = { user: 0, supplement: 1, catalogue: 2 } as const;
    for (const r of rows) {
      const key = `${r.usageClass}|${r.meter}|${r.serviceTier}|${r.contextAbove}|${r.region}`;
      const prev = byKey.get(key);
      if (!prev || rank[r.source] < rank[prev.source] || (rank[r.source] === rank[prev.source] && (r.effectiveFrom ?? '') > (prev.effectiveFrom ?? ''))) byKey.set(key, r);
    }
    return [...byKey.values()].map((r) => {
      const copy = { ...r, provider: input.provider, model: to };
      return {
        ...rowToWire(copy),
        id: userRowId(copy, input.effectiveFrom),
        effectiveFrom: input.effectiveFrom,
        effectiveTo: null,
        source: 'user' as const,
        note: input.note || `new model ${to}: prices copied from ${provider} ${input.fromModel} (${r.id})`,
      };
    });
  }
  throw new WorkbenchError('not_found', `${input.provider} has no prices for ${input.fromModel} in force on ${input.effectiveFrom}`, { field: 'fromModel' });
}
