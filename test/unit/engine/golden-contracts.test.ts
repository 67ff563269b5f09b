import { describe, expect, it } from 'vitest';
import type { ContractPricer, ContractPriceRequest } from '../../../shared/engine/pricing';
import { runDeterministic } from '../../../shared/engine/run';
import { parseMoney } from '../../../shared/domain/money';
import { moneyText } from '../../../shared/domain/money-text';
import { scenarioFile } from './helpers';

/**
 * 1,000,000 requests a month of 2,000 input + 500 output tokens on openai/m
 * ($2/M, $8/M): $4,000 + $4,000 = $8,000 a month at list.
 */
const file = (levers: unknown[], months = 1, guardrails?: unknown) =>
  scenarioFile(
    {
      start: '2027-01',
      months,
      drivers: [{ id: 'requests', unitsPerMonth: 1_000_000 }],
      workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 2000, output: 500 }, models: [{ provider: 'openai', model: 'm', share: 1 }] }],
      prices: [{ provider: 'openai', model: 'm', input: '2', output: '8' }],
      ...(guardrails ? { guardrails } : {}),
    },
    [{ id: 'offer', name: 'Offer', levers: levers as never }],
  );

describe('contract lever with an inline offer', () => {
  it('15% off with a $10,000 take-or-pay commitment on $8,000 of list usage', () => {
    // usage $8,000 × 0.85 = $6,800; shortfall $10,000 − $6,800 = $3,200; invoice $10,000
    // contract adjustment = $10,000 − $8,000 list = +$2,000; utilisation 6,800 / 10,000 = 68%
    const s = runDeterministic(file([{ type: 'contract', start: '2027-01', provider: 'openai', offer: { discountPct: 15, monthlyCommitment: 10000 } }])).scenarios[1]!;
    expect(s.months[0]!.totalCost).toBe('10000.00');
    expect(s.months[0]!.byComponent.contract_adjustment).toBe('2000.00');
    expect(s.months[0]!.byVendor).toEqual({ openai: '10000.00' });
    expect(s.contracts[0]!.commitment[0]).toEqual({ month: '2027-01', committed: '10000.00', eligibleSpend: '6800.00', shortfall: '3200.00', utilisation: 0.68 });
  });

  it('prepaid credits run out: balance and exhaustion month', () => {
    // $20,000 of credits from January, usage $8,000 a month:
    // Jan pays 0 (12,000 left), Feb 0 (4,000 left), Mar pays $4,000 (credits exhausted), Apr $8,000
    const s = runDeterministic(file([{ type: 'contract', start: '2027-01', provider: 'openai', offer: { credits: [{ amount: 20000, start: '2027-01', expires: '2027-12' }] } }], 4)).scenarios[1]!;
    expect(s.months.map((m) => m.totalCost)).toEqual(['0.00', '0.00', '4000.00', '8000.00']);
    expect(s.contracts[0]!.credits.map((c) => c.closing)).toEqual(['12000.00', '4000.00', '0.00', '0.00']);
    expect(s.contracts[0]!.creditExhaustionMonth).toBe('2027-03');
  });

  it('credits that expire first are forfeited, not exhausted', () => {
    // $20,000 expiring end of February: Jan 0, Feb 0 (4,000 forfeited), Mar $8,000
    const s = runDeterministic(file([{ type: 'contract', start: '2027-01', provider: 'openai', offer: { credits: [{ amount: 20000, start: '2027-01', expires: '2027-02' }] } }], 3)).scenarios[1]!;
    expect(s.months.map((m) => m.totalCost)).toEqual(['0.00', '0.00', '8000.00']);
    expect(s.contracts[0]!.credits[1]).toMatchObject({ consumed: '8000.00', forfeited: '4000.00', closing: '0.00' });
    expect(s.contracts[0]!.creditExhaustionMonth).toBeNull();
  });

  it('a contract starting later leaves earlier months at list', () => {
    const s = runDeterministic(file([{ type: 'contract', start: '2027-02', provider: 'openai', offer: { discountPct: 25 } }], 2)).scenarios[1]!;
    expect(s.months.map((m) => m.totalCost)).toEqual(['8000.00', '6000.00']);
  });
});

describe('contract lever naming a workspace contract', () => {
  it('hands the vendor’s list-priced usage to the ContractPricer and books its invoice', () => {
    const seen: ContractPriceRequest[] = [];
    const pricer: ContractPricer = {
      priceMonths(request) {
        seen.push(request);
        // a pretend contract: 10% off, plus a $100 platform fee
        return request.months.map((m) => ({ month: m.month, total: (m.listTotal * 9n) / 10n + 100_000_000_000n, lines: [], commitment: null, credits: null }));
      },
    };
    const result = runDeterministic(file([{ type: 'contract', start: '2027-01', provider: 'openai', contract: 'openai-2027' }], 2), {}, { contracts: pricer });
    // $8,000 × 0.9 + $100 = $7,300
    expect(result.scenarios[1]!.months.map((m) => m.totalCost)).toEqual(['7300.00', '7300.00']);
    expect(seen[0]!.contract).toBe('openai-2027');
    expect(seen[0]!.months.map((m) => m.month)).toEqual(['2027-01', '2027-02']);
    expect(seen[0]!.months[0]!.lines).toEqual([
      { model: 'm', usageClass: 'input', serviceTier: 'standard', quantity: 2_000_000_000, listCost: 4_000_000_000_000n },
      { model: 'm', usageClass: 'output', serviceTier: 'standard', quantity: 500_000_000, listCost: 4_000_000_000_000n },
    ]);
  });

  it('says so when no contracts are available to price it', () => {
    expect(() => runDeterministic(file([{ type: 'contract', start: '2027-01', provider: 'openai', contract: 'openai-2027' }]))).toThrow(/contract openai-2027 cannot be priced/);
  });
});

describe('guardrails', () => {
  const routed = (guardrails: unknown, mode = 'cascade') =>
    runDeterministic(
      scenarioFile(
        {
          start: '2027-01',
          months: 1,
          drivers: [{ id: 'requests', unitsPerMonth: 100_000 }],
          workloads: [
            {
              id: 'w',
              driver: 'requests',
              requestsPerUnit: 1,
              tokensPerRequest: { input: 2000, output: 500 },
              models: [{ provider: 'vendor', model: 'a', share: 1, successRate: 0.98, latencyMs: 1000 }],
            },
          ],
          prices: [
            { provider: 'vendor', model: 'a', input: '2.50', output: '10' },
            { provider: 'vendor', model: 'b', input: '0.25', output: '2' },
          ],
          guardrails: guardrails as never,
        },
        [{ id: 's', name: 'Route', levers: [{ type: 'route', start: '2027-01', from: 'vendor/a', to: 'vendor/b', share: 0.6, mode, tokenRatio: 1.1, successRate: 0.9, latencyMs: 500 }] as never }],
      ),
    ).scenarios[1]!;

  it('flags quality below the floor', () => {
    // a plain move: 39,200 + 54,000 = 93,200 of 100,000 succeed (93.2%) < 95%
    const flags = routed({ qualityFloor: 0.95 }, 'move').flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'quality', workload: 'w', limit: 0.95 });
    expect(flags[0]!.value).toBeCloseTo(0.932, 12);
  });

  it('flags mean latency above the ceiling, escalations included', () => {
    // B 60,000 × 500 ms + escalated 6,000 × 1,000 ms + A 40,000 × 1,000 ms = 76,000,000 ms / 100,000 = 760 ms
    const flags = routed({ latencyCeilingMs: 700, qualityFloor: 0.95 }).flags;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ kind: 'latency', workload: 'w', limit: 700 });
    expect(flags[0]!.value).toBeCloseTo(760, 9);
  });

  it('flags AI cost above the monthly budget', () => {
    const flags = routed({ monthlyBudget: '500' }).flags;
    expect(flags).toEqual([{ month: '2027-01', kind: 'budget', workload: null, value: 559, limit: 500, message: 'AI cost $559.00 in 2027-01 is above the monthly budget of $500.00' }]);
  });

  it('names flag amounts as a reader would: currency, thousands grouped, cents', () => {
    expect(moneyText(parseMoney('17604.025'), 'USD')).toBe('$17,604.02'); // half to even
    expect(moneyText(parseMoney('-1234567.5'), 'EUR')).toBe('-1,234,567.50 EUR');
    expect(moneyText(parseMoney('999'), 'GBP')).toBe('999.00 GBP');
  });
});
