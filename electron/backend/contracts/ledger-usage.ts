import { dayOfEpoch, epochOfDay, epochParam } from '../../../shared/domain/epoch';
import { PERIOD_SQL } from '../workspace/migrations/014-period-epochs';
import type Database from 'better-sqlite3';
import { LEDGER_MONTHS_SQL } from '../ledger/filters';
import { nextDay } from '../../../shared/domain/calendar';
import type { ChargeCategory, ServiceTier, UsageClass } from '../../../shared/domain/usage';
import type { CheckLine } from '../../../shared/domain/invoice-check/check';
import { pairCostsWithUsage, type CostGroup, type ReportGroup, type UsageGroup } from '../../../shared/domain/invoice-check/pairing';

/**
 * The ledger as the invoice check and contract pricing read it: grouped in
 * SQL by day, provider, publisher, model, usage class, tier, band, region,
 * charge category and currency, so a ledger of a million lines (hourly rows, many
 * projects and keys) becomes a few thousand check lines, each priced once.
 * Billed cost is summed exactly (SQLite integers, read back as text); a
 * quantity is summed only where every line of the group reported one.
 *
 * A costs report (money, no quantities) and a usage report (quantities, no
 * money) of the same vendor are paired here, at check time, by day, line
 * item and project (shared/domain/invoice-check/pairing.ts says how and why
 * here rather than at import).
 */

export interface LedgerUsageQuery {
  /** Only these providers (all when absent). */
  providers?: readonly string[];
  /** First day, inclusive ("2026-05-01"). */
  from?: string;
  /** Last day, inclusive. */
  through?: string;
  /** Row ids per slice when the table is read in order (default SLICE); a test sets it small, to merge groups across slices. */
  sliceRows?: number;
}

interface GroupRow {
  provider: string;
  publisher: string | null;
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
  quantity: number | null;
  billed: string;
}

interface ReportRow extends GroupRow {
  sub_account: string | null;
}

/** Usage a usage report gives for days no costs report covers: no cost to check, summed by month and line item. */
export interface UnpairedUsage {
  provider: string;
  month: string;
  model: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  /** Days with such usage, and ledger lines. */
  days: number;
  lines: number;
  quantity: number;
}

export interface LedgerUsage {
  /**
   * What the vendors billed, as check lines: the bills' own lines, and each
   * costs-report line with the quantity of its usage report where the two
   * pair (quantity null where they do not).
   */
  lines: CheckLine[];
  /** Usage-only lines no costed line took (usage reports without a bill): their quantities price a contract's month, but nothing billed them. */
  usageOnly: (CheckLine & { quantity: number })[];
  /** The same, summed for the user: usage with no cost to check it against. */
  unpairedUsage: UnpairedUsage[];
  /** Costed lines that took their quantity from a usage report. */
  pairedLines: number;
  /** Ledger lines read (before grouping). */
  ledgerLines: number;
}

/** A readable, unique reference for a check line: what it is and when ("2026-10-14 openai gpt-4.1 input standard"). */
function refOf(g: GroupRow, seen: Map<string, number>, extra: readonly string[] = []): string {
  const parts = [g.day, g.provider, g.model ?? g.model_raw ?? '(no model)', g.usage_class, g.service_tier];
  if (g.charge_category !== 'usage') parts.push(g.charge_category);
  if (g.context_band) parts.push(`band ${g.context_band}`);
  if (g.region) parts.push(g.region);
  parts.push(...extra);
  let ref = parts.join(' ');
  const n = (seen.get(ref) ?? 0) + 1;
  seen.set(ref, n);
  if (n > 1) ref = `${ref} #${n}`;
  return ref;
}

/**
 * Day first: a ledger is written statement by statement, in charge-period
 * order, so grouping by day first hands SQLite's sorter nearly sorted rows
 * (a 1M-line year groups ~30% faster than with day last). By kind, not by
 * its text fields: the narrow rows alone are read and grouped (migration
 * 011), and each kind's provider, model, class… is joined here, from the
 * few hundred kinds read once.
 */
const DAY_NUMBER = PERIOD_SQL.dayNumber('charge_period_start');
/** The day's text is made once per group, from the number the lines are grouped by (migration 014). */
const ROW_GROUP = `SELECT kind_id, ${PERIOD_SQL.dayOfNumber(DAY_NUMBER)} AS day, quantity IS NULL AS no_quantity,
              count(*) AS lines, CASE WHEN count(quantity) > 0 THEN total(quantity) END AS quantity, CAST(sum(billed_cost) AS TEXT) AS billed
              FROM ledger_rows`;
const ROW_GROUP_BY = `GROUP BY ${DAY_NUMBER}, kind_id, no_quantity`;
/**
 * Which of the three kinds of ledger line a row is, read in one pass:
 * usage a statement gave a cost for but no quantity (a costs export), usage
 * reports (no cost) — the two that may pair, grouped by project as well —
 * and the bills' own lines (quantities summed only where every line of the
 * group reported one). Usage reports' other rows (none are written) are left out.
 * The kind follows from the line's kind (cost basis, charge category) and
 * whether it gives a quantity; kindOf names it, and a usage report's lines
 * with and without a quantity are merged back into one group here.
 */
const KINDS_READ = "(cost_basis = 'billed' OR charge_category = 'usage')";
const KIND_FIELDS = 'id, provider, publisher, model, model_raw, usage_class, service_tier, context_band, region, charge_category, currency, sub_account, cost_basis';

type LedgerKind = Pick<SqlRow, 'provider' | 'publisher' | 'model' | 'model_raw' | 'usage_class' | 'service_tier' | 'context_band' | 'region' | 'charge_category' | 'currency' | 'sub_account' | 'cost_basis'> & { id: number };
interface RowGroup {
  kind_id: number;
  day: string;
  no_quantity: 0 | 1;
  lines: number;
  quantity: number | null;
  billed: string;
}

/** A row group with its kind's fields, and the project a costs or usage report's line is paired by. */
function withKind(g: RowGroup, k: LedgerKind): SqlRow {
  const project = k.cost_basis === 'list' || (k.charge_category === 'usage' && g.no_quantity === 1) ? k.sub_account : null;
  return { ...k, day: g.day, no_quantity: g.no_quantity, lines: g.lines, quantity: g.quantity, billed: g.billed, project };
}

interface SqlRow extends ReportRow {
  cost_basis: 'billed' | 'list';
  no_quantity: 0 | 1;
  project: string | null;
}
type KindRow = ReportRow & { kind: 'billed' | 'costs' | 'usage'; project: string | null; bwq: 1 | null };

function kindOf(r: SqlRow): KindRow {
  // Named on the row itself (thousands of rows: no copies); the SQL-only columns are left on it unread.
  const row = r as SqlRow & Partial<Pick<KindRow, 'kind' | 'bwq'>>;
  row.kind = r.cost_basis === 'list' ? 'usage' : r.charge_category === 'usage' && r.no_quantity === 1 ? 'costs' : 'billed';
  // A bill's lines without a quantity (fees, or a costs export) are a group apart from those with one.
  row.bwq = r.cost_basis === 'billed' && r.no_quantity === 1 ? 1 : null;
  return row as KindRow;
}

/**
 * Row ids per slice of the ledger grouped on its own: a sort of 32,768 lines
 * stays in memory where one of a million spills to temporary files, so a
 * year grouped slice by slice and merged costs ~15% less CPU than one
 * GROUP BY (bench/invoice-check.bench.ts; 16k to 64k measured alike, 128k
 * and more lose it).
 */
const SLICE = 32_768;

/**
 * The grouped rows, as one GROUP BY over the lines in scope would give them
 * and in the order the check lists them: by slices of `slice` row ids when
 * the table is read in order, else in one query (a few days through the
 * period index); groups that span slices, or that SQL split finer, merged
 * here (counts and money added exactly, quantities added, the least vendor
 * spelling kept).
 */
function groupedRows(db: Database.Database, kindScope: string, kindParams: readonly unknown[], rowScope: string, rowParams: readonly unknown[], slice: number | null): KindRow[] {
  const kinds = new Map<number, LedgerKind>();
  for (const k of db.prepare(`SELECT ${KIND_FIELDS} FROM ledger_kinds WHERE ${kindScope}${KINDS_READ}`).all(...kindParams) as LedgerKind[]) kinds.set(k.id, k);
  // The kinds as a filter on the rows; "+kind_id" keeps SQLite on the row-id range or the period index rather than the kind index.
  const ofKinds = `+kind_id IN (SELECT id FROM ledger_kinds WHERE ${kindScope}${KINDS_READ})`;
  const span = slice !== null ? (db.prepare('SELECT min(id) AS first, max(id) AS last FROM ledger_rows').get() as { first: number | null; last: number | null }) : null;
  const merged = new Map<string, KindRow>();
  const add = (rows: readonly RowGroup[]) => {
    for (const g of rows) {
      const k = kinds.get(g.kind_id);
      if (k === undefined) continue;
      const r = kindOf(withKind(g, k));
      const key = groupKey(r);
      const seen = merged.get(key);
      if (!seen) merged.set(key, r);
      else mergeInto(seen, r);
    }
  };
  if (slice === null || !span || span.first === null || span.last === null || span.last - span.first < slice) {
    add(db.prepare(`${ROW_GROUP} WHERE ${rowScope}${ofKinds} ${ROW_GROUP_BY}`).all(...rowParams, ...kindParams) as RowGroup[]);
  } else {
    const read = db.prepare(`${ROW_GROUP} WHERE id BETWEEN ? AND ? AND ${rowScope}${ofKinds} ${ROW_GROUP_BY}`);
    for (let first = span.first; first <= span.last; first += slice) add(read.all(first, first + slice - 1, ...rowParams, ...kindParams) as RowGroup[]);
  }
  return [...merged.values()].sort(checkOrder);
}

/** A group's identity (null written apart from any text): what one GROUP BY by kind, project and bills' lines without a quantity would tell apart. */
const groupKey = (r: KindRow): string =>
  `${r.day}\u0000${r.provider}\u0000${r.publisher ?? '\u0001'}\u0000${r.model ?? '\u0001'}\u0000${r.model === null ? (r.model_raw ?? '\u0001') : ''}\u0000${r.usage_class}\u0000${r.service_tier}\u0000${r.context_band ?? '\u0001'}\u0000${r.region ?? '\u0001'}\u0000${r.charge_category}\u0000${r.currency}\u0000${r.kind}\u0000${r.project ?? '\u0001'}\u0000${r.bwq ?? 0}`;

function mergeInto(into: KindRow, r: KindRow): void {
  into.lines += r.lines;
  into.quantity = into.quantity === null ? r.quantity : r.quantity === null ? into.quantity : into.quantity + r.quantity;
  into.billed = String(BigInt(into.billed) + BigInt(r.billed));
  // min(model_raw) of a known model: the least spelling, as SQLite's min() (nulls ignored, binary order).
  if (into.model !== null && r.model_raw !== null && (into.model_raw === null || binaryLess(r.model_raw, into.model_raw))) into.model_raw = r.model_raw;
}

/** SQLite's BINARY order: nulls first, then UTF-8 bytes (UTF-16 code units agree outside astral characters). */
const binaryLess = (a: string, b: string): boolean => a < b;
function compareSql(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The order the check lists grouped rows in: provider, day, model, class, tier, project, then the rest of the grouping. */
function checkOrder(a: KindRow, b: KindRow): number {
  return (
    compareSql(a.provider, b.provider) ||
    compareSql(a.day, b.day) ||
    compareSql(a.model, b.model) ||
    compareSql(a.usage_class, b.usage_class) ||
    compareSql(a.service_tier, b.service_tier) ||
    compareSql(a.project, b.project) ||
    compareSql(a.model === null ? a.model_raw : null, b.model === null ? b.model_raw : null) ||
    compareSql(a.context_band, b.context_band) ||
    compareSql(a.region, b.region) ||
    compareSql(a.charge_category, b.charge_category) ||
    compareSql(a.currency, b.currency) ||
    compareSql(a.bwq, b.bwq) ||
    compareSql(a.publisher, b.publisher) ||
    compareSql(a.kind, b.kind)
  );
}

/**
 * How to name the period column in a query over some days: with the period
 * index where the days are a small part of the ledger, without it (a unary
 * plus) where they are most of it, since a lookup per line through the index
 * then costs more than reading the table in order.
 */
function periodColumn(db: Database.Database, from: string | undefined, through: string | undefined): string {
  const span = db.prepare('SELECT min(charge_period_start) AS first, max(charge_period_start) AS last FROM ledger_rows').get() as { first: number | null; last: number | null };
  if (span.first === null || span.last === null) return 'charge_period_start';
  // Epoch seconds of the first and last days' midnights.
  const first = epochOfDay(dayOfEpoch(span.first));
  const last = epochOfDay(dayOfEpoch(span.last));
  const asked = Math.min(last, through ? epochOfDay(through) : last) - Math.max(first, from ? epochOfDay(from) : first);
  return asked * 2 > last - first ? '+charge_period_start' : 'charge_period_start';
}

function checkLineOf(g: GroupRow, ref: string, quantity: number | null, billed: bigint, ledgerLines: number): CheckLine {
  // A day whose usage nets out negative (a vendor's correction) is an adjustment, not usage to re-price.
  const category = (g.charge_category === 'usage' && quantity !== null && quantity < 0 ? 'adjustment' : g.charge_category) as ChargeCategory;
  return {
    ref,
    chargePeriodStart: `${g.day}T00:00:00Z`,
    chargeCategory: category,
    provider: g.provider,
    publisher: g.publisher,
    model: g.model,
    modelRaw: g.model_raw,
    usageClass: g.usage_class as UsageClass,
    serviceTier: g.service_tier as ServiceTier,
    contextBand: g.context_band,
    region: g.region,
    quantity,
    billedCost: billed,
    currency: g.currency,
    ledgerLines,
  };
}

const reportGroup = (r: ReportRow): ReportGroup => ({
  day: r.day,
  provider: r.provider,
  model: r.model,
  modelRaw: r.model_raw,
  usageClass: r.usage_class as UsageClass,
  serviceTier: r.service_tier as ServiceTier,
  contextBand: r.context_band,
  region: r.region,
  subAccount: r.sub_account,
  lines: r.lines,
});

export function ledgerUsage(db: Database.Database, q: LedgerUsageQuery = {}): LedgerUsage {
  const where: string[] = [];
  const params: unknown[] = [];
  let kindScope = '';
  const kindParams: unknown[] = [];
  if (q.providers) {
    if (q.providers.length === 0) return { lines: [], usageOnly: [], unpairedUsage: [], pairedLines: 0, ledgerLines: 0 };
    kindScope = `provider IN (${q.providers.map(() => '?').join(', ')}) AND `;
    kindParams.push(...q.providers);
  }
  // charge_period_start is epoch seconds (migration 014): compare against the days' UTC midnights.
  const period = q.from || q.through ? periodColumn(db, q.from, q.through) : 'charge_period_start';
  if (q.from) {
    where.push(`${period} >= ?`);
    params.push(epochParam(epochOfDay(q.from)));
  }
  if (q.through) {
    where.push(`${period} < ?`);
    params.push(epochParam(epochOfDay(nextDay(q.through))));
  }
  const scope = where.length > 0 ? `${where.join(' AND ')} AND ` : '';
  // One read of the ledger for the three kinds; in row-id slices where the table is read in order (the period index unused).
  const rows = groupedRows(db, kindScope, kindParams, scope, params, period !== 'charge_period_start' || (!q.from && !q.through) ? (q.sliceRows ?? SLICE) : null);
  const billed = rows.filter((r) => r.kind === 'billed');
  const costRows = rows.filter((r) => r.kind === 'costs');
  const usageRows = rows.filter((r) => r.kind === 'usage');

  const seen = new Map<string, number>();
  let ledgerLines = 0;
  const lines: CheckLine[] = billed.map((g) => {
    ledgerLines += g.lines;
    return checkLineOf(g, refOf(g, seen), g.quantity, BigInt(g.billed), g.lines);
  });

  const costByGroup = new Map<CostGroup, ReportRow>();
  const costs = costRows.map((r) => {
    const c: CostGroup = { ...reportGroup(r), currency: r.currency, billed: BigInt(r.billed) };
    costByGroup.set(c, r);
    return c;
  });
  const usageByGroup = new Map<UsageGroup, ReportRow>();
  const usage = usageRows.map((r) => {
    const u: UsageGroup = { ...reportGroup(r), quantity: r.quantity ?? 0 };
    usageByGroup.set(u, r);
    return u;
  });
  const pairing = pairCostsWithUsage(costs, usage);
  for (const p of pairing.paired) {
    const row = costByGroup.get(p.costs[0]!)!;
    const project = p.cost.subAccount === null ? [] : [p.cost.subAccount];
    ledgerLines += p.cost.lines + p.usageLines;
    lines.push({ ...checkLineOf(row, refOf(row, seen, [...project, '(costs + usage)']), p.quantity, p.cost.billed, p.cost.lines + p.usageLines), pairedWithUsage: true });
  }
  for (const c of pairing.unpairedCosts) {
    const row = costByGroup.get(c)!;
    ledgerLines += c.lines;
    lines.push(checkLineOf(row, refOf(row, seen, c.subAccount === null ? [] : [c.subAccount]), null, c.billed, c.lines));
  }
  lines.sort((a, b) => a.provider.localeCompare(b.provider) || a.chargePeriodStart.localeCompare(b.chargePeriodStart) || (a.model ?? '').localeCompare(b.model ?? '') || a.usageClass.localeCompare(b.usageClass) || a.serviceTier.localeCompare(b.serviceTier));

  const usageOnly: (CheckLine & { quantity: number })[] = [];
  const summary = new Map<string, UnpairedUsage & { daySet: Set<string> }>();
  for (const u of pairing.unpairedUsage) {
    const row = usageByGroup.get(u)!;
    ledgerLines += u.lines;
    usageOnly.push({ ...checkLineOf(row, refOf(row, seen, [...(u.subAccount === null ? [] : [u.subAccount]), '(usage only)']), u.quantity, 0n, u.lines), quantity: u.quantity });
    const month = u.day.slice(0, 7);
    const key = [u.provider, month, u.model ?? u.modelRaw ?? '', u.usageClass, u.serviceTier].join('|');
    const s = summary.get(key) ?? { provider: u.provider, month, model: u.model ?? u.modelRaw, usageClass: u.usageClass, serviceTier: u.serviceTier, days: 0, lines: 0, quantity: 0, daySet: new Set<string>() };
    s.daySet.add(u.day);
    s.lines += u.lines;
    s.quantity += u.quantity;
    summary.set(key, s);
  }
  const unpairedUsage = [...summary.values()].map(({ daySet, ...s }) => ({ ...s, days: daySet.size }));
  return { lines, usageOnly, unpairedUsage, pairedLines: pairing.paired.length, ledgerLines };
}

/** The first and last day with ledger lines for some providers, or null when there are none. */
export function ledgerSpan(db: Database.Database, providers?: readonly string[]): { first: string; last: string } | null {
  // The providers' kinds, found month by month on the month × kind index (there is no index on the kind alone).
  const where = providers ? `WHERE month IN (${LEDGER_MONTHS_SQL}) AND kind_id IN (SELECT id FROM ledger_kinds WHERE provider IN (${providers.map(() => '?').join(', ')}))` : '';
  if (providers && providers.length === 0) return null;
  const row = db.prepare(`SELECT min(charge_period_start) AS first, max(charge_period_start) AS last FROM ledger_rows ${where}`).get(...(providers ?? [])) as { first: number | null; last: number | null };
  return row.first !== null && row.last !== null ? { first: dayOfEpoch(row.first), last: dayOfEpoch(row.last) } : null;
}
