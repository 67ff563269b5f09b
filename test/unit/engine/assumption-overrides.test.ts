import { describe, expect, it } from 'vitest';
import { parseSetting } from '../../../shared/engine/assumption-overrides';
import { deterministicTask, NO_WORKSPACE_PRICING } from '../../../shared/engine/tasks';
import { PRICES_AB, scenarioFile } from './helpers';

/** aispend run --set: a named input changed for one run, as if the file said so. */
const file = (requestsPerUnit: number, units: number[] | number = 1000, priceA = '2.50') =>
  scenarioFile(
    {
      start: '2027-01',
      months: 3,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: units, costs: [{ name: 'manual processing', perUnit: '6' }] }],
      workloads: [{ id: 'extraction', driver: 'loans', requestsPerUnit, tokensPerRequest: { input: 1000, output: 500 }, models: [{ provider: 'vendor', model: 'a', share: 1 }] }],
      prices: [{ ...PRICES_AB[0]!, input: priceA }, PRICES_AB[1]!],
    },
    [{ id: 'half-to-b', name: 'Half to b', levers: [{ type: 'route', start: '2027-02', from: 'vendor/a', to: 'vendor/b', share: { min: 0.4, max: 0.6 } }] }],
  );
const run = (f: ReturnType<typeof file>, set?: ReturnType<typeof parseSetting>[]) => deterministicTask({ file: f, options: { ...(set ? { set } : {}) }, pricing: NO_WORKSPACE_PRICING });

describe('named assumptions set for a run', () => {
  it('a workload input, a driver series and a list price give what the edited file gives', () => {
    const edited = run(file(3, [1200, 1300, 900], '3.10'));
    const set = run(file(2, [1000, 1000, 1000]), [parseSetting('Workload.extraction.RequestsPerUnit=3'), parseSetting('Driver.loans.Units=1200,1300,900'), parseSetting('Price.vendor.a.Input=3.10')]);
    expect(set.scenarios.map((s) => s.kpis)).toEqual(edited.scenarios.map((s) => s.kpis));
    expect(set.scenarios[1]!.months.map((m) => m.totalCost)).toEqual(edited.scenarios[1]!.months.map((m) => m.totalCost));
    expect(set.scenarios[0]!.kpis.totalCost).not.toBe(run(file(2)).scenarios[0]!.kpis.totalCost);
  });

  it('a lever share set by name is no longer uncertain and moves the result', () => {
    const mid = run(file(2));
    const set = run(file(2), [parseSetting('Lever.half_to_b.1.Share=0.6')]);
    // Feb and Mar: 2,000 requests, 60% to b instead of 50%: 200 more requests × (1,000 × ($2.50 − $0.25) + 500 × ($10 − $2)) / 1M = $1.25 less a month.
    expect(Number(mid.scenarios[1]!.kpis.totalCost) - Number(set.scenarios[1]!.kpis.totalCost)).toBeCloseTo(2 * 1.25, 9);
  });

  it('one value fills every cell of a name; a wrong count, an unknown name or a value out of range is refused', () => {
    expect(run(file(2), [parseSetting('Driver.loans.Units=700')]).scenarios[0]!.months.map((m) => m.businessUnits)).toEqual([700, 700, 700]);
    expect(run(file(2, [1, 2, 3]), [parseSetting('Driver.loans.Units=700')]).scenarios[0]!.months.map((m) => m.businessUnits)).toEqual([700, 700, 700]);
    expect(() => run(file(2, [1, 2, 3]), [parseSetting('Driver.loans.Units=1,2')])).toThrow(/covers 3 cells; give one value for all or 3 values/);
    expect(() => run(file(2), [parseSetting('Workload.extraction.RequestPerUnit=3')])).toThrow(/no assumption has that name; did you mean Workload.extraction.RequestsPerUnit/);
    expect(() => run(file(2), [parseSetting('Lever.half_to_b.1.Share=1.5')])).toThrow(/1.5 is out of range; it must be between 0 and 1/);
    expect(() => parseSetting('Driver.loans.Units')).toThrow(/write NAME=VALUE/);
    expect(() => parseSetting('Driver.loans.Units=lots')).toThrow(/"lots" is not a number/);
    expect(parseSetting(' Driver.loans.Units = 1_000, 2000 ')).toEqual({ name: 'Driver.loans.Units', values: ['1000', '2000'] });
  });
});
