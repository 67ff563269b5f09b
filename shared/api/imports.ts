import { z } from 'zod';
import { GenericMappingSchema } from '../formats/generic/mapping-schema';
import { KEEP_CHOICES } from '../formats/keep';
import { ChargeCategorySchema, CurrencyCode, Empty, Money, ServiceTierSchema, UsageClassSchema } from './common';
import { ImportPath, ReadPath } from './paths';
import { job, method } from './define';

/**
 * Statement import: detect → map → preview → import, each import
 * one transaction, reconciled per currency to the cent, idempotent by the
 * file's sha256, overlaps with earlier imports of the same provider and
 * account flagged for the user to decide.
 */

/** What an import of a big cloud export keeps line by line (shared/formats/keep.ts). */
export const KeepChoice = z.enum(KEEP_CHOICES);
export type KeepChoice = z.infer<typeof KeepChoice>;

/**
 * Per file and currency: the file's own total, what landed, what was rejected.
 * Reconciled when source − imported − rejected is below half a cent.
 */
export const ImportTotal = z.object({
  currency: CurrencyCode,
  /** The source file's cost column summed exactly, as written (may carry more than 9 decimals). */
  sourceTotal: z.string(),
  importedTotal: Money,
  /** The cost of the rows that were rejected (left out), from the file's own cost column. */
  rejectedTotal: z.string(),
  /** sourceTotal − importedTotal − rejectedTotal, in nano-units' precision. */
  difference: Money,
  reconciled: z.boolean(),
  /** The imported total by charge category (usage, tax, credits, refunds…), each its own line under it; they add up to importedTotal exactly. */
  categories: z.array(z.object({ category: ChargeCategorySchema, importedTotal: Money, lines: z.number().int() })),
});
export type ImportTotal = z.infer<typeof ImportTotal>;

export const CostBasis = z.enum(['billed', 'list']);
export type CostBasis = z.infer<typeof CostBasis>;

/** A short reference to an earlier import, for "already imported" and overlap messages. */
export const ImportRef = z.object({
  id: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  format: z.string(),
  provider: z.string().nullable(),
  billingAccount: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  finishedAt: z.string(),
});
export type ImportRef = z.infer<typeof ImportRef>;

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
  /** complete: every row landed; partial: rejected rows were left out at the user's choice. */
  status: z.enum(['complete', 'partial']),
  /** billed: the vendor's bill; list: usage only, priced from the price book (never a bill of 0). */
  costBasis: CostBasis,
  decidedBy: z.array(z.string()),
  /** What the reader found: encoding, delimiter, gzip, sheet, row groups. */
  reader: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  mappingName: z.string().nullable(),
  overlapChoice: z.enum(['keep', 'replace']).nullable(),
  /** Imports this one replaced (their lines were removed in the same transaction). */
  replaced: z.array(z.object({ id: z.number().int(), fileName: z.string(), sha256: z.string() })),
  durationMs: z.number().nullable(),
  /** all: every line of the file is a ledger line; ai: a cloud export's AI lines are, the rest summed per day × service × account × charge category × currency. */
  keep: KeepChoice,
  /** Source lines summed into aggregates (keep ai). */
  linesAggregated: z.number().int(),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const DetectionWire = z.object({
  formatId: z.string(),
  label: z.string(),
  version: z.string(),
  /** 0..1; 1 when every required column and a distinguishing one are present. */
  confidence: z.number(),
  /** The columns (or JSON keys) that decided it. */
  decidedBy: z.array(z.string()),
  kind: z.enum(['tabular', 'json']),
});
export type DetectionWire = z.infer<typeof DetectionWire>;

export const RejectionWire = z.object({
  file: z.string(),
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
  value: z.string().optional(),
  amount: z.string().optional(),
  currency: z.string().optional(),
});
export type RejectionWire = z.infer<typeof RejectionWire>;

/** A line as it will land (preview): the ledger's fields, money as exact decimal strings. */
export const PreviewLine = z.object({
  sourceRow: z.number().int(),
  chargePeriodStart: z.string(),
  chargePeriodEnd: z.string(),
  billingPeriod: z.string().nullable(),
  chargeCategory: ChargeCategorySchema,
  provider: z.string(),
  publisher: z.string().nullable(),
  billingAccount: z.string().nullable(),
  subAccount: z.string().nullable(),
  credential: z.string().nullable(),
  model: z.string().nullable(),
  modelRaw: z.string().nullable(),
  usageClass: UsageClassSchema,
  serviceTier: ServiceTierSchema,
  contextBand: z.string().nullable(),
  region: z.string().nullable(),
  sku: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  /** Null when the statement does not report it (a costs export): not reported, never zero. */
  quantity: z.number().nullable(),
  unit: z.string(),
  /** Null for usage-only statements: they carry no billed cost (the price book prices them). */
  billedCost: Money.nullable(),
  effectiveCost: Money.nullable(),
  listCost: Money.nullable(),
  contractedCost: Money.nullable(),
  currency: CurrencyCode,
});
export type PreviewLine = z.infer<typeof PreviewLine>;

export const UnknownModelWire = z.object({ modelId: z.string(), raw: z.string(), lines: z.number().int() });

/** A generic column mapping (see shared/formats/generic/mapping.ts), as an object. */
export const ColumnMapping = GenericMappingSchema;
export type ColumnMapping = z.infer<typeof GenericMappingSchema>;

/** A saved mapping's name: a file name without folders (it becomes <name>.yaml beside the workspace). */
export const MappingName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w][\w .()-]*$/, 'use letters, digits, spaces, dots, dashes and brackets');

/** How to read a statement: detection can be overridden and a generic mapping given (inline or by saved name). */
const ReadChoices = {
  /** Looked at (detect, preview) and kept for the next step. */
  path: ReadPath,
  /** Name to show and store (an uploaded file's original name); defaults to the path's base name. */
  fileName: z.string().min(1).max(255).optional(),
  /** Format id chosen by the user instead of the detected one. */
  format: z.string().min(1).max(50).optional(),
  version: z.string().min(1).max(50).optional(),
  mapping: ColumnMapping.optional(),
  /** A mapping saved beside the workspace (imports.mappings.save). */
  mappingName: MappingName.optional(),
  decimal: z.enum(['.', ',']).optional(),
  dateOrder: z.enum(['mdy', 'dmy']).optional(),
};

export const DetectInput = z.object({ path: ReadPath, fileName: ReadChoices.fileName, mapping: ReadChoices.mapping, mappingName: ReadChoices.mappingName }).strict();

export const DetectOutput = z.object({
  fileName: z.string(),
  fileSize: z.number(),
  fileKind: z.enum(['csv', 'parquet', 'xlsx', 'json']),
  reader: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  /** Tabular files: the header and the first rows as written (cells clipped). JSON: empty header, one row per record. */
  header: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  /** Every format that claims the file, most confident first. */
  detections: z.array(DetectionWire),
  /** Why nothing matched, when nothing did (the wizard then offers a column mapping). */
  unrecognised: z.string().nullable(),
  sha256: z.string(),
  alreadyImported: ImportRef.nullable(),
  /** Saved mappings whose every column is in this file's header. */
  matchingMappings: z.array(z.string()),
  /** The workspace's last keep choice for cloud exports (all until one is made). */
  rememberedKeep: KeepChoice,
});
export type DetectOutput = z.infer<typeof DetectOutput>;

export const PreviewInput = z.object({ ...ReadChoices, rows: z.number().int().min(1).max(1000).default(50) }).strict();

export const PreviewOutput = z.object({
  detection: DetectionWire,
  alternatives: z.array(DetectionWire),
  costBasis: CostBasis,
  header: z.array(z.string()),
  lines: z.array(PreviewLine),
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  rejected: z.array(RejectionWire),
  /** Totals of the previewed rows only. */
  totals: z.array(ImportTotal),
  /** Previewed usage lines whose quantity the statement does not report (a costs export): they land as "not reported", never 0. */
  linesWithoutQuantity: z.number().int(),
  unknownModels: z.array(UnknownModelWire),
  /** Earlier imports of the same provider and account whose period the previewed rows fall into. */
  likelyOverlaps: z.array(ImportRef),
});
export type PreviewOutput = z.infer<typeof PreviewOutput>;

export const OnRejects = z.enum(['import', 'abort']);
export const OnOverlap = z.enum(['ask', 'skip', 'replace', 'keep']);

export const RunImportInput = z
  .object({
    ...ReadChoices,
    /** Read once into the ledger (a browser upload is removed when the job ends, whatever its outcome). */
    path: ImportPath,
    /** Rows were rejected: import the rest (the import is 'partial') or write nothing. */
    onRejects: OnRejects.default('abort'),
    /** The period overlaps an earlier import of the same provider and account: ask (fail naming it), skip, replace it, or keep both. */
    onOverlap: OnOverlap.default('ask'),
    /** Read, map and reconcile everything but write nothing. */
    dryRun: z.boolean().default(false),
    /**
     * AWS CUR, Azure cost details and GCP billing exports: keep every line, or the AI lines with the rest
     * summed per day × service × account × charge category × currency. Omitted: the workspace's last choice
     * (all until one is made). Other formats keep every line.
     */
    keep: KeepChoice.optional(),
  })
  .strict();
export type RunImportInput = z.input<typeof RunImportInput>;

/** Wall-clock seconds one thread of the import spent in one stage (reading, mapping, writing, indexes, commit…). */
export const ImportStage = z.object({
  thread: z.enum(['read', 'write', 'main']),
  stage: z.string(),
  seconds: z.number(),
  /** CPU seconds the thread ran in the stage, where the system reports it (wall time also counts waiting for a core). */
  cpuSeconds: z.number().optional(),
});
export type ImportStage = z.infer<typeof ImportStage>;

export const RunImportResult = z.object({
  status: z.enum(['imported', 'skipped', 'dry_run']),
  /** The stored import (status imported). */
  importId: z.number().int().nullable(),
  fileName: z.string(),
  sha256: z.string(),
  detection: DetectionWire,
  costBasis: CostBasis,
  rowsRead: z.number().int(),
  rowsImported: z.number().int(),
  rowsRejected: z.number().int(),
  linesImported: z.number().int(),
  totals: z.array(ImportTotal),
  /** The first rejections (all of them are stored with the import, up to 10,000). */
  rejected: z.array(RejectionWire),
  rejectedTruncated: z.boolean(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  billingPeriods: z.array(z.string()),
  providers: z.array(z.string()),
  billingAccounts: z.array(z.string()),
  unknownModels: z.array(UnknownModelWire),
  /** Earlier imports of the same provider and account whose period this file overlaps. */
  overlaps: z.array(ImportRef),
  /** Imports removed because the user chose replace. */
  replaced: z.array(ImportRef),
  /** Dry runs only: the earlier import of this very file, if any. */
  alreadyImported: ImportRef.nullable(),
  /** Usage lines that came without a list cost: the price book fills them in a job right after the import. */
  linesWithoutListCost: z.number().int().default(0),
  /** What was kept line by line (see RunImportInput.keep); linesImported counts each aggregate once. */
  keep: KeepChoice.default('all'),
  /** Source lines summed into aggregates, and the aggregates (ledger lines) they became. */
  linesAggregated: z.number().int().default(0),
  aggregateLines: z.number().int().default(0),
  seconds: z.number(),
  /** Where the time went, per thread and stage (the reading and writing threads overlap). */
  profile: z.array(ImportStage).default([]),
});
export type RunImportResult = z.infer<typeof RunImportResult>;

export const FormatInfo = z.object({
  id: z.string(),
  label: z.string(),
  kinds: z.array(z.enum(['tabular', 'json'])),
  /** The cost column reconciled to, or null for usage-only formats. */
  costBasis: z.string().nullable(),
});

export const SavedMapping = z.object({ name: z.string(), file: z.string(), columns: z.array(z.string()), mappingName: z.string().nullable() });

export const importMethods = {
  'imports.list': method(Empty, z.object({ imports: z.array(ImportSummary) }), 'Every import of the open workspace, newest first, with its reconciliation.'),
  'imports.get': method(z.object({ importId: z.number().int() }).strict(), ImportSummary, 'One import with its reconciliation and detection details.'),
  'imports.rejections': method(
    z.object({ importId: z.number().int(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    z.object({ total: z.number().int(), stored: z.number().int(), rejections: z.array(RejectionWire) }),
    'The rows an import left out, with row, field, reason and value.',
  ),
  'imports.remove': method(
    z.object({ importId: z.number().int() }).strict(),
    z.object({ removedLines: z.number().int() }),
    'Removes an import and its ledger lines in one transaction.',
  ),
  'imports.formats': method(Empty, z.object({ formats: z.array(FormatInfo) }), 'The statement formats the workbench reads, for the override list.'),
  'imports.detect': method(DetectInput, DetectOutput, 'Looks at a file: what kind, which formats claim it (with version, confidence and deciding columns), whether it is already imported.'),
  'imports.preview': method(PreviewInput, PreviewOutput, 'Maps the first rows as they would land, with the rows that would be rejected and why; writes nothing.'),
  'imports.mappings.list': method(Empty, z.object({ dir: z.string(), mappings: z.array(SavedMapping) }), 'Column mappings saved beside the workspace.'),
  'imports.mappings.get': method(z.object({ name: MappingName }).strict(), z.object({ name: z.string(), file: z.string(), mapping: ColumnMapping, yaml: z.string() }), 'One saved column mapping.'),
  'imports.mappings.save': method(
    z.object({ name: MappingName, mapping: ColumnMapping, overwrite: z.boolean().default(false) }).strict(),
    z.object({ name: z.string(), file: z.string() }),
    'Saves a column mapping as YAML beside the workspace (reusable with aispend import --mapping FILE).',
  ),
};

export const importJobs = {
  'imports.run': job(
    RunImportInput,
    RunImportResult,
    'Imports one statement in one transaction (in worker threads): reconciled per currency, idempotent by sha256, overlaps handled as chosen.',
  ),
};
