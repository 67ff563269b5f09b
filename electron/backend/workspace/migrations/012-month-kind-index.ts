import type { Migration } from './types';

/**
 * The ledger keeps one index on the kinds of its lines, month × kind
 * (issue 15). The kind index (kind_id and the money columns) duplicated it
 * after the month: a ledger holds tens of months at most and a monthly
 * statement one. The readers group by month and kind, in that index's order,
 * and find a kind's lines with a seek per month the ledger holds
 * (ledger/filters.ts, buildLineWhere). On a million FOCUS lines the import
 * builds one index less (0.30 of its 1.24 s) and the workspace is 32 MB
 * smaller.
 */
export const monthKindIndex: Migration = {
  version: 12,
  name: 'month-kind-index',
  up(db) {
    db.exec('DROP INDEX IF EXISTS ledger_rows_kind');
  },
};
