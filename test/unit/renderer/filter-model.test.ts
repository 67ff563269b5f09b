import { describe, expect, it } from 'vitest';
import { LedgerFilter } from '../../../shared/api/ledger';
import { UnsupportedFilterError, decimalText, toLedgerFilters, toLedgerSort, type FilterKind } from '../../../renderer/src/views/ledger/filter-model';

const KINDS: Partial<Record<string, FilterKind>> = {
  model: 'text',
  quantity: 'number',
  billedCost: 'money',
  chargePeriodStart: 'date',
};

describe('grid filter model → API filters', () => {
  it('maps text options to contains / startsWith / eq / neq / blank', () => {
    expect(toLedgerFilters({ model: { filterType: 'text', type: 'contains', filter: 'haiku' } }, KINDS)).toEqual([{ field: 'model', op: 'contains', value: 'haiku' }]);
    expect(toLedgerFilters({ model: { filterType: 'text', type: 'startsWith', filter: 'gpt' } }, KINDS)).toEqual([{ field: 'model', op: 'startsWith', value: 'gpt' }]);
    expect(toLedgerFilters({ model: { filterType: 'text', type: 'equals', filter: 'gpt-4.1' } }, KINDS)).toEqual([{ field: 'model', op: 'eq', value: 'gpt-4.1' }]);
    expect(toLedgerFilters({ model: { filterType: 'text', type: 'notEqual', filter: 'gpt-4.1' } }, KINDS)).toEqual([{ field: 'model', op: 'neq', value: 'gpt-4.1' }]);
    expect(toLedgerFilters({ model: { filterType: 'text', type: 'blank' } }, KINDS)).toEqual([{ field: 'model', op: 'blank' }]);
  });

  it('sends money bounds as decimal text, exactly as typed', () => {
    expect(toLedgerFilters({ billedCost: { filterType: 'number', type: 'greaterThan', filter: 10.05 } }, KINDS)).toEqual([{ field: 'billedCost', op: 'gt', value: '10.05' }]);
    // A range is inclusive at both ends: 0.1 ≤ cost ≤ 0.3 (no 0.30000000000000004 anywhere).
    expect(toLedgerFilters({ billedCost: { filterType: 'number', type: 'inRange', filter: 0.1, filterTo: 0.3 } }, KINDS)).toEqual([
      { field: 'billedCost', op: 'gte', value: '0.1' },
      { field: 'billedCost', op: 'lte', value: '0.3' },
    ]);
  });

  it('keeps plain numbers as numbers', () => {
    expect(toLedgerFilters({ quantity: { filterType: 'number', type: 'lessThanOrEqual', filter: 1000 } }, KINDS)).toEqual([{ field: 'quantity', op: 'lte', value: 1000 }]);
  });

  it('turns calendar days into UTC instant bounds on chargePeriodStart', () => {
    // "On 24 May" = from 24 May 00:00 up to (not including) 25 May 00:00.
    expect(toLedgerFilters({ chargePeriodStart: { filterType: 'date', type: 'equals', dateFrom: '2026-05-24 00:00:00', dateTo: null } }, KINDS)).toEqual([
      { field: 'chargePeriodStart', op: 'gte', value: '2026-05-24T00:00:00Z' },
      { field: 'chargePeriodStart', op: 'lt', value: '2026-05-25T00:00:00Z' },
    ]);
    // "After 31 May" starts on 1 June (month rollover); "before 1 May" ends at its midnight.
    expect(toLedgerFilters({ chargePeriodStart: { filterType: 'date', type: 'greaterThan', dateFrom: '2026-05-31 00:00:00' } }, KINDS)).toEqual([
      { field: 'chargePeriodStart', op: 'gte', value: '2026-06-01T00:00:00Z' },
    ]);
    expect(toLedgerFilters({ chargePeriodStart: { filterType: 'date', type: 'lessThan', dateFrom: '2026-05-01 00:00:00' } }, KINDS)).toEqual([
      { field: 'chargePeriodStart', op: 'lt', value: '2026-05-01T00:00:00Z' },
    ]);
    // A range includes both days: 30 Dec to 31 Dec ends before 1 Jan of the next year.
    expect(toLedgerFilters({ chargePeriodStart: { filterType: 'date', type: 'inRange', dateFrom: '2026-12-30 00:00:00', dateTo: '2026-12-31 00:00:00' } }, KINDS)).toEqual([
      { field: 'chargePeriodStart', op: 'gte', value: '2026-12-30T00:00:00Z' },
      { field: 'chargePeriodStart', op: 'lt', value: '2027-01-01T00:00:00Z' },
    ]);
  });

  it('combines AND conditions and refuses OR, which the API cannot answer', () => {
    const and = {
      model: { filterType: 'text', operator: 'AND', conditions: [{ filterType: 'text', type: 'contains', filter: 'claude' }, { filterType: 'text', type: 'notEqual', filter: 'claude-haiku-4-5' }] },
    };
    expect(toLedgerFilters(and, KINDS)).toEqual([
      { field: 'model', op: 'contains', value: 'claude' },
      { field: 'model', op: 'neq', value: 'claude-haiku-4-5' },
    ]);
    expect(() => toLedgerFilters({ model: { ...and.model, operator: 'OR' } }, KINDS)).toThrow(UnsupportedFilterError);
  });

  it('refuses unknown columns and unsupported options instead of dropping them', () => {
    expect(() => toLedgerFilters({ tags: { filterType: 'text', type: 'contains', filter: 'x' } }, KINDS)).toThrow(/cannot be filtered/);
    expect(() => toLedgerFilters({ model: { filterType: 'text', type: 'endsWith', filter: 'x' } }, KINDS)).toThrow(/not supported/);
    expect(() => toLedgerFilters({ billedCost: { filterType: 'number', type: 'equals', filter: null } }, KINDS)).toThrow(/enter a value/);
  });

  it('produces filters the API schema accepts', () => {
    const filters = toLedgerFilters(
      {
        model: { filterType: 'text', type: 'contains', filter: 'gpt' },
        billedCost: { filterType: 'number', type: 'inRange', filter: 1, filterTo: 2.5 },
        chargePeriodStart: { filterType: 'date', type: 'equals', dateFrom: '2026-05-24 00:00:00' },
      },
      KINDS,
    );
    for (const f of filters) expect(LedgerFilter.safeParse(f).success).toBe(true);
  });

  it('spells out numbers JavaScript would print in exponent form', () => {
    expect(decimalText(1e-7, 'billedCost')).toBe('0.0000001');
    expect(decimalText(1e21, 'billedCost')).toBe('1000000000000000000000');
    expect(decimalText(-2.5, 'billedCost')).toBe('-2.5');
    expect(() => decimalText(Number.NaN, 'billedCost')).toThrow(UnsupportedFilterError);
  });

  it('maps the sort model, ignoring columns outside the whitelist', () => {
    expect(
      toLedgerSort(
        [
          { colId: 'billedCost', sort: 'desc' },
          { colId: 'tags', sort: 'asc' },
          { colId: 'model', sort: 'asc' },
        ],
        ['billedCost', 'model'] as const,
      ),
    ).toEqual([
      { field: 'billedCost', dir: 'desc' },
      { field: 'model', dir: 'asc' },
    ]);
  });
});
