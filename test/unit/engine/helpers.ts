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

/** The bank case with uncertain inputs, all symmetric around the deterministic values. */
export const uncertainBank = () =>
  scenarioFile(
    {
      start: '2027-01',
      months: 12,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: { dist: 'normal', mean: 1000, sd: 80 }, costs: [{ name: 'manual processing', perUnit: { dist: 'triangular', min: 5, mode: 6, max: 7 } }] }],
      workloads: [
        {
          id: 'extraction',
          driver: 'loans',
          requestsPerUnit: { min: 3, max: 5 },
          tokensPerRequest: { input: 150_000, output: { dist: 'pert', min: 20_000, mode: 25_000, max: 30_000 } },
          models: [{ provider: 'openai', model: 'gpt-4.1', share: 1, successRate: 0.97 }],
        },
      ],
      prices: [
        { provider: 'openai', model: 'gpt-4.1', input: '2.00', output: '8.00' },
        { provider: 'openai', model: 'gpt-4.1-mini', input: '0.40', output: '1.60' },
      ],
      // Expected growth is part of the status quo, so savings compare like with like.
      levers: [{ type: 'volume', start: '2027-01', monthlyGrowthPct: { dist: 'normal', mean: 2, sd: 1 } }],
    },
    [
      {
        id: 'mini',
        name: 'Half to mini',
        levers: [
          { type: 'route', start: '2027-03', from: 'openai/gpt-4.1', to: 'openai/gpt-4.1-mini', share: { dist: 'uniform', min: 0.4, max: 0.6 }, successRate: 0.95, migrationCost: { min: 2000, max: 4000 } },
        ],
      },
    ],
  );
