/**
 * What a lever module is. Each lever (route, cache, tier, ...) is one module
 * in this folder holding everything about it: the schema of its YAML, how it
 * compiles into the plan, how the evaluator applies it month by month, the
 * builder's form, and the example a new lever starts as. index.ts collects
 * them in a record keyed by lever type, so a module missing any part does not
 * compile.
 */
import { z } from 'zod';
import { Id } from '../../domain/schemas';
import { PlanMonth } from '../schema/inputs';
import type { Domain, ParamTable } from '../params';
import type { ContractTerms, EndToEndCost, MonthlyCost, PlanWorkload, Pool, PriceEffect, Timing, VolumeEffect } from '../plan';
import type { Baseline, CostComponent } from '../schema';
import type { LeverForm } from './form';

/** Fields every lever has: when it starts, how it ramps up, which workloads it touches. */
export const LeverCommon = {
  id: Id.optional(),
  name: z.string().optional(),
  note: z.string().optional(),
  /** First month the lever acts. */
  start: PlanMonth,
  /** Months to reach full effect, growing linearly (0 or 1: full effect from the start). */
  rampMonths: z.number().int().min(0).max(120).default(0),
  /** Workloads the lever touches (default: all). */
  workloads: z.array(Id).optional(),
};

/** A lever's schema: an object with a literal `type` and the common fields (a refinement may check field combinations). */
export type LeverSchema = z.ZodObject<{ type: z.ZodLiteral<string> } & typeof LeverCommon & z.ZodRawShape>;

/**
 * What the levers of a workload act on in one month, before its requests are
 * priced (evaluate.ts resets it from the baseline each workload month, then
 * runs each lever's step in order).
 */
export interface WorkloadMonth {
  /** Share of model traffic per profile of the workload. */
  readonly share: Float64Array;
  /** Prompt-cache warmth per profile (1: warm). */
  readonly warm: Float64Array;
  /** Shares of the standard, batch, flex and priority tiers. */
  readonly tiers: Float64Array;
  /** Share of the work moved to each of the workload's alternatives. */
  readonly altMoved: Float64Array;
  requestsPerUnit: number;
  inputTokens: number;
  outputTokens: number;
  cacheable: number;
  hitRate: number;
  ttl1h: boolean;
  responseShare: number;
  /** Share of the work the AI still does after alternatives took theirs. */
  aiRemaining: number;
}

/**
 * A lever's effect on one workload month: `data` is what its compile step
 * stored for the workload, `v` the run's parameter values, `r` the ramp
 * (0 < r ≤ 1; the evaluator skips months where it is 0), `m` the month.
 */
export type LeverStep<D> = (s: WorkloadMonth, data: D, v: Float64Array, r: number, m: number) => void;

/** The plan as compile builds it: what a lever reads (baseline, workloads) and where it puts its effects. */
export interface PlanBuilder {
  readonly baseline: Baseline;
  /** The horizon's months. */
  readonly months: readonly string[];
  readonly params: ParamTable;
  readonly workloads: PlanWorkload[];
  /** The driver the per-unit figures use. */
  readonly unitDriver: number;
  modelOf(provider: string, model: string): number;
  providerIndexOf(provider: string): number;
  slotFor(workload: string | null, provider: string | null, model: string | null, component: CostComponent): number;
  driverOf(id: string, field: string): number;
  /** Business volume changes, applied to the drivers' units before the workloads. */
  readonly volume: VolumeEffect[];
  /** Price changes; the filter picks the (model, tier, class) prices they touch. */
  readonly priceEffects: (PriceEffect & { filter: { provider?: string; model?: string; classes?: string[]; tiers?: string[] } })[];
  /** Contracts and offers, priced after the month's usage (contracts.ts, offer.ts). */
  readonly contracts: ContractTerms[];
  /** Provisioned capacity, served before on-demand prices. */
  readonly pools: Pool[];
  /** Monthly and one-time costs (adjacent costs, caches, migrations). */
  readonly monthlyCosts: MonthlyCost[];
  /** People's cost of units done end to end, per unit of the driver (alternative levers). */
  readonly endToEndCosts: EndToEndCost[];
}

/** What a lever's compile step gets: its place in the file, parameter helpers, and the plan being built. */
export interface LeverContext<D> {
  /** Parameter key prefix ("cascade.levers.0"). */
  readonly key: string;
  /** Its name in messages ("Cascade, lever 1 (route)"). */
  readonly label: string;
  /** Its field path for errors ("scenarios.cascade.levers[0]"). */
  readonly field: string;
  readonly timing: Timing;
  /** Indices of the workloads it touches. */
  readonly scope: readonly number[];
  /** The workload's id when it touches exactly one (cost slots then name it), else null. */
  readonly single: string | null;
  /** Registers a numeric input of the lever (`name` under its key, `what` in users' words) and returns its parameter. */
  num(input: Parameters<ParamTable['number']>[0], fallback: number | undefined, name: string, what: string, domain?: Domain): number;
  /** Registers a money input; -1 when absent. */
  money(input: Parameters<ParamTable['money']>[0], name: string, what: string): number;
  /** A parameter's base value, for checks at compile time (shares adding up). */
  base(param: number): number;
  fail(message: string, field: string): never;
  warn(message: string): void;
  /** Adds this lever's step to a workload: `data` is handed to the module's step each month; `varies` is a per-month factor besides the ramp that changes its effect (a route's cache warmth). */
  addStep(workload: number, data: D, varies?: Float64Array): void;
  readonly plan: PlanBuilder;
}

/** What a new lever starts as in the builder: its start month and models filled in from the file. */
export interface ExampleContext {
  start: string;
  model: string;
  otherModel: string;
  provider: string;
}

export interface LeverModule<S extends LeverSchema = LeverSchema, D = never> {
  /** The lever as a scenario file writes it; the file's JSON Schema is made from it. */
  readonly schema: S;
  /** Resolves names, registers every number as a parameter and puts the lever's effects into the plan. */
  compile(lever: z.output<S>, ctx: LeverContext<D>): void;
  /**
   * Applies what compile added with addStep to a workload month, in lever
   * order; null when the lever acts only through the plan's shared phases
   * (volume, price effects, contracts, provisioned pools, monthly costs),
   * which evaluate.ts prices for every lever alike.
   */
  readonly step: LeverStep<D> | null;
  /** The scenario builder's form (plain data). */
  readonly form: LeverForm;
  /** What a new lever of this kind starts as in the builder. */
  example(ctx: ExampleContext): z.input<S>;
  /** Its label when the file gives it no name (the savings waterfall); null: "<Type> lever <n>". */
  readonly label: ((lever: z.output<S>) => string) | null;
}
