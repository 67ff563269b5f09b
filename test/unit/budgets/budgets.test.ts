import { describe, expect, it } from 'vitest';
import { BudgetSchema, type BudgetFile } from '../../../shared/domain/allocation/policy-file';
import { evaluateAllowance, evaluateBudget } from '../../../shared/domain/budgets/evaluate';
import { forecastToPeriodEnd } from '../../../shared/domain/budgets/forecast';
import { periodOf } from '../../../shared/domain/budgets/periods';
import { parseMoney } from '../../../shared/domain/money';
import { addDays, weekdayOf } from '../../../shared/domain/calendar';

/** $100 on weekdays, $40 on Saturdays and Sundays. */
const pattern = (day: string) => (weekdayOf(day) >= 5 ? 40 : 100);

function series(from: string, to: string, value: (day: string) => number, money = true): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (let d = from; d <= to; d = addDays(d, 1)) out.set(d, money ? parseMoney(String(value(d))) : BigInt(value(d)));
  return out;
}

const budget = (over: Record<string, unknown>): BudgetFile => BudgetSchema.parse({ id: 'b', scope: { team: 'lending' }, period: 'month', amount: '3000', currency: 'USD', ...over });

describe('budget periods', () => {
  it('gives calendar months, quarters and years with a January fiscal year', () => {
    expect(periodOf('2026-07-12', 'month')).toEqual({ kind: 'month', id: '2026-07', start: '2026-07-01', end: '2026-07-31' });
    expect(periodOf('2026-07-12', 'quarter')).toEqual({ kind: 'quarter', id: '2026-Q3', start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-07-12', 'year')).toEqual({ kind: 'year', id: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOf('2028-02-10', 'month').end).toBe('2028-02-29');
  });

  it('names a fiscal year starting in April by the year it ends in', () => {
    // April 2026 – March 2027 is FY2027; July is in its second quarter (Apr–Jun is Q1).
    expect(periodOf('2026-07-12', 'quarter', 4)).toEqual({ kind: 'quarter', id: 'FY2027-Q2', start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('2026-07-12', 'year', 4)).toEqual({ kind: 'year', id: 'FY2027', start: '2026-04-01', end: '2027-03-31' });
    expect(periodOf('2027-02-01', 'quarter', 4)).toEqual({ kind: 'quarter', id: 'FY2027-Q4', start: '2027-01-01', end: '2027-03-31' });
    expect(periodOf('2026-03-31', 'year', 4).id).toBe('FY2026');
  });
});

describe('forecast to the period end', () => {
  it('carries the run rate forward with the weekly pattern (hand-computed)', () => {
    // Four weeks of $100 weekdays / $40 weekends ending Sunday 2026-07-12. Weekly mean 580 / 7;
    // weekday factor 100 / (580/7), weekend 40 / (580/7); run rate 580/7: each day ahead is exactly 100 or 40.
    // 13–31 July: 15 weekdays × 100 + 4 weekend days × 40 = 1,660. No variation in the history: P10 = P90 = 1,660.
    const history = Array.from({ length: 28 }, (_, i) => pattern(addDays('2026-07-12', i - 27)));
    const f = forecastToPeriodEnd({ history, asOf: '2026-07-12', daysAhead: 19 });
    expect(f.basis).toBe('weekly pattern');
    expect(f.total).toBeCloseTo(1660, 9);
    expect(f.p10).toBeCloseTo(1660, 9);
    expect(f.p90).toBeCloseTo(1660, 9);
    expect(f.daily.slice(0, 7).map((v) => Math.round(v))).toEqual([100, 100, 100, 100, 100, 40, 40]);
    expect(f.weekdayFactors[0]).toBeCloseTo(700 / 580, 12);
    expect(f.weekdayFactors[6]).toBeCloseTo(280 / 580, 12);
  });

  it('widens the band with the history’s day-to-day variation, P10 below P90', () => {
    const history = Array.from({ length: 56 }, (_, i) => pattern(addDays('2026-07-12', i - 55)) * (i % 3 === 0 ? 1.3 : 0.85));
    const f = forecastToPeriodEnd({ history, asOf: '2026-07-12', daysAhead: 19 });
    expect(f.p10!).toBeLessThan(f.total);
    expect(f.p90!).toBeGreaterThan(f.total);
    // Seeded: the same band every run.
    expect(forecastToPeriodEnd({ history, asOf: '2026-07-12', daysAhead: 19 }).p10).toBe(f.p10);
  });

  it('uses the run rate alone, without a band, under two weeks of history', () => {
    // Ten days of $50: 5 days ahead are 250.
    const f = forecastToPeriodEnd({ history: Array(10).fill(50), asOf: '2026-07-12', daysAhead: 5 });
    expect(f).toMatchObject({ basis: 'run rate only', total: 250, p10: null, p90: null });
  });
});

describe('budget status', () => {
  // June and July to Sunday the 12th at $100 / $40: July so far is 1–3 (Wed–Fri) 300, 4–5 80, 6–10 500, 11–12 80 = $960.
  const spend = series('2026-06-01', '2026-07-12', pattern);

  it('is ok with the expected month end well inside the budget', () => {
    const r = evaluateBudget(budget({}), spend, '2026-07-12', 1, '2026-06-01');
    expect(r.spent).toBe(parseMoney('960'));
    expect(r.forecastTotal).toBeCloseTo(960 + 1660, 6);
    expect(r).toMatchObject({ status: 'ok', runsOutOn: null, daysElapsed: 12, daysInPeriod: 31, unit: 'USD' });
    expect(r.message).toBe('b (team lending, 2026-07): $960.00 of $3,000.00 (32%) after 12 of 31 days; expected $2,620.00 by 2026-07-31');
    // With the policy's team names, the scope reads as people say it; the budget is the same.
    const named = evaluateBudget(budget({}), spend, '2026-07-12', 1, '2026-06-01', new Map([['lending', 'Lending operations']]));
    expect(named.scope).toBe('team Lending operations');
    expect(named.message).toBe('b (team Lending operations, 2026-07): $960.00 of $3,000.00 (32%) after 12 of 31 days; expected $2,620.00 by 2026-07-31');
    expect(r.burnDown[11]).toEqual({ day: '2026-07-12', remaining: 2040, remainingP10: null, remainingP90: null, actual: true });
    expect(r.burnDown[30]!.remaining).toBeCloseTo(3000 - 2620, 6);
  });

  it('is forecast over when the expected month end passes the hard threshold, and says when it runs out', () => {
    // Expected 2,620 against 2,600: the path reaches 2,600 on Friday 31 July (2,520 on the 30th).
    const r = evaluateBudget(budget({ amount: '2600' }), spend, '2026-07-12', 1, '2026-06-01');
    expect(r).toMatchObject({ status: 'forecast_over', runsOutOn: '2026-07-31' });
  });

  it('is near past the soft threshold and over past the hard one, from the day it crossed', () => {
    // 960 of 1,000 is 96% ≥ 80%: near. 960 of 900: over; cumulative July spend passes 900 on the 11th (880 → 920).
    expect(evaluateBudget(budget({ amount: '1000' }), spend, '2026-07-12', 1, '2026-06-01').status).toBe('near');
    const over = evaluateBudget(budget({ amount: '900' }), spend, '2026-07-12', 1, '2026-06-01');
    expect(over).toMatchObject({ status: 'over', runsOutOn: '2026-07-11' });
    expect(over.message).toContain('over its 100% threshold since 2026-07-11');
  });

  it('sums a quarter and a fiscal year from their first day, in tokens too', () => {
    // Quarter from 1 July: the same $960. A fiscal year from April (FY2027) counts what the ledger has since then:
    // June 2026 (Monday 1st to Tuesday 30th) has 22 weekdays × 100 + 8 weekend days × 40 = 2,520; plus July's 960 = 3,480.
    expect(evaluateBudget(budget({ period: 'quarter' }), spend, '2026-07-12', 1, '2026-06-01').spent).toBe(parseMoney('960'));
    const fy = evaluateBudget(budget({ period: 'year', amount: '50000' }), spend, '2026-07-12', 4, '2026-06-01');
    expect(fy.period.id).toBe('FY2027');
    expect(fy.spent).toBe(parseMoney('3480'));
    const tokens = series('2026-06-01', '2026-07-12', () => 1_000_000, false);
    const t = evaluateBudget(BudgetSchema.parse({ id: 't', scope: { credential: 'key_1' }, period: 'quarter', tokens: 50_000_000 }), tokens, '2026-07-12', 1, '2026-06-01');
    expect(t).toMatchObject({ unit: 'tokens', spent: 12_000_000n, status: 'forecast_over' });
    // 12M so far + 80 days ahead × 1M = 92M expected against 50M; the path reaches 50M on day 50 of the quarter, 19 August.
    expect(t.forecastTotal).toBeCloseTo(92_000_000, 3);
    expect(t.runsOutOn).toBe('2026-08-19');
  });
});

describe('token allowances', () => {
  it('lists who is over, near and fine this month, largest share first', () => {
    const allowance = { id: 'dev', per: 'credential' as const, tokensPerMonth: 10_000_000, nearAt: '80', overrides: [{ who: 'key_lead', tokensPerMonth: 50_000_000 }] };
    const byWho = new Map([
      ['key_a', series('2026-07-01', '2026-07-12', () => 1_000_000, false)], // 12M of 10M: over
      ['key_b', series('2026-07-01', '2026-07-12', () => 700_000, false)], // 8.4M of 10M: 84%, near
      ['key_lead', series('2026-07-01', '2026-07-12', () => 1_000_000, false)], // 12M of 50M: 24%, and 31M by month end: ok
    ]);
    const uses = evaluateAllowance(allowance, byWho, '2026-07-12', '2026-07-01');
    expect(uses.map((u) => [u.who, u.tokens, u.allowance, u.status])).toEqual([
      ['key_a', 12_000_000n, 10_000_000n, 'over'],
      ['key_b', 8_400_000n, 10_000_000n, 'near'],
      ['key_lead', 12_000_000n, 50_000_000n, 'ok'],
    ]);
  });
});
