import type { Migration } from './types';

/** The sixteen text fields a line repeats from its kind, in ledger_lines' order (line-codec.ts interns them on the reading thread). */
export const KIND_COLUMNS = [
  'charge_category',
  'provider',
  'publisher',
  'billing_account',
  'sub_account',
  'credential',
  'model',
  'model_raw',
  'usage_class',
  'service_tier',
  'context_band',
  'region',
  'sku',
  'description',
  'unit',
  'currency',
] as const;

/** A line's own values, stored on ledger_rows beside its kind id. */
export const ROW_COLUMNS = [
  'import_id',
  'source_row',
  'month',
  'charge_period_start',
  'charge_period_end',
  'billing_period',
  'resource_id',
  'tags',
  'quantity',
  'billed_cost',
  'effective_cost',
  'list_cost',
  'contracted_cost',
  'list_cost_source',
  'source_lines',
  'contract_applied',
] as const;

/** Every column of ledger_lines in its former order, each from the rows (r) or the kinds (k). */
const VIEW_COLUMNS = [
  'r.id', 'r.import_id', 'r.source_row', 'r.month', 'r.charge_period_start', 'r.charge_period_end', 'r.billing_period',
  'k.charge_category', 'k.provider', 'k.publisher', 'k.billing_account', 'k.sub_account', 'k.credential', 'k.model', 'k.model_raw',
  'k.usage_class', 'k.service_tier', 'k.context_band', 'k.region', 'r.resource_id', 'k.sku', 'k.description', 'r.tags', 'r.quantity',
  'k.unit', 'r.billed_cost', 'r.effective_cost', 'r.list_cost', 'r.contracted_cost', 'k.currency', 'k.cost_basis', 'r.list_cost_source',
  'r.source_lines', 'r.contract_applied',
];

const KIND_KEY = [...KIND_COLUMNS, 'cost_basis'] as const;

/** The kind of NEW (a view's trigger row), with the defaults the wide table's columns had. */
function newKindValue(c: (typeof KIND_KEY)[number]): string {
  return c === 'cost_basis' ? "coalesce(NEW.cost_basis, 'billed')" : `NEW.${c}`;
}

const NEW_KIND_MATCH = KIND_KEY.map((c) => `${c} IS ${newKindValue(c)}`).join(' AND ');
/** A write through the view adds NEW's kind when the workspace has not met it (migration 014's triggers too). */
export const ADD_NEW_KIND = `INSERT INTO ledger_kinds (${KIND_KEY.join(', ')}) SELECT ${KIND_KEY.map(newKindValue).join(', ')} WHERE NOT EXISTS (SELECT 1 FROM ledger_kinds WHERE ${NEW_KIND_MATCH});`;
/** The id of NEW's kind. */
export const NEW_KIND_ID = `(SELECT id FROM ledger_kinds WHERE ${NEW_KIND_MATCH})`;

/**
 * The ledger split in two (issue 15): a line's sixteen repeated text fields
 * and its cost basis (its KIND: provider, model, account, usage class…) are
 * stored once per kind in ledger_kinds, and ledger_rows keeps each line's
 * own values with its kind id. On a million FOCUS lines the workspace falls
 * from about 510 to 310 MB, and the import writes and indexes far less
 * (bench/ledger-layout.bench.ts): writer CPU 9.2–10.9 s to 6.0–6.7 s.
 *
 * ledger_lines becomes a VIEW joining the two, so every reader keeps its
 * SQL; the heavy groupings read ledger_rows grouped by kind first and join
 * the kinds' text after. Writes through the view (tests, the seeding
 * helper) go through INSTEAD OF triggers that find or add the kind; the
 * import and the price book's fill write ledger_rows directly.
 *
 * Indexes: month × kind and kind replace migration 002's month × provider
 * and 009's model index (a model is the few kinds that name it, found
 * through ledger_kinds_model); period, id, billed cost, import and the
 * contract draw-down's partial index move to ledger_rows. An import drops
 * and rebuilds them (LedgerIndexes).
 *
 * Existing lines move across in this migration's transaction, keeping their
 * ids (the grid's order, stored references).
 */
export const ledgerKinds: Migration = {
  version: 11,
  name: 'ledger-kinds',
  up(db) {
    db.exec(`
      CREATE TABLE ledger_kinds (
        id INTEGER PRIMARY KEY,
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
        sku TEXT,
        description TEXT,
        unit TEXT NOT NULL,
        currency TEXT NOT NULL,
        cost_basis TEXT NOT NULL DEFAULT 'billed' CHECK (cost_basis IN ('billed', 'list'))
      ) STRICT;
      CREATE INDEX ledger_kinds_model ON ledger_kinds(model);

      -- Money columns are nano-units of the kind's currency (INTEGER, never REAL).
      CREATE TABLE ledger_rows (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        kind_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL,
        month TEXT NOT NULL,
        charge_period_start TEXT NOT NULL,
        charge_period_end TEXT NOT NULL,
        billing_period TEXT,
        resource_id TEXT,
        tags TEXT NOT NULL DEFAULT '{}',
        quantity REAL,
        billed_cost INTEGER NOT NULL,
        effective_cost INTEGER,
        list_cost INTEGER,
        contracted_cost INTEGER,
        list_cost_source TEXT CHECK (list_cost_source IN ('vendor', 'price_book')),
        source_lines INTEGER NOT NULL DEFAULT 1 CHECK (source_lines >= 1),
        contract_applied TEXT
      ) STRICT;

      INSERT INTO ledger_kinds (${KIND_KEY.join(', ')}) SELECT DISTINCT ${KIND_KEY.join(', ')} FROM ledger_lines ORDER BY provider, model;
      -- Each kind's key as one text, so moving the lines is one indexed lookup per line.
      CREATE TEMP TABLE kind_keys (key TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;
      INSERT INTO kind_keys SELECT ${KIND_KEY.map((c) => `quote(${c})`).join(" || ',' || ")}, id FROM ledger_kinds;
      INSERT INTO ledger_rows (id, kind_id, ${ROW_COLUMNS.join(', ')})
        SELECT l.id, kk.id, ${ROW_COLUMNS.map((c) => `l.${c}`).join(', ')}
        FROM ledger_lines l JOIN kind_keys kk ON kk.key = ${KIND_KEY.map((c) => `quote(l.${c})`).join(" || ',' || ")}
        ORDER BY l.id;
      DROP TABLE kind_keys;
      DROP TABLE ledger_lines;

      CREATE INDEX ledger_rows_import ON ledger_rows(import_id);
      CREATE INDEX ledger_rows_month_kind ON ledger_rows(month, kind_id, billed_cost, effective_cost, list_cost, quantity);
      CREATE INDEX ledger_rows_period ON ledger_rows(charge_period_start);
      CREATE INDEX ledger_rows_id ON ledger_rows(id);
      CREATE INDEX ledger_rows_billed ON ledger_rows(billed_cost);
      CREATE INDEX ledger_rows_kind ON ledger_rows(kind_id, billed_cost, effective_cost, list_cost, quantity);
      CREATE INDEX ledger_rows_contract_applied ON ledger_rows(contract_applied, month, kind_id) WHERE contract_applied IS NOT NULL;

      CREATE VIEW ledger_lines AS SELECT ${VIEW_COLUMNS.join(', ')}
        FROM ledger_rows r LEFT JOIN ledger_kinds k ON k.id = r.kind_id;

      CREATE TRIGGER ledger_lines_insert INSTEAD OF INSERT ON ledger_lines BEGIN
        ${ADD_NEW_KIND}
        INSERT INTO ledger_rows (id, kind_id, ${ROW_COLUMNS.join(', ')}) VALUES (NEW.id, ${NEW_KIND_ID},
          ${ROW_COLUMNS.map((c) => (c === 'tags' ? "coalesce(NEW.tags, '{}')" : c === 'source_lines' ? 'coalesce(NEW.source_lines, 1)' : `NEW.${c}`)).join(', ')});
      END;
      CREATE TRIGGER ledger_lines_update INSTEAD OF UPDATE ON ledger_lines BEGIN
        ${ADD_NEW_KIND}
        UPDATE ledger_rows SET kind_id = ${NEW_KIND_ID}, ${ROW_COLUMNS.map((c) => `${c} = NEW.${c}`).join(', ')} WHERE id = OLD.id;
      END;
      CREATE TRIGGER ledger_lines_delete INSTEAD OF DELETE ON ledger_lines BEGIN
        DELETE FROM ledger_rows WHERE id = OLD.id;
      END;
    `);
  },
};
