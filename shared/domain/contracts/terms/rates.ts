/** Rates: contracted prices that replace list prices for a model (or every model of the vendor), usage class and tier. */
import { z } from 'zod';
import { parseMoney } from '../../money';
import { PriceUnitSchema } from '../../pricebook/schema';
import { CurrencyCode, ServiceTierSchema, UsageClassSchema } from '../../schemas';
import { TOKEN_CLASSES } from '../../usage';
import { bandLowerBound } from '../../pricebook/context-band';
import { Amount, boundedCount, checkCurrency, Model, required } from './fields';
import type { ContractTermModule } from './term';

export const ContractRateSchema = z
  .object({
    /** The model the rate is for; omitted means every model of the vendor. */
    model: Model.optional(),
    usageClass: UsageClassSchema,
    serviceTier: ServiceTierSchema.optional(),
    meter: z.string().min(1).optional(),
    /** The context band the rate is for: "base", or the band above a prompt size (">200k", "200k-1M"); omitted: the base band, carried to higher bands by the list's band premium. */
    contextBand: z.string(required('a context band such as "base" or ">200k"')).trim().min(1, 'must be a context band such as "base" or ">200k"').optional(),
    /** The region the rate is for, as the ledger writes it ("us-east-1", "global"); omitted: every region. */
    region: z.string(required('a region such as "us-east-1"')).trim().min(1, 'must name a region such as "us-east-1"').optional(),
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
  check: (rates, header, issue) =>
    rates.forEach((r, i) => {
      checkCurrency(r.currency, header, [i, 'currency'], issue);
      if (r.contextBand !== undefined && bandLowerBound(r.contextBand) === null) issue([i, 'contextBand'], `"${r.contextBand}" is not a context band: write "base" or the prompt size the band starts above, such as ">200k"`);
      if (r.contextBand !== undefined && !TOKEN_CLASSES.includes(r.usageClass)) issue([i, 'contextBand'], `only token prices have context bands, not ${r.usageClass}`);
    }),
  toTerms: (rates, { resolve }) =>
    rates.map((r, i) => ({
      where: `rates[${i}]`,
      model: r.model === undefined ? null : resolve(r.model, `rates[${i}].model`),
      usageClass: r.usageClass,
      serviceTier: r.serviceTier ?? null,
      meter: r.meter ?? null,
      contextBand: r.contextBand === undefined ? null : (bandLowerBound(r.contextBand) ?? 0),
      region: r.region ?? null,
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
        'context band': { key: 'contextBand', kind: 'text' },
        region: { key: 'region', kind: 'text' },
        price: { key: 'price', kind: 'text' },
        per: { key: 'per', kind: 'int' },
        unit: { key: 'unit', kind: 'text' },
      },
    },
  },
  // The most specific rate wins over list and over % discounts (rates.ts, contractedPrice).
  pricing: { steps: ['contracted price', 'usage lines'], month: null },
};
