/**
 * The writing half of an import: one transaction per file. Lines arrive in
 * encoded batches; at the end the file's summary decides what happens:
 *
 * - the same file (sha256) imported before → conflict, nothing written;
 * - rows rejected and the user said abort → nothing written;
 * - the period overlaps an earlier import of the same provider and account →
 *   ask (fail naming it), skip (nothing written), replace (the earlier
 *   import's lines are removed in this same transaction) or keep both;
 * - otherwise the import row, its per-currency reconciliation, its
 *   rejections and scopes are stored and the transaction commits.
 *
 * A failure, a cancel or a killed thread before COMMIT leaves the workspace
 * exactly as it was (SQLite rolls the open transaction back).
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportRef, RunImportResult } from '../../../shared/api/imports';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
import type { ImportSummary } from '../../../shared/formats/accumulator';
import { formatById } from '../../../shared/formats/registry';
import type { Detection } from '../../../shared/formats/types';
import { writeAudit } from '../workspace/audit-log';
import { ImportRepository } from './import-repository';
import { INSERT_STAGE, LedgerBulkWriter, LedgerIndexes } from './ledger-bulk-writer';
import { K, L, LineDecoder, type EncodedLines } from './line-codec';
import type { ImportPolicy, StatementMeta } from './protocol';
import { StageClock } from './import-profile';
import { ScopeTracker } from './scope-tracker';

/** The profile's stage for folding the WAL into the workspace file (the import thread may add its own check to it). */
export const CHECKPOINT_STAGE = 'checkpoint (WAL into the workspace file)';
/** The import thread's stage for the time the writer waited for lines (import.worker.ts). */
export const WAIT_FOR_LINES_STAGE = 'wait for lines (the reader is behind)';
/**
 * Keeping the append-ordered indexes up during the load (LedgerIndexes)
 * costs about a third of the time the INSERTs then take: measured on a
 * million FOCUS lines through the import's own statements, 0.73 of
 * 2.23-2.28 s CPU. Kept, they are free only while the writer waits for
 * the reading thread at least that long; else the end of the import waits
 * for the extra time of every line instead of one sort (0.45-0.53 s CPU
 * for both).
 */
const LIVE_INDEX_SHARE_OF_INSERT = 1 / 3;

/**
 * Whether the writer has waited for lines, so far in this import, at least
 * as long as keeping the append-ordered indexes up has cost it
 * (LIVE_INDEX_SHARE_OF_INSERT): the reading thread is the slower one, and
 * the work fits in the writer's idle time. A writer on the reading thread
 * itself (importInline) never waits, so never keeps them.
 */
export function writerHasSpareTime(clock: StageClock): boolean {
  return clock.get(WAIT_FOR_LINES_STAGE).wall >= clock.get(INSERT_STAGE).wall * LIVE_INDEX_SHARE_OF_INSERT;
}

/** Rejections kept in the job's result (all of them, up to 10,000, are stored with the import). */
export const RESULT_REJECTIONS = 100;
/** Written lines at which the index decision is taken again, then at each doubling. */
const INDEX_CHECK_FIRST = 100_000;
/**
 * Written lines at which a partial index kept through the load is first
 * looked at (dropPartialIfCrowded), then at each doubling: early, since a
 * file whose every line it holds pays a b-tree key a line until then.
 */
const PARTIAL_CHECK_FIRST = 10_000;
/** A ledger this small has its secondary indexes rebuilt after any import (cheaper than updating them line by line). */
const SMALL_LEDGER = 20_000;

export type WriterOutcome = Omit<RunImportResult, 'seconds' | 'profile'> & { profile?: RunImportResult['profile'] };

export function detectionWire(d: Detection): RunImportResult['detection'] {
  return { formatId: d.formatId, label: formatById(d.formatId)?.label ?? d.formatId, version: d.version, confidence: d.confidence, decidedBy: d.decidedBy, kind: d.kind };
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

function describeRef(ref: ImportRef): string {
  const period = ref.periodStart && ref.periodEnd ? `, ${ref.periodStart.slice(0, 10)} to ${ref.periodEnd.slice(0, 10)}` : '';
  return `import #${ref.id} (${ref.fileName}${period})`;
}

export function alreadyImportedError(fileName: string, ref: ImportRef): WorkbenchError {
  return new WorkbenchError('conflict', `this file is already imported: ${describeRef(ref)} on ${ref.finishedAt.slice(0, 10)}; nothing was changed`, {
    file: fileName,
    details: { reason: 'already_imported', import: ref },
  });
}

export class ImportWriter {
  private readonly repo: ImportRepository;
  private meta: StatementMeta | null = null;
  private importId: number | null = null;
  private bulk: LedgerBulkWriter | null = null;
  private readonly indexes: LedgerIndexes;
  private readonly scopes = new ScopeTracker();
  private readonly decoder = new LineDecoder();
  private existingLines = 0;
  private nextIndexCheck = INDEX_CHECK_FIRST;
  private nextPartialCheck = PARTIAL_CHECK_FIRST;
  private inTransaction = false;
  private readonly startedAt = new Date().toISOString();
  linesWritten = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly policy: ImportPolicy,
    private readonly clock = new StageClock('write'),
  ) {
    this.repo = new ImportRepository(db);
    this.indexes = new LedgerIndexes(db, clock);
  }

  /** Opens the transaction and the import row (its sha256 is filled in at the end). */
  start(meta: StatementMeta): void {
    this.meta = meta;
    if (this.policy.dryRun) return;
    this.db.exec('BEGIN IMMEDIATE');
    this.inTransaction = true;
    this.existingLines = (this.db.prepare('SELECT count(*) AS n FROM ledger_rows').get() as { n: number }).n;
    this.importId = this.repo.begin({
      fileName: meta.fileName,
      filePath: meta.filePath,
      fileSize: meta.fileSize,
      sha256: `pending-${randomUUID()}`,
      format: meta.detection.formatId,
      formatVersion: meta.detection.version,
      detectionConfidence: meta.detection.confidence,
      provider: null,
      billingAccount: null,
      startedAt: this.startedAt,
      costBasis: meta.costBasis,
      detection: { decidedBy: meta.detection.decidedBy, alternatives: meta.alternatives, reader: { kind: meta.fileKind, ...meta.reader } },
      mappingName: meta.mappingName,
      mapping: meta.mappingYaml,
    });
    this.bulk = new LedgerBulkWriter(this.db, this.importId, meta.costBasis, this.scopes, this.decoder, this.clock);
    if (this.existingLines < SMALL_LEDGER) this.indexes.drop(true, true);
  }

  write(batch: EncodedLines): void {
    if (this.meta === null) throw new WorkbenchError('internal', 'lines arrived before the statement was described');
    if (this.bulk === null) {
      // Dry run: only the scopes, for the overlap report.
      this.decoder.forEach(batch, (line, kind) => this.scopes.note(kind[K.provider] as string, kind[K.billingAccount] ?? null, line[L.chargePeriodStart] as string, line[L.chargePeriodEnd] as string));
    } else {
      this.bulk.write(batch);
      if (this.bulk.written >= this.nextIndexCheck) this.considerIndexes(this.bulk.written);
      if (this.bulk.written >= this.nextPartialCheck) {
        this.nextPartialCheck = this.bulk.written * 2;
        this.indexes.dropPartialIfCrowded(this.bulk.written);
      }
    }
    this.linesWritten += batch.count;
  }

  /** The earlier import of the same file, if there is one (checked as soon as the hash is known). */
  earlierImport(sha256: string): ImportRef | undefined {
    return this.repo.refBySha256(sha256);
  }

  /**
   * Applies the user's choices to the finished file and commits, or rolls
   * back and throws. `sha256` is the file's hash.
   */
  finish(summary: ImportSummary, sha256: string): WriterOutcome {
    const meta = this.meta;
    if (meta === null) throw new WorkbenchError('internal', 'the statement ended before it was described');
    const checking = this.clock.now();
    const earlier = this.repo.refBySha256(sha256);
    const scopes = this.scopes.list();
    const overlaps = this.repo.overlapping(scopes, this.importId, meta.costBasis);
    this.clock.add('check sha256 and overlaps', checking);
    const base = this.outcome(meta, summary, sha256, overlaps);

    if (this.policy.dryRun) return { ...base, status: 'dry_run', alreadyImported: earlier ?? null };
    try {
      if (earlier) throw alreadyImportedError(meta.fileName, earlier);
      if (summary.rowsRejected > 0 && this.policy.onRejects === 'abort') throw rejectedError(meta.fileName, summary);
      if (summary.linesImported === 0) {
        const why = summary.rowsRejected > 0 ? `every row was rejected (${plural(summary.rowsRejected, 'row')})` : 'the file holds no charges to import';
        throw new WorkbenchError('invalid_file', `${why}; nothing was imported`, { file: meta.fileName, details: { reason: 'nothing_to_import' } });
      }
      if (overlaps.length > 0 && this.policy.onOverlap === 'ask') throw overlapError(meta.fileName, overlaps);
      if (overlaps.length > 0 && this.policy.onOverlap === 'skip') {
        this.rollback();
        return { ...base, status: 'skipped' };
      }
      const replaced = overlaps.length > 0 && this.policy.onOverlap === 'replace' ? overlaps : [];
      this.clock.time(INSERT_STAGE, () => this.bulk?.flush());
      if (replaced.length > 0) this.clock.time('remove the replaced imports', () => this.repo.remove(replaced.map((r) => r.id)));
      this.clock.time('build the ledger indexes', () => this.indexes.rebuild());
      this.clock.time('store the import record', () => this.store(meta, summary, sha256, scopes, overlaps, replaced));
      this.commit();
      return { ...base, status: 'imported', importId: this.importId, replaced, linesWithoutListCost: this.bulk?.withoutListCost ?? 0 };
    } catch (error) {
      this.rollback();
      throw error;
    }
  }

  /** Leaves the workspace as it was. Safe to call more than once. */
  rollback(): void {
    if (this.inTransaction && this.db.inTransaction) this.db.exec('ROLLBACK');
    if (this.inTransaction) this.indexes.rolledBack();
    this.inTransaction = false;
  }

  /**
   * COMMIT, then the checkpoint SQLite would have run inside it, as a stage
   * of its own. A million-line import leaves a WAL as large as the
   * workspace (the table and its indexes are all new pages, about 75,000 of
   * 4 KiB, a quarter as many of 16 KiB): COMMIT writes the last dirty pages to the WAL and, with
   * synchronous = NORMAL, does not wait for the disk; the checkpoint copies
   * the WAL into the workspace file and syncs it. COMMIT used to run that
   * checkpoint itself (wal_autocheckpoint): measured on a million FOCUS
   * lines, of its 0.50 s CPU, 0.15 s is COMMIT and 0.37 s the checkpoint.
   * Both still happen before the import reports done; durability and the
   * all-or-nothing guarantee are the WAL's, as before.
   */
  private commit(): void {
    const autoCheckpoint = this.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    this.db.pragma('wal_autocheckpoint = 0');
    try {
      this.clock.time('commit', () => this.db.exec('COMMIT'));
      this.inTransaction = false;
    } finally {
      this.db.pragma(`wal_autocheckpoint = ${Number.isSafeInteger(autoCheckpoint) ? autoCheckpoint : 1000}`);
    }
    try {
      this.clock.time(CHECKPOINT_STAGE, () => this.db.pragma('wal_checkpoint(PASSIVE)'));
    } catch {
      // The import is committed: as with the checkpoint SQLite runs at COMMIT, a failed one leaves the lines in the WAL for the next.
    }
  }

  private considerIndexes(written: number): void {
    this.nextIndexCheck = written * 2;
    const spare = writerHasSpareTime(this.clock);
    // Rebuilding an index over E + n lines beats updating it n times once the ledger is small next to the import.
    if (!this.indexes.isDropped && this.existingLines < written * 2) this.indexes.drop(spare, true);
    // The writer has become the slower thread: the append-ordered indexes are built at the end with the others.
    else if (!spare && this.indexes.keepsAppendOrdered) this.indexes.drop(false, true);
  }

  private store(meta: StatementMeta, summary: ImportSummary, sha256: string, scopes: ReturnType<ScopeTracker['list']>, overlaps: ImportRef[], replaced: ImportRef[]): void {
    const importId = this.importId as number;
    const providers = summary.providers;
    const accounts = summary.billingAccounts;
    this.repo.complete(importId, {
      periodStart: summary.period?.start ?? null,
      periodEnd: summary.period?.end ?? null,
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      rowsRejected: summary.rowsRejected,
      linesWritten: summary.linesImported,
      finishedAt: new Date().toISOString(),
      status: summary.rowsRejected > 0 ? 'partial' : 'complete',
      provider: providers.length === 0 ? null : providers.join(', '),
      billingAccount: accounts.length === 0 ? null : accounts.join(', '),
      sha256,
      overlapChoice: overlaps.length > 0 ? (this.policy.onOverlap === 'replace' ? 'replace' : 'keep') : null,
      replaced: replaced.map((r) => ({ id: r.id, fileName: r.fileName, sha256: r.sha256 })),
      durationMs: Date.now() - Date.parse(this.startedAt),
      keep: summary.keep,
      linesAggregated: summary.linesAggregated,
      totals: summary.reconciliation.map((r) => ({
        currency: r.currency,
        sourceTotal: r.sourceTotal,
        importedTotal: parseMoney(r.importedTotal),
        rejectedTotal: r.rejectedTotal,
        difference: parseMoney(r.difference),
        reconciled: r.reconciles,
        categories: r.categories,
      })),
    });
    this.repo.addRejections(importId, summary.rejected);
    this.repo.addScopes(importId, scopes);
    // This thread's own connection holds the import's transaction open across batches, so the entry is written here, inside it.
    writeAudit(this.db, { action: 'import.completed', details: {
      importId,
      file: meta.fileName,
      format: meta.detection.formatId,
      version: meta.detection.version,
      lines: summary.linesImported,
      rejected: summary.rowsRejected,
      ...(summary.keep === 'ai' ? { keep: 'ai', linesAggregated: summary.linesAggregated } : {}),
      ...(replaced.length > 0 ? { replaced: replaced.map((r) => r.id) } : {}),
      ...(overlaps.length > 0 && replaced.length === 0 ? { keptOverlapping: overlaps.map((r) => r.id) } : {}),
    } });
  }

  private outcome(meta: StatementMeta, summary: ImportSummary, sha256: string, overlaps: ImportRef[]): WriterOutcome {
    return {
      status: 'imported',
      importId: null,
      fileName: meta.fileName,
      sha256,
      detection: detectionWire(meta.detection),
      costBasis: meta.costBasis,
      rowsRead: summary.rowsRead,
      rowsImported: summary.rowsImported,
      rowsRejected: summary.rowsRejected,
      linesImported: summary.linesImported,
      totals: summary.reconciliation.map((r) => ({
        currency: r.currency,
        sourceTotal: r.sourceTotal,
        importedTotal: r.importedTotal,
        rejectedTotal: r.rejectedTotal,
        difference: r.difference,
        reconciled: r.reconciles,
        categories: r.categories,
      })),
      rejected: summary.rejected.slice(0, RESULT_REJECTIONS),
      rejectedTruncated: summary.rejectedTruncated || summary.rejected.length > RESULT_REJECTIONS,
      period: summary.period,
      billingPeriods: summary.billingPeriods,
      providers: summary.providers,
      billingAccounts: summary.billingAccounts,
      unknownModels: summary.unknownModels,
      overlaps,
      replaced: [],
      alreadyImported: null,
      linesWithoutListCost: 0,
      keep: summary.keep,
      linesAggregated: summary.linesAggregated,
      aggregateLines: summary.aggregateLines,
    };
  }
}

function rejectedError(fileName: string, summary: ImportSummary): WorkbenchError {
  const first = summary.rejected[0];
  const where = first ? ` (first: row ${first.row}, field ${first.field}: ${first.reason})` : '';
  return new WorkbenchError(
    'invalid_file',
    `${plural(summary.rowsRejected, 'row')} of ${summary.rowsRead.toLocaleString('en-US')} rejected${where}; nothing was imported. Choose to import the other rows to leave these out (aispend import --on-rejects import)`,
    {
      file: fileName,
      ...(first ? { row: first.row, field: first.field } : {}),
      details: { reason: 'rows_rejected', rowsRead: summary.rowsRead, rowsRejected: summary.rowsRejected, rejected: summary.rejected.slice(0, RESULT_REJECTIONS) },
    },
  );
}

function overlapError(fileName: string, overlaps: ImportRef[]): WorkbenchError {
  return new WorkbenchError(
    'conflict',
    `the file's period overlaps ${overlaps.map(describeRef).join(' and ')} of the same provider and account; choose skip, replace or keep both (aispend import --on-overlap skip|replace|keep)`,
    { file: fileName, details: { reason: 'overlap', overlaps } },
  );
}
