import { z } from 'zod';
import { amountProblem, MAX_QUANTITY, yearProblem } from '../bounds';
import { isIsoDate } from '../calendar';
import { CurrencyCode, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { PRICE_SOURCES, PRICE_UNITS, type MatchRule } from './types';

/**
 * The price book in its data files (data/prices/*.json, the price book CSV)
 * and as a lookup result travels: money is a decimal string in currency
 * units; dates are calendar days. The API's pricing methods carry these.
 */

export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether the day exists (2026-02-30 does not), by the one calendar. */
export const isRealDate = isIsoDate;

/** A calendar day, "2026-03-01". */
export const IsoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'date must look like 2026-03-01')
  .refine(isRealDate, 'not a real calendar date')
  .superRefine((v, ctx) => {
    const problem = yearProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A price: a non-negative decimal string ("2.50"). */
export const PriceText = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'a price is a non-negative decimal number such as "2.50"')
  .superRefine((v, ctx) => {
    const problem = amountProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const PriceUnitSchema = z.enum(PRICE_UNITS);
export const PriceSourceSchema = z.enum(PRICE_SOURCES);

/** Provider ids are lower-case slugs as the ledger writes them ("openai", "aws", "x-ai"). */
export const ProviderId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'provider must be a lower-case id such as "openai"');

export const PriceRowSchema = z
  .object({
    id: z.string().min(1).max(300),
    provider: ProviderId,
    model: z.string().min(1).max(200),
    usageClass: UsageClassSchema,
    meter: z.string().min(1).max(100).nullable(),
    serviceTier: ServiceTierSchema,
    contextAbove: z.number().max(MAX_QUANTITY, 'must be at most 1,000,000,000,000 tokens').int().min(0).nullable(),
    region: z.string().min(1).max(100).nullable(),
    effectiveFrom: IsoDate.nullable(),
    effectiveTo: IsoDate.nullable(),
    currency: CurrencyCode,
    price: PriceText,
    per: z.number().max(MAX_QUANTITY, 'must be at most 1,000,000,000,000 units').int().positive(),
    unit: PriceUnitSchema,
    source: PriceSourceSchema,
    note: z.string().max(2000),
  })
  .strict()
  .refine((r) => r.effectiveFrom === null || r.effectiveTo === null || r.effectiveFrom < r.effectiveTo, {
    message: 'effectiveTo must be after effectiveFrom',
    path: ['effectiveTo'],
  });
export type PriceRowWire = z.infer<typeof PriceRowSchema>;

export const TierMultiplierSchema = z
  .object({
    id: z.string().min(1).max(300),
    provider: ProviderId,
    models: z.array(z.string().min(1)).nullable(),
    serviceTier: ServiceTierSchema,
    factor: PriceText,
    usageClasses: z.array(UsageClassSchema).nullable(),
    effectiveFrom: IsoDate.nullable(),
    effectiveTo: IsoDate.nullable(),
    note: z.string().max(2000),
  })
  .strict();
export type TierMultiplierWire = z.infer<typeof TierMultiplierSchema>;

const MatchRuleSchema: z.ZodType<MatchRule> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string() }).strict(),
    z.object({ starts_with: z.string() }).strict(),
    z.object({ ends_with: z.string() }).strict(),
    z.object({ contains: z.string() }).strict(),
    z.object({ regex: z.string() }).strict(),
    z.object({ or: z.array(MatchRuleSchema) }).strict(),
    z.object({ and: z.array(MatchRuleSchema) }).strict(),
  ]),
);

/** data/prices/catalogue.json, written by scripts/build-price-catalogue.ts. */
export const CatalogueFileSchema = z.object({
  format: z.literal('aispend-price-catalogue/1'),
  asOf: IsoDate,
  source: z.object({ package: z.string(), version: z.string(), license: z.string(), homepage: z.string(), note: z.string() }),
  generatedBy: z.string(),
  currency: CurrencyCode,
  providers: z.array(
    z.object({
      id: ProviderId,
      name: z.string(),
      pricingUrls: z.array(z.string()),
      fallbackProviders: z.array(ProviderId),
      note: z.string().nullable(),
    }),
  ),
  models: z.array(
    z.object({
      provider: ProviderId,
      model: z.string().min(1),
      name: z.string().nullable(),
      catalogueIds: z.array(z.string()),
      match: z.array(MatchRuleSchema),
      contextWindow: z.number().int().positive().nullable(),
      deprecated: z.boolean(),
    }),
  ),
  rows: z.array(PriceRowSchema),
  skipped: z.array(z.object({ provider: z.string(), catalogueId: z.string(), what: z.string() })),
});
export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;

/** data/prices/supplement.json: what the catalogue lacks, each row with its source. */
export const SupplementFileSchema = z.object({
  format: z.literal('aispend-price-supplement/1'),
  asOf: IsoDate,
  about: z.string(),
  rows: z.array(PriceRowSchema),
  tierMultipliers: z.array(TierMultiplierSchema),
});
export type SupplementFile = z.infer<typeof SupplementFileSchema>;

/** What priced a line, as the UI shows it: the row and, for a tier priced by rule, the multiplier. */
export const PriceLookupResult = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    model: z.string(),
    rowId: z.string(),
    multiplierId: z.string().nullable(),
    /** The provider whose row priced it, when a reseller falls back to the publisher's list price. */
    pricedAsProvider: z.string().nullable(),
    price: z.string(),
    per: z.number().int().positive(),
    unit: PriceUnitSchema,
    currency: CurrencyCode,
    contextAbove: z.number().int().nullable(),
    description: z.string(),
    /** Where the row's number comes from. */
    source: PriceSourceSchema,
    note: z.string(),
    /** The row rests on a secondary source: check it against the vendor's page before relying on it. */
    verify: z.boolean(),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(['unknown_model', 'no_price', 'no_tier_price', 'not_in_force']),
    message: z.string(),
  }),
]);
export type PriceLookupResult = z.infer<typeof PriceLookupResult>;
