import { z } from 'zod';
import { isIsoDate } from '../domain/calendar';
import { PRICE_SOURCES, PRICE_UNITS, type MatchRule } from '../domain/pricebook/types';
import { CurrencyCode, FilePath, Month, ServiceTierSchema, UsageClassSchema } from './common';
import { job, method } from './define';

/**
 * The price book on the wire and in its data files (data/prices/*.json, the
 * price book CSV). Money is a decimal string in currency units; dates are
 * calendar days.
 */

export const ISO_DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Whether the day exists (2026-02-30 does not), by the one calendar. */
export const isRealDate = isIsoDate;

/** A calendar day, "2026-03-01". */
export const IsoDate = z.string().regex(ISO_DATE_PATTERN, 'date must look like 2026-03-01').refine(isRealDate, 'not a real calendar date');

/** A price: a non-negative decimal string ("2.50"). */
export const PriceText = z.string().regex(/^\d+(\.\d+)?$/, 'a price is a non-negative decimal number such as "2.50"');

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
    contextAbove: z.number().int().min(0).nullable(),
    region: z.string().min(1).max(100).nullable(),
    effectiveFrom: IsoDate.nullable(),
    effectiveTo: IsoDate.nullable(),
    currency: CurrencyCode,
    price: PriceText,
    per: z.number().int().positive(),
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

export const PriceBookInfo = z.object({
  catalogueAsOf: IsoDate,
  cataloguePackage: z.string(),
  catalogueVersion: z.string(),
  supplementAsOf: IsoDate.nullable(),
  rows: z.number().int(),
  userRows: z.number().int(),
  providers: z.array(z.object({ id: z.string(), name: z.string(), models: z.number().int() })),
});
export type PriceBookInfo = z.infer<typeof PriceBookInfo>;

export const PriceRowQuery = z
  .object({
    provider: z.string().optional(),
    model: z.string().optional(),
    usageClass: UsageClassSchema.optional(),
    serviceTier: ServiceTierSchema.optional(),
    source: PriceSourceSchema.optional(),
    /** Only rows in force on this day. */
    asOf: IsoDate.optional(),
    search: z.string().max(200).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();

/** A row as the price book view lists it. */
export const PriceRowListed = z.object({
  row: PriceRowSchema,
  /** The row rests on a secondary source (its note says "verify"). */
  verify: z.boolean(),
  /** The day a user row of the same key takes over from this one, if any. */
  overriddenFrom: IsoDate.nullable(),
});
export type PriceRowListed = z.infer<typeof PriceRowListed>;

/** How the ledger's list costs are known: given by the vendor, priced from the price book, or not known (unknown model). */
export const ListCostStatus = z.object({
  vendor: z.number().int(),
  priceBook: z.number().int(),
  missing: z.number().int(),
  /** When the price book last filled list costs, and as of which catalogue. */
  filledAt: z.string().nullable(),
});
export type ListCostStatus = z.infer<typeof ListCostStatus>;

export const UnknownModel = z.object({
  provider: z.string(),
  model: z.string(),
  modelRaw: z.string().nullable(),
  lines: z.number().int(),
  firstMonth: Month,
  lastMonth: Month,
  billedCost: z.string(),
  currency: CurrencyCode,
});
export type UnknownModel = z.infer<typeof UnknownModel>;

/** Price book methods. */
export const pricingMethods = {
  'pricing.info': method(z.object({}).strict(), PriceBookInfo, "The price book's sources and as-of dates (catalogue, supplement, user rows)."),
  'pricing.rows': method(PriceRowQuery, z.object({ rows: z.array(PriceRowListed), total: z.number().int() }), 'Price book rows, filtered and paged (user rows first, then by provider, model, class and date).'),
  'pricing.lookup': method(
    z
      .object({
        provider: z.string().min(1),
        model: z.string().min(1),
        usageClass: UsageClassSchema,
        serviceTier: ServiceTierSchema.default('standard'),
        meter: z.string().nullable().default(null),
        region: z.string().nullable().default(null),
        date: IsoDate,
        contextBand: z.string().nullable().default(null),
        promptTokens: z.number().int().min(0).nullable().default(null),
      })
      .strict(),
    PriceLookupResult,
    'The list price for one usage class of a model on a day, naming the row that priced it.',
  ),
  'pricing.override': method(
    z.object({ baseRowId: z.string().min(1), price: PriceText, effectiveFrom: IsoDate, note: z.string().max(2000).default('') }).strict(),
    PriceRowSchema,
    'Overrides a list price from a date with a user row (the row it overrides stays for earlier dates).',
  ),
  'pricing.cloneModel': method(
    z.object({ provider: ProviderId, fromModel: z.string().min(1), toModel: z.string().min(1).max(200), effectiveFrom: IsoDate, note: z.string().max(2000).default('') }).strict(),
    z.object({ rows: z.array(PriceRowSchema) }),
    "Adds a new model by copying another model's prices in force on a date into user rows.",
  ),
  'pricing.cloneRow': method(
    z
      .object({
        rowId: z.string().min(1),
        model: z.string().min(1).max(200).optional(),
        price: PriceText.optional(),
        effectiveFrom: IsoDate.nullable().optional(),
        region: z.string().min(1).max(100).nullable().optional(),
        note: z.string().max(2000).optional(),
      })
      .strict(),
    PriceRowSchema,
    'Copies one row into a user row with some fields changed (a new model, a new price, a region).',
  ),
  'pricing.saveUserRow': method(PriceRowSchema, PriceRowSchema, 'Adds or replaces a user price row.'),
  'pricing.deleteUserRow': method(z.object({ id: z.string().min(1) }).strict(), z.object({ deleted: z.boolean() }), 'Deletes a user price row; catalogue rows cannot be deleted.'),
  'pricing.exportCsv': method(
    z.object({ sources: z.array(PriceSourceSchema).default(['catalogue', 'supplement', 'user']), path: FilePath.optional() }).strict(),
    z.object({ csv: z.string(), rows: z.number().int(), path: z.string().nullable() }),
    'The price book as CSV text; written to `path` when given (the desktop app’s save dialog).',
  ),
  'pricing.importCsv': method(
    z
      .object({ csv: z.string().max(50_000_000).optional(), path: FilePath.optional(), fileName: z.string().default('prices.csv') })
      .strict()
      .refine((v) => (v.csv === undefined) !== (v.path === undefined), { message: 'give either csv text or a path', path: ['csv'] }),
    z.object({ added: z.number().int(), replaced: z.number().int(), unchanged: z.number().int() }),
    'Imports price rows from CSV as user rows (rows identical to the shipped ones are skipped); any invalid row rejects the whole file with its row number and column.',
  ),
  'pricing.unknownModels': method(z.object({}).strict(), z.object({ models: z.array(UnknownModel) }), 'Models in the ledger the price book cannot price, for the user to add.'),
  'pricing.listCostStatus': method(z.object({}).strict(), ListCostStatus, "How many ledger lines have a list cost from the vendor, from the price book, or none."),
};

export const pricingJobs = {
  'pricing.fillListCosts': job(
    z.object({}).strict(),
    z.object({ filled: z.number().int(), unpriced: z.number().int(), status: ListCostStatus }),
    'Prices at list, from the price book, every ledger line the vendor gave no list cost (unknown models stay empty, never zero).',
  ),
};
