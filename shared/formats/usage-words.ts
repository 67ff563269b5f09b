/**
 * Usage class and service tier from a vendor's meter, SKU or line-item text,
 * for formats that carry no structured token type (Azure meters, Vertex SKU
 * descriptions, FOCUS rows without SkuPriceDetails). Structured fields win
 * wherever a format has them; these keyword rules are the fallback. The
 * rules themselves are data (rules/usage-rules.ts), shared with the SQL the
 * push-down compiler writes for warehouses.
 */
import type { ServiceTier, UsageClass } from '../domain/usage';
import { lookupWord, matchTextRules } from './rules/text-rules';
import { SERVICE_TIER_WORDS, SERVICE_TIER_WORD_TABLE, USAGE_CLASS_WORDS } from './rules/usage-rules';

/** The usage class a piece of billing text names, or null when it names none. */
export function usageClassFromText(text: string): UsageClass | null {
  return matchTextRules(USAGE_CLASS_WORDS, text);
}

/** The service tier a piece of billing text names; standard when it names none. */
export function serviceTierFromText(text: string): ServiceTier {
  return matchTextRules(SERVICE_TIER_WORDS, text) ?? 'standard';
}

/** A vendor's own tier word ("default", "scale", "auto", "batch") to ours. */
export function serviceTierFromWord(word: string | null | undefined): ServiceTier {
  return lookupWord(SERVICE_TIER_WORD_TABLE, word) ?? 'standard';
}
