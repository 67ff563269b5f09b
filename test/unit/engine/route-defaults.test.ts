import { describe, expect, it } from 'vitest';
import { blendedTokenPrices, nextLeverMonth, routeDefaults, type TokenPrice } from '../../../shared/engine/route-defaults';

function price(model: string, usageClass: string, perMillion: string, extra: Partial<TokenPrice> = {}): TokenPrice {
  return { provider: model.split('/')[0]!, model: model.split('/')[1]!, usageClass, meter: null, serviceTier: 'standard', contextAbove: null, region: null, unit: 'token', price: perMillion, per: 1_000_000, ...extra };
}

// Per million tokens, input + output: big 2 + 8 = 10, mid 0.4 + 1.6 = 2, small 0.1 + 0.4 = 0.5, other-provider 1 + 1 = 2.
const PRICES: TokenPrice[] = [
  price('openai/big', 'input', '2'),
  price('openai/big', 'output', '8'),
  price('openai/big-mini', 'input', '0.4'),
  price('openai/big-mini', 'output', '1.6'),
  price('openai/small', 'input', '0.1'),
  price('openai/small', 'output', '0.4'),
  price('acme/other', 'input', '1'),
  price('acme/other', 'output', '1'),
  // Not a plain standard text-token price: ignored.
  price('openai/big', 'input', '1', { serviceTier: 'batch' }),
  price('openai/cheap-audio', 'input', '0.01', { meter: 'audio' }),
];

describe('a new route lever starts as the move an analyst tries first', () => {
  it('prices models by input plus output per million tokens, standard text tokens only', () => {
    const blended = blendedTokenPrices(PRICES);
    // big: 2 + 8 = 10 per million = 10,000,000,000 nano-units.
    expect(blended.get('openai/big')).toBe(10_000_000_000n);
    expect(blended.get('openai/small')).toBe(500_000_000n);
    // An input price alone (the audio meter is skipped anyway) makes no blended price.
    expect(blended.has('openai/cheap-audio')).toBe(false);
  });

  it('moves the model the baseline spends most on to the dearest cheaper model the workloads already use', () => {
    // Baseline: big 300.10 + 400.20 = 700.30; small 900.00 + 0.50 = 900.50 → small is the dearest over the horizon.
    // Small is the cheapest per token: nothing of its provider is cheaper → another model the workloads use.
    const bySpend = routeDefaults({
      models: ['openai/big', 'openai/small'],
      baselineByModel: [{ 'openai/big': '300.10', 'openai/small': '900.00' }, { 'openai/big': '400.20', 'openai/small': '0.50' }],
      prices: PRICES,
      today: '2026-12-06',
      horizonStart: '2026-07',
      horizonMonths: 24,
    });
    expect(bySpend).toEqual({ from: 'openai/small', to: 'openai/big', start: '2027-01' });

    // Big dearer (1,000 vs 10): of the workloads' cheaper models (big-mini at 2, small at 0.5) the dearer, big-mini.
    const used = routeDefaults({
      models: ['openai/small', 'openai/big', 'openai/big-mini', 'acme/other'],
      baselineByModel: [{ 'openai/big': '1000', 'openai/small': '10', 'acme/other': '5' }],
      prices: PRICES,
      today: '2026-12-06',
      horizonStart: '2026-07',
      horizonMonths: 24,
    });
    expect(used?.from).toBe('openai/big');
    expect(used?.to).toBe('openai/big-mini');
  });

  it('without a cheaper model in the workloads, takes the price book’s sibling (longest shared name)', () => {
    const route = routeDefaults({ models: ['openai/big'], baselineByModel: [], prices: PRICES, today: '2026-12-06', horizonStart: '2027-03', horizonMonths: 12 });
    // "big-mini" shares "big" (3 characters) with "big"; "small" shares none. The horizon starts after next month: its first month.
    expect(route).toEqual({ from: 'openai/big', to: 'openai/big-mini', start: '2027-03' });
  });

  it('starts next month, never a month already past, and inside the horizon', () => {
    expect(nextLeverMonth('2026-12-06', '2026-01', 24)).toBe('2027-01');
    expect(nextLeverMonth('2026-12-31', '2027-06', 12)).toBe('2027-06');
    // A horizon that has ended (2025-01 … 2025-12): its last month.
    expect(nextLeverMonth('2026-12-06', '2025-01', 12)).toBe('2025-12');
  });
});
