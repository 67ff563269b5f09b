import { describe, expect, it } from 'vitest';
import { buildTable, printedOrder, tableCsv, type TableColumn, type TableGroups } from '../../../renderer/src/components/table/table-model';

interface Row {
  team: string;
  name: string;
  cost: string;
  lines: number;
}

const rows: Row[] = [
  { team: 'a', name: 'a1', cost: '1.005', lines: 1 },
  { team: 'b', name: 'b1', cost: '0.333', lines: 2 },
  { team: 'a', name: 'a2', cost: '2.005', lines: 3 },
  { team: 'a', name: 'a3', cost: '0.005', lines: 4 },
  { team: 'b', name: 'b2', cost: '0.333', lines: 5 },
];
const columns: TableColumn<Row>[] = [
  { id: 'name', header: 'Name', type: 'text', value: (r) => r.name, rowHeader: true },
  { id: 'lines', header: 'Lines', type: 'count', value: (r) => r.lines, total: true },
  { id: 'cost', header: 'Cost', type: 'money', value: (r) => r.cost, total: true },
];
const groups: TableGroups<Row> = { key: (r) => r.team, label: (k) => `Team ${k.toUpperCase()}`, header: 'Team' };

const cost = (model: ReturnType<typeof buildTable>, i: number) => model.texts[i]!.get('cost');

describe('the shared table, grouped', () => {
  it('foots groups to the total and rows to their group, by largest remainder', () => {
    const model = buildTable(rows, columns, 'USD', {}, null, true, groups);
    // Exact: A = 1.005 + 2.005 + 0.005 = 3.015, B = 0.333 + 0.333 = 0.666, total 3.681 → USD 3.68.
    // Groups: floors 3.01 + 0.66 = 3.67, a cent short; B's remainder (0.6 of a cent) beats A's (0.5) → A 3.01, B 0.67.
    // A's rows foot to 3.01: floors 1.00 + 2.00 + 0.00 = 3.00; the remainders tie (0.5 of a cent each), the first row takes the cent → 1.01, 2.00, 0.00.
    // B's rows foot to 0.67: floors 0.33 + 0.33; tie → the first: 0.34, 0.33.
    // (Footed over the table without groups, A would read 3.02 and B 0.66.)
    expect(model.groups!.map((g) => [g.label, g.subtotals.get('cost'), g.subtotals.get('lines')])).toEqual([
      ['Team A', 'USD 3.01', '8'],
      ['Team B', 'USD 0.67', '7'],
    ]);
    expect([0, 2, 3].map((i) => cost(model, i))).toEqual(['USD 1.01', 'USD 2.00', 'USD 0.00']);
    expect([1, 4].map((i) => cost(model, i))).toEqual(['USD 0.34', 'USD 0.33']);
    expect(model.totals.get('cost')!.all).toBe('USD 3.68');
    expect(printedOrder(model)).toEqual([0, 2, 3, 1, 4]);
    const ungrouped = buildTable(rows, columns, 'USD', {}, null, true);
    expect([0, 2, 3].map((i) => cost(ungrouped, i))).toEqual(['USD 1.01', 'USD 2.01', 'USD 0.00']);
  });

  it('sorts rows within their groups and the groups by their subtotals or names', () => {
    const down = buildTable(rows, columns, 'USD', {}, { column: 'cost', direction: 'descending' }, true, groups);
    expect(down.groups!.map((g) => g.key)).toEqual(['a', 'b']);
    expect(printedOrder(down)).toEqual([2, 0, 3, 1, 4]);
    const up = buildTable(rows, columns, 'USD', {}, { column: 'cost', direction: 'ascending' }, true, groups);
    expect(up.groups!.map((g) => g.key)).toEqual(['b', 'a']);
    expect(printedOrder(up)).toEqual([1, 4, 3, 0, 2]);
    // By lines, descending: B has 7, A 8 → A first; within A 4, 3, 1 lines.
    const lines = buildTable(rows, columns, 'USD', {}, { column: 'lines', direction: 'descending' }, true, groups);
    expect(printedOrder(lines)).toEqual([3, 2, 0, 4, 1]);
    const names = buildTable(rows, columns, 'USD', {}, { column: 'name', direction: 'descending' }, true, groups);
    expect(names.groups!.map((g) => g.key)).toEqual(['b', 'a']);
    expect(printedOrder(names)).toEqual([4, 1, 3, 2, 0]);
  });

  it('with a filter, a group row adds up the rows shown and a group with none drops out', () => {
    const model = buildTable(rows, columns, 'USD', { cost: '> 0.5' }, null, true, groups);
    expect(model.groups!.map((g) => [g.key, g.shown, g.size, g.subtotals.get('cost')])).toEqual([['a', [0, 2], 3, 'USD 3.01']]);
    // The shown line adds the printed 1.01 + 2.00; the total stays the table's.
    expect(model.totals.get('cost')!.shown).toBe('USD 3.01');
    expect(model.totals.get('cost')!.all).toBe('USD 3.68');
  });

  it('exports each row with its group named first, no subtotal rows, figures as footed', () => {
    const model = buildTable(rows, columns, 'USD', {}, null, true, groups);
    expect(tableCsv(rows, columns, 'USD', model, groups).split('\r\n').filter(Boolean)).toEqual([
      'Team,Name,Lines,Cost (USD)',
      'Team A,a1,1,1.01',
      'Team A,a2,3,2.00',
      'Team A,a3,4,0.00',
      'Team B,b1,2,0.34',
      'Team B,b2,5,0.33',
    ]);
  });
});
