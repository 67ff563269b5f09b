import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { LedgerSummary, LedgerSummaryInput as LedgerSummaryInputSchema, LedgerSummaryRow } from '../../../shared/api/ledger';
import type { LedgerValuesInput } from './types';
import { dimensionColumn } from './columns';
import { buildWhere } from './filters';
import { moneyText } from './ledger-query';

type ParsedSummary = z.output<typeof LedgerSummaryInputSchema>;

const MEASURE_SQL: Record<string, string> = {
  currency: 'currency',
  lines: 'lines',
  quantity: 'quantity',
  billedCost: 'billed_nanos',
  effectiveCost: 'effective_nanos',
  listCost: 'list_nanos',
};

/**
 * Totals grouped by the asked dimensions and always by currency: money in
 * different currencies is never added together. SQLite sums INTEGER columns
 * exactly (and fails loudly on overflow), and the sums are read back as text.
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

  const groupedSql = `SELECT ${[...dimSql, 'currency'].join(', ')},
      count(*) AS lines, total(quantity) AS quantity,
      sum(billed_cost) AS billed_nanos,
      sum(coalesce(effective_cost, billed_cost)) AS effective_nanos,
      sum(list_cost) AS list_nanos
    FROM ledger_lines ${where.sql} GROUP BY ${groupSql}`;

  const rows = db
    .prepare(
      `SELECT *, CAST(billed_nanos AS TEXT) AS billed, CAST(effective_nanos AS TEXT) AS effective, CAST(list_nanos AS TEXT) AS list
       FROM (${groupedSql}) ORDER BY ${order.join(', ')} LIMIT ? OFFSET ?`,
    )
    .all(...where.params, input.limit, input.offset) as Record<string, unknown>[];
  const total = (db.prepare(`SELECT count(*) AS n FROM (${groupedSql})`).get(...where.params) as { n: number }).n;
  const totals = db
    .prepare(
      `SELECT currency, count(*) AS lines, CAST(sum(billed_cost) AS TEXT) AS billed, CAST(sum(coalesce(effective_cost, billed_cost)) AS TEXT) AS effective
       FROM ledger_lines ${where.sql} GROUP BY currency ORDER BY currency`,
    )
    .all(...where.params) as { currency: string; lines: number; billed: string; effective: string }[];

  return {
    by: dims,
    rows: rows.map((r): LedgerSummaryRow => {
      const key: Record<string, string | number | null> = {};
      for (const d of dims) key[d] = r[`d_${d}`] as string | number | null;
      return {
        key,
        currency: r.currency as string,
        lines: r.lines as number,
        quantity: r.quantity as number,
        billedCost: moneyText(r.billed as string),
        effectiveCost: moneyText(r.effective as string),
        listCost: r.list === null ? null : moneyText(r.list as string),
      };
    }),
    total,
    totals: totals.map((t) => ({ currency: t.currency, lines: t.lines, billedCost: moneyText(t.billed), effectiveCost: moneyText(t.effective) })),
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
