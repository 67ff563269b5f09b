/**
 * A scenario compiled for evaluation: names resolved to indices, every number
 * a parameter index, prices looked up once per month, levers sorted into the
 * phase they act in. The evaluator (evaluate.ts) walks this without
 * allocating, so ten thousand Monte Carlo draws stay fast.
 */
import type { LeverType } from './levers';
import type { CostComponent, Guardrails } from './schema';
import type { Nanos } from '../domain/money';
import type { ServiceTier, UsageClass } from '../domain/usage';

/** Tiers the rate card prices per token (provisioned capacity is priced by the provision lever). */
export const PRICED_TIERS = ['standard', 'batch', 'flex', 'priority'] as const satisfies readonly ServiceTier[];
export const TIER_STANDARD = 0;
export const TIER_BATCH = 1;
export const TIER_FLEX = 2;
export const TIER_PRIORITY = 3;

/** Usage classes a workload can generate, in the evaluator's order. */
export const ENGINE_CLASSES = [
  'input',
  'cached_input',
  'cache_write_5m',
  'cache_write_1h',
  'output',
  'request',
  'image',
  'audio_second',
  'tool_call',
  'other',
] as const satisfies readonly UsageClass[];
export const C_INPUT = 0;
export const C_CACHED = 1;
export const C_WRITE_5M = 2;
export const C_WRITE_1H = 3;
export const C_OUTPUT = 4;
export const FIRST_UNIT_CLASS = 5;

/** When a lever acts: month offset from the horizon's start (may be negative) and ramp length. */
export interface Timing {
  start: number;
  rampMonths: number;
  /** rampFactor for each horizon month, worked out once. */
  ramp: Float64Array;
}

export function makeTiming(start: number, rampMonths: number, months: number): Timing {
  const t = { start, rampMonths };
  return { ...t, ramp: Float64Array.from({ length: months }, (_, m) => rampFactor(t, m)) };
}

/** Share of a lever's full effect in month `m` of the horizon: 0 before its start, then linear over its ramp. */
export function rampFactor(t: { start: number; rampMonths: number }, m: number): number {
  const k = m - t.start;
  if (k < 0) return 0;
  if (t.rampMonths <= 1) return 1;
  return Math.min(1, (k + 1) / t.rampMonths);
}

/** A drawn share or rate held within 0–1 (NaN stays NaN). */
export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Average prompt-cache warmth over month k after traffic moved: the hit rate
 * grows linearly from zero to its full value over `warmupMonths`.
 */
export function warmth(k: number, warmupMonths: number): number {
  if (k < 0) return 1;
  if (warmupMonths <= 0 || k >= warmupMonths) return 1;
  if (k + 1 <= warmupMonths) return (k + 0.5) / warmupMonths;
  return (warmupMonths * warmupMonths - k * k) / (2 * warmupMonths) + (k + 1 - warmupMonths);
}

export interface PlanModel {
  provider: string;
  model: string;
  key: string;
  providerIndex: number;
}

export interface Profile {
  /** Index into plan.models. */
  model: number;
  tokenRatio: number;
  /** Parameter of the output ratio, or -1 to use tokenRatio. */
  outputRatio: number;
  success: number;
  retries: number;
  /** Parameter, or -1 when unknown. */
  latency: number;
  /** Profile index within the workload, always lower than this profile's, or -1. */
  escalateTo: number;
  /** Parameter of the initial traffic share, or -1 (profiles added by route levers start empty). */
  baseShare: number;
  label: string;
}

/** A lever's step on one workload: its module's `step` gets `data` every month the lever acts (shared/engine/levers). */
export interface WorkloadLever {
  type: LeverType;
  timing: Timing;
  data: unknown;
  /** A per-month factor besides the ramp that changes the step's effect (a route's cache warmth), or null. */
  varies: Float64Array | null;
}

export interface Alternative {
  timing: Timing;
  /**
   * People (or rules) do the moved share of the business units end to end: the driver's other per-unit costs
   * (the process's own, and adjacent costs per unit) are not paid for those units either.
   */
  endToEnd: boolean;
  costPerUnit: number;
  costPerRequest: number;
  fixedMonthly: number;
  success: number;
  costSlot: number;
}

/**
 * What people doing whole units end to end cost: per unit of the driver, once per unit however many of its
 * workloads the lever names — on the largest share of units any of those workloads moved to them.
 */
export interface EndToEndCost {
  driver: number;
  /** The workloads' alternatives the share is read from: (workload, index in its alternatives). */
  moved: { workload: number; slot: number }[];
  costPerUnit: number;
  slot: number;
}

export interface PlanWorkload {
  id: string;
  driver: number;
  requestsPerUnit: number;
  inputTokens: number;
  outputTokens: number;
  otherUnits: { usageClass: number; param: number }[];
  profiles: Profile[];
  /** Parameters for standard, batch, flex, priority. */
  tiers: [number, number, number, number];
  cacheable: number;
  hitRate: number;
  ttl1h: boolean;
  responseShare: number;
  responseMonthly: number;
  responsePerRequest: number;
  responseSlot: number;
  levers: WorkloadLever[];
  alternatives: Alternative[];
  qualityFloor: number | null;
  latencyCeilingMs: number | null;
  /**
   * Months with the same id (consecutive) have the same lever ramps, cache
   * warmth, price changes and prices for this workload: its costs there are
   * linear in business units, so a float run may scale the previous month
   * instead of working it out again. -1: always work it out (provisioned).
   */
  memoClass: Int32Array;
}

export interface PlanDriver {
  id: string;
  unit: string;
  /** Parameter of the base units, per horizon month. */
  units: Int32Array;
  /** Parameters of each non-AI cost per horizon month (-1: none that month). */
  costs: { perUnit: Int32Array; fixedMonthly: Int32Array; slot: number }[];
}

export interface VolumeEffect {
  timing: Timing;
  drivers: number[];
  factor: number;
  monthlyGrowthPct: number;
}

export interface PriceEffect {
  timing: Timing;
  pct: number;
  ai: boolean;
  nonAi: boolean;
}

export interface ContractTerms {
  label: string;
  provider: string;
  providerIndex: number;
  timing: Timing;
  /** A workspace contract priced by the ContractPricer ... */
  contractId: string | null;
  /** ... or an inline offer (parameters). */
  offer: {
    discountPct: number;
    monthlyCommitment: number;
    credits: { amount: number; start: string; expires: string; appliesTo: 'all_charges' | 'usage_only' }[];
    minimumMonthlyFee: number;
    minimumFeeOrder: 'before_credits' | 'after_credits';
  } | null;
  adjustmentSlot: number;
}

export interface Pool {
  label: string;
  timing: Timing;
  model: number;
  workloads: boolean[];
  units: number;
  pricePerUnitHour: number;
  pricePerUnitMonth: number;
  tokensPerMinutePerUnit: number;
  peakFactor: number;
  outputTokenWeight: number;
  /** Fee slot per workload (the fee is shared out by tokens served). */
  feeSlots: number[];
}

export interface MonthlyCost {
  timing: Timing;
  /** Paid once in the start month. */
  oneTime: number;
  fixedMonthly: number;
  perUnit: number;
  driver: number;
  perRequest: number;
  /** Workloads whose requests perRequest applies to (AI requests, for response caches). */
  workloads: number[];
  aiRequestsOnly: boolean;
  slot: number;
  /** Scaled by the ramp (adjacent costs) or paid in full once started (a cache's infrastructure). */
  ramped: boolean;
}

export interface Slot {
  workload: string | null;
  provider: string | null;
  model: string | null;
  component: CostComponent;
  /** Part of AI cost (everything but alternative handling and the process's non-AI costs). */
  ai: boolean;
  /** Counts towards cost per successful outcome. */
  perSuccess: boolean;
}

export interface PriceTable {
  bands: number;
  /** Index: ((((m × models + k) × 4 + tier) × classes + class) × bands + band). */
  nanos: Nanos[];
  per: bigint[];
  /** Price per unit in currency units, for Monte Carlo. */
  perUnit: Float64Array;
  missing: Uint8Array;
  /** 1 where a cache price was missing and the input price stands in. */
  fallback: Uint8Array;
  /** Prompt-token thresholds per (month, model): ascending, one per band above the base. */
  thresholds: number[][];
}

export interface ScenarioPlan {
  /** The scenario file, for error messages. */
  file: string | null;
  id: string;
  name: string;
  isBaseline: boolean;
  months: string[];
  /**
   * The first month (index) in which one of the scenario's own levers acts;
   * the number of months when none does within the horizon (and for the
   * baseline). Before it the scenario is the baseline, so it cannot break
   * even there.
   */
  leversActFrom: number;
  daysInMonth: number[];
  currency: string;
  models: PlanModel[];
  providers: string[];
  prices: PriceTable;
  drivers: PlanDriver[];
  unitDriver: number;
  workloads: PlanWorkload[];
  volume: VolumeEffect[];
  tokenEffectsExist: boolean;
  priceEffects: PriceEffect[];
  /** Price effects matching each (model, tier, class): index (k × 4 + tier) × classes + class. */
  priceMatches: number[][];
  nonAiPriceEffects: number[];
  contracts: ContractTerms[];
  /** Contract in force per month and provider (index into contracts, -1 for list prices). */
  activeContract: Int32Array;
  pools: Pool[];
  /** Pool in force per month, workload and model: index (m × workloads + w) × models + k. */
  activePool: Int32Array;
  monthlyCosts: MonthlyCost[];
  endToEndCosts: EndToEndCost[];
  slots: Slot[];
  /** Usage slot per (workload, model, class): index (w × models + k) × classes + c. */
  usageSlots: Int32Array;
  guardrails: Guardrails;
  warnings: string[];
  /** Largest number of profiles in any workload (scratch sizing). */
  maxProfiles: number;
  maxAlternatives: number;
}

export function priceIndex(plan: ScenarioPlan, m: number, k: number, tier: number, c: number, band: number): number {
  return (((m * plan.models.length + k) * 4 + tier) * ENGINE_CLASSES.length + c) * plan.prices.bands + band;
}
