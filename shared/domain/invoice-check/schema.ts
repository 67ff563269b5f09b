import { z } from 'zod';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { IsoDate } from '../pricebook/schema';
import { InvoiceLineSchema } from '../contracts/schema';

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

/**
 * A month's expected invoice: usage by term, discounts, the volume discount,
 * fees, the commitment shortfall or true-up, the minimum-fee top-up, credits
 * applied and forfeited (memo), in the order the contract prices them; then
 * what the month leaves: each credit's balance and the commitment's standing.
 */
export const ExpectedInvoice = z.object({
  lines: z.array(InvoiceLineSchema),
  total: z.string(),
  credits: z.array(z.object({ grantId: z.string(), opening: z.string(), applied: z.string(), forfeited: z.string(), closing: z.string() })),
  commitment: z
    .object({
      committed: z.string(),
      /** Spend counted toward it so far in the period (carry-in included). */
      eligible: z.string(),
      shortfall: z.string(),
      /** This month closes a commitment period (a true-up month). */
      periodEnd: z.boolean(),
      carriedForward: z.string(),
      deferredShortfall: z.string(),
    })
    .nullable(),
});
export type ExpectedInvoiceWire = z.infer<typeof ExpectedInvoice>;

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
      /** The whole expected invoice of the month under the contract, line by line, and the balances it leaves (null at list prices). */
      invoice: ExpectedInvoice.nullable().default(null),
    }),
  ),
  totals: z.array(z.object({ currency: CurrencyCode, billed: z.string(), contracted: z.string(), variance: z.string() })),
  findings: z.array(InvoiceCheckFinding),
  priceRows: z.array(InvoiceCheckPriceRow).default([]),
});
export type InvoiceCheckResultWire = z.infer<typeof InvoiceCheckResult>;
