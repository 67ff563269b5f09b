import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import type { Workspace } from '../workspace/workspace';
import { PriceRowRepository } from './price-row-repository';

/**
 * The open workspace's price book: the shipped catalogue and supplement plus
 * the workspace's user rows. Built once per workspace and rebuilt after every
 * edit (the book itself is immutable). Other areas (the scenario engine, the
 * invoice check) take their book from here.
 */
const books = new WeakMap<Workspace, PriceBook>();
const listeners = new Set<(workspace: Workspace) => void>();

export function priceBookFor(workspace: Workspace): PriceBook {
  let book = books.get(workspace);
  if (!book) {
    book = bundledPriceBook({ userRows: new PriceRowRepository(workspace.db).list() });
    books.set(workspace, book);
  }
  return book;
}

/** Forget the cached book after the user rows changed; things built on it (stored contracts) are told too. */
export function priceBookChanged(workspace: Workspace, rebuilt?: PriceBook): void {
  if (rebuilt) books.set(workspace, rebuilt);
  else books.delete(workspace);
  for (const listener of listeners) listener(workspace);
}

export function onPriceBookChanged(listener: (workspace: Workspace) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
