import { z } from 'zod';

/**
 * The inputs of a scenario file. Any numeric input may be a plain number, a
 * range ({min, max}: uniform) or a distribution ({dist: triangular | pert | uniform | normal | lognormal}). A
 * deterministic run uses each input's `base` if given, else its most likely
 * value (mode for triangular and PERT, mean otherwise); Monte Carlo draws it.
 */

export const Finite = z.number();
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
export const ShareInput = NumberInput;

/** A model as "provider/model" ("openai/gpt-4.1") or {provider, model}. */
export const ModelRef = z.union([
  z.string().regex(/^[^/\s]+\/\S+$/, 'write a model as provider/model, e.g. openai/gpt-4.1'),
  z.object({ provider: z.string().min(1), model: z.string().min(1) }).strict(),
]);
export type ModelRef = z.infer<typeof ModelRef>;

/** A model reference as provider and model. */
export function modelRefParts(ref: ModelRef): { provider: string; model: string } {
  if (typeof ref !== 'string') return ref;
  const slash = ref.indexOf('/');
  return { provider: ref.slice(0, slash), model: ref.slice(slash + 1) };
}

