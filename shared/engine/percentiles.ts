/**
 * Exact percentiles of a column of draws: P10, P50, P90 as order statistics
 * with linear interpolation between them (type 7, as Excel's
 * PERCENTILE.INC), found by selection rather than a full sort.
 */
function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i] as number;
  a[i] = a[j] as number;
  a[j] = t;
}

/**
 * Moves the k-th smallest value of a[left..right] to index k, smaller ones
 * before it and larger ones after (Floyd and Rivest's SELECT, 1975: it picks
 * its pivot from a sample, so it needs about 1.5 n comparisons). The sample
 * bounds use Math.log/exp, but only to choose pivots: the value selected is
 * the same whatever they return.
 */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (i - n / 2 < 0 ? -1 : 1);
      select(a, k, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)));
    }
    const t = a[k] as number;
    let i = left;
    let j = right;
    swap(a, left, k);
    if ((a[right] as number) > t) swap(a, left, right);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while ((a[i] as number) < t) i++;
      while ((a[j] as number) > t) j--;
    }
    if (a[left] === t) swap(a, left, j);
    else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

/**
 * P10, P50 and P90 of the values (linear interpolation between order
 * statistics, type 7 — as Excel's PERCENTILE.INC). Reorders `a`. NaN when any
 * value is not finite (e.g. a cost per unit in a month without units).
 */
export function percentiles(a: Float64Array, ps: readonly number[] = [0.1, 0.5, 0.9]): number[] {
  const n = a.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(a[i] as number)) return ps.map(() => Number.NaN);
  if (n === 0) return ps.map(() => Number.NaN);
  // Ascending ps: everything left of an earlier order statistic is no larger, so later selections start after it.
  let from = 0;
  return ps.map((p) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    select(a, lo, Math.min(from, lo), n - 1);
    from = lo + 1;
    const below = a[lo] as number;
    if (lo + 1 >= n || h === lo) return below;
    let above = a[lo + 1] as number;
    for (let i = lo + 2; i < n; i++) if ((a[i] as number) < above) above = a[i] as number;
    return below + (h - lo) * (above - below);
  });
}
