import { CONTRACT_TERM_KEYS, describeTerms } from './terms';
import type { Contract } from './types';

/** % discounts lead, as procurement reads a contract; then the file's order of terms. */
const ORDER = ['discounts' as const, ...CONTRACT_TERM_KEYS.filter((k) => k !== 'discounts')];

/** A contract's terms in a few words each, for lists ("15% off list", "$500.00 a month committed, take-or-pay"); each term's module words its own. */
export function contractHighlights(c: Contract): string[] {
  return describeTerms(c, ORDER);
}

export interface VersionSummary {
  number: number;
  effectiveFrom: string;
  reason: string;
  /** The term's end once this version is in force. */
  end: string;
  /** The terms it changes, in a few words each, and the credits it withdraws. */
  changes: string[];
}

/** Each dated version of a contract as a term sheet lists it: from when, why, until when, and what it changes. */
export function versionSummaries(c: Contract): VersionSummary[] {
  return (c.versions ?? []).map((v) => {
    const own = v.terms.credits ? { ...v.terms.credits, grants: v.terms.credits.grants.filter((g) => g.where.startsWith(`${v.where}.`)) } : null;
    const terms: Contract = { ...c, ...v.terms, credits: own && own.grants.length > 0 ? own : null };
    const changed = ORDER.filter((k) => v.changes.includes(k));
    const words = describeTerms(terms, changed);
    const dropped = changed.filter((k) => k !== 'credits' && (terms[k] === null || (Array.isArray(terms[k]) && (terms[k] as unknown[]).length === 0))).map((k) => `no ${k.replace(/([A-Z])/g, ' $1').toLowerCase()}`);
    const withdrawn = v.withdrawCredits.map((id) => `withdraws credit ${id} (its balance forfeited)`);
    return { number: v.number, effectiveFrom: v.effectiveFrom, reason: v.reason, end: v.end, changes: [...words, ...dropped, ...withdrawn] };
  });
}
