import type Database from 'better-sqlite3';
import type { ServiceTier, UsageClass } from '../../../shared/domain/usage';
import type { LedgerAggregate } from '../../../shared/engine/workloads-from-ledger';

interface Row {
  month: string;
  provider: string;
  model: string | null;
  usage_class: string;
  service_tier: string;
  tags: string;
  sub_account: string | null;
  credential: string | null;
  currency: string;
  quantity: number;
  cost: bigint;
}

export interface LedgerAggregates {
  currency: string | null;
  rows: LedgerAggregate[];
  /** Cost left out because it is in another currency than the one the rows are in. */
  otherCurrencies: { currency: string; cost: bigint }[];
}

/**
 * The ledger's usage over a period, summed per month, provider, model, usage
 * class, tier and the mapping keys (tags, project, API key) — the shape the
 * workload derivation reads. Plain SQL; the rows are summed per month, kind
 * and tags first and the kinds' fields joined after (migration 011's layout),
 * in the order of the grouping. "+kind_id" keeps SQLite on the month × kind
 * index: through the kind index it would fetch every usage line at random. Only usage charges count (not tax, credits
 * or refunds); rows are in the currency with the most cost.
 */
export function aggregateLedger(db: Database.Database, from: string, to: string): LedgerAggregates {
  const rows = db
    .prepare(
      `SELECT g.month, k.provider, k.model, k.usage_class, k.service_tier, g.tags, k.sub_account, k.credential, k.currency,
              sum(g.quantity) AS quantity, sum(g.cost) AS cost
         FROM (SELECT month, kind_id, tags, sum(quantity) AS quantity, sum(billed_cost) AS cost
                 FROM ledger_rows
                WHERE month >= ? AND month <= ? AND +kind_id IN (SELECT id FROM ledger_kinds WHERE charge_category = 'usage')
                GROUP BY month, kind_id, tags) g
         JOIN ledger_kinds k ON k.id = g.kind_id
        GROUP BY g.month, k.provider, k.model, k.usage_class, k.service_tier, g.tags, k.sub_account, k.credential, k.currency
        ORDER BY g.month, k.provider, k.model, k.usage_class, k.service_tier, g.tags, k.sub_account, k.credential, k.currency`,
    )
    .safeIntegers(true)
    .all(from, to) as (Omit<Row, 'quantity'> & { quantity: number | bigint })[];
  const byCurrency = new Map<string, bigint>();
  for (const r of rows) byCurrency.set(r.currency, (byCurrency.get(r.currency) ?? 0n) + r.cost);
  const ranked = [...byCurrency.entries()].sort((a, b) => (a[1] === b[1] ? a[0].localeCompare(b[0]) : a[1] > b[1] ? -1 : 1));
  const currency = ranked[0]?.[0] ?? null;
  return {
    currency,
    otherCurrencies: ranked.slice(1).map(([c, cost]) => ({ currency: c, cost })),
    rows: rows
      .filter((r) => r.currency === currency)
      .map((r) => ({
        month: r.month,
        provider: r.provider,
        model: r.model,
        usageClass: r.usage_class as UsageClass,
        serviceTier: r.service_tier as ServiceTier,
        tags: JSON.parse(r.tags) as Record<string, string>,
        project: r.sub_account,
        apiKey: r.credential,
        quantity: Number(r.quantity),
        cost: r.cost,
      })),
  };
}
