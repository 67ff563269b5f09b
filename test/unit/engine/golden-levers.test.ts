import { describe, expect, it } from 'vitest';
import { runDeterministic } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * One workload: 1,000,000 requests a month of 1,000 input + 100 output tokens
 * on openai/m ($2/M in, $8/M out; batch 0.5×, flex 0.5×, priority 1.75×):
 * 1,000,000 × ($0.002 + $0.0008) = $2,800 a month.
 */
const PRICES = [
  { provider: 'openai', model: 'm', input: '2', output: '8', tiers: { batch: 0.5, flex: 0.5, priority: 1.75 } },
  { provider: 'openai', model: 'other', input: '1', output: '4' },
];

const base = (levers: unknown[], opts: { months?: number; start?: string; units?: number; rpu?: number; costs?: unknown[]; extraWorkload?: boolean } = {}) =>
  scenarioFile(
    {
      start: opts.start ?? '2027-01',
      months: opts.months ?? 1,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: opts.units ?? 100_000, costs: (opts.costs ?? []) as never }],
      workloads: [
        { id: 'w', driver: 'loans', requestsPerUnit: opts.rpu ?? 10, tokensPerRequest: { input: 1000, output: 100 }, models: [{ provider: 'openai', model: 'm', share: 1, successRate: 0.98 }] },
        ...(opts.extraWorkload
          ? [{ id: 'x', driver: 'loans', requestsPerUnit: opts.rpu ?? 10, tokensPerRequest: { input: 1000, output: 100 }, models: [{ provider: 'openai', model: 'other', share: 1 }] }]
          : []),
      ],
      prices: PRICES,
    },
    [{ id: 's', name: 'Scenario', levers: levers as never }],
  );

const run = (...args: Parameters<typeof base>) => runDeterministic(base(...args)).scenarios[1]!;

describe('tier lever', () => {
  it('moves deferrable work to batch at half price', () => {
    // 50% to batch: $1,400 standard + $1,400 × 0.5 = $2,100
    expect(run([{ type: 'tier', start: '2027-01', batch: 0.5 }]).months[0]!.totalCost).toBe('2100.00');
  });

  it('splits standard traffic over batch, flex and priority', () => {
    // standard 20% $560 + batch 50% $700 + flex 10% $140 + priority 20% × $2,800 × 1.75 = $980 → $2,380
    expect(run([{ type: 'tier', start: '2027-01', batch: 0.5, flex: 0.1, priority: 0.2 }]).months[0]!.totalCost).toBe('2380.00');
  });

  it('refuses a tier the price book has no price for', () => {
    expect(() => runDeterministic(base([{ type: 'tier', start: '2027-01', batch: 0.5, workloads: ['x'] }], { extraWorkload: true }))).toThrow(/no price for openai\/other input \(batch tier\)/);
  });
});

describe('provision lever', () => {
  /**
   * 432,000 requests × 1,000 input tokens (no output) = 432M tokens a month.
   * April (30 days, 43,200 min): 10,000 tokens/min on average, peak × 2 = 20,000.
   * 3 units × 5,000 tokens/min = 15,000 capacity → overflow 1 − 15,000/20,000 = 25%:
   *   108M tokens on demand × $2/M = $216; fee 3 × 720 h × $1 = $2,160 → $2,376;
   *   utilisation 432M × 75% / (15,000 × 43,200) = 324M / 648M = 50%.
   * May (31 days, 44,640 min): peak 2 × 432M / 44,640 = 19,354.8/min →
   *   overflow 1 − 15,000 × 44,640 / 864M = 22.5% → 97.2M × $2/M = $194.40;
   *   fee 3 × 744 h × $1 = $2,232 → $2,426.40.
   */
  const provisioned = () =>
    runDeterministic(
      scenarioFile(
        {
          start: '2027-04',
          months: 2,
          drivers: [{ id: 'requests', unitsPerMonth: 432_000 }],
          workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 1000, output: 0 }, models: [{ provider: 'openai', model: 'm', share: 1 }] }],
          prices: PRICES,
          guardrails: { maxUtilisation: 0.9 },
        },
        [{ id: 'ptu', name: 'Provisioned', levers: [{ type: 'provision', start: '2027-04', model: 'openai/m', units: 3, pricePerUnitHour: 1, tokensPerMinutePerUnit: 5000, peakFactor: 2 }] }],
      ),
    ).scenarios[1]!;

  it('serves the peak up to capacity and bills the overflow on demand', () => {
    const s = provisioned();
    expect(s.months.map((m) => m.totalCost)).toEqual(['2376.00', '2426.40']);
    expect(s.months[0]!.byComponent).toEqual({ input: '216.00', provisioned: '2160.00' });
    expect(s.provisioned[0]).toMatchObject({ month: '2027-04', model: 'openai/m', units: 3 });
    expect(s.provisioned[0]!.overflowShare).toBeCloseTo(0.25, 12);
    expect(s.provisioned[0]!.utilisation).toBeCloseTo(0.5, 12);
    expect(s.provisioned[1]!.overflowShare).toBeCloseTo(0.225, 12);
  });

  it('flags overflow as a capacity problem', () => {
    const flags = provisioned().flags;
    expect(flags.map((f) => [f.month, f.kind])).toEqual([
      ['2027-04', 'capacity'],
      ['2027-05', 'capacity'],
    ]);
  });
});

describe('price change lever', () => {
  it('moves a vendor’s prices by a percentage from a month, with a ramp', () => {
    // −20% from February over 2 months: Jan $2,800; Feb −10% $2,520; Mar −20% $2,240
    const s = run([{ type: 'price', start: '2027-02', rampMonths: 2, pct: -20, provider: 'openai' }], { months: 3 });
    expect(s.months.map((m) => m.totalCost)).toEqual(['2800.00', '2520.00', '2240.00']);
  });

  it('can target one model and one usage class', () => {
    // output of openai/m +50%: $800 → $1,200; input unchanged $2,000 → $3,200; workload x (other model) unchanged $1,400
    const s = run([{ type: 'price', start: '2027-01', pct: 50, model: 'm', usageClasses: ['output'] }], { extraWorkload: true });
    expect(s.months[0]!.byModel).toEqual({ 'openai/m': '3200.00', 'openai/other': '1400.00' });
  });
});

describe('volume lever', () => {
  it('grows business volume month by month and lets tokens per request drift', () => {
    // 1,000 loans × 10 requests × $0.0028 = $28 in January;
    // +10% a month from February: 1,100 loans → $30.80; March 1,210 loans;
    // output tokens +50% from March: $0.002 + 150 × $8/M = $0.0032 a request → 12,100 × $0.0032 = $38.72
    const s = run(
      [
        { type: 'volume', start: '2027-02', monthlyGrowthPct: 10 },
        { type: 'volume', start: '2027-03', outputTokensPct: 50 },
      ],
      { months: 3, units: 1000 },
    );
    expect(s.months.map((m) => m.businessUnits)).toEqual([1000, 1100, 1210]);
    expect(s.months.map((m) => m.totalCost)).toEqual(['28.00', '30.80', '38.72']);
  });

  it('changes requests per unit', () => {
    // requests per loan −30%: 7 × 1,000 × $0.0028 = $19.60
    expect(run([{ type: 'volume', start: '2027-01', requestsPerUnitPct: -30 }], { units: 1000 }).months[0]!.totalCost).toBe('19.60');
  });
});

describe('adjacent lever', () => {
  it('adds fixed, per-unit, per-request and one-time costs beyond tokens', () => {
    // 1,000 loans, 10,000 requests ($28 of tokens):
    // vector DB $500/month + $0.001 × 10,000 requests = $510; human review $0.10 × 1,000 loans = $100;
    // developer hardware $1,000 once in February.
    // Jan: 28 + 510 + 100 = $638; Feb: + 1,000 = $1,638
    const s = run(
      [
        {
          type: 'adjacent',
          start: '2027-01',
          costs: [
            { name: 'vector database', kind: 'vector_db', fixedMonthly: 500, perRequest: '0.001' },
            { name: 'human review', kind: 'human_review', perUnit: '0.10' },
          ],
        },
        { type: 'adjacent', start: '2027-02', costs: [{ name: 'developer hardware', kind: 'hardware', oneTime: 1000 }] },
      ],
      { months: 2, units: 1000 },
    );
    expect(s.months.map((m) => m.totalCost)).toEqual(['638.00', '1638.00']);
    expect(s.months[0]!.aiCost).toBe('638.00');
    expect(s.months[0]!.byComponent.adjacent).toBe('610.00');
  });

  it('ramps adjacent costs in', () => {
    // workforce $3,000/month ramped over 3 months: $1,000, $2,000, $3,000 (+ $28 tokens)
    const s = run([{ type: 'adjacent', start: '2027-01', rampMonths: 3, costs: [{ name: 'AI team', kind: 'workforce', fixedMonthly: 3000 }] }], { months: 3, units: 1000 });
    expect(s.months.map((m) => m.totalCost)).toEqual(['1028.00', '2028.00', '3028.00']);
  });
});

describe('alternative lever', () => {
  it('hands a share of the work to people at a cost per unit', () => {
    // 30% by people: tokens 70% × $28 = $19.60; people 0.3 × 1,000 loans × $2 = $600 → $619.60
    // successes: 7,000 × 0.98 + 3,000 × 0.99 = 6,860 + 2,970 = 9,830
    const s = run([{ type: 'alternative', start: '2027-01', by: 'people', share: 0.3, costPerUnit: 2, successRate: 0.99 }], { units: 1000 });
    expect(s.months[0]).toMatchObject({ totalCost: '619.60', aiCost: '19.60' });
    expect(s.months[0]!.byComponent.alternative).toBe('600.00');
    expect(s.months[0]!.successes).toBeCloseTo(9830, 9);
    // per success (tokens and people): 619.60 / 9,830 = 0.0630315…
    expect(s.months[0]!.costPerSuccess).toBe('0.063031536');
  });

  it('"no AI at all": everything by people', () => {
    // manual processing $6 a loan stays; people take the AI work at $5 a loan → 1,000 × $11 = $11,000
    const s = run([{ type: 'alternative', start: '2027-01', share: 1, costPerUnit: 5 }], { units: 1000, costs: [{ name: 'manual processing', perUnit: 6 }] });
    expect(s.months[0]).toMatchObject({ totalCost: '11000.00', aiCost: '0.00', costPerUnit: '11.00' });
    expect(s.months[0]!.byModel).toEqual({});
  });
});
