import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildTable, parseFilter, sortRows, tableCsv, type TableColumn } from '../../../renderer/src/components/table/table-model';

interface Row {
  name: string;
  lines: number | null;
  billed: string | null;
  share: number;
  month: string;
}

const columns: TableColumn<Row>[] = [
  { id: 'name', header: 'Team', type: 'text', value: (r) => r.name, rowHeader: true },
  { id: 'month', header: 'Month', type: 'month', value: (r) => r.month },
  { id: 'lines', header: 'Lines', type: 'count', value: (r) => r.lines, total: true },
  { id: 'billed', header: 'Billed', type: 'money', value: (r) => r.billed, total: true },
  { id: 'share', header: 'Share', type: 'percent', value: (r) => r.share },
];

// Three teams of $1.005 each: the exact total 3.015 rounds half to even to 3.02 (301.5 cents → 302);
// each row floors to 1.00 and the 2 cents still missing go to the largest remainders, equal here, so to the earlier rows: 1.01, 1.01, 1.00.
const rows: Row[] = [
  { name: 'Loans', lines: 1200, billed: '1.005', share: 33.3, month: '2026-10' },
  { name: '=SUM(A1)', lines: 40, billed: '1.005', share: 33.3, month: '2026-09' },
  { name: 'Risk team', lines: null, billed: '1.005', share: 33.4, month: '2026-11' },
];

describe('the shared table', () => {
  it('foots money columns by largest remainder, and the shown line adds the printed figures', () => {
    const all = buildTable(rows, columns, 'USD', {}, null);
    expect(all.texts.map((t) => t.get('billed'))).toEqual(['USD 1.01', 'USD 1.01', 'USD 1.00']);
    expect(all.totals.get('billed')).toMatchObject({ all: 'USD 3.02', shown: 'USD 3.02' });
    // Counts add up plainly: 1,200 + 40 + (blank) = 1,240.
    expect(all.totals.get('lines')).toMatchObject({ all: '1,240', shown: '1,240' });
    // Filtered to the teams whose name holds "team" or "loans"? Only "Risk team": its printed 1.00 is the shown total, the whole table's stays 3.02.
    const risk = buildTable(rows, columns, 'USD', { name: 'TEAM' }, null);
    expect(risk.shown).toEqual([2]);
    expect(risk.totals.get('billed')).toMatchObject({ all: 'USD 3.02', shown: 'USD 1.00' });
    // A row keeps its footed figure whatever the filter: Loans and =SUM(A1) print 1.01 + 1.01 = 2.02 shown.
    const twoRows = buildTable(rows, columns, 'USD', { lines: '>= 40' }, null);
    expect(twoRows.shown).toEqual([0, 1]);
    expect(twoRows.totals.get('billed')!.shown).toBe('USD 2.02');
  });

  it('sorts by type, keeps ties in the table order and blanks last both ways', () => {
    expect(sortRows(rows, columns, { column: 'lines', direction: 'ascending' })).toEqual([1, 0, 2]);
    expect(sortRows(rows, columns, { column: 'lines', direction: 'descending' })).toEqual([0, 1, 2]);
    expect(sortRows(rows, columns, { column: 'month', direction: 'ascending' })).toEqual([1, 0, 2]);
    // Equal money: the table's own order in both directions.
    expect(sortRows(rows, columns, { column: 'billed', direction: 'descending' })).toEqual([0, 1, 2]);
    // Money compares exactly: 9,007,199,254,740,993.01 is above …993.00, which are one and the same binary float.
    const money = [{ ...rows[0]!, billed: '9007199254740993.01' }, { ...rows[0]!, billed: '9007199254740993.00' }, { ...rows[0]!, billed: '-5' }];
    expect(sortRows(money, columns, { column: 'billed', direction: 'ascending' })).toEqual([2, 1, 0]);
    // Text sorts naturally: "model 9" before "model 10".
    const names = ['model 10', 'model 9', 'Model 1'].map((name) => ({ ...rows[0]!, name }));
    expect(sortRows(names, columns, { column: 'name', direction: 'ascending' })).toEqual([2, 1, 0]);
  });

  it('reads comparisons and ranges in number and money filters, text anywhere else', () => {
    const money = parseFilter('money', '> 1,000.5')!;
    expect([money('1000.5', ''), money('1000.500000001', ''), money(null, '')]).toEqual([false, true, false]);
    const range = parseFilter('percent', '20..33.3')!;
    expect([range(33.3, ''), range(33.4, ''), range(20, '')]).toEqual([true, false, true]);
    // Not a comparison: the cell's text contains it.
    const words = parseFilter('money', 'USD 1.0')!;
    expect(words('1.005', 'USD 1.01')).toBe(true);
    expect(parseFilter('text', '   ')).toBeNull();
    expect(parseFilter('text', '>5')!('x', 'size >5')).toBe(true);
  });

  it('exports the rows shown, in their order, as plain numbers with the figures printed and formulas neutralised', () => {
    const model = buildTable(rows, columns, 'USD', {}, { column: 'month', direction: 'ascending' });
    const csv = tableCsv(rows, columns, 'USD', model);
    expect(csv.endsWith('\r\n')).toBe(true);
    const cells = parse(csv) as string[][];
    expect(cells).toEqual([
      ['Team', 'Month', 'Lines', 'Billed (USD)', 'Share (%)'],
      ["'=SUM(A1)", '2026-09', '40', '1.01', '33.3'],
      ['Loans', '2026-10', '1200', '1.01', '33.3'],
      ['Risk team', '2026-11', '', '1.00', '33.4'],
    ]);
  });

  it('prints money at the currency’s own decimals: yen has none', () => {
    const yen = buildTable([{ ...rows[0]!, billed: '1234.5' }, { ...rows[0]!, billed: '10.5' }], columns, 'JPY', {}, null);
    // Exact 1245 foots as is; each row floors (1234, 10) with one yen left, and 0.5 = 0.5 remainders go to the first row: 1235 and 10.
    expect(yen.texts.map((t) => t.get('billed'))).toEqual(['JPY 1,235', 'JPY 10']);
    expect(yen.totals.get('billed')!.all).toBe('JPY 1,245');
  });
});
