import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEVER_TYPES } from '../../../shared/engine/levers';
import type { ContractPricer } from '../../../shared/engine/pricing';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { engineContextOf } from '../../../shared/engine/tasks';
import { expectEveryDrawExact } from './draws-vs-exact';
import { scenarioFile } from './helpers';

/**
 * Exact and Monte Carlo agree: with no uncertain input every draw is the
 * exact run, to the cent. Draws take the float path (usage summed in float64,
 * workspace contracts priced by their offer form); the exact run prices in
 * nano-units and contracts through the contracts module, which rounds each
 * invoice line to the cent.
 */
/**
 * Phase 2 of the demo's OpenAI agreement as a contract of its own (the demo now holds it as a dated version, which has
 * no offer form): $700 a month take-or-pay, 15% off, a $2,000 usage credit — kept here as this test's own fixture.
 */
const openaiContract = {
  fileName: 'openai-enterprise.yaml',
  yaml: `schema: aispend-contract/1
id: acme-openai-enterprise
name: Acme × OpenAI enterprise agreement
vendor: openai
currency: USD
term: { start: 2026-11-01, end: 2027-04-30 }
discounts:
  - { label: Enterprise discount, percentOff: "15" }
commitment:
  amount: "700"
  period: month
  takeOrPay: true
credits:
  burnOrder: earliest_expiry
  grants:
    - { id: ramp-credit-2026, amount: "2000", start: 2026-11-01, expires: 2027-04-30, appliesTo: usage_only }
priceChange:
  noticeDays: 60
`,
};

/** The contracts module's pricer, counting its calls: draws must not need it when the offer form stands in. */
function counting(pricer: ContractPricer): { pricer: ContractPricer; calls: () => number } {
  let calls = 0;
  return { pricer: { priceMonths: (r) => (calls++, pricer.priceMonths(r)), asOffer: pricer.asOffer }, calls: () => calls };
}

const ANTHROPIC = [
  { provider: 'anthropic', model: 'claude-sonnet-4-5', input: '3.07', cachedInput: '0.307', cacheWrite5m: '3.8375', cacheWrite1h: '6.14', output: '15.35', tiers: { batch: 0.5 } },
  { provider: 'anthropic', model: 'claude-haiku-4-5', input: '1.013', cachedInput: '0.1013', cacheWrite5m: '1.26625', cacheWrite1h: '2.026', output: '5.065', tiers: { batch: 0.5 } },
];

/** Every lever the engine has, on OpenAI (priced from the price book, under the demo's stored contract) and Anthropic (inline prices, an inline offer). */
function everyLever() {
  return scenarioFile(
    {
      start: '2026-11',
      months: 14,
      currency: 'USD',
      drivers: [
        { id: 'loans', unit: 'loan', unitsPerMonth: [1303, 1311.5, 1400, 1387, 1452.25, 1500], costs: [{ name: 'manual processing', perUnit: '6.173', fixedMonthly: '1234.567' }] },
        { id: 'tickets', unit: 'ticket', unitsPerMonth: 2777 },
      ],
      workloads: [
        {
          id: 'extraction',
          driver: 'loans',
          requestsPerUnit: 13.17,
          tokensPerRequest: { input: 25_013, output: 1_217 },
          models: [
            { provider: 'openai', model: 'gpt-4.1', share: 0.83, successRate: 0.971, latencyMs: 1800 },
            { provider: 'openai', model: 'gpt-4.1-mini', share: 0.17, successRate: 0.9, maxRetries: 1, latencyMs: 700, escalateTo: 'openai/gpt-4.1' },
          ],
          tiers: { standard: 0.87, batch: 0.13 },
          promptCache: { cacheableShare: 0.61, hitRate: 0.55 },
        },
        {
          id: 'summary',
          driver: 'loans',
          requestsPerUnit: 1.3,
          tokensPerRequest: { input: 41_999, output: 2_503 },
          models: [{ provider: 'anthropic', model: 'claude-sonnet-4-5', share: 1, successRate: 0.99 }],
          promptCache: { cacheableShare: 0.7, hitRate: 0.8 },
        },
        {
          id: 'support',
          driver: 'tickets',
          requestsPerUnit: 5.6,
          tokensPerRequest: { input: 3_001, output: 411 },
          models: [
            { provider: 'openai', model: 'gpt-4o-mini', share: 1, successRate: 0.571, escalateTo: 'anthropic/claude-haiku-4-5' },
            { provider: 'anthropic', model: 'claude-haiku-4-5', share: 0, successRate: 0.97 },
          ],
        },
      ],
      prices: ANTHROPIC,
      levers: [{ type: 'contract', name: 'OpenAI enterprise agreement', start: '2026-11', provider: 'openai', contract: 'acme-openai-enterprise' }],
    },
    [
      {
        id: 'everything',
        name: 'Every lever',
        levers: [
          { type: 'route', start: '2027-01', rampMonths: 3, workloads: ['extraction'], from: 'openai/gpt-4.1', to: 'openai/gpt-4.1-mini', share: 0.63, mode: 'cascade', successRate: 0.913, migrationCost: '15000.37' },
          { type: 'cache', start: '2027-02', workloads: ['summary'], prompt: { ttl: '1h', hitRate: 0.97 } },
          { type: 'tier', start: '2027-03', workloads: ['extraction'], batch: 0.31 },
          { type: 'contract', start: '2027-01', provider: 'anthropic', offer: { discountPct: 12.5, monthlyCommitment: '2000', credits: [{ amount: '4000.01', start: '2027-02', expires: '2027-06' }], minimumMonthlyFee: '1500' } },
          { type: 'provision', start: '2027-04', workloads: ['summary'], model: 'anthropic/claude-sonnet-4-5', units: 3, pricePerUnitHour: '1.37', tokensPerMinutePerUnit: 3000, outputTokenWeight: 4, peakFactor: 2.5 },
          { type: 'price', start: '2027-05', rampMonths: 4, scope: 'nonAi', pct: -13.7 },
          { type: 'price', start: '2027-06', provider: 'anthropic', pct: -7 },
          { type: 'volume', start: '2027-02', rampMonths: 6, drivers: ['loans'], factor: 1.77 },
          { type: 'adjacent', start: '2027-01', costs: [{ name: 'ML engineer', kind: 'workforce', fixedMonthly: '1500.5' }] },
          { type: 'adjacent', start: '2027-01', workloads: ['extraction'], costs: [{ name: 'vector database', kind: 'vector_db', perRequest: '0.000137' }] },
          { type: 'alternative', start: '2027-03', workloads: ['support'], by: 'people', share: 0.27, costPerUnit: '0.93', successRate: 0.99 },
        ],
      },
    ],
  );
}

describe('every Monte Carlo draw without uncertain inputs equals the exact run, to the cent', () => {
  it('with every lever, a stored contract priced by its offer form and an inline offer', () => {
    const file = everyLever();
    expect(LEVER_TYPES.filter((t) => !file.scenarios[0]!.levers.some((l) => l.type === t))).toEqual([]);
    const ctx = engineContextOf({ userPriceRows: [], contracts: [openaiContract] });
    const { pricer, calls } = counting(ctx.contracts!);
    expectEveryDrawExact(file, { ...ctx, contracts: pricer }, { pricerCalls: calls });
    // The exact runs and the offer form's check at the base values call the contracts module (the draws do not).
    expect(calls()).toBeGreaterThan(0);
  });

  it('for each example scenario file', () => {
    const dir = path.resolve(__dirname, '../../../scenarios');
    const read = (from: string, relative: string): ScenarioText => {
      const p = path.resolve(path.dirname(from), relative);
      return { path: p, text: readFileSync(p, 'utf8') };
    };
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      const p = path.join(dir, name);
      expectEveryDrawExact(resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read), {}, { fix: true });
    }
  });

  it('for random scenarios (property)', () => {
    const ctx = engineContextOf({ userPriceRows: [], contracts: [openaiContract] });
    const money = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => (n / 10_000).toFixed(4));
    const share = fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000);
    const scenario = fc.record({
      months: fc.integer({ min: 1, max: 30 }),
      // Whole and fractional units from one a month (or none: no unit cost at all), as drivers are.
      units: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 100, max: 5_000_000 }).map((n) => n / 100)), { minLength: 1, maxLength: 8 }),
      perUnit: money(20),
      requests: fc.integer({ min: 100, max: 40_000 }).map((n) => n / 1000),
      input: fc.integer({ min: 100, max: 200_000 }),
      output: fc.integer({ min: 0, max: 20_000 }),
      miniShare: share,
      success: fc.integer({ min: 500, max: 1000 }).map((n) => n / 1000),
      cacheable: share,
      hit: share,
      batch: share,
      contract: fc.boolean(),
      leverStart: fc.integer({ min: 0, max: 30 }),
      ramp: fc.integer({ min: 0, max: 6 }),
      routeShare: share,
      pct: fc.integer({ min: -500, max: 500 }).map((n) => n / 10),
      factor: fc.integer({ min: 0, max: 3000 }).map((n) => n / 1000),
      fee: money(5000),
      levers: fc.subarray([...LEVER_TYPES], { minLength: 1 }),
    });
    fc.assert(
      fc.property(scenario, (x) => {
        const start = (i: number) => `${2027 + Math.floor((i + 0) / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
        const s = start(x.leverStart);
        const levers = x.levers.map((type) => {
          switch (type) {
            case 'route':
              return { type, start: s, rampMonths: x.ramp, from: 'openai/gpt-4.1', to: 'openai/gpt-4.1-mini', share: x.routeShare, mode: 'cascade', successRate: x.success };
            case 'cache':
              return { type, start: s, prompt: { hitRate: x.hit, ttl: '1h' } };
            case 'tier':
              return { type, start: s, batch: x.batch };
            case 'contract':
              return { type, start: s, provider: 'anthropic', offer: { discountPct: Math.abs(x.pct), monthlyCommitment: x.fee, minimumMonthlyFee: x.perUnit } };
            case 'provision':
              return { type, start: s, model: 'openai/gpt-4.1', units: 2, pricePerUnitHour: x.perUnit, tokensPerMinutePerUnit: 50_000, peakFactor: 2 };
            case 'price':
              return { type, start: s, rampMonths: x.ramp, provider: 'openai', pct: x.pct };
            case 'volume':
              return { type, start: s, rampMonths: x.ramp, factor: x.factor };
            case 'adjacent':
              return { type, start: s, costs: [{ name: 'platform', kind: 'other', fixedMonthly: x.fee, perRequest: '0.0013' }] };
            case 'alternative':
              return { type, start: s, by: 'people', share: x.routeShare, costPerUnit: x.perUnit };
          }
        });
        const file = scenarioFile(
          {
            start: '2027-01',
            months: x.months,
            drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: x.units, costs: [{ name: 'manual', perUnit: x.perUnit }] }],
            workloads: [
              {
                id: 'w',
                driver: 'loans',
                requestsPerUnit: x.requests,
                tokensPerRequest: { input: x.input, output: x.output },
                models: [
                  { provider: 'openai', model: 'gpt-4.1', share: 1 - x.miniShare, successRate: x.success },
                  { provider: 'openai', model: 'gpt-4.1-mini', share: x.miniShare, successRate: x.success, escalateTo: 'anthropic/claude-haiku-4-5' },
                  { provider: 'anthropic', model: 'claude-haiku-4-5', share: 0, successRate: 0.99 },
                ],
                tiers: { standard: 1 - x.batch, batch: x.batch },
                promptCache: { cacheableShare: x.cacheable, hitRate: x.hit },
              },
            ],
            prices: ANTHROPIC,
            levers: x.contract ? [{ type: 'contract', start: '2027-01', provider: 'openai', contract: 'acme-openai-enterprise' }] : [],
          },
          [{ id: 'random', name: 'Random levers', levers: levers as never }],
        );
        expectEveryDrawExact(file, ctx);
      }),
      { numRuns: 40, seed: 20261206 },
    );
  });
});
