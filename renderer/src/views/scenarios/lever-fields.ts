import { LEVERS, LEVER_TYPES, type ExampleContext, type LeverForm, type LeverType } from '../../../../shared/engine/levers';

/**
 * What the builder shows for each lever, taken from the lever's own module
 * (shared/engine/levers): its form (title, summary, fields in the words of
 * scenarios/README.md) and the example a new lever starts as. A lever type
 * without a form does not compile.
 */
export { COMMON_FIELDS, type FieldKind, type FieldSpec } from '../../../../shared/engine/levers';

export interface LeverSpec extends LeverForm {
  type: LeverType;
  /** What a new lever of this kind starts as (start month and models filled in by the builder). */
  template: (ctx: ExampleContext) => Record<string, unknown>;
}

export const LEVER_SPECS: Record<LeverType, LeverSpec> = Object.fromEntries(
  LEVER_TYPES.map((type) => [type, { type, ...LEVERS[type].form, template: (ctx: ExampleContext) => LEVERS[type].example(ctx) as Record<string, unknown> }]),
) as Record<LeverType, LeverSpec>;

export function leverSpec(type: string): LeverSpec | undefined {
  return (LEVER_TYPES as readonly string[]).includes(type) ? LEVER_SPECS[type as LeverType] : undefined;
}
