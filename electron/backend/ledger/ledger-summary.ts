import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { LedgerSummary, LedgerSummaryInput as LedgerSummaryInputSchema, LedgerSummaryRow } from '../../../shared/api/ledger';
import type { LedgerValuesInput } from './types';
import { dimensionColumn } from './columns';
import { buildWhere } from './filters';
import { moneyText } from './ledger-query';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';

type ParsedSummary = z.output<typeof LedgerSummaryInputSchema>;

const MEASURE_SQL: Record<string, string> = {
  currency: 'currency',
  lines: 'lines',
  quantity: 'quantity',
  billedCost: 'billed_nanos',
  effectiveCost: 'effective_nanos',
  listCost: 'list_nanos',
};

/** More groups than this is not a summary any more: narrow the filters or the dimensions. */
const MAX_GROUPS = 200_000;

/**
 * Totals grouped by the asked dimensions and always by currency: money in
 * different currencies is never added together. SQLite sums INTEGER columns
 * exactly (and fails loudly on overflow) and the sums are read back as text.
 * One pass over the lines: the groups are sorted and paged here, and the
 * grand totals are the exact (bigint) sum of the groups.
 */
export function summariseLedger(db: Database.Database, input: ParsedSummary): LedgerSummary {
  const where = buildWhere(input.filters);
  const dims = [...new Set(input.by)];
  const dimSql = dims.map((d) => `${dimensionColumn(d)} AS d_${d}`);
  const groupSql = [...dims.map((d) => dimensionColumn(d)), 'currency'].join(', ');
  const order: string[] = [];
  for (const s of input.sort) {
    const target = (dims as string[]).includes(s.field) ? `d_${s.field}` : MEASURE_SQL[s.field];
    if (target) order.push(`${target} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`);
  }
  for (const d of dims) order.push(`d_${d} ASC`);
  order.push('currency ASC');

  const groups = db
    .prepare(
      `SELECT *, CAST(billed_nanos AS TEXT) AS billed, CAST(effective_nanos AS TEXT) AS effective, CAST(list_nanos AS TEXT) AS list
       FROM (SELECT ${[...dimSql, 'currency'].join(', ')},
               count(*) AS lines, CASE WHEN count(quantity) > 0 THEN total(quantity) END AS quantity, count(*) - count(quantity) AS quantity_missing,
               sum(list_cost IS NULL AND charge_category = 'usage') AS list_missing,
               sum(billed_cost) AS billed_nanos,
               sum(coalesce(effective_cost, billed_cost)) AS effective_nanos,
               sum(list_cost) AS list_nanos
             FROM ledger_lines ${where.sql} GROUP BY ${groupSql})
       ORDER BY ${order.join(', ')} LIMIT ${MAX_GROUPS + 1}`,
    )
    .all(...where.params) as Record<string, unknown>[];
  if (groups.length > MAX_GROUPS) {
    throw new WorkbenchError('bad_input', `more than ${MAX_GROUPS} groups; group by fewer dimensions or filter first`, { field: 'by' });
  }

  const totals = new Map<string, { lines: number; billed: bigint; effective: bigint }>();
  for (const g of groups) {
    const currency = g.currency as string;
    const t = totals.get(currency) ?? { lines: 0, billed: 0n, effective: 0n };
    t.lines += g.lines as number;
    t.billed += BigInt(g.billed as string);
    t.effective += BigInt(g.effective as string);
    totals.set(currency, t);
  }

  return {
    by: dims,
    rows: groups.slice(input.offset, input.offset + input.limit).map((r): LedgerSummaryRow => {
      const key: Record<string, string | number | null> = {};
      for (const d of dims) key[d] = r[`d_${d}`] as string | number | null;
      return {
        key,
        currency: r.currency as string,
        lines: r.lines as number,
        quantity: r.quantity as number | null,
        quantityMissing: r.quantity_missing as number,
        billedCost: moneyText(r.billed as string),
        effectiveCost: moneyText(r.effective as string),
        listCost: r.list === null ? null : moneyText(r.list as string),
        listCostMissing: r.list_missing as number,
      };
    }),
    total: groups.length,
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({ currency, lines: t.lines, billedCost: nanosToDecimal(t.billed), effectiveCost: nanosToDecimal(t.effective) })),
  };
}

/** Distinct values of one dimension with line counts, most frequent first. */
export function ledgerValues(db: Database.Database, input: LedgerValuesInput): { values: { value: string | number | null; lines: number }[] } {
  const filters = [...input.filters];
  const where = buildWhere(filters);
  const column = dimensionColumn(input.field);
  const searchClause = input.search ? `${where.sql ? ' AND' : 'WHERE'} ${column} LIKE ? ESCAPE '\\'` : '';
  const params = [...where.params];
  if (input.search) params.push(`%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const values = db
    .prepare(`SELECT ${column} AS value, count(*) AS lines FROM ledger_lines ${where.sql}${searchClause} GROUP BY ${column} ORDER BY lines DESC, value ASC LIMIT ?`)
    .all(...params, input.limit) as { value: string | number | null; lines: number }[];
  return { values };
}
