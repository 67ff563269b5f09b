import { describe, expect, it } from 'vitest';
import { runDeterministic } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

/**
 * Prompts of 10,000 tokens with an 8,000-token cacheable prefix, 500 output
 * tokens; input $3/M, cache read 0.1× ($0.30/M), 5-minute write 1.25×
 * ($3.75/M), 1-hour write 2× ($6/M), output $15/M. 1,000 requests a month.
 */
const PRICES = [
  { provider: 'anthropic', model: 'sonnet', input: '3', cachedInput: '0.30', cacheWrite5m: '3.75', cacheWrite1h: '6', output: '15' },
  { provider: 'anthropic', model: 'sonnet-next', input: '3', cachedInput: '0.30', cacheWrite5m: '3.75', cacheWrite1h: '6', output: '15' },
];

const caching = (workloadCache: Record<string, unknown> | undefined, levers: unknown[], months = 1) =>
  scenarioFile(
    {
      start: '2027-01',
      months,
      drivers: [{ id: 'requests', unitsPerMonth: 1000 }],
      workloads: [
        {
          id: 'summaries',
          driver: 'requests',
          requestsPerUnit: 1,
          tokensPerRequest: { input: 10_000, output: 500 },
          models: [{ provider: 'anthropic', model: 'sonnet', share: 1 }],
          ...(workloadCache ? { promptCache: workloadCache as never } : {}),
        },
      ],
      prices: PRICES,
    },
    [{ id: 's', name: 'Caching', levers: levers as never }],
  );

describe('prompt caching (the issue’s golden case)', () => {
  it('$0.01866 a request with caching vs $0.0375 uncached', () => {
    // uncached: 10,000 × $3/M + 500 × $15/M = $0.03 + $0.0075 = $0.0375
    // cached:   2,000 uncached × $3/M            = $0.00600
    //           7,200 read (90% of 8,000) × $0.30/M = $0.00216
    //             800 written (10%) × $3.75/M    = $0.00300
    //             500 output × $15/M             = $0.00750  → $0.01866
    const result = runDeterministic(caching(undefined, [{ type: 'cache', start: '2027-01', prompt: { cacheableShare: 0.8, hitRate: 0.9, ttl: '5m' } }]));
    expect(result.scenarios[0]!.months[0]!.costPerUnit).toBe('0.0375');
    const s = result.scenarios[1]!.months[0]!;
    expect(s.costPerUnit).toBe('0.01866');
    expect(s.totalCost).toBe('18.66');
    expect(s.byComponent).toEqual({ input: '6.00', cached_input: '2.16', cache_write: '3.00', output: '7.50' });
  });

  it('a workload that already caches gives the same $0.01866 in its baseline', () => {
    const result = runDeterministic(caching({ cacheableShare: 0.8, hitRate: 0.9 }, []));
    expect(result.scenarios[0]!.months[0]!.costPerUnit).toBe('0.01866');
  });

  it('a 1-hour TTL pays the 2× write price', () => {
    // 800 written × $6/M = $0.0048 instead of $0.003 → $0.02046 a request
    const result = runDeterministic(caching({ cacheableShare: 0.8, hitRate: 0.9, ttl: '1h' }, []));
    expect(result.scenarios[0]!.months[0]!.costPerUnit).toBe('0.02046');
  });

  it('traffic moved to another model starts with a cold cache that warms up', () => {
    // cacheWarmupMonths 2: warmth averages 0.25 in month 1, 0.75 in month 2, 1 after.
    // month 1: hit 0.9 × 0.25 = 0.225 → read 1,800 × $0.30/M = $0.00054; written 6,200 × $3.75/M = $0.02325;
    //          + $0.006 uncached + $0.0075 output = $0.03729 a request
    // month 2: hit 0.675 → read 5,400 → $0.00162; written 2,600 → $0.00975 → $0.02487
    // month 3: warm → $0.01866
    const result = runDeterministic(
      caching({ cacheableShare: 0.8, hitRate: 0.9 }, [{ type: 'route', start: '2027-01', from: 'anthropic/sonnet', to: 'anthropic/sonnet-next', share: 1, cacheWarmupMonths: 2 }], 3),
    );
    expect(result.scenarios[1]!.months.map((m) => m.costPerUnit)).toEqual(['0.03729', '0.02487', '0.01866']);
  });

  it('response caching answers a share without a model and pays for its infrastructure', () => {
    // 30% of 1,000 requests answered from the cache: 700 × $0.0375 = $26.25 on the model;
    // cache: $5 a month + 1,000 lookups × $0.001 = $6 → $32.25
    const result = runDeterministic(caching(undefined, [{ type: 'cache', start: '2027-01', response: { share: 0.3, monthlyCost: 5, costPerRequest: '0.001' } }]));
    const s = result.scenarios[1]!.months[0]!;
    expect(s.totalCost).toBe('32.25');
    expect(s.byComponent.response_cache).toBe('6.00');
    expect(s.successes).toBeCloseTo(1000, 9);
  });
});
