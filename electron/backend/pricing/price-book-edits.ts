import type { PriceRowWire } from '../../../shared/api/pricing';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { changed, type Change } from '../workspace/commit';
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
 * An edit of the workspace's user price rows, to be committed with its audit
 * entry. The new book is built from the written rows and handed to `check`
 * (stored contracts must still resolve their models); any error rolls the
 * whole edit back, so the workspace is unchanged. The cached book is
 * replaced only once the edit is committed.
 */
export function applyUserRows(workspace: Workspace, change: UserRowChange, audit: { action: string; details: Record<string, unknown> }, check?: (book: PriceBook) => void): Change<UserRowOutcome> {
  const repo = new PriceRowRepository(workspace.db);
  const now = new Date().toISOString();
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
  return changed({ added, replaced, deleted, book }, audit.action, { ...audit.details, added, replaced, deleted }, () => priceBookChanged(workspace, book));
}
