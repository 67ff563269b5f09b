import type { UsageClass } from '../usage';
import { providerChain, type PriceBook } from './book';

/** A usage class a reseller lists no price for, priced from the same model at the publisher (and marked so wherever it prices a line). */
export interface BorrowedRow {
  provider: string;
  model: string;
  usageClass: UsageClass;
  meter: string | null;
  from: string;
  fromModel: string;
  /** The publisher's row the price comes from (its latest standard base-band row). */
  rowId: string;
}

/** A reseller model that shares its name with a publisher's different model: nothing is borrowed between them. */
export interface SharedName {
  provider: string;
  model: string;
  publisher: string;
  /** Why they are different models (the catalogue build's finding). */
  why: string;
}

export interface Borrowing {
  borrowed: BorrowedRow[];
  sharedNames: SharedName[];
}

/**
 * Where the price book borrows a publisher's price for a reseller, listed up
 * front so an auditor sees every such price before any line uses it: each
 * standard-tier usage class (and meter) the publisher prices for a model the
 * catalogue records as the same model, which the reseller itself does not
 * price. And the names resellers share with a publisher's different model,
 * where nothing is borrowed. Whole models a reseller does not list at all are
 * priced from the publisher's list by spelling (marked `model` on each
 * lookup); they are not enumerable here, since any spelling may arrive.
 */
export function borrowingOf(book: PriceBook): Borrowing {
  const borrowed: BorrowedRow[] = [];
  for (const info of book.models) {
    const link = info.publisherModel;
    if (link === null || !providerChain(book, info.provider).includes(link.provider)) continue;
    const own = new Set(book.rows.filter((r) => r.provider === info.provider && r.model === info.model && r.serviceTier === 'standard').map((r) => `${r.usageClass}|${r.meter ?? ''}`));
    const theirs = book.rows.filter((r) => r.provider === link.provider && r.model === link.model && r.serviceTier === 'standard' && r.contextAbove === null);
    const seen = new Set<string>();
    for (const r of [...theirs].sort((a, b) => (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''))) {
      const key = `${r.usageClass}|${r.meter ?? ''}`;
      if (own.has(key) || seen.has(key)) continue;
      seen.add(key);
      borrowed.push({ provider: info.provider, model: info.model, usageClass: r.usageClass, meter: r.meter, from: link.provider, fromModel: link.model, rowId: r.id });
    }
  }
  borrowed.sort((a, b) => `${a.provider}|${a.model}|${a.usageClass}|${a.meter ?? ''}`.localeCompare(`${b.provider}|${b.model}|${b.usageClass}|${b.meter ?? ''}`));
  const sharedNames: SharedName[] = book.models
    .filter((m) => m.sharesNameWith !== null && providerChain(book, m.provider).includes(m.sharesNameWith.provider))
    .map((m) => ({ provider: m.provider, model: m.model, publisher: m.sharesNameWith!.provider, why: m.sharesNameWith!.why }));
  return { borrowed, sharedNames };
}
