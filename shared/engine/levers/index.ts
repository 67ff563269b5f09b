/**
 * The levers a scenario can pull, one module each, in the order the builder
 * offers them. A lever type exists by being listed here; its module must give
 * every part of a LeverModule (schema, compile step, evaluation step, form,
 * example, label) or this file does not compile.
 */
import { z } from 'zod';
import { adjacentLever } from './adjacent';
import { alternativeLever } from './alternative';
import { cacheLever } from './cache';
import { contractLever } from './contract';
import type { LeverModule, LeverSchema } from './lever';
import { priceLever } from './price';
import { provisionLever } from './provision';
import { routeLever } from './route';
import { tierLever } from './tier';
import { volumeLever } from './volume';

export const LEVERS = {
  route: routeLever,
  cache: cacheLever,
  tier: tierLever,
  contract: contractLever,
  provision: provisionLever,
  price: priceLever,
  volume: volumeLever,
  adjacent: adjacentLever,
  alternative: alternativeLever,
} satisfies Record<string, LeverModule<LeverSchema, never>>;

export type LeverType = keyof typeof LEVERS;

/** Lever types whose module's schema names another type (none, or this file does not compile). */
type Misnamed = { [K in LeverType]: z.output<(typeof LEVERS)[K]['schema']> extends { type: K } ? never : K }[LeverType];
const everySchemaNamesItsType: [Misnamed] extends [never] ? true : Misnamed = true;
void everySchemaNamesItsType;

export const LEVER_TYPES = Object.keys(LEVERS) as LeverType[];

type LeverSchemas = (typeof LEVERS)[LeverType]['schema'];

/** One lever as a scenario file writes it: the union of every module's schema, told apart by `type`. */
export const Lever = z.discriminatedUnion('type', LEVER_TYPES.map((t) => LEVERS[t].schema) as [LeverSchemas, ...LeverSchemas[]]);
export type Lever = z.infer<typeof Lever>;

/** A lever's module, for code that handles any lever (compile, evaluate, the builder). */
export function leverModule(type: LeverType): LeverModule<LeverSchema, unknown> {
  return LEVERS[type] as unknown as LeverModule<LeverSchema, unknown>;
}

export { COMMON_FIELDS, type FieldKind, type FieldSpec, type LeverForm } from './form';
export type { ExampleContext, LeverContext, LeverModule, LeverStep, PlanBuilder, WorkloadMonth } from './lever';
