/**
 * The extension points are registries the compiler checks: one module per
 * lever (shared/engine/levers) and per contract term
 * (shared/domain/contracts/terms), each with every part. The
 * `@ts-expect-error` lines below are checked by `npm run typecheck`: each
 * must be an error, so an incomplete lever or term that compiled would fail
 * the build. The tests at run time check what types cannot.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { CONTRACT_TERM_KEYS, CONTRACT_TERMS, type ContractTermModule } from '../../../shared/domain/contracts/terms';
import type { ContractTermKey } from '../../../shared/domain/contracts/types';
import { Lever, LEVER_TYPES, LEVERS, type LeverModule, type LeverType } from '../../../shared/engine/levers';
import { LeverCommon } from '../../../shared/engine/levers/lever';
import { LEVER_SPECS, type LeverSpec } from '../../../renderer/src/views/scenarios/lever-fields';

const dial = z.object({ type: z.literal('dial'), ...LeverCommon, turn: z.number() }).strict();

// A lever module without its builder form and example does not compile.
// @ts-expect-error form, example and label are missing
export const leverWithoutForm: LeverModule<typeof dial> = { schema: dial, compile() {}, step: null };

// A lever module whose schema lacks the fields every lever has (start, rampMonths, workloads) does not compile.
// @ts-expect-error the schema has no start month
export const leverWithoutStart: LeverModule<z.ZodObject<{ type: z.ZodLiteral<'dial'> }>> = null as never;

// A registry of levers missing one does not compile (the builder's forms are keyed the same way).
const { tier: _tier, ...leversButTier } = LEVERS;
// @ts-expect-error the tier lever has no module
export const leversWithoutTier: { [K in LeverType]: LeverModule } = leversButTier;
// @ts-expect-error the tier lever has no form in the builder
export const formsWithoutTier: Record<LeverType, LeverSpec> = { ...LEVER_SPECS, tier: undefined };

// A contract term module without its description and term-sheet mapping does not compile.
// @ts-expect-error describe, termSheet and pricing are missing
export const termWithoutDescription: ContractTermModule<'minimumMonthlyFee'> = { schema: z.string().optional(), check: null, toTerms: () => null };

// A registry of terms missing one of the Contract's terms does not compile.
const { priceChange: _priceChange, ...termsButPriceChange } = CONTRACT_TERMS;
// @ts-expect-error the price-change clause has no module
export const termsWithoutPriceChange: { [K in ContractTermKey]: ContractTermModule<K> } = termsButPriceChange;

describe('the lever registry', () => {
  it('names each lever type once, in the builder’s order', () => {
    expectTypeOf<LeverType>().toEqualTypeOf<'route' | 'cache' | 'tier' | 'contract' | 'provision' | 'price' | 'volume' | 'adjacent' | 'alternative'>();
    expect(LEVER_TYPES).toEqual(['route', 'cache', 'tier', 'contract', 'provision', 'price', 'volume', 'adjacent', 'alternative']);
  });

  it('gives every lever a form, and an example that is a valid lever of its type', () => {
    const ctx = { start: '2027-01', model: 'openai/gpt-4.1', otherModel: 'openai/gpt-4.1-mini', provider: 'openai' };
    for (const type of LEVER_TYPES) {
      const example = Lever.parse(LEVERS[type].example(ctx));
      expect(example.type).toBe(type);
      expect(LEVER_SPECS[type].title.length).toBeGreaterThan(0);
      expect(LEVER_SPECS[type].template(ctx)).toEqual(LEVERS[type].example(ctx));
    }
  });
});

describe('the contract term registry', () => {
  it('has one module per term of a contract, in the file’s order', () => {
    expect(CONTRACT_TERM_KEYS).toEqual(['rates', 'discounts', 'discountStacking', 'volumeDiscount', 'commitment', 'credits', 'provisioned', 'minimumMonthlyFee', 'minimumFeeOrder', 'priceChange']);
  });

  it('maps term-sheet labels and sections only into the term’s own part of the file', () => {
    for (const key of CONTRACT_TERM_KEYS) {
      const sheet = CONTRACT_TERMS[key].termSheet;
      for (const { path } of Object.values(sheet?.labels ?? {})) expect(path[0]).toBe(key);
      if (sheet?.section) expect(sheet.section.field.split('.')[0]).toBe(key);
    }
  });
});
