import type { Migration } from './types';

/**
 * Indexes for browsing a large ledger: the monthly summaries group by month
 * and provider, and the grid's default order is by charge period. Kept few on
 * purpose: every index slows a million-line import.
 */
export const ledgerBrowsing: Migration = {
  version: 2,
  name: 'ledger-browsing',
  up(db) {
    db.exec(`
      CREATE INDEX ledger_lines_month_provider ON ledger_lines(month, provider, currency);
      CREATE INDEX ledger_lines_period ON ledger_lines(charge_period_start);
    `);
  },
};
