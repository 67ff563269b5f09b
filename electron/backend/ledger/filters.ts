import type { LedgerFilter } from '../../../shared/api/ledger';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
import { KIND_COLUMNS } from '../workspace/migrations/011-ledger-kinds';
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
 * Where to read the lines with their kind's fields for these filters, and
 * the WHERE over it. With no filter on a kind's field, the ledger_lines view.
 * With one, the kinds first and their lines month by month (a ledger has no
 * index on the kind alone, migration 012: without the months SQLite would
 * read every line to find one model's). Every line's month is among the
 * months, so the lines are the same.
 */
export function linesWithKind(filters: readonly LedgerFilter[]): { from: string; where: SqlFragment } {
  const where = buildWhere(filters);
  if (!filters.some(isKindFilter)) return { from: 'ledger_lines', where };
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
