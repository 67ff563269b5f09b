import type { Migration } from './types';

/**
 * Big cloud exports kept as `ai` (shared/formats/keep.ts):
 *
 * - ledger_lines.source_lines: how many lines of the source file a ledger
 *   line stands for (1 for a line kept as it is; more for an aggregate of
 *   the non-AI lines of a day, service, account, charge category and
 *   currency). Every line written before this version stands for one.
 * - imports.keep and imports.lines_aggregated: what the import kept line by
 *   line, and how many source lines it summed into aggregates.
 */
export const aggregatedLines: Migration = {
  version: 8,
  name: 'aggregated-lines',
  up(db) {
    db.exec(`
      ALTER TABLE ledger_lines ADD COLUMN source_lines INTEGER NOT NULL DEFAULT 1 CHECK (source_lines >= 1);
      ALTER TABLE imports ADD COLUMN keep TEXT NOT NULL DEFAULT 'all' CHECK (keep IN ('all', 'ai'));
      ALTER TABLE imports ADD COLUMN lines_aggregated INTEGER NOT NULL DEFAULT 0;
    `);
  },
};
