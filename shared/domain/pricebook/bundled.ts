import catalogue from '../../../data/prices/catalogue.json';
import supplement from '../../../data/prices/supplement.json';
import type { PriceRowWire } from '../../api/pricing';
import { createPriceBook, type PriceBook } from './book';
import type { ResolveModelId } from './types';

/**
 * The price book as shipped (dated catalogue + supplement) plus the
 * workspace's user rows. The data lives in data/prices/; importing this module
 * bundles it, so only code that prices needs to import it.
 */
export function bundledPriceBook(options: { userRows?: readonly PriceRowWire[]; resolveModelId?: ResolveModelId } = {}): PriceBook {
  return createPriceBook({ catalogue, supplement, ...options });
}

/** The shipped data files, for callers that build books themselves (tests, the catalogue check). */
export const bundledPriceData = { catalogue: catalogue as unknown, supplement: supplement as unknown };
