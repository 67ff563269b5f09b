import { z } from 'zod';
import { LEDGER_LINE_FIELDS, ledgerFieldsWithout } from '../domain/ledger-line';
import { ChargeCategorySchema, CurrencyCode, IsoInstant, Money, Month, ServiceTierSchema, UsageClassSchema } from './common';
import { method } from './define';
import { overviewMethods } from './overview';

/** A stored ledger line as the UI sees it: money as exact decimal strings, provenance included. */
export const LedgerRow = z.object({
  id: z.number().int(),
  importId: z.number().int(),
  sourceRow: z.number().int(),
  month: Month,
  chargePeriodStart: IsoInstant,
  chargePeriodEnd: IsoInstant,
  billingPeriod: z.string().nullable(),
  chargeCategory: ChargeCategorySchema,
  provider: z.string(),
  publisher: z.string().nullable(),
  billingAccount: z.string().nullable(),
  subAccount: z.string().nullable(),
  credential: z.string().nullable(),
  model: z.string().nullable(),
  modelRaw: z.string().nullable(),
  usageClass: UsageClassSchema,
  serviceTier: ServiceTierSchema,
  contextBand: z.string().nullable(),
  region: z.string().nullable(),
  resourceId: z.string().nullable(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** Null when the statement does not report it (a costs export): not reported, never zero. */
  quantity: z.number().nullable(),
  unit: z.string(),
  billedCost: Money,
  effectiveCost: Money.nullable(),
  listCost: Money.nullable(),
  contractedCost: Money.nullable(),
  currency: CurrencyCode,
  /** 'list' for lines of a usage-only statement: nothing was billed (billedCost holds 0); their cost is the list cost. */
  costBasis: z.enum(['billed', 'list']),
});
export type LedgerRow = z.infer<typeof LedgerRow>;

/** Columns a user may sort and filter on (a whitelist: these names map to SQL columns in the backend). */
export const LEDGER_FIELDS = ['id', 'importId', 'sourceRow', 'month', ...ledgerFieldsWithout(LEDGER_LINE_FIELDS, 'tags')] as const;
export const LedgerField = z.enum(LEDGER_FIELDS);
export type LedgerField = z.infer<typeof LedgerField>;

/** Dimensions a ledger can be grouped by. */
export const LEDGER_DIMENSIONS = [
  'month',
  'billingPeriod',
  'chargeCategory',
  'provider',
  'publisher',
  'billingAccount',
  'subAccount',
  'credential',
  'model',
  'usageClass',
  'serviceTier',
  'contextBand',
  'region',
  'unit',
  'importId',
] as const;
export const LedgerDimension = z.enum(LEDGER_DIMENSIONS);
export type LedgerDimension = z.infer<typeof LedgerDimension>;

const FilterValue = z.union([z.string().max(1000), z.number()]);

export const LedgerFilter = z.discriminatedUnion('op', [
  z.object({ field: LedgerField, op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte']), value: FilterValue }).strict(),
  z.object({ field: LedgerField, op: z.literal('in'), values: z.array(FilterValue).min(1).max(500) }).strict(),
  z.object({ field: LedgerField, op: z.enum(['contains', 'startsWith']), value: z.string().min(1).max(1000) }).strict(),
  z.object({ field: LedgerField, op: z.enum(['blank', 'notBlank']) }).strict(),
  z.object({ field: z.literal('tag'), op: z.literal('tagEquals'), key: z.string().min(1).max(200), value: z.string().max(1000) }).strict(),
]);
export type LedgerFilter = z.infer<typeof LedgerFilter>;

export const SortDirection = z.enum(['asc', 'desc']);

export const LedgerQueryInput = z
  .object({
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(100),
    sort: z.array(z.object({ field: LedgerField, dir: SortDirection }).strict()).max(5).default([]),
    filters: z.array(LedgerFilter).max(50).default([]),
    /** Skip counting the filtered set (the grid asks for the count once per filter). */
    withTotal: z.boolean().default(true),
  })
  .strict();
export type LedgerQueryInput = z.input<typeof LedgerQueryInput>;

export const LedgerPage = z.object({
  rows: z.array(LedgerRow),
  /** Lines matching the filters, or null when not asked for. */
  total: z.number().int().nullable(),
});
export type LedgerPage = z.infer<typeof LedgerPage>;

/** Measures summed per group; money is summed per currency, never across currencies. */
export const LedgerSummaryRow = z.object({
  key: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  currency: CurrencyCode,
  lines: z.number().int(),
  /** Summed over the lines that report one; null when none does. */
  quantity: z.number().nullable(),
  /** Lines of the group whose statement reported no quantity: the quantity is a total of the others. */
  quantityMissing: z.number().int(),
  billedCost: Money,
  effectiveCost: Money,
  /** Summed over the lines that have one; null when none does. */
  listCost: Money.nullable(),
  /**
   * The amounts as shown: rounded to the currency's minor unit so that the
   * groups of a currency add up, as shown, to its total as shown (largest
   * remainder, see shared/domain/rounding.ts); grouped by month, the groups
   * of a month foot to the month rounded on its own. A group may show a cent
   * more or less than its own amount rounded alone.
   */
  shown: z.object({ billedCost: Money, effectiveCost: Money, listCost: Money.nullable() }),
  /** Usage lines of the group with no list cost (no quantity reported, or a model the price book does not price). */
  listCostMissing: z.number().int(),
});
export type LedgerSummaryRow = z.infer<typeof LedgerSummaryRow>;

export const SummarySortField = z.union([LedgerDimension, z.enum(['currency', 'lines', 'quantity', 'billedCost', 'effectiveCost', 'listCost'])]);

export const LedgerSummaryInput = z
  .object({
    by: z.array(LedgerDimension).max(6).default(['month']),
    filters: z.array(LedgerFilter).max(50).default([]),
    sort: z.array(z.object({ field: SummarySortField, dir: SortDirection }).strict()).max(5).default([]),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();
export type LedgerSummaryInput = z.input<typeof LedgerSummaryInput>;

export const LedgerSummary = z.object({
  by: z.array(LedgerDimension),
  rows: z.array(LedgerSummaryRow),
  /** Number of groups (for paging). */
  total: z.number().int(),
  /** Grand totals over all groups, one per currency. */
  totals: z.array(
    z.object({
      currency: CurrencyCode,
      lines: z.number().int(),
      quantity: z.number(),
      billedCost: Money,
      effectiveCost: Money,
      /** Summed over the lines that report a list cost; null when none does. */
      listCost: Money.nullable(),
      /** Lines without a list cost (not counted in listCost). */
      linesWithoutListCost: z.number().int(),
      /** The exact totals rounded once to the currency's minor unit. */
      shown: z.object({ billedCost: Money, effectiveCost: Money, listCost: Money.nullable() }),
      /**
       * What the groups' shown amounts add up to: the shown total, except when
       * the groups are months (each rounded on its own, as on every screen),
       * where it may differ by a cent or so and the screen says so.
       */
      groupsAddUpTo: z.object({ billedCost: Money, effectiveCost: Money, listCost: Money.nullable() }),
    }),
  ),
});
export type LedgerSummary = z.infer<typeof LedgerSummary>;

export const ledgerMethods = {
  'ledger.query': method(LedgerQueryInput, LedgerPage, 'A page of ledger lines, sorted and filtered on the server.'),
  'ledger.summary': method(LedgerSummaryInput, LedgerSummary, 'Ledger totals grouped by dimensions (always split by currency).'),
  'ledger.values': method(
    z
      .object({
        field: LedgerDimension,
        filters: z.array(LedgerFilter).max(50).default([]),
        search: z.string().max(200).optional(),
        limit: z.number().int().min(1).max(1000).default(200),
      })
      .strict(),
    z.object({ values: z.array(z.object({ value: z.union([z.string(), z.number(), z.null()]), lines: z.number().int() })) }),
    'Distinct values of a dimension with their line counts, for filter pickers.',
  ),
  ...overviewMethods,
};
