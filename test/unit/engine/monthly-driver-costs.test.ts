import { describe, expect, it } from 'vitest';
import { runDeterministic } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

describe('driver costs as monthly series', () => {
  it('holds each amount until the next one, like units', () => {
    // units: 1,000 from Jan, 2,000 from Mar; manual per loan: $6.00 Jan, $7.00 from Feb; office $500 a month from Mar (first entry also covers Jan–Feb)
    //   Jan: 1,000 × 6.00 + 500 = 6,500.00
    //   Feb: 1,000 × 7.00 + 500 = 7,500.00
    //   Mar: 2,000 × 7.00 + 500 = 14,500.00
    //   Apr: same as Mar
    const file = scenarioFile({
      start: '2027-01',
      months: 4,
      drivers: [
        {
          id: 'loans',
          unit: 'loan',
          unitsPerMonth: { '2027-01': 1000, '2027-03': 2000 },
          costs: [
            { name: 'manual', perUnit: { '2027-01': '6.00', '2027-02': '7.00' } },
            { name: 'office', fixedMonthly: { '2027-03': '500' } },
          ],
        },
      ],
    });
    const months = runDeterministic(file).scenarios[0]!.months;
    expect(months.map((m) => m.totalCost)).toEqual(['6500.00', '7500.00', '14500.00', '14500.00']);
    expect(months.map((m) => m.costPerUnit)).toEqual(['6.50', '7.50', '7.25', '7.25']);
  });

  it('refuses a baseline without drivers, or one that needs a workspace', () => {
    expect(() => runDeterministic(scenarioFile({ start: '2027-01' }))).toThrow(/no business drivers/);
    expect(() => runDeterministic(scenarioFile({ start: '2027-01', fromWorkspace: { drivers: true } }))).toThrow(/run it in the app or with aispend run --workspace/);
  });
});
