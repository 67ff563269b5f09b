import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkLedgerCsvHeader, ledgerLineFromCsv } from '../../../shared/domain/ledger-csv';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { ExactDecimalSum, agreesToTheCent, nanosToDecimal } from '../../../shared/domain/money';
import { ImportRepository } from '../imports/import-repository';
import { LedgerWriter } from '../ledger/ledger-writer';
import type { Workspace } from '../workspace/workspace';

/** Demo and interchange files are small; anything bigger goes through the streaming import pipeline. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface LedgerCsvImportResult {
  importId: number;
  lines: number;
  totals: { currency: string; sourceTotal: string; importedTotal: string; reconciled: boolean }[];
}

/**
 * Imports a file in the workbench's own ledger CSV format in one transaction:
 * every line lands, reconciled per currency against the file's own billedCost
 * column summed exactly, or nothing does.
 */
export function importLedgerCsvFile(workspace: Workspace, file: string): LedgerCsvImportResult {
  const bytes = readFileSync(file);
  if (bytes.length > MAX_BYTES) throw new WorkbenchError('invalid_file', 'file too large for a ledger CSV (64 MB)', { file });
  const name = path.basename(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let records: string[][];
  try {
    records = parse(bytes, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new WorkbenchError('invalid_file', `not a readable CSV: ${e.message ?? 'parse error'}`, { file: name, row: e.lines });
  }
  const [header, ...rows] = records;
  if (!header) throw new WorkbenchError('invalid_file', 'the file is empty', { file: name, row: 1 });
  checkLedgerCsvHeader(header, name);

  const lines: LedgerLine[] = [];
  const sourceTotals = new Map<string, ExactDecimalSum>();
  rows.forEach((cells, index) => {
    const record: Record<string, string> = {};
    header.forEach((column, i) => {
      record[column] = cells[i] ?? '';
    });
    const line = ledgerLineFromCsv(record, index + 2, name);
    lines.push(line);
    let sum = sourceTotals.get(line.currency);
    if (!sum) sourceTotals.set(line.currency, (sum = new ExactDecimalSum()));
    sum.add(record.billedCost ?? '0');
  });

  const repo = new ImportRepository(workspace.db);
  const now = new Date().toISOString();
  const result = workspace.db.transaction(() => {
    if (repo.findBySha256(sha256)) throw new WorkbenchError('conflict', 'this file is already imported', { file: name });
    const importId = repo.begin({
      fileName: name,
      filePath: file,
      fileSize: bytes.length,
      sha256,
      format: 'aispend-ledger',
      formatVersion: '1',
      detectionConfidence: 1,
      provider: lines[0]?.provider ?? null,
      billingAccount: lines[0]?.billingAccount ?? null,
      startedAt: now,
    });
    const writer = new LedgerWriter(workspace.db, importId);
    const imported = new Map<string, bigint>();
    for (const line of lines) {
      writer.write(line);
      imported.set(line.currency, (imported.get(line.currency) ?? 0n) + line.billedCost);
    }
    const totals = [...sourceTotals.entries()].map(([currency, sum]) => {
      const importedTotal = imported.get(currency) ?? 0n;
      return { currency, sourceTotal: sum.toString(), importedTotal, reconciled: agreesToTheCent(sum.toNanos(), importedTotal) };
    });
    const starts = lines.map((l) => l.chargePeriodStart).sort();
    const ends = lines.map((l) => l.chargePeriodEnd).sort();
    repo.complete(importId, {
      periodStart: starts[0] ?? null,
      periodEnd: ends[ends.length - 1] ?? null,
      rowsRead: rows.length,
      rowsImported: lines.length,
      rowsRejected: 0,
      linesWritten: lines.length,
      finishedAt: new Date().toISOString(),
      totals,
    });
    workspace.audit('import.completed', { importId, file: name, format: 'aispend-ledger', lines: lines.length });
    return { importId, totals };
  })();
  workspace.changed();
  return {
    importId: result.importId,
    lines: lines.length,
    totals: result.totals.map((t) => ({ ...t, importedTotal: nanosToDecimal(t.importedTotal) })),
  };
}
