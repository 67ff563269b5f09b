import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/domain/money';
import type { RateCard } from '../../../shared/engine/pricing';
import { runDeterministic } from '../../../shared/engine/run';
import { scenarioFile } from './helpers';

const workload = (over: Record<string, unknown> = {}) => ({
  id: 'support',
  driver: 'loans',
  requestsPerUnit: 8,
  tokensPerRequest: { input: 3000, output: 400 },
  models: [{ provider: 'openai', model: 'mini', share: 1 }],
  ...over,
});

const file = (w: Record<string, unknown>, levers: unknown[] = [], prices: unknown[] = [{ provider: 'openai', model: 'mini', input: '0.15', output: '0.60' }]) =>
  scenarioFile({ start: '2027-01', months: 1, drivers: [{ id: 'loans', unitsPerMonth: 1000 }], workloads: [w as never], prices: prices as never }, [{ id: 's', name: 'S', levers: levers as never }]);

describe('workload models', () => {
  it('escalate along a chain named in the baseline', () => {
    // 8,000 conversations on mini: 8,000 × (3,000 × $0.15/M + 400 × $0.60/M) = 8,000 × $0.00069 = $5.52
    // 30% fail and escalate to haiku with twice the tokens: 2,400 × (6,000 × $1/M + 800 × $5/M) = 2,400 × $0.01 = $24
    // successes: 5,600 + 2,400 × 0.97 = 7,928
    const f = file(
      workload({
        models: [
          { provider: 'openai', model: 'mini', share: 1, successRate: 0.7, escalateTo: 'anthropic/haiku' },
          { provider: 'anthropic', model: 'haiku', share: 0, successRate: 0.97, tokenRatio: 2 },
        ],
      }),
      [],
      [
        { provider: 'openai', model: 'mini', input: '0.15', output: '0.60' },
        { provider: 'anthropic', model: 'haiku', input: '1', output: '5' },
      ],
    );
    const m = runDeterministic(f).scenarios[0]!.months[0]!;
    expect(m.byModel).toEqual({ 'anthropic/haiku': '24.00', 'openai/mini': '5.52' });
    expect(m.successes).toBeCloseTo(7928, 9);
  });

  it('refuse shares that do not add up to 1', () => {
    expect(() => runDeterministic(file(workload({ models: [{ provider: 'openai', model: 'mini', share: 0.8 }] })))).toThrow(/model shares add up to 0.8, not 1/);
  });

  it('refuse escalation in a circle', () => {
    const f = file(
      workload({
        models: [
          { provider: 'openai', model: 'mini', share: 1, escalateTo: 'openai/big' },
          { provider: 'openai', model: 'big', share: 0, escalateTo: 'openai/mini' },
        ],
      }),
    );
    expect(() => runDeterministic(f)).toThrow(/round in a circle/);
  });

  it('refuse a share outside 0–1, naming the field', () => {
    try {
      runDeterministic(file(workload({ models: [{ provider: 'openai', model: 'mini', share: 1, successRate: 1.2 }] })));
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'bad_input', field: 'baseline.workloads.support.models.openai/mini.successRate' });
    }
  });

  it('refuse a route from a model no workload uses', () => {
    expect(() => runDeterministic(file(workload(), [{ type: 'route', start: '2027-01', from: 'openai/gpt-5', to: 'openai/mini', share: 0.5 }]))).toThrow(/no workload it applies to uses that model/);
  });

  it('never price an unknown model at zero', () => {
    expect(() => runDeterministic(file(workload(), [], []))).toThrow(/no price for openai\/mini input \(standard tier\) in 2027-01/);
  });

  it('price cache reads as input (with a warning) when the vendor lists no cache price', () => {
    // 3,000 × $0.15/M + 400 × $0.60/M = $0.00069 a request whatever the cache does → $5.52
    const result = runDeterministic(file(workload({ promptCache: { cacheableShare: 0.5, hitRate: 1 } })));
    // hit rate 1: nothing is written, so only the read price is missing in use
    expect(result.scenarios[0]!.months[0]!.totalCost).toBe('5.52');
    expect(result.scenarios[0]!.warnings).toEqual(['openai/mini: no cached input price in the price book, so its cached input tokens are priced as input (as the vendor bills them)']);
  });
});

describe('long-context bands from the rate card', () => {
  it('bill every token of a long prompt at the band’s price', () => {
    // 250,000-token prompt, 1,000 output on a model at $3/$15 up to 200k and $6/$22.50 above:
    // 250,000 × $6/M + 1,000 × $22.50/M = $1.50 + $0.0225 = $1.5225 a request
    const rates: Record<string, string> = { 'input/': '3', 'output/': '15', 'input/over-200k': '6', 'output/over-200k': '22.50' };
    const card: RateCard = {
      unitPrice: (k) => {
        const price = rates[`${k.usageClass}/${k.contextBand ?? ''}`];
        return price && k.serviceTier === 'standard' ? { nanos: parseMoney(price), per: 1_000_000n } : null;
      },
      contextBands: () => [{ band: 'over-200k', abovePromptTokens: 200_000 }],
    };
    const long = scenarioFile({
      start: '2027-01',
      months: 1,
      drivers: [{ id: 'docs', unitsPerMonth: 1 }],
      workloads: [{ id: 'w', driver: 'docs', requestsPerUnit: 1, tokensPerRequest: { input: 250_000, output: 1000 }, models: [{ provider: 'anthropic', model: 'sonnet', share: 1 }] }],
    });
    expect(runDeterministic(long, {}, { rateCard: card }).scenarios[0]!.months[0]!.totalCost).toBe('1.5225');
    const short = scenarioFile({ ...long.baseline, workloads: [{ ...long.baseline.workloads[0]!, tokensPerRequest: { input: 150_000, output: 1000 } }] });
    // 150,000 × $3/M + 1,000 × $15/M = $0.465
    expect(runDeterministic(short, {}, { rateCard: card }).scenarios[0]!.months[0]!.totalCost).toBe('0.465');
  });
});
