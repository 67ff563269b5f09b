import { describe, expect, it } from 'vitest';
import { runDeterministic, runScenarios } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * Break-even is never a month before the scenario's first lever acts: before
 * it the scenario is the baseline, nothing is spent or saved, and "breaks
 * even in January" for a change made in April would be false.
 */
describe('break-even', () => {
  // 1,000 loans a month × 1 request × 100,000 input tokens on gpt-4.1 at $2.00 per million = $200 a month.
  // From April all of it runs in batch at half price: $100 a month saved.
  // Savings Jan–Mar 0, Apr–Jun 100: cumulative 0, 0, 0, 100, 200, 300 → break-even April (month 3), not January.
  const file = (units: unknown) =>
    scenarioFile(
      {
        start: '2027-01',
        months: 6,
        drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: units as never }],
        workloads: [{ id: 'x', driver: 'loans', requestsPerUnit: 1, tokensPerRequest: { input: 100_000, output: 0 }, models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }] }],
        prices: [{ provider: 'openai', model: 'gpt-4.1', input: '2.00', output: '8.00', tiers: { batch: 0.5 } }],
      },
      [{ id: 'batch', name: 'Batch from April', levers: [{ type: 'tier', start: '2027-04', batch: 1 }] }],
    );

  it('in the exact run', () => {
    const run = runDeterministic(file(1000));
    const batch = run.scenarios[1]!;
    expect(batch.months.map((m) => m.savingsVsBaseline)).toEqual(['0.00', '0.00', '0.00', '100.00', '100.00', '100.00']);
    expect(batch.kpis.breakEvenMonth).toBe('2027-04');
  });

  it('at every percentile of the draws', async () => {
    const run = await runScenarios(file({ dist: 'normal', mean: 1000, sd: 100 }), { draws: 500, seed: 3, tornado: false });
    const k = run.scenarios[1]!.kpis;
    expect([k.p10!.breakEvenMonth, k.p50!.breakEvenMonth, k.p90!.breakEvenMonth]).toEqual(['2027-04', '2027-04', '2027-04']);
  });

  it('when the lever started before the horizon, from the first month', () => {
    const f = file(1000);
    f.scenarios[0]!.levers[0]!.start = '2026-10';
    expect(runDeterministic(f).scenarios[1]!.kpis.breakEvenMonth).toBe('2027-01');
  });
});
