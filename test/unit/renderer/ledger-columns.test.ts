import type { ValueFormatterParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import { groupColumns } from '../../../renderer/src/views/ledger/ledger-columns';

type Formatter = (p: Partial<ValueFormatterParams>) => string;

const column = (id: string) => groupColumns(['model']).find((c) => c.colId === id || c.field === id)!;
const format = (id: string, data: Record<string, unknown>, exactDecimals = false) =>
  (column(id).valueFormatter as Formatter)({ value: data[id], data, context: { exactDecimals, importNames: new Map() } } as never);

describe('grouped ledger money columns', () => {
  const group = {
    key: { model: 'gpt-4.1' },
    currency: 'USD',
    lines: 5,
    quantity: 300,
    quantityMissing: 2,
    billedCost: '10.004',
    effectiveCost: '10.004',
    listCost: '7.5',
    shown: { billedCost: '10.01', effectiveCost: '10.00', listCost: '7.50' },
    listCostMissing: 2,
  };

  it('show the footed amount and say how many usage lines have no list cost', () => {
    // Billed: the footed 10.01 (its own rounding would be 10.00; the group was handed the cent by largest remainder).
    expect(format('billedCost', group)).toBe('USD 10.01');
    // List cost: 7.50 over the three lines that have one, and the two that could not be priced named, never counted as 0.
    expect(format('listCost', group)).toBe('USD 7.50 + 2 lines not known');
    expect(format('listCost', { ...group, listCost: null, shown: { ...group.shown, listCost: null }, listCostMissing: 5 })).toBe('5 lines not known');
    expect(format('listCost', { ...group, listCostMissing: 0 })).toBe('USD 7.50');
    expect(format('quantity', group)).toBe('300 + 2 lines not reported');
  });
});
