import { z } from 'zod';
import { boundedAmount, boundedPercent, boundedQuantity, boundedYear, MAX_MONTHLY_GROWTH_PERCENT } from '../../domain/bounds';
import { Month } from '../../domain/schemas';

/**
 * The inputs of a scenario file. Any numeric input may be a plain number, a
 * range ({min, max}: uniform) or a distribution ({dist: triangular | pert | uniform | normal | lognormal}). A
 * deterministic run uses each input's `base` if given, else its most likely
 * value (mode for triangular and PERT, mean otherwise); Monte Carlo draws it.
 */

/** Any number in a scenario file: finite and within the workbench's bounds (shared/domain/bounds.ts), refused with a plain reason otherwise. */
export const Finite = boundedQuantity(z.number());

/** The distribution shapes, over a number schema (plain numbers, percentages). */
function numberInputOf(num: z.ZodNumber) {
  /** The value a deterministic run uses instead of the distribution's default point. */
  const base = num.optional().describe('value used by the deterministic run (default: mode for triangular/PERT, mean otherwise)');
  const uniform = z
    .object({ dist: z.literal('uniform'), min: num, max: num, base })
    .strict()
    .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] });
  const triangular = z
    .object({ dist: z.literal('triangular'), min: num, mode: num, max: num, base })
    .strict()
    .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min ≤ mode ≤ max', path: ['mode'] });
  const pert = z
    .object({ dist: z.literal('pert'), min: num, mode: num, max: num, base })
    .strict()
    .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min ≤ mode ≤ max', path: ['mode'] });
  const normal = z.object({ dist: z.literal('normal'), mean: num, sd: Finite.positive(), base }).strict();
  /** Mean and standard deviation of the value itself (not of its logarithm). */
  const lognormal = z.object({ dist: z.literal('lognormal'), mean: num.positive(), sd: Finite.positive(), base }).strict();
  const distribution = z.discriminatedUnion('dist', [uniform, triangular, pert, normal, lognormal]);
  /** A range is a uniform distribution written briefly: {min: 0.6, max: 0.8}. */
  const range = z
    .object({ min: num, max: num, base })
    .strict()
    .refine((d) => d.min <= d.max, { message: 'min must not exceed max', path: ['max'] });
  return { uniform, triangular, pert, normal, lognormal, distribution, range, input: z.union([num, distribution, range]) };
}

const plain = numberInputOf(Finite);
export const UniformDist = plain.uniform;
export const TriangularDist = plain.triangular;
export const PertDist = plain.pert;
export const NormalDist = plain.normal;
export const LognormalDist = plain.lognormal;

export const Distribution = plain.distribution;
export type Distribution = z.infer<typeof Distribution>;

export const RangeInput = plain.range;

export const NumberInput = plain.input;
export type NumberInput = z.infer<typeof NumberInput>;

/** A change in percent (−100 to +1,000), or a distribution of one. */
export const PercentInput = numberInputOf(boundedPercent(z.number())).input;
/** Compound growth in percent a month (−100 to +100), or a distribution of it. */
export const GrowthPercentInput = numberInputOf(boundedPercent(z.number(), MAX_MONTHLY_GROWTH_PERCENT)).input;

/** A month of the plan: 2000-01 to 2099-12. */
export const PlanMonth = boundedYear(Month);

/** Decimal text for money, read exactly ("6.20"); YAML numbers are accepted too. */
export const DecimalText = boundedAmount(z.string().regex(/^-?\d+(\.\d+)?$/, 'money must be a decimal such as "6.20"'));
/** Money as a plain number: within the bound of an amount. */
export const MoneyNumber = boundedAmount(z.number());
export const MoneyInput = z.union([MoneyNumber, DecimalText, Distribution, RangeInput]);
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

