import { accessSync, closeSync, constants, existsSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { WorkbenchError } from '../../../shared/domain/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

/** Marks a SQLite file as ours (PRAGMA application_id), "AISW" in ASCII. */
export const APPLICATION_ID = 0x41495357;

/**
 * Page size of new workspaces, in bytes. The ledger is a million-line append
 * of ~150-byte rows and seven indexes rebuilt by sorting; 16 KiB pages (SQLite's
 * default is 4 KiB) mean a quarter of the page writes, B-tree splits and WAL
 * frames. Measured on a million FOCUS lines, per import (CPU): the inserts
 * −0.3 s, the index builds −0.4 s, the commit −0.1 s. Workspaces made
 * before keep their 4 KiB pages; SQLite reads either.
 */
export const WORKSPACE_PAGE_SIZE = 16384;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface DatabaseOptions {
  /** Path of a better-sqlite3 native binding built for this runtime (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

function nativeOptions(options: DatabaseOptions): Database.Options {
  const binding = options.nativeBinding ?? process.env.AISPEND_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

function applyConnectionSettings(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
}

function ensureMigrationTable(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
}

export function appliedVersion(db: Database.Database): number {
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies pending migrations, all in one transaction: a failure part-way
 * leaves the file exactly as it was.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  ensureMigrationTable(db);
  const current = appliedVersion(db);
  // Every migration not yet recorded, not only those above the highest: a workspace written while a
  // lower-numbered migration was still unreleased (003 landed after 004 and 005) gets it too.
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length === 0) return current;
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      record.run(m.version, m.name, new Date().toISOString());
    }
  })();
  return appliedVersion(db);
}

/** Creates a new workspace file. Refuses to touch an existing file. */
export function createWorkspaceDatabase(file: string, options: DatabaseOptions = {}, migrations: readonly Migration[] = MIGRATIONS): Database.Database {
  if (existsSync(file)) throw new WorkbenchError('conflict', 'a file with this name already exists', { file });
  const dir = path.dirname(file);
  if (!existsSync(dir)) throw new WorkbenchError('not_found', `the folder ${dir} does not exist`, { file });
  let db: Database.Database | undefined;
  try {
    db = new Database(file, nativeOptions(options));
    // Before anything is written: a file's page size is fixed by its first page.
    db.pragma(`page_size = ${WORKSPACE_PAGE_SIZE}`);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    applyConnectionSettings(db);
    migrate(db, migrations);
    return db;
  } catch (error) {
    discardNewFile(file, db);
    throw asWriteError(error, file, 'no workspace was created');
  }
}

/** Removes a workspace file this app was creating when it failed (a full disk), with its journal: no empty or partial file stays. */
export function discardNewFile(file: string, db?: Database.Database): void {
  try {
    if (db?.open) db.close();
  } catch {
    // The files are removed regardless.
  }
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function readHeader(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(16);
    const read = readSync(fd, buffer, 0, 16, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
}

/**
 * Inspects a file read-only before anything writes to it: is it SQLite, is it
 * ours, is it intact, is it newer than this app? Any "no" is a clear error and
 * the file is left untouched.
 */
export function inspectWorkspaceFile(file: string, options: DatabaseOptions = {}): { version: number } {
  if (!existsSync(file)) throw new WorkbenchError('not_found', 'no such workspace file', { file });
  const sidecars = existingSidecars(file);
  try {
    return inspect(file, options);
  } finally {
    removeSidecarsOfALook(file, sidecars);
  }
}

const SIDECARS = ['-wal', '-shm'] as const;

function existingSidecars(file: string): Set<string> {
  return new Set(SIDECARS.filter((suffix) => existsSync(file + suffix)));
}

/**
 * A read-only connection to a WAL file creates its -wal and -shm and, unable
 * to checkpoint, leaves them when it closes. Refusing a file must not leave
 * anything beside it, so the pair is removed when the look created it: neither
 * existed before and the -wal is empty (a -wal with frames belongs to a writer
 * and is never touched).
 */
function removeSidecarsOfALook(file: string, before: Set<string>): void {
  if (before.size > 0) return;
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) return;
  for (const suffix of SIDECARS) rmSync(file + suffix, { force: true });
}

function inspect(file: string, options: DatabaseOptions): { version: number } {
  if (!statSync(file).isFile()) throw new WorkbenchError('not_a_workspace', 'this is a folder, not a workspace file', { file });
  if (readHeader(file) !== SQLITE_MAGIC) {
    throw new WorkbenchError('not_a_workspace', 'this file is not an AI Spend Workbench workspace (it is not a SQLite database)', { file });
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { ...nativeOptions(options), readonly: true, fileMustExist: true });
    const appId = db.pragma('application_id', { simple: true }) as number;
    if (appId !== APPLICATION_ID) {
      throw new WorkbenchError('not_a_workspace', 'this SQLite database was not written by AI Spend Workbench', { file });
    }
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw new WorkbenchError('workspace_corrupt', `the workspace file is damaged (${check})`, { file });
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    const version = hasTable ? appliedVersion(db) : 0;
    if (version > LATEST_SCHEMA_VERSION) {
      throw new WorkbenchError(
        'workspace_too_new',
        `this workspace was written by a newer version of the app (schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}); update the app to open it`,
        { file },
      );
    }
    return { version };
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const reason = readOnlyReason(file);
    if (reason && isSqliteAccessError(error)) throw unreadableHere(file, reason, error);
    const message = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError('workspace_corrupt', `the workspace file cannot be read: ${message}`, { file, cause: error });
  } finally {
    db?.close();
  }
}

/** A write that failed for lack of space (SQLite's SQLITE_FULL, the file system's ENOSPC or a quota). */
export function isDiskFull(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG';
}

/** A failed write as the user should read it: a full disk says so and that nothing was kept; anything else is passed on. */
export function asWriteError(error: unknown, file: string, outcome: string): unknown {
  if (error instanceof WorkbenchError) return error;
  if (isDiskFull(error)) return new WorkbenchError('disk_full', `the disk is full: ${outcome}; free some space and try again`, { file, cause: error });
  if (isSqliteAccessError(error) || ['EACCES', 'EPERM', 'EROFS'].includes(String((error as { code?: unknown } | null)?.code))) {
    return new WorkbenchError('read_only', `the folder cannot be written: ${outcome}`, { file, cause: error });
  }
  return error;
}

/** SQLite could not open or lock the file or its journal (as opposed to finding it damaged). */
function isSqliteAccessError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(CANTOPEN|READONLY|IOERR|PERM|AUTH)/.test(code);
}

function unreadableHere(file: string, reason: string, cause: unknown): WorkbenchError {
  return new WorkbenchError(
    'read_only',
    `the workspace cannot be opened here because ${reason}, and it was last closed with its journal still beside it (another app may have it open, or it was not closed cleanly); copy it to a folder you can write to and open the copy`,
    { file, cause },
  );
}

function writeProblem(target: string): string | null {
  try {
    accessSync(target, constants.W_OK);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

/**
 * Why a workspace file cannot be written where it is, in the user's words, or
 * null when it can: the medium is read-only (a mounted image, a locked card,
 * a read-only share), or the file or its folder (where SQLite keeps the
 * journal beside the file) is not writable for this user.
 */
export function readOnlyReason(file: string): string | null {
  const fileProblem = writeProblem(file);
  const folderProblem = writeProblem(path.dirname(file));
  if (fileProblem === 'EROFS' || folderProblem === 'EROFS') return 'it is on a read-only medium';
  if (fileProblem !== null) return 'the file is read-only';
  if (folderProblem !== null) return 'its folder is read-only';
  return null;
}

/** An open workspace connection, and why it is read-only (null when it can be written). */
export interface OpenedDatabase {
  db: Database.Database;
  readOnly: string | null;
}

function pendingMigrations(db: Database.Database, migrations: readonly Migration[]): Migration[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  const applied = new Set(hasTable ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : []);
  return migrations.filter((m) => !applied.has(m.version));
}

/** A workspace that cannot be written is opened read-only, as it is: it can be read, exported and saved as a copy, never changed. */
function openReadOnly(file: string, reason: string, options: DatabaseOptions, migrations: readonly Migration[]): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { ...nativeOptions(options), readonly: true, fileMustExist: true });
    if (pendingMigrations(db, migrations).length > 0) {
      throw new WorkbenchError(
        'read_only',
        `this workspace was written by an earlier version of the app and must be upgraded before it can be opened, which cannot be done here because ${reason}; copy it to a folder you can write to and open the copy`,
        { file },
      );
    }
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof WorkbenchError) throw error;
    if (isSqliteAccessError(error)) throw unreadableHere(file, reason, error);
    throw error;
  }
}

/**
 * Opens an existing workspace after inspecting it, upgrading its schema if it
 * is older than the app; one that cannot be written where it is opens
 * read-only and says why.
 */
export function openWorkspaceDatabase(file: string, options: DatabaseOptions = {}, migrations: readonly Migration[] = MIGRATIONS): OpenedDatabase {
  inspectWorkspaceFile(file, options);
  const reason = readOnlyReason(file);
  if (reason) return { db: openReadOnly(file, reason, options, migrations), readOnly: reason };
  const db = new Database(file, { ...nativeOptions(options), fileMustExist: true });
  try {
    applyConnectionSettings(db);
    migrate(db, migrations);
    return { db, readOnly: null };
  } catch (error) {
    db.close();
    if (error instanceof WorkbenchError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new WorkbenchError('workspace_corrupt', `the workspace could not be upgraded: ${message}`, { file, cause: error });
  }
}
