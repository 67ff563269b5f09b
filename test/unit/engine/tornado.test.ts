import { describe, expect, it } from 'vitest';
import { runScenarios } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

describe('tornado', () => {
  it('ranks inputs by how far each moves cost per unit between its P10 and P90', async () => {
    // Base: 4 requests a loan × (150,000 × $2/M + 25,000 × $8/M = $0.50) = $2.00 AI + $6.00 manual = $8.00 a loan.
    // manual processing uniform 5–7: P10 5.2, P90 6.8 → $7.20 vs $8.80, swing $1.60
    // requests per loan uniform 3–5: P10 3.2, P90 4.8 → AI $1.60 vs $2.40 → $7.60 vs $8.40, swing $0.80
    // output tokens uniform 20k–30k: P10 21k, P90 29k → 4 × ($0.30 + $0.168) = $1.872 vs 4 × ($0.30 + $0.232) = $2.128, swing $0.256
    const file = scenarioFile({
      start: '2027-01',
      months: 2,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: 1000, costs: [{ name: 'manual processing', perUnit: { min: 5, max: 7 } }] }],
      workloads: [
        {
          id: 'extraction',
          driver: 'loans',
          requestsPerUnit: { min: 3, max: 5 },
          tokensPerRequest: { input: 150_000, output: { min: 20_000, max: 30_000 } },
          models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }],
        },
      ],
      prices: [{ provider: 'openai', model: 'gpt-4.1', input: '2.00', output: '8.00' }],
    });
    const result = await runScenarios(file, { draws: 200, seed: 1 });
    const t = result.tornado[0]!;
    expect(t.base).toBe('8.00');
    expect(t.entries.map((e) => [e.input, e.low, e.high, e.swing])).toEqual([
      ['baseline.drivers.loans.costs.0.perUnit', '7.20', '8.80', '1.60'],
      ['baseline.workloads.extraction.requestsPerUnit', '7.60', '8.40', '0.80'],
      ['baseline.workloads.extraction.tokensPerRequest.output', '7.872', '8.128', '0.256'],
    ]);
    expect(t.entries[0]!.label).toBe('loans: manual processing per loan');
  });
});
