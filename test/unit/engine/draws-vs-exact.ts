import { expect } from 'vitest';
import { formatMoneyFixed, numberToNanos, parseMoney } from '../../../shared/domain/money';
import { DrawRunner, summarise } from '../../../shared/engine/monte-carlo';
import { prepareRun, runDeterministic, type EngineContext } from '../../../shared/engine/run';
import type { ResolvedScenarioFile } from '../../../shared/engine/scenario-file';

/** What a figure shows: cents, rounded as every screen rounds (half to even). */
export const cents = (amount: string | number): string => formatMoneyFixed(typeof amount === 'number' ? numberToNanos(amount) : parseMoney(amount), 2);

/**
 * Float figures may differ from the exact run by rounding (each priced
 * quantity is rounded to a nano-unit on the exact path) and float sums: far
 * below a cent. A millionth of the currency unit is the bound asserted.
 */
export const MICRO = 1e-6;

function expectSame(float: number, exact: string | null, what: string): void {
  expect(exact, what).not.toBeNull();
  expect(Math.abs(float - Number(exact)), `${what}: draw ${float} against exact ${exact}`).toBeLessThan(MICRO);
  expect(cents(float), what).toBe(cents(exact!));
}

/**
 * Every Monte Carlo draw of a file with no uncertain input equals the exact
 * run: each month's total and AI cost, and the horizon's figures at P10, P50
 * and P90. `fix` makes a file with uncertain inputs deterministic by fixing
 * each at the value the exact run uses (its central value).
 */
export function expectEveryDrawExact(file: ResolvedScenarioFile, ctx: EngineContext = {}, options: { fix?: boolean; months?: number; pricerCalls?: () => number } = {}): void {
  const draws = 3;
  const prepared = prepareRun(file, { draws, ...(options.months ? { months: options.months } : {}) }, ctx);
  if (options.fix) for (const spec of prepared.params.specs) spec.dist = null;
  expect(prepared.params.uncertain()).toEqual([]);
  const exact = runDeterministic(file, options.months ? { months: options.months } : {}, ctx);
  const runner = new DrawRunner(prepared.plans, prepared.params.specs, ctx.contracts ?? null);
  const callsBefore = options.pricerCalls?.();
  const block = runner.run(7, 0, draws);
  // Where a stored contract has an offer form, draws price with it, not with the contracts module.
  if (options.pricerCalls) expect(options.pricerCalls(), 'calls to the contracts module during the draws').toBe(callsBefore);
  // Kept exactly, or (as runs too large to keep every draw are) in histograms: a figure that never varies reads back exactly.
  const kept = summarise([block]);
  const binned = summarise([block], { exactValues: 0, binBudget: Number.MAX_SAFE_INTEGER });
  expect(binned.method.method).toBe('binned');
  exact.scenarios.forEach((scenario, s) => {
    const sums = block.scenarios[s]!;
    scenario.months.forEach((month, m) => {
      for (let j = 0; j < draws; j++) {
        expectSame(sums.totalCost[m * draws + j]!, month.totalCost, `${scenario.id} ${month.month} total cost, draw ${j}`);
        expectSame(sums.aiCost[m * draws + j]!, month.aiCost, `${scenario.id} ${month.month} AI cost, draw ${j}`);
        expect(sums.businessUnits[m * draws + j]).toBeCloseTo(month.businessUnits, 6);
      }
    });
    const k = scenario.kpis;
    for (const [p, ranges] of (['p10', 'p50', 'p90'] as const).flatMap((q) => [[q, kept], [q, binned]] as const)) {
      const h = ranges.scenarios[s]!.horizon[p];
      expectSame(h.totalCost, k.totalCost, `${scenario.id} ${p} total cost`);
      expectSame(h.aiCost, k.aiCost, `${scenario.id} ${p} AI cost`);
      expectSame(h.savingsVsBaseline, k.savingsVsBaseline, `${scenario.id} ${p} savings`);
      for (const ratio of ['costPerUnit', 'aiCostPerUnit', 'costPerSuccess'] as const) {
        if (k[ratio] === null) expect(h[ratio], `${scenario.id} ${p} ${ratio}`).toBeNaN();
        else expectSame(h[ratio], k[ratio], `${scenario.id} ${p} ${ratio}`);
      }
      expect(h.breakEvenMonth === null ? null : scenario.months[h.breakEvenMonth]!.month, `${scenario.id} ${p} break-even`).toBe(k.breakEvenMonth);
    }
  });
}
