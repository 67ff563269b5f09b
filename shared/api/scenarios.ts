import { z } from 'zod';
import { CurrencyCode, FilePath, Money, Month, ServiceTierSchema, UsageClassSchema } from './common';
import { job, method } from './define';
import { PriceRowSchema } from './pricing';

/**
 * What-if scenarios: the file format (YAML in scenarios/, documented in
 * scenarios/README.md, exported as JSON Schema for editor completion), the
 * workloads and business drivers it builds on, run options, and results (the
 * shape `aispend run --json` prints).
 *
 * Any numeric input may be a plain number, a range ({min, max}: uniform) or a
 * distribution ({dist: triangular | pert | uniform | normal | lognormal}). A
 * deterministic run uses each input's `base` if given, else its most likely
 * value (mode for triangular and PERT, mean otherwise); Monte Carlo draws it.
 */

const Finite = z.number();
/** The value a deterministic run uses instead of the distribution's default point. */
const Base = Finite.optional().describe('value used by the deterministic run (default: mode for triangular/PERT, mean otherwise)');

export const UniformDist = z
  .object({ dist: z.literal('uniform'), min: Finite, max: Finite, base: Base })
  .strict()
  .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] });
export const TriangularDist = z
  .object({ dist: z.literal('triangular'), min: Finite, mode: Finite, max: Finite, base: Base })
  .strict()
  .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min ≤ mode ≤ max', path: ['mode'] });
export const PertDist = z
  .object({ dist: z.literal('pert'), min: Finite, mode: Finite, max: Finite, base: Base })
  .strict()
  .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min ≤ mode ≤ max', path: ['mode'] });
export const NormalDist = z.object({ dist: z.literal('normal'), mean: Finite, sd: z.number().positive(), base: Base }).strict();
/** Mean and standard deviation of the value itself (not of its logarithm). */
export const LognormalDist = z.object({ dist: z.literal('lognormal'), mean: z.number().positive(), sd: z.number().positive(), base: Base }).strict();

export const Distribution = z.discriminatedUnion('dist', [UniformDist, TriangularDist, PertDist, NormalDist, LognormalDist]);
export type Distribution = z.infer<typeof Distribution>;

/** A range is a uniform distribution written briefly: {min: 0.6, max: 0.8}. */
export const RangeInput = z
  .object({ min: Finite, max: Finite, base: Base })
  .strict()
  .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] });

export const NumberInput = z.union([Finite, Distribution, RangeInput]);
export type NumberInput = z.infer<typeof NumberInput>;

/** Decimal text for money, read exactly ("6.20"); YAML numbers are accepted too. */
export const DecimalText = z.string().regex(/^-?\d+(\.\d+)?$/, 'money must be a decimal such as "6.20"');
export const MoneyInput = z.union([Finite, DecimalText, Distribution, RangeInput]);
export type MoneyInput = z.infer<typeof MoneyInput>;

/** A share or rate between 0 and 1 (the engine clamps drawn values into 0–1). */
const ShareInput = NumberInput;

/** A model as "provider/model" ("openai/gpt-4.1") or {provider, model}. */
export const ModelRef = z.union([
  z.string().regex(/^[^/\s]+\/\S+$/, 'write a model as provider/model, e.g. openai/gpt-4.1'),
  z.object({ provider: z.string().min(1), model: z.string().min(1) }).strict(),
]);
export type ModelRef = z.infer<typeof ModelRef>;

const Id = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'ids are lower case letters, digits, dot, dash or underscore');

// ---------------------------------------------------------------------------
// Business drivers and workloads

/** Business units per month: one number for every month, a list from the horizon's start (the last value carries on), or month → value. */
export const MonthlySeries = z.union([NumberInput, z.array(NumberInput).min(1), z.record(Month, NumberInput)]);
export type MonthlySeries = z.infer<typeof MonthlySeries>;

/** Money for every month, or month → amount (each holds until the next; months before the first take the first): a cost series from the workspace. */
export const MonthlyMoney = z.union([MoneyInput, z.record(Month, MoneyInput)]);
export type MonthlyMoney = z.infer<typeof MonthlyMoney>;

export const DriverCost = z
  .object({
    name: z.string().min(1),
    /** Cost per business unit (e.g. manual processing per loan). */
    perUnit: MonthlyMoney.optional(),
    /** Fixed cost per month regardless of volume. */
    fixedMonthly: MonthlyMoney.optional(),
  })
  .strict();

export const Driver = z
  .object({
    id: Id,
    name: z.string().optional(),
    /** The unit in the singular, in users' words: "loan". */
    unit: z.string().min(1).default('unit'),
    unitsPerMonth: MonthlySeries,
    /** Non-AI costs of the business process (manual processing, human review). */
    costs: z.array(DriverCost).default([]),
  })
  .strict();
export type Driver = z.infer<typeof Driver>;

export const PromptCacheInput = z
  .object({
    /** Share of each prompt that is a stable prefix that could be cached (system prompt, documents). */
    cacheableShare: ShareInput,
    /** Share of cacheable prefixes found in the cache; the rest are written to it. */
    hitRate: ShareInput,
    /** Cache lifetime: decides the write price (cache_write_5m or cache_write_1h). */
    ttl: z.enum(['5m', '1h']).default('5m'),
  })
  .strict();

export const ResponseCacheInput = z
  .object({
    /** Share of requests answered from a response cache without calling a model. */
    share: ShareInput,
    /** Infrastructure cost of the cache per month. */
    monthlyCost: MoneyInput.optional(),
    /** Cost per request looked up in the cache. */
    costPerRequest: MoneyInput.optional(),
  })
  .strict();

export const WorkloadModel = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    /** Share of the workload's requests sent to this model first (0 for escalation-only models). */
    share: ShareInput,
    /** Share of attempts that succeed. */
    successRate: ShareInput.default(1),
    /** Retries on the same model after a failure. */
    maxRetries: z.number().int().min(0).max(10).default(0),
    /** Where requests go when this model (and its retries) failed: another model of this workload. */
    escalateTo: ModelRef.optional(),
    /** Tokens this model uses relative to the workload's tokensPerRequest (tokenizers and verbosity differ). */
    tokenRatio: NumberInput.default(1),
    /** Output tokens relative to tokensPerRequest.output, when they differ from tokenRatio. */
    outputTokenRatio: NumberInput.optional(),
    /** Typical latency of one attempt, for the latency guardrail. */
    latencyMs: NumberInput.optional(),
  })
  .strict();
export type WorkloadModel = z.infer<typeof WorkloadModel>;

export const TierMix = z
  .object({ standard: ShareInput.optional(), batch: ShareInput.optional(), flex: ShareInput.optional(), priority: ShareInput.optional() })
  .strict();

export const WorkloadGuardrails = z
  .object({
    /** Lowest acceptable share of requests that end in success (retries and escalations included). */
    qualityFloor: z.number().min(0).max(1).optional(),
    /** Highest acceptable mean latency per request, escalations included. */
    latencyCeilingMs: z.number().positive().optional(),
  })
  .strict();

export const Workload = z
  .object({
    id: Id,
    name: z.string().optional(),
    /** The business driver whose units create this work. */
    driver: Id,
    requestsPerUnit: NumberInput,
    /** Tokens of one request on the reference model: the whole prompt (cached or not) and the output. */
    tokensPerRequest: z.object({ input: NumberInput, output: NumberInput }).strict(),
    /** Other billed units per request (web searches, images, request fees). */
    unitsPerRequest: z.partialRecord(z.enum(['request', 'image', 'audio_second', 'tool_call', 'other']), NumberInput).optional(),
    models: z.array(WorkloadModel).min(1),
    /** Shares of traffic by service tier (default: all standard). */
    tiers: TierMix.optional(),
    promptCache: PromptCacheInput.optional(),
    responseCache: ResponseCacheInput.optional(),
    guardrails: WorkloadGuardrails.optional(),
  })
  .strict();
export type Workload = z.infer<typeof Workload>;

// ---------------------------------------------------------------------------
// Inline prices (what-if prices for a model; they override the price book)

/** Prices per `per` units (default one million tokens) for one model; tiers scale the standard prices unless priced explicitly. */
export const ModelPrice = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    per: z.number().int().positive().default(1_000_000),
    input: DecimalText.or(Finite),
    output: DecimalText.or(Finite),
    cachedInput: DecimalText.or(Finite).optional(),
    cacheWrite5m: DecimalText.or(Finite).optional(),
    cacheWrite1h: DecimalText.or(Finite).optional(),
    /** Per-unit prices of other classes (a request fee, a web search), per single unit. */
    perUnit: z.partialRecord(z.enum(['request', 'image', 'audio_second', 'tool_call', 'other']), DecimalText.or(Finite)).optional(),
    /** Multipliers of the standard prices by tier, e.g. batch 0.5, priority 1.75. */
    tiers: z.partialRecord(z.enum(['batch', 'flex', 'priority']), Finite.positive()).optional(),
    from: Month.optional(),
    to: Month.optional(),
    note: z.string().optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof ModelPrice>;

// ---------------------------------------------------------------------------
// Levers

const LeverCommon = {
  id: Id.optional(),
  name: z.string().optional(),
  note: z.string().optional(),
  /** First month the lever acts. */
  start: Month,
  /** Months to reach full effect, growing linearly (0 or 1: full effect from the start). */
  rampMonths: z.number().int().min(0).max(120).default(0),
  /** Workloads the lever touches (default: all). */
  workloads: z.array(Id).optional(),
};

export const RouteLever = z
  .object({
    type: z.literal('route'),
    ...LeverCommon,
    from: ModelRef,
    to: ModelRef,
    /** Share of the from-model's traffic that moves. */
    share: ShareInput,
    /** move: the share runs on the new model; cascade: the new model goes first and its failures escalate once to the from-model. */
    mode: z.enum(['move', 'cascade']).default('move'),
    successRate: ShareInput.optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    tokenRatio: NumberInput.default(1),
    outputTokenRatio: NumberInput.optional(),
    latencyMs: NumberInput.optional(),
    /** Months for the moved traffic's prompt cache to warm up from empty (its hit rate ramps up, writes are paid again). */
    cacheWarmupMonths: z.number().min(0).max(24).default(1),
    /** One-time cost of the move (evals, prompt rework), in the start month. */
    migrationCost: MoneyInput.optional(),
  })
  .strict();

export const CacheLever = z
  .object({
    type: z.literal('cache'),
    ...LeverCommon,
    prompt: PromptCacheInput.partial().optional(),
    response: ResponseCacheInput.optional(),
  })
  .strict();

export const TierLever = z
  .object({
    type: z.literal('tier'),
    ...LeverCommon,
    /** Shares of standard traffic moved to each tier (deferrable work to batch or flex, latency-critical to priority). */
    batch: ShareInput.optional(),
    flex: ShareInput.optional(),
    priority: ShareInput.optional(),
  })
  .strict();

/** A simple offer priced by the engine itself: % off list, a monthly take-or-pay commitment, prepaid credits, a minimum fee. */
export const Offer = z
  .object({
    discountPct: NumberInput.optional(),
    monthlyCommitment: MoneyInput.optional(),
    credits: z
      .array(
        z
          .object({
            amount: MoneyInput,
            start: Month,
            /** Last month the credits may be used; what is left then is forfeited. */
            expires: Month,
          })
          .strict(),
      )
      .optional(),
    minimumMonthlyFee: MoneyInput.optional(),
  })
  .strict();
export type Offer = z.infer<typeof Offer>;

export const ContractLever = z
  .object({
    type: z.literal('contract'),
    ...LeverCommon,
    /** The vendor whose usage is priced under the contract from the start month. */
    provider: z.string().min(1),
    /** A contract known to the workspace (priced by the contracts module), or ... */
    contract: z.string().min(1).optional(),
    /** ... an offer written here. */
    offer: Offer.optional(),
  })
  .strict()
  .refine((l) => (l.contract === undefined) !== (l.offer === undefined), { message: 'give either contract or offer', path: ['contract'] });

export const ProvisionLever = z
  .object({
    type: z.literal('provision'),
    ...LeverCommon,
    model: ModelRef,
    units: NumberInput,
    pricePerUnitHour: MoneyInput.optional(),
    pricePerUnitMonth: MoneyInput.optional(),
    /** Throughput of one unit: tokens per minute (input + output × outputTokenWeight). */
    tokensPerMinutePerUnit: NumberInput,
    /** Peak rate over average rate. */
    peakFactor: NumberInput.default(1),
    /** How much an output token weighs against an input token in the throughput (vendors publish this). */
    outputTokenWeight: z.number().positive().default(1),
  })
  .strict()
  .refine((l) => (l.pricePerUnitHour === undefined) !== (l.pricePerUnitMonth === undefined), {
    message: 'give either pricePerUnitHour or pricePerUnitMonth',
    path: ['pricePerUnitHour'],
  });

export const PriceLever = z
  .object({
    type: z.literal('price'),
    ...LeverCommon,
    /** Change in percent: -10 is 10% cheaper. */
    pct: NumberInput,
    /** ai: vendor prices (optionally only this provider, model, usage class or tier); nonAi: the drivers' non-AI costs; all: both. */
    scope: z.enum(['ai', 'nonAi', 'all']).default('ai'),
    provider: z.string().optional(),
    model: z.string().optional(),
    usageClasses: z.array(UsageClassSchema).optional(),
    tiers: z.array(ServiceTierSchema).optional(),
  })
  .strict();

export const VolumeLever = z
  .object({
    type: z.literal('volume'),
    ...LeverCommon,
    /** Drivers whose business volume changes (default: all). */
    drivers: z.array(Id).optional(),
    /** Business volume × factor at full ramp (3 = triples). */
    factor: NumberInput.optional(),
    /** Compound growth in percent per month from the start month. */
    monthlyGrowthPct: NumberInput.optional(),
    /** Tokens per request up or down, in percent. */
    inputTokensPct: NumberInput.optional(),
    outputTokensPct: NumberInput.optional(),
    /** Requests per business unit up or down, in percent. */
    requestsPerUnitPct: NumberInput.optional(),
  })
  .strict();

export const AdjacentCost = z
  .object({
    name: z.string().min(1),
    kind: z.enum(['vector_db', 'hardware', 'human_review', 'workforce', 'other']).default('other'),
    fixedMonthly: MoneyInput.optional(),
    /** Per business unit of `driver`. */
    perUnit: MoneyInput.optional(),
    driver: Id.optional(),
    /** Per request of the lever's workloads. */
    perRequest: MoneyInput.optional(),
    /** Once, in the start month. */
    oneTime: MoneyInput.optional(),
  })
  .strict();

export const AdjacentLever = z
  .object({
    type: z.literal('adjacent'),
    ...LeverCommon,
    costs: z.array(AdjacentCost).min(1),
  })
  .strict();

export const AlternativeLever = z
  .object({
    type: z.literal('alternative'),
    ...LeverCommon,
    /** Who does the work instead: people or rules (or nothing at all with share 1 everywhere). */
    by: z.enum(['people', 'rules']).default('people'),
    /** Share of the workload's (remaining AI) work handled this way. */
    share: ShareInput,
    /** Cost per business unit of the workload's driver (e.g. per loan). */
    costPerUnit: MoneyInput.optional(),
    costPerRequest: MoneyInput.optional(),
    fixedMonthly: MoneyInput.optional(),
    successRate: ShareInput.default(1),
  })
  .strict();

export const Lever = z.discriminatedUnion('type', [RouteLever, CacheLever, TierLever, ContractLever, ProvisionLever, PriceLever, VolumeLever, AdjacentLever, AlternativeLever]);
export type Lever = z.infer<typeof Lever>;
export const LEVER_TYPES = ['route', 'cache', 'tier', 'contract', 'provision', 'price', 'volume', 'adjacent', 'alternative'] as const;
export type LeverType = (typeof LEVER_TYPES)[number];

// ---------------------------------------------------------------------------
// Baseline, scenarios, the file

export const Guardrails = WorkloadGuardrails.extend({
  /** Highest acceptable AI cost in a month. */
  monthlyBudget: z.union([Finite, DecimalText]).optional(),
  /** Highest acceptable utilisation of provisioned capacity (overflow is always flagged). */
  maxUtilisation: z.number().positive().max(1).optional(),
}).strict();
export type Guardrails = z.infer<typeof Guardrails>;

/**
 * Parts of the baseline the workspace supplies when the file runs in it (the
 * app, `aispend run --workspace`): its business drivers, and workloads derived
 * from its ledger by the saved mapping. What the file writes itself wins, by id.
 */
export const FromWorkspace = z
  .object({
    /** The workspace's business drivers: all of them (true) or these ids. */
    drivers: z.union([z.literal(true), z.array(Id).min(1)]).optional(),
    /** Workload profiles derived from the ledger over these months (inclusive). */
    workloads: z.object({ from: Month, to: Month }).strict().optional(),
  })
  .strict();
export type FromWorkspace = z.infer<typeof FromWorkspace>;

export const Baseline = z
  .object({
    start: Month,
    months: z.number().int().min(1).max(120).default(12),
    currency: CurrencyCode.default('USD'),
    /** The driver whose units the per-unit KPIs use (default: the first). */
    unitDriver: Id.optional(),
    /** Take drivers and workloads from the workspace the file runs in. */
    fromWorkspace: FromWorkspace.optional(),
    /** At least one, here or from the workspace. */
    drivers: z.array(Driver).default([]),
    workloads: z.array(Workload).default([]),
    /** What-if or missing prices; they take precedence over the price book. */
    prices: z.array(ModelPrice).default([]),
    /** Known changes that are part of the status quo (a contract in force, expected growth). */
    levers: z.array(Lever).default([]),
    guardrails: Guardrails.optional(),
  })
  .strict();
export type Baseline = z.infer<typeof Baseline>;
export type BaselineInput = z.input<typeof Baseline>;

export const Scenario = z
  .object({
    id: Id,
    name: z.string().min(1),
    description: z.string().optional(),
    levers: z.array(Lever).default([]),
    guardrails: Guardrails.optional(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioFile = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().optional(),
    description: z.string().optional(),
    /** Another scenario file (relative path) whose baseline this file uses. */
    extends: z.string().min(1).optional(),
    baseline: Baseline.optional(),
    /** Levers added to the baseline for this file's question (e.g. "loans triple"), applied in every scenario too. */
    baselineLevers: z.array(Lever).default([]),
    scenarios: z.array(Scenario).default([]),
  })
  .strict()
  .refine((f) => (f.extends === undefined) !== (f.baseline === undefined), { message: 'give either a baseline or extends', path: ['baseline'] });
export type ScenarioFile = z.infer<typeof ScenarioFile>;
export type ScenarioFileInput = z.input<typeof ScenarioFile>;

// ---------------------------------------------------------------------------
// Run options and results

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
  /** First month from which cumulative savings stay at or above zero; null if never (or for the baseline). */
  breakEvenMonth: Month.nullable(),
});

export const ScenarioKpis = HorizonFigures.extend({
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

export const RunResult = z.object({
  name: z.string(),
  currency: CurrencyCode,
  unit: z.string(),
  start: Month,
  months: z.number().int(),
  draws: z.number().int(),
  seed: z.number().int().nullable(),
  scenarios: z.array(ScenarioResult),
  tornado: z.array(Tornado),
});
export type RunResult = z.infer<typeof RunResult>;

// ---------------------------------------------------------------------------
// Workload mapping (ledger → workloads)

export const MappingRule = z
  .object({
    /** Every given condition must hold. */
    match: z
      .object({
        tag: z.object({ key: z.string().min(1), value: z.string() }).strict().optional(),
        project: z.string().optional(),
        apiKey: z.string().optional(),
        provider: z.string().optional(),
        model: z.string().optional(),
      })
      .strict(),
    workload: Id,
  })
  .strict();

export const WorkloadMapping = z
  .object({
    rules: z.array(MappingRule),
    /** Settings the ledger cannot tell, per workload: driver, success rates, latency, requests per month when the ledger has no request counts. */
    workloads: z
      .array(
        z
          .object({
            id: Id,
            name: z.string().optional(),
            driver: Id,
            /** Average prompt tokens per request, used to estimate requests when the ledger has no request counts. */
            inputTokensPerRequest: z.number().positive().optional(),
            models: z
              .array(
                z
                  .object({
                    provider: z.string(),
                    model: z.string(),
                    successRate: z.number().min(0).max(1).optional(),
                    latencyMs: z.number().positive().optional(),
                    escalateTo: ModelRef.optional(),
                    maxRetries: z.number().int().min(0).max(10).optional(),
                    /** Prompt tokens per request on this model, when it differs from the workload's. */
                    inputTokensPerRequest: z.number().positive().optional(),
                  })
                  .strict(),
              )
              .default([]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();
export type WorkloadMapping = z.infer<typeof WorkloadMapping>;

export const DerivedWorkloads = z.object({
  workloads: z.array(Workload),
  /** Ledger cost no rule mapped, by provider/model, so nothing disappears silently. */
  unmapped: z.array(z.object({ provider: z.string(), model: z.string().nullable(), cost: Money })),
  notes: z.array(z.string()),
});
export type DerivedWorkloads = z.infer<typeof DerivedWorkloads>;

// ---------------------------------------------------------------------------
// JSON Schema for editors (scripts/export-scenario-schema.ts writes it to scenarios/)

/** The scenario file format as JSON Schema (input shape: defaulted fields are optional), with named $defs. */
export function scenarioFileJsonSchema(): Record<string, unknown> {
  const named = z.registry<{ id: string; description?: string }>();
  named.add(NumberInput, { id: 'NumberInput', description: 'A number, a range {min, max} (uniform), or a distribution {dist: triangular | pert | uniform | normal | lognormal}.' });
  named.add(MoneyInput, { id: 'MoneyInput', description: 'Money as a decimal ("6.20") or number, a range or a distribution.' });
  named.add(Distribution, { id: 'Distribution' });
  named.add(ModelRef, { id: 'ModelRef', description: 'provider/model, e.g. openai/gpt-4.1' });
  named.add(MonthlySeries, { id: 'MonthlySeries' });
  named.add(MonthlyMoney, { id: 'MonthlyMoney', description: 'Money for every month, or month → amount (each holds until the next).' });
  named.add(Driver, { id: 'Driver' });
  named.add(Workload, { id: 'Workload' });
  named.add(ModelPrice, { id: 'ModelPrice' });
  named.add(Lever, { id: 'Lever', description: 'One lever: route, cache, tier, contract, provision, price, volume, adjacent or alternative.' });
  named.add(Baseline, { id: 'Baseline' });
  named.add(Scenario, { id: 'Scenario' });
  return {
    $id: 'https://aispend.local/scenario.schema.json',
    title: 'AI Spend Workbench scenario file',
    description: 'A baseline (business drivers, workloads, prices) and scenarios made of ordered levers. See scenarios/README.md.',
    ...z.toJSONSchema(ScenarioFile, { io: 'input', metadata: named, unrepresentable: 'any' }),
  };
}

// ---------------------------------------------------------------------------
// Workspace business drivers: monthly series of units and non-AI costs

/** A column of non-AI cost: per business unit (manual processing per loan) or per month (an office). */
export const DriverCostColumn = z.object({ name: z.string().min(1).max(200), basis: z.enum(['perUnit', 'fixedMonthly']) }).strict();
export type DriverCostColumn = z.infer<typeof DriverCostColumn>;

const NonNegativeMoney = Money.refine((m) => !m.startsWith('-'), 'a cost cannot be negative');

export const DriverMonth = z
  .object({
    month: Month,
    units: z.number().min(0).max(1e12),
    /** Cost name → amount in the baseline currency (per unit or per month, as its column says); a month may leave a cost out. */
    costs: z.record(z.string(), NonNegativeMoney).default({}),
  })
  .strict();
export type DriverMonth = z.infer<typeof DriverMonth>;

/** A business driver as the workspace keeps it: units and non-AI costs month by month (imported from CSV/XLSX or typed in). */
export const BusinessDriver = z
  .object({
    id: Id,
    name: z.string().max(200).optional(),
    /** The unit in the singular: "loan". */
    unit: z.string().min(1).max(50).default('unit'),
    costs: z.array(DriverCostColumn).max(50).default([]),
    months: z.array(DriverMonth).max(1200).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.costs.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', message: `the cost ${c.name} is listed twice`, path: ['costs', i, 'name'] });
      names.add(c.name);
    });
    const months = new Set<string>();
    d.months.forEach((m, i) => {
      if (months.has(m.month)) ctx.addIssue({ code: 'custom', message: `the month ${m.month} is listed twice`, path: ['months', i, 'month'] });
      months.add(m.month);
      for (const name of Object.keys(m.costs)) {
        if (!names.has(name)) ctx.addIssue({ code: 'custom', message: `${name} is not one of this driver's costs`, path: ['months', i, 'costs', name] });
      }
    });
  });
export type BusinessDriver = z.infer<typeof BusinessDriver>;
export type BusinessDriverInput = z.input<typeof BusinessDriver>;

// ---------------------------------------------------------------------------
// API (registered in index.ts)

const ScenarioFileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, 'not a scenario file id');
export const ValidationIssue = z.object({ path: z.string(), message: z.string(), line: z.number().int().nullable() });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/**
 * What to run: a scenario file of the workspace (by id) or a file on this
 * machine (path; the CLI), optionally with unsaved text (the builder's live
 * preview). `extends` resolves next to the file: among the workspace's files,
 * or on disk.
 */
export const RunSource = z
  .object({
    id: ScenarioFileId.optional(),
    path: FilePath.optional(),
    yaml: z.string().max(2_000_000).optional(),
    options: RunOptions.optional(),
  })
  .strict()
  .refine((r) => (r.id === undefined) !== (r.path === undefined), { message: 'name either a workspace file (id) or a file on disk (path)', path: ['id'] });
export type RunSource = z.input<typeof RunSource>;

export const ScenarioFileSummary = z.object({
  id: ScenarioFileId,
  name: z.string(),
  description: z.string().nullable(),
  extends: z.string().nullable(),
  scenarios: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
export type ScenarioFileSummary = z.infer<typeof ScenarioFileSummary>;

export const SavedRun = z.object({ ranAt: z.string(), draws: z.number().int(), seed: z.number().int().nullable(), result: RunResult });
export type SavedRun = z.infer<typeof SavedRun>;

/** A scenario file with its baseline in hand (extends and fromWorkspace resolved): what an engine worker runs. */
export const ResolvedFile = z.object({ name: z.string(), path: z.string(), baseline: Baseline, scenarios: z.array(Scenario) });

/** The workspace's pricing inputs as engine workers rebuild them: its own price rows and its stored contracts' YAML. */
export const PricingInputsWire = z.object({
  userPriceRows: z.array(PriceRowSchema),
  contracts: z.array(z.object({ fileName: z.string(), yaml: z.string() })),
});

export const scenarioMethods = {
  'scenarios.list': method(z.object({}).strict(), z.object({ files: z.array(ScenarioFileSummary) }), 'Scenario files of the workspace.'),
  'scenarios.get': method(z.object({ id: ScenarioFileId }).strict(), z.object({ id: ScenarioFileId, yaml: z.string(), updatedAt: z.string() }), 'One scenario file as YAML text.'),
  'scenarios.save': method(
    z.object({ id: ScenarioFileId, yaml: z.string().max(2_000_000) }).strict(),
    z.object({ id: ScenarioFileId, saved: z.boolean(), issues: z.array(ValidationIssue) }),
    'Validates and stores a scenario file; refuses (saved: false, with the issues) when it does not validate.',
  ),
  'scenarios.delete': method(z.object({ id: ScenarioFileId }).strict(), z.object({ deleted: z.boolean() }), 'Removes a scenario file (refused while another file extends it).'),
  'scenarios.validate': method(
    z.object({ yaml: z.string().max(2_000_000) }).strict(),
    z.object({ ok: z.boolean(), issues: z.array(ValidationIssue) }),
    'Checks scenario YAML against the schema, with the line of each issue.',
  ),
  'scenarios.run': method(RunSource, RunResult, 'Runs a scenario file deterministically (in a worker thread); Monte Carlo runs are the scenarios.simulate job.'),
  'scenarios.resolve': method(
    RunSource,
    z.object({ file: ResolvedFile, pricing: PricingInputsWire, notes: z.array(z.string()) }),
    'A scenario file with extends and fromWorkspace resolved, and the pricing inputs: what the browser worker needs to run it.',
  ),
  'scenarios.lastRun': method(z.object({ id: ScenarioFileId }).strict(), z.object({ run: SavedRun.nullable() }), 'The latest saved result of a workspace scenario file.'),
  'workloads.derive': method(
    z.object({ from: Month, to: Month, mapping: WorkloadMapping.optional() }).strict(),
    DerivedWorkloads,
    'Workload profiles from the ledger over a period, by the saved (or given) mapping.',
  ),
  'workloads.getMapping': method(z.object({}).strict(), WorkloadMapping, 'The saved ledger-to-workload mapping.'),
  'workloads.saveMapping': method(WorkloadMapping, z.object({ saved: z.boolean() }), 'Saves the ledger-to-workload mapping.'),
  'drivers.list': method(z.object({}).strict(), z.object({ drivers: z.array(BusinessDriver) }), 'Business drivers of the workspace, month by month.'),
  'drivers.save': method(z.object({ drivers: z.array(BusinessDriver).max(100) }).strict(), z.object({ saved: z.number().int() }), 'Replaces the business drivers.'),
  'drivers.import': method(
    z
      .object({
        /** A CSV or XLSX file on this machine (browser mode: the path /api/upload returned). */
        path: FilePath,
        /** Driver id for the units column (default: from its header). */
        driver: Id.optional(),
        unit: z.string().min(1).max(50).optional(),
      })
      .strict(),
    z.object({ driver: BusinessDriver, months: z.number().int(), replaced: z.boolean() }),
    'Imports one business driver from a table: month, units, then non-AI cost columns; replaces a driver with the same id.',
  ),
};

export const scenarioJobs = {
  'scenarios.simulate': job(RunSource, RunResult, 'Runs scenarios (Monte Carlo draws and a tornado when draws > 0) in worker threads, with progress and cancel.'),
};
