import type { Migration } from './types';

/**
 * Allocation: the workspace's allocation policy — teams, rules,
 * budgets and allowances — as the YAML the user saved (comments kept, shown
 * again in the editor), and the workspace's own energy and carbon
 * assumptions when the user edited the shipped ones. One row each: a
 * workspace has one policy in force.
 */
export const allocation: Migration = {
  version: 6,
  name: 'allocation',
  up(db) {
    db.exec(`
      CREATE TABLE allocation_policy (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        file_name TEXT NOT NULL,
        yaml TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE energy_assumptions (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        yaml TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
