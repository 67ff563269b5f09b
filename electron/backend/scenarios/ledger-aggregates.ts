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
 * workload derivation reads. Plain SQL over the FOCUS-shaped table, so the
 * same query runs on a warehouse. Only usage charges count (not tax, credits
 * or refunds); rows are in the currency with the most cost.
 */
export function aggregateLedger(db: Database.Database, from: string, to: string): LedgerAggregates {
  const rows = db
    .prepare(
      `SELECT month, provider, model, usage_class, service_tier, tags, sub_account, credential, currency,
              sum(quantity) AS quantity, sum(billed_cost) AS cost
         FROM ledger_lines
        WHERE charge_category = 'usage' AND month >= ? AND month <= ?
        GROUP BY month, provider, model, usage_class, service_tier, tags, sub_account, credential, currency
        ORDER BY month, provider, model, usage_class, service_tier`,
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
