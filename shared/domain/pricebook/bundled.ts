import catalogue from '../../../data/prices/catalogue.json';
import supplement from '../../../data/prices/supplement.json';
import type { PriceRowWire } from './schema';
import { normaliseModelId } from '../model-ids';
import { createPriceBook, type PriceBook } from './book';
import type { ResolveModelId } from './types';

/**
 * The importers' model-id normaliser (shared/domain/model-ids.ts) as the
 * price book's resolver: a spelling the importers know resolves to the same
 * canonical id here as in the ledger, so both sides name a model alike.
 */
export const ledgerModelId: ResolveModelId = (provider, raw) => {
  const n = normaliseModelId(raw, { provider });
  return n.known ? n.modelId : null;
};

/**
 * The price book as shipped (dated catalogue + supplement) plus the
 * workspace's user rows. The data lives in data/prices/; importing this module
 * bundles it, so only code that prices needs to import it. Model spellings
 * resolve through the importers' normaliser unless another resolver is given.
 */
export function bundledPriceBook(options: { userRows?: readonly PriceRowWire[]; resolveModelId?: ResolveModelId } = {}): PriceBook {
  return createPriceBook({ catalogue, supplement, userRows: options.userRows ?? [], resolveModelId: options.resolveModelId ?? ledgerModelId });
}

/** The shipped data files, for callers that build books themselves (tests, the catalogue check). */
export const bundledPriceData = { catalogue: catalogue as unknown, supplement: supplement as unknown };
