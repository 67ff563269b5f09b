import type { Migration } from './types';

/**
 * What-if scenarios: scenario files as the user wrote them (YAML
 * text, so comments survive), business drivers as monthly series (units and
 * non-AI costs), the ledger-to-workload mapping, and saved run results.
 *
 * Money is nano-units of the baseline currency (INTEGER). Driver units are
 * REAL: a business count may be an estimate (1,040.5 loans a month).
 */
export const scenarios: Migration = {
  version: 5,
  name: 'scenarios',
  up(db) {
    db.exec(`
      -- id is the file's name in the workspace ("board-question.yaml"); extends resolves among these names.
      CREATE TABLE scenario_files (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        yaml TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE business_drivers (
        id TEXT PRIMARY KEY,
        name TEXT,
        unit TEXT NOT NULL,
        position INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE driver_units (
        driver_id TEXT NOT NULL REFERENCES business_drivers(id) ON DELETE CASCADE,
        month TEXT NOT NULL,
        units REAL NOT NULL CHECK (units >= 0),
        PRIMARY KEY (driver_id, month)
      ) STRICT;

      -- A non-AI cost of the business process: per unit (manual processing per loan) or per month (an office).
      CREATE TABLE driver_costs (
        driver_id TEXT NOT NULL REFERENCES business_drivers(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        basis TEXT NOT NULL CHECK (basis IN ('perUnit', 'fixedMonthly')),
        position INTEGER NOT NULL,
        PRIMARY KEY (driver_id, name)
      ) STRICT;

      CREATE TABLE driver_cost_months (
        driver_id TEXT NOT NULL,
        cost_name TEXT NOT NULL,
        month TEXT NOT NULL,
        amount INTEGER NOT NULL,
        PRIMARY KEY (driver_id, cost_name, month),
        FOREIGN KEY (driver_id, cost_name) REFERENCES driver_costs(driver_id, name) ON DELETE CASCADE
      ) STRICT;

      -- Ordered rules: the first rule whose every condition holds names the workload of a ledger row.
      CREATE TABLE workload_rules (
        position INTEGER PRIMARY KEY,
        tag_key TEXT,
        tag_value TEXT,
        project TEXT,
        api_key TEXT,
        provider TEXT,
        model TEXT,
        workload TEXT NOT NULL,
        CHECK ((tag_key IS NULL) = (tag_value IS NULL))
      ) STRICT;

      -- What the ledger cannot tell about a workload (driver, success rates, latency): JSON checked by the API schema.
      CREATE TABLE workload_settings (
        id TEXT PRIMARY KEY,
        position INTEGER NOT NULL,
        settings TEXT NOT NULL
      ) STRICT;

      -- Results of runs, newest kept per file and kind (the compare view and the board workbook read them).
      CREATE TABLE scenario_runs (
        id INTEGER PRIMARY KEY,
        file_id TEXT NOT NULL REFERENCES scenario_files(id) ON DELETE CASCADE,
        ran_at TEXT NOT NULL,
        draws INTEGER NOT NULL,
        seed INTEGER,
        yaml_sha256 TEXT NOT NULL,
        result TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scenario_runs_file ON scenario_runs(file_id, id);
    `);
  },
};
