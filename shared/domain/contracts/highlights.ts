import { CONTRACT_TERM_KEYS, describeTerms } from './terms';
import type { Contract } from './types';

/** % discounts lead, as procurement reads a contract; then the file's order of terms. */
const ORDER = ['discounts' as const, ...CONTRACT_TERM_KEYS.filter((k) => k !== 'discounts')];

/** A contract's terms in a few words each, for lists ("15% off list", "$500.00 a month committed, take-or-pay"); each term's module words its own. */
export function contractHighlights(c: Contract): string[] {
  return describeTerms(c, ORDER);
}
