import { describe, expect, it } from 'vitest';
import { BusinessDriver } from '../../../shared/api/scenarios';
import { costColumnOf, driverFromTable, parseMonthCell } from '../../../shared/domain/drivers';
import { scenarioDriverOf } from '../../../shared/engine/workspace-drivers';
import { type WorkbenchError } from '../../../shared/domain/errors';

const table = (text: string) => text.split('\n').map((l) => l.split(','));

describe('business drivers from a table', () => {
  it('reads month, units and non-AI cost columns, money exactly', () => {
    const d = driverFromTable(
      table('month,loans,manual processing per loan,human review (per loan),office per month\n2026-06,1040,$6.17,0.80,2500\n2026-05,1000,6.170000001,,2500.00'),
      { file: 'loans.csv' },
    );
    expect(d).toEqual({
      id: 'loans',
      name: 'Loans',
      unit: 'loan',
      costs: [
        { name: 'manual processing', basis: 'perUnit' },
        { name: 'human review', basis: 'perUnit' },
        { name: 'office', basis: 'fixedMonthly' },
      ],
      // sorted by month; an empty cell leaves that cost out of the month; 6.170000001 kept to the nano-unit
      months: [
        { month: '2026-05', units: 1000, costs: { 'manual processing': '6.170000001', office: '2500.00' } },
        { month: '2026-06', units: 1040, costs: { 'manual processing': '6.17', 'human review': '0.80', office: '2500.00' } },
      ],
    });
    expect(BusinessDriver.safeParse(d).success).toBe(true);
  });

  it('names the row and column of a bad cell', () => {
    const attempt = (text: string) => {
      try {
        driverFromTable(table(text), { file: 'loans.csv' });
      } catch (e) {
        return e as WorkbenchError;
      }
      throw new Error('expected an error');
    };
    expect(attempt('month,loans\n2026-05,1000\nsoon,1100')).toMatchObject({ code: 'invalid_file', file: 'loans.csv', row: 3, field: 'month' });
    expect(attempt('month,loans,review per loan\n2026-05,lots,1')).toMatchObject({ row: 2, field: 'loans' });
    expect(attempt('month,loans,review per loan\n2026-05,10,-1')).toMatchObject({ row: 2, field: 'review per loan' });
    expect(attempt('month,loans\n2026-05,1\n2026-5,2').message).toMatch(/2026-05 appears twice \(also row 2\)/);
    expect(attempt('month\n2026-05')).toMatchObject({ row: 1 });
  });

  it('reads months as spreadsheets write them', () => {
    expect(['2026-05', '2026/5', '2026-05-01', '2026-05-01T00:00:00Z', 'May 2026', 'may-2026', 'September 2026'].map(parseMonthCell)).toEqual([
      '2026-05',
      '2026-05',
      '2026-05',
      '2026-05',
      '2026-05',
      '2026-05',
      '2026-09',
    ]);
    expect(['2026-13', 'soon', ''].map(parseMonthCell)).toEqual([null, null, null]);
    expect(costColumnOf('Office (monthly)', 'loan')).toEqual({ name: 'Office', basis: 'fixedMonthly' });
    expect(costColumnOf('review / loan', 'loan')).toEqual({ name: 'review', basis: 'perUnit' });
  });
});

describe('a workspace driver in a scenario', () => {
  it('becomes month → value series for units and each cost', () => {
    const d = BusinessDriver.parse({
      id: 'loans',
      unit: 'loan',
      costs: [
        { name: 'manual', basis: 'perUnit' },
        { name: 'office', basis: 'fixedMonthly' },
      ],
      months: [
        { month: '2026-05', units: 1000, costs: { manual: '6.17' } },
        { month: '2026-06', units: 1040, costs: { manual: '6.20' } },
      ],
    });
    // office has no amount in any month: left out rather than priced at zero
    expect(scenarioDriverOf(d)).toEqual({
      id: 'loans',
      unit: 'loan',
      unitsPerMonth: { '2026-05': 1000, '2026-06': 1040 },
      costs: [{ name: 'manual', perUnit: { '2026-05': '6.17', '2026-06': '6.20' } }],
    });
    expect(() => scenarioDriverOf({ ...d, months: [] })).toThrow(/no months yet/);
  });
});
