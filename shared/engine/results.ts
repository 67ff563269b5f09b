/**
 * From projections to the results users see (and `aispend run --json`
 * prints): money as exact decimal strings, per month and over the horizon,
 * with savings against the baseline, break-even, contract utilisation,
 * credits, provisioned capacity and guardrail flags.
 */
import type { ContractOutcome, GuardrailFlag, RangeFigures, RunResult, ScenarioMonth, ScenarioResult, Tornado } from './schema';
import { nanosToDecimal, nanosToNumber, numberToNanos, parseMoney, roundNanos, type Nanos } from '../domain/money';
import { moneyText } from '../domain/money-text';
import { usageClassWords } from '../domain/labels';
import { breakEvenOf, EXACT, kpiFigures, NO_UPFRONT_COST, savingsStartOf, savingsVsBaseline, type KpiFigures } from './kpis';
import type { HorizonNumbers, RangeNumbers, RunRanges, ScenarioRanges } from './draw-summary';
import { ENGINE_CLASSES } from './plan';
import type { ExactProjection } from './project';
import type { TornadoNumbers } from './tornado';

export const SHARED = '(shared)';

const money = (n: Nanos): string => nanosToDecimal(n);
/** Counts (units, requests, successes) are estimates: six decimals hide float noise such as 1210.0000000000002. */
const count = (x: number): number => Math.round(x * 1e6) / 1e6;
const maybeMoney = (n: Nanos | null): string | null => (n === null ? null : nanosToDecimal(n));

/** Monte Carlo figures are estimates: shown to a millionth of the currency unit. */
function estimate(x: number): string | null {
  return Number.isFinite(x) ? nanosToDecimal(roundNanos(numberToNanos(x), 6)) : null;
}

function rangeFigures(r: RangeNumbers): RangeFigures {
  return {
    totalCost: estimate(r.totalCost) ?? '0.00',
    aiCost: estimate(r.aiCost) ?? '0.00',
    costPerUnit: estimate(r.costPerUnit),
    aiCostPerUnit: estimate(r.aiCostPerUnit),
    costPerSuccess: estimate(r.costPerSuccess),
    savingsVsBaseline: estimate(r.savingsVsBaseline) ?? '0.00',
  };
}

function add(map: Map<string, Nanos>, key: string, amount: Nanos): void {
  map.set(key, (map.get(key) ?? 0n) + amount);
}

function record(map: Map<string, Nanos>): Record<string, string> {
  return Object.fromEntries([...map.entries()].filter(([, v]) => v !== 0n).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, money(v)]));
}

interface MonthTotals {
  total: Nanos;
  ai: Nanos;
  work: Nanos;
}

export function monthTotals(projection: ExactProjection): MonthTotals[] {
  const slots = projection.plan.slots;
  return projection.sink.cost.map((row) => {
    let total = 0n;
    let ai = 0n;
    let work = 0n;
    row.forEach((amount, s) => {
      total += amount;
      if (slots[s]!.ai) ai += amount;
      if (slots[s]!.perSuccess) work += amount;
    });
    return { total, ai, work };
  });
}

function contractOutcomes(projection: ExactProjection): ContractOutcome[] {
  return projection.contracts.map((run) => {
    const months = run.months.map((m) => projection.plan.months[m]!);
    const commitment = run.prices.flatMap((p, j) =>
      p.commitment
        ? [
            {
              month: months[j]!,
              committed: money(p.commitment.committed),
              eligibleSpend: money(p.commitment.eligibleSpend),
              shortfall: money(p.commitment.shortfall),
              utilisation: p.commitment.committed > 0n ? nanosToNumber(p.commitment.eligibleSpend) / nanosToNumber(p.commitment.committed) : null,
            },
          ]
        : [],
    );
    const credits = run.prices.flatMap((p, j) =>
      p.credits
        ? [
            {
              month: months[j]!,
              opening: money(p.credits.opening),
              granted: money(p.credits.granted),
              consumed: money(p.credits.consumed),
              forfeited: money(p.credits.forfeited),
              closing: money(p.credits.closing),
            },
          ]
        : [],
    );
    const exhausted = run.prices.findIndex((p) => p.credits !== null && p.credits.consumed > 0n && p.credits.closing === 0n && p.credits.forfeited === 0n);
    return { provider: run.terms.provider, contract: run.terms.label, commitment, credits, creditExhaustionMonth: exhausted < 0 ? null : months[exhausted]! };
  });
}

function guardrailFlags(projection: ExactProjection, totals: readonly MonthTotals[]): GuardrailFlag[] {
  const { plan, sink } = projection;
  const g = plan.guardrails;
  const flags: GuardrailFlag[] = [];
  const budget = g.monthlyBudget === undefined ? null : parseMoney(String(g.monthlyBudget));
  plan.months.forEach((month, m) => {
    plan.workloads.forEach((w, wi) => {
      const figures = sink.workloads[m]?.[wi];
      if (!figures || !(figures.requests > 0)) return;
      const floor = w.qualityFloor ?? g.qualityFloor ?? null;
      const successRate = figures.successes / figures.requests;
      if (floor !== null && successRate < floor - 1e-12) {
        flags.push({ month, kind: 'quality', workload: w.id, value: successRate, limit: floor, message: `${w.id}: ${(successRate * 100).toFixed(2)}% of requests succeed, below the ${(floor * 100).toFixed(2)}% floor` });
      }
      const ceiling = w.latencyCeilingMs ?? g.latencyCeilingMs ?? null;
      if (ceiling !== null && Number.isFinite(figures.meanLatencyMs) && figures.meanLatencyMs > ceiling) {
        flags.push({ month, kind: 'latency', workload: w.id, value: figures.meanLatencyMs, limit: ceiling, message: `${w.id}: mean latency ${Math.round(figures.meanLatencyMs)} ms is above the ${ceiling} ms ceiling` });
      }
    });
    for (const p of sink.poolMonths[m] ?? []) {
      const pool = plan.pools[p.pool]!;
      const model = plan.models[pool.model]!.key;
      if (p.overflowShare > 0) {
        flags.push({ month, kind: 'capacity', workload: null, value: p.overflowShare, limit: 0, message: `${model}: ${(p.overflowShare * 100).toFixed(1)}% of provisioned traffic overflows to on-demand at peak` });
      } else if (g.maxUtilisation !== undefined && p.utilisation > g.maxUtilisation) {
        flags.push({ month, kind: 'capacity', workload: null, value: p.utilisation, limit: g.maxUtilisation, message: `${model}: provisioned units ${(p.utilisation * 100).toFixed(1)}% utilised, above ${(g.maxUtilisation * 100).toFixed(0)}%` });
      }
    }
    const ai = totals[m]!.ai;
    if (budget !== null && ai > budget) {
      flags.push({ month, kind: 'budget', workload: null, value: nanosToNumber(ai), limit: nanosToNumber(budget), message: `AI cost ${moneyText(ai, plan.currency)} in ${month} is above the monthly budget of ${moneyText(budget, plan.currency)}` });
    }
  });
  return flags;
}

export function scenarioResult(projection: ExactProjection, baselineTotals: readonly MonthTotals[], ranges: ScenarioRanges | null): ScenarioResult {
  const { plan, sink } = projection;
  const totals = monthTotals(projection);
  const savings = totals.map((t, m) => savingsVsBaseline(EXACT, baselineTotals[m]?.total ?? 0n, t.total));
  let cumulative = 0n;
  const months: ScenarioMonth[] = plan.months.map((month, m) => {
    const byVendor = new Map<string, Nanos>();
    const byModel = new Map<string, Nanos>();
    const byWorkload = new Map<string, Nanos>();
    const byComponent = new Map<string, Nanos>();
    sink.cost[m]!.forEach((amount, s) => {
      if (amount === 0n) return;
      const slot = plan.slots[s]!;
      if (slot.provider !== null) add(byVendor, slot.provider, amount);
      if (slot.model !== null) add(byModel, slot.model, amount);
      add(byWorkload, slot.workload ?? SHARED, amount);
      add(byComponent, slot.component, amount);
    });
    const units = sink.businessUnitsByMonth[m] ?? 0;
    const figures = sink.workloads[m] ?? [];
    const requests = figures.reduce((s, f) => s + (f?.requests ?? 0), 0);
    const successes = figures.reduce((s, f) => s + (f?.successes ?? 0), 0);
    cumulative += savings[m]!;
    const t = totals[m]!;
    const kpi = kpiFigures(EXACT, { totalCost: t.total, aiCost: t.ai, workCost: t.work, businessUnits: units, successes }, savings[m]!);
    const row: ScenarioMonth = {
      month,
      totalCost: money(kpi.totalCost),
      aiCost: money(kpi.aiCost),
      businessUnits: count(units),
      costPerUnit: maybeMoney(kpi.costPerUnit),
      aiCostPerUnit: maybeMoney(kpi.aiCostPerUnit),
      costPerSuccess: maybeMoney(kpi.costPerSuccess),
      requests: count(requests),
      successes: count(successes),
      savingsVsBaseline: money(kpi.savingsVsBaseline),
      cumulativeSavings: money(cumulative),
      byVendor: record(byVendor),
      byModel: record(byModel),
      byWorkload: record(byWorkload),
      byComponent: record(byComponent),
    };
    const r = ranges?.months[m];
    if (r) {
      row.p10 = rangeFigures(r.p10);
      row.p50 = rangeFigures(r.p50);
      row.p90 = rangeFigures(r.p90);
    }
    return row;
  });

  const sum = (pick: (t: MonthTotals) => Nanos): Nanos => totals.reduce((s, t) => s + pick(t), 0n);
  const allUnits = (sink.businessUnitsByMonth ?? []).reduce((s, u) => s + u, 0);
  const allSuccesses = sink.workloads.reduce((s, row) => s + row.reduce((a, f) => a + (f?.successes ?? 0), 0), 0);
  const overHorizon: KpiFigures<Nanos, Nanos | null> = kpiFigures(
    EXACT,
    { totalCost: sum((t) => t.total), aiCost: sum((t) => t.ai), workCost: sum((t) => t.work), businessUnits: allUnits, successes: allSuccesses },
    cumulative,
  );
  const breakEven = plan.isBaseline ? -1 : breakEvenOf(EXACT, savings, plan.leversActFrom);
  const savingsStart = plan.isBaseline ? -1 : savingsStartOf(EXACT, savings);
  const horizon = (h: HorizonNumbers) => ({
    ...rangeFigures(h),
    breakEvenMonth: h.breakEvenMonth === null ? null : plan.months[h.breakEvenMonth]!,
    noUpfrontCost: h.noUpfrontCost,
  });
  const kpis: ScenarioResult['kpis'] = {
    totalCost: money(overHorizon.totalCost),
    aiCost: money(overHorizon.aiCost),
    savingsVsBaseline: money(overHorizon.savingsVsBaseline),
    costPerUnit: maybeMoney(overHorizon.costPerUnit),
    aiCostPerUnit: maybeMoney(overHorizon.aiCostPerUnit),
    costPerSuccess: maybeMoney(overHorizon.costPerSuccess),
    breakEvenMonth: breakEven < 0 ? null : plan.months[breakEven]!,
    noUpfrontCost: breakEven === NO_UPFRONT_COST,
    savingsStartMonth: savingsStart < 0 ? null : plan.months[savingsStart]!,
  };
  if (ranges) {
    kpis.p10 = horizon(ranges.horizon.p10);
    kpis.p50 = horizon(ranges.horizon.p50);
    kpis.p90 = horizon(ranges.horizon.p90);
  }

  const provisioned = plan.months.flatMap((month, m) =>
    (sink.poolMonths[m] ?? []).map((p) => ({ month, model: plan.models[plan.pools[p.pool]!.model]!.key, units: p.units, utilisation: p.utilisation, overflowShare: p.overflowShare })),
  );

  return {
    id: plan.id,
    name: plan.name,
    isBaseline: plan.isBaseline,
    months,
    kpis,
    contracts: contractOutcomes(projection),
    provisioned,
    flags: guardrailFlags(projection, totals),
    warnings: [...plan.warnings, ...fallbackWarnings(projection)],
  };
}

/** Which cache prices were missing and billed as input, once per model and class. */
function fallbackWarnings(projection: ExactProjection): string[] {
  const { plan, sink } = projection;
  const C = ENGINE_CLASSES.length;
  const notes = new Set<string>();
  for (const i of sink.fallbacksUsed) {
    const c = Math.floor(i / plan.prices.bands) % C;
    const k = Math.floor(i / plan.prices.bands / C / 4) % plan.models.length;
    const words = usageClassWords(ENGINE_CLASSES[c]);
    notes.add(`${plan.models[k]!.key}: no ${words} price in the price book, so its ${words} tokens are priced as input (as the vendor bills them)`);
  }
  return [...notes].sort();
}

export function tornadoResult(scenario: string, numbers: TornadoNumbers): Tornado {
  const m = (x: number): string => estimate(x) ?? '0.00';
  return {
    scenario,
    kpi: 'costPerUnit',
    base: m(numbers.base),
    entries: numbers.rows.map((r) => ({ input: r.key, label: r.label, lowInput: r.lowInput, highInput: r.highInput, low: m(r.low), high: m(r.high), swing: m(r.swing) })),
  };
}

/**
 * Puts Monte Carlo ranges worked out elsewhere (another worker) into an exact
 * run's result: the same figures assembleRunResult gives with the ranges at hand.
 */
export function withRanges(result: RunResult, ranges: RunRanges, draws: number, seed: number): RunResult {
  return {
    ...result,
    draws,
    seed,
    percentiles: ranges.method,
    scenarios: result.scenarios.map((s, i) => {
      const r = ranges.scenarios[i];
      if (!r) return s;
      const monthOf = (index: number | null) => (index === null ? null : (s.months[index]?.month ?? null));
      const horizon = (h: HorizonNumbers) => ({ ...rangeFigures(h), breakEvenMonth: monthOf(h.breakEvenMonth), noUpfrontCost: h.noUpfrontCost });
      return {
        ...s,
        months: s.months.map((m, j) => {
          const mr = r.months[j];
          return mr ? { ...m, p10: rangeFigures(mr.p10), p50: rangeFigures(mr.p50), p90: rangeFigures(mr.p90) } : m;
        }),
        kpis: { ...s.kpis, p10: horizon(r.horizon.p10), p50: horizon(r.horizon.p50), p90: horizon(r.horizon.p90) },
      };
    }),
  };
}
