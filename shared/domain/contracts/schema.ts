import { z } from 'zod';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { ISO_DATE_PATTERN, isRealDate, PriceUnitSchema, ProviderId } from '../pricebook/schema';
import { INVOICE_LINE_KINDS } from './types';

/**
 * The contract file: the same terms from YAML (scenarios/contracts/*.yaml), a
 * term-sheet workbook, or the contract editor. Amounts are decimal strings (a
 * YAML number is read from its source text, so 0.1 stays exactly 0.1). Every
 * message names the field path it is about ("credits.grants[0].expires"),
 * which the editor shows next to the field.
 *
 * Exported as JSON Schema to scenarios/contracts/contract.schema.json for
 * editor completion. Also here: a contract month's invoice as it travels.
 */

const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`) });

/** An amount of money in the contract's currency: a non-negative decimal ("10000", "2.50"). */
export const Amount = z
  .union([z.string(), z.number()], required('a decimal amount such as "10000.00"'))
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => !v.startsWith('-'), 'must not be negative')
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a decimal amount such as "10000.00"');

/** A percentage between 0 and 100 ("15" is 15%). */
export const Percent = z
  .union([z.string(), z.number()], required('a percentage such as "15"'))
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/%$/, '').trim()))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a percentage such as "15" (meaning 15%)')
  .refine((v) => !v.startsWith('-') && Number(v) <= 100, 'must be between 0 and 100');

const Day = z.string(required('a date such as 2026-01-01')).regex(ISO_DATE_PATTERN, 'must be a date such as 2026-01-01').refine(isRealDate, 'is not a real calendar date');

const Model = z.string(required('a model id')).min(1, 'must name a model');

export const ContractRateSchema = z
  .object({
    /** The model the rate is for; omitted means every model of the vendor. */
    model: Model.optional(),
    usageClass: UsageClassSchema,
    serviceTier: ServiceTierSchema.optional(),
    meter: z.string().min(1).optional(),
    price: Amount,
    /** Units the price is quoted for; 1,000,000 for token prices unless said. */
    per: z.number().int().positive().optional(),
    unit: PriceUnitSchema.optional(),
    currency: CurrencyCode.optional(),
  })
  .strict();

export const PercentDiscountSchema = z
  .object({
    label: z.string().max(200).optional(),
    percentOff: Percent,
    models: z.array(Model).min(1).optional(),
    usageClasses: z.array(UsageClassSchema).min(1).optional(),
    serviceTiers: z.array(ServiceTierSchema).min(1).optional(),
  })
  .strict();

export const VolumeTierSchema = z
  .object({
    /** Where the tier starts: an amount (spend basis) or a token count (tokens basis). */
    from: z.union([z.string(), z.number()], required('an amount or token count')).transform((v) => String(v).trim()),
    percentOff: Percent,
  })
  .strict();

export const VolumeDiscountSchema = z
  .object({
    basis: z.enum(['spend', 'tokens'], required('"spend" or "tokens"')),
    period: z.enum(['month', 'year'], required('"month" or "year"')),
    method: z.enum(['marginal', 'all_units'], required('"marginal" or "all_units"')),
    tiers: z.array(VolumeTierSchema).min(1, 'needs at least one tier'),
  })
  .strict();

export const CommitmentSchema = z
  .object({
    amount: Amount,
    period: z.enum(['month', 'year'], {
      error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required: a commitment needs a period, "month" or "year"' : 'must be "month" or "year"'),
    }),
    /** Take-or-pay: the shortfall is billed. False only tracks utilisation. */
    takeOrPay: z.boolean().default(true),
    /** none; excess_forward: spend above the commitment counts toward the next period; shortfall_forward: a shortfall rolls into the next period and is billed at term end. */
    carryOver: z.enum(['none', 'excess_forward', 'shortfall_forward']).default('none'),
    /** Cap on the excess carried forward. */
    maxCarryOver: Amount.optional(),
    includesProvisionedFees: z.boolean().default(true),
    currency: CurrencyCode.optional(),
  })
  .strict();

export const CreditGrantSchema = z
  .object({
    id: z.string(required('an id')).min(1).max(100),
    amount: Amount,
    start: Day,
    /** Last day the credit can be used (inclusive). */
    expires: Day,
    appliesTo: z.enum(['all_charges', 'usage_only']).default('all_charges'),
    currency: CurrencyCode.optional(),
  })
  .strict();

export const CreditsSchema = z
  .object({
    /** earliest_expiry: use the credit that expires first (default); as_listed: in the order written. */
    burnOrder: z.enum(['earliest_expiry', 'as_listed']).default('earliest_expiry'),
    grants: z.array(CreditGrantSchema).min(1, 'needs at least one grant'),
  })
  .strict();

export const ProvisionedSchema = z
  .object({
    id: z.string(required('an id')).min(1).max(100),
    units: z.number(required('a number of units')).int('must be a whole number of units').positive('must be positive'),
    pricePerUnitHour: Amount.optional(),
    pricePerUnitMonth: Amount.optional(),
    start: Day,
    /** Last day of the term (inclusive). */
    end: Day,
    models: z.array(Model).min(1, 'needs at least one model'),
    /** Tokens per minute one unit serves, per model (all token classes together). */
    throughputPerUnit: z.record(z.string(), z.coerce.number().positive('must be positive')),
    overflow: z.literal('on_demand').default('on_demand'),
    currency: CurrencyCode.optional(),
  })
  .strict();

export const PriceChangeSchema = z
  .object({
    /** List-price increases reach this contract only this many days after they take effect. */
    noticeDays: z.number().int().min(0).default(0),
    /** Largest list-price increase over the term, in percent of the price at the term start. */
    capPercent: Percent.optional(),
  })
  .strict();

export const ContractFileSchema = z
  .object({
    schema: z.literal('aispend-contract/1').optional(),
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, 'must be a lower-case id such as "acme-openai-2026"')
      .optional(),
    name: z.string(required('text')).min(1, 'is required').max(300),
    vendor: ProviderId,
    currency: CurrencyCode,
    term: z.object({ start: Day, end: Day }).strict(),
    notes: z.string().max(10_000).optional(),
    rates: z.array(ContractRateSchema).default([]),
    discounts: z.array(PercentDiscountSchema).default([]),
    volumeDiscount: VolumeDiscountSchema.optional(),
    commitment: CommitmentSchema.optional(),
    credits: CreditsSchema.optional(),
    provisioned: z.array(ProvisionedSchema).default([]),
    minimumMonthlyFee: Amount.optional(),
    priceChange: PriceChangeSchema.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.term.end < c.term.start) ctx.addIssue({ code: 'custom', path: ['term', 'end'], message: `ends (${c.term.end}) before it starts (${c.term.start})` });
    const mixed = (path: (string | number)[], currency: string | undefined) => {
      if (currency !== undefined && currency !== c.currency) ctx.addIssue({ code: 'custom', path, message: `mixed currencies: ${currency} in a ${c.currency} contract` });
    };
    c.rates.forEach((r, i) => mixed(['rates', i, 'currency'], r.currency));
    mixed(['commitment', 'currency'], c.commitment?.currency);
    c.provisioned.forEach((p, i) => {
      mixed(['provisioned', i, 'currency'], p.currency);
      if ((p.pricePerUnitHour === undefined) === (p.pricePerUnitMonth === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['provisioned', i, 'pricePerUnitHour'], message: 'give exactly one of pricePerUnitHour and pricePerUnitMonth' });
      }
      if (p.end < p.start) ctx.addIssue({ code: 'custom', path: ['provisioned', i, 'end'], message: `ends (${p.end}) before it starts (${p.start})` });
      for (const m of p.models) {
        if (!(m in p.throughputPerUnit)) ctx.addIssue({ code: 'custom', path: ['provisioned', i, 'throughputPerUnit'], message: `gives no throughput for ${m}` });
      }
    });
    const grantIds = new Set<string>();
    c.credits?.grants.forEach((g, i) => {
      mixed(['credits', 'grants', i, 'currency'], g.currency);
      if (g.expires < g.start) ctx.addIssue({ code: 'custom', path: ['credits', 'grants', i, 'expires'], message: `the credit expires (${g.expires}) before it starts (${g.start})` });
      if (grantIds.has(g.id)) ctx.addIssue({ code: 'custom', path: ['credits', 'grants', i, 'id'], message: `credit id ${g.id} is used twice` });
      grantIds.add(g.id);
    });
    const v = c.volumeDiscount;
    if (v) {
      v.tiers.forEach((t, i) => {
        const ok = v.basis === 'spend' ? /^\d+(\.\d+)?$/.test(t.from) : /^\d+$/.test(t.from);
        if (!ok) ctx.addIssue({ code: 'custom', path: ['volumeDiscount', 'tiers', i, 'from'], message: v.basis === 'spend' ? 'must be an amount such as "1000"' : 'must be a whole number of tokens' });
        else if (i === 0 && Number(t.from) !== 0) ctx.addIssue({ code: 'custom', path: ['volumeDiscount', 'tiers', 0, 'from'], message: 'the first tier must start at 0' });
        else if (i > 0 && Number(t.from) <= Number(v.tiers[i - 1]!.from)) ctx.addIssue({ code: 'custom', path: ['volumeDiscount', 'tiers', i, 'from'], message: 'tiers must start at increasing amounts' });
      });
    }
  });
/** What a contract file holds after validation (amounts still decimal text). */
export type ContractFile = z.output<typeof ContractFileSchema>;
/** What a contract file may say (defaults may be left out). */
export type ContractFileInput = z.input<typeof ContractFileSchema>;

/** One problem with a contract, for the editor to show next to the field. */
export const ContractIssue = z.object({ field: z.string(), message: z.string(), cell: z.string().optional() });
export type ContractIssue = z.infer<typeof ContractIssue>;

export const InvoiceLineSchema = z.object({
  kind: z.enum(INVOICE_LINE_KINDS),
  label: z.string(),
  /** What the line adds to the invoice (negative for discounts and credits), to the cent. */
  amount: z.string(),
  /** An amount shown but not billed (credits forfeited). */
  memo: z.string().nullable(),
  model: z.string().nullable(),
  usageClass: UsageClassSchema.nullable(),
  serviceTier: ServiceTierSchema.nullable(),
  quantity: z.string().nullable(),
  /** The contract term that produced the line ("discounts[0]", "commitment"). */
  term: z.string().nullable(),
});
export type InvoiceLineWire = z.infer<typeof InvoiceLineSchema>;

export const ContractMonthInvoice = z.object({
  contractId: z.string(),
  month: Month,
  currency: CurrencyCode,
  inTerm: z.boolean(),
  lines: z.array(InvoiceLineSchema),
  total: z.string(),
  summary: z.object({
    usageAtList: z.string(),
    usageNet: z.string(),
    volumeDiscount: z.string(),
    provisionedFees: z.string(),
    commitmentShortfall: z.string(),
    minimumTopUp: z.string(),
    creditsApplied: z.string(),
    creditsForfeited: z.string(),
  }),
  unpriced: z.array(z.object({ model: z.string(), usageClass: UsageClassSchema, quantity: z.string(), reason: z.string(), message: z.string() })),
});
export type ContractMonthInvoice = z.infer<typeof ContractMonthInvoice>;
