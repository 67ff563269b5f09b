import { z } from 'zod';
import { DIALECT_IDS } from '../formats/pushdown/dialects';
import { PUSHDOWN_SOURCES } from '../formats/pushdown/types';
import { CurrencyCode, Money } from './common';
import { ExportPath, ReadPath } from './paths';
import { job, method } from './define';

/**
 * Beyond one machine: the push-down query that aggregates a vendor export
 * where it already lives (its result imports as the ledger-aggregate format),
 * and the ledger written back as a FOCUS 1.3 dataset.
 */

export const PushdownSourceSchema = z.enum(PUSHDOWN_SOURCES);
export const SqlDialectSchema = z.enum(DIALECT_IDS);

const Day = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a day (2026-03-01) or a month (2026-03)');

export const PushdownRequest = z
  .object({
    source: PushdownSourceSchema,
    dialect: SqlDialectSchema,
    /** The table as the engine names it; the source's usual name when absent. */
    table: z.string().trim().min(1).max(1000).optional(),
    tags: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    from: Day.optional(),
    to: Day.optional(),
    /** The table's columns; the standard export's when absent (and no sample file is named). */
    columns: z.array(z.string().min(1).max(500)).max(2000).optional(),
    /** A sample of the export (CSV, Parquet, JSON Lines) whose columns the table has. */
    like: ReadPath.optional(),
    sourceVersion: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type PushdownRequest = z.input<typeof PushdownRequest>;

export const PushdownQuery = z.object({
  sql: z.string(),
  /** The result's columns, in order. */
  columns: z.array(z.string()),
  /** The table's columns the query reads. */
  reads: z.array(z.string()),
  /** Columns of the standard export the table lacks (read as NULL). */
  missing: z.array(z.string()),
  /** Where the table's columns came from. */
  columnsFrom: z.enum(['standard', 'given', 'sample']),
});
export type PushdownQuery = z.infer<typeof PushdownQuery>;

export const PushdownCatalogue = z.object({
  sources: z.array(
    z.object({
      id: PushdownSourceSchema,
      label: z.string(),
      defaultTable: z.string(),
      /** Dialects this source cannot be written for, with why. */
      unsupported: z.array(z.object({ dialect: SqlDialectSchema, reason: z.string() })),
    }),
  ),
  dialects: z.array(
    z.object({
      id: SqlDialectSchema,
      label: z.string(),
      engines: z.string(),
      /** How the generated SQL is checked here: run in a real engine, or parsed by a real parser. */
      checked: z.enum(['executed', 'parsed']),
      checkedWith: z.string(),
    }),
  ),
});
export type PushdownCatalogue = z.infer<typeof PushdownCatalogue>;

export const FocusExportInput = z
  .object({
    /** The folder to write into (one sub-folder per billing period). */
    out: ExportPath,
    format: z.enum(['csv', 'parquet']).default('csv'),
    /** One billing period only (2026-03). */
    month: z.string().regex(/^\d{4}-\d{2}$/, 'a month such as 2026-03').optional(),
    overwrite: z.boolean().default(false),
  })
  .strict();

export const FocusExportFile = z.object({
  billingPeriod: z.string(),
  path: z.string(),
  rows: z.number().int(),
  bytes: z.number().int(),
  totals: z.array(z.object({ currency: CurrencyCode, billedCost: Money })),
});

export const FocusExportResult = z.object({
  folder: z.string(),
  format: z.enum(['csv', 'parquet']),
  focusVersion: z.literal('1.3'),
  files: z.array(FocusExportFile),
  rows: z.number().int(),
  /** The ledger lines written (a line is one row, or one per allocated part). */
  lines: z.number().int(),
  /** Billed cost written per currency, equal to the ledger's (checked before the files are moved into place). */
  totals: z.array(z.object({ currency: CurrencyCode, billedCost: Money })),
  contractsApplied: z.number().int(),
});
export type FocusExportResult = z.infer<typeof FocusExportResult>;

export const warehouseMethods = {
  'warehouse.catalogue': method(z.object({}).strict(), PushdownCatalogue, 'The sources and SQL dialects push-down queries are written for, and how each dialect is checked.'),
  'warehouse.pushdown': method(PushdownRequest, PushdownQuery, 'The SQL that aggregates a vendor export in a warehouse to the ledger\'s grain, with control totals.'),
};

export const warehouseJobs = {
  'warehouse.exportFocus': job(FocusExportInput, FocusExportResult, 'Writes the ledger as a FOCUS 1.3 cost and usage dataset, one folder per billing period.'),
};
