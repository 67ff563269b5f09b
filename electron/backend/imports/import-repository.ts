import type Database from 'better-sqlite3';
import { nanosToDecimal, type Nanos } from '../../../shared/domain/money';

export interface NewImport {
  fileName: string;
  filePath: string | null;
  fileSize: number | null;
  sha256: string;
  format: string;
  formatVersion: string | null;
  detectionConfidence: number | null;
  provider: string | null;
  billingAccount: string | null;
  startedAt: string;
}

export interface ImportOutcome {
  periodStart: string | null;
  periodEnd: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  linesWritten: number;
  finishedAt: string;
  totals: { currency: string; sourceTotal: string; importedTotal: Nanos; reconciled: boolean }[];
}

export interface ImportRecord {
  id: number;
  fileName: string;
  filePath: string | null;
  fileSize: number | null;
  sha256: string;
  format: string;
  formatVersion: string | null;
  detectionConfidence: number | null;
  provider: string | null;
  billingAccount: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  linesWritten: number;
  startedAt: string;
  finishedAt: string;
  totals: { currency: string; sourceTotal: string; importedTotal: string; reconciled: boolean }[];
}

/**
 * Imports and their reconciliation. An import row is written first (so ledger
 * lines can reference it) and completed at the end, all inside the caller's
 * one transaction.
 */
export class ImportRepository {
  constructor(private readonly db: Database.Database) {}

  begin(entry: NewImport): number {
    const result = this.db
      .prepare(
        `INSERT INTO imports (file_name, file_path, file_size, sha256, format, format_version, detection_confidence, provider, billing_account,
          rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?)`,
      )
      .run(
        entry.fileName,
        entry.filePath,
        entry.fileSize,
        entry.sha256,
        entry.format,
        entry.formatVersion,
        entry.detectionConfidence,
        entry.provider,
        entry.billingAccount,
        entry.startedAt,
        entry.startedAt,
      );
    return Number(result.lastInsertRowid);
  }

  complete(importId: number, outcome: ImportOutcome): void {
    this.db
      .prepare(
        `UPDATE imports SET period_start = ?, period_end = ?, rows_read = ?, rows_imported = ?, rows_rejected = ?, lines_written = ?, finished_at = ? WHERE id = ?`,
      )
      .run(outcome.periodStart, outcome.periodEnd, outcome.rowsRead, outcome.rowsImported, outcome.rowsRejected, outcome.linesWritten, outcome.finishedAt, importId);
    const insertTotal = this.db.prepare('INSERT INTO import_totals (import_id, currency, source_total, imported_total, reconciled) VALUES (?, ?, ?, ?, ?)');
    for (const t of outcome.totals) insertTotal.run(importId, t.currency, t.sourceTotal, t.importedTotal, t.reconciled ? 1 : 0);
  }

  findBySha256(sha256: string): ImportRecord | undefined {
    const row = this.db.prepare('SELECT id FROM imports WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  get(id: number): ImportRecord | undefined {
    return this.list().find((r) => r.id === id);
  }

  list(): ImportRecord[] {
    const rows = this.db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as Record<string, unknown>[];
    const totals = this.db
      .prepare('SELECT import_id, currency, source_total, CAST(imported_total AS TEXT) AS imported_total, reconciled FROM import_totals ORDER BY currency')
      .all() as { import_id: number; currency: string; source_total: string; imported_total: string; reconciled: number }[];
    return rows.map((r) => ({
      id: r.id as number,
      fileName: r.file_name as string,
      filePath: r.file_path as string | null,
      fileSize: r.file_size as number | null,
      sha256: r.sha256 as string,
      format: r.format as string,
      formatVersion: r.format_version as string | null,
      detectionConfidence: r.detection_confidence as number | null,
      provider: r.provider as string | null,
      billingAccount: r.billing_account as string | null,
      periodStart: r.period_start as string | null,
      periodEnd: r.period_end as string | null,
      rowsRead: r.rows_read as number,
      rowsImported: r.rows_imported as number,
      rowsRejected: r.rows_rejected as number,
      linesWritten: r.lines_written as number,
      startedAt: r.started_at as string,
      finishedAt: r.finished_at as string,
      totals: totals
        .filter((t) => t.import_id === r.id)
        .map((t) => ({ currency: t.currency, sourceTotal: t.source_total, importedTotal: nanosToDecimal(BigInt(t.imported_total)), reconciled: t.reconciled === 1 })),
    }));
  }
}
