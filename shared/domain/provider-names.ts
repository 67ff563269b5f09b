/**
 * How the ledger spells a provider or a publisher: the well-known vendors by
 * their short slug ("Amazon Web Services" and "Amazon" → "aws", "Microsoft"
 * → "azure"), anyone else by their own name, trimmed and lower-cased. The
 * importers write the ledger's provider and publisher with it (through
 * shared/formats/values/text.ts's cached providerSlug), and a contract's
 * publisher-scoped credit matches names with it, so "Anthropic", "anthropic"
 * and the ledger's "anthropic" are one publisher.
 */
export const PROVIDER_SLUGS: readonly (readonly [RegExp, string])[] = [
  [/^(openai|open ai)\b/i, 'openai'],
  [/^anthropic\b/i, 'anthropic'],
  [/^(aws|amazon web services|amazon)\b/i, 'aws'],
  [/^(microsoft|azure)\b/i, 'azure'],
  [/^(google|gcp|google cloud)\b/i, 'google'],
  [/^mistral/i, 'mistral'],
  [/^cohere\b/i, 'cohere'],
  [/^(x\.?ai|xai)\b/i, 'xai'],
  [/^deepseek\b/i, 'deepseek'],
  [/^meta\b/i, 'meta'],
  [/^openrouter\b/i, 'openrouter'],
];

/** A provider's or publisher's name as the ledger spells it (uncached; the importers' providerSlug caches it). */
export function providerKey(name: string): string {
  const t = name.trim();
  for (const [pattern, slug] of PROVIDER_SLUGS) if (pattern.test(t)) return slug;
  return t.toLowerCase();
}
