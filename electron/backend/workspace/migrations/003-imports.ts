import type { Migration } from './types';

/**
 * What the import pipeline keeps beyond migration 001's imports and
 * import_totals:
 *
 * - imports.status: 'complete' (every row landed) or 'partial' (the user chose
 *   to import the rest after rows were rejected).
 * - imports.cost_basis / ledger_lines.cost_basis: 'billed' when the statement
 *   carries what the vendor billed; 'list' for usage-only statements (OpenAI
 *   and Anthropic usage reports) that carry no cost at all. Their lines keep
 *   billed_cost 0 (the column is NOT NULL) but are marked 'list': their cost is
 *   the list cost the price book fills in, and they must never be read as a
 *   bill of $0.
 * - imports.detection: JSON with the columns that decided the format, the
 *   other formats that also claimed the file and what the reader found
 *   (encoding, delimiter, gzip, sheet); imports.mapping_name / mapping: the
 *   generic column mapping used, as YAML, so the import can be explained and
 *   repeated.
 * - imports.overlap_choice and imports.replaced: what the user chose when the
 *   file's period overlapped an earlier import of the same provider and
 *   account, and which imports a 'replace' removed (JSON list).
 * - import_totals.rejected_total / difference: reconciliation is
 *   source = imported + rejected, to the cent, per currency.
 * - import_rejections: every rejected row (up to the first 10,000) with file
 *   row, field, reason and the raw value, for the drill-down.
 * - import_scopes: per import, each (provider, billing account) it covers with
 *   its charge period; the overlap check looks here.
 */
export const imports: Migration = {
  version: 3,
  name: 'imports',
  up(db) {
    db.exec(`
      ALTER TABLE imports ADD COLUMN status TEXT NOT NULL DEFAULT 'complete' CHECK (status IN ('complete', 'partial'));
      ALTER TABLE imports ADD COLUMN cost_basis TEXT NOT NULL DEFAULT 'billed' CHECK (cost_basis IN ('billed', 'list'));
      ALTER TABLE imports ADD COLUMN detection TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE imports ADD COLUMN mapping_name TEXT;
      ALTER TABLE imports ADD COLUMN mapping TEXT;
      ALTER TABLE imports ADD COLUMN overlap_choice TEXT CHECK (overlap_choice IN ('keep', 'replace'));
      ALTER TABLE imports ADD COLUMN replaced TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE imports ADD COLUMN duration_ms INTEGER;

      ALTER TABLE import_totals ADD COLUMN rejected_total TEXT NOT NULL DEFAULT '0.00';
      ALTER TABLE import_totals ADD COLUMN difference TEXT NOT NULL DEFAULT '0.00';

      ALTER TABLE ledger_lines ADD COLUMN cost_basis TEXT NOT NULL DEFAULT 'billed' CHECK (cost_basis IN ('billed', 'list'));

      CREATE TABLE import_rejections (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        row INTEGER NOT NULL,
        field TEXT NOT NULL,
        reason TEXT NOT NULL,
        value TEXT,
        amount TEXT,
        currency TEXT,
        PRIMARY KEY (import_id, position)
      ) STRICT;

      CREATE TABLE import_scopes (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        provider TEXT NOT NULL,
        -- '' when the statement names no billing account
        billing_account TEXT NOT NULL,
        period_start TEXT NOT NULL,
        period_end TEXT NOT NULL,
        lines INTEGER NOT NULL,
        PRIMARY KEY (import_id, provider, billing_account)
      ) STRICT;
      CREATE INDEX import_scopes_account ON import_scopes(provider, billing_account, period_start);

      -- Workspaces written before this migration: usage-only imports and their lines, and each import's scope.
      UPDATE imports SET cost_basis = 'list'
        WHERE format IN ('openai-usage', 'anthropic-usage') OR (format = 'openai-dashboard-csv' AND format_version = 'activity');
      UPDATE ledger_lines SET cost_basis = 'list' WHERE import_id IN (SELECT id FROM imports WHERE cost_basis = 'list');
      INSERT INTO import_scopes (import_id, provider, billing_account, period_start, period_end, lines)
        SELECT id, coalesce(provider, 'unknown'), coalesce(billing_account, ''), period_start, period_end, lines_written
        FROM imports WHERE period_start IS NOT NULL AND period_end IS NOT NULL;
    `);
  },
};
