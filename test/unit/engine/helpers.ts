import { Baseline, Scenario, type BaselineInput } from '../../../shared/api/scenarios';
import type { z } from 'zod';
import type { ResolvedScenarioFile } from '../../../shared/engine/scenario-file';

/** A resolved scenario file from plain objects, validated by the same schemas as YAML files. */
export function scenarioFile(baseline: BaselineInput, scenarios: z.input<typeof Scenario>[] = []): ResolvedScenarioFile {
  return { name: 'test', path: 'test.yaml', baseline: Baseline.parse(baseline), scenarios: scenarios.map((s) => Scenario.parse(s)) };
}

/** Model A and B of the routing golden case, per million tokens. */
export const PRICES_AB = [
  { provider: 'vendor', model: 'a', input: '2.50', output: '10' },
  { provider: 'vendor', model: 'b', input: '0.25', output: '2' },
];
