import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { DrawRunner, percentiles, summarise } from '../../../shared/engine/monte-carlo';
import { prepareRun, runDeterministic, runScenarios } from '../../../shared/engine/run';
import { uncertainBank } from './helpers';


const pick = (r: Awaited<ReturnType<typeof runScenarios>>) =>
  r.scenarios.map((s) => ({ months: s.months.map((m) => [m.p10, m.p50, m.p90]), kpis: [s.kpis.p10, s.kpis.p50, s.kpis.p90] }));

describe('seeded Monte Carlo', () => {
  it('gives the same P10/P50/P90 for the same seed, and different ones for another seed', async () => {
    const a = await runScenarios(uncertainBank(), { draws: 2000, seed: 7, tornado: false });
    const b = await runScenarios(uncertainBank(), { draws: 2000, seed: 7, tornado: false });
    const c = await runScenarios(uncertainBank(), { draws: 2000, seed: 8, tornado: false });
    expect(pick(a)).toEqual(pick(b));
    expect(pick(c)).not.toEqual(pick(a));
    expect(a.seed).toBe(7);
    expect(a.draws).toBe(2000);
  });

  it('pins the figures of one seed, so a browser worker can be checked against Node', async () => {
    const r = await runScenarios(uncertainBank(), { draws: 2000, seed: 1, tornado: false });
    const base = r.scenarios[0]!;
    expect([base.months[0]!.p10!.costPerUnit, base.months[0]!.p50!.costPerUnit, base.months[0]!.p90!.costPerUnit]).toMatchInlineSnapshot(`
      [
        "7.352854",
        "7.988514",
        "8.633356",
      ]
    `);
    expect([r.scenarios[1]!.kpis.p10!.breakEvenMonth, r.scenarios[1]!.kpis.p50!.breakEvenMonth, r.scenarios[1]!.kpis.p90!.breakEvenMonth]).toMatchInlineSnapshot(`
      [
        "2027-05",
        "2027-06",
        "2027-07",
      ]
    `);
  });

  it('puts the P50 of symmetric inputs within 1% of the deterministic run', async () => {
    const exact = runDeterministic(uncertainBank());
    const mc = await runScenarios(uncertainBank(), { draws: 4000, seed: 3, tornado: false });
    for (const s of [0, 1]) {
      for (const m of [0, 5, 11]) {
        const det = Number(exact.scenarios[s]!.months[m]!.costPerUnit);
        const p50 = Number(mc.scenarios[s]!.months[m]!.p50!.costPerUnit);
        expect(Math.abs(p50 - det) / det).toBeLessThan(0.01);
        const p10 = Number(mc.scenarios[s]!.months[m]!.p10!.totalCost);
        const p90 = Number(mc.scenarios[s]!.months[m]!.p90!.totalCost);
        expect(p10).toBeLessThan(Number(mc.scenarios[s]!.months[m]!.p50!.totalCost));
        expect(p90).toBeGreaterThan(Number(mc.scenarios[s]!.months[m]!.p50!.totalCost));
      }
    }
  });

  it('gives the same figures however the draws are split between workers', () => {
    const prepared = prepareRun(uncertainBank(), { draws: 300, seed: 11 });
    const one = new DrawRunner(prepared.plans, prepared.params.specs, null);
    const two = new DrawRunner(prepared.plans, prepared.params.specs, null);
    const whole = summarise([one.run(11, 0, 300)]);
    const split = summarise([two.run(11, 120, 300), two.run(11, 0, 120)]);
    expect(split).toEqual(whole);
  });

  it('reports progress and stops when cancelled', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = runScenarios(uncertainBank(), { draws: 5000, seed: 1 }, {}, {
      signal: controller.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done >= 500) controller.abort();
      },
    });
    await expect(run).rejects.toSatisfy((e: unknown) => isWorkbenchError(e) && e.code === 'cancelled');
    expect(seen[0]).toBe(250);
    expect(seen.at(-1)).toBeLessThan(5000);
  });
});

describe('Monte Carlo with a contract', () => {
  it('re-prices each draw under the offer and centres on the deterministic run', async () => {
    const file = uncertainBank();
    file.scenarios[0]!.levers.push({
      type: 'contract',
      start: '2027-01',
      rampMonths: 0,
      provider: 'openai',
      offer: { discountPct: { min: 10, max: 20 }, monthlyCommitment: '1500' },
    } as never);
    const exact = runDeterministic(file);
    const mc = await runScenarios(file, { draws: 1000, seed: 5, tornado: false });
    const det = Number(exact.scenarios[1]!.kpis.totalCost);
    const p50 = Number(mc.scenarios[1]!.kpis.p50!.totalCost);
    expect(Math.abs(p50 - det) / det).toBeLessThan(0.01);
    expect(exact.scenarios[1]!.contracts[0]!.commitment).toHaveLength(12);
  });
});

describe('percentiles', () => {
  it('match a full sort on large samples with ties (the selection path for more than 600 values)', () => {
    for (const n of [601, 2000, 10_000]) {
      const values = Float64Array.from({ length: n }, (_, i) => Math.floor(((i * 7919) % n) / 3));
      const sorted = Float64Array.from(values).sort();
      const h = (p: number) => {
        const x = (n - 1) * p;
        const lo = Math.floor(x);
        return sorted[lo]! + (x - lo) * (sorted[Math.min(n - 1, lo + 1)]! - sorted[lo]!);
      };
      expect(percentiles(values)).toEqual([h(0.1), h(0.5), h(0.9)]);
    }
  });

  it('match PERCENTILE.INC on a small sample', () => {
    // 1..10 shuffled: P10 at position 0.9 → 1.9; P50 at 4.5 → 5.5; P90 at 8.1 → 9.1
    const [p10, p50, p90] = percentiles(Float64Array.from([7, 3, 10, 1, 5, 9, 2, 8, 6, 4]));
    expect(p10).toBeCloseTo(1.9, 12);
    expect(p50).toBeCloseTo(5.5, 12);
    expect(p90).toBeCloseTo(9.1, 12);
  });
});
