/**
 * What an engine worker does — a worker_threads worker in the backend or a
 * Web Worker in the renderer run this same code on the same data, so a seed
 * gives the same P10/P50/P90 in both.
 *
 * Everything a task needs travels as plain data: the resolved scenario file,
 * the run options and the workspace's pricing inputs (its own price rows and
 * its stored contracts as YAML). A worker builds its price book and contract
 * pricer from them once and keeps them while the inputs stay the same.
 *
 * A Monte Carlo run splits into `draws` tasks (any number of workers, any
 * split: the figures do not depend on it), each returning a summary of its
 * draws (draw-summary.ts: bounded in size whatever the number of draws),
 * then `summarise` (percentiles of the merged summaries) and `exact` (the
 * exact projection and the tornado), which may run side by side;
 * `completeRun` puts them together. `finish` does the last steps in one
 * thread.
 */
import type { PriceRowWire } from '../domain/pricebook/schema';
import { RunOptions, type RunResult, type Tornado } from './schema';
import { contractPricer, priceBookRateCard } from '../domain/contracts/engine-adapters';
import { loadContractYaml } from '../domain/contracts/load';
import type { Contract } from '../domain/contracts/types';
import { bundledPriceBook } from '../domain/pricebook/bundled';
import { resolveModel, type PriceBook } from '../domain/pricebook/book';
import { contractAsOffer } from './contract-offer';
import { mergeSummaries, runRanges, summaryBuffers, type DrawSummary, type RunRanges } from './draw-summary';
import { DrawRunner } from './monte-carlo';
import type { ContractPricer, RateCard } from './pricing';
import { tornadoResult, withRanges } from './results';
import { assembleRunResult, prepareRun, type EngineContext, type PreparedRun } from './run';
import type { ResolvedScenarioFile } from './scenario-file';
import { tornado } from './tornado';
import { leverWaterfall, type LeverWaterfall } from './waterfall';
import { WorkbenchError } from '../domain/errors';
import { applyRunSettings } from './run-settings';

export interface PricingInputs {
  /** The workspace's own price rows (overrides, added models), on top of the shipped catalogue. */
  userPriceRows: PriceRowWire[];
  /** The workspace's stored contracts, as the YAML the user saved. */
  contracts: { fileName: string; yaml: string }[];
}

export const NO_WORKSPACE_PRICING: PricingInputs = { userPriceRows: [], contracts: [] };

export interface RunTaskInput {
  file: ResolvedScenarioFile;
  options: RunOptions;
  pricing: PricingInputs;
}

export interface TaskControl {
  /** Polled between blocks of draws and tornado inputs. */
  isCancelled(): boolean;
  onProgress?(done: number, message: string): void;
}

let cached: { key: string; ctx: EngineContext } | null = null;

/** The contracts module's pricer, plus each contract's offer form where it has one (quick Monte Carlo draws). */
function withOffers(pricer: ContractPricer, contracts: readonly Contract[], book: PriceBook): ContractPricer {
  return {
    priceMonths: (request) => pricer.priceMonths(request),
    asOffer: (id, provider, currency) => {
      const contract = contracts.find((c) => c.id === id);
      // A scoped credit judges a line by the model the pricer prices it as: the price book's id for the scenario's spelling.
      return contract ? contractAsOffer(contract, provider, currency, (model) => resolveModel(book, provider, model) ?? model) : null;
    },
  };
}

/** The price book and contracts of the pricing inputs, built once per worker while they stay the same. */
export function engineContextOf(pricing: PricingInputs): EngineContext {
  const key = JSON.stringify(pricing);
  if (cached?.key === key) return cached.ctx;
  const book = bundledPriceBook({ userRows: pricing.userPriceRows });
  const contracts = pricing.contracts.map((c) => loadContractYaml(c.yaml, { file: c.fileName, book }));
  const ctx: EngineContext = {
    rateCard: priceBookRateCard(book) as RateCard,
    contracts: contracts.length > 0 ? withOffers(contractPricer(contracts, book) as ContractPricer, contracts, book) : null,
  };
  cached = { key, ctx };
  return ctx;
}

function cancelledError(): WorkbenchError {
  return new WorkbenchError('cancelled', 'the run was cancelled');
}

/** A signal the engine's tornado can poll, backed by the task's control. */
function signalOf(control: TaskControl): AbortSignal {
  return {
    get aborted() {
      return control.isCancelled();
    },
  } as AbortSignal;
}

/** The run prepared for a task, with the options' assumption settings (`--set`) applied. */
export function prepareTask(input: RunTaskInput, options: RunOptions = input.options): { ctx: EngineContext; prepared: PreparedRun } {
  const base = engineContextOf(input.pricing);
  const prepared = prepareRun(input.file, options, base);
  const ctx = applyRunSettings(prepared, base, input.pricing, prepared.options.set ?? [], engineContextOf);
  return { ctx, prepared };
}

/** The exact run alone. */
export function deterministicTask(input: RunTaskInput): RunResult {
  const { ctx, prepared } = prepareTask(input, { ...input.options, draws: 0 });
  return assembleRunResult(prepared, ctx.contracts ?? null, null, []);
}

/**
 * Draws [from, to) of a Monte Carlo run, block by block into a summary of
 * this part (memory bounded whatever the number of draws), with progress
 * (draws done in this task) and cancel between blocks.
 */
export function drawsTask(input: RunTaskInput, from: number, to: number, control: TaskControl): DrawSummary {
  const { ctx, prepared } = prepareTask(input);
  const runner = new DrawRunner(prepared.plans, prepared.params.specs, ctx.contracts ?? null);
  if (control.isCancelled()) throw cancelledError();
  return runner.summarise(prepared.options.seed, from, to, prepared.options.draws, (done) => {
    control.onProgress?.(done, 'Monte Carlo draws');
    if (done < to - from && control.isCancelled()) throw cancelledError();
  });
}

/** Percentiles per month and over the horizon, from the summaries of every part of the run's draws (merged into the first). */
export function summariseTask(input: RunTaskInput, parts: readonly DrawSummary[]): RunRanges | null {
  const draws = input.options.draws ?? 0;
  const drawn = parts.reduce((n, p) => n + p.draws, 0);
  if (drawn !== draws) throw new WorkbenchError('internal', `expected ${draws} draws, got ${drawn}`);
  if (draws === 0 || parts.length === 0) return null;
  return runRanges(mergeSummaries(parts[0]!, parts.slice(1)));
}

/** Whether the run ranks inputs in a tornado: when asked, or by default with draws. */
export function wantsTornado(options: RunOptions): boolean {
  return options.tornado ?? (options.draws ?? 0) > 0;
}

/**
 * The exact projection with the tornado (when the run wants one), without
 * ranges: it needs no draws, so it runs beside the percentiles.
 */
export function exactTask(input: RunTaskInput, control: TaskControl): RunResult {
  const { ctx, prepared } = prepareTask(input);
  const pricer = ctx.contracts ?? null;
  const tornados: Tornado[] = [];
  if (wantsTornado(prepared.options)) {
    const signal = signalOf(control);
    for (const plan of prepared.plans) {
      if (control.isCancelled()) throw cancelledError();
      control.onProgress?.(prepared.options.draws, `Tornado: ${plan.id}`);
      tornados.push(tornadoResult(plan.id, tornado(plan, prepared.params.specs, pricer, signal)));
    }
  }
  if (control.isCancelled()) throw cancelledError();
  return assembleRunResult(prepared, pricer, null, tornados);
}

/** The exact projection and tornado with the percentiles of the run's draws. */
export function completeRun(input: RunTaskInput, exact: RunResult, ranges: RunRanges | null): RunResult {
  const options = RunOptions.parse(input.options);
  return ranges ? withRanges(exact, ranges, options.draws, options.seed) : exact;
}

/** Percentiles from every part of the run's draws, the tornado (when asked for, or with draws), and the exact projection. */
export function finishTask(input: RunTaskInput, parts: readonly DrawSummary[], control: TaskControl): RunResult {
  const ranges = summariseTask(input, parts);
  return completeRun(input, exactTask(input, control), ranges);
}

/** Savings by lever for each scenario of the file (the compare view's waterfall). */
export function waterfallTask(input: RunTaskInput): LeverWaterfall[] {
  const ctx = engineContextOf(input.pricing);
  const wanted = input.options.scenarios ?? input.file.scenarios.map((s) => s.id);
  return wanted.map((id) => leverWaterfall(input.file, id, { months: input.options.months }, ctx));
}

/** The whole run in this thread (one worker, or a test). */
export function runTask(input: RunTaskInput, control: TaskControl): RunResult {
  const draws = input.options.draws ?? 0;
  if (draws === 0 && !input.options.tornado) return deterministicTask(input);
  const parts = draws > 0 ? [drawsTask(input, 0, draws, control)] : [];
  return finishTask(input, parts, control);
}

/** The buffers of draw summaries, to transfer rather than copy between threads. */
export function partBuffers(parts: readonly DrawSummary[]): ArrayBuffer[] {
  return parts.flatMap(summaryBuffers);
}
