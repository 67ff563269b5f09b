import type { z } from 'zod';
import type { PriceRowListed, PriceRowQuery } from '../../../shared/api/pricing';
import { rowToWire, type PriceBook } from '../../../shared/domain/pricebook/book';
import { inForce } from '../../../shared/domain/calendar';
import type { PriceRow } from '../../../shared/domain/pricebook/types';
import { needsVerification } from '../../../shared/domain/pricebook/verify';
import { USAGE_CLASSES, SERVICE_TIERS } from '../../../shared/domain/usage';

type Query = z.output<typeof PriceRowQuery>;

function sameKey(r: PriceRow): string {
  return [r.provider, r.model, r.usageClass, r.meter ?? '', r.serviceTier, r.contextAbove ?? '', r.region ?? ''].join('|');
}

const classOrder = (c: string): number => (USAGE_CLASSES as readonly string[]).indexOf(c);
const tierOrder = (t: string): number => (SERVICE_TIERS as readonly string[]).indexOf(t);

/**
 * Price book rows for the view: filtered, sorted (provider, model, class,
 * tier, band, date) and paged, each with whether it rests on a secondary
 * source and from when a user row takes over from it.
 */
export function queryPriceRows(book: PriceBook, q: Query): { rows: PriceRowListed[]; total: number } {
  const search = q.search?.trim().toLowerCase() ?? '';
  const matches = book.rows.filter(
    (r) =>
      (q.provider === undefined || r.provider === q.provider) &&
      (q.model === undefined || r.model === q.model) &&
      (q.usageClass === undefined || r.usageClass === q.usageClass) &&
      (q.serviceTier === undefined || r.serviceTier === q.serviceTier) &&
      (q.source === undefined || r.source === q.source) &&
      (q.asOf === undefined || inForce(q.asOf, r.effectiveFrom, r.effectiveTo)) &&
      (search === '' || `${r.provider} ${r.model} ${r.id} ${r.note}`.toLowerCase().includes(search)),
  );
  matches.sort(
    (a, b) =>
      a.provider.localeCompare(b.provider) ||
      a.model.localeCompare(b.model) ||
      classOrder(a.usageClass) - classOrder(b.usageClass) ||
      (a.meter ?? '').localeCompare(b.meter ?? '') ||
      tierOrder(a.serviceTier) - tierOrder(b.serviceTier) ||
      (a.contextAbove ?? -1) - (b.contextAbove ?? -1) ||
      (a.region ?? '').localeCompare(b.region ?? '') ||
      (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? '') ||
      a.id.localeCompare(b.id),
  );
  // A user row of the same key starting later takes over from that day on.
  const userStarts = new Map<string, string[]>();
  for (const r of book.rows) {
    if (r.source !== 'user' || r.effectiveFrom === null) continue;
    const list = userStarts.get(sameKey(r)) ?? [];
    list.push(r.effectiveFrom);
    userStarts.set(sameKey(r), list);
  }
  const page = matches.slice(q.offset, q.offset + q.limit).map((row) => {
    const starts = (userStarts.get(sameKey(row)) ?? []).filter((d) => row.effectiveFrom === null || d > row.effectiveFrom).sort();
    return { row: rowToWire(row), verify: needsVerification(row), overriddenFrom: starts[0] ?? null };
  });
  return { rows: page, total: matches.length };
}
