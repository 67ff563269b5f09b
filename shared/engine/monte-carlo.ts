/**
 * Seeded Monte Carlo. Each draw gives every uncertain input a value from its
 * own stream (seed, draw number, input name), runs the baseline and every
 * scenario with the same values (so savings compare like with like), and
 * keeps a few figures per month. Percentiles come from those figures.
 *
 * Draws are independent, so blocks of draws can run in different workers
 * (worker_threads, Web Workers) and be merged: the numbers do not depend on
 * how the work was split. Figures are float64 (see float-sink.ts).
 */
import { WorkbenchError } from '../domain/errors';
import { sample } from './distributions';
import { breakEvenMonth, FLOAT, KPI_FIGURES, ratioColumns, savingsVsBaseline, type CostSums, type KpiFigures } from './kpis';
import type { ParamSpec } from './params';
import type { ScenarioPlan } from './plan';
import type { ContractPricer } from './pricing';
import { FloatProjector } from './project';
import { Sfc32 } from './random';

/** What each month of a block of draws adds up to, per scenario, month-major: index m × (to − from) + (draw − from). */
export interface DrawBlock {
  from: number;
  to: number;
  months: number;
  scenarios: CostSums<Float64Array, Float64Array>[];
  /** Per scenario, the first month one of its own levers acts (break-even is never before it). */
  leversActFrom: number[];
}

export function drawValues(specs: readonly ParamSpec[], base: Float64Array, uncertain: readonly number[], seed: number, draw: number, into: Float64Array): void {
  into.set(base);
  for (const i of uncertain) {
    const spec = specs[i]!;
    const x = sample(spec.dist!, Sfc32.stream(seed, draw, spec.hash));
    into[i] = x < spec.domain.lo ? spec.domain.lo : x > spec.domain.hi ? spec.domain.hi : x;
  }
}

/** Runs blocks of draws for a set of plans (the baseline first). Reuse one per worker. */
export class DrawRunner {
  private readonly projectors: FloatProjector[];
  private readonly base: Float64Array;
  private readonly values: Float64Array;
  private readonly uncertain: number[];

  constructor(
    readonly plans: readonly ScenarioPlan[],
    private readonly specs: readonly ParamSpec[],
    pricer: ContractPricer | null,
  ) {
    this.projectors = plans.map((p) => new FloatProjector(p, pricer, specs));
    this.base = Float64Array.from(specs, (s) => s.base);
    this.values = new Float64Array(specs.length);
    this.uncertain = specs.flatMap((s, i) => (s.dist !== null ? [i] : []));
  }

  run(seed: number, from: number, to: number): DrawBlock {
    const M = this.plans[0]?.months.length ?? 0;
    const n = to - from;
    const scenarios = this.plans.map(
      (): CostSums<Float64Array, Float64Array> => ({
        totalCost: new Float64Array(n * M),
        aiCost: new Float64Array(n * M),
        workCost: new Float64Array(n * M),
        businessUnits: new Float64Array(n * M),
        successes: new Float64Array(n * M),
      }),
    );
    for (let d = from; d < to; d++) {
      drawValues(this.specs, this.base, this.uncertain, seed, d, this.values);
      const j = d - from;
      for (let s = 0; s < this.projectors.length; s++) {
        const sink = this.projectors[s]!.run(this.values);
        const out = scenarios[s]!;
        for (let m = 0, i = j; m < M; m++, i += n) {
          out.totalCost[i] = sink.total[m] as number;
          out.aiCost[i] = sink.ai[m] as number;
          out.workCost[i] = sink.work[m] as number;
          out.businessUnits[i] = sink.units[m] as number;
          out.successes[i] = sink.successes[m] as number;
        }
      }
    }
    return { from, to, months: M, scenarios, leversActFrom: this.plans.map((p) => p.leversActFrom) };
  }
}

// ---------------------------------------------------------------------------
// Percentiles

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Moves the k-th smallest value of a[left..right] to index k, smaller ones
 * before it and larger ones after (Floyd and Rivest's SELECT, 1975: it picks
 * its pivot from a sample, so it needs about 1.5 n comparisons). The sample
 * bounds use Math.log/exp, but only to choose pivots: the value selected is
 * the same whatever they return.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      select(a, k, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)));
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * P10, P50 and P90 of the values (linear interpolation between order
 * statistics, type 7 — as Excel's PERCENTILE.INC). Reorders `a`. NaN when any
 * value is not finite (e.g. a cost per unit in a month without units).
 */
export function percentiles(a: Float64Array, ps: readonly number[] = [0.1, 0.5, 0.9]): number[] {
  const n = a.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i] as number)) return ps.map(() => Number.NaN);
  if (n === 0) return ps.map(() => Number.NaN);
  // Ascending ps: everything left of an earlier order statistic is no larger, so later selections start after it.
  let from = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    select(a, lo, Math.min(from, lo), n - 1);
    from = lo + 1;
    const below = a[lo] as number;
    if (lo + 1 >= n || h === lo) return below;
    let above = a[lo + 1] as number;
    for (let i = lo + 2; i < n; i++) if ((a[i] as number) < above) above = a[i] as number;
    return below + (h - lo) * (above - below);
  });
}

/** A percentile of each figure (kpis.ts), in currency units. */
export type RangeNumbers = KpiFigures<number, number>;

export interface HorizonNumbers extends RangeNumbers {
  /** Month index of break-even, or null (never). */
  breakEvenMonth: number | null;
}

export interface ScenarioRanges {
  months: { p10: RangeNumbers; p50: RangeNumbers; p90: RangeNumbers }[];
  horizon: { p10: HorizonNumbers; p50: HorizonNumbers; p90: HorizonNumbers };
}

type Columns = Record<(typeof KPI_FIGURES)[number], Float64Array>;

function toRanges(columns: Columns): [RangeNumbers, RangeNumbers, RangeNumbers] {
  const out = [{}, {}, {}] as [RangeNumbers, RangeNumbers, RangeNumbers];
  for (const f of KPI_FIGURES) {
    const [p10, p50, p90] = percentiles(columns[f]);
    out[0][f] = p10 as number;
    out[1][f] = p50 as number;
    out[2][f] = p90 as number;
  }
  return out;
}

/** Percentiles per month and over the horizon for every plan (plans[0] is the baseline savings are measured against). */
export function summarise(blocks: readonly DrawBlock[]): ScenarioRanges[] {
  const sorted = [...blocks].sort((a, b) => a.from - b.from);
  const M = sorted[0]?.months ?? 0;
  const draws = sorted.reduce((s, b) => s + (b.to - b.from), 0);
  const scenarioCount = sorted[0]?.scenarios.length ?? 0;
  const column = () => new Float64Array(draws);
  const cols = () => Object.fromEntries(KPI_FIGURES.map((f) => [f, column()])) as Columns;
  // Columns of one figure per draw, reused month after month (percentiles reorder them): the month's (c) and the horizon's (h).
  const c = cols();
  const h = cols();
  // Horizon sums per draw: its total and AI cost are figures as they stand, its savings are cumulative savings.
  // And the last month each draw's cumulative savings were negative, for break-even.
  const horizon: CostSums<Float64Array, Float64Array> = { totalCost: h.totalCost, aiCost: h.aiCost, workCost: column(), businessUnits: column(), successes: column() };
  const saved = h.savingsVsBaseline;
  const lastNegative = new Int32Array(draws);
  const results: ScenarioRanges[] = [];
  for (let s = 0; s < scenarioCount; s++) {
    const months: ScenarioRanges['months'] = [];
    for (const sum of [horizon.totalCost, horizon.aiCost, horizon.workCost, horizon.businessUnits, horizon.successes, saved]) sum.fill(0);
    lastNegative.fill(-1);
    const { totalCost: sumTotal, aiCost: sumAi, workCost: sumWork, businessUnits: sumUnits, successes: sumSuccesses } = horizon;
    const { totalCost, aiCost, savingsVsBaseline: monthSavings } = c;
    for (let m = 0; m < M; m++) {
      let d = 0;
      for (const b of sorted) {
        const n = b.to - b.from;
        const sums = b.scenarios[s]!;
        ratioColumns(FLOAT, sums, c, n, m * n, d);
        const { totalCost: total, aiCost: ai, workCost: work, businessUnits: units, successes } = sums;
        const baseTotal = b.scenarios[0]!.totalCost;
        for (let j = 0, i = m * n; j < n; j++, i++, d++) {
          const t = total[i] as number;
          const a = ai[i] as number;
          const save = savingsVsBaseline(FLOAT, baseTotal[i] as number, t);
          totalCost[d] = t;
          aiCost[d] = a;
          monthSavings[d] = save;
          sumTotal[d] = (sumTotal[d] as number) + t;
          sumAi[d] = (sumAi[d] as number) + a;
          sumWork[d] = (sumWork[d] as number) + (work[i] as number);
          sumUnits[d] = (sumUnits[d] as number) + (units[i] as number);
          sumSuccesses[d] = (sumSuccesses[d] as number) + (successes[i] as number);
          const cum = FLOAT.plus(saved[d] as number, save);
          saved[d] = cum;
          if (FLOAT.sign(cum) < 0) lastNegative[d] = m;
        }
      }
      const [p10, p50, p90] = toRanges(c);
      months.push({ p10, p50, p90 });
    }
    ratioColumns(FLOAT, horizon, h, draws, 0, 0);
    // Break-even per draw; the baseline never breaks even with itself.
    const breakEven = new Float64Array(draws);
    for (let d = 0; d < draws; d++) {
      const index = s > 0 ? breakEvenMonth(lastNegative[d] as number, FLOAT.sign(saved[d] as number), sorted[0]!.leversActFrom[s]!) : -1;
      breakEven[d] = index < 0 || index >= M ? Number.POSITIVE_INFINITY : index;
    }
    // Break-even is a month, so take the order statistic itself (no interpolation); "never" sorts last.
    breakEven.sort();
    const beAt = (p: number): number | null => {
      const v = breakEven[Math.min(draws - 1, Math.max(0, Math.ceil(p * draws) - 1))] as number;
      return Number.isFinite(v) ? v : null;
    };
    const [h10, h50, h90] = toRanges(h);
    results.push({
      months,
      horizon: {
        p10: { ...h10, breakEvenMonth: beAt(0.1) },
        p50: { ...h50, breakEvenMonth: beAt(0.5) },
        p90: { ...h90, breakEvenMonth: beAt(0.9) },
      },
    });
  }
  return results;
}

export interface Progress {
  done: number;
  total: number;
  message: string;
}

export interface RunControl {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/** Lets queued events (an abort, a progress message) through; setTimeout exists in Node, browsers and workers alike. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('cancelled', 'the run was cancelled');
}

/** All draws in this thread, in blocks, with progress and cancellation between blocks. */
export async function simulate(
  plans: readonly ScenarioPlan[],
  specs: readonly ParamSpec[],
  pricer: ContractPricer | null,
  draws: number,
  seed: number,
  control: RunControl = {},
): Promise<DrawBlock[]> {
  const runner = new DrawRunner(plans, specs, pricer);
  const blocks: DrawBlock[] = [];
  const blockSize = 250;
  let lastYield = Date.now();
  for (let from = 0; from < draws; from += blockSize) {
    throwIfAborted(control.signal);
    const to = Math.min(draws, from + blockSize);
    blocks.push(runner.run(seed, from, to));
    control.onProgress?.({ done: to, total: draws, message: `Monte Carlo: ${to.toLocaleString('en-US')} of ${draws.toLocaleString('en-US')} draws` });
    if (Date.now() - lastYield > 50) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  throwIfAborted(control.signal);
  return blocks;
}
