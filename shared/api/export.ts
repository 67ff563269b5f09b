import { z } from 'zod';
import { ExportPath, ReadPath } from './paths';
import { OPTIONAL_SHEETS } from '../workbook/other-sheets';
import { job, method } from './define';

/**
 * The board workbook export (issue 11): which scenario files and scenarios,
 * which optional sheets, the ledger extract, Monte Carlo draws; a job with
 * progress and cancel that writes the .xlsx.
 */

/** The optional sheets, as the workbook declares them. */
export const EXPORT_SHEETS = OPTIONAL_SHEETS;
export const ExportSheet = z.enum(EXPORT_SHEETS);
export type ExportSheet = z.infer<typeof ExportSheet>;

export const LedgerMode = z.enum(['none', 'aggregated', 'lines']);
export type LedgerMode = z.infer<typeof LedgerMode>;

const ScenarioId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,79}$/, 'not a scenario id');

export const ExportSource = z
  .object({
    /** A scenario file of the workspace ... */
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, 'not a scenario file id').optional(),
    /** ... or a file on this machine (the CLI). */
    path: ReadPath.optional(),
    /** Only these scenarios of the file (default: all); the baseline is always in. */
    scenarios: z.array(ScenarioId).max(50).optional(),
  })
  .strict()
  .refine((s) => (s.id === undefined) !== (s.path === undefined), { message: 'name either a workspace file (id) or a file on disk (path)', path: ['id'] });

export const ExportRequest = z
  .object({
    files: z.array(ExportSource).min(1).max(20),
    /** Where to write the .xlsx; absent: a temporary file the caller then downloads (browser mode). */
    out: ExportPath.optional(),
    /** Replace an existing file at `out`. */
    force: z.boolean().default(false),
    /** Optional sheets (Summary, Assumptions and the Monthly sheets are always written). */
    sheets: z.array(ExportSheet).max(EXPORT_SHEETS.length).optional(),
    ledger: LedgerMode.default('none'),
    /** Monte Carlo draws for the Risk sheet and the P10–P90 figures; default 2,000 when a file has uncertain inputs, else 0. */
    draws: z.number().int().min(0).max(100_000).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    title: z.string().min(1).max(200).optional(),
  })
  .strict();
export type ExportRequest = z.input<typeof ExportRequest>;

export const ExportResult = z.object({
  file: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  sheets: z.array(z.object({ name: z.string(), kind: z.string() })),
  /** Defined names: assumptions and KPIs. */
  names: z.number().int(),
  formulas: z.number().int(),
  charts: z.number().int(),
  ledger: z.object({ mode: LedgerMode, rows: z.number().int(), note: z.string().nullable() }),
  draws: z.number().int(),
  /** Every key figure and KPI the engine reports, checked against the workbook's own formulas before writing. */
  checked: z.object({ figures: z.number().int(), worstRelativeDifference: z.number() }),
  warnings: z.array(z.string()),
});
export type ExportResult = z.infer<typeof ExportResult>;

export const ExportOptions = z.object({
  files: z.array(z.object({ id: z.string(), name: z.string(), scenarios: z.array(z.object({ id: z.string(), name: z.string() })), uncertain: z.boolean().nullable() })),
  sheets: z.array(z.object({ id: ExportSheet, title: z.string(), what: z.string() })),
  ledgerLines: z.number().int(),
  /** Excel's row limit: above it, lines are exported aggregated. */
  maxLedgerLines: z.number().int(),
  hasInvoiceCheck: z.boolean(),
  /** The Chargeback and Budgets sheets need the workspace's allocation policy. */
  hasAllocationPolicy: z.boolean(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

export const exportMethods = {
  'export.options': method(z.object({}).strict(), ExportOptions, 'What the board workbook can hold for this workspace: scenario files and scenarios, optional sheets, ledger lines.'),
};

export const exportJobs = {
  'export.workbook': job(ExportRequest, ExportResult, 'Writes the board workbook (.xlsx): live formulas on named assumptions, native charts, print-ready; progress and cancel.'),
};
