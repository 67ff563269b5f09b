/** Robust statistics on plain number arrays (statistics only: never money sums). */

export function median(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation scaled to a normal's standard deviation (× 1.4826). */
export function robustSigma(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const m = median(values);
  const dev = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) dev[i] = Math.abs(values[i]! - m);
  return 1.4826 * median(dev);
}

/**
 * Hampel filter: each value against the median of its window (half-width
 * `half`). Isolated outliers (up to `half` in a row) are replaced by that
 * median; a step stays a step, because past its edge the window's median
 * is already on the new level.
 */
export function hampel(values: readonly number[], half: number, threshold: number): { filtered: number[]; medians: number[] } {
  const n = values.length;
  const filtered = [...values];
  const medians: number[] = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - half);
    const to = Math.min(n - 1, i + half);
    const m = median(values.slice(from, to + 1));
    medians[i] = m;
    if (Math.abs(values[i]! - m) > threshold) filtered[i] = m;
  }
  return { filtered, medians };
}
