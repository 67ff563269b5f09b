import type { Migration } from './types';

/**
 * Indexes for the ledger grid on a million lines (bench/ledger-grid.bench.ts),
 * each checked with EXPLAIN QUERY PLAN against the grid's queries:
 *
 * - ledger_lines_id: the lines in id order (the grid's order before any sort)
 *   as a narrow index, so that scrolling to the end walks ids rather than the
 *   wide rows (about 0.2 s to 15 ms at line 1,051,100). It also answers
 *   count(*) of the whole ledger.
 * - ledger_lines_billed: sorting by billed cost; an index ends with the line
 *   id, so "billed cost, then id" in one direction is read straight off it
 *   and a deep page is a walk along the index (0.9 s to under 10 ms at line
 *   525,600).
 * - ledger_lines_model: filtering by model (the commonest filter), sorted by
 *   billed cost, with the status bar's totals: it covers every column the
 *   count and the totals read, so neither touches the rows.
 *
 * Built once on upgrade; an import drops and rebuilds every ledger index
 * (LedgerIndexes), which costs about 4 s more on a million-line import.
 */
export const gridIndexes: Migration = {
  version: 9,
  name: 'grid-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX ledger_lines_id ON ledger_lines(id);
      CREATE INDEX ledger_lines_billed ON ledger_lines(billed_cost);
      CREATE INDEX ledger_lines_model ON ledger_lines(model, billed_cost, currency, effective_cost, list_cost, quantity, charge_category);
    `);
  },
};
