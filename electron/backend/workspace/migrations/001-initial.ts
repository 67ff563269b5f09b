import type { Migration } from './types';

/** The first schema: workspace facts, imports with their reconciliation, the ledger, the audit log. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE app_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_path TEXT,
        file_size INTEGER,
        sha256 TEXT NOT NULL UNIQUE,
        format TEXT NOT NULL,
        format_version TEXT,
        detection_confidence REAL,
        provider TEXT,
        billing_account TEXT,
        period_start TEXT,
        period_end TEXT,
        rows_read INTEGER NOT NULL,
        rows_imported INTEGER NOT NULL,
        rows_rejected INTEGER NOT NULL,
        lines_written INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL
      ) STRICT;

      -- Per file and currency: the source file's own total (exact decimal text),
      -- what landed (nano-units) and whether they agree to the cent.
      CREATE TABLE import_totals (
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        currency TEXT NOT NULL,
        source_total TEXT NOT NULL,
        imported_total INTEGER NOT NULL,
        reconciled INTEGER NOT NULL CHECK (reconciled IN (0, 1)),
        PRIMARY KEY (import_id, currency)
      ) STRICT;

      -- Money columns are nano-units of the line's currency (INTEGER, never REAL).
      CREATE TABLE ledger_lines (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        source_row INTEGER NOT NULL,
        month TEXT NOT NULL,
        charge_period_start TEXT NOT NULL,
        charge_period_end TEXT NOT NULL,
        billing_period TEXT,
        charge_category TEXT NOT NULL,
        provider TEXT NOT NULL,
        publisher TEXT,
        billing_account TEXT,
        sub_account TEXT,
        credential TEXT,
        model TEXT,
        model_raw TEXT,
        usage_class TEXT NOT NULL,
        service_tier TEXT NOT NULL,
        context_band TEXT,
        region TEXT,
        resource_id TEXT,
        sku TEXT,
        description TEXT,
        tags TEXT NOT NULL DEFAULT '{}',
        quantity REAL NOT NULL,
        unit TEXT NOT NULL,
        billed_cost INTEGER NOT NULL,
        effective_cost INTEGER,
        list_cost INTEGER,
        contracted_cost INTEGER,
        currency TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ledger_lines_import ON ledger_lines(import_id);

      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
    `);
  },
};
