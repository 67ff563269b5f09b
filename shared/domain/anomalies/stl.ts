/**
 * STL: seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae
 * and Terpenning, Journal of Official Statistics 6(1), 1990), with the
 * robustness iterations that keep a one-day spike out of the seasonal and
 * trend components. Written here rather than taken from a library: the one
 * maintained JavaScript option (@bsull/augurs MSTL, WASM) exposes only fits
 * and forecasts, not the components, its decomposition is not robust (a
 * planted spike leaked into the same weekday of the weeks around it), and
 * it took 25 ms a series here, 5 s for the 200 series the anomaly check must
 * do in under 2 s. This is the published algorithm, step by step, on evenly
 * spaced days: y = seasonal + trend + remainder.
 */

export interface StlOptions {
  period: number;
  /** Seasonal smoother span (odd, ≥ 7); larger keeps the weekly pattern steadier over the year. */
  seasonalSpan?: number;
  /** Trend smoother span (odd); by default the paper's smallest span that does not absorb the season. */
  trendSpan?: number;
  /** Inner iterations (the paper: 2 without robustness, 1 with it). */
  inner?: number;
  /** Robustness iterations (0: not robust). */
  robust?: number;
}

export interface Stl {
  seasonal: number[];
  trend: number[];
  remainder: number[];
  /** Robustness weight of each day (1 = an ordinary day, near 0 = an outlier). */
  weights: number[];
}

const odd = (n: number) => (Math.floor(n) % 2 === 0 ? Math.floor(n) + 1 : Math.floor(n));

/**
 * Loess at position x0 over points at 0..n-1 (values y, robustness weights
 * rw), span q points, degree 0 or 1. Returns NaN when every weight is zero.
 */
function loessAt(y: Float64Array, rw: Float64Array | null, n: number, x0: number, q: number, degree: 0 | 1): number {
  let left: number;
  let right: number;
  if (q >= n) {
    left = 0;
    right = n - 1;
  } else {
    left = Math.max(0, Math.min(n - q, Math.round(x0 - (q - 1) / 2)));
    right = left + q - 1;
  }
  let h = Math.max(x0 - left, right - x0);
  if (q > n) h += Math.floor((q - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  let swxx = 0;
  let swxy = 0;
  for (let j = left; j <= right; j++) {
    const d = Math.abs(j - x0);
    let w: number;
    if (d <= h1) w = 1;
    else if (d <= h9) {
      const r = d / h;
      const c = 1 - r * r * r;
      w = c * c * c;
    } else w = 0;
    if (rw) w *= rw[j]!;
    if (w === 0) continue;
    sw += w;
    swx += w * j;
    swy += w * y[j]!;
    if (degree === 1) {
      swxx += w * j * j;
      swxy += w * j * y[j]!;
    }
  }
  if (sw <= 0) return Number.NaN;
  const meanY = swy / sw;
  if (degree === 0) return meanY;
  const meanX = swx / sw;
  const varX = swxx / sw - meanX * meanX;
  // The paper's guard: fit a slope only when the points spread enough in x.
  const range = n - 1;
  if (Math.sqrt(Math.max(varX, 0)) <= 0.001 * range) return meanY;
  const slope = (swxy / sw - meanX * meanY) / varX;
  return meanY + slope * (x0 - meanX);
}

function movingAverage(values: Float64Array, length: number): Float64Array {
  const out = new Float64Array(values.length - length + 1);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[i]!;
  out[0] = sum / length;
  for (let i = length; i < values.length; i++) {
    sum += values[i]! - values[i - length]!;
    out[i - length + 1] = sum / length;
  }
  return out;
}

export function stl(y: readonly number[], options: StlOptions): Stl {
  const n = y.length;
  const np = options.period;
  if (n < 2 * np) throw new RangeError(`STL needs at least two periods (${2 * np} values), got ${n}`);
  const ns = odd(Math.max(7, options.seasonalSpan ?? 13));
  const nl = odd(np);
  const nt = odd(options.trendSpan ?? Math.ceil((1.5 * np) / (1 - 1.5 / ns)));
  const outer = options.robust ?? 2;
  const inner = options.inner ?? (outer > 0 ? 1 : 2);

  const trend = new Float64Array(n);
  const seasonal = new Float64Array(n);
  const weights = new Float64Array(n).fill(1);
  const detrended = new Float64Array(n);
  const deseasonalised = new Float64Array(n);
  const cycle = new Float64Array(n + 2 * np);
  const low = new Float64Array(n);
  const sub = new Float64Array(Math.ceil(n / np));
  const subW = new Float64Array(Math.ceil(n / np));
  let robust: Float64Array | null = null;

  for (let o = 0; o <= outer; o++) {
    for (let it = 0; it < inner; it++) {
      // 1-2. Detrend, then smooth each cycle-subseries (extended one period at each end).
      for (let i = 0; i < n; i++) detrended[i] = y[i]! - trend[i]!;
      for (let k = 0; k < np; k++) {
        let m = 0;
        for (let i = k; i < n; i += np) {
          sub[m] = detrended[i]!;
          subW[m] = robust ? robust[i]! : 1;
          m += 1;
        }
        for (let j = -1; j <= m; j++) {
          let v = loessAt(sub, robust ? subW : null, m, j, ns, 0);
          if (Number.isNaN(v)) v = sub[Math.max(0, Math.min(j, m - 1))]!;
          const pos = k + j * np + np; // index into cycle (series index + np)
          if (pos >= 0 && pos < n + 2 * np) cycle[pos] = v;
        }
      }
      // 3. Low-pass of the cycle-subseries: moving averages np, np, 3, then loess.
      const ma = movingAverage(movingAverage(movingAverage(cycle, np), np), 3);
      for (let i = 0; i < n; i++) low[i] = loessAt(ma, null, n, i, nl, 1);
      // 4. Seasonal = smoothed cycle minus its low-pass; 5. deseasonalise; 6. trend by loess.
      for (let i = 0; i < n; i++) seasonal[i] = cycle[i + np]! - low[i]!;
      for (let i = 0; i < n; i++) deseasonalised[i] = y[i]! - seasonal[i]!;
      for (let i = 0; i < n; i++) {
        const v = loessAt(deseasonalised, robust, n, i, nt, 1);
        trend[i] = Number.isNaN(v) ? deseasonalised[i]! : v;
      }
    }
    if (o === outer) break;
    // Robustness weights: bisquare of the remainder over six median absolute remainders.
    const abs = Float64Array.from(y, (v, i) => Math.abs(v - seasonal[i]! - trend[i]!));
    const sorted = Float64Array.from(abs).sort();
    const mid = n >> 1;
    const med = n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
    const h = 6 * med;
    robust = abs.map((r) => {
      if (h === 0) return r === 0 ? 1 : 0;
      const u = r / h;
      if (u >= 1) return 0;
      const c = 1 - u * u;
      return c * c;
    });
    for (let i = 0; i < n; i++) weights[i] = robust[i]!;
  }
  const remainder = Array.from(y, (v, i) => v - seasonal[i]! - trend[i]!);
  return { seasonal: Array.from(seasonal), trend: Array.from(trend), remainder, weights: Array.from(weights) };
}
