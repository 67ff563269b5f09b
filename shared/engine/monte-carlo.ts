/**
 * Seeded Monte Carlo. Each draw gives every uncertain input a value from its
 * own stream (seed, draw number, input name), runs the baseline and every
 * scenario with the same values (so savings compare like with like), and
 * keeps a few figures per month. Blocks of draws go into a summary
 * (draw-summary.ts) as they are made, so memory does not grow with the
 * number of draws; percentiles come from the summary.
 *
 * Draws are independent, so blocks of draws can run in different workers
 * (worker_threads, Web Workers) and their summaries be merged: the numbers
 * do not depend on how the work was split. Figures are float64 (see
 * float-sink.ts).
 */
import { WorkbenchError } from '../domain/errors';
import { sample } from './distributions';
import { addBlock, newSummary, runRanges, type DrawSummary, type RunRanges, type SummaryLimits } from './draw-summary';
import type { CostSums } from './kpis';
import type { ParamSpec } from './params';
import type { ScenarioPlan } from './plan';
import type { ContractPricer } from './pricing';
import { FloatProjector } from './project';
import { Sfc32 } from './random';

/** Draws per block: small enough to report progress and notice a cancel several times a second, and to keep a block's figures small. */
export const DRAW_BLOCK = 250;

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

  /** An empty summary for (a part of) a run of `draws` draws of these plans. */
  summary(draws: number): DrawSummary {
    return newSummary({ scenarios: this.plans.length, months: this.plans[0]?.months.length ?? 0, draws, leversActFrom: this.plans.map((p) => p.leversActFrom) });
  }

  /** Draws [from, to) of a run of `draws`, block by block into a summary; `between` runs after each block (progress, cancel). */
  summarise(seed: number, from: number, to: number, draws: number, between?: (done: number) => void): DrawSummary {
    const summary = this.summary(draws);
    for (let start = from; start < to; start += DRAW_BLOCK) {
      const end = Math.min(to, start + DRAW_BLOCK);
      addBlock(summary, this.run(seed, start, end));
      between?.(end - from);
    }
    return summary;
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

export { percentiles } from './percentiles';
export type { HorizonNumbers, RangeNumbers, RunRanges, ScenarioRanges } from './draw-summary';

/**
 * Percentiles per month and over the horizon for every plan (plans[0] is the
 * baseline savings are measured against), from blocks of draws that are all
 * of the run's.
 */
export function summarise(blocks: readonly DrawBlock[], limits?: SummaryLimits): RunRanges {
  const first = blocks[0];
  const draws = blocks.reduce((n, b) => n + (b.to - b.from), 0);
  const summary = newSummary({ scenarios: first?.scenarios.length ?? 0, months: first?.months ?? 0, draws, leversActFrom: first?.leversActFrom ?? [] }, limits);
  for (const b of blocks) addBlock(summary, b);
  return runRanges(summary);
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

/** All draws in this thread, in blocks into one summary, with progress and cancellation between blocks. */
export async function simulate(
  plans: readonly ScenarioPlan[],
  specs: readonly ParamSpec[],
  pricer: ContractPricer | null,
  draws: number,
  seed: number,
  control: RunControl = {},
): Promise<DrawSummary> {
  const runner = new DrawRunner(plans, specs, pricer);
  const summary = runner.summary(draws);
  let lastYield = Date.now();
  for (let from = 0; from < draws; from += DRAW_BLOCK) {
    throwIfAborted(control.signal);
    const to = Math.min(draws, from + DRAW_BLOCK);
    addBlock(summary, runner.run(seed, from, to));
    control.onProgress?.({ done: to, total: draws, message: `Monte Carlo: ${to.toLocaleString('en-US')} of ${draws.toLocaleString('en-US')} draws` });
    if (Date.now() - lastYield > 50) {
      await yieldToEventLoop();
      lastYield = Date.now();
    }
  }
  throwIfAborted(control.signal);
  return summary;
}
