import { z } from 'zod';
import { Id } from '../../domain/schemas';
import { DecimalText, Finite, ModelRef, MoneyInput, MoneyNumber, NumberInput, PlanMonth, ShareInput } from './inputs';

/** The baseline's parts: business drivers, workloads and their models, what-if prices. */

/** Business units per month: one number for every month, a list from the horizon's start (the last value carries on), or month → value. */
export const MonthlySeries = z.union([NumberInput, z.array(NumberInput).min(1), z.record(PlanMonth, NumberInput)]);
export type MonthlySeries = z.infer<typeof MonthlySeries>;

/** Money for every month, or month → amount (each holds until the next; months before the first take the first): a cost series from the workspace. */
export const MonthlyMoney = z.union([MoneyInput, z.record(PlanMonth, MoneyInput)]);
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
    latencyCeilingMs: Finite.positive().optional(),
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

/** Inline prices (what-if prices for a model; they override the price book): prices per `per` units (default one million tokens) for one model; tiers scale the standard prices unless priced explicitly. */
export const ModelPrice = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    per: Finite.int().positive().default(1_000_000),
    input: DecimalText.or(MoneyNumber),
    output: DecimalText.or(MoneyNumber),
    cachedInput: DecimalText.or(MoneyNumber).optional(),
    cacheWrite5m: DecimalText.or(MoneyNumber).optional(),
    cacheWrite1h: DecimalText.or(MoneyNumber).optional(),
    /** Per-unit prices of other classes (a request fee, a web search), per single unit. */
    perUnit: z.partialRecord(z.enum(['request', 'image', 'audio_second', 'tool_call', 'other']), DecimalText.or(MoneyNumber)).optional(),
    /** Multipliers of the standard prices by tier, e.g. batch 0.5, priority 1.75. */
    tiers: z.partialRecord(z.enum(['batch', 'flex', 'priority']), Finite.positive()).optional(),
    from: PlanMonth.optional(),
    to: PlanMonth.optional(),
    note: z.string().optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof ModelPrice>;
