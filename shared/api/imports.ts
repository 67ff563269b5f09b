import { z } from 'zod';
import { CurrencyCode, Empty, Money } from './common';
import { method } from './define';

/** Per file and currency: the file's own total, what landed, and whether they agree to the cent. */
export const ImportTotal = z.object({
  currency: CurrencyCode,
  /** The source file's cost column summed exactly, as written (may carry more than 9 decimals). */
  sourceTotal: z.string(),
  importedTotal: Money,
  reconciled: z.boolean(),
});

export const ImportSummary = z.object({
  id: z.number().int(),
  fileName: z.string(),
  filePath: z.string().nullable(),
  fileSize: z.number().nullable(),
  sha256: z.string(),
  format: z.string(),
  formatVersion: z.string().nullable(),
  detectionConfidence: z.number().nullable(),
  provider: z.string().nullable(),
  billingAccount: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  linesWritten: z.number().int(),
  startedAt: z.string(),
  finishedAt: z.string(),
  totals: z.array(ImportTotal),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const importMethods = {
  'imports.list': method(Empty, z.object({ imports: z.array(ImportSummary) }), 'Every import of the open workspace, newest first, with its reconciliation.'),
};
