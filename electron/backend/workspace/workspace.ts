import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { AuditEntry, WorkspaceInfo } from '../../../shared/api/workspace';
import { WorkbenchError } from '../../../shared/domain/errors';
import { readAudit, writeAudit } from './audit-log';
import { appliedVersion, asWriteError, createWorkspaceDatabase, discardNewFile, openWorkspaceDatabase, type DatabaseOptions } from './database';

export interface CreateWorkspaceOptions extends DatabaseOptions {
  name?: string;
  isDemo?: boolean;
  appVersion: string;
}

function nameFromPath(file: string): string {
  return path.basename(file).replace(/\.aispend$/i, '');
}

/**
 * One open workspace file. Repositories take `workspace.db`; this class owns
 * the connection's life and the workspace's own facts. Changes go through
 * `commit` (./commit.ts), which keeps the audit log.
 */
export class Workspace {
  private cachedInfo: WorkspaceInfo | undefined;

  private constructor(
    readonly db: Database.Database,
    readonly path: string,
    private readonly appVersion: string,
    /** Why the workspace is open read-only (its medium, file or folder cannot be written), or null. */
    readonly readOnly: string | null = null,
  ) {}

  static create(file: string, options: CreateWorkspaceOptions): Workspace {
    const absolute = path.resolve(file);
    const db = createWorkspaceDatabase(absolute, options);
    const ws = new Workspace(db, absolute, options.appVersion);
    const setMeta = db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?)');
    try {
      db.transaction(() => {
        setMeta.run('id', randomUUID());
        setMeta.run('created_at', new Date().toISOString());
        setMeta.run('created_by_version', options.appVersion);
        setMeta.run('is_demo', options.isDemo ? '1' : '0');
        if (options.name) setMeta.run('name', options.name);
        writeAudit(db, { action: 'workspace.created', details: { file: path.basename(absolute), demo: Boolean(options.isDemo) } });
      })();
    } catch (error) {
      discardNewFile(absolute, db);
      throw asWriteError(error, absolute, 'no workspace was created');
    }
    return ws;
  }

  static open(file: string, options: DatabaseOptions & { appVersion: string }): Workspace {
    const absolute = path.resolve(file);
    const { db, readOnly } = openWorkspaceDatabase(absolute, options);
    return new Workspace(db, absolute, options.appVersion, readOnly);
  }

  /** Refuses a change to a workspace opened read-only, saying why and what to do instead. */
  assertWritable(): void {
    if (this.readOnly === null) return;
    throw new WorkbenchError(
      'read_only',
      `this workspace is open read-only because ${this.readOnly}: nothing was changed. Save a copy to a folder you can write to (Save As) and work on the copy`,
      { file: this.path },
    );
  }

  meta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM app_meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.assertWritable();
    this.db.prepare('INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
    this.changed();
  }

  /** Forget cached facts after a write (imports, deletions). */
  changed(): void {
    this.cachedInfo = undefined;
  }

  info(): WorkspaceInfo {
    if (this.cachedInfo) return this.cachedInfo;
    // One pass over the covering month × kind index, the kinds' provider and currency joined after, answers every count here.
    const groups = this.db
      .prepare(
        `SELECT g.month, k.provider, k.currency, sum(g.n) AS lines
         FROM (SELECT month, kind_id, count(*) AS n FROM ledger_rows GROUP BY month, kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id
         GROUP BY g.month, k.provider, k.currency`,
      )
      .all() as {
      month: string;
      provider: string;
      currency: string;
      lines: number;
    }[];
    const imports = (this.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
    const months = groups.map((g) => g.month).sort();
    const counts = {
      lines: groups.reduce((sum, g) => sum + g.lines, 0),
      imports,
      first: months[0] ?? null,
      last: months[months.length - 1] ?? null,
    };
    const currencies = [...new Set(groups.map((g) => g.currency))].sort();
    const providers = [...new Set(groups.map((g) => g.provider))].sort();
    this.cachedInfo = {
      path: this.path,
      name: this.meta('name') ?? nameFromPath(this.path),
      id: this.meta('id') ?? 'unknown',
      createdAt: this.meta('created_at') ?? '',
      schemaVersion: appliedVersion(this.db),
      appVersion: this.appVersion,
      isDemo: this.meta('is_demo') === '1',
      readOnly: this.readOnly,
      ledgerLines: counts.lines,
      imports: counts.imports,
      firstMonth: counts.first,
      lastMonth: counts.last,
      currencies,
      providers,
    };
    return this.cachedInfo;
  }

  auditEntries(limit: number): AuditEntry[] {
    return readAudit(this.db, limit);
  }

  /**
   * Writes a consistent, compacted copy to `target` (SQLite's VACUUM INTO),
   * so a colleague gets one self-contained file with no WAL beside it. The
   * copy is written beside the target under a temporary name and renamed into
   * place: a failure part-way (a full disk) leaves no partial or empty file,
   * and a file being replaced stays as it was until the copy is complete.
   * This workspace is only read, so a read-only one can be saved elsewhere.
   */
  saveCopy(target: string, overwrite: boolean): string {
    const absolute = path.resolve(target);
    if (absolute === this.path) throw new WorkbenchError('conflict', 'this is the file already open; choose another name', { file: absolute });
    if (!existsSync(path.dirname(absolute))) throw new WorkbenchError('not_found', `the folder ${path.dirname(absolute)} does not exist`, { file: absolute });
    if (existsSync(absolute) && !overwrite) throw new WorkbenchError('conflict', 'a file with this name already exists', { file: absolute });
    const partial = path.join(path.dirname(absolute), `.${path.basename(absolute)}.${randomUUID().slice(0, 8)}.saving`);
    try {
      this.db.prepare('VACUUM INTO ?').run(partial);
      rmSync(`${absolute}-wal`, { force: true });
      rmSync(`${absolute}-shm`, { force: true });
      renameSync(partial, absolute);
    } catch (error) {
      for (const leftover of [partial, `${partial}-journal`, `${partial}-wal`, `${partial}-shm`]) rmSync(leftover, { force: true });
      throw asWriteError(error, absolute, 'the copy was not saved');
    }
    return absolute;
  }

  close(): void {
    if (!this.db.open) return;
    if (this.readOnly === null) {
      // Fold the WAL back so the file can be copied or mailed on its own.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
      // And leave it in rollback mode: a WAL file needs its -shm written beside it even to be read, so a
      // workspace copied to a read-only medium or folder could not be opened. It is WAL again when opened.
      try {
        this.db.pragma('journal_mode = DELETE');
      } catch {
        // Another connection has it open (another window or process): it stays WAL, as that one expects.
      }
    }
    this.db.close();
  }
}
