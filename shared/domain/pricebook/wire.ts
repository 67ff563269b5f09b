import type { PriceLookupResult } from './schema';
import { nanosToDecimal } from '../money';
import { describeLookup, type PriceLookup } from './lookup';
import { needsVerification } from './verify';

/** A lookup as the API sends it: the price as decimal text, the row that priced it and its source note. */
export function priceLookupToWire(result: PriceLookup): PriceLookupResult {
  if (!result.ok) return { ok: false, reason: result.reason, message: result.message };
  const verify = needsVerification(result.row) || (result.multiplier !== null && needsVerification(result.multiplier));
  const note = result.multiplier ? `${result.row.note} — ${result.multiplier.note}` : result.row.note;
  return {
    ok: true,
    model: result.model,
    rowId: result.row.id,
    multiplierId: result.multiplier?.id ?? null,
    pricedAsProvider: result.pricedAsProvider,
    borrowed: result.borrowed,
    price: nanosToDecimal(result.price, 2),
    per: result.per,
    unit: result.unit,
    currency: result.currency,
    contextAbove: result.contextAbove,
    description: describeLookup(result),
    source: result.row.source,
    note,
    verify,
  };
}
