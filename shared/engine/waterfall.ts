/**
 * Savings by lever: how much of a scenario's saving each of its levers brings,
 * in the order they apply. Lever k's step is the horizon cost of the scenario
 * with levers 0..k−1 minus the cost with levers 0..k, so the steps add up
 * exactly to the scenario's saving against the baseline (levers interact:
 * a lever's step depends on those before it, as in the scenario itself).
 */
import { leverModule, type Lever } from './levers';
import type { RunOptions } from './schema';
import { WorkbenchError } from '../domain/errors';
import { nanosToDecimal, parseMoney } from '../domain/money';
import { runDeterministic, type EngineContext } from './run';
import type { ResolvedScenarioFile } from './scenario-file';

export interface WaterfallStep {
  lever: number;
  label: string;
  type: Lever['type'];
  /** Horizon cost saved by adding this lever to the ones before it (negative: it costs more). */
  saving: string;
}

export interface LeverWaterfall {
  scenario: string;
  baselineTotal: string;
  scenarioTotal: string;
  steps: WaterfallStep[];
}

/** The lever's name, else its module's label for it, else "<Type> lever <n>". */
export function leverLabel(lever: Lever, index: number): string {
  if (lever.name) return lever.name;
  const label = leverModule(lever.type).label;
  return label ? label(lever) : `${lever.type[0]!.toUpperCase()}${lever.type.slice(1)} lever ${index + 1}`;
}

export function leverWaterfall(file: ResolvedScenarioFile, scenarioId: string, options: RunOptions = {}, ctx: EngineContext = {}): LeverWaterfall {
  const scenario = file.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) throw new WorkbenchError('bad_input', `no scenario called ${scenarioId} in ${file.path}`, { field: 'scenario' });
  const prefixes = scenario.levers.map((_, k) => ({ ...scenario, id: `${scenario.id}.step-${k}`, levers: scenario.levers.slice(0, k + 1) }));
  const result = runDeterministic({ ...file, scenarios: prefixes }, { ...options, draws: 0, scenarios: prefixes.map((p) => p.id) }, ctx);
  const totals = result.scenarios.map((s) => parseMoney(s.kpis.totalCost));
  const baseline = totals[0]!;
  const steps = scenario.levers.map((lever, k) => ({
    lever: k,
    label: leverLabel(lever, k),
    type: lever.type,
    saving: nanosToDecimal(totals[k]! - totals[k + 1]!),
  }));
  return { scenario: scenarioId, baselineTotal: nanosToDecimal(baseline), scenarioTotal: nanosToDecimal(totals.at(-1)!), steps };
}
