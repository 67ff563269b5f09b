import type { Migration } from './types';

/**
 * Drops two indexes of ledger_rows that the narrow rows of migration 011
 * made not worth their cost (issue 15):
 *
 * - ledger_rows_id, on the table's own INTEGER PRIMARY KEY: it let the grid
 *   walk lines in id order along 12 MB rather than the wide table of
 *   migration 009 (0.2 s to 15 ms at line 1,051,100). The rows are now about
 *   130 bytes, and walking the table itself to the last page of a million
 *   lines takes 14–15 ms against 4 ms on the index (warm cache). A count of
 *   the whole ledger is read off the billed-cost index, which is as narrow.
 * - ledger_rows_import: the lines of one import are found by a pass over
 *   the rows instead (about 60 ms a million lines, warm) when the grid
 *   filters by import, when the price book prices an import's lines after
 *   it, and twice when an import is removed (its lines, then SQLite's own
 *   ON DELETE CASCADE check): removing a 10-line import from a million-line
 *   ledger went from under 1 ms to about 0.2 s. These are rare or run in
 *   the background; the index cost every import its upkeep.
 *
 * Both were kept up line by line during an import (their keys arrive in
 * order) and copied by its checkpoint. Measured on the 1M-line narrow FOCUS
 * CSV (paired runs, 2 shared cores): the workspace falls from 265 to 241 MB,
 * the writer's INSERT stage from about 1.5 to 1.05–1.16 s and the import's
 * CPU by about 0.4–0.6 s.
 */
export const ledgerRowIndexes: Migration = {
  version: 13,
  name: 'ledger-row-indexes',
  up(db) {
    db.exec(`
      DROP INDEX IF EXISTS ledger_rows_id;
      DROP INDEX IF EXISTS ledger_rows_import;
    `);
  },
};
