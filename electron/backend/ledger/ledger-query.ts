import type Database from 'better-sqlite3';
import type { LedgerPage, LedgerQueryInput, LedgerRow } from '../../../shared/api/ledger';
import type { z } from 'zod';
import type { LedgerQueryInput as LedgerQueryInputSchema } from '../../../shared/api/ledger';
import { nanosToDecimal } from '../../../shared/domain/money';
import { KIND_COLUMNS } from '../workspace/migrations/011-ledger-kinds';
import { LEDGER_COLUMNS, lineOrderSql } from './columns';
import { isKindFilter, linesWithKind, rowsWhere, type SqlFragment } from './filters';

type ParsedQuery = z.output<typeof LedgerQueryInputSchema>;
export type { LedgerQueryInput };

/** Money columns are read as text so that no amount passes through a JS double. */
const SELECT_COLUMNS = `id, import_id, source_row, month, charge_period_start, charge_period_end, billing_period,
  charge_category, provider, publisher, billing_account, sub_account, credential, model, model_raw, usage_class,
  service_tier, context_band, region, resource_id, sku, description, tags, quantity, unit,
  CAST(billed_cost AS TEXT) AS billed_text, CAST(effective_cost AS TEXT) AS effective_text,
  CAST(list_cost AS TEXT) AS list_text, CAST(contracted_cost AS TEXT) AS contracted_text, currency, cost_basis`;
// (Aliases differ from the column names so that ORDER BY billed_cost sorts the integers, not their text.)

interface LineRecord {
  id: number;
  import_id: number;
  source_row: number;
  month: string;
  charge_period_start: string;
  charge_period_end: string;
  billing_period: string | null;
  charge_category: string;
  provider: string;
  publisher: string | null;
  billing_account: string | null;
  sub_account: string | null;
  credential: string | null;
  model: string | null;
  model_raw: string | null;
  usage_class: string;
  service_tier: string;
  context_band: string | null;
  region: string | null;
  resource_id: string | null;
  sku: string | null;
  description: string | null;
  tags: string;
  quantity: number | null;
  unit: string;
  billed_text: string;
  effective_text: string | null;
  list_text: string | null;
  contracted_text: string | null;
  currency: string;
  cost_basis: 'billed' | 'list';
}

export function moneyText(nanosText: string): string {
  return nanosToDecimal(BigInt(nanosText));
}

function optionalMoney(nanosText: string | null): string | null {
  return nanosText === null ? null : moneyText(nanosText);
}

function toRow(r: LineRecord): LedgerRow {
  return {
    id: r.id,
    importId: r.import_id,
    sourceRow: r.source_row,
    month: r.month,
    chargePeriodStart: r.charge_period_start,
    chargePeriodEnd: r.charge_period_end,
    billingPeriod: r.billing_period,
    chargeCategory: r.charge_category as LedgerRow['chargeCategory'],
    provider: r.provider,
    publisher: r.publisher,
    billingAccount: r.billing_account,
    subAccount: r.sub_account,
    credential: r.credential,
    model: r.model,
    modelRaw: r.model_raw,
    usageClass: r.usage_class as LedgerRow['usageClass'],
    serviceTier: r.service_tier as LedgerRow['serviceTier'],
    contextBand: r.context_band,
    region: r.region,
    resourceId: r.resource_id,
    sku: r.sku,
    description: r.description,
    tags: JSON.parse(r.tags) as Record<string, string>,
    quantity: r.quantity,
    unit: r.unit,
    billedCost: moneyText(r.billed_text),
    effectiveCost: optionalMoney(r.effective_text),
    listCost: optionalMoney(r.list_text),
    contractedCost: optionalMoney(r.contracted_text),
    currency: r.currency,
    costBasis: r.cost_basis,
  };
}

/**
 * One page of ledger lines, in the order of lineOrderSql (the sort, then the
 * line id), so pages never overlap or skip lines when many share a sort value.
 */
const KIND_SQL = new Set<string>(KIND_COLUMNS);

/**
 * Where a page's ids are looked for: the lines' own table when the sort
 * names no field of the line's kind, so that the ids are read off
 * ledger_rows' own indexes (through the view SQLite reads each row to walk
 * the billed-cost index), a filter on a kind's field finding the kinds'
 * lines month by month (rowsWhere); else the lines with their kinds.
 */
function idSource(input: ParsedQuery): { from: string; where: SqlFragment } {
  return input.sort.some((s) => KIND_SQL.has(LEDGER_COLUMNS[s.field].sql)) ? linesWithKind(input.filters) : { from: 'ledger_rows', where: rowsWhere(input.filters) };
}

/** The same order backwards (lineOrderSql's id included), so that a list's last rows are its first. */
function reversedSort(sort: ParsedQuery['sort']): ParsedQuery['sort'] {
  return sort.length === 0 ? [{ field: 'id', dir: 'desc' }] : sort.map((s) => ({ field: s.field, dir: s.dir === 'asc' ? 'desc' : 'asc' }));
}

export function queryLedger(db: Database.Database, input: ParsedQuery): LedgerPage {
  const { from: source, where } = idSource(input);
  const count = () => (db.prepare(`SELECT count(*) AS n FROM ${source} ${where.sql}`).get(...where.params) as { n: number }).n;
  const total = input.withTotal ? count() : null;
  // Deferred join: the page's ids are found first (sorting only the sort keys and ids), then only
  // those rows are read. Sorting whole rows to skip to a deep OFFSET took 12 s at line 500,000 of a
  // million sorted by billed cost; this way it takes about 0.6 s, and with the grid's indexes
  // (migration 009) the ids are read off an index in under 10 ms, with the same rows in the same order.
  const orderSql = lineOrderSql(input.sort);
  let page = { order: orderSql, limit: input.limit, offset: input.offset };
  // A kind's lines come off the month × kind index in no useful order, and SQLite keeps every line up
  // to the page while it sorts them. A page ten blocks in and past the middle is read from the end in
  // the reversed order, which keeps only the lines after it (the last page of a model's 262,800 lines on
  // the grid benchmark: 22 ms, 104 ms read from the start). The outer ORDER BY puts it back in order.
  if (input.offset >= 10 * input.limit && input.filters.some(isKindFilter)) {
    const lines = total ?? count();
    const end = Math.min(lines, input.offset + input.limit);
    if (input.offset * 2 > lines) page = { order: lineOrderSql(reversedSort(input.sort)), limit: Math.max(0, end - input.offset), offset: lines - end };
  }
  const rows = db
    .prepare(`SELECT ${SELECT_COLUMNS} FROM ledger_lines WHERE id IN (SELECT id FROM ${source} ${where.sql} ORDER BY ${page.order} LIMIT ? OFFSET ?) ORDER BY ${lineOrderSql(input.sort, '', true)}`)
    .all(...where.params, page.limit, page.offset) as LineRecord[];
  return { rows: rows.map(toRow), total };
}
