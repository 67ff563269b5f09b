/**
 * Daily and monthly cost series per provider, model, credential, workload
 * and team, from the ledger, through the pure detector. Provider, model and
 * credential come from one SQL grouping; workloads from the workspace's
 * workload mapping; teams from the allocation policy, when there is one.
 */
import { PERIOD_SQL } from '../workspace/migrations/014-period-epochs';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api';
import type { AnomaliesReport, AnomalyDimension, AnomalyWire } from '../../../shared/domain/anomalies/schema';
import type { MatchFields } from '../../../shared/domain/allocation/allocate';
import { detectDaily, detectMonthly, type Anomaly, type DetectOptions } from '../../../shared/domain/anomalies/detect';
import { formatMoneyFixed, nanosToDecimal, nanosToNumber, numberToNanos } from '../../../shared/domain/money';
import { daysBetween, daysInMonth, firstDay, monthOf, monthRange } from '../../../shared/domain/calendar';
import { currencyDecimals } from '../../../shared/domain/money-text';
import { providerName } from '../../../shared/domain/labels';
import type { JobContext } from '../jobs/job-runner';
import type { Workspace } from '../workspace/workspace';
import { lineBehind, resolvePolicy, runAllocation, workloadResolver, type PolicySource } from './allocation-service';
import { ledgerDays } from './budget-service';
import { PolicyRepository } from './policy-repository';
import { readLines, TagCache, type LineRow } from './ledger-passes';

type Series = Map<string, bigint>; // day → nanos

interface Input extends PolicySource {
  since?: string;
  dimensions: AnomalyDimension[];
  minCost: number;
  minPercent: number;
  sensitivity: number;
}

function key(dimension: string, value: string, currency: string): string {
  return `${dimension}\u0001${value}\u0001${currency}`;
}


/** The detector works in floating point (a statistical estimate): its figures are rounded to the currency's minor unit once, here. */
const rounded = (v: number, currency: string) => formatMoneyFixed(numberToNanos(v), currencyDecimals(currency));

function toWire(a: Anomaly): AnomalyWire {
  return {
    kind: a.kind,
    granularity: a.granularity,
    // Series are keyed by AnomalyDimension (dailySeriesOf), so their anomalies carry one.
    dimension: a.dimension as AnomalyDimension,
    value: a.value,
    name: a.name,
    currency: a.currency,
    period: a.period,
    expected: rounded(a.expected, a.currency),
    actual: rounded(a.actual, a.currency),
    impact: rounded(a.impact, a.currency),
    impactPercent: a.impactPercent === null ? null : Math.round(a.impactPercent * 10) / 10,
    slopePerDay: a.slopePerDay ?? null,
    score: Math.round(a.score * 10) / 10,
    message: a.message,
  };
}

export function dailySeriesOf(
  workspace: Workspace,
  source: PolicySource,
  dimensions: readonly AnomalyDimension[],
  job?: JobContext,
): { series: Map<string, Series>; names: Map<string, string>; notes: string[] } {
  const series = new Map<string, Series>();
  /** What people call a series' value, by key(dimension, value, ''): a team's name, a provider's. */
  const names = new Map<string, string>();
  const notes: string[] = [];
  const addTo = (dimension: string, value: string | null, currency: string, day: string, nanos: bigint) => {
    if (value === null || value === '') return;
    const k = key(dimension, value, currency);
    let s = series.get(k);
    if (!s) series.set(k, (s = new Map()));
    s.set(day, (s.get(day) ?? 0n) + nanos);
  };
  const wanted = new Set(dimensions);
  if (wanted.has('provider') || wanted.has('model') || wanted.has('credential') || wanted.has('workload')) {
    const tags = new TagCache();
    const workloadOf = wanted.has('workload') ? workloadResolver(workspace) : null;
    const rows = workspace.db
      .prepare(
        // Summed per day × kind × tags on ledger_rows first, then the kinds' fields joined and the kinds alike in them merged.
        `SELECT g.day, k.currency, k.provider, k.model, k.credential, k.sub_account, g.tags, sum(g.cost)
         FROM (SELECT ${PERIOD_SQL.dayOfNumber(PERIOD_SQL.dayNumber('charge_period_start'))} AS day, kind_id, tags, sum(billed_cost) AS cost FROM ledger_rows GROUP BY ${PERIOD_SQL.dayNumber('charge_period_start')}, kind_id, tags) g
         JOIN ledger_kinds k ON k.id = g.kind_id
         GROUP BY g.day, k.currency, k.provider, k.model, k.credential, k.sub_account, g.tags`,
      )
      .safeIntegers(true)
      .raw(true)
      .all() as [string, string, string, string | null, string | null, string | null, string, bigint][];
    for (const [day, currency, provider, model, credential, subAccount, tagText, cost] of rows) {
      if (wanted.has('provider')) {
        addTo('provider', provider, currency, day, cost);
        names.set(key('provider', provider, ''), providerName(provider));
      }
      if (wanted.has('model') && model !== null) {
        addTo('model', `${provider}/${model}`, currency, day, cost);
        names.set(key('model', `${provider}/${model}`, ''), `${model} on ${providerName(provider)}`);
      }
      if (wanted.has('credential')) addTo('credential', credential, currency, day, cost);
      if (workloadOf) {
        const fields = { provider, model, credential, subAccount, tags: tags.get(tagText), billingAccount: null, usageClass: 'input', serviceTier: 'standard', chargeCategory: 'usage', region: null } as MatchFields;
        addTo('workload', workloadOf(fields), currency, day, cost);
      }
    }
  }
  if (wanted.has('team')) {
    const hasPolicy = source.yaml !== undefined || new PolicyRepository(workspace.db).get() !== null;
    if (!hasPolicy) notes.push('no allocation policy: anomalies per team need one (Allocation › Rules)');
    else {
      const policy = resolvePolicy(workspace, source);
      const { allocator } = runAllocation(workspace, policy, { job });
      for (const [team, days] of allocator.dailyTotals()) for (const [day, byCurrency] of days) for (const [currency, t] of byCurrency) addTo('team', team, currency, day, t.amount);
      for (const team of policy.teams) names.set(key('team', team.id, ''), team.name);
    }
  }
  return { series, names, notes };
}

export function detectAnomalies(workspace: Workspace, input: Input, job?: JobContext): AnomaliesReport {
  const options: DetectOptions = { minCost: input.minCost, minPercent: input.minPercent, sensitivity: input.sensitivity, newAfterDays: 14 };
  const { first, last } = ledgerDays(workspace);
  if (first === null || last === null) return { from: null, to: null, series: 0, anomalies: [], options, notes: [] };
  const { series, names, notes } = dailySeriesOf(workspace, input, input.dimensions, job);
  job?.progress(0, series.size, 'looking for anomalies');
  const length = daysBetween(first, last) + 1;
  const found: Anomaly[] = [];
  let done = 0;
  for (const [k, days] of series) {
    const [dimension, value, currency] = k.split('\u0001') as [string, string, string];
    const costs = new Array<number>(length).fill(0);
    let firstSeen = -1;
    for (const [day, nanos] of days) {
      const i = daysBetween(first, day);
      costs[i] = nanosToNumber(nanos);
      if (firstSeen === -1 || i < firstSeen) firstSeen = i;
    }
    const name = names.get(key(dimension, value, '')) ?? value;
    found.push(...detectDaily({ dimension, value, name, currency, start: first, costs, firstSeen: Math.max(0, firstSeen) }, options));
    // Months: whole calendar months, the last one pro-rated by the days the ledger covers.
    const months = new Map<string, number>();
    for (const [day, nanos] of days) months.set(monthOf(day), (months.get(monthOf(day)) ?? 0) + nanosToNumber(nanos));
    const allMonths = monthRange(monthOf(first), monthOf(last));
    const lastMonth = monthOf(last);
    found.push(
      ...detectMonthly(
        { dimension, value, name, currency, months: allMonths, costs: allMonths.map((m) => months.get(m) ?? 0), lastMonthCoverage: (daysBetween(firstDay(lastMonth), last) + 1) / daysInMonth(lastMonth) },
        options,
      ),
    );
    done += 1;
    if (done % 50 === 0) {
      job?.throwIfCancelled();
      job?.progress(done, series.size, `looked at ${done} of ${series.size} series`);
    }
  }
  const since = input.since;
  const kept = found.filter((a) => since === undefined || (a.granularity === 'day' ? a.period >= since : a.period >= monthOf(since)));
  kept.sort((a, b) => b.period.localeCompare(a.period) || Math.abs(b.impact) - Math.abs(a.impact));
  return { from: first, to: last, series: series.size, anomalies: kept.map(toWire), options, notes };
}

/**
 * The lines behind an anomaly, largest first: the lines of its day (or month)
 * and currency that its series counts. A provider's, model's and key's are
 * the ledger's own lines, a workload's those the workload mapping gives it,
 * a team's its parts of the allocated lines (shared lines by their ratio).
 */
export function anomalyLines(workspace: Workspace, input: MethodParsedInput<'anomalies.lines'>): MethodOutput<'anomalies.lines'> {
  const month = monthOf(input.period);
  const inPeriod = (line: LineRow) => line.currency === input.currency && (input.period.length === 7 || line.day === input.period);
  const found: { line: LineRow; amount: bigint; ratio: string }[] = [];
  if (input.dimension === 'team') {
    runAllocation(workspace, resolvePolicy(workspace, input), {
      month,
      extended: true,
      onLine: (line, parts) => {
        if (!inPeriod(line)) return;
        const part = parts.find((p) => p.team === input.value);
        if (part) found.push({ line, amount: part.amount, ratio: part.ratio });
      },
    });
  } else {
    const counts = seriesMember(workspace, input.dimension, input.value);
    for (const line of readLines(workspace.db, 'billed', { month, extended: true }, new TagCache())) {
      if (inPeriod(line) && counts(line)) found.push({ line, amount: line.cost, ratio: '1' });
    }
  }
  found.sort((a, b) => (b.amount > a.amount ? 1 : b.amount < a.amount ? -1 : a.line.id - b.line.id));
  let amount = 0n;
  for (const f of found) amount += f.amount;
  return {
    rows: found.slice(input.offset, input.offset + input.limit).map((f) => lineBehind(f.line, f.amount, f.ratio)),
    total: found.length,
    amount: nanosToDecimal(amount),
  };
}

/** Whether a line belongs to a series of the ledger's own fields, or of the workload mapping (as `dailySeriesOf` keys them). */
function seriesMember(workspace: Workspace, dimension: Exclude<AnomalyDimension, 'team'>, value: string): (line: LineRow) => boolean {
  switch (dimension) {
    case 'provider':
      return (line) => line.provider === value;
    case 'credential':
      return (line) => line.credential === value;
    case 'model':
      return (line) => line.model !== null && `${line.provider}/${line.model}` === value;
    case 'workload': {
      const workloadOf = workloadResolver(workspace);
      return (line) => workloadOf(line) === value;
    }
  }
}
