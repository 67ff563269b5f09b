import type Database from 'better-sqlite3';
import type { UnknownModel } from '../../../shared/api/pricing';
import { nanosToDecimal } from '../../../shared/domain/money';
import { resolveModel, type PriceBook } from '../../../shared/domain/pricebook/book';

interface Group {
  provider: string;
  model: string | null;
  model_raw: string | null;
  currency: string;
  lines: number;
  first: string;
  last: string;
  billed: string;
}

/**
 * Models in the ledger the price book cannot price. The ledger is grouped in
 * SQL first (one row per provider, spelling and currency), so each spelling
 * is resolved once however many lines carry it.
 */
export function unknownModels(db: Database.Database, book: PriceBook): UnknownModel[] {
  const groups = db
    .prepare(
      // Per month and kind on ledger_rows first, in the month × kind index's order (it covers the sums; "+kind_id"
      // keeps SQLite off the kind index, which would fetch every line at random), then per model and currency.
      `SELECT k.provider, k.model, k.model_raw, k.currency, sum(g.lines) AS lines, min(g.month) AS first, max(g.month) AS last, CAST(sum(g.billed) AS TEXT) AS billed
       FROM (SELECT month, kind_id, count(*) AS lines, sum(billed_cost) AS billed
               FROM ledger_rows
              WHERE +kind_id IN (SELECT id FROM ledger_kinds WHERE charge_category = 'usage' AND (model IS NOT NULL OR model_raw IS NOT NULL))
              GROUP BY month, kind_id) g
       JOIN ledger_kinds k ON k.id = g.kind_id
       GROUP BY k.provider, k.model, k.model_raw, k.currency`,
    )
    .all() as Group[];
  const out = new Map<string, UnknownModel & { nanos: bigint }>();
  for (const g of groups) {
    const name = (g.model ?? g.model_raw)!;
    if (resolveModel(book, g.provider, name) !== null) continue;
    if (g.model !== null && g.model_raw !== null && resolveModel(book, g.provider, g.model_raw) !== null) continue;
    const key = `${g.provider}|${name}|${g.currency}`;
    const entry = out.get(key) ?? { provider: g.provider, model: name, modelRaw: g.model_raw, lines: 0, firstMonth: g.first, lastMonth: g.last, billedCost: '0', currency: g.currency, nanos: 0n };
    entry.lines += g.lines;
    if (g.first < entry.firstMonth) entry.firstMonth = g.first;
    if (g.last > entry.lastMonth) entry.lastMonth = g.last;
    entry.nanos += BigInt(g.billed);
    out.set(key, entry);
  }
  return [...out.values()]
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model) || a.currency.localeCompare(b.currency))
    .map(({ nanos, ...u }) => ({ ...u, billedCost: nanosToDecimal(nanos) }));
}
