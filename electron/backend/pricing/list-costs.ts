import type Database from 'better-sqlite3';
import type { ListCostStatus } from '../../../shared/api/pricing';
import { priceQuantity } from '../../../shared/domain/money';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import type { ServiceTier, UsageClass } from '../../../shared/domain/usage';
import type { JobContext } from '../jobs/job-runner';
import type { Workspace } from '../workspace/workspace';

/**
 * List cost where the vendor gave none, from the price book.
 *
 * Why materialise it in ledger_lines.list_cost (with list_cost_source =
 * 'price_book') rather than compute it in every query: the ledger's grid,
 * summaries and the board workbook all read one column and stay plain SQL;
 * the price of a line needs the dated price book (effective dates, context
 * bands, tier rules, reseller fallbacks), which SQL cannot apply exactly; and
 * each amount is computed once, exactly (quantity × price, one rounding to
 * nano-units), not re-derived per query. The vendor's own list cost is never
 * overwritten; our figures are refilled after every price book edit; a line
 * the price book cannot price (unknown model) keeps no list cost, never zero.
 *
 * Speed: the lines are grouped by (provider, model, class, tier, region,
 * band, currency, day) first, each group is priced once, and one UPDATE joins
 * the group prices back (integer arithmetic in SQLite where the price per
 * unit is a whole number of nano-units, which holds for token prices).
 */

export interface FillListCostsResult {
  filled: number;
  unpriced: number;
}

interface KeyRow {
  provider: string;
  model: string | null;
  model_raw: string | null;
  usage_class: string;
  service_tier: string;
  region: string | null;
  context_band: string | null;
  currency: string;
  day: string;
}

/** The group key columns, compared null-safe (IS) where they may be NULL. */
const JOIN = `l.provider = p.provider AND l.model IS p.model AND l.model_raw IS p.model_raw AND l.usage_class = p.usage_class
  AND l.service_tier = p.service_tier AND l.region IS p.region AND l.context_band IS p.context_band AND l.currency = p.currency
  AND substr(l.charge_period_start, 1, 10) = p.day`;

/** Below this a product of two integers cannot overflow SQLite's 64-bit integers. */
const SAFE_PRODUCT = 4e18;

export function fillListCosts(workspace: Workspace, book: PriceBook, job?: JobContext): FillListCostsResult {
  const db = workspace.db;
  const result = db.transaction(() => {
    job?.progress(0, 4, 'marking list costs the vendors gave');
    db.prepare("UPDATE ledger_lines SET list_cost_source = 'vendor' WHERE list_cost IS NOT NULL AND list_cost_source IS NULL").run();
    db.prepare("UPDATE ledger_lines SET list_cost = NULL, list_cost_source = NULL WHERE list_cost_source = 'price_book'").run();
    job?.throwIfCancelled();

    job?.progress(1, 4, 'pricing the ledger’s models, classes and days');
    const keys = db
      .prepare(
        `SELECT provider, model, model_raw, usage_class, service_tier, region, context_band, currency, substr(charge_period_start, 1, 10) AS day
         FROM ledger_lines WHERE list_cost IS NULL AND charge_category = 'usage' AND (model IS NOT NULL OR model_raw IS NOT NULL)
         GROUP BY provider, model, model_raw, usage_class, service_tier, region, context_band, currency, day`,
      )
      .all() as KeyRow[];
    db.exec(`DROP TABLE IF EXISTS temp.list_prices;
      CREATE TEMP TABLE list_prices (provider TEXT, model TEXT, model_raw TEXT, usage_class TEXT, service_tier TEXT, region TEXT, context_band TEXT,
        currency TEXT, day TEXT, price INTEGER, per INTEGER, nanos_per_unit INTEGER);`);
    const insert = db.prepare('INSERT INTO temp.list_prices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    for (const k of keys) {
      const found = lookupPrice(book, {
        provider: k.provider,
        model: (k.model ?? k.model_raw)!,
        usageClass: k.usage_class as UsageClass,
        serviceTier: k.service_tier as ServiceTier,
        region: k.region,
        date: k.day,
        contextBand: k.context_band,
      });
      // A price in another currency is not this line's list cost.
      if (!found.ok || found.currency !== k.currency) continue;
      const per = BigInt(found.per);
      insert.run(k.provider, k.model, k.model_raw, k.usage_class, k.service_tier, k.region, k.context_band, k.currency, k.day, found.price, found.per, found.price % per === 0n ? found.price / per : null);
    }
    db.exec('CREATE INDEX temp.list_prices_key ON list_prices(provider, day, usage_class, service_tier)');
    job?.throwIfCancelled();

    job?.progress(2, 4, 'writing list costs');
    // Whole quantities at a whole number of nano-units per unit: exact in SQLite's integers.
    let filled = db
      .prepare(
        `UPDATE ledger_lines AS l SET list_cost = CAST(l.quantity AS INTEGER) * p.nanos_per_unit, list_cost_source = 'price_book'
         FROM temp.list_prices AS p
         WHERE l.list_cost IS NULL AND l.charge_category = 'usage' AND p.nanos_per_unit IS NOT NULL
           AND l.quantity = CAST(l.quantity AS INTEGER) AND abs(l.quantity) * p.nanos_per_unit < ${SAFE_PRODUCT} AND ${JOIN}`,
      )
      .run().changes;
    // The rest (fractional quantities or prices): exact bigint arithmetic here, one rounding.
    const rest = db
      .prepare(`SELECT l.id, l.quantity, CAST(p.price AS TEXT) AS price, p.per FROM ledger_lines AS l JOIN temp.list_prices AS p ON ${JOIN} WHERE l.list_cost IS NULL AND l.charge_category = 'usage'`)
      .all() as { id: number; quantity: number; price: string; per: number }[];
    const update = db.prepare("UPDATE ledger_lines SET list_cost = ?, list_cost_source = 'price_book' WHERE id = ?");
    for (const r of rest) update.run(priceQuantity(r.quantity, BigInt(r.price), BigInt(r.per)), r.id);
    filled += rest.length;
    db.exec('DROP TABLE temp.list_prices');

    job?.progress(3, 4, 'counting');
    const unpriced = (db.prepare("SELECT count(*) AS n FROM ledger_lines WHERE list_cost IS NULL AND charge_category = 'usage'").get() as { n: number }).n;
    workspace.setMeta('list_costs_filled_at', `${new Date().toISOString()} (catalogue ${book.info.catalogueAsOf})`);
    workspace.audit('pricing.listCostsFilled', { filled, unpriced, catalogueAsOf: book.info.catalogueAsOf, userRows: book.info.userRows });
    return { filled, unpriced };
  })();
  workspace.changed();
  job?.progress(4, 4, 'list costs filled');
  return result;
}

export function listCostStatus(db: Database.Database, filledAt: string | null): ListCostStatus {
  const row = db
    .prepare(
      `SELECT coalesce(sum(list_cost IS NOT NULL AND coalesce(list_cost_source, 'vendor') = 'vendor'), 0) AS vendor,
              coalesce(sum(list_cost_source = 'price_book'), 0) AS price_book,
              coalesce(sum(list_cost IS NULL AND charge_category = 'usage'), 0) AS missing
       FROM ledger_lines`,
    )
    .get() as { vendor: number; price_book: number; missing: number };
  return { vendor: row.vendor, priceBook: row.price_book, missing: row.missing, filledAt };
}
