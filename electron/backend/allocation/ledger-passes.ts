/**
 * The two reads an allocation makes of the ledger: the lines grouped by
 * everything a rule can look at (pass 1, one SQL GROUP BY), then every line
 * (pass 2, streamed row by row). Costs are read as 64-bit integers
 * (safeIntegers), never through a double.
 *
 * Both read ledger_rows, not the ledger_lines view: pass 1 groups the rows by
 * month, kind and tags first and joins the few hundred kinds after; pass 2
 * resolves each row's kind from a map read once (bench/allocation.bench.ts).
 */
import { instantTexts } from '../../../shared/domain/epoch';
import type Database from 'better-sqlite3';
import type { LedgerGroup, LedgerLineToAllocate } from '../../../shared/domain/allocation/allocate';
import { TOKEN_CLASSES, type UsageClass } from '../../../shared/domain/usage';
import { LedgerKinds } from '../ledger/ledger-kinds';

export type CostColumn = 'billed' | 'effective';

export function costSql(cost: CostColumn): string {
  return cost === 'billed' ? 'billed_cost' : 'coalesce(effective_cost, billed_cost)';
}

const TOKEN_CLASS_LIST = TOKEN_CLASSES.map((c) => `'${c}'`).join(', ');
const KIND_MATCH_COLUMNS = 'k.provider, k.billing_account, k.sub_account, k.credential, k.model, k.usage_class, k.service_tier, k.charge_category, k.region';

export interface Scope {
  month?: string;
}

function where(scope: Scope): { sql: string; params: unknown[] } {
  return scope.month ? { sql: 'WHERE month = ?', params: [scope.month] } : { sql: '', params: [] };
}

/** Parses tags JSON once per distinct text (a ledger repeats a few tag sets millions of times). */
export class TagCache {
  private readonly cache = new Map<string, Readonly<Record<string, string>>>();

  get(text: string): Readonly<Record<string, string>> {
    let tags = this.cache.get(text);
    if (!tags) {
      tags = JSON.parse(text) as Record<string, string>;
      this.cache.set(text, tags);
    }
    return tags;
  }
}

/**
 * Pass 1: the ledger grouped by month, currency and every field a rule can
 * match. The rows are summed per month × kind × tags first (tokens as the
 * kind's whole quantity, kept only for token classes after the join), then
 * the kinds alike in every matched field are merged: the same groups, in the
 * same order, as grouping the view line by line.
 */
export function readGroups(db: Database.Database, cost: CostColumn, scope: Scope, tags: TagCache): LedgerGroup[] {
  const w = where(scope);
  const rows = db
    .prepare(
      `SELECT g.month, k.currency, ${KIND_MATCH_COLUMNS}, g.tags, sum(g.lines) AS lines,
              total(CASE WHEN k.usage_class IN (${TOKEN_CLASS_LIST}) THEN g.quantity ELSE 0 END) AS tokens,
              sum(g.cost) AS cost
       FROM (SELECT month, kind_id, tags, count(*) AS lines, total(quantity) AS quantity, sum(${costSql(cost)}) AS cost
             FROM ledger_rows ${w.sql} GROUP BY month, kind_id, tags) g
       JOIN ledger_kinds k ON k.id = g.kind_id
       GROUP BY g.month, k.currency, ${KIND_MATCH_COLUMNS}, g.tags`,
    )
    .safeIntegers(true)
    .raw(true)
    .all(...w.params) as unknown[][];
  return rows.map((r) => ({
    month: r[0] as string,
    currency: r[1] as string,
    provider: r[2] as string,
    billingAccount: r[3] as string | null,
    subAccount: r[4] as string | null,
    credential: r[5] as string | null,
    model: r[6] as string | null,
    usageClass: r[7] as UsageClass,
    serviceTier: r[8] as string,
    chargeCategory: r[9] as string,
    region: r[10] as string | null,
    tags: tags.get(r[11] as string),
    lines: Number(r[12] as bigint),
    tokens: r[13] as number,
    cost: r[14] as bigint,
  }));
}

export interface LineRow extends LedgerLineToAllocate {
  id: number;
  /** Read only for an export (`extended`): the rest of the origin line's FOCUS columns and its provenance. */
  extra?: { chargePeriodStart: string; chargePeriodEnd: string; billingPeriod: string | null; publisher: string | null; resourceId: string | null; importId: number; sourceRow: number };
}

/** Pass 2: every line in id order, streamed (the caller keeps nothing it does not need). */
export function* readLines(db: Database.Database, cost: CostColumn, scope: Scope & { extended?: boolean }, tags: TagCache): Generator<LineRow> {
  const w = where(scope);
  const kinds = new LedgerKinds(db);
  const extended = scope.extended ? ', charge_period_start, charge_period_end, billing_period, resource_id, import_id, source_row' : '';
  const stmt = db
    .prepare(`SELECT id, month, charge_period_start, kind_id, tags, quantity, ${costSql(cost)}${extended} FROM ledger_rows ${w.sql} ORDER BY id`)
    .safeIntegers(true)
    .raw(true);
  // The period is epoch seconds (migration 014): its day and text are made once per distinct instant.
  const dayText = instantTexts('day');
  const instantText = instantTexts();
  for (const r of stmt.iterate(...w.params) as IterableIterator<unknown[]>) {
    const k = kinds.get(Number(r[3] as bigint));
    const extra = scope.extended
      ? { chargePeriodStart: instantText(r[7] as bigint | number), chargePeriodEnd: instantText(r[8] as bigint | number), billingPeriod: r[9] as string | null, publisher: k.publisher, resourceId: r[10] as string | null, importId: Number(r[11] as bigint), sourceRow: Number(r[12] as bigint) }
      : undefined;
    yield {
      extra,
      id: Number(r[0] as bigint),
      month: r[1] as string,
      day: dayText(r[2] as bigint | number),
      currency: k.currency,
      provider: k.provider,
      billingAccount: k.billingAccount,
      subAccount: k.subAccount,
      credential: k.credential,
      model: k.model,
      usageClass: k.usageClass,
      serviceTier: k.serviceTier,
      chargeCategory: k.chargeCategory,
      region: k.region,
      tags: tags.get(r[4] as string),
      quantity: r[5] as number | null,
      unit: k.unit,
      cost: r[6] as bigint,
    };
  }
}
