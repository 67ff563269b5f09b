/**
 * Spend (or tokens) to the end of a period, from the run rate and the weekly
 * pattern:
 *
 *   weekday factor f_w = mean of the weekday's days ÷ mean of all days, over
 *                        the last full weeks of history (up to 8);
 *   run rate L         = mean of y_d ÷ f_w(d) over the last 28 days;
 *   each day ahead     = L × f_w(day).
 *
 * The P10–P90 band comes from a seeded bootstrap of the last 28 days: the
 * run rate is redrawn from them and each day ahead gets the ratio of a
 * randomly drawn past day to its expectation, so the band is as wide as the
 * day-to-day variation the history shows (not wider for a change of trend
 * it never saw). Under 14 days of history there is no band and no weekly
 * pattern: the run rate alone. Figures are estimates (numbers, not money).
 */
import { addDays, weekdayOf } from '../calendar';
import { mulberry32 } from '../seeded';

export interface ForecastInput {
  /** Daily values up to and including `asOf`, oldest first, ending on asOf (missing days count 0). */
  history: readonly number[];
  asOf: string;
  /** Days to forecast, after asOf, through the period's end. */
  daysAhead: number;
  /** Seed of the bootstrap (a fixed seed: the same band every run). */
  seed?: number;
  draws?: number;
}

export interface Forecast {
  /** Expected value of each day ahead (P50 path). */
  daily: number[];
  /** The sum of the days ahead: expected, and P10 / P90 where history allows (else null). */
  total: number;
  p10: number | null;
  p90: number | null;
  /** Running sums of the days ahead: P10 and P90 for each day (null without a band), for the burn-down band. */
  cumulativeP10: number[] | null;
  cumulativeP90: number[] | null;
  runRate: number;
  /** Weekday factors Monday..Sunday (all 1 without enough history). */
  weekdayFactors: number[];
  basis: 'weekly pattern' | 'run rate only' | 'no history';
}

const PATTERN_MIN_DAYS = 14;
const RATE_DAYS = 28;
const PATTERN_WEEKS = 8;

function quantile(sorted: Float64Array, p: number): number {
  const pos = (sorted.length - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function forecastToPeriodEnd(input: ForecastInput): Forecast {
  const { history, asOf, daysAhead } = input;
  const n = history.length;
  const dayAt = (i: number) => addDays(asOf, i - (n - 1));
  const ahead = Array.from({ length: daysAhead }, (_, k) => addDays(asOf, k + 1));
  if (n === 0) return { daily: ahead.map(() => 0), total: 0, p10: null, p90: null, cumulativeP10: null, cumulativeP90: null, runRate: 0, weekdayFactors: [1, 1, 1, 1, 1, 1, 1], basis: 'no history' };

  const factors = [1, 1, 1, 1, 1, 1, 1];
  const withPattern = n >= PATTERN_MIN_DAYS;
  if (withPattern) {
    const weeks = Math.min(PATTERN_WEEKS, Math.floor(n / 7));
    const from = n - weeks * 7;
    const sums = [0, 0, 0, 0, 0, 0, 0];
    let all = 0;
    for (let i = from; i < n; i++) {
      sums[weekdayOf(dayAt(i))]! += history[i]!;
      all += history[i]!;
    }
    const mean = all / (weeks * 7);
    if (mean > 0) for (let w = 0; w < 7; w++) factors[w] = sums[w]! / weeks / mean;
  }
  const rateFrom = Math.max(0, n - RATE_DAYS);
  const adjusted: number[] = [];
  for (let i = rateFrom; i < n; i++) {
    const f = factors[weekdayOf(dayAt(i))]!;
    // A weekday that never has spend (f = 0) says nothing about the rate.
    if (f > 0) adjusted.push(history[i]! / f);
  }
  const runRate = adjusted.length === 0 ? 0 : adjusted.reduce((a, b) => a + b, 0) / adjusted.length;
  const daily = ahead.map((d) => runRate * factors[weekdayOf(d)]!);
  const total = daily.reduce((a, b) => a + b, 0);
  const basis = withPattern ? 'weekly pattern' : 'run rate only';
  if (!withPattern) return { daily, total, p10: null, p90: null, cumulativeP10: null, cumulativeP90: null, runRate, weekdayFactors: factors, basis };
  if (daysAhead === 0 || runRate === 0) return { daily, total, p10: total, p90: total, cumulativeP10: daily.map(() => 0), cumulativeP90: daily.map(() => 0), runRate, weekdayFactors: factors, basis };

  const ratios = adjusted.map((a) => a / runRate);
  const random = mulberry32(input.seed ?? 20_260_101);
  const draws = input.draws ?? 2000;
  const m = adjusted.length;
  // cumulative[day][draw]: the running sum of each drawn path.
  const cumulative = Array.from({ length: daysAhead }, () => new Float64Array(draws));
  for (let k = 0; k < draws; k++) {
    let level = 0;
    for (let j = 0; j < m; j++) level += adjusted[Math.floor(random() * m)]!;
    level /= m;
    let sum = 0;
    ahead.forEach((d, i) => {
      sum += level * factors[weekdayOf(d)]! * ratios[Math.floor(random() * m)]!;
      cumulative[i]![k] = sum;
    });
  }
  for (const c of cumulative) c.sort();
  const last = cumulative[daysAhead - 1]!;
  return {
    daily,
    total,
    p10: quantile(last, 0.1),
    p90: quantile(last, 0.9),
    cumulativeP10: cumulative.map((c) => quantile(c, 0.1)),
    cumulativeP90: cumulative.map((c) => quantile(c, 0.9)),
    runRate,
    weekdayFactors: factors,
    basis,
  };
}
