/**
 * Where a deseasonalised cost series changes course: binary segmentation
 * into straight-line pieces, each split kept only when it lowers the squared
 * error by more than a BIC-style penalty (three parameters a split: where,
 * the new level and the new slope). Prefix sums make every candidate split
 * O(1), so a year of days segments in well under a millisecond.
 */

export interface LineFit {
  from: number;
  /** Inclusive. */
  to: number;
  intercept: number;
  slope: number;
  sse: number;
}

class PrefixSums {
  private readonly s: Float64Array[];

  constructor(y: readonly number[]) {
    const n = y.length;
    const arrays = Array.from({ length: 6 }, () => new Float64Array(n + 1));
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      arrays[0]![i + 1] = arrays[0]![i]! + 1;
      arrays[1]![i + 1] = arrays[1]![i]! + i;
      arrays[2]![i + 1] = arrays[2]![i]! + i * i;
      arrays[3]![i + 1] = arrays[3]![i]! + v;
      arrays[4]![i + 1] = arrays[4]![i]! + i * v;
      arrays[5]![i + 1] = arrays[5]![i]! + v * v;
    }
    this.s = arrays;
  }

  /** Squared error of the OLS line over [from, to], without building the fit (the split scan's inner loop). */
  sse(from: number, to: number): number {
    const s = this.s;
    const n = to + 1 - from;
    const sx = s[1]![to + 1]! - s[1]![from]!;
    const sxx = s[2]![to + 1]! - s[2]![from]!;
    const sy = s[3]![to + 1]! - s[3]![from]!;
    const sxy = s[4]![to + 1]! - s[4]![from]!;
    const syy = s[5]![to + 1]! - s[5]![from]!;
    const varX = sxx - (sx * sx) / n;
    const cov = sxy - (sx * sy) / n;
    const varY = syy - (sy * sy) / n;
    return Math.max(0, varX > 1e-12 ? varY - (cov * cov) / varX : varY);
  }

  /** OLS line over [from, to] with its squared error. */
  fit(from: number, to: number): LineFit {
    const at = (k: number) => this.s[k]![to + 1]! - this.s[k]![from]!;
    const n = at(0);
    const sx = at(1);
    const sxx = at(2);
    const sy = at(3);
    const sxy = at(4);
    const syy = at(5);
    const varX = sxx - (sx * sx) / n;
    const slope = varX > 1e-12 ? (sxy - (sx * sy) / n) / varX : 0;
    const intercept = (sy - slope * sx) / n;
    // SSE = Σ(y - a - bx)² expanded over the sums.
    const sse = syy - 2 * intercept * sy - 2 * slope * sxy + n * intercept * intercept + 2 * intercept * slope * sx + slope * slope * sxx;
    return { from, to, intercept, slope, sse: Math.max(0, sse) };
  }
}

export interface Segmentation {
  pieces: LineFit[];
  /** Indices where a new piece starts (the first index of each piece but the first). */
  breaks: number[];
}

/**
 * Splits y into line pieces of at least `minLength` points while a split
 * lowers the squared error by more than `penalty`.
 */
export function segment(y: readonly number[], penalty: number, minLength: number, maxPieces = 24): Segmentation {
  const sums = new PrefixSums(y);
  const pieces: LineFit[] = [];
  const queue: LineFit[] = [sums.fit(0, y.length - 1)];
  let count = 1;
  while (queue.length > 0) {
    const piece = queue.pop()!;
    let bestAt = -1;
    let bestGain = -Infinity;
    if (count < maxPieces) {
      for (let at = piece.from + minLength; at <= piece.to - minLength + 1; at++) {
        const gain = piece.sse - sums.sse(piece.from, at - 1) - sums.sse(at, piece.to);
        if (gain > bestGain) {
          bestGain = gain;
          bestAt = at;
        }
      }
    }
    if (bestAt >= 0 && bestGain > penalty) {
      count += 1;
      queue.push(sums.fit(piece.from, bestAt - 1), sums.fit(bestAt, piece.to));
    } else pieces.push(piece);
  }
  pieces.sort((a, b) => a.from - b.from);
  return { pieces, breaks: pieces.slice(1).map((p) => p.from) };
}

/** The OLS line over y[from..to]. */
export function fitLine(y: readonly number[], from: number, to: number): LineFit {
  return new PrefixSums(y.slice(0, to + 1)).fit(from, to);
}

/** Value of a line piece at x (extrapolated outside it). */
export function lineAt(piece: LineFit, x: number): number {
  return piece.intercept + piece.slope * x;
}

export interface HingeFit {
  /** First day of the new slope. */
  at: number;
  intercept: number;
  slopeBefore: number;
  slopeAfter: number;
  sse: number;
}

/**
 * The best continuous bent line (one slope, then another from `at`, no jump)
 * over [from, to], with the bend searched in [lo, hi]: a ramp has a kink,
 * a level shift a jump.
 */
export function hingeFit(y: readonly number[], from: number, to: number, lo: number, hi: number): HingeFit | null {
  let best: HingeFit | null = null;
  for (let h = Math.max(from + 2, lo); h <= Math.min(to - 2, hi); h++) {
    // Least squares for y = a + b·x + c·max(0, x − (h − 1)) over [from, to] (3×3 normal equations).
    let s00 = 0, s01 = 0, s02 = 0, s11 = 0, s12 = 0, s22 = 0, t0 = 0, t1 = 0, t2 = 0;
    for (let x = from; x <= to; x++) {
      const u = Math.max(0, x - (h - 1));
      const v = y[x]!;
      s00 += 1; s01 += x; s02 += u; s11 += x * x; s12 += x * u; s22 += u * u;
      t0 += v; t1 += x * v; t2 += u * v;
    }
    const solution = solve3([s00, s01, s02, s01, s11, s12, s02, s12, s22], [t0, t1, t2]);
    if (!solution) continue;
    const [a, b, c] = solution;
    let sse = 0;
    for (let x = from; x <= to; x++) {
      const r = y[x]! - (a + b * x + c * Math.max(0, x - (h - 1)));
      sse += r * r;
    }
    if (!best || sse < best.sse) best = { at: h, intercept: a, slopeBefore: b, slopeAfter: b + c, sse };
  }
  return best;
}

function solve3(m: number[], v: number[]): [number, number, number] | null {
  const det = (a: number[]) => a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  if (Math.abs(d) < 1e-9) return null;
  const col = (k: number) => m.map((x, i) => (i % 3 === k ? v[Math.floor(i / 3)]! : x));
  return [det(col(0)) / d, det(col(1)) / d, det(col(2)) / d];
}
