import type { PriceRow, TierMultiplier } from './types';

/**
 * Supplement rows and tier rules whose note says "verify" rest on secondary
 * sources (data/prices/README.md). Wherever such a row prices something the
 * UI shows its note, so nobody negotiates on a number nobody checked.
 */
export function needsVerification(row: Pick<PriceRow, 'source' | 'note'> | Pick<TierMultiplier, 'note'>): boolean {
  if ('source' in row && row.source !== 'supplement') return false;
  return /\bverify\b/i.test(row.note);
}
