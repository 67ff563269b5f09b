import { z } from 'zod';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { IsoDate } from '../pricebook/schema';

/** The invoice check's result as it travels: money as decimal strings, findings by code. */

export const FINDING_CODES = [
  'rate_above_contract',
  'discount_not_applied',
  'credits_not_applied',
  'credits_expired_early',
  'cached_billed_as_uncached',
  'usage_outside_contract',
  'unknown_model',
  'missing_invoice_month',
] as const;
export const FindingCode = z.enum(FINDING_CODES);

export const InvoiceCheckFinding = z.object({
  code: FindingCode,
  message: z.string(),
  month: Month,
  provider: z.string(),
  lineRef: z.string().nullable(),
  /** How much more was billed than the contract says, where it can be said. */
  overcharge: z.string().nullable(),
});

export const InvoiceCheckLine = z.object({
  ref: z.string(),
  /** The day the usage was charged (the check groups a day's lines of one model, class and tier). */
  day: IsoDate,
  month: Month,
  provider: z.string(),
  model: z.string().nullable(),
  usageClass: UsageClassSchema,
  serviceTier: ServiceTierSchema,
  quantity: z.string(),
  currency: CurrencyCode,
  billed: z.string(),
  list: z.string().nullable(),
  contracted: z.string().nullable(),
  variance: z.string().nullable(),
  contractId: z.string().nullable(),
  priceRowId: z.string().nullable(),
  findings: z.array(FindingCode),
  /** How many ledger lines the check line sums. */
  ledgerLines: z.number().int(),
});
export type InvoiceCheckLineWire = z.infer<typeof InvoiceCheckLine>;

/** A price row that priced some line of the check, with its source note (rows marked verify rest on secondary sources). */
export const InvoiceCheckPriceRow = z.object({ id: z.string(), source: z.string(), note: z.string(), verify: z.boolean() });

export const InvoiceCheckResult = z.object({
  lines: z.array(InvoiceCheckLine),
  months: z.array(
    z.object({
      month: Month,
      provider: z.string(),
      contractId: z.string().nullable(),
      currency: CurrencyCode,
      billed: z.string(),
      contracted: z.string().nullable(),
      variance: z.string().nullable(),
    }),
  ),
  totals: z.array(z.object({ currency: CurrencyCode, billed: z.string(), contracted: z.string(), variance: z.string() })),
  findings: z.array(InvoiceCheckFinding),
  priceRows: z.array(InvoiceCheckPriceRow).default([]),
});
export type InvoiceCheckResultWire = z.infer<typeof InvoiceCheckResult>;
