/** Price change: a vendor's (or one model's, class's, tier's) prices move by a percentage, or the process's non-AI costs do. */
import { z } from 'zod';
import { ServiceTierSchema, UsageClassSchema } from '../../domain/schemas';
import { PERCENT_CHANGE } from '../params';
import { PercentInput } from '../schema/inputs';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('price'),
    ...LeverCommon,
    /** Change in percent: -10 is 10% cheaper. */
    pct: PercentInput,
    /** ai: vendor prices (optionally only this provider, model, usage class or tier); nonAi: the drivers' non-AI costs; all: both. */
    scope: z.enum(['ai', 'nonAi', 'all']).default('ai'),
    provider: z.string().optional(),
    model: z.string().optional(),
    usageClasses: z.array(UsageClassSchema).optional(),
    tiers: z.array(ServiceTierSchema).optional(),
  })
  .strict();

export const priceLever: LeverModule<typeof schema> = {
  schema,
  compile(lever, { num, timing, plan }) {
    const pct = num(lever.pct, undefined, 'pct', 'price change (%)', PERCENT_CHANGE);
    plan.priceEffects.push({
      timing,
      pct,
      ai: lever.scope !== 'nonAi',
      nonAi: lever.scope !== 'ai',
      filter: { provider: lever.provider, model: lever.model, classes: lever.usageClasses, tiers: lever.tiers },
    });
  },
  step: null,
  form: {
    title: 'Price change',
    summary: 'A vendor or model price moves by a percentage; or the process’s non-AI costs do.',
    fields: [
      { path: ['pct'], label: 'Change', kind: 'number', unit: '% (−10 is 10% cheaper)', help: 'Price change from the start month; changes multiply.', required: true },
      {
        path: ['scope'],
        label: 'Applies to',
        kind: 'enum',
        unit: '',
        help: 'AI: vendor prices. Non-AI: the drivers’ non-AI costs (manual processing, review). All: both.',
        options: [
          { value: 'ai', label: 'AI prices' },
          { value: 'nonAi', label: 'non-AI costs' },
          { value: 'all', label: 'both' },
        ],
      },
      { path: ['provider'], label: 'Vendor', kind: 'text', unit: 'provider id', help: 'Only this vendor’s prices (empty: every vendor).' },
      { path: ['model'], label: 'Model', kind: 'text', unit: 'model id', help: 'Only this model’s prices (empty: every model).' },
    ],
  },
  example: ({ start, provider }) => ({ type: 'price', name: 'Vendor price cut', start, provider, pct: -10 }),
  label: null,
};
