import { describe, expect, it } from 'vitest';
import { roundNanos, parseMoney, nanosToDecimal } from '../../../shared/domain/money';
import { runDeterministic } from '../../../shared/engine/run';
import { PRICES_AB, scenarioFile } from './helpers';

/**
 * 100,000 requests a month of 2,000 input + 500 output tokens on model A
 * ($2.50/$10 per M): 100,000 × ($0.005 + $0.005) = $1,000, A succeeds 98%.
 */
const routing = (levers: unknown[], opts: { retries?: number; months?: number } = {}) =>
  scenarioFile(
    {
      start: '2027-01',
      months: opts.months ?? 1,
      drivers: [{ id: 'requests', unit: 'request', unitsPerMonth: 100_000 }],
      workloads: [
        {
          id: 'w',
          driver: 'requests',
          requestsPerUnit: 1,
          tokensPerRequest: { input: 2000, output: 500 },
          models: [{ provider: 'vendor', model: 'a', share: 1, successRate: 0.98, maxRetries: opts.retries ?? 0 }],
        },
      ],
      prices: PRICES_AB,
    },
    [{ id: 's', name: 'Routing', levers: levers as never }],
  );

const sixDecimals = (money: string): string => nanosToDecimal(roundNanos(parseMoney(money), 6), 6);

describe('routing cascade (the issue’s golden case)', () => {
  const cascade = { type: 'route', start: '2027-01', from: 'vendor/a', to: 'vendor/b', share: 0.6, mode: 'cascade', tokenRatio: 1.1, successRate: 0.9 };

  it('baseline: $1,000, 98,000 successes, $0.010204 per successful outcome', () => {
    // 1,000 / 98,000 = 0.0102040816…
    const base = runDeterministic(routing([cascade])).scenarios[0]!.months[0]!;
    expect(base.totalCost).toBe('1000.00');
    expect(base.successes).toBeCloseTo(98_000, 6);
    expect(base.costPerSuccess).toBe('0.010204082');
    expect(sixDecimals(base.costPerSuccess!)).toBe('0.010204');
  });

  it('60% to B first, failures escalate once to A: $559, 99,080 successes, $0.005642 per success', () => {
    // B attempts: 60,000 × (2,200 × $0.25/M + 550 × $2/M) = 60,000 × $0.00165 = $99
    // escalations: 10% of 60,000 = 6,000 on A × $0.01 = $60
    // remaining A: 40,000 × $0.01 = $400 → total $559
    // successes: 40,000 × 0.98 + 60,000 × 0.9 + 6,000 × 0.98 = 39,200 + 54,000 + 5,880 = 99,080
    // per success: 559 / 99,080 = 0.0056419055…
    const s = runDeterministic(routing([cascade])).scenarios[1]!.months[0]!;
    expect(s.totalCost).toBe('559.00');
    expect(s.byModel).toEqual({ 'vendor/a': '460.00', 'vendor/b': '99.00' });
    expect(s.successes).toBeCloseTo(99_080, 6);
    expect(s.costPerSuccess).toBe('0.005641906');
    expect(sixDecimals(s.costPerSuccess!)).toBe('0.005642');
    expect(s.savingsVsBaseline).toBe('441.00');
  });

  it('a plain move (no escalation) loses the failures instead', () => {
    // A 40,000 × $0.01 = $400; B $99 → $499; successes 39,200 + 54,000 = 93,200
    const s = runDeterministic(routing([{ ...cascade, mode: 'move' }])).scenarios[1]!.months[0]!;
    expect(s.totalCost).toBe('499.00');
    expect(s.successes).toBeCloseTo(93_200, 6);
  });

  it('retries on the same model cost attempts and add successes', () => {
    // one retry: attempts = 1 + 0.02 = 1.02 per request → $1,020; success = 1 − 0.02² = 0.9996 → 99,960
    const base = runDeterministic(routing([cascade], { retries: 1 })).scenarios[0]!.months[0]!;
    expect(base.totalCost).toBe('1020.00');
    expect(base.successes).toBeCloseTo(99_960, 6);
  });

  it('a ramp moves the share gradually', () => {
    // rampMonths 3: months 1–3 move 20%, 40%, 60% of traffic to B (cascade).
    // month 1: B 20,000 × $0.00165 = $33; escalations 2,000 × $0.01 = $20; A 80,000 × $0.01 = $800 → $853
    const s = runDeterministic(routing([{ ...cascade, rampMonths: 3 }], { months: 3 })).scenarios[1]!;
    expect(s.months.map((m) => m.totalCost)).toEqual(['853.00', '706.00', '559.00']);
  });

  it('a one-time migration cost gives the break-even month', () => {
    // savings $441 a month, migration $2,000 in month 1:
    // cumulative −1,559, −1,118, −677, −236, +205 → break-even in month 5 (2027-05)
    const s = runDeterministic(routing([{ ...cascade, migrationCost: 2000 }], { months: 6 })).scenarios[1]!;
    expect(s.months[0]!.byComponent.migration).toBe('2000.00');
    expect(s.months.map((m) => m.cumulativeSavings)).toEqual(['-1559.00', '-1118.00', '-677.00', '-236.00', '205.00', '646.00']);
    expect(s.kpis.breakEvenMonth).toBe('2027-05');
    expect(s.kpis.savingsVsBaseline).toBe('646.00');
  });

  it('no break-even when savings never repay the migration', () => {
    // $441 × 3 = $1,323 < $5,000
    const s = runDeterministic(routing([{ ...cascade, migrationCost: 5000 }], { months: 3 })).scenarios[1]!;
    expect(s.kpis.breakEvenMonth).toBeNull();
  });
});
