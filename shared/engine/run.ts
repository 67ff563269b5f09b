/**
 * Running a scenario file: compile the baseline and each scenario against one
 * shared parameter table, project them exactly, optionally draw Monte Carlo
 * ranges and a tornado per scenario, and assemble the RunResult.
 *
 * Callers use runScenarios (one thread) or, to spread draws over workers
 * (tasks.ts), prepareRun + DrawRunner per worker + summarise + assembleRunResult.
 */
import type { z } from 'zod';
import { RunOptions, type RunResult, type Tornado } from './schema';
import { WorkbenchError } from '../domain/errors';
import { compileScenario } from './compile';
import { percentileMethod, runRanges, type RunRanges } from './draw-summary';
import { simulate, throwIfAborted, type RunControl } from './monte-carlo';
import { ParamTable } from './params';
import type { ScenarioPlan } from './plan';
import { EMPTY_RATE_CARD, inlineRateCard, layeredRateCard, type ContractPricer, type RateCard } from './pricing';
import { projectExact } from './project';
import { monthTotals, scenarioResult, tornadoResult } from './results';
import type { ResolvedScenarioFile } from './scenario-file';
import { tornado } from './tornado';

export interface EngineContext {
  /** The workspace price book; a scenario file's own `prices` take precedence over it. */
  rateCard?: RateCard;
  /** Prices contract levers that name a workspace contract. */
  contracts?: ContractPricer | null;
}

export interface PreparedRun {
  file: ResolvedScenarioFile;
  options: z.output<typeof RunOptions>;
  params: ParamTable;
  /** The baseline first, then the chosen scenarios in file order. Plain data: safe to post to a worker. */
  plans: ScenarioPlan[];
}

export function prepareRun(file: ResolvedScenarioFile, options: RunOptions = {}, ctx: EngineContext = {}): PreparedRun {
  const parsed = RunOptions.safeParse(options);
  if (!parsed.success) throw new WorkbenchError('bad_input', `run options: ${parsed.error.issues[0]?.message ?? 'invalid'}`, { field: parsed.error.issues[0]?.path.join('.') });
  const opts = parsed.data;
  const wanted = opts.scenarios ?? file.scenarios.map((s) => s.id);
  for (const id of wanted) {
    if (!file.scenarios.some((s) => s.id === id)) throw new WorkbenchError('bad_input', `no scenario called ${id} in ${file.path}`, { file: file.path, field: 'scenarios' });
  }
  const rateCard = layeredRateCard(inlineRateCard(file.baseline.prices), ctx.rateCard ?? EMPTY_RATE_CARD);
  const params = new ParamTable(file.path);
  const months = opts.months ?? file.baseline.months;
  const compile = (scenario: (typeof file.scenarios)[number] | null) => compileScenario({ baseline: file.baseline, scenario, months, params, rateCard, file: file.path });
  const plans = [compile(null), ...file.scenarios.filter((s) => wanted.includes(s.id)).map(compile)];
  // A run too large to keep its percentiles in bounded memory is refused here, before any draw.
  if (opts.draws > 0) percentileMethod({ scenarios: plans.length, months, draws: opts.draws });
  return { file, options: opts, params, plans };
}

/** Puts exact projections, optional ranges and tornados together. */
export function assembleRunResult(prepared: PreparedRun, pricer: ContractPricer | null, ranges: RunRanges | null, tornados: Tornado[]): RunResult {
  const specs = prepared.params.specs;
  const projections = prepared.plans.map((plan) => projectExact(plan, specs, pricer));
  const baselineTotals = monthTotals(projections[0]!);
  const baseline = prepared.file.baseline;
  const unitDriver = prepared.plans[0]!.drivers[prepared.plans[0]!.unitDriver];
  return {
    name: prepared.file.name,
    currency: baseline.currency,
    unit: unitDriver?.unit ?? 'unit',
    start: baseline.start,
    months: prepared.plans[0]!.months.length,
    draws: ranges ? prepared.options.draws : 0,
    seed: ranges ? prepared.options.seed : null,
    ...(ranges ? { percentiles: ranges.method } : {}),
    scenarios: projections.map((p, i) => scenarioResult(p, baselineTotals, ranges?.scenarios[i] ?? null)),
    tornado: tornados,
  };
}

/** The deterministic run alone (quick enough to call directly). */
export function runDeterministic(file: ResolvedScenarioFile, options: RunOptions = {}, ctx: EngineContext = {}): RunResult {
  const prepared = prepareRun(file, { ...options, draws: 0 }, ctx);
  return assembleRunResult(prepared, ctx.contracts ?? null, null, []);
}

/** The full run: exact projection, and with draws > 0 Monte Carlo ranges and a tornado per scenario. */
export async function runScenarios(file: ResolvedScenarioFile, options: RunOptions = {}, ctx: EngineContext = {}, control: RunControl = {}): Promise<RunResult> {
  const prepared = prepareRun(file, options, ctx);
  const pricer = ctx.contracts ?? null;
  const { draws, seed } = prepared.options;
  let ranges: RunRanges | null = null;
  const tornados: Tornado[] = [];
  if (draws > 0) {
    ranges = runRanges(await simulate(prepared.plans, prepared.params.specs, pricer, draws, seed, control));
  }
  if (prepared.options.tornado ?? draws > 0) {
    for (const plan of prepared.plans) {
      throwIfAborted(control.signal);
      tornados.push(tornadoResult(plan.id, tornado(plan, prepared.params.specs, pricer, control.signal)));
    }
  }
  throwIfAborted(control.signal);
  control.onProgress?.({ done: draws, total: draws, message: 'Projection done' });
  return assembleRunResult(prepared, pricer, ranges, tornados);
}
