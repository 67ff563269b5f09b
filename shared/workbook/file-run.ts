/**
 * One scenario file made ready for the workbook: compiled with the same
 * inputs the engine ran, its assumption catalogue, its result (given, with
 * Monte Carlo ranges, or worked out here exactly) and savings by lever.
 */
import type { RunOptions, RunResult } from '../engine/schema';
import type { Contract } from '../domain/contracts/types';
import { buildAssumptionCatalogue } from '../engine/assumptions';
import { EMPTY_RATE_CARD, inlineRateCard, layeredRateCard } from '../engine/pricing';
import { assembleRunResult, prepareRun, type EngineContext } from '../engine/run';
import type { ResolvedScenarioFile } from '../engine/scenario-file';
import { leverWaterfall } from '../engine/waterfall';
import type { FileRun } from './build';

export interface FileRunInput {
  label: string;
  file: ResolvedScenarioFile;
  ctx: EngineContext;
  contracts: readonly Contract[];
  options?: RunOptions;
  /** The engine's result for the same inputs (e.g. with draws from the worker pool); worked out exactly here when absent. */
  result?: RunResult;
  sourceOf?: (key: string) => string | null;
  /** Savings by lever (one deterministic run per lever prefix); off for speed when not wanted. */
  waterfalls?: boolean;
}

export function prepareFileRun(input: FileRunInput): FileRun {
  const options = { ...(input.options ?? {}), draws: 0 };
  const prepared = prepareRun(input.file, options, input.ctx);
  const catalogue = buildAssumptionCatalogue({
    plans: prepared.plans,
    specs: prepared.params.specs,
    rateCard: layeredRateCard(inlineRateCard(input.file.baseline.prices), input.ctx.rateCard ?? EMPTY_RATE_CARD),
    contracts: input.contracts,
    file: input.label,
    ...(input.sourceOf ? { sourceOf: input.sourceOf } : {}),
  });
  const result = input.result ?? assembleRunResult(prepared, input.ctx.contracts ?? null, null, []);
  const scenarios = prepared.plans.filter((p) => !p.isBaseline).map((p) => p.id);
  const waterfalls = input.waterfalls === false ? [] : scenarios.filter((id) => (input.file.scenarios.find((s) => s.id === id)?.levers.length ?? 0) > 0).map((id) => leverWaterfall(input.file, id, { months: prepared.plans[0]!.months.length }, input.ctx));
  return { label: input.label, file: input.file, prepared, catalogue, result, waterfalls };
}
