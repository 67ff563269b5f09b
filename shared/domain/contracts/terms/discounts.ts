/** % discounts off list, on everything or scoped to models, usage classes or tiers; the most specific applies (they do not stack). */
import { z } from 'zod';
import { ServiceTierSchema, UsageClassSchema } from '../../schemas';
import { USAGE_CLASS_LABELS } from '../../usage';
import { Model, Percent } from './fields';
import type { ContractTermModule } from './term';

export const PercentDiscountSchema = z
  .object({
    label: z.string().max(200).optional(),
    percentOff: Percent,
    models: z.array(Model).min(1).optional(),
    usageClasses: z.array(UsageClassSchema).min(1).optional(),
    serviceTiers: z.array(ServiceTierSchema).min(1).optional(),
  })
  .strict();

const schema = z.array(PercentDiscountSchema).default([]);

export const discountsTerm: ContractTermModule<'discounts', typeof schema> = {
  schema,
  check: null,
  toTerms: (discounts, { resolve }) =>
    discounts.map((d, i) => ({
      where: `discounts[${i}]`,
      label: d.label ?? `${d.percentOff}% off list`,
      percentOff: d.percentOff,
      models: d.models?.map((m, j) => resolve(m, `discounts[${i}].models[${j}]`)) ?? null,
      usageClasses: d.usageClasses ?? null,
      serviceTiers: d.serviceTiers ?? null,
    })),
  describe: (discounts) =>
    discounts.map((d) => {
      const scope = [d.models?.join(', '), d.usageClasses?.map((u) => USAGE_CLASS_LABELS[u].toLowerCase()).join(', '), d.serviceTiers?.join(', ')].filter(Boolean).join('; ');
      return `${d.percentOff}% off list${scope ? ` on ${scope}` : ''}`;
    }),
  termSheet: {
    section: {
      name: 'discounts',
      field: 'discounts',
      columns: {
        label: { key: 'label', kind: 'text' },
        'percent off': { key: 'percentOff', kind: 'text' },
        models: { key: 'models', kind: 'list' },
        'usage classes': { key: 'usageClasses', kind: 'list' },
        'service tiers': { key: 'serviceTiers', kind: 'list' },
      },
    },
  },
  // Without a rate, the most specific discount sets the contracted price (rates.ts); each has its own negative line.
  pricing: { steps: ['contracted price', 'usage lines'], month: null },
};
