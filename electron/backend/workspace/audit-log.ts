import type Database from 'better-sqlite3';
import type { AuditEntry } from '../../../shared/api/workspace';

/** What a change writes to the workspace's audit log: what happened, and the facts a reader needs to trace it. */
export interface AuditNote {
  readonly action: string;
  readonly details: Record<string, unknown>;
}

/**
 * The one statement that writes the audit log. Callers are `commit` (every
 * audited change of an open workspace), the import writer (its streamed
 * transaction on the import thread's own connection) and the workspace's own
 * life (created, saved as).
 */
export function writeAudit(db: Database.Database, note: AuditNote): void {
  db.prepare('INSERT INTO audit_log (at, action, details) VALUES (?, ?, ?)').run(new Date().toISOString(), note.action, JSON.stringify(note.details));
}

/** The newest entries first. */
export function readAudit(db: Database.Database, limit: number): AuditEntry[] {
  const rows = db.prepare('SELECT id, at, action, details FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as { id: number; at: string; action: string; details: string }[];
  return rows.map((r) => ({ id: r.id, at: r.at, action: r.action, details: JSON.parse(r.details) as Record<string, unknown> }));
}
