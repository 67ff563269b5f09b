import { z } from 'zod';
import { CommitmentBalanceSchema, ContractIssue, ContractMonthInvoice, ContractVersionRef } from '../domain/contracts/schema';
import { InvoiceCheckResult } from '../domain/invoice-check/schema';
import { IsoDate } from '../domain/pricebook/schema';
import { CurrencyCode, Month, ServiceTierSchema, UsageClassSchema } from './common';
import { ExportPath, ImportPath } from './paths';
import { job, method } from './define';

/** Contract and invoice-check methods; the contract file and result schemas live with their domain. */
export * from '../domain/contracts/schema';
export * from '../domain/invoice-check/schema';

export const InvoiceCheckScope = z
  .object({
    /** A stored contract: check its vendor's usage under it. */
    contractId: z.string().min(1).optional(),
    /** One month (with credits and annual terms carried from the term start). */
    month: Month.optional(),
    /** One vendor, under its stored contracts. */
    provider: z.string().min(1).optional(),
  })
  .strict();

/** Usage a usage report gave on days no costs report of the vendor covers: nothing billed it, so nothing could be checked. */
export const UnpairedUsageWire = z.object({
  provider: z.string(),
  month: Month,
  model: z.string().nullable(),
  usageClass: UsageClassSchema,
  serviceTier: ServiceTierSchema,
  days: z.number().int(),
  lines: z.number().int(),
  quantity: z.string(),
});

/** A finished invoice check as stored in the workspace (the latest run per scope is kept). */
export const InvoiceCheckRun = InvoiceCheckResult.extend({
  runId: z.number().int(),
  checkedAt: z.string(),
  scope: z.object({ contractId: z.string().nullable(), contractName: z.string().nullable(), month: Month.nullable(), provider: z.string().nullable() }),
  /** What the check read: the contracts (as last saved) and imports, so a later change to either can be told (absent in runs stored before it was kept). */
  basis: z.object({ contracts: z.array(z.object({ id: z.string(), updatedAt: z.string() })), imports: z.array(z.number().int()) }).optional(),
  /** Usage reports left unpaired (costed lines left unpaired are the findings "cost without usage"). */
  unpairedUsage: z.array(UnpairedUsageWire),
  stats: z.object({
    ledgerLines: z.number().int(),
    checkLines: z.number().int(),
    /** Check lines whose quantity came from a usage report paired with a costs report. */
    pairedLines: z.number().int(),
    milliseconds: z.number().int(),
    catalogueAsOf: IsoDate,
  }),
});
export type InvoiceCheckRun = z.infer<typeof InvoiceCheckRun>;

/** What changed since a stored check ran: contracts saved, added or deleted, imports added or removed. */
export const InvoiceCheckChanges = z.object({
  /** Names of the contracts of the check's scope saved or added since. */
  contractsChanged: z.array(z.string()),
  /** Ids of contracts the check used that are no longer stored. */
  contractsDeleted: z.array(z.string()),
  importsAdded: z.number().int(),
  importsRemoved: z.number().int(),
  /** In words: "the contract changed since this check: run it again". */
  message: z.string(),
});
export type InvoiceCheckChanges = z.infer<typeof InvoiceCheckChanges>;

export const ContractSummary = z.object({
  id: z.string(),
  name: z.string(),
  vendor: z.string(),
  currency: CurrencyCode,
  start: IsoDate,
  end: IsoDate,
  file: z.string(),
  /** The terms in a few words ("15% off list", "$500.00 a month committed, take-or-pay"). */
  highlights: z.array(z.string()),
  /** Amendments and renewals after the terms as signed, in date order: each version's date, reason, end and what it changes in a few words. */
  versions: z.array(z.object({ number: z.number().int(), effectiveFrom: IsoDate, reason: z.string(), end: IsoDate, changes: z.array(z.string()) })).default([]),
  updatedAt: z.string(),
});
export type ContractSummary = z.infer<typeof ContractSummary>;

/** One month of a contract, summarised: what was used, what the contract bills, commitment and credits. */
export const ContractMonthSummary = z.object({
  month: Month,
  /** The contract's version in force that month, whose terms priced it (1 the original terms). */
  version: ContractVersionRef,
  inTerm: z.boolean(),
  usageAtList: z.string(),
  usageNet: z.string(),
  provisionedFees: z.string(),
  commitmentShortfall: z.string(),
  minimumTopUp: z.string(),
  creditsApplied: z.string(),
  creditsForfeited: z.string(),
  /** Credit left after the month, all grants together. */
  creditBalance: z.string().nullable(),
  /** Spend counted toward the commitment / the commitment for the period, when there is one. */
  commitmentEligible: z.string().nullable(),
  commitmentCommitted: z.string().nullable(),
  /** The commitment's contract-year balance after the month (committed to date, drawn, billed, remaining), when there is one. */
  commitmentBalance: CommitmentBalanceSchema.nullable(),
  total: z.string(),
  /** Usage lines the month's invoice is missing a price for (request counts nobody bills, billed nothing, are not counted). */
  unpricedLines: z.number().int(),
  /** Ledger lines of the month with a cost but no quantity (a costs report without its usage report): not in usage at list or net. */
  linesWithoutQuantity: z.number().int(),
});
export type ContractMonthSummary = z.infer<typeof ContractMonthSummary>;

/** One commitment's draw-down in a month: the vendor's FOCUS ContractApplied beside the workbench's own calculation. */
export const DrawdownRow = z.object({
  /** As the vendor's ContractApplied names them. */
  contractId: z.string().nullable(),
  commitmentId: z.string(),
  /** Month of the charges (their ChargePeriodStart). */
  month: Month,
  currency: CurrencyCode,
  /** The stored contract of that id, when there is one. */
  contractName: z.string().nullable(),
  /** Cost rows (not Purchase) that name the commitment. */
  vendorLines: z.number().int(),
  /** ContractCommitmentAppliedCost summed, exact; null when the rows give quantities only. */
  vendorApplied: z.string().nullable(),
  /** ContractCommitmentAppliedQuantity summed (usage commitments), with its unit. */
  vendorQuantity: z.string().nullable(),
  vendorUnit: z.string().nullable(),
  /** Applied cost on Purchase rows: the commitment bought, not drawn down. */
  vendorPurchased: z.string().nullable(),
  /** What the contract pricer counted toward the commitment in the month, from the ledger's usage, and the contract year's balance after it. */
  workbench: z
    .object({
      /** The workbench's id of the true-up period (what its own FOCUS export writes as ContractCommitmentId). */
      commitmentId: z.string().nullable(),
      drawn: z.string(),
      drawnToDate: z.string(),
      committedToDate: z.string(),
      remaining: z.string(),
    })
    .nullable(),
  /** vendorApplied − workbench.drawn. */
  difference: z.string().nullable(),
  /** How the row was set against the workbench's month: its commitment id is the workbench's period id, or it is the contract's only commitment that month. */
  matchedBy: z.enum(['commitment', 'contract']).nullable(),
  /** Why there is no comparison, when there is none. */
  note: z.string().nullable(),
});
export type DrawdownRow = z.infer<typeof DrawdownRow>;

const ContractText = z.object({ yaml: z.string().max(2_000_000), fileName: z.string().min(1).max(300).default('contract.yaml') });

/** Contract methods. */
export const contractMethods = {
  'contracts.list': method(z.object({}).strict(), z.object({ contracts: z.array(ContractSummary) }), 'Contracts stored in the workspace.'),
  'contracts.get': method(z.object({ id: z.string().min(1) }).strict(), z.object({ summary: ContractSummary, yaml: z.string() }), 'One contract as YAML text.'),
  'contracts.validate': method(
    z.object({ yaml: z.string().max(2_000_000), fileName: z.string().default('contract.yaml'), previousId: z.string().min(1).optional() }).strict(),
    z.object({ ok: z.boolean(), issues: z.array(ContractIssue) }),
    'Checks contract YAML (schema, models in the price book, overlaps with stored contracts) without saving it.',
  ),
  'contracts.save': method(
    ContractText.extend({
      /** The stored contract being edited, when its id changes (it is replaced in the same transaction). */
      previousId: z.string().min(1).optional(),
    }).strict(),
    ContractSummary,
    'Validates and stores a contract (a contract with the same id is replaced); refuses overlapping terms for the same vendor.',
  ),
  'contracts.delete': method(z.object({ id: z.string().min(1) }).strict(), z.object({ deleted: z.boolean() }), 'Removes a stored contract.'),
  'contracts.importFile': method(
    z.object({ path: ImportPath }).strict(),
    z.object({
      yaml: z.string(),
      issues: z.array(ContractIssue),
      fileName: z.string(),
      /** The terms pass the schema and name models the price book knows; any issues are then about this workspace (an id or a term already taken). */
      termsValid: z.boolean(),
    }),
    'Reads a contract file — YAML, or a term-sheet workbook (.xlsx, .xls; layout in scenarios/contracts/README.md) — into contract YAML for review, with its issues (naming the field and, for a workbook, the cell); nothing is stored.',
  ),
  'contracts.priceMonths': method(
    z.object({ id: z.string().min(1), from: Month.optional(), through: Month.optional() }).strict(),
    z.object({ contractId: z.string(), currency: CurrencyCode, months: z.array(ContractMonthSummary) }),
    "Every month of a contract's term (and months with usage) priced from the ledger: usage, commitment utilisation, credit balance.",
  ),
  'contracts.drawdown': method(
    z.object({ contractId: z.string().min(1).optional(), from: Month.optional(), through: Month.optional() }).strict(),
    z.object({ rows: z.array(DrawdownRow), linesWithContractApplied: z.number().int() }),
    "Draw-down per commitment and month from imported FOCUS cost rows' ContractApplied (the vendor's figures), beside what the contract pricer counts toward the stored contract's commitment, with the difference.",
  ),
  'contracts.draftsFromFocusCommitments': method(
    z.object({ path: ImportPath, vendor: z.string().min(1).max(100).optional() }).strict(),
    z.object({
      fileName: z.string(),
      drafts: z.array(
        z.object({
          contractId: z.string(),
          /** The file name the draft is stored under (its id). */
          fileName: z.string(),
          /** The draft as contract YAML, what to complete listed in comments at its top. */
          yaml: z.string(),
          /** What the dataset cannot say or the workbench cannot express, for the user to complete. */
          toComplete: z.array(z.object({ field: z.string(), message: z.string() })),
          /** Rows of the dataset it came from (the header is row 1). */
          rows: z.array(z.number().int()),
          /** The draft checked as saving would check it. */
          issues: z.array(ContractIssue),
          valid: z.boolean(),
        }),
      ),
    }),
    "Reads FOCUS 1.3's Contract Commitment dataset (CSV or Parquet) into draft contracts, one per ContractId, each with what the user must complete and its issues; nothing is stored (save each with contracts.save once valid).",
  ),
  'contracts.exportFocusCommitments': method(
    z.object({ path: ExportPath.optional() }).strict(),
    z.object({ csv: z.string(), rows: z.number().int(), contracts: z.number().int(), contractsWithoutCommitment: z.number().int(), path: z.string().nullable() }),
    "The stored contracts as FOCUS 1.3's Contract Commitment dataset (CSV): one Spend row per true-up period of each commitment, with the ids the FOCUS cost export's ContractApplied names; written to `path` when given.",
  ),
  'contracts.exportTermSheet': method(
    z.object({ id: z.string().min(1), path: ExportPath, overwrite: z.boolean().default(false) }).strict(),
    z.object({ path: z.string(), fileName: z.string(), versions: z.number().int(), bytes: z.number().int() }),
    "A stored contract as a term-sheet workbook (.xlsx) in the layout the import reads: the terms as signed, then each version; an existing file is replaced only with `overwrite`.",
  ),
  'contracts.lastInvoiceCheck': method(
    InvoiceCheckScope,
    z.object({ run: InvoiceCheckRun.nullable(), changedSince: InvoiceCheckChanges.nullable() }),
    'The latest stored invoice check for a scope, if any, and what changed since it ran (then it no longer says what the contracts and the ledger say: run it again).',
  ),
  'contracts.priceMonth': method(
    z.object({ id: z.string().min(1), month: Month }).strict(),
    ContractMonthInvoice,
    "The month's invoice under a contract, from the ledger's usage (credits and annual terms carried from the term start).",
  ),
  'contracts.exportInvoiceCheckCsv': method(
    z.object({ runId: z.number().int().positive(), path: ExportPath.optional() }).strict(),
    z.object({ csv: z.string(), lines: z.number().int(), fileName: z.string(), path: z.string().nullable() }),
    'A stored invoice check, line by line, as CSV text (exact amounts, formula-safe text); written to `path` when given (the desktop app’s save dialog).',
  ),
};

export const contractJobs = {
  'contracts.invoiceCheck': job(
    InvoiceCheckScope.extend({
      /** A contract file that is not stored (the CLI's --contract FILE): its vendor's usage is checked under it alone. */
      contract: ContractText.strict().optional(),
    }).strict(),
    InvoiceCheckRun,
    'Re-prices the ledger under the contracts in force and lists, per line and in total, where the bill differs; the run is stored.',
  ),
};
