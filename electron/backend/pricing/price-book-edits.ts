import type { PriceRowWire } from '../../../shared/api/pricing';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import type { Workspace } from '../workspace/workspace';
import { priceBookChanged } from './price-book-service';
import { PriceRowRepository } from './price-row-repository';

export interface UserRowChange {
  upsert?: readonly PriceRowWire[];
  delete?: readonly string[];
}

export interface UserRowOutcome {
  added: number;
  replaced: number;
  deleted: number;
  book: PriceBook;
}

/**
 * Applies an edit to the workspace's user price rows in one transaction with
 * its audit entry. The new book is built inside the transaction and handed to
 * `check` (stored contracts must still resolve their models); any error rolls
 * the whole edit back, so the workspace is unchanged.
 */
export function applyUserRows(workspace: Workspace, change: UserRowChange, audit: { action: string; details: Record<string, unknown> }, check?: (book: PriceBook) => void): UserRowOutcome {
  const repo = new PriceRowRepository(workspace.db);
  const now = new Date().toISOString();
  const outcome = workspace.db.transaction(() => {
    let added = 0;
    let replaced = 0;
    let deleted = 0;
    for (const id of change.delete ?? []) {
      if (!repo.delete(id)) throw new WorkbenchError('not_found', `there is no user price row ${id}; catalogue and supplement rows cannot be deleted, only overridden`, { field: 'id' });
      deleted += 1;
    }
    for (const row of change.upsert ?? []) {
      if (repo.upsert({ ...row, source: 'user' }, now) === 'added') added += 1;
      else replaced += 1;
    }
    const book = bundledPriceBook({ userRows: repo.list() });
    check?.(book);
    workspace.audit(audit.action, { ...audit.details, added, replaced, deleted });
    return { added, replaced, deleted, book };
  })();
  priceBookChanged(workspace, outcome.book);
  return outcome;
}
