import { describe, expect, it } from 'vitest';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { breakEvenMonth, breakEvenOf, EXACT, FLOAT, kpiFigures, NO_UPFRONT_COST, savingsStartOf, perCount, ratio, ratioColumns, savingsVsBaseline } from '../../../shared/engine/kpis';

const m = parseMoney;

describe('unit economics, one definition for the exact run and the draws', () => {
  // A month: all-in $8,000.00, AI $2,000.00, the work $7,000.00; 1,000 loans, 950 successes; the baseline cost $9,000.00.
  // Cost per loan 8,000 / 1,000 = $8.00; AI per loan $2.00; per success 7,000 / 950 = 7.36842105263… → 7.368421053 (nano, half to even);
  // savings 9,000 − 8,000 = $1,000.00.
  it('gives the same figures in nano-units and in floats', () => {
    const exact = kpiFigures(EXACT, { totalCost: m('8000'), aiCost: m('2000'), workCost: m('7000'), businessUnits: 1000, successes: 950 }, savingsVsBaseline(EXACT, m('9000'), m('8000')));
    expect({
      totalCost: nanosToDecimal(exact.totalCost),
      aiCost: nanosToDecimal(exact.aiCost),
      costPerUnit: nanosToDecimal(exact.costPerUnit!),
      aiCostPerUnit: nanosToDecimal(exact.aiCostPerUnit!),
      costPerSuccess: nanosToDecimal(exact.costPerSuccess!),
      savingsVsBaseline: nanosToDecimal(exact.savingsVsBaseline),
    }).toEqual({ totalCost: '8000.00', aiCost: '2000.00', costPerUnit: '8.00', aiCostPerUnit: '2.00', costPerSuccess: '7.368421053', savingsVsBaseline: '1000.00' });

    const float = kpiFigures(FLOAT, { totalCost: 8000, aiCost: 2000, workCost: 7000, businessUnits: 1000, successes: 950 }, savingsVsBaseline(FLOAT, 9000, 8000));
    expect(float).toEqual({ totalCost: 8000, aiCost: 2000, costPerUnit: 8, aiCostPerUnit: 2, costPerSuccess: 7000 / 950, savingsVsBaseline: 1000 });
  });

  it('divides exact money by a fractional count through its decimal text, rounding once', () => {
    // $10.00 / 3 = 3.3333333333… → 3.333333333; $1.00 / 0.3 = 3.3333333333… (not 1 / 0.29999999999999998890) → 3.333333333.
    expect(nanosToDecimal(perCount(m('10'), 3)!)).toBe('3.333333333');
    expect(nanosToDecimal(perCount(m('1'), 0.3)!)).toBe('3.333333333');
    // $2.00 / 1,210.5 units = 0.00165220983… → 0.001652210 to the nano (trailing zero dropped in the text)
    expect(nanosToDecimal(perCount(m('2'), 1210.5)!)).toBe('0.00165221');
  });

  it('has no cost per unit in a month without units, in either arithmetic', () => {
    const sums = { totalCost: 500, aiCost: 500, workCost: 500, businessUnits: 0, successes: 0 };
    const float = kpiFigures(FLOAT, sums, 0);
    expect([float.costPerUnit, float.aiCostPerUnit, float.costPerSuccess].every(Number.isNaN)).toBe(true);
    const exact = kpiFigures(EXACT, { totalCost: m('500'), aiCost: m('500'), workCost: m('500'), businessUnits: 0, successes: 0 }, 0n);
    expect([exact.costPerUnit, exact.aiCostPerUnit, exact.costPerSuccess]).toEqual([null, null, null]);
  });

  it('computes the unit costs of many draws column by column, as one draw at a time would', () => {
    // Three draws: (30 / 3 units, 12 / 3, 20 / 4 successes) = 10, 4, 5; (7 / 2, 1 / 2, 7 / 7) = 3.5, 0.5, 1; no units, no successes = NaN.
    const col = (...x: number[]) => Float64Array.from(x);
    const sums = { totalCost: col(30, 7, 9), aiCost: col(12, 1, 9), workCost: col(20, 7, 9), businessUnits: col(3, 2, 0), successes: col(4, 7, 0) };
    const out = { costPerUnit: col(0, 0, 0), aiCostPerUnit: col(0, 0, 0), costPerSuccess: col(0, 0, 0) };
    ratioColumns(FLOAT, sums, out, 3, 0, 0);
    expect([...out.costPerUnit]).toEqual([10, 3.5, Number.NaN]);
    expect([...out.aiCostPerUnit]).toEqual([4, 0.5, Number.NaN]);
    expect([...out.costPerSuccess]).toEqual([5, 1, Number.NaN]);
    for (let d = 0; d < 3; d++) {
      const one = kpiFigures(FLOAT, { totalCost: sums.totalCost[d]!, aiCost: sums.aiCost[d]!, workCost: sums.workCost[d]!, businessUnits: sums.businessUnits[d]!, successes: sums.successes[d]! }, 0);
      expect([one.costPerUnit, one.aiCostPerUnit, one.costPerSuccess]).toEqual([out.costPerUnit[d], out.aiCostPerUnit[d], out.costPerSuccess[d]]);
    }
  });

  it('names the cost per unit alone, for the tornado', () => {
    expect(ratio(FLOAT, 'costPerUnit', { totalCost: 21_600, businessUnits: 3000 })).toBe(7.2);
    expect(nanosToDecimal(ratio(EXACT, 'costPerUnit', { totalCost: m('21600'), businessUnits: 3000 })!)).toBe('7.20');
  });
});

describe('break-even', () => {
  // Each case: monthly savings → cumulative → the first month from which cumulative savings stay ≥ 0, if they end
  // above zero and there was something to recover (NO_UPFRONT_COST when cumulative savings never went below zero).
  const cases: [number[], number][] = [
    [[-100, -50, 200, 10], 2], // −100, −150, +50, +60: from month 2
    [[-100, 200, -150, 100], 3], // −100, +100, −50, +50: dips again in month 2, so month 3
    [[10, 5], NO_UPFRONT_COST], // never below zero: nothing to recover, no break-even
    [[100, -200, 50], -1], // +100, −100, −50: ends below zero
    [[50, -50, 0], -1], // +50, 0, 0: ends at zero, no saving
    [[0, 0], -1],
    [[], -1],
  ];

  it('finds the month in exact savings', () => {
    for (const [savings, month] of cases) expect(breakEvenOf(EXACT, savings.map((s) => m(String(s))), 0)).toBe(month);
  });

  it('finds the same month in float savings', () => {
    for (const [savings, month] of cases) expect(breakEvenOf(FLOAT, savings, 0)).toBe(month);
  });

  it('is never a month before the first lever acts', () => {
    // levers act from month 2 with a cost in month 2: 0, 0, −10, 5, 10 → cumulative 0, 0, −10, −5, +5: month 4
    expect(breakEvenOf(EXACT, [0n, 0n, m('-10'), m('5'), m('10')], 2)).toBe(4);
    // a dip before the levers act (float noise, a baseline difference) never puts break-even before month 2
    expect(breakEvenOf(FLOAT, [-1, 1, 10, 5], 2)).toBe(2);
    // a migration cost in the lever's first month: 0, 0, −10, +30 → cumulative −10 in month 2, so month 3
    expect(breakEvenOf(FLOAT, [0, 0, -10, 30], 2)).toBe(3);
    // levers that act only after the horizon: never
    expect(breakEvenOf(FLOAT, [0, 0], 2)).toBe(-1);
  });

  it('is known from the last month below zero, the final sign and the month the levers act from (as the draws track it)', () => {
    expect(breakEvenMonth(-1, 1, 0)).toBe(NO_UPFRONT_COST);
    expect(breakEvenMonth(4, 1, 0)).toBe(5);
    expect(breakEvenMonth(4, 0, 0)).toBe(-1);
    expect(breakEvenMonth(-1, -1, 0)).toBe(-1);
    expect(breakEvenMonth(-1, 1, 3)).toBe(NO_UPFRONT_COST);
    expect(breakEvenMonth(4, 1, 3)).toBe(5);
    expect(breakEvenMonth(1, 1, 3)).toBe(3);
  });

  it('names the month savings start: the first month whose saving is above zero', () => {
    expect(savingsStartOf(EXACT, [0n, 0n, m('0.01'), m('5')])).toBe(2);
    expect(savingsStartOf(FLOAT, [0, -3, 0, 7])).toBe(3);
    expect(savingsStartOf(FLOAT, [0, -3])).toBe(-1);
  });
});
