import type { Migration } from './types';

/**
 * The price book's user rows, contracts, stored invoice checks, and where a
 * ledger line's list cost came from.
 *
 * - price_rows: the user's own prices (overrides from a date, added models,
 *   imported CSV rows). The shipped catalogue stays in data/prices/; these
 *   rows win over it, so a later catalogue never silently undoes an edit.
 *   Prices are nano-units per `per` units, never REAL.
 * - contracts: each contract as the YAML text the user saved (the source of
 *   truth, shown again in the editor) plus the key fields lists and overlap
 *   checks need without parsing.
 * - invoice_checks: the latest run per scope (contract / month / vendor), so
 *   the view and the CSV export show what was checked without re-running.
 * - ledger_lines.list_cost_source: 'vendor' when the statement gave the list
 *   cost, 'price_book' when the workbench priced it from the price book
 *   (refilled after every price book edit); NULL while not known (an unknown
 *   model stays NULL: never priced at zero).
 */
export const pricingContracts: Migration = {
  version: 4,
  name: 'pricing-contracts',
  up(db) {
    db.exec(`
      CREATE TABLE price_rows (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        model TEXT NOT NULL,
        usage_class TEXT NOT NULL,
        meter TEXT,
        service_tier TEXT NOT NULL,
        context_above INTEGER,
        region TEXT,
        effective_from TEXT,
        effective_to TEXT,
        currency TEXT NOT NULL,
        price INTEGER NOT NULL CHECK (price >= 0),
        per INTEGER NOT NULL CHECK (per > 0),
        unit TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE contracts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        vendor TEXT NOT NULL,
        currency TEXT NOT NULL,
        term_start TEXT NOT NULL,
        term_end TEXT NOT NULL,
        file_name TEXT NOT NULL,
        yaml TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contracts_vendor ON contracts(vendor, term_start);

      CREATE TABLE invoice_checks (
        id INTEGER PRIMARY KEY,
        scope_key TEXT NOT NULL UNIQUE,
        contract_id TEXT,
        month TEXT,
        provider TEXT,
        checked_at TEXT NOT NULL,
        result TEXT NOT NULL
      ) STRICT;

      ALTER TABLE ledger_lines ADD COLUMN list_cost_source TEXT CHECK (list_cost_source IN ('vendor', 'price_book'));
      UPDATE ledger_lines SET list_cost_source = 'vendor' WHERE list_cost IS NOT NULL;
    `);
  },
};
