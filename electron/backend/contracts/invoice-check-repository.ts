import type Database from 'better-sqlite3';
import { InvoiceCheckRun } from '../../../shared/api/contracts';

export interface RunScope {
  contractId: string | null;
  month: string | null;
  provider: string | null;
}

export function scopeKey(s: RunScope): string {
  return `contract=${s.contractId ?? '*'}|month=${s.month ?? '*'}|provider=${s.provider ?? '*'}`;
}

/**
 * Stored invoice checks: the latest run per scope, as its wire form (money as
 * decimal strings) in JSON. Kept so the view and the CSV export show exactly
 * what was checked, and so the board workbook can cite it.
 */
export class InvoiceCheckRepository {
  constructor(private readonly db: Database.Database) {}

  /** Replaces the run of the same scope; returns the new run's id. */
  save(scope: RunScope, checkedAt: string, run: Omit<InvoiceCheckRun, 'runId'>): number {
    const key = scopeKey(scope);
    this.db.prepare('DELETE FROM invoice_checks WHERE scope_key = ?').run(key);
    const result = this.db
      .prepare('INSERT INTO invoice_checks (scope_key, contract_id, month, provider, checked_at, result) VALUES (?, ?, ?, ?, ?, ?)')
      .run(key, scope.contractId, scope.month, scope.provider, checkedAt, JSON.stringify(run));
    return Number(result.lastInsertRowid);
  }

  get(id: number): InvoiceCheckRun | undefined {
    const row = this.db.prepare('SELECT id, result FROM invoice_checks WHERE id = ?').get(id) as { id: number; result: string } | undefined;
    if (!row) return undefined;
    // A run stored by an older version of the app that no longer reads as a run is simply not there: run the check again.
    const parsed = InvoiceCheckRun.safeParse({ ...(JSON.parse(row.result) as object), runId: row.id });
    return parsed.success ? parsed.data : undefined;
  }

  latest(scope: RunScope): InvoiceCheckRun | undefined {
    const row = this.db.prepare('SELECT id FROM invoice_checks WHERE scope_key = ?').get(scopeKey(scope)) as { id: number } | undefined;
    return row ? this.get(row.id) : undefined;
  }
}
