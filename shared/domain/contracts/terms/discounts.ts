/**
 * % discounts off list, on everything or scoped to models, usage classes or
 * tiers. Of the discounts that do not stack, the most specific applies; a
 * discount marked `stacks: true` applies on top of it (and of the stacking
 * discounts listed before it), combined as discountStacking says
 * (terms/discount-stacking.ts).
 */
import { z } from 'zod';
import { ServiceTierSchema, UsageClassSchema } from '../../schemas';
import { SERVICE_TIERS, USAGE_CLASSES, USAGE_CLASS_LABELS } from '../../usage';
import { addPercents } from '../percent';
import { discountsFor } from '../rates';
import { Model, Percent } from './fields';
import type { ContractTermModule } from './term';

export const PercentDiscountSchema = z
  .object({
    label: z.string().max(200).optional(),
    percentOff: Percent,
    models: z.array(Model).min(1).optional(),
    usageClasses: z.array(UsageClassSchema).min(1).optional(),
    serviceTiers: z.array(ServiceTierSchema).min(1).optional(),
    /** On top of the discount that applies (an extra batch or model discount), instead of competing with it. */
    stacks: z.boolean().optional(),
  })
  .strict();

const schema = z.array(PercentDiscountSchema).default([]);
type DiscountFile = z.output<typeof PercentDiscountSchema>;

/**
 * Additive stacking can take more than list off: every model, class and
 * tier the discounts name (and one they do not) is tried, and where the
 * discounts applying together add up above 100% the last of them is named.
 */
function checkAdditive(discounts: DiscountFile[], issue: (path: (string | number)[], message: string) => void): void {
  const terms = discounts.map((d, i) => ({ where: `discounts[${i}]`, label: d.label ?? `${d.percentOff}% off list`, percentOff: d.percentOff, models: d.models ?? null, usageClasses: d.usageClasses ?? null, serviceTiers: d.serviceTiers ?? null, stacks: d.stacks === true }));
  const models = [...new Set(terms.flatMap((t) => t.models ?? [])), '\u0000another model'];
  const told = new Set<number>();
  for (const model of models)
    for (const cls of USAGE_CLASSES)
      for (const tier of SERVICE_TIERS) {
        const applied = discountsFor(terms, model, cls, tier);
        if (applied.length < 2) continue;
        const total = applied.reduce((sum, d) => addPercents(sum, d.percentOff), '0');
        if (Number(total) <= 100) continue;
        const last = terms.indexOf(applied.at(-1)!);
        if (told.has(last)) continue;
        told.add(last);
        const on = `${model.startsWith('\u0000') ? 'every model' : model} ${USAGE_CLASS_LABELS[cls].toLowerCase()}${tier === 'standard' ? '' : ` (${tier})`}`;
        issue([last, 'percentOff'], `takes the additive discounts on ${on} to ${total}% off list (${applied.map((d) => `${d.where} ${d.percentOff}%`).join(' + ')}): stacked additively they must not add up to more than 100%`);
      }
}

export const discountsTerm: ContractTermModule<'discounts', typeof schema> = {
  schema,
  check(discounts, header, issue) {
    if ((header as { discountStacking?: string }).discountStacking === 'additive') checkAdditive(discounts, issue);
  },
  toTerms: (discounts, { resolve }) =>
    discounts.map((d, i) => ({
      where: `discounts[${i}]`,
      label: d.label ?? `${d.percentOff}% off list`,
      percentOff: d.percentOff,
      models: d.models?.map((m, j) => resolve(m, `discounts[${i}].models[${j}]`)) ?? null,
      usageClasses: d.usageClasses ?? null,
      serviceTiers: d.serviceTiers ?? null,
      stacks: d.stacks === true,
    })),
  describe: (discounts) =>
    discounts.map((d) => {
      const scope = [d.models?.join(', '), d.usageClasses?.map((u) => USAGE_CLASS_LABELS[u].toLowerCase()).join(', '), d.serviceTiers?.join(', ')].filter(Boolean).join('; ');
      return `${d.percentOff}% off list${scope ? ` on ${scope}` : ''}${d.stacks ? ', stacked' : ''}`;
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
        stacks: { key: 'stacks', kind: 'bool' },
      },
    },
  },
  // Without a rate, the discounts that apply set the contracted price (rates.ts); each has its own negative line.
  pricing: { steps: ['contracted price', 'usage lines'], month: null },
};
