import type { LedgerFilter } from '../../../shared/api/ledger';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
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
