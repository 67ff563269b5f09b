import { z } from 'zod';
import { Id, Money } from '../../domain/schemas';
import { Workload } from './baseline';
import { Finite, ModelRef } from './inputs';

/** The mapping from ledger lines to workloads (tags, projects, keys → workload), and what it derives. */

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
            inputTokensPerRequest: Finite.positive().optional(),
            models: z
              .array(
                z
                  .object({
                    provider: z.string(),
                    model: z.string(),
                    successRate: z.number().min(0).max(1).optional(),
                    latencyMs: Finite.positive().optional(),
                    escalateTo: ModelRef.optional(),
                    maxRetries: z.number().int().min(0).max(10).optional(),
                    /** Prompt tokens per request on this model, when it differs from the workload's. */
                    inputTokensPerRequest: Finite.positive().optional(),
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
