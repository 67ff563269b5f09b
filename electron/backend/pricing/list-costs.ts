import { instantTexts } from '../../../shared/domain/epoch';
import type Database from 'better-sqlite3';
import type { ListCostStatus } from '../../../shared/api/pricing';
import { priceQuantity } from '../../../shared/domain/money';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import type { ServiceTier, UsageClass } from '../../../shared/domain/usage';
import type { JobContext } from '../jobs/job-runner';
import { changed, commit } from '../workspace/commit';
import { LedgerKinds } from '../ledger/ledger-kinds';
import type { Workspace } from '../workspace/workspace';

/**
 * List cost where the vendor gave none, from the price book.
 *
 * Why materialise it in ledger_rows.list_cost (with list_cost_source =
 * 'price_book') rather than compute it in every query: the ledger's grid,
 * summaries and the board workbook all read one column and stay plain SQL;
 * the price of a line needs the dated price book (effective dates, context
 * bands, tier rules, reseller fallbacks), which SQL cannot apply exactly; and
 * each amount is computed once, exactly (quantity × price, one rounding to
 * nano-units), not re-derived per query. The vendor's own list cost is never
 * overwritten; our figures follow every price book edit; a line the price
 * book cannot price (unknown model) or whose quantity the statement did not
 * report keeps no list cost, never zero.
 *
 * Speed: one pass over the lines the price book may price, each (provider,
 * model, class, tier, region, band, currency, day) priced once; only lines
 * whose list cost changes are written, so a refill after a price edit costs
 * a read of the ledger plus the rows the edit really moves.
 */

export interface FillListCostsResult {
  /** Lines whose list cost was set or changed. */
  filled: number;
  /** Usage lines still without a list cost (unknown models, prices in another currency). */
  unpriced: number;
}

/** id, kind id, period start (epoch seconds), quantity, list cost, its source. */
type LineRow = [number, number, number, number | null, string | null, string | null];

/** The usage kinds, as a filter on ledger_rows ("+": on the rows' own order or index, not the kind index). */
const USAGE = `+l.kind_id IN (SELECT id FROM ledger_kinds WHERE charge_category = 'usage')`;

/** Lines the price book may price: usage the vendor gave no list cost for, or that the price book priced before. */
const OURS = `${USAGE} AND (l.list_cost_source = 'price_book' OR (l.list_cost_source IS NULL AND l.list_cost IS NULL))`;

/**
 * `importIds`: price only the lines of these imports (after an import: its
 * writer marked the vendor's list costs already, and no other line changed).
 */
export function fillListCosts(workspace: Workspace, book: PriceBook, job?: JobContext, scope: { importIds?: readonly number[] } = {}): FillListCostsResult {
  const db = workspace.db;
  const importIds = scope.importIds?.filter((id) => Number.isSafeInteger(id));
  const which = importIds === undefined ? OURS : `l.import_id IN (${importIds.join(', ') || 'NULL'}) AND ${USAGE} AND l.list_cost IS NULL AND l.list_cost_source IS NULL`;
  const result = commit(workspace, () => {
    job?.progress(0, 4, 'marking list costs the vendors gave');
    // Lines written before imports marked them (older workspaces); imports mark their own as they write.
    if (importIds === undefined) db.prepare("UPDATE ledger_rows SET list_cost_source = 'vendor' WHERE list_cost IS NOT NULL AND list_cost_source IS NULL").run();
    job?.throwIfCancelled();

    job?.progress(1, 4, 'reading the lines to price');
    // One pass over ledger_rows in id order, each line's kind from a map; each (provider, model, class, tier, region,
    // band, currency, day) is priced once.
    const kinds = new LedgerKinds(db);
    /** A kind's part of the price key (everything but the day), built once per kind. */
    const kindKeys = new Map<number, string>();
    const lines = db
      .prepare(
        `SELECT id, kind_id, charge_period_start AS day, quantity, CAST(list_cost AS TEXT) AS current, list_cost_source AS source
         FROM ledger_rows AS l WHERE ${which} ORDER BY id`,
      )
      .raw()
      .iterate() as IterableIterator<LineRow>;
    const prices = new Map<string, { price: bigint; per: bigint; borrowed: string | null } | null>();
    // Lines priced at a publisher's price the reseller does not list, by model and class: shown in the price status.
    const borrowed = new Map<string, { provider: string; model: string; usageClass: string; from: string; scope: 'model' | 'usage_class'; lines: number }>();
    const ids: number[] = [];
    const costs: (bigint | null)[] = [];
    let read = 0;
    // The period is epoch seconds (migration 014): each distinct instant's day is made once.
    const dayText = instantTexts('day');
    for (const [id, kindId, start, quantity, current, source] of lines) {
      read += 1;
      const day = dayText(start);
      const { provider, model, modelRaw, usageClass, serviceTier, region, contextBand: band, currency } = kinds.get(kindId);
      let kindKey = kindKeys.get(kindId);
      if (kindKey === undefined) kindKeys.set(kindId, (kindKey = `${provider}|${model}|${modelRaw}|${usageClass}|${serviceTier}|${region}|${band}|${currency}|`));
      const key = kindKey + day;
      let price = prices.get(key);
      if (price === undefined) {
        const name = model ?? modelRaw;
        const found =
          name === null
            ? null
            : lookupPrice(book, { provider, model: name, usageClass: usageClass as UsageClass, serviceTier: serviceTier as ServiceTier, region, date: day, contextBand: band });
        // A price in another currency is not this line's list cost.
        const ok = found?.ok && found.currency === currency ? found : null;
        let borrowedKey: string | null = null;
        if (ok?.borrowed) {
          borrowedKey = `${provider}|${ok.model}|${usageClass}|${ok.borrowed.from}|${ok.borrowed.scope}`;
          if (!borrowed.has(borrowedKey)) borrowed.set(borrowedKey, { provider, model: ok.model, usageClass, from: ok.borrowed.from, scope: ok.borrowed.scope, lines: 0 });
        }
        price = ok ? { price: ok.price, per: BigInt(ok.per), borrowed: borrowedKey } : null;
        prices.set(key, price);
      }
      if (price?.borrowed && quantity !== null) borrowed.get(price.borrowed)!.lines += 1;
      // No quantity reported: the list cost is unknown, never the price of zero tokens.
      const cost = price === null || quantity === null ? null : priceQuantity(quantity, price.price, price.per);
      const unchanged = cost === null ? current === null : current !== null && source === 'price_book' && BigInt(current) === cost;
      if (unchanged) continue;
      ids.push(id);
      costs.push(cost);
    }
    job?.throwIfCancelled();

    job?.progress(2, 4, `writing ${ids.length.toLocaleString('en-US')} list costs (${read.toLocaleString('en-US')} lines read, ${prices.size.toLocaleString('en-US')} prices looked up)`);
    const update = db.prepare('UPDATE ledger_rows SET list_cost = ?, list_cost_source = ? WHERE id = ?');
    for (let i = 0; i < ids.length; i++) {
      const cost = costs[i]!;
      update.run(cost, cost === null ? null : 'price_book', ids[i]!);
      if ((i & 0xffff) === 0) job?.throwIfCancelled();
    }
    const filled = ids.length;
    job?.progress(3, 4, 'counting');
    const unpriced = (db.prepare(`SELECT count(*) AS n FROM ledger_rows AS l WHERE l.list_cost IS NULL AND ${USAGE}`).get() as { n: number }).n;
    workspace.setMeta('list_costs_filled_at', `${new Date().toISOString()} (catalogue ${book.info.catalogueAsOf})`);
    workspace.setMeta('list_costs_borrowed', JSON.stringify([...borrowed.values()].filter((b) => b.lines > 0)));
    return changed({ filled, unpriced }, 'pricing.listCostsFilled', { filled, unpriced, catalogueAsOf: book.info.catalogueAsOf, userRows: book.info.userRows });
  });
  job?.progress(4, 4, 'list costs filled');
  return result;
}

export function listCostStatus(db: Database.Database, filledAt: string | null, borrowedJson: string | null = null): ListCostStatus {
  const row = db
    .prepare(
      `SELECT coalesce(sum(l.list_cost IS NOT NULL AND coalesce(l.list_cost_source, 'vendor') = 'vendor'), 0) AS vendor,
              coalesce(sum(l.list_cost_source = 'price_book'), 0) AS price_book,
              coalesce(sum(l.list_cost IS NULL AND ${USAGE}), 0) AS missing,
              coalesce(sum(l.list_cost IS NULL AND ${USAGE} AND l.quantity IS NULL), 0) AS without_quantity
       FROM ledger_rows AS l`,
    )
    .get() as { vendor: number; price_book: number; missing: number; without_quantity: number };
  const borrowed = borrowedJson ? (JSON.parse(borrowedJson) as ListCostStatus['borrowed']) : [];
  return { vendor: row.vendor, priceBook: row.price_book, missing: row.missing, withoutQuantity: row.without_quantity, filledAt, borrowed };
}
