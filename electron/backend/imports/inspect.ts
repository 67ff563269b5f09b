/**
 * The wizard's first looks at a file, before anything is written: what kind
 * of file it is and which formats claim it (detect), and its first rows
 * mapped as they would land, with the rows that would be rejected (preview).
 * Both run in a worker thread (an XLSX is read whole; a large sample maps a
 * thousand rows) so the main loop never waits on them.
 */
import path from 'node:path';
import type { DetectOutput, PreviewLine, PreviewOutput } from '../../../shared/api/imports';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { nanosToDecimal } from '../../../shared/domain/money';
import { detectFormats, chooseFormat, costBasisOf } from '../../../shared/formats/registry';
import { mapRecords } from '../../../shared/formats/run';
import type { FormatSample, SourceRecord } from '../../../shared/formats/types';
import { toPlain } from '../../../shared/formats/values/json';
import { sha256File } from './file-hash';
import { detectionWire } from './import-writer';
import type { ReadOptions } from './protocol';
import { openStatement } from './readers';
import type { ScopeRow } from './import-repository';
import { ScopeTracker } from './scope-tracker';
import { checkedMapping, prepare } from './statement-parser';

const SAMPLE_ROWS = 20;
const MAX_CELL = 200;

function clipCell(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}

function sampleRows(sample: FormatSample): string[][] {
  if (sample.kind === 'tabular') return sample.rows.slice(0, SAMPLE_ROWS).map((r) => r.map(clipCell));
  return sample.records.slice(0, SAMPLE_ROWS).map((r) => [clipCell(JSON.stringify(toPlain(r)))]);
}

export type DetectFindings = Omit<DetectOutput, 'alreadyImported' | 'matchingMappings' | 'rememberedKeep'>;

export async function detectStatement(filePath: string, options: { fileName?: string; mapping?: unknown }): Promise<DetectFindings> {
  const fileName = options.fileName ?? path.basename(filePath);
  const hashing = sha256File(filePath);
  hashing.catch(() => undefined);
  const source = await openStatement(filePath, { fileName });
  try {
    const sample = await source.sample(SAMPLE_ROWS);
    const mapping = options.mapping === undefined ? undefined : await checkedMapping(options.mapping, 'mapping');
    const detections = detectFormats(sample, { mapping });
    let unrecognised: string | null = null;
    if (detections.length === 0) {
      try {
        chooseFormat(sample);
      } catch (error) {
        unrecognised = error instanceof WorkbenchError ? error.message : String(error);
      }
    }
    if (sample.kind === 'tabular' && sample.rows.length === 0) unrecognised = 'the file has a header but no data rows';
    return {
      fileName,
      fileSize: source.totalBytes,
      fileKind: source.kind,
      reader: { ...source.details },
      header: [...source.header],
      sampleRows: sampleRows(sample),
      detections: detections.map(detectionWire),
      unrecognised,
      sha256: await hashing,
    };
  } finally {
    await source.close();
  }
}

export function previewLine(line: LedgerLine, costBasis: 'billed' | 'list'): PreviewLine {
  const money = (n: bigint | null) => (n === null ? null : nanosToDecimal(n));
  return {
    sourceRow: line.sourceRow,
    chargePeriodStart: line.chargePeriodStart,
    chargePeriodEnd: line.chargePeriodEnd,
    billingPeriod: line.billingPeriod,
    chargeCategory: line.chargeCategory,
    provider: line.provider,
    publisher: line.publisher,
    billingAccount: line.billingAccount,
    subAccount: line.subAccount,
    credential: line.credential,
    model: line.model,
    modelRaw: line.modelRaw,
    usageClass: line.usageClass,
    serviceTier: line.serviceTier,
    contextBand: line.contextBand,
    region: line.region,
    sku: line.sku,
    description: line.description,
    tags: { ...line.tags },
    quantity: line.quantity,
    unit: line.unit,
    billedCost: costBasis === 'list' ? null : money(line.billedCost),
    effectiveCost: money(line.effectiveCost),
    listCost: money(line.listCost),
    contractedCost: money(line.contractedCost),
    currency: line.currency,
  };
}

export type PreviewFindings = Omit<PreviewOutput, 'likelyOverlaps'> & { scopes: ScopeRow[] };

export async function previewStatementFile(filePath: string, options: ReadOptions & { rows: number }): Promise<PreviewFindings> {
  const prepared = await prepare(filePath, options);
  try {
    const records: SourceRecord[] = [];
    for await (const batch of prepared.source.batches()) {
      for (const r of batch) if (records.length < options.rows) records.push(r);
      if (records.length >= options.rows) break;
    }
    const { lines, summary } = mapRecords(prepared.mapper, prepared.source.fileName, records);
    const costBasis = costBasisOf(prepared.chosen.format, prepared.chosen.detection.version);
    const scopes = new ScopeTracker();
    for (const l of lines) scopes.note(l.provider, l.billingAccount, l.chargePeriodStart, l.chargePeriodEnd);
    return {
      detection: detectionWire(prepared.chosen.detection),
      alternatives: prepared.chosen.alternatives.map(detectionWire),
      costBasis,
      header: [...prepared.source.header],
      lines: lines.map((l) => previewLine(l, costBasis)),
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      rowsRejected: summary.rowsRejected,
      rejected: summary.rejected,
      totals: summary.reconciliation.map((r) => ({
        currency: r.currency,
        sourceTotal: r.sourceTotal,
        importedTotal: r.importedTotal,
        rejectedTotal: r.rejectedTotal,
        difference: r.difference,
        reconciled: r.reconciles,
        categories: r.categories,
      })),
      linesWithoutQuantity: lines.filter((l) => l.chargeCategory === 'usage' && l.quantity === null).length,
      unknownModels: summary.unknownModels,
      scopes: scopes.list(),
    };
  } finally {
    await prepared.source.close();
  }
}
