import { z } from 'zod';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { IsoDate } from '../pricebook/schema';
import { CommitmentBalanceSchema, InvoiceLineSchema } from '../contracts/schema';
import { ContractVersionRef } from '../contracts/version-ref';

/** The invoice check's result as it travels: money as decimal strings, findings by code. */

export const FINDING_CODES = [
  'rate_above_contract',
  'rate_above_list',
  'discount_not_applied',
  'credits_not_applied',
  'credits_expired_early',
  'cached_billed_as_uncached',
  'usage_outside_contract',
  'cost_without_usage',
  'unknown_model',
  'missing_invoice_month',
  'band_assumed',
  'off_peak_discount',
] as const;
export const FindingCode = z.enum(FINDING_CODES);

/** One cause with every line it concerns (a discount missing on 146 lines is one finding), or one month's invoice. */
export const InvoiceCheckFinding = z.object({
  code: FindingCode,
  message: z.string(),
  /** The (first) month it concerns. */
  month: Month,
  provider: z.string(),
  currency: CurrencyCode,
  /** The first line it concerns; null for a month-level finding. */
  lineRef: z.string().nullable(),
  /** Every check line it concerns, in day order. */
  lineRefs: z.array(z.string()),
  /** How many check lines it concerns (0 for a month-level finding). */
  lines: z.number().int(),
  /** What those lines billed together. */
  billed: z.string().nullable(),
  /** How much more was billed than the contract says, where it can be said. */
  overcharge: z.string().nullable(),
});
export type InvoiceCheckFindingWire = z.infer<typeof InvoiceCheckFinding>;

/** Why a month's contracted amount is not known: every line outside the contract terms, lines with a cost but no quantity, or usage the price book cannot price. */
export const MonthNote = z.enum(['outside_term', 'cost_without_usage', 'unpriced']);

export const InvoiceCheckLine = z.object({
  ref: z.string(),
  /** The day the usage was charged (the check groups a day's lines of one model, class and tier). */
  day: IsoDate,
  month: Month,
  provider: z.string(),
  model: z.string().nullable(),
  usageClass: UsageClassSchema,
  serviceTier: ServiceTierSchema,
  /** Null when the statement does not report it: the line cannot be re-priced. */
  quantity: z.string().nullable(),
  currency: CurrencyCode,
  billed: z.string(),
  list: z.string().nullable(),
  contracted: z.string().nullable(),
  variance: z.string().nullable(),
  /** The contract's % discounts that priced the line, in the order applied, each with what it took off (exact). */
  discounts: z.array(z.object({ term: z.string(), label: z.string(), percentOff: z.string(), amount: z.string() })).default([]),
  contractId: z.string().nullable(),
  /** The version of the contract that priced the line (1 the original terms). */
  contractVersion: z.number().int().nullable().default(null),
  priceRowId: z.string().nullable(),
  findings: z.array(FindingCode),
  /** How many ledger lines the check line sums. */
  ledgerLines: z.number().int(),
  /** A costs report's line whose quantity came from the vendor's usage report of the same day. */
  pairedWithUsage: z.boolean().default(false),
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
      /** The contract year's balance after the month: committed to date, drawn, shortfall billed, remaining. */
      balance: CommitmentBalanceSchema,
    })
    .nullable(),
  /** Each reservation running that month against the on-demand alternative (the same tokens at the contract's on-demand price). */
  provisioned: z
    .array(
      z.object({
        id: z.string(),
        fee: z.string(),
        /** Tokens the capacity served. */
        tokens: z.string(),
        /** Share of the capacity held that was used, percent ("50.00"); null when it held none. */
        utilisationPercent: z.string().nullable(),
        onDemandCost: z.string(),
        /** Fee per million tokens served; null when it served none. */
        effectivePerMillion: z.string().nullable(),
        onDemandCheaper: z.boolean(),
      }),
    )
    .default([]),
});
export type ExpectedInvoiceWire = z.infer<typeof ExpectedInvoice>;

export const InvoiceCheckResult = z.object({
  lines: z.array(InvoiceCheckLine),
  months: z.array(
    z.object({
      month: Month,
      provider: z.string(),
      contractId: z.string().nullable(),
      /** The contract's version in force that month, whose terms priced it (null at list prices). */
      contractVersion: ContractVersionRef.nullable().default(null),
      currency: CurrencyCode,
      billed: z.string(),
      /** Exact; null when it cannot be known (see note). */
      contracted: z.string().nullable(),
      variance: z.string().nullable(),
      /** The whole expected invoice of the month under the contract, line by line, and the balances it leaves (null at list prices). */
      invoice: ExpectedInvoice.nullable().default(null),
      note: MonthNote.nullable(),
    }),
  ),
  /** Per currency, over the months whose contracted amount is known; the months left out counted with what they billed. */
  totals: z.array(z.object({ currency: CurrencyCode, billed: z.string(), contracted: z.string(), variance: z.string(), uncheckedMonths: z.number().int(), uncheckedBilled: z.string() })),
  findings: z.array(InvoiceCheckFinding),
  priceRows: z.array(InvoiceCheckPriceRow).default([]),
});
export type InvoiceCheckResultWire = z.infer<typeof InvoiceCheckResult>;
