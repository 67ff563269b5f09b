import { z } from 'zod';
import { IsoDate, PriceLookupResult, PriceRowSchema, PriceSourceSchema, PriceText, ProviderId } from '../domain/pricebook/schema';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from './common';
import { ExportPath, ImportPath } from './paths';
import { job, method } from './define';

/** Price book methods; the price row and catalogue schemas live with the price book (shared/domain/pricebook/schema.ts). */
export * from '../domain/pricebook/schema';

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
  /** Usage lines with no list cost at all (never zero)... */
  missing: z.number().int(),
  /** ...of which the statement reported no quantity to price (a costs export): unknown until the usage report is imported beside it. */
  withoutQuantity: z.number().int(),
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
    z.object({ sources: z.array(PriceSourceSchema).default(['catalogue', 'supplement', 'user']), path: ExportPath.optional() }).strict(),
    z.object({ csv: z.string(), rows: z.number().int(), path: z.string().nullable() }),
    'The price book as CSV text; written to `path` when given (the desktop app’s save dialog).',
  ),
  'pricing.unknownModels': method(z.object({}).strict(), z.object({ models: z.array(UnknownModel) }), 'Models in the ledger the price book cannot price, for the user to add.'),
  'pricing.listCostStatus': method(z.object({}).strict(), ListCostStatus, "How many ledger lines have a list cost from the vendor, from the price book, or none."),
};

export const pricingJobs = {
  'pricing.importCsv': job(
    z
      .object({ csv: z.string().max(50_000_000).optional(), path: ImportPath.optional(), fileName: z.string().default('prices.csv') })
      .strict()
      .refine((v) => (v.csv === undefined) !== (v.path === undefined), { message: 'give either csv text or a path', path: ['csv'] }),
    z.object({ added: z.number().int(), replaced: z.number().int(), unchanged: z.number().int() }),
    'Imports price rows from CSV as user rows (rows identical to the shipped ones are skipped), reading the file on a worker thread with progress and cancel; the header is checked first and any invalid row rejects the whole file with its line and column.',
  ),
  'pricing.fillListCosts': job(
    z.object({}).strict(),
    z.object({ filled: z.number().int(), unpriced: z.number().int(), status: ListCostStatus }),
    'Prices at list, from the price book, every ledger line the vendor gave no list cost (unknown models stay empty, never zero).',
  ),
};
