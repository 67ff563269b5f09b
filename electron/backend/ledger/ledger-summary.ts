import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { LedgerDimension, LedgerFilter, LedgerSummary, LedgerSummaryInput as LedgerSummaryInputSchema, LedgerSummaryRow } from '../../../shared/api/ledger';
import type { LedgerValuesInput } from './types';
import { dimensionColumn } from './columns';
import { KIND_COLUMNS } from '../workspace/migrations/011-ledger-kinds';
import { linesWithKind, rowsWhere, type SqlFragment } from './filters';
import { moneyText } from './ledger-query';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';
import { currencyDecimals } from '../../../shared/domain/money-text';
import { footPerCurrency } from '../../../shared/domain/rounding';

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

const KIND_SQL = new Set<string>(KIND_COLUMNS);

/**
 * The totals of the lines in view when they are all in one currency (the
 * usual case), in one pass without grouping: GROUP BY currency sorts every
 * matching line first, which doubled the status bar's wait on a quarter of a
 * million lines. Null when the lines hold several currencies: the caller
 * groups them, so money in different currencies is still never added up.
 */
function singleCurrencyTotal(db: Database.Database, lines: { from: string; where: SqlFragment }, measures: string, asText: string): Record<string, unknown>[] | null {
  const row = db.prepare(`SELECT *, ${asText} FROM (SELECT min(currency) AS currency, max(currency) AS currency_last, ${measures} FROM ${lines.from} ${lines.where.sql})`).get(...lines.where.params) as Record<string, unknown>;
  if (row.lines === 0) return [];
  if (row.currency !== row.currency_last) return null;
  delete row.currency_last;
  return [row];
}

const LINE_MEASURES = `count(*) AS lines, CASE WHEN count(quantity) > 0 THEN total(quantity) END AS quantity, count(*) - count(quantity) AS quantity_missing,
               sum(list_cost IS NULL AND charge_category = 'usage') AS list_missing,
               sum(billed_cost) AS billed_nanos,
               sum(coalesce(effective_cost, billed_cost)) AS effective_nanos,
               sum(list_cost) AS list_nanos,
               count(*) - count(list_cost) AS without_list`;

/** The same measures added up from the per-month-and-kind parts of KIND_PARTS (a kind has one charge category). */
const FOLDED_MEASURES = `ifnull(sum(n), 0) AS lines, CASE WHEN sum(with_quantity) > 0 THEN total(quantity) END AS quantity, sum(n) - sum(with_quantity) AS quantity_missing,
               sum(CASE WHEN charge_category = 'usage' THEN without_list ELSE 0 END) AS list_missing,
               sum(billed) AS billed_nanos,
               sum(effective) AS effective_nanos,
               sum(list) AS list_nanos,
               sum(without_list) AS without_list`;

const KIND_PARTS = `count(*) AS n, count(quantity) AS with_quantity, total(quantity) AS quantity, count(*) - count(list_cost) AS without_list,
  sum(billed_cost) AS billed, sum(coalesce(effective_cost, billed_cost)) AS effective, sum(list_cost) AS list`;

/**
 * What a summary reads. Grouped by the month and the kind's fields only (the
 * usual case: month, provider, model, account, currency), the lines are
 * first added up per month and kind over the narrow rows, in the month ×
 * kind index's order without a sort, and the few thousand parts then joined
 * to their kinds and added up per group: no line is joined to its kind one
 * by one. Any other dimension (import, resource…) reads the lines with
 * their kinds.
 */
function summarySource(filters: readonly LedgerFilter[], dims: readonly LedgerDimension[]): { lines: { from: string; where: SqlFragment }; measures: string } {
  const kindFirst = dims.every((d) => dimensionColumn(d) === 'month' || KIND_SQL.has(dimensionColumn(d)));
  if (!kindFirst) return { lines: linesWithKind(filters), measures: LINE_MEASURES };
  const rows = rowsWhere(filters);
  const parts = `(SELECT p.*, ${[...KIND_COLUMNS].map((c) => `k.${c}`).join(', ')}
    FROM (SELECT month, kind_id, ${KIND_PARTS} FROM ledger_rows ${rows.sql} GROUP BY month, kind_id) p LEFT JOIN ledger_kinds k ON k.id = p.kind_id)`;
  return { lines: { from: parts, where: { sql: '', params: rows.params } }, measures: FOLDED_MEASURES };
}

/**
 * Totals grouped by the asked dimensions and always by currency: money in
 * different currencies is never added together. SQLite sums INTEGER columns
 * exactly (and fails loudly on overflow) and the sums are read back as text.
 * One pass over the lines: the groups are sorted and paged here, and the
 * grand totals are the exact (bigint) sum of the groups.
 */
export function summariseLedger(db: Database.Database, input: ParsedSummary): LedgerSummary {
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

  const { lines, measures } = summarySource(input.filters, dims);
  const asText = 'CAST(billed_nanos AS TEXT) AS billed, CAST(effective_nanos AS TEXT) AS effective, CAST(list_nanos AS TEXT) AS list';
  const groups = (dims.length === 0 ? singleCurrencyTotal(db, lines, measures, asText) : null) ??
    (db
      .prepare(
        `SELECT *, ${asText}
       FROM (SELECT ${[...dimSql, 'currency'].join(', ')}, ${measures}
             FROM ${lines.from} ${lines.where.sql} GROUP BY ${groupSql})
       ORDER BY ${order.join(', ')} LIMIT ${MAX_GROUPS + 1}`,
      )
      .all(...lines.where.params) as Record<string, unknown>[]);
  if (groups.length > MAX_GROUPS) {
    throw new WorkbenchError('bad_input', `more than ${MAX_GROUPS} groups; group by fewer dimensions or filter first`, { field: 'by' });
  }

  // Footing is done in the groups' own order (dimensions, then currency), not the screen's sort: the
  // cent a tie hands out stays with the same group whichever column the analyst sorts by.
  const canonical = groups.map((_g, i) => i).sort((a, b) => compareGroups(groups[a]!, groups[b]!, dims));
  const foot = (column: 'billed' | 'effective' | 'list') => {
    // A month is rounded on its own, as on every screen; the groups inside a month foot to it.
    const period = (g: Record<string, unknown>) => (dims.includes('month') ? String(g.d_month ?? '') : null);
    const parts = canonical.map((i) => ({ currency: groups[i]!.currency as string, amount: groups[i]![column] === null ? null : BigInt(groups[i]![column] as string), period: period(groups[i]!) }));
    const { shown, totals, partsAddUpTo } = footPerCurrency(parts);
    const byGroup: (bigint | null)[] = groups.map(() => null);
    canonical.forEach((g, k) => (byGroup[g] = shown[k]!));
    return { byGroup, totals, partsAddUpTo };
  };
  const billed = foot('billed');
  const effective = foot('effective');
  const list = foot('list');

  const totals = new Map<string, { lines: number; quantity: number; billed: bigint; effective: bigint; list: bigint | null; withoutList: number }>();
  for (const g of groups) {
    const currency = g.currency as string;
    const t = totals.get(currency) ?? { lines: 0, quantity: 0, billed: 0n, effective: 0n, list: null, withoutList: 0 };
    t.lines += g.lines as number;
    t.quantity += g.quantity as number;
    t.billed += BigInt(g.billed as string);
    t.effective += BigInt(g.effective as string);
    if (g.list !== null) t.list = (t.list ?? 0n) + BigInt(g.list as string);
    t.withoutList += g.without_list as number;
    totals.set(currency, t);
  }
  const shownText = (nanos: bigint | null | undefined, currency: string) => (nanos === null || nanos === undefined ? null : nanosToDecimal(nanos, currencyDecimals(currency)));

  return {
    by: dims,
    rows: groups.slice(input.offset, input.offset + input.limit).map((r, k): LedgerSummaryRow => {
      const i = input.offset + k;
      const currency = r.currency as string;
      const key: Record<string, string | number | null> = {};
      for (const d of dims) key[d] = r[`d_${d}`] as string | number | null;
      return {
        key,
        currency,
        lines: r.lines as number,
        quantity: r.quantity as number | null,
        quantityMissing: r.quantity_missing as number,
        billedCost: moneyText(r.billed as string),
        effectiveCost: moneyText(r.effective as string),
        listCost: r.list === null ? null : moneyText(r.list as string),
        shown: { billedCost: shownText(billed.byGroup[i], currency)!, effectiveCost: shownText(effective.byGroup[i], currency)!, listCost: shownText(list.byGroup[i], currency) },
        listCostMissing: r.list_missing as number,
      };
    }),
    total: groups.length,
    totals: [...totals.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, t]) => ({
        currency,
        lines: t.lines,
        quantity: t.quantity,
        billedCost: nanosToDecimal(t.billed),
        effectiveCost: nanosToDecimal(t.effective),
        listCost: t.list === null ? null : nanosToDecimal(t.list),
        linesWithoutListCost: t.withoutList,
        shown: { billedCost: shownText(billed.totals.get(currency), currency)!, effectiveCost: shownText(effective.totals.get(currency), currency)!, listCost: shownText(list.totals.get(currency) ?? null, currency) },
        groupsAddUpTo: {
          billedCost: shownText(billed.partsAddUpTo.get(currency), currency)!,
          effectiveCost: shownText(effective.partsAddUpTo.get(currency), currency)!,
          listCost: shownText(list.partsAddUpTo.get(currency) ?? null, currency),
        },
      })),
  };
}

/** The groups' natural order: by each dimension (blank first), then currency. */
function compareGroups(a: Record<string, unknown>, b: Record<string, unknown>, dims: readonly string[]): number {
  for (const d of [...dims.map((x) => `d_${x}`), 'currency']) {
    const x = a[d] as string | number | null;
    const y = b[d] as string | number | null;
    if (x === y) continue;
    if (x === null) return -1;
    if (y === null) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return 0;
}

/**
 * Distinct values of one dimension with line counts, most frequent first.
 * A field of the line's kind (provider, model, account…) is counted by month
 * and kind over the narrow rows first (in the month × kind index's order, no
 * sort), then the kinds' values joined and added up: a kind's fields are the
 * same on each of its lines, so the filters on them pick the kinds whose
 * lines are counted, a seek per month and kind (a million FOCUS lines: the
 * models' list about 40 ms against 380 ms through the view; migrations 011,
 * 012).
 */
export function ledgerValues(db: Database.Database, input: LedgerValuesInput): { values: { value: string | number | null; lines: number }[] } {
  const filters = [...input.filters];
  const column = dimensionColumn(input.field);
  const search = input.search ? `%${input.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const and = (where: string) => (where ? ' AND' : 'WHERE');
  if (KIND_SQL.has(column)) {
    // The rows of the kinds the filters pick (rowsWhere), counted per month and kind; the search applies to the kinds.
    const rows = rowsWhere(filters);
    const searchClause = search === null ? '' : `WHERE k.${column} LIKE ? ESCAPE '\\'`;
    const values = db
      .prepare(
        `SELECT k.${column} AS value, sum(g.n) AS lines
         FROM (SELECT kind_id, count(*) AS n FROM ledger_rows ${rows.sql} GROUP BY month, kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id
         ${searchClause} GROUP BY k.${column} ORDER BY lines DESC, value ASC LIMIT ?`,
      )
      .all(...rows.params, ...(search === null ? [] : [search]), input.limit) as { value: string | number | null; lines: number }[];
    return { values };
  }
  const { from, where } = linesWithKind(filters);
  const searchClause = search === null ? '' : `${and(where.sql)} ${column} LIKE ? ESCAPE '\\'`;
  const params = [...where.params];
  if (search !== null) params.push(search);
  const values = db
    .prepare(`SELECT ${column} AS value, count(*) AS lines FROM ${from} ${where.sql}${searchClause} GROUP BY ${column} ORDER BY lines DESC, value ASC LIMIT ?`)
    .all(...params, input.limit) as { value: string | number | null; lines: number }[];
  return { values };
}
