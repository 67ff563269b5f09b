/**
 * Cost anomalies in daily series (one per provider, model, workload, team or
 * credential), against a baseline that respects the weekly pattern:
 *
 * 1. Robust STL (period 7) separates the weekly pattern; the remainder's
 *    median absolute deviation gives the noise level σ.
 * 2. On the deseasonalised series, a Hampel filter (window of 7 days) finds
 *    single-day spikes and dips and sets them aside; binary segmentation into
 *    straight-line pieces then finds where the cost changed course. A break
 *    with a jump is a level shift on its first day; a break the data fit as
 *    well without a jump (a kink) is a ramp starting on the kink.
 * 3. Filters, as the cloud tools apply them: a finding is kept only when its
 *    impact is at least `minCost` and at least `minPercent` of the expected
 *    cost. Spike and dip: that day's actual − expected. Level shift: the new
 *    daily level − the old one. Ramp: how far above (or below) the old trend
 *    the new slope has taken the daily cost two weeks in.
 * 4. A value that appears for the first time after the series' first weeks
 *    (a new model, a new key) is its own kind, on its first day.
 *
 * Amounts here are plain numbers of currency units: these are statistics
 * about costs (expected values are estimates), never sums of money.
 */
import { addDays } from '../calendar';
import { numberToNanos } from '../money';
import { moneyText } from '../money-text';
import { hampel, median, robustSigma } from './robust';
import { fitLine, hingeFit, lineAt, segment } from './segments';
import { stl } from './stl';

export const ANOMALY_KINDS = ['spike', 'dip', 'level_shift', 'ramp', 'new'] as const;
export type AnomalyKind = (typeof ANOMALY_KINDS)[number];

export interface DailySeries {
  /** What the series is of: "provider", "model", "team", … */
  dimension: string;
  value: string;
  /** What people call the value ("Credit risk" for team credit-risk, "AWS" for provider aws); the value when not given. */
  name?: string;
  currency: string;
  /** The first day of `costs`; the series covers consecutive calendar days. */
  start: string;
  /** Cost per day in currency units (0 on a day without lines). */
  costs: readonly number[];
  /** Index of the first day the value had any line (a new model or key), or 0. */
  firstSeen: number;
}

export interface DetectOptions {
  /** Smallest impact worth a finding, in currency units. */
  minCost: number;
  /** Smallest impact worth a finding, in percent of the expected cost. */
  minPercent: number;
  /** How many σ from the baseline a day must be (higher: fewer findings). */
  sensitivity: number;
  /** A value first seen at least this many days after the series start is "new". */
  newAfterDays: number;
}

export const DEFAULT_DETECT_OPTIONS: DetectOptions = { minCost: 10, minPercent: 20, sensitivity: 4, newAfterDays: 14 };

export interface Anomaly {
  kind: AnomalyKind;
  dimension: string;
  value: string;
  /** The value as people call it (the series' name), for messages and tables. */
  name: string;
  currency: string;
  granularity: 'day' | 'month';
  /** The day it happened (the first day of a shift, the start of a ramp), or the month. */
  period: string;
  expected: number;
  actual: number;
  /** Actual − expected as the filters measure it (see the module note), and in percent of expected. */
  impact: number;
  impactPercent: number | null;
  /** Ramps: the change of the daily cost per day. */
  slopePerDay?: number;
  /** How unusual, in σ. */
  score: number;
  message: string;
}

/** Days of history before the weekly pattern and noise can be judged. */
const MIN_DAYS = 21;
const RAMP_HORIZON = 14;

function percent(impact: number, expected: number): number | null {
  return Math.abs(expected) < 1e-9 ? null : (impact / Math.abs(expected)) * 100;
}

function passes(impact: number, expected: number, o: DetectOptions): boolean {
  if (Math.abs(impact) < o.minCost) return false;
  const pct = percent(impact, expected);
  return pct === null || Math.abs(pct) >= o.minPercent;
}

/** A statistic about cost in a sentence, by the workbench's money text ("$1,234.57", "1,234.57 EUR"). */
const money = (v: number, currency: string) => moneyText(numberToNanos(v), currency);
const pctText = (p: number | null) => (p === null ? '' : ` (${p > 0 ? '+' : ''}${Math.round(p)}%)`);

export function detectDaily(series: DailySeries, options: Partial<DetectOptions> = {}): Anomaly[] {
  const o = { ...DEFAULT_DETECT_OPTIONS, ...options };
  const found: Anomaly[] = [];
  const name = series.name ?? series.value;
  const base = { dimension: series.dimension, value: series.value, name, currency: series.currency };
  const label = `${series.dimension} ${name}`;

  if (series.firstSeen >= o.newAfterDays) {
    const first = series.costs[series.firstSeen] ?? 0;
    const week = series.costs.slice(series.firstSeen, series.firstSeen + 7).reduce((a, b) => a + b, 0);
    found.push({
      ...base,
      kind: 'new',
      granularity: 'day',
      period: addDays(series.start, series.firstSeen),
      expected: 0,
      actual: first,
      impact: first,
      impactPercent: null,
      score: 0,
      message: `${label} appears for the first time: ${money(first, series.currency)} on its first day, ${money(week, series.currency)} in its first week`,
    });
  }

  const offset = series.firstSeen;
  const y = series.costs.slice(offset);
  const n = y.length;
  if (n < MIN_DAYS || median(y) <= 0) return found;
  const dayOf = (i: number) => addDays(series.start, offset + i);

  // Costs move in proportion (a weekend at half the weekday's spend stays half when spend doubles):
  // decompose the logarithm, so the weekly pattern is a factor, and divide it out.
  const level = median(y);
  const shift = 0.01 * level;
  const decomposition = stl(y.map((v) => Math.log(Math.max(v, 0) + shift)), { period: 7, seasonalSpan: 13, robust: 2 });
  const factor = decomposition.seasonal.map((s) => Math.exp(s));
  const adjusted = y.map((v, i) => v / factor[i]!);
  // Noise from day-to-day differences of the adjusted series: a step or a slope barely moves their median.
  const diffs = adjusted.slice(1).map((v, i) => v - adjusted[i]!);
  const sigma = Math.max(robustSigma(diffs) / Math.SQRT2, 0.005 * level, 1e-9);

  // Single-day spikes and dips, set aside before looking for changes of course.
  const z = o.sensitivity;
  const { filtered, medians } = hampel(adjusted, 3, z * sigma);
  const outliers = new Set<number>();
  for (let i = 0; i < n; i++) if (Math.abs(adjusted[i]! - medians[i]!) > z * sigma) outliers.add(i);

  // Changes of course: a split must beat noise by a BIC-style margin (3 parameters × σ² ln n, doubled for safety).
  const { pieces } = segment(filtered, 6 * sigma * sigma * Math.log(n), 7);
  const fitted = new Array<number>(n);
  for (const p of pieces) for (let i = p.from; i <= p.to; i++) fitted[i] = lineAt(p, i);

  const changeDays = new Set<number>();
  const rampStarts = new Set<number>();
  for (let k = 1; k < pieces.length; k++) {
    const before = pieces[k - 1]!;
    const after = pieces[k]!;
    const at = after.from;
    const expectedLevel = lineAt(before, at);
    const jump = lineAt(after, at) - expectedLevel;
    // A kink rather than a jump: the same stretch fits as well with one bent line.
    const hinge = hingeFit(filtered, before.from, after.to, at - 7, at + 7);
    const stepSse = before.sse + after.sse;
    // The step model has one parameter more, so it always fits a little better; a real jump fits far better.
    const continuous = hinge !== null && hinge.sse <= stepSse + 12 * sigma * sigma;
    if (continuous) {
      // A bend towards a flatter course is a ramp ending, not news; a steeper one is a ramp starting.
      if (Math.abs(hinge.slopeAfter) <= Math.abs(hinge.slopeBefore)) continue;
      // Where the bend is, looked at closely: a local bent line, away from curvature months off.
      const local = hingeFit(filtered, Math.max(before.from, at - 35), Math.min(after.to, at + 21), at - 10, at + 10) ?? hinge;
      const start = local.at;
      // A long ramp may bend more than once on its way up: one finding, at its start.
      if ([...rampStarts].some((d) => Math.abs(d - start) <= RAMP_HORIZON)) continue;
      const horizon = Math.min(RAMP_HORIZON, n - 1 - start);
      if (horizon < 7) continue;
      const end = start + horizon;
      // The ramp's size from the data two weeks in, against the old course carried forward.
      const after14 = fitLine(filtered, start, end);
      const oldCourse = local.intercept + local.slopeBefore * end;
      const slope = after14.slope - local.slopeBefore;
      const oldTrend = oldCourse * factor[end]!;
      const impact = (lineAt(after14, end) - oldCourse) * factor[end]!;
      if (Math.abs(after14.slope) <= Math.abs(local.slopeBefore) || !passes(impact, oldTrend, o)) continue;
      rampStarts.add(start);
      changeDays.add(start);
      found.push({
        ...base,
        kind: 'ramp',
        granularity: 'day',
        period: dayOf(start),
        expected: oldTrend,
        actual: oldTrend + impact,
        impact,
        impactPercent: percent(impact, oldTrend),
        slopePerDay: slope,
        score: Math.abs(impact) / sigma,
        message: `${label} ${slope > 0 ? 'climbs' : 'falls'} by about ${money(Math.abs(slope), series.currency)} a day from ${dayOf(start)}: ${money(Math.abs(impact), series.currency)}${pctText(percent(impact, oldTrend))} ${impact > 0 ? 'above' : 'below'} its old course ${horizon} days in`,
      });
      continue;
    }
    if (Math.abs(jump) < z * sigma) continue;
    const expected = expectedLevel * factor[at]!;
    const impact = jump * factor[at]!;
    if (!passes(impact, expected, o)) continue;
    changeDays.add(at);
    found.push({
      ...base,
      kind: 'level_shift',
      granularity: 'day',
      period: dayOf(at),
      expected,
      actual: y[at]!,
      impact,
      impactPercent: percent(impact, expected),
      score: Math.abs(jump) / sigma,
      message: `${label} ${jump > 0 ? 'rises' : 'drops'} to a new level from ${dayOf(at)}: ${jump > 0 ? '+' : '−'}${money(Math.abs(impact), series.currency)} that day${pctText(percent(impact, expected))}`,
    });
  }

  for (const i of outliers) {
    if (changeDays.has(i) || changeDays.has(i - 1) || changeDays.has(i + 1)) continue;
    const expected = fitted[i]! * factor[i]!;
    const actual = y[i]!;
    const impact = actual - expected;
    if (!passes(impact, expected, o)) continue;
    found.push({
      ...base,
      kind: impact > 0 ? 'spike' : 'dip',
      granularity: 'day',
      period: dayOf(i),
      expected,
      actual,
      impact,
      impactPercent: percent(impact, expected),
      score: Math.abs(impact) / sigma,
      message: `${label} ${impact > 0 ? 'spikes' : 'dips'} on ${dayOf(i)}: ${money(actual, series.currency)} against ${money(expected, series.currency)} expected${pctText(percent(impact, expected))}`,
    });
  }
  return found.sort((a, b) => a.period.localeCompare(b.period) || b.score - a.score);
}

export interface MonthlySeries {
  dimension: string;
  value: string;
  /** As in DailySeries. */
  name?: string;
  currency: string;
  months: readonly string[];
  costs: readonly number[];
  /** Share of the last month the ledger covers so far (1 when complete): its expectation is pro-rated. */
  lastMonthCoverage: number;
}

/**
 * Month against the median of the three months before it (pro-rated for a
 * month still under way), with the same filters; the spread of earlier
 * month-to-month changes sets how far is unusual.
 */
export function detectMonthly(series: MonthlySeries, options: Partial<DetectOptions> = {}): Anomaly[] {
  const o = { ...DEFAULT_DETECT_OPTIONS, ...options };
  const found: Anomaly[] = [];
  const { costs, months } = series;
  for (let i = 3; i < costs.length; i++) {
    const window = costs.slice(i - 3, i);
    const coverage = i === costs.length - 1 ? series.lastMonthCoverage : 1;
    const expected = median(window) * coverage;
    const changes: number[] = [];
    for (let k = Math.max(1, i - 6); k < i; k++) changes.push(costs[k]! - costs[k - 1]!);
    const spread = Math.max(robustSigma(changes), 0.05 * Math.abs(expected));
    const actual = costs[i]!;
    const impact = actual - expected;
    if (Math.abs(impact) < o.sensitivity * spread * 0.5 || !passes(impact, expected, o)) continue;
    found.push({
      dimension: series.dimension,
      value: series.value,
      name: series.name ?? series.value,
      currency: series.currency,
      kind: impact > 0 ? 'spike' : 'dip',
      granularity: 'month',
      period: months[i]!,
      expected,
      actual,
      impact,
      impactPercent: percent(impact, expected),
      score: Math.abs(impact) / spread,
      message: `${series.dimension} ${series.name ?? series.value} ${impact > 0 ? 'costs more' : 'costs less'} in ${months[i]} than the three months before: ${money(actual, series.currency)} against ${money(expected, series.currency)} expected${pctText(percent(impact, expected))}`,
    });
  }
  return found;
}
