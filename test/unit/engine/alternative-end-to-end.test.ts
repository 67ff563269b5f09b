import { describe, expect, it } from 'vitest';
import { runDeterministic, runScenarios } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * People doing a share of the business units end to end replace, for those
 * units, both the AI cost and the other per-unit costs (the process's own and
 * adjacent costs per unit) with their cost per unit; an alternative that
 * replaces the AI's work only leaves the other per-unit costs in place.
 */
describe('alternative: whole units end to end', () => {
  // 1,000 loans a month; 1 request a loan of 100,000 input tokens on gpt-4.1 at $2.00 per million = $0.20 a loan, $200 a month.
  // Per loan besides the AI: manual processing $6.00 (the driver's own cost) and human review $0.50 (an adjacent cost).
  // Baseline month: 200 + 6,000 + 500 = $6,700, $6.70 a loan.
  const file = (replaces: 'ai' | 'all_unit_costs' | undefined, units: unknown = 1000) =>
    scenarioFile(
      {
        start: '2027-01',
        months: 3,
        drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: units as never, costs: [{ name: 'manual processing', perUnit: '6.00' }] }],
        workloads: [{ id: 'x', driver: 'loans', requestsPerUnit: 1, tokensPerRequest: { input: 100_000, output: 0 }, models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }] }],
        prices: [{ provider: 'openai', model: 'gpt-4.1', input: '2.00', output: '8.00' }],
        levers: [{ type: 'adjacent', start: '2027-01', costs: [{ name: 'human review', kind: 'human_review', perUnit: '0.50', fixedMonthly: '100' }] }],
      },
      [{ id: 'people', name: 'People take 20%', levers: [{ type: 'alternative', start: '2027-02', by: 'people', share: 0.2, costPerUnit: '9.00', ...(replaces ? { replaces } : {}) }] }],
    );

  it('the AI only (the default): other per-unit costs stay', () => {
    // Feb on: AI 800 × $0.20 = 160; people 200 × $9 = 1,800; processing 1,000 × $6 = 6,000; review 1,000 × $0.50 + 100 = 600
    // → $8,560; Jan is the baseline: 200 + 6,000 + 600 = $6,800.
    for (const replaces of [undefined, 'ai' as const]) {
      const run = runDeterministic(file(replaces));
      expect(run.scenarios[0]!.months.map((m) => m.totalCost)).toEqual(['6800.00', '6800.00', '6800.00']);
      expect(run.scenarios[1]!.months.map((m) => m.totalCost)).toEqual(['6800.00', '8560.00', '8560.00']);
    }
  });

  it('whole units end to end: the units people do drop their AI cost and their other per-unit costs, fixed costs stay', () => {
    // Feb on: AI 800 × $0.20 = 160; people 200 × $9 = 1,800; processing 800 × $6 = 4,800; review 800 × $0.50 + 100 = 500
    // → $7,260, $7.26 a loan; savings against $6,800: −$460 a month.
    const run = runDeterministic(file('all_unit_costs'));
    const s = run.scenarios[1]!;
    expect(s.months.map((m) => m.totalCost)).toEqual(['6800.00', '7260.00', '7260.00']);
    expect(s.months.map((m) => m.costPerUnit)).toEqual(['6.80', '7.26', '7.26']);
    expect(s.months[1]!.byComponent).toMatchObject({ alternative: '1800.00', non_ai: '4800.00' });
    expect(s.months.map((m) => m.savingsVsBaseline)).toEqual(['0.00', '-460.00', '-460.00']);
  });

  it('every Monte Carlo draw equals the exact run when nothing is uncertain', async () => {
    const exact = runDeterministic(file('all_unit_costs'));
    const drawn = await runScenarios(file('all_unit_costs'), { draws: 50, seed: 9, tornado: false });
    const k = drawn.scenarios[1]!.kpis;
    expect([k.p10!.totalCost, k.p50!.totalCost, k.p90!.totalCost]).toEqual([exact.scenarios[1]!.kpis.totalCost, exact.scenarios[1]!.kpis.totalCost, exact.scenarios[1]!.kpis.totalCost]);
  });

  it('warns when a workload of the same business units is left out of the lever', () => {
    const f = file('all_unit_costs');
    f.baseline.workloads.push({ ...f.baseline.workloads[0]!, id: 'y' });
    f.scenarios[0]!.levers[0]!.workloads = ['x'];
    const run = runDeterministic(f);
    expect(run.scenarios[1]!.warnings.join('\n')).toMatch(/y \(same business units\) is not in the lever's workloads/);
  });
});
