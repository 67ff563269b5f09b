import type { ReactNode } from 'react';
import { csvDocument } from '../../../../shared/domain/csv-text';
import { formatMoneyFixed, parseMoney, type Nanos } from '../../../../shared/domain/money';
import { amountText, currencyDecimals } from '../../../../shared/domain/money-text';
import { footTo, roundFooting, roundTotal, unitOf } from '../../../../shared/domain/rounding';
import { localDigits, numberFormat, withCurrencyCode } from '../../format/locale';
import { formatCount } from '../../format/money';

/**
 * The shared table's rules, apart from React so they can be tested alone:
 * what a column's value is for each type, how rows sort and filter, how money
 * columns foot, and what the CSV holds.
 *
 * - text: any text; month: "2026-10"; count: a whole number; quantity: any
 *   number; percent: a number of percent (12.5 means 12.5 %); money: an exact
 *   decimal string in the table's currency (the wire's Money).
 * - A money column with `total` is shown by the workbench's one rounding rule
 *   (shared/domain/rounding.ts): its rows rounded by largest remainder over
 *   every row of the table, so the rows as printed add up to the total
 *   printed; the rows keep those figures when sorted or filtered, and the
 *   footer's "shown" line adds up exactly the figures on screen.
 */
export type ColumnType = 'text' | 'month' | 'count' | 'quantity' | 'percent' | 'money';
export type CellValue = string | number | null;

export interface TableColumn<R> {
  id: string;
  header: string;
  type: ColumnType;
  value: (row: R) => CellValue;
  /** What the cell says when the type's own formatting will not do ("USD 12.00 (P10 …)"); the CSV keeps the plain value unless `csv` is given. */
  text?: (row: R) => string;
  /** The cell's content when it holds more than text (a link, a badge, a meter); `text` is what it is filtered on. */
  render?: (row: R, text: string) => ReactNode;
  /** What the CSV cell holds, when not the plain value. */
  csv?: (row: R) => CellValue;
  /** Money and count columns: add up in the footer. */
  total?: boolean;
  /**
   * A money column whose rows are in different currencies (an import per
   * file): each cell printed and exported in its row's currency, the CSV
   * header without one. Such a column never totals.
   */
  currency?: (row: R) => string;
  /** The cell that names the row (a th scope=row). */
  rowHeader?: boolean;
  className?: string;
  /** Narrower headers say more in a tooltip. */
  title?: string;
}

/**
 * Rows gathered under group rows (a provider over its models): each group row
 * carries the group's subtotals; money subtotals are footed to the table's
 * total by largest remainder and the group's rows to its subtotal, so every
 * level adds up to the level above as printed. Sorting orders the rows
 * within each group, and the groups by their subtotals (or their names).
 */
export interface TableGroups<R> {
  /** The group a row belongs to; groups come in the order of their first row. */
  key: (row: R) => string;
  /** The group's name, as its group row and the CSV say it. */
  label: (key: string) => string;
  /** The CSV column naming each row's group ("Provider"). */
  header: string;
}

export interface GroupModel {
  key: string;
  label: string;
  /** Rows of the group shown: filtered, then sorted. */
  shown: number[];
  /** Rows of the group in all. */
  size: number;
  /** The group row's figures, by column id: over the rows shown (with no filter, the group's footed subtotal). */
  subtotals: Map<string, string>;
}

export interface SortState {
  column: string;
  direction: 'ascending' | 'descending';
}

const NUMERIC: ReadonlySet<ColumnType> = new Set(['count', 'quantity', 'percent', 'money']);
export const isNumeric = (type: ColumnType): boolean => NUMERIC.has(type);

/** Money as the table prints it: the core's digits in the user's locale, with the currency code where the locale puts it (or none). */
function moneyCell(nanos: Nanos, currency: string, currencyCode: boolean): string {
  const digits = localDigits(amountText(nanos, currency));
  return currencyCode ? withCurrencyCode(digits, currency) : digits;
}

/** A value as the table prints it, without a currency's footing. */
export function formatValue(type: ColumnType, value: CellValue, currency: string, currencyCode = true): string {
  if (value === null || value === '') return '';
  switch (type) {
    case 'money':
      try {
        return moneyCell(parseMoney(String(value)), currency, currencyCode);
      } catch {
        return String(value);
      }
    case 'count':
      return formatCount(Number(value));
    case 'quantity':
      return numberFormat('qty', { maximumFractionDigits: 6 }).format(Number(value));
    case 'percent':
      return `${numberFormat('percent1', { maximumFractionDigits: 1 }).format(Number(value))}%`;
    default:
      return String(value);
  }
}

function nanosOf(value: CellValue): Nanos | null {
  if (value === null || value === '') return null;
  try {
    return parseMoney(String(value));
  } catch {
    return null;
  }
}

/** Ordering of two values of one column; blanks sort after everything either way (see `sortRows`). */
export function compareValues(type: ColumnType, a: CellValue, b: CellValue): number {
  if (type === 'money') {
    const x = nanosOf(a)!;
    const y = nanosOf(b)!;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isNumeric(type)) return Number(a) - Number(b);
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

const isBlank = (type: ColumnType, v: CellValue) => v === null || v === '' || (type === 'money' && nanosOf(v) === null) || (isNumeric(type) && type !== 'money' && !Number.isFinite(Number(v)));

/** Row indexes in the order asked; equal values keep the table's own order; blanks last in both directions. */
export function sortRows<R>(rows: readonly R[], columns: readonly TableColumn<R>[], sort: SortState | null): number[] {
  const order = rows.map((_r, i) => i);
  const column = sort && columns.find((c) => c.id === sort.column);
  if (!column || !sort) return order;
  const values = rows.map(column.value);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return order.sort((i, j) => {
    const a = values[i]!;
    const b = values[j]!;
    const blankA = isBlank(column.type, a);
    const blankB = isBlank(column.type, b);
    if (blankA || blankB) return blankA === blankB ? i - j : blankA ? 1 : -1;
    return sign * compareValues(column.type, a, b) || i - j;
  });
}

export type FilterTest = (value: CellValue, text: string) => boolean;

const COMPARISON = /^(>=|<=|≥|≤|>|<|=)\s*(-?[\d,]*\.?\d+)\s*%?$/;
const RANGE = /^(-?[\d,]*\.?\d+)\s*(?:\.\.|–|to)\s*(-?[\d,]*\.?\d+)$/;

/**
 * What a filter box asks. Every column: the cell's text contains it (any
 * case). Number and money columns also read a comparison on the value
 * itself: "> 100", "<= 0", "= 12.5", "10..20" (both ends included); money
 * compares exactly, in nano-units.
 */
export function parseFilter(type: ColumnType, query: string): FilterTest | null {
  const q = query.trim();
  // Numbers typed the locale's way ("> 1.234,5" in de-DE) read as the core's ("> 1,234.5").
  const decimalSign = localDigits('.');
  const typed = decimalSign === '.' ? q : q.split('..').map((part) => part.replace(/[.,]/g, (c) => (c === decimalSign ? '.' : ','))).join('..');
  if (q === '') return null;
  if (isNumeric(type)) {
    const toKey = (n: string): Nanos | null => nanosOf(n.replace(/,/g, ''));
    const keyOf = (v: CellValue): Nanos | null => (v === null || v === '' ? null : type === 'money' ? nanosOf(v) : nanosOf(String(v)) ?? (Number.isFinite(Number(v)) ? parseMoney(Number(v).toFixed(9)) : null));
    const cmp = COMPARISON.exec(typed);
    if (cmp) {
      const bound = toKey(cmp[2]!)!;
      const op = cmp[1]!;
      return (value) => {
        const v = keyOf(value);
        if (v === null) return false;
        if (op === '>') return v > bound;
        if (op === '<') return v < bound;
        if (op === '>=' || op === '≥') return v >= bound;
        if (op === '<=' || op === '≤') return v <= bound;
        return v === bound;
      };
    }
    const range = RANGE.exec(typed);
    if (range) {
      const a = toKey(range[1]!)!;
      const b = toKey(range[2]!)!;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      return (value) => {
        const v = keyOf(value);
        return v !== null && v >= lo && v <= hi;
      };
    }
  }
  const needle = q.toLocaleLowerCase('en');
  return (_value, text) => text.toLocaleLowerCase('en').includes(needle);
}

export interface TableModel {
  /** Each row's cell texts, by column id, in the table's own row order. */
  texts: Map<string, string>[];
  /** The footed money of each row (nano-units), for the columns that total. */
  footed: Map<string, Nanos[]>;
  /** Row indexes shown: filtered, then sorted. */
  shown: number[];
  /** The footer: each totalling column's total over all rows, and over the rows shown. */
  totals: Map<string, { all: string; shown: string; allValue: string; shownValue: string }>;
  /** With groups: each group with rows shown, in the order shown. */
  groups: GroupModel[] | null;
}

/** Each row's group index, and the groups' keys in the order of their first row. */
function groupIndex<R>(rows: readonly R[], groups: TableGroups<R>): { of: number[]; keys: string[] } {
  const keys: string[] = [];
  const seen = new Map<string, number>();
  const of = rows.map((r) => {
    const k = groups.key(r);
    let g = seen.get(k);
    if (g === undefined) {
      g = keys.length;
      seen.set(k, g);
      keys.push(k);
    }
    return g;
  });
  return { of, keys };
}

/** Rounded rows of a money column: footed over the whole table, or with groups, groups footed to the total and rows to their group. */
function footColumn(exact: readonly Nanos[], decimals: number, grouping: { of: number[]; keys: string[] } | null): Nanos[] {
  if (!grouping) return roundFooting(exact, decimals);
  const sums = grouping.keys.map(() => 0n);
  exact.forEach((a, i) => (sums[grouping.of[i]!] = sums[grouping.of[i]!]! + a));
  const subtotals = roundFooting(sums, decimals);
  const out: Nanos[] = new Array<Nanos>(exact.length).fill(0n);
  grouping.keys.forEach((_k, g) => {
    const members = exact.map((_a, i) => i).filter((i) => grouping.of[i] === g);
    const parts = footTo(
      members.map((i) => exact[i]!),
      subtotals[g]!,
      unitOf(decimals),
    );
    members.forEach((i, j) => (out[i] = parts[j]!));
  });
  return out;
}

/** Everything a render needs from rows, columns, the filters and the sort. */
export function buildTable<R>(
  rows: readonly R[],
  columns: readonly TableColumn<R>[],
  currency: string,
  filters: Readonly<Record<string, string>>,
  sort: SortState | null,
  /** False: money cells without the currency code (a wide table whose caption names it). */
  currencyCode = true,
  groups?: TableGroups<R>,
): TableModel {
  const decimals = currencyDecimals(currency);
  const grouping = groups ? groupIndex(rows, groups) : null;
  const footed = new Map<string, Nanos[]>();
  for (const c of columns) {
    if (c.type !== 'money' || !c.total || c.currency) continue;
    footed.set(c.id, footColumn(rows.map((r) => nanosOf(c.value(r)) ?? 0n), decimals, grouping));
  }
  const texts = rows.map((row, i) => {
    const m = new Map<string, string>();
    for (const c of columns) {
      const parts = footed.get(c.id);
      const value = c.value(row);
      m.set(c.id, c.text ? c.text(row) : parts && value !== null && value !== '' ? moneyCell(parts[i]!, currency, currencyCode) : formatValue(c.type, value, c.currency ? c.currency(row) : currency, currencyCode || c.currency !== undefined));
    }
    return m;
  });
  const tests = columns.map((c) => [c, parseFilter(c.type, filters[c.id] ?? '')] as const).filter(([, t]) => t !== null) as [TableColumn<R>, FilterTest][];
  const sorted = sortRows(rows, columns, sort);
  const shown = tests.length === 0 ? sorted : sorted.filter((i) => tests.every(([c, t]) => t(c.value(rows[i]!), texts[i]!.get(c.id)!)));
  const totals = new Map<string, { all: string; shown: string; allValue: string; shownValue: string }>();
  for (const c of columns) {
    if (!c.total || c.currency) continue;
    const parts = footed.get(c.id);
    if (parts) {
      // The total is the exact sum rounded once; the rows shown add up their printed (footed) figures, exactly.
      const all = roundTotal(rows.map((r) => nanosOf(c.value(r)) ?? 0n), decimals);
      let sum = 0n;
      for (const i of shown) sum += parts[i]!;
      totals.set(c.id, { all: moneyCell(all, currency, currencyCode), shown: moneyCell(sum, currency, currencyCode), allValue: formatMoneyFixed(all, decimals), shownValue: formatMoneyFixed(sum, decimals) });
    } else {
      const add = (idx: Iterable<number>) => {
        let s = 0;
        for (const i of idx) s += Number(c.value(rows[i]!) ?? 0);
        return s;
      };
      const all = add(rows.keys());
      const sum = add(shown);
      totals.set(c.id, { all: formatValue(c.type, all, currency), shown: formatValue(c.type, sum, currency), allValue: String(all), shownValue: String(sum) });
    }
  }
  return { texts, footed, shown, totals, groups: grouping && groups ? groupModels(rows, columns, currency, currencyCode, sort, shown, footed, grouping, groups) : null };
}

/** The groups shown, each with its rows in the sorted order and its figures over them; ordered by the sorted column's subtotals or names. */
function groupModels<R>(
  rows: readonly R[],
  columns: readonly TableColumn<R>[],
  currency: string,
  currencyCode: boolean,
  sort: SortState | null,
  shown: readonly number[],
  footed: ReadonlyMap<string, Nanos[]>,
  grouping: { of: number[]; keys: string[] },
  groups: TableGroups<R>,
): GroupModel[] {
  const members = grouping.keys.map(() => [] as number[]);
  for (const i of shown) members[grouping.of[i]!]!.push(i);
  const sizes = grouping.keys.map(() => 0);
  for (const g of grouping.of) sizes[g]! += 1;
  const sums = members.map((idx) => {
    const m = new Map<string, { text: string; key: Nanos | number }>();
    for (const c of columns) {
      if (!c.total || c.currency) continue;
      const parts = footed.get(c.id);
      if (parts) {
        let sum = 0n;
        for (const i of idx) sum += parts[i]!;
        m.set(c.id, { text: moneyCell(sum, currency, currencyCode), key: sum });
      } else {
        let sum = 0;
        for (const i of idx) sum += Number(c.value(rows[i]!) ?? 0);
        m.set(c.id, { text: formatValue(c.type, sum, currency), key: sum });
      }
    }
    return m;
  });
  const order = grouping.keys.map((_k, g) => g).filter((g) => members[g]!.length > 0);
  const column = sort && columns.find((c) => c.id === sort.column);
  if (sort && column) {
    const sign = sort.direction === 'ascending' ? 1 : -1;
    const byName = column === columns[0] || column.rowHeader;
    if (column.total || byName) {
      order.sort((a, b) => {
        if (byName) return sign * groups.label(grouping.keys[a]!).localeCompare(groups.label(grouping.keys[b]!), 'en', { numeric: true, sensitivity: 'base' }) || a - b;
        const x = sums[a]!.get(column.id)!.key;
        const y = sums[b]!.get(column.id)!.key;
        return sign * (x < y ? -1 : x > y ? 1 : 0) || a - b;
      });
    }
  }
  return order.map((g) => ({
    key: grouping.keys[g]!,
    label: groups.label(grouping.keys[g]!),
    shown: members[g]!,
    size: sizes[g]!,
    subtotals: new Map([...sums[g]!].map(([id, v]) => [id, v.text])),
  }));
}

/** Row indexes in the order the table prints them: group by group when grouped. */
export function printedOrder(model: TableModel): number[] {
  return model.groups ? model.groups.flatMap((g) => g.shown) : model.shown;
}

/**
 * The CSV of the rows shown, in their order: plain numbers (money at the
 * currency's decimals, footed as shown), text guarded against formulas. A
 * grouped table writes its group's name first on every row, and no subtotal
 * rows (a spreadsheet sums them from the rows).
 */
export function tableCsv<R>(rows: readonly R[], columns: readonly TableColumn<R>[], currency: string, model: TableModel, groups?: TableGroups<R>): string {
  const decimals = currencyDecimals(currency);
  const header = columns.map((c) => (c.type === 'money' && !c.currency ? `${c.header} (${currency})` : c.type === 'percent' ? `${c.header} (%)` : c.header));
  const grouped = groups && model.groups;
  const body = printedOrder(model).map((i) => {
    const row = rows[i]!;
    const cells = columns.map((c): CellValue => {
      if (c.csv) return c.csv(row);
      const value = c.value(row);
      if (value === null || value === '') return null;
      const parts = model.footed.get(c.id);
      if (parts) return formatMoneyFixed(parts[i]!, decimals);
      if (c.type === 'money') {
        const n = nanosOf(value);
        return n === null ? String(value) : formatMoneyFixed(n, c.currency ? currencyDecimals(c.currency(row)) : decimals);
      }
      if (c.type === 'text' || c.type === 'month') return model.texts[i]!.get(c.id)!;
      return value;
    });
    return grouped ? [groups.label(groups.key(row)), ...cells] : cells;
  });
  return csvDocument(grouped ? [groups.header, ...header] : header, body);
}
