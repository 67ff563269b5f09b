import { z } from 'zod';
import { ExportPath } from './paths';
import { job } from './define';
import { LedgerDimension, LedgerField, LedgerFilter, SortDirection, SummarySortField } from './ledger';

/**
 * The ledger view exported as a file: what the grid shows (its filters, its
 * sort, its grouping), every row of it, to CSV (every digit, formula-safe
 * text) or XLSX (a sheet of the rows and one saying what the view was).
 */
export const LEDGER_EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const LedgerExportFormat = z.enum(LEDGER_EXPORT_FORMATS);
export type LedgerExportFormat = z.infer<typeof LedgerExportFormat>;

export const LedgerExportInput = z
  .object({
    format: LedgerExportFormat,
    /** Grouped by these dimensions (the groups are exported); empty: every line. */
    by: z.array(LedgerDimension).max(6).default([]),
    filters: z.array(LedgerFilter).max(50).default([]),
    /** Line fields for lines; dimensions and measures for groups. */
    sort: z.array(z.object({ field: z.union([LedgerField, SummarySortField]), dir: SortDirection }).strict()).max(5).default([]),
    /** Where to write the file; absent: a temporary file the browser then downloads from the host. */
    out: ExportPath.optional(),
    /** What the view is, in words, for the file's description ("Grouped by month; provider is OpenAI"). */
    title: z.string().max(300).optional(),
  })
  .strict();
export type LedgerExportInput = z.input<typeof LedgerExportInput>;

export const LedgerExportResult = z.object({
  file: z.string(),
  fileName: z.string(),
  format: LedgerExportFormat,
  /** Data rows written (lines, or groups when grouped). */
  rows: z.number().int(),
  grouped: z.boolean(),
  bytes: z.number().int(),
});
export type LedgerExportResult = z.infer<typeof LedgerExportResult>;

export const ledgerExportJobs = {
  'ledger.export': job(
    LedgerExportInput,
    LedgerExportResult,
    'Writes the ledger view (filters, sort, grouping) to CSV or XLSX, streamed row by row: exact amounts, text a spreadsheet would read as a formula kept as text.',
  ),
};

/** What each dimension is called on screen and in exported files. */
export const LEDGER_DIMENSION_LABELS: Record<LedgerDimension, string> = {
  month: 'Month',
  billingPeriod: 'Billing period',
  chargeCategory: 'Charge category',
  provider: 'Provider',
  publisher: 'Publisher',
  billingAccount: 'Billing account',
  subAccount: 'Project',
  credential: 'API key',
  model: 'Model',
  usageClass: 'Usage class',
  serviceTier: 'Service tier',
  contextBand: 'Context band',
  region: 'Region',
  unit: 'Unit',
  importId: 'Import',
};
