import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnergyAssumptions } from '../../../shared/domain/energy/assumptions';
import { lineImpact } from '../../../shared/domain/energy/estimate';
import { REPO_ROOT } from '../../helpers/temp';

const shipped = loadEnergyAssumptions(readFileSync(path.join(REPO_ROOT, 'data/energy/assumptions.yaml'), 'utf8'), 'assumptions.yaml');

describe('energy and carbon estimates', () => {
  it('ships assumptions with a source and a date for every figure', () => {
    for (const m of shipped.models) expect([m.source.length > 20, /^\d{4}-\d{2}/.test(m.sourceDate)]).toEqual([true, true]);
    for (const g of shipped.grid) expect([g.source.length > 20, /^\d{4}-\d{2}/.test(g.sourceDate)]).toEqual([true, true]);
  });

  it('estimates a Gemini line from Google’s per-prompt figures (hand-computed)', () => {
    // 4,000,000 output tokens ÷ 400 a response = 10,000 requests. Energy: × 0.10 / 0.24 / 0.24 Wh = 1.0 / 2.4 / 2.4 kWh.
    // Carbon from Google's own per-prompt figure: × 0.03 / 0.03 / 0.11 g = 0.3 / 0.3 / 1.1 kg.
    const r = lineImpact(shipped, { provider: 'google', model: 'gemini-2.5-pro', usageClass: 'output', region: null, quantity: 4_000_000 })!;
    expect(r.assumptionId).toBe('google-gemini');
    expect(r.impact.kwh.low).toBeCloseTo(1.0, 12);
    expect(r.impact.kwh.mid).toBeCloseTo(2.4, 12);
    expect(r.impact.kgCo2e.mid).toBeCloseTo(0.3, 12);
    expect(r.impact.kgCo2e.high).toBeCloseTo(1.1, 12);
  });

  it('takes carbon from energy × grid where the source gave none (hand-computed)', () => {
    // 400,000 output tokens = 1,000 requests × 0.24 / 0.34 / 2.9 Wh = 0.24 / 0.34 / 2.9 kWh;
    // × 300 / 473 / 600 g/kWh = 72 g / 160.82 g / 1,740 g.
    const r = lineImpact(shipped, { provider: 'openai', model: 'gpt-4.1', usageClass: 'output', region: 'us', quantity: 400_000 })!;
    expect(r.assumptionId).toBe('any-model');
    expect(r.impact.kwh.mid).toBeCloseTo(0.34, 12);
    expect(r.impact.kgCo2e.low).toBeCloseTo(0.072, 12);
    expect(r.impact.kgCo2e.mid).toBeCloseTo(0.16082, 12);
    expect(r.impact.kgCo2e.high).toBeCloseTo(1.74, 12);
  });

  it('counts output lines only, so a request is never counted twice', () => {
    expect(lineImpact(shipped, { provider: 'openai', model: 'gpt-4.1', usageClass: 'input', region: null, quantity: 1_000_000 })).toBeNull();
    expect(lineImpact(shipped, { provider: 'openai', model: null, usageClass: 'output', region: null, quantity: 1_000 })).toBeNull();
  });

  it('refuses assumptions without a source or with low above high, naming the field', () => {
    expect(() => loadEnergyAssumptions('version: 1\noutputTokensPerRequest: { value: 400, source: x, sourceDate: 2025-07 }\nmodels:\n  - { id: a, match: {}, per: request, wh: { low: 2, mid: 1, high: 3 }, source: s, sourceDate: 2025-01 }\ngrid:\n  - { region: "*", gCo2ePerKwh: { low: 1, mid: 2, high: 3 }, source: s, sourceDate: 2025-01 }\n', 'e.yaml')).toThrow(
      expect.objectContaining({ file: 'e.yaml', field: 'models[0].wh', message: 'low ≤ mid ≤ high' }),
    );
  });
});
