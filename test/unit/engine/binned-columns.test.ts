import { describe, expect, it } from 'vitest';
import { addValue, addValues, binnedColumns, binnedPercentiles, binWidth, mergeBinned, type BinnedColumns } from '../../../shared/engine/binned-columns';
import { percentiles } from '../../../shared/engine/percentiles';
import { Sfc32 } from '../../../shared/engine/random';

const PS = [0.1, 0.5, 0.9];

function filled(bins: number, values: readonly number[]): BinnedColumns {
  const h = binnedColumns(1, bins);
  for (const x of values) addValue(h, 0, x);
  return h;
}

/** Values of several shapes: a wide spread, a narrow band far from zero, a heavy tail, negatives. */
function samples(seed: number, n: number): number[][] {
  const r = Sfc32.stream(seed, 0, 0);
  const u = () => r.nextUniform();
  return [
    Array.from({ length: n }, () => 1000 * u()),
    Array.from({ length: n }, () => 592_605.27 + 0.01 * u()),
    Array.from({ length: n }, () => Math.exp(6 * u())),
    Array.from({ length: n }, () => -50_000 + 80_000 * u()),
  ];
}

describe('percentiles from histograms (bounded memory for large Monte Carlo runs)', () => {
  it('work out a hand-computed case', () => {
    // 0..7 in 4 bins: the smallest power-of-two width that fits 0..7 is 2 (bins [0,2) [2,4) [4,6) [6,8), two values each).
    // Rank r in a bin of k values starting at b·w reads (b + (r − below + ½) / k) · w; rank 0 is the lowest, rank 7 the highest.
    // P10: h = 7 × 0.1 = 0.7 → rank 0 (0) and rank 1 ((0 + 1.5/2) × 2 = 1.5): 0 + 0.7 × 1.5 = 1.05 (exact 0.7)
    // P50: h = 3.5 → rank 3 ((1 + 1.5/2) × 2 = 3.5) and rank 4 ((2 + 0.5/2) × 2 = 4.5): 3.5 + 0.5 × 1 = 4 (exact 3.5)
    // P90: h = 6.3 → rank 6 ((3 + 0.5/2) × 2 = 6.5) and rank 7 (7): 6.5 + 0.3 × 0.5 = 6.65 (exact 6.3)
    const h = filled(4, [5, 0, 7, 2, 1, 6, 3, 4]);
    expect(binWidth(h, 0)).toBe(2);
    const [p10, p50, p90] = binnedPercentiles(h, 0, PS);
    expect(p10).toBeCloseTo(1.05, 12);
    expect(p50).toBe(4);
    expect(p90).toBeCloseTo(6.65, 12);
  });

  it('are within one bin width of the exact percentiles, and the width within 2 / (bins − 2) of the spread', () => {
    for (const bins of [256, 4096]) {
      for (const values of samples(5, 20_000)) {
        const h = filled(bins, values);
        const exact = percentiles(Float64Array.from(values), PS);
        const w = binWidth(h, 0);
        const spread = Math.max(...values) - Math.min(...values);
        expect(w).toBeLessThanOrEqual((2 * spread) / (bins - 2));
        binnedPercentiles(h, 0, PS).forEach((p, i) => expect(Math.abs(p - exact[i]!)).toBeLessThanOrEqual(w));
      }
    }
  });

  it('give the same histogram whatever the order values come in and however parts are merged', () => {
    for (const values of samples(9, 3000)) {
      const whole = filled(256, values);
      const reversed = filled(256, [...values].reverse());
      expect(reversed).toEqual(whole);
      // Three parts of different sizes, merged in two different orders.
      const parts = [values.slice(0, 17), values.slice(17, 1900), values.slice(1900)];
      const a = filled(256, parts[2]!);
      mergeBinned(a, filled(256, parts[0]!));
      mergeBinned(a, filled(256, parts[1]!));
      const b = filled(256, parts[1]!);
      mergeBinned(b, filled(256, parts[0]!));
      mergeBinned(b, filled(256, parts[2]!));
      expect(a).toEqual(whole);
      expect(b).toEqual(whole);
    }
  });

  it('give the same histogram when a block of values is added at once as when added one by one', () => {
    for (const values of samples(12, 2000)) {
      const blocks = binnedColumns(1, 256);
      // Blocks as the summary adds them, one with a value that is not finite, one flat.
      const withGaps = [...values.slice(0, 700), Number.NaN, ...values.slice(700), 5, 5, 5];
      for (let at = 0; at < withGaps.length; at += 250) addValues(blocks, 0, Float64Array.from(withGaps.slice(at, at + 250)));
      const flatFirst = binnedColumns(1, 256);
      addValues(flatFirst, 0, Float64Array.from([5, 5, 5]));
      addValues(flatFirst, 0, Float64Array.from([...values.slice(0, 700), Number.NaN, ...values.slice(700)]));
      const one = filled(256, withGaps);
      expect(blocks).toEqual(one);
      expect(flatFirst).toEqual(one);
      expect(binnedPercentiles(one, 0, PS).every(Number.isNaN)).toBe(true);
    }
  });

  it('give the same histogram when values of a larger magnitude arrive later, into bins they already fit', () => {
    // The finest width is 2^-40 of the largest magnitude's power of two. Below 1 that is 2^-41: 1 − 2^-38 and
    // 1 − 2^-38 + 2^-41 get width 2^-41; then 1 still fits in 16 bins of it (9 bins), but raises the finest width
    // to 2^-40 — which is what the width is when 1 comes first. The histogram must not depend on the order.
    const values = [1 - 2 ** -38, 1 - 2 ** -38 + 2 ** -41, 1];
    const forward = filled(16, values);
    const backward = filled(16, [...values].reverse());
    expect(binWidth(backward, 0)).toBe(2 ** -40);
    expect(forward).toEqual(backward);
    const merged = filled(16, values.slice(0, 2));
    mergeBinned(merged, filled(16, values.slice(2)));
    expect(merged).toEqual(backward);
  });

  it('read a column that never varies back exactly, and give no figure when a value was not finite', () => {
    const h = binnedColumns(2, 256);
    for (let i = 0; i < 1000; i++) {
      addValue(h, 0, 592_605.27);
      addValue(h, 1, i === 500 ? Number.POSITIVE_INFINITY : i);
    }
    expect(binnedPercentiles(h, 0, PS)).toEqual([592_605.27, 592_605.27, 592_605.27]);
    expect(binnedPercentiles(h, 1, PS).every(Number.isNaN)).toBe(true);
  });

  it('keep the lowest and highest values exactly (P0 and P100)', () => {
    const values = samples(3, 500)[2]!;
    const h = filled(256, values);
    expect(binnedPercentiles(h, 0, [0, 1])).toEqual([Math.min(...values), Math.max(...values)]);
  });
});
