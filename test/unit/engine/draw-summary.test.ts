import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/domain/errors';
import { binnedPercentiles, binWidth } from '../../../shared/engine/binned-columns';
import { addBlock, BIN_BUDGET, columnCount, EXACT_VALUES, mergeSummaries, newSummary, percentileMethod, runRanges, type DrawSummary, type SummaryLimits } from '../../../shared/engine/draw-summary';
import { DrawRunner } from '../../../shared/engine/monte-carlo';
import { percentiles } from '../../../shared/engine/percentiles';
import { prepareRun } from '../../../shared/engine/run';
import { uncertainBank } from './helpers';

/** Histograms whatever the number of draws, 256 bins a column. */
const BINNED: SummaryLimits = { exactValues: 0, binBudget: Number.MAX_SAFE_INTEGER };

function summaryOf(draws: number, seed: number, parts: readonly [number, number][], limits?: SummaryLimits): DrawSummary {
  const prepared = prepareRun(uncertainBank(), { draws, seed });
  const runner = new DrawRunner(prepared.plans, prepared.params.specs, null);
  const [first, ...rest] = parts.map(([from, to]) => {
    const s = newSummary({ scenarios: prepared.plans.length, months: prepared.plans[0]!.months.length, draws, leversActFrom: prepared.plans.map((p) => p.leversActFrom) }, limits);
    for (let at = from; at < to; at += 250) addBlock(s, runner.run(seed, at, Math.min(to, at + 250)));
    return s;
  });
  return mergeSummaries(first!, rest);
}

describe('Monte Carlo summaries (percentiles in memory bounded whatever the number of draws)', () => {
  it('keep every draw below the budget and histograms above it, with the finest bins the budget allows', () => {
    // 2 scenarios × (120 months + horizon) × 6 figures = 1,452 columns.
    const shape = { scenarios: 2, months: 120 };
    expect(columnCount(shape)).toBe(1452);
    // 2^24 values ÷ 1,452 columns = 11,554.6: 11,554 draws are kept exactly, 11,555 are binned.
    expect(percentileMethod({ ...shape, draws: 11_554 })).toEqual({ method: 'exact', bins: null });
    // 2^24 bins ÷ 1,452 columns = 11,554.6: the largest power of two under it is 8,192.
    expect(percentileMethod({ ...shape, draws: 11_555 })).toEqual({ method: 'binned', bins: 8192 });
    // 10 scenarios: 7,260 columns; 2^24 ÷ 7,260 = 2,310.9 → 2,048 bins, whatever the draws.
    expect(percentileMethod({ scenarios: 10, months: 120, draws: 1_000_000 })).toEqual({ method: 'binned', bins: 2048 });
    // The budget the README states: 2^24 float64 values (128 MB) or 2^24 uint32 counts (64 MB) a summary.
    expect(EXACT_VALUES * 8 + BIN_BUDGET * 4).toBe(192 * 2 ** 20);
  });

  it('refuse a run too large to keep in bounded memory before any draw, and say what to do', () => {
    // 2^24 bins ÷ 256 (the fewest worth reporting) ÷ 121 × 6 figures = 90.3: at most 90 scenarios at 120 months.
    expect(percentileMethod({ scenarios: 90, months: 120, draws: 1_000_000 })).toEqual({ method: 'binned', bins: 256 });
    let error: unknown;
    try {
      percentileMethod({ scenarios: 91, months: 120, draws: 1_000_000 });
    } catch (e) {
      error = e;
    }
    expect(isWorkbenchError(error) && error.code).toBe('bad_input');
    expect((error as Error).message).toContain('91 scenarios (the baseline included) over 120 months');
    expect((error as Error).message).toContain('run at most 90 at a time (--scenario) or fewer months');
  });

  it('refuse such a run when it is prepared, before any worker draws', () => {
    const bank = uncertainBank();
    // The bank's scenario 90 times over: 91 plans with the baseline, at 120 months and a million draws.
    const many = { ...bank, scenarios: Array.from({ length: 90 }, (_, i) => ({ ...bank.scenarios[0]!, id: `s${i}` })) };
    expect(() => prepareRun(many, { draws: 1_000_000, months: 120 })).toThrow(/91 scenarios .* run at most 90 at a time/);
    // Fewer draws keep every draw exactly and are not refused.
    expect(prepareRun(many, { draws: 20, months: 120 }).plans).toHaveLength(91);
  });

  it('from histograms, give every figure within one bin width of its exact percentile', () => {
    const exact = summaryOf(3000, 4, [[0, 3000]]);
    const binned = summaryOf(3000, 4, [[0, 3000]], BINNED);
    expect(exact.method.method).toBe('exact');
    expect(binned.method).toEqual({ method: 'binned', bins: 8192 });
    const h = binned.binned!;
    const n = exact.draws;
    for (let c = 0; c < h.count.length; c++) {
      const column = Float64Array.from(exact.blocks.flatMap((b) => Array.from(b.values.subarray(c * (b.to - b.from), (c + 1) * (b.to - b.from)))));
      expect(column.length).toBe(n);
      const want = percentiles(column);
      const got = binnedPercentiles(h, c, [0.1, 0.5, 0.9]);
      got.forEach((p, i) => {
        if (Number.isNaN(want[i]!)) expect(p).toBeNaN();
        else expect(Math.abs(p - want[i]!)).toBeLessThanOrEqual(binWidth(h, c));
      });
    }
    // Break-even months are counted, not binned: the same at any size.
    const e = runRanges(exact).scenarios.map((s) => s.horizon);
    const b = runRanges(binned).scenarios.map((s) => s.horizon);
    expect(b.map((x) => [x.p10.breakEvenMonth, x.p50.breakEvenMonth, x.p90.breakEvenMonth])).toEqual(e.map((x) => [x.p10.breakEvenMonth, x.p50.breakEvenMonth, x.p90.breakEvenMonth]));
  });

  it('from histograms, give the same figures however the draws are split and merged', () => {
    const whole = runRanges(summaryOf(1200, 9, [[0, 1200]], BINNED));
    const split = runRanges(summaryOf(1200, 9, [[700, 1200], [0, 3], [3, 700]], BINNED));
    expect(split).toEqual(whole);
  });

  it('refuse to merge parts of runs kept differently', () => {
    const a = summaryOf(300, 1, [[0, 150]]);
    const b = summaryOf(300, 1, [[150, 300]], BINNED);
    expect(() => mergeSummaries(a, [b])).toThrow(/cannot be merged/);
  });
});
