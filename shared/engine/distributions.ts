/**
 * The distributions an uncertain input may follow, with deterministic
 * samplers (one seeded stream per input and draw) and quantile functions (for
 * the tornado's P10 and P90). Only IEEE basic operations, Math.sqrt and the
 * deterministic log/exp of random.ts are used, so a seed gives the same draws
 * everywhere.
 */
import { detExp, detLog, type Sfc32 } from './random';

export type Dist =
  | { kind: 'uniform'; min: number; max: number }
  | { kind: 'triangular'; min: number; mode: number; max: number }
  | { kind: 'pert'; min: number; mode: number; max: number }
  | { kind: 'normal'; mean: number; sd: number }
  /** Parameters of the underlying normal (users give mean and sd of the value itself; see lognormalFromMeanSd). */
  | { kind: 'lognormal'; mu: number; sigma: number };

/** Lognormal parameters for a value with the given mean and standard deviation. */
export function lognormalFromMeanSd(mean: number, sd: number): Dist {
  const sigma2 = detLog(1 + (sd * sd) / (mean * mean));
  return { kind: 'lognormal', mu: detLog(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/**
 * The value a deterministic run uses: the most likely value where the user
 * names one (triangular, PERT), otherwise the mean. Symmetric inputs thus give
 * a deterministic run near the Monte Carlo median.
 */
export function pointValue(dist: Dist): number {
  switch (dist.kind) {
    case 'uniform':
      return (dist.min + dist.max) / 2;
    case 'triangular':
    case 'pert':
      return dist.mode;
    case 'normal':
      return dist.mean;
    case 'lognormal':
      return detExp(dist.mu + (dist.sigma * dist.sigma) / 2);
  }
}

// Acklam's rational approximation of the inverse standard normal CDF (relative error < 1.2e-9).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;
const P_LOW = 0.02425;

function tail(q: number): number {
  return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
}

/** z such that Φ(z) = p, for p in (0, 1). */
export function inverseNormal(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  if (p < P_LOW) return tail(Math.sqrt(-2 * detLog(p)));
  if (p > 1 - P_LOW) return -tail(Math.sqrt(-2 * detLog(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** Marsaglia and Tsang's gamma sampler for shape ≥ 1 (PERT's beta shapes always are). */
function sampleGamma(shape: number, rng: Sfc32): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const z = inverseNormal(rng.nextUniform());
    const t = 1 + c * z;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = rng.nextUniform();
    if (detLog(u) < 0.5 * z * z + d - d * v + d * detLog(v)) return d * v;
  }
}

function pertShapes(min: number, mode: number, max: number): { alpha: number; beta: number } {
  const width = max - min;
  return { alpha: 1 + (4 * (mode - min)) / width, beta: 1 + (4 * (max - mode)) / width };
}

function triangularQuantile(min: number, mode: number, max: number, p: number): number {
  const width = max - min;
  if (width === 0) return min;
  const cut = (mode - min) / width;
  return p < cut ? min + Math.sqrt(p * width * (mode - min)) : max - Math.sqrt((1 - p) * width * (max - mode));
}

/** One draw. */
export function sample(dist: Dist, rng: Sfc32): number {
  switch (dist.kind) {
    case 'uniform':
      return dist.min + rng.nextUniform() * (dist.max - dist.min);
    case 'triangular':
      return triangularQuantile(dist.min, dist.mode, dist.max, rng.nextUniform());
    case 'pert': {
      if (dist.max === dist.min) return dist.min;
      const { alpha, beta } = pertShapes(dist.min, dist.mode, dist.max);
      const x = sampleGamma(alpha, rng);
      const y = sampleGamma(beta, rng);
      return dist.min + (dist.max - dist.min) * (x / (x + y));
    }
    case 'normal':
      return dist.mean + dist.sd * inverseNormal(rng.nextUniform());
    case 'lognormal':
      return detExp(dist.mu + dist.sigma * inverseNormal(rng.nextUniform()));
  }
}

// Lanczos approximation of log Γ (g = 7, 9 terms), for x ≥ 0.5.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

function logGamma(x: number): number {
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.9189385332046727 + (z + 0.5) * detLog(t) - t + detLog(sum);
}

/** Continued fraction for the incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b): the beta distribution's CDF. */
export function betaCdf(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = detExp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * detLog(x) + b * detLog(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** The value below which a share p of draws fall. */
export function quantile(dist: Dist, p: number): number {
  switch (dist.kind) {
    case 'uniform':
      return dist.min + p * (dist.max - dist.min);
    case 'triangular':
      return triangularQuantile(dist.min, dist.mode, dist.max, p);
    case 'pert': {
      if (dist.max === dist.min) return dist.min;
      const { alpha, beta } = pertShapes(dist.min, dist.mode, dist.max);
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 80; i++) {
        const mid = (lo + hi) / 2;
        if (betaCdf(mid, alpha, beta) < p) lo = mid;
        else hi = mid;
      }
      return dist.min + (dist.max - dist.min) * ((lo + hi) / 2);
    }
    case 'normal':
      return dist.mean + dist.sd * inverseNormal(p);
    case 'lognormal':
      return detExp(dist.mu + dist.sigma * inverseNormal(p));
  }
}

/**
 * The p-quantile of sorted values with linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R, NumPy and Excel's
 * PERCENTILE.INC), so the workbook can reproduce it.
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}
