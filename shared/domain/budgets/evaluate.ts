/**
 * Budgets and token allowances against what the ledger shows so far, with
 * the forecast to the period's end. Spent amounts are exact (nano-units of
 * the budget's currency, or whole tokens); forecasts are estimates.
 *
 * Status, in order of severity:
 *  - over: spent has reached the hard threshold (100% by default);
 *  - near: spent has reached the soft threshold (80% by default);
 *  - forecast over: not there yet, but the expected total at the period's
 *    end reaches the hard threshold;
 *  - ok.
 */
import type { AllowanceFile, BudgetFile } from '../allocation/policy-file';
import { nanosToNumber, numberToNanos, parseMoney, parseScaledDecimal, rescale } from '../money';
import { addDays, daysBetween } from '../calendar';
import { groupThousands, moneyText } from '../money-text';
import { forecastToPeriodEnd } from './forecast';
import { daysOf, periodOf, type Period } from './periods';

export const BUDGET_STATUSES = ['ok', 'forecast_over', 'near', 'over'] as const;
export type BudgetStatus = (typeof BUDGET_STATUSES)[number];

/** Days of history the forecast looks at (8 weeks). */
const HISTORY_DAYS = 56;

export interface BurnDownDay {
  day: string;
  /** Left of the budget at the end of the day: actual through asOf, expected after. */
  remaining: number;
  remainingP10: number | null;
  remainingP90: number | null;
  actual: boolean;
}

export interface BudgetResult {
  id: string;
  name: string;
  scope: string;
  period: Period;
  /** "USD" or "tokens". */
  unit: string;
  limit: bigint;
  spent: bigint;
  /** Spent in percent of the limit. */
  spentPercent: number;
  forecastTotal: number;
  forecastP10: number | null;
  forecastP90: number | null;
  forecastBasis: string;
  /** The day the expected path reaches the limit, within the period (null: it does not). */
  runsOutOn: string | null;
  status: BudgetStatus;
  softPercent: string;
  hardPercent: string;
  daysElapsed: number;
  daysInPeriod: number;
  burnDown: BurnDownDay[];
  message: string;
}

/** A budget's daily series: nano-units of its currency, or tokens, by day. */
export type DailyUnits = ReadonlyMap<string, bigint>;

function percentUnits(text: string): bigint {
  return rescale(parseScaledDecimal(text), 6);
}

/** spent ≥ pct% × limit, exactly. */
function reached(spent: bigint, limit: bigint, pct: string): boolean {
  return spent * 100_000_000n >= percentUnits(pct) * limit;
}

function toNumber(units: bigint, money: boolean): number {
  return money ? nanosToNumber(units) : Number(units);
}

/** What a budget covers, in words: a team by its name where the policy gives one ("team Lending operations"). */
export function scopeLabel(budget: BudgetFile, teamNames: ReadonlyMap<string, string> = new Map()): string {
  const s = budget.scope;
  if (s.team !== undefined) return `team ${teamNames.get(s.team) ?? s.team}`;
  if (s.workload !== undefined) return `workload ${s.workload}`;
  if (s.credential !== undefined) return `key ${s.credential}`;
  return `tag ${Object.entries(s.tag ?? {}).map(([k, v]) => `${k}=${v}`).join(', ')}`;
}

/** Whole tokens, or money by the workbench's money text ("$5,000.00", "4,000.00 EUR"). */
function formatUnits(units: bigint | number, unit: string): string {
  if (unit === 'tokens') return `${groupThousands(String(Math.round(Number(units))))} tokens`;
  return moneyText(typeof units === 'bigint' ? units : numberToNanos(units), unit);
}

/** The history the forecast sees: the 56 days ending on asOf. */
function historyTo(series: DailyUnits, asOf: string, money: boolean): number[] {
  return Array.from({ length: HISTORY_DAYS }, (_, i) => toNumber(series.get(addDays(asOf, i - (HISTORY_DAYS - 1))) ?? 0n, money));
}

export function evaluateBudget(
  budget: BudgetFile,
  series: DailyUnits,
  asOf: string,
  fiscalYearStart: number,
  firstDay: string | null,
  /** Team id → the policy's name for it, for the scope in words. */
  teamNames: ReadonlyMap<string, string> = new Map(),
): BudgetResult {
  const period = periodOf(asOf, budget.period, fiscalYearStart);
  const money = budget.amount !== undefined;
  const unit = money ? budget.currency! : 'tokens';
  const limit = money ? parseMoney(budget.amount!) : BigInt(budget.tokens!);
  const days = daysOf(period);
  let spent = 0n;
  const cumulative: bigint[] = [];
  for (const d of days) {
    if (d <= asOf) spent += series.get(d) ?? 0n;
    cumulative.push(spent);
  }
  const elapsed = days.filter((d) => d <= asOf).length;
  const ahead = days.length - elapsed;
  // Only history the ledger has counts: days before its first line are not zero spend.
  const full = historyTo(series, asOf, money);
  const known = firstDay === null ? 0 : Math.min(HISTORY_DAYS, daysBetween(firstDay, asOf) + 1);
  const forecast = forecastToPeriodEnd({ history: full.slice(full.length - Math.max(0, known)), asOf, daysAhead: ahead });
  const spentNumber = toNumber(spent, money);
  const limitNumber = toNumber(limit, money);
  const forecastTotal = spentNumber + forecast.total;

  const burnDown: BurnDownDay[] = [];
  let expected = spentNumber;
  let runsOutOn: string | null = null;
  days.forEach((d, i) => {
    if (d <= asOf) {
      const used = toNumber(cumulative[i]!, money);
      if (runsOutOn === null && used >= limitNumber) runsOutOn = d;
      burnDown.push({ day: d, remaining: limitNumber - used, remainingP10: null, remainingP90: null, actual: true });
      return;
    }
    const k = i - elapsed;
    expected += forecast.daily[k]!;
    if (runsOutOn === null && expected >= limitNumber) runsOutOn = d;
    // Low spend leaves more budget: the band of what remains flips P10 and P90.
    burnDown.push({
      day: d,
      remaining: limitNumber - expected,
      remainingP10: forecast.cumulativeP90 ? limitNumber - spentNumber - forecast.cumulativeP90[k]! : null,
      remainingP90: forecast.cumulativeP10 ? limitNumber - spentNumber - forecast.cumulativeP10[k]! : null,
      actual: false,
    });
  });

  const soft = budget.thresholds.soft;
  const hard = budget.thresholds.hard;
  let status: BudgetStatus = 'ok';
  if (reached(spent, limit, hard)) status = 'over';
  else if (reached(spent, limit, soft)) status = 'near';
  else if (forecastTotal * 100 >= Number(hard) * limitNumber) status = 'forecast_over';

  const name = budget.name ?? budget.id;
  const spentPercent = limitNumber === 0 ? 0 : (spentNumber / limitNumber) * 100;
  const head = `${name} (${scopeLabel(budget, teamNames)}, ${period.id}): ${formatUnits(spent, unit)} of ${formatUnits(limit, unit)} (${Math.round(spentPercent)}%) after ${elapsed} of ${days.length} days`;
  const tail =
    status === 'over'
      ? `; over its ${hard}% threshold${runsOutOn ? ` since ${runsOutOn}` : ''}`
      : status === 'near'
        ? `; past its ${soft}% threshold, expected ${formatUnits(forecastTotal, unit)} by ${period.end}`
        : status === 'forecast_over'
          ? `; expected to reach ${formatUnits(forecastTotal, unit)} by ${period.end}${runsOutOn ? `, running out on ${runsOutOn}` : ''}`
          : `; expected ${formatUnits(forecastTotal, unit)} by ${period.end}`;
  return {
    id: budget.id,
    name,
    scope: scopeLabel(budget, teamNames),
    period,
    unit,
    limit,
    spent,
    spentPercent,
    forecastTotal,
    forecastP10: forecast.p10 === null ? null : spentNumber + forecast.p10,
    forecastP90: forecast.p90 === null ? null : spentNumber + forecast.p90,
    forecastBasis: forecast.basis,
    runsOutOn,
    status,
    softPercent: soft,
    hardPercent: hard,
    daysElapsed: elapsed,
    daysInPeriod: days.length,
    burnDown,
    message: head + tail,
  };
}

export interface AllowanceUse {
  allowanceId: string;
  /** The key or the member (tag value). */
  who: string;
  month: string;
  tokens: bigint;
  allowance: bigint;
  usedPercent: number;
  /** Expected tokens by the month's end. */
  forecast: number;
  status: 'ok' | 'near' | 'over' | 'forecast_over';
}

/**
 * Who is near or over a monthly token allowance: `byWho` holds each key's or
 * member's tokens per day (already limited to the allowance's team, if any).
 */
export function evaluateAllowance(allowance: AllowanceFile, byWho: ReadonlyMap<string, DailyUnits>, asOf: string, firstDay: string | null): AllowanceUse[] {
  const period = periodOf(asOf, 'month');
  const days = daysOf(period);
  const elapsed = days.filter((d) => d <= asOf).length;
  const overrides = new Map(allowance.overrides.map((o) => [o.who, BigInt(o.tokensPerMonth)]));
  const out: AllowanceUse[] = [];
  for (const [who, series] of byWho) {
    let tokens = 0n;
    for (const d of days) if (d <= asOf) tokens += series.get(d) ?? 0n;
    const limit = overrides.get(who) ?? BigInt(allowance.tokensPerMonth);
    const full = historyTo(series, asOf, false);
    const known = firstDay === null ? 0 : Math.min(HISTORY_DAYS, daysBetween(firstDay, asOf) + 1);
    const forecast = Number(tokens) + forecastToPeriodEnd({ history: full.slice(full.length - known), asOf, daysAhead: days.length - elapsed }).total;
    let status: AllowanceUse['status'] = 'ok';
    if (tokens >= limit) status = 'over';
    else if (reached(tokens, limit, allowance.nearAt)) status = 'near';
    else if (forecast >= Number(limit)) status = 'forecast_over';
    out.push({ allowanceId: allowance.id, who, month: period.id, tokens, allowance: limit, usedPercent: (Number(tokens) / Number(limit)) * 100, forecast, status });
  }
  return out.sort((a, b) => b.usedPercent - a.usedPercent || a.who.localeCompare(b.who));
}
