/**
 * What the percentiles need of a Monte Carlo run, kept as the draws come in,
 * in memory that does not grow with the number of draws beyond a fixed
 * budget: each block of draws is turned into its figures (per scenario,
 * month and horizon: total and AI cost, the unit costs, savings; and the
 * break-even month) and dropped.
 *
 * Below the budget every figure of every draw is kept and the percentiles
 * are exact order statistics. Above it each figure is kept as a histogram
 * (binned-columns.ts), and each percentile is within one bin of the exact
 * one. Break-even months are counted per month, so their percentiles are
 * exact at any size. Summaries of any split of the draws merge into the
 * same figures.
 */
import { WorkbenchError } from '../domain/errors';
import { addValues, binnedBuffers, binnedColumns, binnedPercentiles, mergeBinned, type BinnedColumns } from './binned-columns';
import { breakEvenMonth, FLOAT, NO_UPFRONT_COST, KPI_FIGURES, ratioColumns, savingsVsBaseline, type CostSums, type KpiFigures } from './kpis';
import type { DrawBlock } from './monte-carlo';
import type { PercentileMethod } from './schema';
import { percentiles } from './percentiles';

/** A percentile of each figure (kpis.ts), in currency units. */
export type RangeNumbers = KpiFigures<number, number>;

export interface HorizonNumbers extends RangeNumbers {
  /** Month index of break-even, or null (never, or nothing to recover). */
  breakEvenMonth: number | null;
  /** Savings never fell below zero and ended above it: nothing to recover, so no break-even. */
  noUpfrontCost: boolean;
}

export interface ScenarioRanges {
  months: { p10: RangeNumbers; p50: RangeNumbers; p90: RangeNumbers }[];
  horizon: { p10: HorizonNumbers; p50: HorizonNumbers; p90: HorizonNumbers };
}

const FIGURES = KPI_FIGURES.length;
const TOTAL = KPI_FIGURES.indexOf('totalCost');
const AI = KPI_FIGURES.indexOf('aiCost');
const SAVINGS = KPI_FIGURES.indexOf('savingsVsBaseline');
const RATIOS = (['costPerUnit', 'aiCostPerUnit', 'costPerSuccess'] as const).map((f) => [f, KPI_FIGURES.indexOf(f)] as const);

/** Figures kept exactly, draw by draw, up to this many values in all (128 MB of float64); beyond it, histograms. */
export const EXACT_VALUES = 2 ** 24;
/** Histogram bins in all columns together (64 MB of counts); each column gets a power of two of them. */
export const BIN_BUDGET = 2 ** 24;
/** Fewest bins a column may have: its percentiles within 2 / 254 of its spread. Fewer would not be worth reporting. */
export const MIN_BINS = 256;
export const MAX_BINS = 8192;

export interface SummaryShape {
  scenarios: number;
  months: number;
  /** Draws in the whole run (not only this part): the method depends on it, so every part of a run agrees. */
  draws: number;
  /** Per scenario, the month its own levers act from (break-even is never before it). */
  leversActFrom: number[];
}

/** A run's draws, or a part of them, as the percentiles need them. Plain data: it crosses threads. */
export interface DrawSummary {
  shape: SummaryShape;
  method: PercentileMethod;
  /** Draws added. */
  draws: number;
  /** Exact method: each block's figures, column by column (column c of a block of n draws at [c × n, (c + 1) × n)). */
  blocks: { from: number; to: number; values: Float64Array }[];
  binned: BinnedColumns | null;
  /** Draws breaking even in each month, and (last) never, per scenario: index s × (months + 1) + month. */
  breakEven: Float64Array;
}

/** Figure columns: per scenario, each month and then the horizon, each figure. */
export function columnCount(shape: Pick<SummaryShape, 'scenarios' | 'months'>): number {
  return shape.scenarios * (shape.months + 1) * FIGURES;
}

const column = (months: number, s: number, m: number, f: number): number => (s * (months + 1) + m) * FIGURES + f;

/** The memory a summary may take: values kept exactly, and histogram bins. */
export interface SummaryLimits {
  exactValues: number;
  binBudget: number;
}

export const SUMMARY_LIMITS: SummaryLimits = { exactValues: EXACT_VALUES, binBudget: BIN_BUDGET };

/** How a run of this size keeps its percentiles; refuses one that cannot keep them in bounded memory, up front. */
export function percentileMethod(shape: Pick<SummaryShape, 'scenarios' | 'months' | 'draws'>, limits: SummaryLimits = SUMMARY_LIMITS): PercentileMethod {
  const columns = columnCount(shape);
  if (shape.draws * columns <= limits.exactValues) return { method: 'exact', bins: null };
  let bins = MAX_BINS;
  while (bins > MIN_BINS && bins * columns > limits.binBudget) bins /= 2;
  if (bins * columns > limits.binBudget) {
    const most = Math.floor(limits.binBudget / MIN_BINS / (shape.months + 1) / FIGURES);
    throw new WorkbenchError(
      'bad_input',
      `a Monte Carlo run keeps P10/P50/P90 of ${FIGURES} figures per month for each scenario: ${shape.scenarios} scenarios (the baseline included) over ${shape.months} months is more than it can keep in bounded memory; run at most ${most} at a time (--scenario) or fewer months`,
      { field: 'scenarios' },
    );
  }
  return { method: 'binned', bins };
}

export function newSummary(shape: SummaryShape, limits: SummaryLimits = SUMMARY_LIMITS): DrawSummary {
  const method = percentileMethod(shape, limits);
  return {
    shape,
    method,
    draws: 0,
    blocks: [],
    binned: method.method === 'binned' ? binnedColumns(columnCount(shape), method.bins) : null,
    breakEven: new Float64Array(shape.scenarios * (shape.months + 2)),
  };
}

/**
 * Adds a block of draws: works out each draw's figures month by month and
 * over the horizon, as kpis.ts defines them, and keeps them (or bins them).
 */
export function addBlock(summary: DrawSummary, block: DrawBlock): void {
  const { scenarios: S, months: M } = summary.shape;
  if (block.months !== M || block.scenarios.length !== S) throw new WorkbenchError('internal', `a block of ${block.scenarios.length} scenarios × ${block.months} months does not fit a run of ${S} × ${M}`);
  const n = block.to - block.from;
  const columns = columnCount(summary.shape);
  const perScenario = (M + 1) * FIGURES;
  const binned = summary.binned;
  // Kept: the block's columns, all scenarios. Binned: one scenario's columns at a time, into the histograms when it is done.
  const values = new Float64Array((binned ? perScenario : columns) * n);
  let offset = 0;
  // Where one figure of every draw in the block goes in `values`.
  const at = (s: number, m: number, f: number): number => (column(M, s, m, f) - offset) * n;
  const ratios = { costPerUnit: new Float64Array(n), aiCostPerUnit: new Float64Array(n), costPerSuccess: new Float64Array(n) };
  // Horizon sums per draw: total and AI cost as they stand, the cost of the work, units, successes; cumulative savings; the last month they were negative.
  const horizon: CostSums<Float64Array, Float64Array> = { totalCost: new Float64Array(n), aiCost: new Float64Array(n), workCost: new Float64Array(n), businessUnits: new Float64Array(n), successes: new Float64Array(n) };
  const saved = new Float64Array(n);
  const lastNegative = new Int32Array(n);
  const baseTotal = block.scenarios[0]!.totalCost;
  for (let s = 0; s < S; s++) {
    if (binned) offset = s * perScenario;
    const sums = block.scenarios[s]!;
    for (const sum of Object.values(horizon)) sum.fill(0);
    saved.fill(0);
    lastNegative.fill(-1);
    for (let m = 0; m < M; m++) {
      const month = m * n;
      ratioColumns(FLOAT, sums, ratios, n, month, 0);
      for (const [name, f] of RATIOS) values.set(ratios[name], at(s, m, f));
      const total = at(s, m, TOTAL);
      const ai = at(s, m, AI);
      const savings = at(s, m, SAVINGS);
      for (let j = 0, i = month; j < n; j++, i++) {
        const t = sums.totalCost[i] as number;
        const a = sums.aiCost[i] as number;
        const save = savingsVsBaseline(FLOAT, baseTotal[i] as number, t);
        values[total + j] = t;
        values[ai + j] = a;
        values[savings + j] = save;
        horizon.totalCost[j] = (horizon.totalCost[j] as number) + t;
        horizon.aiCost[j] = (horizon.aiCost[j] as number) + a;
        horizon.workCost[j] = (horizon.workCost[j] as number) + (sums.workCost[i] as number);
        horizon.businessUnits[j] = (horizon.businessUnits[j] as number) + (sums.businessUnits[i] as number);
        horizon.successes[j] = (horizon.successes[j] as number) + (sums.successes[i] as number);
        const cumulative = FLOAT.plus(saved[j] as number, save);
        saved[j] = cumulative;
        if (FLOAT.sign(cumulative) < 0) lastNegative[j] = m;
      }
    }
    ratioColumns(FLOAT, horizon, ratios, n, 0, 0);
    for (const [name, f] of RATIOS) values.set(ratios[name], at(s, M, f));
    values.set(horizon.totalCost, at(s, M, TOTAL));
    values.set(horizon.aiCost, at(s, M, AI));
    values.set(saved, at(s, M, SAVINGS));
    for (let j = 0; j < n; j++) {
      // The baseline never breaks even with itself.
      const month = s > 0 ? breakEvenMonth(lastNegative[j] as number, FLOAT.sign(saved[j] as number), summary.shape.leversActFrom[s] as number) : -1;
      // Per scenario: a count per month, then "never" (M), then "no upfront cost" (M + 1).
      const counted = s * (M + 2) + (month === NO_UPFRONT_COST ? M + 1 : month < 0 || month >= M ? M : month);
      summary.breakEven[counted] = (summary.breakEven[counted] as number) + 1;
    }
    if (binned) for (let c = 0; c < perScenario; c++) addValues(binned, offset + c, values.subarray(c * n, (c + 1) * n));
  }
  if (!binned) summary.blocks.push({ from: block.from, to: block.to, values });
  summary.draws += n;
}

/** Puts other parts of the same run into `into` (any order: the figures come out the same). */
export function mergeSummaries(into: DrawSummary, others: readonly DrawSummary[]): DrawSummary {
  for (const other of others) {
    if (other.method.method !== into.method.method || other.breakEven.length !== into.breakEven.length) throw new WorkbenchError('internal', 'parts of different Monte Carlo runs cannot be merged');
    into.blocks.push(...other.blocks);
    if (into.binned && other.binned) mergeBinned(into.binned, other.binned);
    for (let i = 0; i < into.breakEven.length; i++) into.breakEven[i] = (into.breakEven[i] as number) + (other.breakEven[i] as number);
    into.draws += other.draws;
  }
  return into;
}

const PS = [0.1, 0.5, 0.9] as const;

/** P10, P50 and P90 of one figure column: exact order statistics, or from its histogram. */
function columnPercentiles(summary: DrawSummary, c: number, scratch: Float64Array): number[] {
  if (summary.binned) return binnedPercentiles(summary.binned, c, PS);
  // Draw order does not matter to order statistics; block order is kept only to be tidy.
  let d = 0;
  for (const b of summary.blocks) {
    const n = b.to - b.from;
    scratch.set(b.values.subarray(c * n, (c + 1) * n), d);
    d += n;
  }
  return percentiles(scratch);
}

/**
 * The break-even month at P10, P50, P90: the order statistic itself (a month is not interpolated), in the order
 * "no upfront cost" (nothing to recover: the earliest payback there is), the months, "never".
 */
function breakEvenPercentiles(summary: DrawSummary, s: number): { month: number | null; noUpfrontCost: boolean }[] {
  const M = summary.shape.months;
  const draws = summary.draws;
  const at = s * (M + 2);
  const order = [M + 1, ...Array.from({ length: M }, (_, m) => m), M];
  return PS.map((p) => {
    const rank = Math.min(draws - 1, Math.max(0, Math.ceil(p * draws) - 1));
    let below = 0;
    for (const i of order) {
      below += summary.breakEven[at + i] as number;
      if (rank < below) return { month: i < M ? i : null, noUpfrontCost: i === M + 1 };
    }
    return { month: null, noUpfrontCost: false };
  });
}

/** The percentiles of a run, and how they were worked out. */
export interface RunRanges {
  method: PercentileMethod;
  scenarios: ScenarioRanges[];
}

/** Percentiles per month and over the horizon for every scenario (the baseline first). */
export function runRanges(summary: DrawSummary): RunRanges {
  return { method: summary.method, scenarios: scenarioRanges(summary) };
}

function scenarioRanges(summary: DrawSummary): ScenarioRanges[] {
  const { scenarios: S, months: M } = summary.shape;
  const scratch = new Float64Array(summary.binned ? 0 : summary.draws);
  const figures = (s: number, m: number): [RangeNumbers, RangeNumbers, RangeNumbers] => {
    const out = [{}, {}, {}] as [RangeNumbers, RangeNumbers, RangeNumbers];
    KPI_FIGURES.forEach((f, i) => {
      const [p10, p50, p90] = columnPercentiles(summary, column(M, s, m, i), scratch);
      out[0][f] = p10 as number;
      out[1][f] = p50 as number;
      out[2][f] = p90 as number;
    });
    return out;
  };
  return Array.from({ length: S }, (_, s) => {
    const months = Array.from({ length: M }, (__, m) => {
      const [p10, p50, p90] = figures(s, m);
      return { p10, p50, p90 };
    });
    const [h10, h50, h90] = figures(s, M);
    const [b10, b50, b90] = breakEvenPercentiles(summary, s);
    const horizon: { p10: HorizonNumbers; p50: HorizonNumbers; p90: HorizonNumbers } = {
      p10: { ...h10, breakEvenMonth: b10!.month, noUpfrontCost: b10!.noUpfrontCost },
      p50: { ...h50, breakEvenMonth: b50!.month, noUpfrontCost: b50!.noUpfrontCost },
      p90: { ...h90, breakEvenMonth: b90!.month, noUpfrontCost: b90!.noUpfrontCost },
    };
    return { months, horizon };
  });
}

/** The buffers of a summary, to transfer rather than copy between threads. */
export function summaryBuffers(summary: DrawSummary): ArrayBuffer[] {
  return [...summary.blocks.map((b) => b.values.buffer as ArrayBuffer), ...(summary.binned ? binnedBuffers(summary.binned) : []), summary.breakEven.buffer as ArrayBuffer];
}
