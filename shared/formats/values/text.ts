/**
 * Small text helpers shared by the format modules.
 */
import { providerKey } from '../../domain/provider-names';

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

const slugCache = new Map<string, string>();

/** A provider's name as the ledger spells it (shared/domain/provider-names.ts), cached: an import asks it for every row. */
export function providerSlug(name: string): string {
  let hit = slugCache.get(name);
  if (hit !== undefined) return hit;
  hit = providerKey(name);
  if (slugCache.size > 1000) slugCache.clear();
  slugCache.set(name, hit);
  return hit;
}

/** Shortens a value for a rejection message. */
export function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
