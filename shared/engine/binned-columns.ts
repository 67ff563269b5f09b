/**
 * Percentiles of many columns of draws in memory that does not grow with the
 * number of draws: a histogram per column whose bins are all one width, a
 * power of two, as fine as lets the column's lowest to highest draw fit in
 * `bins` bins.
 *
 * A percentile read from it lies in the same bin as the exact order
 * statistic, so it is within one bin width of it: at most 2 / (bins − 2) of
 * the spread between the column's lowest and highest draw (the width is the
 * smallest power of two that fits the spread, hence at most twice the
 * spread ÷ bins; a bin more for where the spread starts within a bin). The
 * lowest and highest draw are kept exactly, so a column that never varies
 * (a scenario no uncertain input reaches) reads back exactly.
 *
 * Why this and not a t-digest or KLL sketch from npm: the worker split must
 * never change a figure, and those sketches' answers depend on the order
 * values arrive and sketches merge (KLL also on its coin flips); their
 * bounds are on ranks and, for KLL, probabilistic. Here counts add, bins
 * double exactly (bin k at width w is bins 2k and 2k+1 at width w/2), and the
 * width is a function of the column's final lowest and highest draw alone,
 * so any split or merge order gives the same histogram. Bin indices come
 * from dividing by a power of two and flooring — exact in IEEE arithmetic on
 * every JavaScript engine, which Math.log (DDSketch's mapping) is not.
 */

/** Bins finer than this fraction of a column's largest magnitude buy nothing (float noise) and would overflow exact integer bin keys. */
const FINEST = 2 ** -40;

/** The largest power of two ≤ x (x > 0, finite), from the float's exponent bits. */
const view = new DataView(new ArrayBuffer(8));
function pow2AtMost(x: number): number {
  view.setFloat64(0, x);
  const exponent = (view.getUint16(0) >> 4) & 0x7ff;
  if (exponent === 0) return 2 ** -1074; // subnormal: the smallest there is will do as a start
  return 2 ** (exponent - 1023);
}

/** Many columns' histograms in a few flat arrays (plain data: it crosses threads by structured clone or transfer). */
export interface BinnedColumns {
  bins: number;
  /** Finite values added, per column. */
  count: Float64Array;
  /** Values that were not finite (a cost per unit of a month without units), per column: any makes the percentiles "no figure". */
  nonFinite: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Bin width per column (a power of two); 0 while every value so far is the same. */
  width: Float64Array;
  /** Key (value ÷ width, floored) of each column's first bin. */
  origin: Float64Array;
  /** Counts, column c's bins at [c × bins, (c + 1) × bins). */
  counts: Uint32Array;
}

export function binnedColumns(columns: number, bins: number): BinnedColumns {
  if (!(bins >= 4) || (bins & (bins - 1)) !== 0) throw new RangeError(`bins must be a power of two, at least 4: ${bins}`);
  return {
    bins,
    count: new Float64Array(columns),
    nonFinite: new Float64Array(columns),
    min: new Float64Array(columns).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(columns).fill(Number.NEGATIVE_INFINITY),
    width: new Float64Array(columns),
    origin: new Float64Array(columns),
    counts: new Uint32Array(columns * bins),
  };
}

/** The width this column's lowest and highest value need: the smallest power of two at least `atLeast` that fits them in the bins. */
function widthFor(lo: number, hi: number, bins: number, atLeast: number): number {
  const magnitude = Math.max(Math.abs(lo), Math.abs(hi));
  let w = Math.max(atLeast, pow2AtMost((hi - lo) / bins) / 2, magnitude > 0 ? pow2AtMost(magnitude) * FINEST : 0);
  while (Math.floor(hi / w) - Math.floor(lo / w) + 1 > bins) w *= 2;
  return w;
}

/** Scratch for rebinning one column (reused: rebinning is frequent in a run's first blocks). */
let moved = new Uint32Array(0);

/** Rebins column c (width `w`, first key `origin`) at width `next` with first key floor(lo ÷ next). */
function rebin(h: BinnedColumns, c: number, next: number, lo: number): void {
  const B = h.bins;
  const at = c * B;
  const w = h.width[c] as number;
  const newOrigin = Math.floor(lo / next);
  if (w === 0) {
    h.width[c] = next;
    h.origin[c] = newOrigin;
    return;
  }
  const oldOrigin = h.origin[c] as number;
  const ratio = next / w;
  if (moved.length !== B) moved = new Uint32Array(B);
  else moved.fill(0);
  for (let b = 0; b < B; b++) {
    const n = h.counts[at + b] as number;
    if (n === 0) continue;
    // Bin k at width w is inside bin floor(k ÷ ratio) at width w × ratio (ratio a power of two).
    const target = Math.floor((oldOrigin + b) / ratio) - newOrigin;
    moved[target] = (moved[target] as number) + n;
  }
  h.counts.set(moved, at);
  h.width[c] = next;
  h.origin[c] = newOrigin;
}

/** Makes room in column c for values from lo to hi (its new lowest and highest). */
function cover(h: BinnedColumns, c: number, lo: number, hi: number): void {
  const w = h.width[c] as number;
  // Always the width the new lowest and highest call for (not merely one they fit in): so the width
  // is a function of the column's lowest and highest value alone, whatever order values came in.
  const next = widthFor(lo, hi, h.bins, w);
  if (w > 0 && next === w) {
    const origin = h.origin[c] as number;
    const first = Math.floor(lo / w);
    if (first < origin) {
      // Shift the counts up so the new lowest value has a bin.
      const at = c * h.bins;
      const by = origin - first;
      h.counts.copyWithin(at + by, at, at + h.bins - by);
      h.counts.fill(0, at, at + by);
      h.origin[c] = first;
    }
    return;
  }
  rebin(h, c, next, lo);
}

function put(h: BinnedColumns, c: number, x: number, n: number): void {
  const b = c * h.bins + (Math.floor(x / (h.width[c] as number)) - (h.origin[c] as number));
  h.counts[b] = (h.counts[b] as number) + n;
}

/** Adds one value to column c. */
export function addValue(h: BinnedColumns, c: number, x: number): void {
  if (!Number.isFinite(x)) {
    h.nonFinite[c] = (h.nonFinite[c] as number) + 1;
    return;
  }
  const count = h.count[c] as number;
  const min = h.min[c] as number;
  const max = h.max[c] as number;
  h.count[c] = count + 1;
  if (count === 0) {
    h.min[c] = x;
    h.max[c] = x;
    return;
  }
  if (x < min || x > max) {
    const lo = x < min ? x : min;
    const hi = x > max ? x : max;
    const wasFlat = h.width[c] === 0;
    cover(h, c, lo, hi);
    // Every value so far was the same (the old lowest): they get their bin now.
    if (wasFlat) put(h, c, min, count);
    h.min[c] = lo;
    h.max[c] = hi;
  } else if (h.width[c] === 0) {
    // Still one value throughout: nothing to bin yet.
    return;
  }
  put(h, c, x, 1);
}

/**
 * Adds many values to column c at once: the bins are made to cover the
 * values' lowest and highest first, so a block rebins a column at most once
 * (the histogram is the same as adding them one by one).
 */
export function addValues(h: BinnedColumns, c: number, xs: Float64Array): void {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let finite = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    if (x - x !== 0) continue; // not finite (NaN or ±Infinity)
    finite++;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  h.nonFinite[c] = (h.nonFinite[c] as number) + (xs.length - finite);
  if (finite === 0) return;
  const count = h.count[c] as number;
  const min = count === 0 ? lo : (h.min[c] as number);
  const max = count === 0 ? hi : (h.max[c] as number);
  const newLo = lo < min ? lo : min;
  const newHi = hi > max ? hi : max;
  h.count[c] = count + finite;
  h.min[c] = newLo;
  h.max[c] = newHi;
  // Still one value throughout: nothing to bin yet.
  if (newLo === newHi) return;
  if (newLo < min || newHi > max || h.width[c] === 0) {
    const wasFlat = h.width[c] === 0;
    cover(h, c, newLo, newHi);
    // Every value so far was the same (the old lowest): they get their bin now.
    if (wasFlat && count > 0) put(h, c, min, count);
  }
  const w = h.width[c] as number;
  const at = c * h.bins - (h.origin[c] as number);
  const counts = h.counts;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    if (x - x !== 0) continue;
    const b = at + Math.floor(x / w);
    counts[b] = (counts[b] as number) + 1;
  }
}

/** Adds column `from` of `other` into column c of h (same number of bins). */
function mergeColumn(h: BinnedColumns, c: number, other: BinnedColumns, from: number): void {
  h.nonFinite[c] = (h.nonFinite[c] as number) + (other.nonFinite[from] as number);
  const n = other.count[from] as number;
  if (n === 0) return;
  const count = h.count[c] as number;
  if (count === 0) {
    h.count[c] = n;
    h.min[c] = other.min[from] as number;
    h.max[c] = other.max[from] as number;
    h.width[c] = other.width[from] as number;
    h.origin[c] = other.origin[from] as number;
    h.counts.set(other.counts.subarray(from * other.bins, (from + 1) * other.bins), c * h.bins);
    return;
  }
  const min = h.min[c] as number;
  const max = h.max[c] as number;
  const lo = Math.min(min, other.min[from] as number);
  const hi = Math.max(max, other.max[from] as number);
  const wasFlat = h.width[c] === 0;
  const otherWidth = other.width[from] as number;
  // The merged width is the wider of the two, or wider still if the merged spread needs it.
  if (lo !== hi) {
    const need = widthFor(lo, hi, h.bins, Math.max(h.width[c] as number, otherWidth));
    if (need !== h.width[c]) rebin(h, c, need, lo);
    else cover(h, c, lo, hi);
    if (wasFlat) put(h, c, min, count);
    const w = h.width[c] as number;
    if (otherWidth === 0) put(h, c, other.min[from] as number, n);
    else {
      const ratio = w / otherWidth;
      const at = from * other.bins;
      const origin = other.origin[from] as number;
      for (let b = 0; b < other.bins; b++) {
        const k = other.counts[at + b] as number;
        if (k === 0) continue;
        const target = c * h.bins + (Math.floor((origin + b) / ratio) - (h.origin[c] as number));
        h.counts[target] = (h.counts[target] as number) + k;
      }
    }
  }
  h.count[c] = count + n;
  h.min[c] = lo;
  h.max[c] = hi;
}

/** Adds every column of `other` into h. */
export function mergeBinned(h: BinnedColumns, other: BinnedColumns): void {
  if (other.bins !== h.bins || other.count.length !== h.count.length) throw new RangeError('histograms of different shapes');
  for (let c = 0; c < h.count.length; c++) mergeColumn(h, c, other, c);
}

/** The value of rank r (0-based) in column c: within the bin, spread evenly by rank; the lowest and highest exactly. */
function valueAtRank(h: BinnedColumns, c: number, r: number): number {
  const n = h.count[c] as number;
  const min = h.min[c] as number;
  const max = h.max[c] as number;
  const w = h.width[c] as number;
  if (r <= 0 || w === 0) return min;
  if (r >= n - 1) return max;
  const at = c * h.bins;
  let below = 0;
  for (let b = 0; b < h.bins; b++) {
    const k = h.counts[at + b] as number;
    if (r < below + k) {
      const x = ((h.origin[c] as number) + b + (r - below + 0.5) / k) * w;
      return x < min ? min : x > max ? max : x;
    }
    below += k;
  }
  return max;
}

/**
 * Percentiles of column c as `percentiles` in monte-carlo.ts works them out
 * (type 7, linear between order statistics), each within one bin width of
 * the exact figure. NaN when any value was not finite, or none was added.
 */
export function binnedPercentiles(h: BinnedColumns, c: number, ps: readonly number[]): number[] {
  const n = h.count[c] as number;
  if (n === 0 || (h.nonFinite[c] as number) > 0) return ps.map(() => Number.NaN);
  return ps.map((p) => {
    const x = (n - 1) * p;
    const lo = Math.floor(x);
    const below = valueAtRank(h, c, lo);
    if (x === lo || lo + 1 >= n) return below;
    return below + (x - lo) * (valueAtRank(h, c, lo + 1) - below);
  });
}

/** The bin width of column c (0 for a column that never varied): the bound on its percentiles' error. */
export function binWidth(h: BinnedColumns, c: number): number {
  return h.width[c] as number;
}

export function binnedBuffers(h: BinnedColumns): ArrayBuffer[] {
  return [h.count.buffer, h.nonFinite.buffer, h.min.buffer, h.max.buffer, h.width.buffer, h.origin.buffer, h.counts.buffer] as ArrayBuffer[];
}
