/**
 * Small text helpers shared by the format modules.
 */

/** Blank cells and the spellings vendors use for "nothing" become null. */
export function blankToNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text === '') return null;
  // Most cells are neither padded nor a "null" spelling: answer those without trimming.
  const first = text.charCodeAt(0);
  if (first > 32 && text.charCodeAt(text.length - 1) > 32 && first !== 110 && first !== 78) return text;
  const t = text.trim();
  if (t === '' || t === 'null' || t === 'NULL' || t === 'None') return null;
  return t;
}

const PROVIDER_SLUGS: [RegExp, string][] = [
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
const slugCache = new Map<string, string>();

/**
 * A provider's name as the ledger spells it: the well-known vendors get their
 * short slug ("Amazon Web Services" → "aws", "Microsoft" → "azure"); anyone
 * else keeps their own name, lower-cased.
 */
export function providerSlug(name: string): string {
  let hit = slugCache.get(name);
  if (hit !== undefined) return hit;
  const t = name.trim();
  hit = t.toLowerCase();
  for (const [pattern, slug] of PROVIDER_SLUGS) {
    if (pattern.test(t)) {
      hit = slug;
      break;
    }
  }
  if (slugCache.size > 1000) slugCache.clear();
  slugCache.set(name, hit);
  return hit;
}

/** Shortens a value for a rejection message. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
