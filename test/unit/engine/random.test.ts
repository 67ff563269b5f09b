import { describe, expect, it } from 'vitest';
import { betaCdf, inverseNormal, quantile, sample, sortedQuantile, type Dist } from '../../../shared/engine/distributions';
import { detExp, detLog, detPow, hashString, Sfc32 } from '../../../shared/engine/random';

describe('sfc32', () => {
  it('matches the reference sfc32 sequence after its 15 discarded outputs', () => {
    // Reference: the widely used JavaScript sfc32 (a,b,c,d = 1,2,3,4), outputs 16–19.
    const r = new Sfc32(1, 2, 3, 4);
    expect([r.nextUint32(), r.nextUint32(), r.nextUint32(), r.nextUint32()]).toEqual([800524041, 903873393, 3641854082, 3208635939]);
  });

  it('gives pinned uniforms for a (seed, draw, input) stream, so every machine and browser draws the same numbers', () => {
    const s = Sfc32.stream(42, 7, 12345);
    expect(s.nextUniform()).toBe(0.24098476304709265);
    expect(s.nextUniform()).toBe(0.9075952089562593);
  });

  it('hashes input names with FNV-1a', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c.
    expect(hashString('a')).toBe(0xe40c292c);
  });
});

describe('deterministic log and exp', () => {
  it('agree with Math.log and Math.exp to a few ulps over a wide range', () => {
    for (let i = -700; i <= 700; i += 0.37) {
      const x = Math.exp(i);
      if (Math.log(x) !== 0) expect(Math.abs(detLog(x) - Math.log(x)) / Math.abs(Math.log(x))).toBeLessThan(1e-15);
      expect(Math.abs(detExp(i) - Math.exp(i)) / Math.exp(i)).toBeLessThan(1e-15);
    }
    expect(detLog(1)).toBe(0);
    expect(detExp(0)).toBe(1);
    expect(detPow(1.1, 3)).toBeCloseTo(1.331, 15);
  });
});

describe('distributions', () => {
  it('inverts the normal CDF (Acklam)', () => {
    expect(inverseNormal(0.975)).toBeCloseTo(1.959963985, 8);
    expect(inverseNormal(0.5)).toBe(0);
    expect(inverseNormal(0.1)).toBe(-inverseNormal(0.9));
    expect(inverseNormal(0.1)).toBeCloseTo(-1.2815515655, 8);
  });

  it('computes the regularised incomplete beta', () => {
    // I_0.3(2, 5) = 1 − (0.7^6 + 6·0.3·0.7^5) = 1 − (0.117649 + 0.302526) = 0.579825
    expect(betaCdf(0.3, 2, 5)).toBeCloseTo(0.579825, 12);
  });

  it('gives quantiles of each distribution', () => {
    // uniform 10..20: P10 = 11
    expect(quantile({ kind: 'uniform', min: 10, max: 20 }, 0.1)).toBe(11);
    // triangular 0..10 mode 5: P50 = 5; P10 = sqrt(0.1 × 10 × 5) = sqrt(5)
    expect(quantile({ kind: 'triangular', min: 0, mode: 5, max: 10 }, 0.5)).toBe(5);
    expect(quantile({ kind: 'triangular', min: 0, mode: 5, max: 10 }, 0.1)).toBeCloseTo(Math.sqrt(5), 12);
    // symmetric PERT: median at the mode
    expect(quantile({ kind: 'pert', min: 0, mode: 0.5, max: 1 }, 0.5)).toBeCloseTo(0.5, 12);
    // normal 100 ± 10: P90 = 100 + 10 × 1.2815515655
    expect(quantile({ kind: 'normal', mean: 100, sd: 10 }, 0.9)).toBeCloseTo(112.815515655, 6);
    // lognormal: P50 = e^mu
    expect(quantile({ kind: 'lognormal', mu: Math.log(50), sigma: 0.4 }, 0.5)).toBeCloseTo(50, 9);
  });

  it('samples with the right means (fixed seed, 20,000 draws)', () => {
    const cases: [Dist, number][] = [
      [{ kind: 'uniform', min: 2, max: 4 }, 3],
      [{ kind: 'triangular', min: 0, mode: 1, max: 5 }, 2], // (0 + 1 + 5) / 3
      [{ kind: 'pert', min: 0, mode: 1, max: 5 }, 1.5], // (0 + 4·1 + 5) / 6
      [{ kind: 'normal', mean: 10, sd: 2 }, 10],
      [{ kind: 'lognormal', mu: 0, sigma: 0.5 }, Math.exp(0.125)], // e^(mu + sigma²/2)
    ];
    for (const [dist, mean] of cases) {
      let sum = 0;
      const n = 20_000;
      for (let d = 0; d < n; d++) sum += sample(dist, Sfc32.stream(9, d, 1));
      expect(Math.abs(sum / n - mean) / mean).toBeLessThan(0.01);
    }
  });

  it('interpolates sorted quantiles like PERCENTILE.INC', () => {
    // values 1..5: P10 at position 0.4 → 1.4; P90 at 3.6 → 4.6
    expect(sortedQuantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4, 12);
    expect(sortedQuantile([1, 2, 3, 4, 5], 0.9)).toBeCloseTo(4.6, 12);
  });
});
