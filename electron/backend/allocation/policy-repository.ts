import type Database from 'better-sqlite3';

export interface StoredPolicy {
  fileName: string;
  yaml: string;
  updatedAt: string;
}

/** The workspace's allocation policy and energy assumptions (tables allocation_policy, energy_assumptions). Callers own the transaction and the audit entry. */
export class PolicyRepository {
  constructor(private readonly db: Database.Database) {}

  get(): StoredPolicy | null {
    const row = this.db.prepare('SELECT file_name, yaml, updated_at FROM allocation_policy WHERE id = 1').get() as { file_name: string; yaml: string; updated_at: string } | undefined;
    return row ? { fileName: row.file_name, yaml: row.yaml, updatedAt: row.updated_at } : null;
  }

  save(fileName: string, yaml: string): void {
    this.db
      .prepare('INSERT INTO allocation_policy (id, file_name, yaml, updated_at) VALUES (1, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET file_name = excluded.file_name, yaml = excluded.yaml, updated_at = excluded.updated_at')
      .run(fileName, yaml, new Date().toISOString());
  }

  energyAssumptions(): string | null {
    const row = this.db.prepare('SELECT yaml FROM energy_assumptions WHERE id = 1').get() as { yaml: string } | undefined;
    return row?.yaml ?? null;
  }

  saveEnergyAssumptions(yaml: string | null): void {
    if (yaml === null) this.db.prepare('DELETE FROM energy_assumptions').run();
    else this.db.prepare('INSERT INTO energy_assumptions (id, yaml, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET yaml = excluded.yaml, updated_at = excluded.updated_at').run(yaml, new Date().toISOString());
  }
}
