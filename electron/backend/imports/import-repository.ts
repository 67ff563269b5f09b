import type Database from 'better-sqlite3';
import type { ChargeCategory } from '../../../shared/domain/usage';
import type { ImportRef, ImportSummary, RejectionWire } from '../../../shared/api/imports';
import { nanosToDecimal, type Nanos } from '../../../shared/domain/money';
import { LedgerIndexes } from './ledger-bulk-writer';

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
  costBasis?: 'billed' | 'list';
  /** decidedBy, alternatives and the reader's findings (JSON). */
  detection?: Record<string, unknown>;
  mappingName?: string | null;
  /** The generic mapping used, as YAML. */
  mapping?: string | null;
}

export interface ImportOutcome {
  periodStart: string | null;
  periodEnd: string | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  linesWritten: number;
  finishedAt: string;
  totals: { currency: string; sourceTotal: string; importedTotal: Nanos; reconciled: boolean; rejectedTotal?: string; difference?: Nanos; categories?: { category: ChargeCategory; importedTotal: string; lines: number }[] }[];
  /** Defaults: what the outcome says (partial when rows were rejected). */
  status?: 'complete' | 'partial';
  provider?: string | null;
  billingAccount?: string | null;
  sha256?: string;
  overlapChoice?: 'keep' | 'replace' | null;
  replaced?: { id: number; fileName: string; sha256: string }[];
  durationMs?: number;
  /** What was kept line by line (default all) and the source lines summed into aggregates. */
  keep?: 'all' | 'ai';
  linesAggregated?: number;
}

/** A (provider, billing account) an import covers, with its period ('' for no account). */
export interface ScopeRow {
  provider: string;
  billingAccount: string;
  periodStart: string;
  periodEnd: string;
  lines: number;
}

export type ImportRecord = ImportSummary;

interface ImportRow {
  id: number;
  file_name: string;
  file_path: string | null;
  file_size: number | null;
  sha256: string;
  format: string;
  format_version: string | null;
  detection_confidence: number | null;
  provider: string | null;
  billing_account: string | null;
  period_start: string | null;
  period_end: string | null;
  rows_read: number;
  rows_imported: number;
  rows_rejected: number;
  lines_written: number;
  started_at: string;
  finished_at: string;
  status: 'complete' | 'partial';
  cost_basis: 'billed' | 'list';
  detection: string;
  mapping_name: string | null;
  overlap_choice: 'keep' | 'replace' | null;
  replaced: string;
  duration_ms: number | null;
  keep: 'all' | 'ai';
  lines_aggregated: number;
}

interface TotalRow {
  import_id: number;
  currency: string;
  source_total: string;
  imported_total: string;
  rejected_total: string;
  difference: string;
  reconciled: number;
  categories: string | null;
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function readerFacts(detection: Record<string, unknown>): Record<string, string | number | boolean> {
  const reader = detection.reader;
  if (!reader || typeof reader !== 'object') return {};
  const out: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(reader)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = v;
  return out;
}

/**
 * Imports, their reconciliation, rejections and scopes. An import row is
 * written first (so ledger lines can reference it) and completed at the end,
 * all inside the caller's one transaction.
 */
export class ImportRepository {
  constructor(private readonly db: Database.Database) {}

  begin(entry: NewImport): number {
    const result = this.db
      .prepare(
        `INSERT INTO imports (file_name, file_path, file_size, sha256, format, format_version, detection_confidence, provider, billing_account,
          rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at, cost_basis, detection, mapping_name, mapping)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?, ?, ?)`,
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
        entry.costBasis ?? 'billed',
        JSON.stringify(entry.detection ?? {}),
        entry.mappingName ?? null,
        entry.mapping ?? null,
      );
    return Number(result.lastInsertRowid);
  }

  complete(importId: number, outcome: ImportOutcome): void {
    const current = this.db.prepare('SELECT provider, billing_account, sha256 FROM imports WHERE id = ?').get(importId) as
      | { provider: string | null; billing_account: string | null; sha256: string }
      | undefined;
    this.db
      .prepare(
        `UPDATE imports SET period_start = ?, period_end = ?, rows_read = ?, rows_imported = ?, rows_rejected = ?, lines_written = ?, finished_at = ?,
           status = ?, provider = ?, billing_account = ?, sha256 = ?, overlap_choice = ?, replaced = ?, duration_ms = ?, keep = ?, lines_aggregated = ?
         WHERE id = ?`,
      )
      .run(
        outcome.periodStart,
        outcome.periodEnd,
        outcome.rowsRead,
        outcome.rowsImported,
        outcome.rowsRejected,
        outcome.linesWritten,
        outcome.finishedAt,
        outcome.status ?? (outcome.rowsRejected > 0 ? 'partial' : 'complete'),
        outcome.provider !== undefined ? outcome.provider : (current?.provider ?? null),
        outcome.billingAccount !== undefined ? outcome.billingAccount : (current?.billing_account ?? null),
        outcome.sha256 ?? current?.sha256 ?? '',
        outcome.overlapChoice ?? null,
        JSON.stringify(outcome.replaced ?? []),
        outcome.durationMs ?? null,
        outcome.keep ?? 'all',
        outcome.linesAggregated ?? 0,
        importId,
      );
    const insertTotal = this.db.prepare(
      'INSERT INTO import_totals (import_id, currency, source_total, imported_total, reconciled, rejected_total, difference, categories) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of outcome.totals) {
      insertTotal.run(importId, t.currency, t.sourceTotal, t.importedTotal, t.reconciled ? 1 : 0, t.rejectedTotal ?? '0.00', nanosToDecimal(t.difference ?? 0n), JSON.stringify(t.categories ?? []));
    }
  }

  addRejections(importId: number, rejections: readonly RejectionWire[]): void {
    const insert = this.db.prepare('INSERT INTO import_rejections (import_id, position, row, field, reason, value, amount, currency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    rejections.forEach((r, i) => insert.run(importId, i, r.row, r.field, r.reason, r.value ?? null, r.amount ?? null, r.currency ?? null));
  }

  addScopes(importId: number, scopes: readonly ScopeRow[]): void {
    const insert = this.db.prepare('INSERT INTO import_scopes (import_id, provider, billing_account, period_start, period_end, lines) VALUES (?, ?, ?, ?, ?, ?)');
    for (const s of scopes) insert.run(importId, s.provider, s.billingAccount, s.periodStart, s.periodEnd, s.lines);
  }

  /**
   * Earlier imports of the same cost basis covering one of these (provider,
   * account) pairs over an intersecting period. A usage report beside a bill
   * of the same days is not a second bill (it carries no cost; the invoice
   * check pairs the two), so only bills overlap bills and usage reports
   * overlap usage reports.
   */
  overlapping(scopes: readonly ScopeRow[], excludeId: number | null, costBasis: 'billed' | 'list'): ImportRef[] {
    const query = this.db.prepare(
      `SELECT DISTINCT s.import_id AS id FROM import_scopes AS s JOIN imports AS i ON i.id = s.import_id
       WHERE s.provider = ? AND s.billing_account = ? AND s.period_start < ? AND s.period_end > ? AND s.import_id IS NOT ? AND i.cost_basis = ?`,
    );
    const ids = new Set<number>();
    for (const s of scopes) {
      for (const row of query.all(s.provider, s.billingAccount, s.periodEnd, s.periodStart, excludeId, costBasis) as { id: number }[]) ids.add(row.id);
    }
    return [...ids].sort((a, b) => a - b).map((id) => this.ref(id)).filter((r): r is ImportRef => r !== undefined);
  }

  ref(id: number): ImportRef | undefined {
    const r = this.db.prepare('SELECT id, file_name, sha256, format, provider, billing_account, period_start, period_end, finished_at FROM imports WHERE id = ?').get(id) as
      | Pick<ImportRow, 'id' | 'file_name' | 'sha256' | 'format' | 'provider' | 'billing_account' | 'period_start' | 'period_end' | 'finished_at'>
      | undefined;
    if (!r) return undefined;
    return {
      id: r.id,
      fileName: r.file_name,
      sha256: r.sha256,
      format: r.format,
      provider: r.provider,
      billingAccount: r.billing_account,
      periodStart: r.period_start,
      periodEnd: r.period_end,
      finishedAt: r.finished_at,
    };
  }

  findBySha256(sha256: string): ImportRecord | undefined {
    const row = this.db.prepare('SELECT id FROM imports WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
    return row ? this.get(row.id) : undefined;
  }

  refBySha256(sha256: string): ImportRef | undefined {
    const row = this.db.prepare('SELECT id FROM imports WHERE sha256 = ?').get(sha256) as { id: number } | undefined;
    return row ? this.ref(row.id) : undefined;
  }

  get(id: number): ImportRecord | undefined {
    const row = this.db.prepare('SELECT * FROM imports WHERE id = ?').get(id) as ImportRow | undefined;
    if (!row) return undefined;
    const totals = this.db.prepare(`${TOTALS_SQL} WHERE import_id = ? ORDER BY currency`).all(id) as TotalRow[];
    return toRecord(row, totals);
  }

  list(): ImportRecord[] {
    const rows = this.db.prepare('SELECT * FROM imports ORDER BY id DESC').all() as ImportRow[];
    const totals = this.db.prepare(`${TOTALS_SQL} ORDER BY currency`).all() as TotalRow[];
    const byImport = new Map<number, TotalRow[]>();
    for (const t of totals) {
      const list = byImport.get(t.import_id);
      if (list) list.push(t);
      else byImport.set(t.import_id, [t]);
    }
    return rows.map((r) => toRecord(r, byImport.get(r.id) ?? []));
  }

  rejections(importId: number, offset: number, limit: number): { stored: number; rejections: RejectionWire[] } {
    const file = (this.db.prepare('SELECT file_name FROM imports WHERE id = ?').get(importId) as { file_name: string } | undefined)?.file_name ?? '';
    const stored = (this.db.prepare('SELECT count(*) AS n FROM import_rejections WHERE import_id = ?').get(importId) as { n: number }).n;
    const rows = this.db
      .prepare('SELECT row, field, reason, value, amount, currency FROM import_rejections WHERE import_id = ? ORDER BY position LIMIT ? OFFSET ?')
      .all(importId, limit, offset) as { row: number; field: string; reason: string; value: string | null; amount: string | null; currency: string | null }[];
    return {
      stored,
      rejections: rows.map((r) => ({
        file,
        row: r.row,
        field: r.field,
        reason: r.reason,
        ...(r.value !== null ? { value: r.value } : {}),
        ...(r.amount !== null ? { amount: r.amount } : {}),
        ...(r.currency !== null ? { currency: r.currency } : {}),
      })),
    };
  }

  /**
   * Removes imports and their lines (rejections, totals and scopes go with
   * them). Returns the lines removed. Run inside the caller's transaction.
   *
   * Each line removed is also removed from every ledger index, at a place
   * of its own in each: a million lines of a million-line ledger took
   * 17–20 s. When the lines removed are a large part of the ledger, the
   * indexes are dropped first and built again over the lines that stay, as
   * an import does (LedgerIndexes): 0.5–0.6 s for the same million. Building costs about
   * 1.3 µs a remaining line and removing about 20 µs a removed line, so
   * dropping pays from about one line removed in 15 kept
   * (REBUILD_WHEN_REMOVING_ONE_IN).
   */
  remove(ids: readonly number[]): number {
    const indexes = new LedgerIndexes(this.db);
    if (this.removesLargePart(ids)) indexes.drop(false);
    try {
      let lines = 0;
      const deleteLines = this.db.prepare('DELETE FROM ledger_rows WHERE import_id = ?');
      const deleteImport = this.db.prepare('DELETE FROM imports WHERE id = ?');
      for (const id of ids) {
        lines += deleteLines.run(id).changes;
        deleteImport.run(id);
      }
      indexes.rebuild();
      return lines;
    } catch (error) {
      // The caller rolls back, which brings the indexes back; the connection gets its cache back here.
      indexes.rolledBack();
      throw error;
    }
  }

  /** Whether the imports' lines are at least one in REBUILD_WHEN_REMOVING_ONE_IN of the ledger's (as their records count them). */
  private removesLargePart(ids: readonly number[]): boolean {
    if (ids.length === 0) return false;
    const removed = this.db.prepare(`SELECT coalesce(sum(lines_written), 0) FROM imports WHERE id IN (${ids.map(() => '?').join(', ')})`).pluck().get(...ids) as number;
    const ledger = this.db.prepare('SELECT count(*) FROM ledger_rows').pluck().get() as number;
    return removed > 0 && removed * REBUILD_WHEN_REMOVING_ONE_IN >= ledger;
  }
}

/**
 * Removing an import drops and rebuilds the ledger's indexes when its lines
 * are at least one in this many of the ledger's (ImportRepository.remove):
 * a little under the measured break-even of about 15, since the rebuild's
 * cost is the surer of the two.
 */
export const REBUILD_WHEN_REMOVING_ONE_IN = 10;

const TOTALS_SQL = `SELECT import_id, currency, source_total, CAST(imported_total AS TEXT) AS imported_total, rejected_total, difference, reconciled, categories FROM import_totals`;

function toRecord(r: ImportRow, totals: TotalRow[]): ImportRecord {
  const detection = parseJson<Record<string, unknown>>(r.detection, {});
  return {
    id: r.id,
    fileName: r.file_name,
    filePath: r.file_path,
    fileSize: r.file_size,
    sha256: r.sha256,
    format: r.format,
    formatVersion: r.format_version,
    detectionConfidence: r.detection_confidence,
    provider: r.provider,
    billingAccount: r.billing_account,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    rowsRead: r.rows_read,
    rowsImported: r.rows_imported,
    rowsRejected: r.rows_rejected,
    linesWritten: r.lines_written,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    totals: totals.map((t) => ({
      currency: t.currency,
      sourceTotal: t.source_total,
      importedTotal: nanosToDecimal(BigInt(t.imported_total)),
      rejectedTotal: t.rejected_total,
      difference: t.difference,
      reconciled: t.reconciled === 1,
      categories: parseJson<{ category: ChargeCategory; importedTotal: string; lines: number }[]>(t.categories ?? '[]', []),
    })),
    status: r.status,
    costBasis: r.cost_basis,
    decidedBy: Array.isArray(detection.decidedBy) ? (detection.decidedBy as unknown[]).map(String) : [],
    reader: readerFacts(detection),
    mappingName: r.mapping_name,
    overlapChoice: r.overlap_choice,
    replaced: parseJson<{ id: number; fileName: string; sha256: string }[]>(r.replaced, []),
    durationMs: r.duration_ms,
    keep: r.keep,
    linesAggregated: r.lines_aggregated,
  };
}
