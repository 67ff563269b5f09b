import { ADD_NEW_KIND, NEW_KIND_ID, ROW_COLUMNS } from './011-ledger-kinds';
import type { Migration } from './types';

/**
 * SQL for the charge period as ledger_rows stores it since this migration:
 * epoch seconds (shared/domain/epoch.ts), an INTEGER for a whole-second
 * instant, a REAL with the milliseconds as its fraction otherwise (the
 * importers keep a file's milliseconds; none of the built-in vendors' files
 * has any). Readers filter, sort and range on the numbers, so the period
 * index serves them, and turn them into text only to show or export them.
 */
export const PERIOD_SQL = {
  /** The instant's text as the importers wrote it: "2026-03-01T00:00:00Z", or "…00.123Z" with milliseconds. */
  instant: (column: string): string =>
    `strftime(iif(${column} = CAST(${column} AS INTEGER), '%Y-%m-%dT%H:%M:%SZ', '%Y-%m-%dT%H:%M:%fZ'), ${column}, 'unixepoch')`,
  /** The UTC day, "2026-03-01". */
  day: (column: string): string => `date(${column}, 'unixepoch')`,
  /**
   * The UTC day as a number (days since 1970, floored: right before 1970 and
   * for a fraction too), to group lines by: half what day() costs a line
   * (1M lines: 56 ms against 110 ms, substr of the text 30 ms). dayOfNumber
   * makes the group's text.
   */
  dayNumber: (column: string): string => `floor(${column} / 86400.0)`,
  /** The UTC day ("2026-03-01") of a dayNumber. */
  dayOfNumber: (dayNumber: string): string => `date(${dayNumber} * 86400, 'unixepoch')`,
  /** The UTC month, "2026-03". */
  month: (column: string): string => `strftime('%Y-%m', ${column}, 'unixepoch')`,
  /**
   * Epoch seconds of an instant's text (a write through the view): an
   * integer unless it has milliseconds other than .000. A number is taken as
   * it is; text that is no date gives NULL, which the NOT NULL refuses.
   */
  epoch: (text: string): string =>
    `CASE WHEN typeof(${text}) IN ('integer', 'real') THEN ${text} WHEN unixepoch(${text}, 'subsec') = unixepoch(${text}) THEN unixepoch(${text}) ELSE unixepoch(${text}, 'subsec') END`,
};

const PERIOD_COLUMNS: ReadonlySet<string> = new Set(['charge_period_start', 'charge_period_end']);

/** Every column of ledger_lines in its former order, each from the rows (r) or the kinds (k), the period as its text. */
const VIEW_COLUMNS = [
  'r.id', 'r.import_id', 'r.source_row', 'r.month',
  `${PERIOD_SQL.instant('r.charge_period_start')} AS charge_period_start`, `${PERIOD_SQL.instant('r.charge_period_end')} AS charge_period_end`, 'r.billing_period',
  'k.charge_category', 'k.provider', 'k.publisher', 'k.billing_account', 'k.sub_account', 'k.credential', 'k.model', 'k.model_raw',
  'k.usage_class', 'k.service_tier', 'k.context_band', 'k.region', 'r.resource_id', 'k.sku', 'k.description', 'r.tags', 'r.quantity',
  'k.unit', 'r.billed_cost', 'r.effective_cost', 'r.list_cost', 'r.contracted_cost', 'k.currency', 'k.cost_basis', 'r.list_cost_source',
  'r.source_lines', 'r.contract_applied',
];

/** A row column's value from a write through the view: the period's text to epoch seconds, the month from the start. */
function newRowValue(c: (typeof ROW_COLUMNS)[number]): string {
  if (PERIOD_COLUMNS.has(c)) return PERIOD_SQL.epoch(`NEW.${c}`);
  if (c === 'month') return `coalesce(NEW.month, ${PERIOD_SQL.month(PERIOD_SQL.epoch('NEW.charge_period_start'))})`;
  if (c === 'tags') return "coalesce(NEW.tags, '{}')";
  if (c === 'source_lines') return 'coalesce(NEW.source_lines, 1)';
  return `NEW.${c}`;
}

/**
 * The charge period's start and end as epoch seconds instead of ISO text
 * (issue 15): 4–5 bytes a value where the text took 20. Imported from the
 * 1M-line minimal FOCUS CSV, ledger_rows falls from 126 to 94 MB, the
 * period index from 29 to 13 MB, the workspace from 210 to 161 MB, so an
 * import writes, indexes and checkpoints less (paired on 2 shared cores:
 * checkpoint 0.28–0.32 → 0.23–0.24 s; the narrow CSV's import 5.83–5.96 →
 * 5.48–5.71 s CPU).
 *
 * The columns are ANY (STRICT): an INTEGER for whole seconds, a REAL for an
 * instant a file gave with milliseconds, so every instant comes back as the
 * text it went in as. The CHECKs keep them numbers.
 *
 * ledger_lines stays a view and shows the period as the same text as
 * before (PERIOD_SQL.instant); its INSTEAD OF triggers take that text (the
 * tests and the seeding helper write through it). month stays the start's
 * "YYYY-MM".
 *
 * The lines are copied in id order into a new table, and the indexes built
 * after the copy: a million lines upgrade in about 3.3 s.
 */
export const periodEpochs: Migration = {
  version: 14,
  name: 'period-epochs',
  up(db) {
    const indexes = db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' AND sql IS NOT NULL ORDER BY name")
      .all() as { name: string; sql: string }[];
    db.exec(`
      DROP VIEW ledger_lines;
      CREATE TABLE ledger_rows_epochs (
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL REFERENCES imports(id) ON DELETE CASCADE,
        kind_id INTEGER NOT NULL,
        source_row INTEGER NOT NULL,
        month TEXT NOT NULL,
        charge_period_start ANY NOT NULL CHECK (typeof(charge_period_start) IN ('integer', 'real')),
        charge_period_end ANY NOT NULL CHECK (typeof(charge_period_end) IN ('integer', 'real')),
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
      INSERT INTO ledger_rows_epochs (id, kind_id, ${ROW_COLUMNS.join(', ')})
        SELECT id, kind_id, ${ROW_COLUMNS.map((c) => (PERIOD_COLUMNS.has(c) ? PERIOD_SQL.epoch(c) : c)).join(', ')}
        FROM ledger_rows ORDER BY id;
      DROP TABLE ledger_rows;
      ALTER TABLE ledger_rows_epochs RENAME TO ledger_rows;
    `);
    for (const index of indexes) db.exec(index.sql);
    db.exec(`
      CREATE VIEW ledger_lines AS SELECT ${VIEW_COLUMNS.join(', ')}
        FROM ledger_rows r LEFT JOIN ledger_kinds k ON k.id = r.kind_id;

      CREATE TRIGGER ledger_lines_insert INSTEAD OF INSERT ON ledger_lines BEGIN
        ${ADD_NEW_KIND}
        INSERT INTO ledger_rows (id, kind_id, ${ROW_COLUMNS.join(', ')}) VALUES (NEW.id, ${NEW_KIND_ID}, ${ROW_COLUMNS.map(newRowValue).join(', ')});
      END;
      CREATE TRIGGER ledger_lines_update INSTEAD OF UPDATE ON ledger_lines BEGIN
        ${ADD_NEW_KIND}
        UPDATE ledger_rows SET kind_id = ${NEW_KIND_ID}, ${ROW_COLUMNS.map((c) => `${c} = ${PERIOD_COLUMNS.has(c) ? PERIOD_SQL.epoch(`NEW.${c}`) : `NEW.${c}`}`).join(', ')} WHERE id = OLD.id;
      END;
      CREATE TRIGGER ledger_lines_delete INSTEAD OF DELETE ON ledger_lines BEGIN
        DELETE FROM ledger_rows WHERE id = OLD.id;
      END;
    `);
  },
};
