import type Database from 'better-sqlite3';
import { nextDay } from '../../../shared/domain/calendar';
import type { ChargeCategory, ServiceTier, UsageClass } from '../../../shared/domain/usage';
import type { CheckLine } from '../../../shared/domain/invoice-check/check';

/**
 * The ledger as the invoice check and contract pricing read it: grouped in
 * SQL by day, provider, model, usage class, tier, band, region, charge
 * category and currency, so a ledger of a million lines (hourly rows, many
 * projects and keys) becomes a few thousand check lines, each priced once.
 * Billed cost is summed exactly (SQLite integers, read back as text).
 */

export interface LedgerUsageQuery {
  /** Only these providers (all when absent). */
  providers?: readonly string[];
  /** First day, inclusive ("2026-05-01"). */
  from?: string;
  /** Last day, inclusive. */
  through?: string;
}

interface GroupRow {
  provider: string;
  model: string | null;
  model_raw: string | null;
  usage_class: string;
  service_tier: string;
  context_band: string | null;
  region: string | null;
  charge_category: string;
  currency: string;
  day: string;
  lines: number;
  quantity: number;
  billed: string;
}

export interface LedgerUsage {
  lines: CheckLine[];
  /** Ledger lines read (before grouping). */
  ledgerLines: number;
}

/** A readable, unique reference for a check line: what it is and when ("2026-10-14 openai gpt-4.1 input standard"). */
function refOf(g: GroupRow, seen: Map<string, number>): string {
  const parts = [g.day, g.provider, g.model ?? g.model_raw ?? '(no model)', g.usage_class, g.service_tier];
  if (g.charge_category !== 'usage') parts.push(g.charge_category);
  if (g.context_band) parts.push(`band ${g.context_band}`);
  if (g.region) parts.push(g.region);
  let ref = parts.join(' ');
  const n = (seen.get(ref) ?? 0) + 1;
  seen.set(ref, n);
  if (n > 1) ref = `${ref} #${n}`;
  return ref;
}

export function ledgerUsage(db: Database.Database, q: LedgerUsageQuery = {}): LedgerUsage {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.providers) {
    if (q.providers.length === 0) return { lines: [], ledgerLines: 0 };
    where.push(`provider IN (${q.providers.map(() => '?').join(', ')})`);
    params.push(...q.providers);
  }
  // charge_period_start is an ISO instant: compare as text against day boundaries (the period index serves it).
  if (q.from) {
    where.push('charge_period_start >= ?');
    params.push(`${q.from}T00:00:00`);
  }
  if (q.through) {
    where.push('charge_period_start < ?');
    params.push(`${nextDay(q.through)}T00:00:00`);
  }
  const groups = db
    .prepare(
      `SELECT provider, model, CASE WHEN model IS NULL THEN model_raw ELSE min(model_raw) END AS model_raw, usage_class, service_tier, context_band, region,
              charge_category, currency, substr(charge_period_start, 1, 10) AS day,
              count(*) AS lines, total(quantity) AS quantity, CAST(sum(billed_cost) AS TEXT) AS billed
       FROM ledger_lines ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY provider, model, CASE WHEN model IS NULL THEN model_raw END, usage_class, service_tier, context_band, region, charge_category, currency, day
       ORDER BY provider, day, model, usage_class, service_tier`,
    )
    .all(...params) as GroupRow[];
  const seen = new Map<string, number>();
  let ledgerLines = 0;
  const lines = groups.map((g): CheckLine => {
    ledgerLines += g.lines;
    // A day whose usage nets out negative (a vendor's correction) is an adjustment, not usage to re-price.
    const category = (g.charge_category === 'usage' && g.quantity < 0 ? 'adjustment' : g.charge_category) as ChargeCategory;
    return {
      ref: refOf(g, seen),
      chargePeriodStart: `${g.day}T00:00:00Z`,
      chargeCategory: category,
      provider: g.provider,
      model: g.model,
      modelRaw: g.model_raw,
      usageClass: g.usage_class as UsageClass,
      serviceTier: g.service_tier as ServiceTier,
      contextBand: g.context_band,
      region: g.region,
      quantity: g.quantity,
      billedCost: BigInt(g.billed),
      currency: g.currency,
      ledgerLines: g.lines,
    };
  });
  return { lines, ledgerLines };
}

/** The first and last day with ledger lines for some providers, or null when there are none. */
export function ledgerSpan(db: Database.Database, providers?: readonly string[]): { first: string; last: string } | null {
  const where = providers ? `WHERE provider IN (${providers.map(() => '?').join(', ')})` : '';
  if (providers && providers.length === 0) return null;
  const row = db.prepare(`SELECT min(charge_period_start) AS first, max(charge_period_start) AS last FROM ledger_lines ${where}`).get(...(providers ?? [])) as { first: string | null; last: string | null };
  return row.first && row.last ? { first: row.first.slice(0, 10), last: row.last.slice(0, 10) } : null;
}
