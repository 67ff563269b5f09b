import { z } from 'zod';
import { CurrencyCode, Id, Money, Month } from '../../domain/schemas';

/** Run options, and results: the shape `aispend run --json` prints. */

export const RunOptions = z
  .object({
    /** Overrides the baseline's horizon. */
    months: z.number().int().min(1).max(120).optional(),
    /** Monte Carlo draws (0: deterministic only). */
    draws: z.number().int().min(0).max(1_000_000).default(0),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    /** Rank inputs by how far each moves cost per unit (on when draws > 0). */
    tornado: z.boolean().optional(),
    /** Only these scenarios (default: all in the file). */
    scenarios: z.array(Id).optional(),
    /** Named assumptions changed for this run (`aispend run --set NAME=VALUE`): one value for every cell of the name, or one per cell. */
    set: z
      .array(z.object({ name: z.string().min(1).max(255), values: z.array(z.string().regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, 'a number')).min(1).max(1200) }).strict())
      .max(500)
      .optional(),
  })
  .strict();
export type RunOptions = z.input<typeof RunOptions>;

/** Figures a Monte Carlo run reports at P10, P50 and P90. */
export const RangeFigures = z.object({
  totalCost: Money,
  aiCost: Money,
  costPerUnit: Money.nullable(),
  aiCostPerUnit: Money.nullable(),
  costPerSuccess: Money.nullable(),
  savingsVsBaseline: Money,
});
export type RangeFigures = z.infer<typeof RangeFigures>;

export const GuardrailFlag = z.object({
  month: Month,
  kind: z.enum(['quality', 'latency', 'capacity', 'budget']),
  workload: z.string().nullable(),
  value: z.number(),
  limit: z.number(),
  message: z.string(),
});
export type GuardrailFlag = z.infer<typeof GuardrailFlag>;

export const COST_COMPONENTS = [
  'input',
  'cached_input',
  'cache_write',
  'output',
  'other_usage',
  'provisioned',
  'contract_adjustment',
  'response_cache',
  'migration',
  'adjacent',
  'alternative',
  'non_ai',
] as const;
export const CostComponent = z.enum(COST_COMPONENTS);
export type CostComponent = z.infer<typeof CostComponent>;

export const ScenarioMonth = z.object({
  month: Month,
  /** All-in cost: AI, adjacent, alternative handling and the process's non-AI costs. */
  totalCost: Money,
  /** Vendor charges (after contracts), provisioned capacity, response caching, migration and adjacent costs. */
  aiCost: Money,
  businessUnits: z.number(),
  costPerUnit: Money.nullable(),
  aiCostPerUnit: Money.nullable(),
  /** Cost of doing the work (vendor usage after contract terms, capacity, caches, alternative handling) per successful outcome, retries and escalations included. */
  costPerSuccess: Money.nullable(),
  requests: z.number(),
  successes: z.number(),
  savingsVsBaseline: Money,
  cumulativeSavings: Money,
  byVendor: z.record(z.string(), Money),
  byModel: z.record(z.string(), Money),
  byWorkload: z.record(z.string(), Money),
  byComponent: z.record(z.string(), Money),
  p10: RangeFigures.optional(),
  p50: RangeFigures.optional(),
  p90: RangeFigures.optional(),
});
export type ScenarioMonth = z.infer<typeof ScenarioMonth>;

export const HorizonFigures = z.object({
  totalCost: Money,
  aiCost: Money,
  savingsVsBaseline: Money,
  costPerUnit: Money.nullable(),
  aiCostPerUnit: Money.nullable(),
  costPerSuccess: Money.nullable(),
  /**
   * First month from which cumulative savings stay at or above zero, where there was something to recover (an
   * upfront cost, or cumulative savings that start negative); null if never, if there was nothing to recover
   * (noUpfrontCost), or for the baseline.
   */
  breakEvenMonth: Month.nullable(),
  /** Cumulative savings never fall below zero and end above it: no break-even to report (see savingsStartMonth). */
  noUpfrontCost: z.boolean(),
});

export const ScenarioKpis = HorizonFigures.extend({
  /** The first month whose saving against the baseline is above zero; null if none (or for the baseline). */
  savingsStartMonth: Month.nullable(),
  p10: HorizonFigures.optional(),
  p50: HorizonFigures.optional(),
  p90: HorizonFigures.optional(),
});
export type ScenarioKpis = z.infer<typeof ScenarioKpis>;

export const CommitmentMonth = z.object({ month: Month, committed: Money, eligibleSpend: Money, shortfall: Money, utilisation: z.number().nullable() });
export const CreditMonth = z.object({ month: Month, opening: Money, granted: Money, consumed: Money, forfeited: Money, closing: Money });

export const ContractOutcome = z.object({
  provider: z.string(),
  contract: z.string(),
  commitment: z.array(CommitmentMonth),
  credits: z.array(CreditMonth),
  /** First month the credit balance reaches zero after credits were granted; null if never. */
  creditExhaustionMonth: Month.nullable(),
});
export type ContractOutcome = z.infer<typeof ContractOutcome>;

export const ProvisionMonth = z.object({ month: Month, model: z.string(), units: z.number(), utilisation: z.number(), overflowShare: z.number() });

export const ScenarioResult = z.object({
  id: z.string(),
  name: z.string(),
  isBaseline: z.boolean(),
  months: z.array(ScenarioMonth),
  kpis: ScenarioKpis,
  contracts: z.array(ContractOutcome),
  provisioned: z.array(ProvisionMonth),
  flags: z.array(GuardrailFlag),
  warnings: z.array(z.string()),
});
export type ScenarioResult = z.infer<typeof ScenarioResult>;

export const TornadoEntry = z.object({
  input: z.string(),
  label: z.string(),
  lowInput: z.number(),
  highInput: z.number(),
  /** Horizon cost per unit with the input at its P10 and P90, everything else at its base. */
  low: Money,
  high: Money,
  swing: Money,
});

export const Tornado = z.object({ scenario: z.string(), kpi: z.literal('costPerUnit'), base: Money, entries: z.array(TornadoEntry) });
export type Tornado = z.infer<typeof Tornado>;

/**
 * How a run's P10/P50/P90 were worked out: exact order statistics of every
 * draw, or — for runs too large to keep every draw's figures — from a
 * histogram of `bins` bins per figure, each percentile within one bin width
 * of the exact one (at most 2 / (bins − 2) of the spread between that
 * figure's lowest and highest draw).
 */
export const PercentileMethod = z.discriminatedUnion('method', [z.object({ method: z.literal('exact'), bins: z.null() }), z.object({ method: z.literal('binned'), bins: z.number().int().positive() })]);
export type PercentileMethod = z.infer<typeof PercentileMethod>;

export const RunResult = z.object({
  name: z.string(),
  currency: CurrencyCode,
  unit: z.string(),
  start: Month,
  months: z.number().int(),
  draws: z.number().int(),
  seed: z.number().int().nullable(),
  /** With draws: how the percentiles were worked out (absent in runs saved before it was reported). */
  percentiles: PercentileMethod.optional(),
  scenarios: z.array(ScenarioResult),
  tornado: z.array(Tornado),
});
export type RunResult = z.infer<typeof RunResult>;
