import { writeAudit, type AuditNote } from './audit-log';
import type { Workspace } from './workspace';

/**
 * A change to the workspace as a service describes it: what to answer, the
 * audit entry that goes with it, and what to do once it is committed (forget
 * a cached price book, tell the UI, start a follow-up job). Services build
 * changes; only `commit` writes them, so no service opens its own transaction
 * or writes the audit log.
 */
export interface Change<T> {
  readonly value: T;
  /** Null when the call changed nothing (deleting what is not there, a file with issues). */
  readonly audit: AuditNote | null;
  readonly afterCommit?: () => void;
}

export function changed<T>(value: T, action: string, details: Record<string, unknown>, afterCommit?: () => void): Change<T> {
  return { value, audit: { action, details }, ...(afterCommit ? { afterCommit } : {}) };
}

export function unchanged<T>(value: T): Change<T> {
  return { value, audit: null };
}

/**
 * The one way an audited change reaches a workspace: `write` runs inside one
 * transaction with the audit entry it returns, so either both are stored or,
 * when anything throws, neither is and the workspace is as it was. Cached
 * facts are forgotten and `afterCommit` runs only once the change is stored.
 * Mutating API methods are wrapped in it when they are registered
 * (electron/backend/handlers.ts); long work (jobs, a kept scenario run)
 * calls it at the point where its result is written.
 */
export function commit<T>(workspace: Workspace, write: () => Change<T>): T {
  workspace.assertWritable();
  const change = workspace.db.transaction(() => {
    const result = write();
    if (result.audit) writeAudit(workspace.db, result.audit);
    return result;
  })();
  workspace.changed();
  change.afterCommit?.();
  return change.value;
}
