import { z } from 'zod';
import { ProviderId } from '../pricebook/schema';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from '../schemas';
import { checkTerms, CONTRACT_TERM_KEYS, CONTRACT_TERMS } from './terms';
import { Day, required } from './terms/fields';
import { INVOICE_LINE_KINDS, type ContractTermKey } from './types';
import { checkVersions, finalEnd } from './versions';
import { ContractVersionRef } from './version-ref';

/**
 * The contract file: the same terms from YAML (scenarios/contracts/*.yaml), a
 * term-sheet workbook, or the contract editor. Amounts are decimal strings (a
 * YAML number is read from its source text, so 0.1 stays exactly 0.1). Every
 * message names the field path it is about ("credits.grants[0].expires"),
 * which the editor shows next to the field.
 *
 * The header (who, with whom, when) is here; each term's schema is in its
 * module (terms/). Exported as JSON Schema to
 * scenarios/contracts/contract.schema.json for editor completion. Also here:
 * a contract month's invoice as it travels.
 */

const termShape = Object.fromEntries(CONTRACT_TERM_KEYS.map((key) => [key, CONTRACT_TERMS[key].schema])) as { [K in ContractTermKey]: (typeof CONTRACT_TERMS)[K]['schema'] };

// In a version every term is optional with no default: a term it leaves out is kept from the version before (versions.ts).
const versionTermShape = Object.fromEntries(
  CONTRACT_TERM_KEYS.map((key) => {
    const schema = CONTRACT_TERMS[key].schema as z.ZodType;
    return [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional()];
  }),
) as { [K in ContractTermKey]: z.ZodOptional<z.ZodType<z.output<(typeof CONTRACT_TERMS)[K]['schema']>, z.input<(typeof CONTRACT_TERMS)[K]['schema']>>> };

/** An amendment or renewal: from its effective date, the terms it names replace the version before's (versions.ts). */
export const ContractVersionSchema = z
  .object({
    effectiveFrom: Day,
    reason: z.string(required('text')).min(1, 'is required: say what the version is ("renewal, phase 2", "amendment 1: batch discount")').max(300),
    /** A new end of the term (a renewal extends it). */
    end: Day.optional(),
    /** Credit grants of earlier versions it takes back (their balance is forfeited on its effective date). */
    withdrawCredits: z.array(z.string().min(1)).max(100).optional(),
    // Named so the message can say why a version may not change them.
    vendor: z.unknown().optional(),
    currency: z.unknown().optional(),
    ...versionTermShape,
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
    // The terms, each from its module (terms/), in the registry's order.
    ...termShape,
    /** Amendments and renewals, in date order (versions.ts). */
    versions: z.array(ContractVersionSchema).max(100).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.term.end < c.term.start) ctx.addIssue({ code: 'custom', path: ['term', 'end'], message: `ends (${c.term.end}) before it starts (${c.term.start})` });
    // Terms are checked against the whole term, renewals included (a ramp's third year may come with the renewal).
    const whole = { ...c, term: { ...c.term, end: finalEnd(c.term, c.versions) } };
    checkTerms(whole, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
    c.versions?.forEach((v, i) => checkTerms({ ...v, currency: c.currency, term: whole.term } as never, (path, message) => ctx.addIssue({ code: 'custom', path: ['versions', i, ...path], message })));
    checkVersions(c, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
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

export { ContractVersionRef };

export const ContractMonthInvoice = z.object({
  contractId: z.string(),
  month: Month,
  /** The contract's version in force that month, whose terms priced it. */
  version: ContractVersionRef,
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

/** Where a commitment stands after a month, within its contract year (CommitmentBalance), money as decimal text. */
export const CommitmentBalanceSchema = z.object({
  /** 1 for the first contract year. */
  year: z.number().int(),
  yearStart: z.string(),
  yearEnd: z.string(),
  committedForYear: z.string(),
  /** The year's commitment through this month (spread evenly over its months). */
  committedToDate: z.string(),
  /** Spend that counted toward it so far this contract year. */
  drawnToDate: z.string(),
  /** Shortfall billed at the year's true-ups so far, this month's included. */
  shortfallBilledToDate: z.string(),
  /** What is still to be drawn or paid this contract year. */
  remaining: z.string(),
  /** This month is a true-up. */
  trueUp: z.boolean(),
});
export type CommitmentBalanceWire = z.infer<typeof CommitmentBalanceSchema>;
