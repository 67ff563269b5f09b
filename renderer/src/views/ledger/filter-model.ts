import type { LedgerField, LedgerFilter } from '../../../../shared/api/ledger';
import { nextDay, startOfDay } from '../../../../shared/domain/calendar';

/**
 * How a grid column filters: the filter UI it offers and how its values go
 * to the API. Money is compared exactly on the server, so its bound is sent
 * as decimal text, never as a float.
 */
export type FilterKind = 'text' | 'number' | 'money' | 'date';

/** The options each kind offers in the grid: exactly those the API can answer (it ANDs filters; no OR, no "ends with"). */
export const FILTER_OPTIONS: Record<FilterKind, string[]> = {
  text: ['contains', 'equals', 'notEqual', 'startsWith', 'blank', 'notBlank'],
  number: ['equals', 'notEqual', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank'],
  money: ['equals', 'notEqual', 'greaterThan', 'greaterThanOrEqual', 'lessThan', 'lessThanOrEqual', 'inRange', 'blank', 'notBlank'],
  date: ['equals', 'greaterThan', 'lessThan', 'inRange'],
};

/** The parts of AG Grid's simple filter models we read (text, number and date filters). */
interface SimpleModel {
  filterType?: string;
  type?: string | null;
  filter?: string | number | null;
  filterTo?: string | number | null;
  dateFrom?: string | null;
  dateTo?: string | null;
}

interface CombinedModel {
  filterType?: string;
  operator: 'AND' | 'OR';
  conditions: SimpleModel[];
}

export class UnsupportedFilterError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

const SCALAR_OPS: Record<string, 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte'> = {
  equals: 'eq',
  notEqual: 'neq',
  greaterThan: 'gt',
  greaterThanOrEqual: 'gte',
  lessThan: 'lt',
  lessThanOrEqual: 'lte',
};

/**
 * A number typed into the grid's number filter, as decimal text for an exact
 * money comparison. JavaScript prints a double by its shortest round-trip
 * digits, which are the digits the user typed; only exponent notation needs
 * spelling out.
 */
export function decimalText(value: number, field: string): string {
  if (!Number.isFinite(value)) throw new UnsupportedFilterError(`"${value}" is not an amount`, field);
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Math.abs(value) < 1) return value.toFixed(9).replace(/0+$/, '').replace(/\.$/, '');
  return BigInt(Math.round(value)).toString();
}

/** "2026-05-24 00:00:00" (the grid's date model) → "2026-05-24". */
function dayOf(text: string | null | undefined, field: string): string {
  const day = text?.slice(0, 10) ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new UnsupportedFilterError('choose a date', field);
  return day;
}

function scalarValue(kind: FilterKind, value: string | number | null | undefined, field: string): string | number {
  if (value === null || value === undefined || value === '') throw new UnsupportedFilterError('enter a value', field);
  if (kind === 'money') return typeof value === 'number' ? decimalText(value, field) : value;
  return value;
}

function simpleToFilters(field: LedgerField, kind: FilterKind, model: SimpleModel): LedgerFilter[] {
  const type = model.type ?? '';
  if (type === 'blank' || type === 'notBlank') return [{ field, op: type }];

  if (kind === 'date') {
    const from = dayOf(model.dateFrom, field);
    switch (type) {
      case 'equals':
        return [
          { field, op: 'gte', value: startOfDay(from) },
          { field, op: 'lt', value: startOfDay(nextDay(from)) },
        ];
      case 'greaterThan':
        return [{ field, op: 'gte', value: startOfDay(nextDay(from)) }];
      case 'lessThan':
        return [{ field, op: 'lt', value: startOfDay(from) }];
      case 'inRange': {
        const to = dayOf(model.dateTo, field);
        // Both days included, as a person reads "from 1 May to 31 May".
        return [
          { field, op: 'gte', value: startOfDay(from) },
          { field, op: 'lt', value: startOfDay(nextDay(to)) },
        ];
      }
      default:
        throw new UnsupportedFilterError(`the date filter "${type}" is not supported`, field);
    }
  }

  if (kind === 'text') {
    const text = typeof model.filter === 'string' ? model.filter : String(model.filter ?? '');
    if (text === '') throw new UnsupportedFilterError('enter some text', field);
    switch (type) {
      case 'contains':
        return [{ field, op: 'contains', value: text }];
      case 'startsWith':
        return [{ field, op: 'startsWith', value: text }];
      case 'equals':
        return [{ field, op: 'eq', value: text }];
      case 'notEqual':
        return [{ field, op: 'neq', value: text }];
      default:
        throw new UnsupportedFilterError(`the text filter "${type}" is not supported`, field);
    }
  }

  if (type === 'inRange') {
    return [
      { field, op: 'gte', value: scalarValue(kind, model.filter, field) },
      { field, op: 'lte', value: scalarValue(kind, model.filterTo, field) },
    ];
  }
  const op = SCALAR_OPS[type];
  if (!op) throw new UnsupportedFilterError(`the number filter "${type}" is not supported`, field);
  return [{ field, op, value: scalarValue(kind, model.filter, field) }];
}

function isCombined(model: SimpleModel | CombinedModel): model is CombinedModel {
  return Array.isArray((model as CombinedModel).conditions);
}

/**
 * The grid's filter model → the API's filters (which all must hold). Columns
 * the grid knows but the API does not filter are an error, not silently dropped.
 */
export function toLedgerFilters(filterModel: Record<string, unknown> | null | undefined, kinds: Partial<Record<string, FilterKind>>): LedgerFilter[] {
  const filters: LedgerFilter[] = [];
  for (const [colId, raw] of Object.entries(filterModel ?? {})) {
    if (raw === null || raw === undefined) continue;
    const kind = kinds[colId];
    if (!kind) throw new UnsupportedFilterError(`the column ${colId} cannot be filtered`, colId);
    const field = colId as LedgerField;
    const model = raw as SimpleModel | CombinedModel;
    if (isCombined(model)) {
      if (model.operator !== 'AND') throw new UnsupportedFilterError('only conditions that must all hold (AND) are supported', colId);
      for (const condition of model.conditions) filters.push(...simpleToFilters(field, kind, condition));
    } else {
      filters.push(...simpleToFilters(field, kind, model));
    }
  }
  return filters;
}

/** The grid's sort model → the API's sort; columns not in the whitelist are ignored. */
export function toLedgerSort<F extends string>(sortModel: readonly { colId: string; sort: 'asc' | 'desc' }[], sortable: readonly F[]): { field: F; dir: 'asc' | 'desc' }[] {
  return sortModel.filter((s) => (sortable as readonly string[]).includes(s.colId)).map((s) => ({ field: s.colId as F, dir: s.sort }));
}
