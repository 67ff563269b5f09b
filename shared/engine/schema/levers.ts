import { z } from 'zod';
import { Id, Month, ServiceTierSchema, UsageClassSchema } from '../../domain/schemas';
import { PromptCacheInput, ResponseCacheInput } from './baseline';
import { ModelRef, MoneyInput, NumberInput, ShareInput } from './inputs';

/** Levers: what a scenario changes, each acting from its start month over its ramp. */

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
