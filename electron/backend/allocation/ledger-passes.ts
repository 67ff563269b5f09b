/**
 * The two reads an allocation makes of the ledger: the lines grouped by
 * everything a rule can look at (pass 1, one SQL GROUP BY), then every line
 * (pass 2, streamed row by row). Costs are read as 64-bit integers
 * (safeIntegers), never through a double.
 */
import type Database from 'better-sqlite3';
import type { LedgerGroup, LedgerLineToAllocate } from '../../../shared/domain/allocation/allocate';
import { TOKEN_CLASSES, type UsageClass } from '../../../shared/domain/usage';

export type CostColumn = 'billed' | 'effective';

export function costSql(cost: CostColumn): string {
  return cost === 'billed' ? 'billed_cost' : 'coalesce(effective_cost, billed_cost)';
}

const TOKEN_CLASS_LIST = TOKEN_CLASSES.map((c) => `'${c}'`).join(', ');
const MATCH_COLUMNS = 'provider, billing_account, sub_account, credential, model, usage_class, service_tier, charge_category, region, tags';

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

/** Pass 1: the ledger grouped by month, currency and every field a rule can match. */
export function readGroups(db: Database.Database, cost: CostColumn, scope: Scope, tags: TagCache): LedgerGroup[] {
  const w = where(scope);
  const rows = db
    .prepare(
      `SELECT month, currency, ${MATCH_COLUMNS}, count(*) AS lines,
              total(CASE WHEN usage_class IN (${TOKEN_CLASS_LIST}) THEN quantity ELSE 0 END) AS tokens,
              sum(${costSql(cost)}) AS cost
       FROM ledger_lines ${w.sql} GROUP BY month, currency, ${MATCH_COLUMNS}`,
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

/** Pass 2: every line, streamed (the caller keeps nothing it does not need). */
export function* readLines(db: Database.Database, cost: CostColumn, scope: Scope & { extended?: boolean }, tags: TagCache): Generator<LineRow> {
  const w = where(scope);
  const extended = scope.extended ? ', charge_period_start, charge_period_end, billing_period, publisher, resource_id, import_id, source_row' : '';
  const stmt = db
    .prepare(
      `SELECT id, month, substr(charge_period_start, 1, 10), currency, ${MATCH_COLUMNS}, quantity, unit, ${costSql(cost)}${extended}
       FROM ledger_lines ${w.sql} ORDER BY id`,
    )
    .safeIntegers(true)
    .raw(true);
  for (const r of stmt.iterate(...w.params) as IterableIterator<unknown[]>) {
    const extra = scope.extended
      ? { chargePeriodStart: r[17] as string, chargePeriodEnd: r[18] as string, billingPeriod: r[19] as string | null, publisher: r[20] as string | null, resourceId: r[21] as string | null, importId: Number(r[22] as bigint), sourceRow: Number(r[23] as bigint) }
      : undefined;
    yield {
      extra,
      id: Number(r[0] as bigint),
      month: r[1] as string,
      day: r[2] as string,
      currency: r[3] as string,
      provider: r[4] as string,
      billingAccount: r[5] as string | null,
      subAccount: r[6] as string | null,
      credential: r[7] as string | null,
      model: r[8] as string | null,
      usageClass: r[9] as UsageClass,
      serviceTier: r[10] as string,
      chargeCategory: r[11] as string,
      region: r[12] as string | null,
      tags: tags.get(r[13] as string),
      quantity: r[14] as number | null,
      unit: r[15] as string,
      cost: r[16] as bigint,
    };
  }
}
