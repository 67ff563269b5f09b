import type { LedgerFilter } from '../../../shared/api/ledger';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
import { epochOfInstant, epochParam, instantOfEpoch } from '../../../shared/domain/epoch';
import { KIND_COLUMNS } from '../workspace/migrations/011-ledger-kinds';
import { PERIOD_SQL } from '../workspace/migrations/014-period-epochs';
import { LEDGER_COLUMNS, type ColumnKind } from './columns';

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/** A filter value as SQLite should compare it with a column of this kind. */
function bindValue(kind: ColumnKind, value: string | number, field: string): unknown {
  switch (kind) {
    case 'money':
      try {
        return parseMoney(String(value));
      } catch {
        throw new WorkbenchError('bad_input', `a money filter needs a decimal amount such as 12.50, not "${value}"`, { field });
      }
    case 'instant':
      return String(value);
    case 'integer':
    case 'real': {
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) throw new WorkbenchError('bad_input', `a number filter needs a number, not "${value}"`, { field });
      return n;
    }
    default:
      return String(value);
  }
}

const COMPARISONS = { eq: '=', neq: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/** LIKE patterns treat % and _ as wildcards: escape them so "gpt_4" means the text gpt_4. */
function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function buildWhere(filters: readonly LedgerFilter[]): SqlFragment {
  const clauses: string[] = [];
  const params: unknown[] = [];
  for (const filter of filters) {
    if (filter.op === 'tagEquals') {
      clauses.push("json_extract(tags, '$.' || json_quote(?)) = ?");
      params.push(filter.key, filter.value);
      continue;
    }
    const period = LEDGER_COLUMNS[filter.field].kind === 'instant' ? periodClause(LEDGER_COLUMNS[filter.field].sql, filter) : null;
    if (period) {
      clauses.push(period.sql);
      params.push(...period.params);
      continue;
    }
    const column = LEDGER_COLUMNS[filter.field];
    switch (filter.op) {
      case 'eq':
      case 'neq':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        clauses.push(`${column.sql} ${COMPARISONS[filter.op]} ?`);
        params.push(bindValue(column.kind, filter.value, filter.field));
        break;
      case 'in':
        clauses.push(`${column.sql} IN (${filter.values.map(() => '?').join(', ')})`);
        for (const v of filter.values) params.push(bindValue(column.kind, v, filter.field));
        break;
      case 'contains':
        clauses.push(`${column.sql} LIKE ? ESCAPE '\\'`);
        params.push(`%${likeEscape(filter.value)}%`);
        break;
      case 'startsWith':
        clauses.push(`${column.sql} LIKE ? ESCAPE '\\'`);
        params.push(`${likeEscape(filter.value)}%`);
        break;
      case 'blank':
        clauses.push(column.kind === 'text' ? `(${column.sql} IS NULL OR ${column.sql} = '')` : `${column.sql} IS NULL`);
        break;
      case 'notBlank':
        clauses.push(column.kind === 'text' ? `(${column.sql} IS NOT NULL AND ${column.sql} != '')` : `${column.sql} IS NOT NULL`);
        break;
    }
  }
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * A filter on the charge period, whose column holds epoch seconds
 * (migration 014), as the comparison of numbers the period index serves,
 * with the lines the comparison of the period's text picked before. A
 * value that is an instant ("2026-03-01T00:00:00Z", the grid's date
 * filter) compares as its epoch; a shorter value ("2026-03-01", "2026-03")
 * is a text every instant of it sorts after, so "at or after" it means
 * from its first instant on and "equal" to it means no line. Any other
 * value (and contains, startsWith) compares the period's text, line by
 * line. null: not a filter of that kind.
 */
function periodClause(column: string, filter: LedgerFilter): SqlFragment | null {
  const text = PERIOD_SQL.instant(column);
  switch (filter.op) {
    case 'eq':
    case 'neq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const value = String(filter.value);
      const exact = epochOfInstant(value);
      if (!Number.isNaN(exact)) return { sql: `${column} ${COMPARISONS[filter.op]} ?`, params: [epochParam(exact)] };
      const first = firstInstantOf(value);
      if (first === null) return { sql: `${text} ${COMPARISONS[filter.op]} ?`, params: [value] };
      // No instant's text equals a prefix; every instant's text after it sorts after it.
      if (filter.op === 'eq') return { sql: '0', params: [] };
      if (filter.op === 'neq') return { sql: '1', params: [] };
      return { sql: `${column} ${filter.op === 'gt' || filter.op === 'gte' ? '>=' : '<'} ?`, params: [epochParam(first)] };
    }
    case 'in': {
      const epochs = filter.values.map((v) => epochOfInstant(String(v)));
      if (epochs.some((e) => Number.isNaN(e))) return { sql: `${text} IN (${filter.values.map(() => '?').join(', ')})`, params: filter.values.map(String) };
      return { sql: `${column} IN (${epochs.map(() => '?').join(', ')})`, params: epochs.map(epochParam) };
    }
    case 'contains':
    case 'startsWith':
      return { sql: `${text} LIKE ? ESCAPE '\\'`, params: [filter.op === 'contains' ? `%${likeEscape(filter.value)}%` : `${likeEscape(filter.value)}%`] };
    case 'blank':
      return { sql: `${column} IS NULL`, params: [] };
    case 'notBlank':
      return { sql: `${column} IS NOT NULL`, params: [] };
    default:
      return null;
  }
}

/** The first instant whose text sorts at or after a leading part of one ("2026", "2026-03", "2026-03-01", "2026-03-01T10:00"); null for other text. */
function firstInstantOf(value: string): number | null {
  const filled = value + '0000-01-01T00:00:00Z'.slice(value.length);
  if (!/^\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?$/.test(value) || value.length !== 4 && value.length % 3 !== 1) return null;
  const epoch = epochOfInstant(filled);
  // A leading part that names no real day or time ("2026-13", "2026-02-30") falls back to the text.
  return Number.isNaN(epoch) || instantOfEpoch(epoch) !== filled ? null : epoch;
}

const KIND_SQL = new Set<string>(KIND_COLUMNS);

/** A filter on a field of the line's kind (provider, model, account, currency…), which every line of the kind shares. */
export const isKindFilter = (f: LedgerFilter): boolean => f.op !== 'tagEquals' && KIND_SQL.has(LEDGER_COLUMNS[f.field].sql);

/**
 * The months the ledger holds, one index seek each on the month × kind
 * index (a loose index scan: the next month is the least one after the
 * last), so a handful of seeks rather than a pass over the lines.
 */
export const LEDGER_MONTHS_SQL = `WITH RECURSIVE held(month) AS (
    SELECT min(month) FROM ledger_rows
    UNION ALL SELECT (SELECT min(month) FROM ledger_rows WHERE month > held.month) FROM held WHERE held.month IS NOT NULL)
  SELECT month FROM held WHERE month IS NOT NULL`;

/**
 * The lines as the ledger_lines view shows them, read kind first: CROSS JOIN
 * keeps SQLite from reordering, so the filters on the kind's fields pick the
 * kinds (a few hundred rows) and each kind's lines are then sought on the
 * month × kind index. INDEXED BY keeps SQLite, which has no statistics,
 * from building a throwaway index on the kind over every line instead (it
 * did inside the export's subquery and under a sort by model: 1.5–2.5 s on a
 * million lines).
 */
const KINDS_THEN_LINES_SQL = `(SELECT r.*, ${[...KIND_COLUMNS, 'cost_basis'].map((c) => `k.${c}`).join(', ')}
  FROM ledger_kinds k CROSS JOIN ledger_rows r INDEXED BY ledger_rows_month_kind ON r.kind_id = k.id)`;

/**
 * The lines as the ledger_lines view shows them but for the charge period,
 * left as ledger_rows holds it (epoch seconds, migration 014), so that the
 * filters and sorts on it compare numbers on the period index.
 */
const LINES_SQL = `(SELECT r.*, ${[...KIND_COLUMNS, 'cost_basis'].map((c) => `k.${c}`).join(', ')}
  FROM ledger_rows r LEFT JOIN ledger_kinds k ON k.id = r.kind_id)`;

/**
 * Where to read the lines with their kind's fields for these filters, and
 * the WHERE over it. With no filter on a kind's field, the lines and their kinds (LINES_SQL).
 * With one, the kinds first and their lines month by month (a ledger has no
 * index on the kind alone, migration 012: without the months SQLite would
 * read every line to find one model's). Every line's month is among the
 * months, so the lines are the same.
 */
export function linesWithKind(filters: readonly LedgerFilter[]): { from: string; where: SqlFragment } {
  const where = buildWhere(filters);
  if (!filters.some(isKindFilter)) return { from: LINES_SQL, where };
  return { from: KINDS_THEN_LINES_SQL, where: { sql: `${where.sql} AND month IN (${LEDGER_MONTHS_SQL})`, params: where.params } };
}

/**
 * The filters over ledger_rows alone: a filter on a kind's field becomes
 * the kinds it picks, their lines found by (month, kind) on the month × kind
 * index, a seek per month the ledger holds and kind.
 */
export function rowsWhere(filters: readonly LedgerFilter[]): SqlFragment {
  const rows = buildWhere(filters.filter((f) => !isKindFilter(f)));
  const kindFilters = filters.filter(isKindFilter);
  if (kindFilters.length === 0) return rows;
  const kinds = buildWhere(kindFilters);
  const clause = `month IN (${LEDGER_MONTHS_SQL}) AND kind_id IN (SELECT id FROM ledger_kinds ${kinds.sql})`;
  return { sql: rows.sql ? `${rows.sql} AND ${clause}` : `WHERE ${clause}`, params: [...rows.params, ...kinds.params] };
}
