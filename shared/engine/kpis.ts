/**
 * The unit economics a scenario is judged by, each defined once: cost per
 * unit, AI cost per unit, cost per successful outcome, savings against the
 * baseline and the break-even month.
 *
 * Two runs compute them. The exact run (results.ts) holds money as bigint
 * nano-units and rounds each quotient once, half to even; the Monte Carlo
 * draws (monte-carlo.ts) and tornado points (tornado.ts) hold float64. The
 * formulas here are generic over that arithmetic, so the paths cannot drift
 * apart, and the exact path never passes through a float.
 */
import { checkComputedQuantity } from './computed-bounds';
import { divideRoundHalfEven, quantityToScaled, type Nanos } from '../domain/money';

/** Money arithmetic of amounts `M` whose quotients are `Q` (which say "no figure" when there is nothing to divide by). */
export interface KpiArithmetic<M, Q> {
  zero: M;
  plus(a: M, b: M): M;
  minus(a: M, b: M): M;
  /** amount ÷ count; "no figure" when the count is not a positive number. */
  per(amount: M, count: number): Q;
  sign(a: M): -1 | 0 | 1;
}

/** An exact amount divided by a (possibly fractional) count, rounded once; null when the count is zero. */
export function perCount(amount: Nanos, count: number): Nanos | null {
  if (!(count > 0) || !Number.isFinite(count)) return null;
  checkComputedQuantity(count, 'business units or successful requests');
  const c = quantityToScaled(count);
  return divideRoundHalfEven(amount * 10n ** BigInt(c.scale), c.digits);
}

/** The deterministic run: nano-units, null for "no figure". */
export const EXACT: KpiArithmetic<Nanos, Nanos | null> = {
  zero: 0n,
  plus: (a, b) => a + b,
  minus: (a, b) => a - b,
  per: perCount,
  sign: (a) => (a > 0n ? 1 : a < 0n ? -1 : 0),
};

/**
 * How close to zero a float sum or difference of amounts must come to be
 * zero: a millionth of a millionth of the amounts. Two plans' costs that are
 * the same, summed in a different order (a month under a contract takes the
 * line-by-line path, the baseline the summed one), differ by about 1e-15 of
 * them; a saving that small is no saving, and must not make a break-even
 * month the exact run does not have.
 */
const FLOAT_NOISE = 1e-12;
const snap = (x: number, a: number, b: number): number => (Math.abs(x) <= FLOAT_NOISE * Math.max(Math.abs(a), Math.abs(b)) ? 0 : x);

/** Monte Carlo draws and tornado points: currency units in float64, NaN for "no figure" (percentiles of a column with one are NaN). */
export const FLOAT: KpiArithmetic<number, number> = {
  zero: 0,
  plus: (a, b) => snap(a + b, a, b),
  minus: (a, b) => snap(a - b, a, b),
  per: (amount, count) => (count > 0 && Number.isFinite(count) ? amount / count : Number.NaN),
  sign: (a) => (a > 0 ? 1 : a < 0 ? -1 : 0),
};

/** What one month, or the whole horizon, of a scenario adds up to (amounts M, counts C: columns of many draws in the Monte Carlo path). */
export interface CostSums<M, C = number> {
  /** All-in cost: AI and everything around it (people, adjacent costs). */
  totalCost: M;
  aiCost: M;
  /** The cost of doing the work, which successful outcomes are measured against. */
  workCost: M;
  businessUnits: C;
  successes: C;
}

/** The figures a month or a horizon reports (as RangeFigures and the exact result's KPIs do). */
export interface KpiFigures<M, Q> {
  totalCost: M;
  aiCost: M;
  costPerUnit: Q;
  aiCostPerUnit: Q;
  costPerSuccess: Q;
  savingsVsBaseline: M;
}

/** The figures by name, in the order results list them; every figure of KpiFigures is here (checked below). */
export const KPI_FIGURES = ['totalCost', 'aiCost', 'costPerUnit', 'aiCostPerUnit', 'costPerSuccess', 'savingsVsBaseline'] as const;
type Unlisted = Exclude<keyof KpiFigures<unknown, unknown>, (typeof KPI_FIGURES)[number]>;
/** Fails to compile when a figure is added to KpiFigures but not to KPI_FIGURES (the Monte Carlo columns). */
const everyFigureListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFigureListed;

type Ratio = 'costPerUnit' | 'aiCostPerUnit' | 'costPerSuccess';

/**
 * The unit costs, each an amount per a count. Cost per successful outcome
 * divides only the cost of doing the work: failures and escalations make it
 * dearer, costs around the work (a platform fee) do not.
 */
export const RATIOS = {
  costPerUnit: { amount: 'totalCost', per: 'businessUnits' },
  aiCostPerUnit: { amount: 'aiCost', per: 'businessUnits' },
  costPerSuccess: { amount: 'workCost', per: 'successes' },
} as const satisfies Record<Ratio, { amount: 'totalCost' | 'aiCost' | 'workCost'; per: 'businessUnits' | 'successes' }>;
const RATIO_NAMES = Object.keys(RATIOS) as Ratio[];

/** The sums one unit cost needs. */
type SumsFor<M, R extends Ratio> = Pick<CostSums<M>, (typeof RATIOS)[R]['amount'] | (typeof RATIOS)[R]['per']>;

/** One unit cost of a month or a horizon: ratio(k, 'costPerUnit', sums). */
export function ratio<M, Q, R extends Ratio>(k: KpiArithmetic<M, Q>, name: R, s: SumsFor<M, R>): Q {
  const { amount, per } = RATIOS[name];
  return k.per((s as CostSums<M>)[amount], (s as CostSums<M>)[per]);
}

/** What the baseline costs minus what the scenario costs: positive when the scenario is cheaper. */
export function savingsVsBaseline<M, Q>(k: KpiArithmetic<M, Q>, baselineTotalCost: M, totalCost: M): M {
  return k.minus(baselineTotalCost, totalCost);
}

/**
 * Every figure of a month or a horizon. `savings` is the month's saving, or
 * over a horizon the sum of its months' savings (cumulative savings at its
 * end).
 */
export function kpiFigures<M, Q>(k: KpiArithmetic<M, Q>, s: CostSums<M>, savings: M): KpiFigures<M, Q> {
  return {
    totalCost: s.totalCost,
    aiCost: s.aiCost,
    costPerUnit: ratio(k, 'costPerUnit', s),
    aiCostPerUnit: ratio(k, 'aiCostPerUnit', s),
    costPerSuccess: ratio(k, 'costPerSuccess', s),
    savingsVsBaseline: savings,
  };
}

/**
 * The unit costs of many draws at once (the Monte Carlo path): `count`
 * draws' sums from index `from` of the sums columns, their unit costs into
 * the output columns from index `at`. Column by column keeps the loop tight
 * over 10,000 draws × every month.
 */
export function ratioColumns(k: KpiArithmetic<number, number>, sums: CostSums<Float64Array, Float64Array>, out: Record<Ratio, Float64Array>, count: number, from: number, at: number): void {
  for (const name of RATIO_NAMES) {
    const { amount, per } = RATIOS[name];
    const a = sums[amount];
    const c = sums[per];
    const o = out[name];
    for (let j = 0; j < count; j++) o[at + j] = k.per(a[from + j] as number, c[from + j] as number);
  }
}

/** What {@link breakEvenMonth} returns when there is nothing to recover: savings never fall below zero and end above it. */
export const NO_UPFRONT_COST = -2;

/**
 * Break-even: the first month from which cumulative savings stay at or above
 * zero, provided they end above zero, and never a month before the
 * scenario's first lever acts (before it the scenario is the baseline:
 * nothing was spent or saved yet); -1 for never. Only where there is
 * something to recover — an upfront cost, or cumulative savings that start
 * negative — is there a break-even: savings that never fall below zero give
 * {@link NO_UPFRONT_COST} instead (the result names the month savings
 * start). Known from facts a run can track month by month — the last month
 * cumulative savings were below zero (-1 for none), the sign they end with —
 * and the month the levers act from.
 */
export function breakEvenMonth(lastNegativeMonth: number, finalSign: number, leversActFrom: number): number {
  if (finalSign <= 0) return -1;
  return lastNegativeMonth < 0 ? NO_UPFRONT_COST : Math.max(lastNegativeMonth + 1, leversActFrom);
}

/** Break-even month index of a series of monthly savings (see {@link breakEvenMonth}); -1 for never. */
export function breakEvenOf<M, Q>(k: KpiArithmetic<M, Q>, savings: readonly M[], leversActFrom: number): number {
  let cumulative = k.zero;
  let lastNegative = -1;
  savings.forEach((s, m) => {
    cumulative = k.plus(cumulative, s);
    if (k.sign(cumulative) < 0) lastNegative = m;
  });
  const month = breakEvenMonth(lastNegative, k.sign(cumulative), leversActFrom);
  return month < savings.length ? month : -1;
}

/** The first month whose saving is above zero (-1 for none): where a scenario with no upfront cost starts to save. */
export function savingsStartOf<M, Q>(k: KpiArithmetic<M, Q>, savings: readonly M[]): number {
  return savings.findIndex((s) => k.sign(s) > 0);
}
