/** Rates: contracted prices that replace list prices for a model (or every model of the vendor), usage class and tier. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { PriceUnitSchema } from '../../pricebook/schema';
import { CurrencyCode, ServiceTierSchema, UsageClassSchema } from '../../schemas';
import { TOKEN_CLASSES } from '../../usage';
import { Amount, boundedCount, checkCurrency, Model } from './fields';
import type { ContractTermModule } from './term';

export const ContractRateSchema = z
  .object({
    /** The model the rate is for; omitted means every model of the vendor. */
    model: Model.optional(),
    usageClass: UsageClassSchema,
    serviceTier: ServiceTierSchema.optional(),
    meter: z.string().min(1).optional(),
    price: Amount,
    /** Units the price is quoted for; 1,000,000 for token prices unless said. */
    per: boundedCount(z.number()).int().positive().optional(),
    unit: PriceUnitSchema.optional(),
    currency: CurrencyCode.optional(),
  })
  .strict();

const schema = z.array(ContractRateSchema).default([]);

export const ratesTerm: ContractTermModule<'rates', typeof schema> = {
  schema,
  check: (rates, header, issue) => rates.forEach((r, i) => checkCurrency(r.currency, header, [i, 'currency'], issue)),
  toTerms: (rates, { resolve }) =>
    rates.map((r, i) => ({
      where: `rates[${i}]`,
      model: r.model === undefined ? null : resolve(r.model, `rates[${i}].model`),
      usageClass: r.usageClass,
      serviceTier: r.serviceTier ?? null,
      meter: r.meter ?? null,
      price: parseMoney(r.price),
      per: r.per ?? (TOKEN_CLASSES.includes(r.usageClass) ? 1_000_000 : 1),
      unit: r.unit ?? (TOKEN_CLASSES.includes(r.usageClass) ? 'token' : 'unit'),
    })),
  describe(rates) {
    const models = [...new Set(rates.map((r) => r.model ?? 'every model'))];
    return [`${rates.length} contracted rate${rates.length === 1 ? '' : 's'} (${models.join(', ')})`];
  },
  termSheet: {
    section: {
      name: 'rates',
      field: 'rates',
      columns: {
        model: { key: 'model', kind: 'text' },
        'usage class': { key: 'usageClass', kind: 'text' },
        'service tier': { key: 'serviceTier', kind: 'text' },
        meter: { key: 'meter', kind: 'text' },
        price: { key: 'price', kind: 'text' },
        per: { key: 'per', kind: 'int' },
        unit: { key: 'unit', kind: 'text' },
      },
    },
  },
  // The most specific rate wins over list and over % discounts (rates.ts, contractedPrice).
  pricing: { steps: ['contracted price', 'usage lines'], month: null },
};
