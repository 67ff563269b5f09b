import { describe, expect, it } from 'vitest';
import { runDeterministic } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * Acme Lending: 1,000 loans a month at $8 a loan.
 *   AI: 4 extraction requests a loan, each 150,000 input tokens at $2/M ($0.30)
 *       + 25,000 output tokens at $8/M ($0.20) = $0.50 → $2.00 a loan
 *   manual processing $6.00 a loan
 *   → $8.00 a loan, $8,000 a month.
 */
const bank = (levers: unknown[]) =>
  scenarioFile(
    {
      start: '2027-01',
      months: 3,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: 1000, costs: [{ name: 'manual processing', perUnit: '6.00' }] }],
      workloads: [
        {
          id: 'loan-document-extraction',
          driver: 'loans',
          requestsPerUnit: 4,
          tokensPerRequest: { input: 150_000, output: 25_000 },
          models: [{ provider: 'openai', model: 'gpt-4.1', share: 1 }],
        },
      ],
      prices: [
        { provider: 'openai', model: 'gpt-4.1', input: '2.00', output: '8.00' },
        { provider: 'openai', model: 'gpt-4.1-mini', input: '0.40', output: '1.60' },
      ],
    },
    [{ id: 'triple', name: 'Loans triple, unit cost −10%', levers: levers as never }],
  );

describe('the bank case', () => {
  it('baseline: $8 a loan at 1,000 loans, $8,000 a month', () => {
    const result = runDeterministic(bank([]));
    const base = result.scenarios[0]!;
    expect(base.months[0]).toMatchObject({ totalCost: '8000.00', aiCost: '2000.00', businessUnits: 1000, costPerUnit: '8.00', aiCostPerUnit: '2.00' });
    expect(base.months[0]!.byComponent).toEqual({ input: '1200.00', output: '800.00', non_ai: '6000.00' });
  });

  it('loans triple and unit cost falls 10% → $7.20 a loan, $21,600 a month', () => {
    // 3,000 loans × ($2.00 AI + $6.00 manual) × 0.9 = 3,000 × $7.20 = $21,600
    const result = runDeterministic(bank([{ type: 'volume', start: '2027-01', factor: 3 }, { type: 'price', start: '2027-01', pct: -10, scope: 'all' }]));
    const s = result.scenarios[1]!;
    expect(s.months[0]).toMatchObject({ businessUnits: 3000, totalCost: '21600.00', costPerUnit: '7.20', aiCost: '5400.00', aiCostPerUnit: '1.80' });
    // It costs more in total (13,600 a month) although each loan is cheaper.
    expect(s.months[0]!.savingsVsBaseline).toBe('-13600.00');
    expect(s.kpis.costPerUnit).toBe('7.20');
  });

  it('the same $7.20 reached by moving half of the AI work to a cheaper model', () => {
    // gpt-4.1-mini per request: 150,000 × $0.40/M + 25,000 × $1.60/M = $0.06 + $0.04 = $0.10 → $0.40 a loan.
    // Half on each: ($2.00 + $0.40) / 2 = $1.20 AI a loan; + $6.00 manual = $7.20; × 3,000 loans = $21,600.
    const result = runDeterministic(
      bank([
        { type: 'volume', start: '2027-01', factor: 3 },
        { type: 'route', start: '2027-01', from: 'openai/gpt-4.1', to: 'openai/gpt-4.1-mini', share: 0.5 },
      ]),
    );
    const s = result.scenarios[1]!;
    expect(s.months[0]).toMatchObject({ totalCost: '21600.00', costPerUnit: '7.20', aiCostPerUnit: '1.20' });
    expect(s.months[0]!.byModel).toEqual({ 'openai/gpt-4.1': '3000.00', 'openai/gpt-4.1-mini': '600.00' });
  });
});
