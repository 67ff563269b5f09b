import { describe, expect, it } from 'vitest';
import { runDeterministic, runScenarios } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * Break-even is reported only where there is something to recover (an
 * upfront cost, or cumulative savings that start negative); otherwise the
 * result says there was no upfront cost and names the month savings start.
 * It is never a month before the scenario's first lever acts: before it the
 * scenario is the baseline, nothing is spent or saved, and "breaks even in
 * January" for a change made in April would be false.
 */
describe('break-even', () => {
  // 1,000 loans a month × 1 request × 100,000 input tokens on gpt-4.1 at $2.00 per million = $200 a month.
  // From April all of it runs in batch at half price: $100 a month saved.
  // Savings Jan–Mar 0, Apr–Jun 100: cumulative 0, 0, 0, 100, 200, 300 → never below zero: no upfront cost,
  // savings from April; no break-even month to report.
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
    expect(batch.kpis).toMatchObject({ breakEvenMonth: null, noUpfrontCost: true, savingsStartMonth: '2027-04' });
    expect(run.scenarios[0]!.kpis).toMatchObject({ breakEvenMonth: null, noUpfrontCost: false, savingsStartMonth: null });
  });

  it('at every percentile of the draws', async () => {
    const run = await runScenarios(file({ dist: 'normal', mean: 1000, sd: 100 }), { draws: 500, seed: 3, tornado: false });
    const k = run.scenarios[1]!.kpis;
    expect([k.p10!, k.p50!, k.p90!].map((p) => [p.breakEvenMonth, p.noUpfrontCost])).toEqual([
      [null, true],
      [null, true],
      [null, true],
    ]);
  });

  it('with an upfront cost, from the month cumulative savings stay above zero — never before the lever acts', () => {
    // The same batch move with a $250 one-time switch-over cost in April (an adjacent cost):
    // savings Jan–Mar 0, Apr 100 − 250 = −150, May 100, Jun 100 → cumulative 0, 0, 0, −150, −50, +50 → June.
    const f = file(1000);
    f.scenarios[0]!.levers.push({ type: 'adjacent', start: '2027-04', costs: [{ name: 'switch-over', oneTime: '250' }] } as never);
    const k = runDeterministic(f).scenarios[1]!.kpis;
    expect(k).toMatchObject({ breakEvenMonth: '2027-06', noUpfrontCost: false, savingsStartMonth: '2027-05' });
  });

  it('when the lever started before the horizon, savings from the first month', () => {
    const f = file(1000);
    f.scenarios[0]!.levers[0]!.start = '2026-10';
    expect(runDeterministic(f).scenarios[1]!.kpis).toMatchObject({ breakEvenMonth: null, noUpfrontCost: true, savingsStartMonth: '2027-01' });
  });
});
