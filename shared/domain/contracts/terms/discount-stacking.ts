/**
 * How stacked discounts combine. A discount marked `stacks: true` (an extra
 * batch or model discount on top of the enterprise discount) applies after
 * the discount that applies (the most specific of those that do not stack),
 * and after the stacking ones listed before it:
 *
 *  - multiplicative (the default): each comes off what the ones before it
 *    left; 15% then 10% is 1 − 0.85 × 0.90 = 23.5% off list.
 *  - additive: the percentages add; 15% and 10% is 25% off list, each
 *    discount's amount its own percentage of list.
 *
 * Discounts that do not stack still compete: the most specific applies.
 */
import { z } from 'zod';
import type { ContractTermModule } from './term';

export const DISCOUNT_STACKINGS = ['multiplicative', 'additive'] as const;

const schema = z.enum(DISCOUNT_STACKINGS, { error: 'must be multiplicative (each stacked discount off what the ones before left) or additive (the percentages add)' }).default('multiplicative');

export const discountStackingTerm: ContractTermModule<'discountStacking', typeof schema> = {
  schema,
  check(stacking, header, issue) {
    const discounts = (header as { discounts?: { stacks?: boolean }[] }).discounts ?? [];
    if (stacking === 'additive' && !discounts.some((d) => d.stacks === true)) {
      issue([], 'is additive, but no discount says stacks: true, so nothing stacks: mark the extra discounts with stacks: true');
    }
  },
  toTerms: (stacking) => stacking,
  // Said only where something stacks: the default rule on a contract whose discounts compete says nothing.
  describe: (stacking, contract) => (contract.discounts.some((d) => d.stacks) ? [`stacked discounts combine ${stacking === 'additive' ? 'additively' : 'multiplicatively'}`] : []),
  termSheet: { labels: { 'discount stacking': { path: ['discountStacking'], kind: 'text' } } },
  // It decides how the stacked discounts set the contracted price (rates.ts, discountSteps) and prices nothing itself.
  pricing: { steps: ['contracted price', 'usage lines'], month: null },
};
