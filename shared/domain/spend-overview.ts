/**
 * "What do we spend on AI, and is it going up?" answered from the ledger's
 * billed cost in one currency: the latest complete month and its change on
 * the month before, the current month's run-rate (what it will cost at the
 * latest pace, and the days that pace rests on), the trend over the recent
 * complete months, and spend by month, provider and model.
 *
 * Every shown amount follows the one rounding rule (rounding.ts): exact sums
 * rounded once, parts footed to the total they are shown beside — providers
 * to the grand total, models to their provider, providers in a month to the
 * month. Months run continuously from the first to the last month with
 * lines; a month with no lines is a gap (null), never a zero.
 */
import { addDays, addMonths, daysBetween, daysInMonth, firstDay, lastDay, monthNumber, monthOf, monthRange } from './calendar';
import { divideRoundHalfEven, type Nanos } from './money';
import { displayUnit, footTo, roundToUnit } from './rounding';

/** Billed cost of one (month, provider, model) group of the ledger, in the overview's currency. */
export interface SpendGroup {
  month: string;
  provider: string;
  model: string | null;
  lines: number;
  billed: Nanos;
}

/** The days a month's lines cover: the first day a line starts and the last day one ends (inclusive). */
export interface MonthSpan {
  month: string;
  firstDay: string;
  lastDay: string;
}

export interface SpendOverviewInput {
  currency: string;
  /** The currency's minor unit (2 for USD, 0 for JPY): amounts are shown to it. */
  decimals: number;
  groups: readonly SpendGroup[];
  spans: readonly MonthSpan[];
  /** Today's date (YYYY-MM-DD): which month is the current one. */
  today: string;
  /** Models listed under each provider before the rest are summed as "other models". */
  modelsPerProvider?: number;
}

/** An exact amount and the amount shown for it (rounded once, footed to the total it is shown beside). */
export interface Shown {
  exact: Nanos;
  shown: Nanos;
}

export interface CoveredDays {
  from: string;
  to: string;
  days: number;
  daysInMonth: number;
  complete: boolean;
}

export interface OverviewMonth {
  month: string;
  lines: number;
  /** Null: nothing in the ledger for this month (a gap). */
  billed: Shown | null;
  /** Providers' parts of the month, footed to the month's shown amount. */
  providers: { provider: string; billed: Shown }[];
  covered: CoveredDays | null;
}

export interface OverviewModel {
  model: string | null;
  lines: number;
  billed: Shown;
}

export interface OverviewProvider {
  provider: string;
  lines: number;
  billed: Shown;
  models: OverviewModel[];
  /** The models after the first `modelsPerProvider`, summed; null when none are left over. */
  otherModels: { count: number; lines: number; billed: Shown } | null;
}

export interface LatestMonth {
  month: string;
  billed: Shown;
  covered: CoveredDays;
}

export interface MonthChange {
  previousMonth: string;
  /** Null: the ledger has nothing for the month before (a gap), so there is no change to show. */
  previous: Shown | null;
  /** Shown latest − shown previous, so the three figures tie out as shown. */
  amount: Nanos | null;
  /** One decimal, from the exact amounts; null when the month before billed nothing or less. */
  percent: string | null;
}

export type RunRateBasis = 'month-to-date' | 'complete' | 'latest-pace';

export interface RunRate {
  month: string;
  daysInMonth: number;
  /**
   * month-to-date: the month's own days so far; complete: the month is all in
   * (the run-rate is what it cost); latest-pace: no lines for the month yet,
   * so the pace of the latest days imported.
   */
  basis: RunRateBasis;
  /** The days the pace rests on. */
  basedOn: CoveredDays & { month: string };
  /** Billed so far in the month (month-to-date and complete only). */
  soFar: Shown | null;
  /** Billed per day over the days it rests on, rounded once. */
  perDay: Nanos;
  /** The month at that pace: billed ÷ days × days in the month, rounded once. */
  projected: Nanos;
}

export type TrendDirection = 'rising' | 'falling' | 'flat';

export interface Trend {
  from: string;
  to: string;
  /** Complete months the line is fitted through (gaps skipped). */
  months: number;
  /** Least-squares slope of monthly billed cost, per month, rounded once. */
  perMonth: Nanos;
  /** The slope against the months' mean, one decimal; null when the mean is not positive. */
  percentPerMonth: string | null;
  direction: TrendDirection;
  /** The fitted line's value at the first and the last month (for drawing it), rounded once. */
  fittedFrom: Nanos;
  fittedTo: Nanos;
}

export interface SpendOverview {
  currency: string;
  decimals: number;
  total: { lines: number; billed: Shown };
  months: OverviewMonth[];
  latest: LatestMonth | null;
  change: MonthChange | null;
  runRate: RunRate | null;
  trend: Trend | null;
  providers: OverviewProvider[];
}

/** At most this many complete months make the trend; fewer than MIN_TREND_MONTHS make none. */
export const TREND_MONTHS = 6;
export const MIN_TREND_MONTHS = 3;
/** A slope under 1% of the mean a month reads as flat. */
const FLAT_PERCENT_TENTHS = 10n;

function sum(values: Iterable<Nanos>): Nanos {
  let s = 0n;
  for (const v of values) s += v;
  return s;
}

/** Exact amounts footed to `total` (shown), paired with what is shown for each. */
function footed(exact: readonly Nanos[], total: Nanos, unit: Nanos): Shown[] {
  const shown = footTo(exact, total, unit);
  return exact.map((e, i) => ({ exact: e, shown: shown[i]! }));
}

/** Percent with one decimal from exact amounts: 100 × part ÷ whole, half to even. */
function percentText(part: Nanos, whole: Nanos): string | null {
  if (whole <= 0n) return null;
  return tenthsText(divideRoundHalfEven(part * 1000n, whole));
}

function coveredDays(span: MonthSpan): CoveredDays {
  const month = span.month;
  const from = span.firstDay < firstDay(month) ? firstDay(month) : span.firstDay;
  const to = span.lastDay > lastDay(month) ? lastDay(month) : span.lastDay;
  const inMonth = daysInMonth(month);
  return { from, to, days: daysBetween(from, to) + 1, daysInMonth: inMonth, complete: from === firstDay(month) && to === lastDay(month) };
}

/** Orders by amount, largest first, then by name, so the order does not depend on the query's. */
function byAmountDesc<T extends { billed: Nanos; name: string }>(a: T, b: T): number {
  return a.billed > b.billed ? -1 : a.billed < b.billed ? 1 : a.name.localeCompare(b.name);
}

export function buildSpendOverview(input: SpendOverviewInput): SpendOverview {
  const unit = displayUnit(input.decimals);
  const top = input.modelsPerProvider ?? 5;
  const groups = input.groups;
  const totalExact = sum(groups.map((g) => g.billed));
  const totalShown = roundToUnit(totalExact, unit);
  const total = { lines: groups.reduce((n, g) => n + g.lines, 0), billed: { exact: totalExact, shown: totalShown } };

  // Providers footed to the total, models to their provider.
  const providerMap = new Map<string, { lines: number; billed: Nanos; models: Map<string, { model: string | null; lines: number; billed: Nanos }> }>();
  for (const g of groups) {
    const p = providerMap.get(g.provider) ?? { lines: 0, billed: 0n, models: new Map() };
    p.lines += g.lines;
    p.billed += g.billed;
    const key = g.model ?? '\u0000';
    const m = p.models.get(key) ?? { model: g.model, lines: 0, billed: 0n };
    m.lines += g.lines;
    m.billed += g.billed;
    p.models.set(key, m);
    providerMap.set(g.provider, p);
  }
  const providerList = [...providerMap.entries()].map(([name, p]) => ({ name, ...p })).sort(byAmountDesc);
  const providerShown = footed(
    providerList.map((p) => p.billed),
    totalShown,
    unit,
  );
  const providers: OverviewProvider[] = providerList.map((p, i) => {
    const billed = providerShown[i]!;
    const models = [...p.models.values()].map((m) => ({ ...m, name: m.model ?? '' })).sort(byAmountDesc);
    const listed = models.slice(0, top);
    const rest = models.slice(top);
    const parts = [...listed.map((m) => m.billed), ...(rest.length > 0 ? [sum(rest.map((m) => m.billed))] : [])];
    const shown = footed(parts, billed.shown, unit);
    return {
      provider: p.name,
      lines: p.lines,
      billed,
      models: listed.map((m, j) => ({ model: m.model, lines: m.lines, billed: shown[j]! })),
      otherModels: rest.length > 0 ? { count: rest.length, lines: rest.reduce((n, m) => n + m.lines, 0), billed: shown[listed.length]! } : null,
    };
  });

  // Months, continuous from the first to the last with lines.
  const spans = new Map(input.spans.map((s) => [s.month, coveredDays(s)]));
  const byMonth = new Map<string, { lines: number; providers: Map<string, Nanos> }>();
  for (const g of groups) {
    const m = byMonth.get(g.month) ?? { lines: 0, providers: new Map() };
    m.lines += g.lines;
    m.providers.set(g.provider, (m.providers.get(g.provider) ?? 0n) + g.billed);
    byMonth.set(g.month, m);
  }
  const present = [...byMonth.keys()].sort();
  const first = present[0];
  const last = present[present.length - 1];
  const months: OverviewMonth[] =
    first && last
      ? monthRange(first, last).map((month) => {
          const m = byMonth.get(month);
          if (!m) return { month, lines: 0, billed: null, providers: [], covered: null };
          const names = providerList.map((p) => p.name).filter((n) => m.providers.has(n));
          const exact = sum(m.providers.values());
          const shown = roundToUnit(exact, unit);
          const parts = footed(
            names.map((n) => m.providers.get(n)!),
            shown,
            unit,
          );
          return { month, lines: m.lines, billed: { exact, shown }, providers: names.map((n, i) => ({ provider: n, billed: parts[i]! })), covered: spans.get(month) ?? null };
        })
      : [];

  const todayMonth = monthOf(input.today);
  const current = last === undefined ? todayMonth : todayMonth < last ? last : todayMonth;
  const withLines = months.filter((m): m is OverviewMonth & { billed: Shown; covered: CoveredDays } => m.billed !== null && m.covered !== null);
  const complete = withLines.filter((m) => m.covered.complete && m.month <= current);

  // The latest complete month (or, with none complete yet, the latest month).
  const latestMonth = complete[complete.length - 1] ?? withLines[withLines.length - 1];
  const latest: LatestMonth | null = latestMonth ? { month: latestMonth.month, billed: latestMonth.billed, covered: latestMonth.covered } : null;

  let change: MonthChange | null = null;
  if (latest) {
    const previousMonth = addMonths(latest.month, -1);
    const previous = months.find((m) => m.month === previousMonth)?.billed ?? null;
    change = {
      previousMonth,
      previous,
      amount: previous ? latest.billed.shown - previous.shown : null,
      percent: previous ? percentText(latest.billed.exact - previous.exact, previous.exact) : null,
    };
  }

  return {
    currency: input.currency,
    decimals: input.decimals,
    total,
    months,
    latest,
    change,
    runRate: runRateOf(current, withLines, unit),
    trend: trendOf(complete, unit),
    providers,
  };
}

function runRateOf(current: string, withLines: readonly (OverviewMonth & { billed: Shown; covered: CoveredDays })[], unit: Nanos): RunRate | null {
  const own = withLines.find((m) => m.month === current);
  const basis = own ?? withLines.filter((m) => m.month < current).pop();
  if (!basis) return null;
  const days = BigInt(basis.covered.days);
  const inMonth = daysInMonth(current);
  const perDay = roundToUnit(divideRoundHalfEven(basis.billed.exact, days), unit);
  const projected = own?.covered.complete ? own.billed.shown : roundToUnit(divideRoundHalfEven(basis.billed.exact * BigInt(inMonth), days), unit);
  return {
    month: current,
    daysInMonth: inMonth,
    basis: own ? (own.covered.complete ? 'complete' : 'month-to-date') : 'latest-pace',
    basedOn: { month: basis.month, ...basis.covered },
    soFar: own ? own.billed : null,
    perDay,
    projected,
  };
}

/**
 * Least-squares line through the last complete months' billed cost, x being
 * the month number (a gap is skipped, not read as zero):
 * slope = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), exact in integers.
 */
function trendOf(complete: readonly (OverviewMonth & { billed: Shown })[], unit: Nanos): Trend | null {
  const recent = complete.slice(-TREND_MONTHS);
  const lastOne = recent[recent.length - 1];
  if (!lastOne || recent.length < MIN_TREND_MONTHS) return null;
  // A window ends TREND_MONTHS months back from the latest, so an old month across a long gap is not in it.
  const inTrend = recent.filter((m) => monthNumber(lastOne.month) - monthNumber(m.month) < TREND_MONTHS);
  if (inTrend.length < MIN_TREND_MONTHS) return null;
  const n = BigInt(inTrend.length);
  const origin = monthNumber(inTrend[0]!.month);
  let sx = 0n;
  let sy = 0n;
  let sxx = 0n;
  let sxy = 0n;
  for (const m of inTrend) {
    const x = BigInt(monthNumber(m.month) - origin);
    const y = m.billed.exact;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const numerator = n * sxy - sx * sy;
  const denominator = n * sxx - sx * sx;
  const perMonth = roundToUnit(divideRoundHalfEven(numerator, denominator), unit);
  // The line at x: (Σy·den − num·Σx + num·x·n) ÷ (n·den), from intercept (Σy − bΣx) ÷ n.
  const fitted = (x: bigint): Nanos => roundToUnit(divideRoundHalfEven(sy * denominator - numerator * sx + numerator * x * n, n * denominator), unit);
  const lastX = BigInt(monthNumber(lastOne.month) - origin);
  // slope ÷ mean = numerator × n ÷ (denominator × Σy); in tenths of a percent.
  const percentPerMonth = sy > 0n ? divideRoundHalfEven(numerator * n * 1000n, denominator * sy) : null;
  const direction: TrendDirection = percentPerMonth === null ? (perMonth > 0n ? 'rising' : perMonth < 0n ? 'falling' : 'flat') : percentPerMonth >= FLAT_PERCENT_TENTHS ? 'rising' : percentPerMonth <= -FLAT_PERCENT_TENTHS ? 'falling' : 'flat';
  return {
    from: inTrend[0]!.month,
    to: lastOne.month,
    months: inTrend.length,
    perMonth,
    percentPerMonth: percentPerMonth === null ? null : tenthsText(percentPerMonth),
    direction,
    fittedFrom: fitted(0n),
    fittedTo: fitted(lastX),
  };
}

function tenthsText(tenths: bigint): string {
  const sign = tenths < 0n ? '-' : '';
  const abs = tenths < 0n ? -tenths : tenths;
  return `${sign}${abs / 10n}.${abs % 10n}`;
}

/** The last day a ledger line covers, from its exclusive end instant ("2026-11-01T00:00:00Z" ends on 2026-10-31). */
export function lastDayCovered(exclusiveEnd: string, start: string): string {
  const day = exclusiveEnd.slice(0, 10);
  const midnight = /T00:00:00(\.0+)?(Z|[+-]00:?00)?$/.test(exclusiveEnd) || exclusiveEnd.length === 10;
  const lastDayOf = midnight ? addDays(day, -1) : day;
  const startDay = start.slice(0, 10);
  return lastDayOf < startDay ? startDay : lastDayOf;
}
