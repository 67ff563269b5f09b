import type Database from 'better-sqlite3';

export interface StoredScenarioFile {
  id: string;
  name: string;
  yaml: string;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  yaml: string;
  created_at: string;
  updated_at: string;
}

const toStored = (r: Row): StoredScenarioFile => ({ id: r.id, name: r.name, yaml: r.yaml, createdAt: r.created_at, updatedAt: r.updated_at });

/** Scenario files as the user wrote them (YAML text, comments kept). Callers own the transaction and the audit entry. */
export class ScenarioFileRepository {
  constructor(private readonly db: Database.Database) {}

  list(): StoredScenarioFile[] {
    return (this.db.prepare('SELECT * FROM scenario_files ORDER BY id').all() as Row[]).map(toStored);
  }

  get(id: string): StoredScenarioFile | undefined {
    const row = this.db.prepare('SELECT * FROM scenario_files WHERE id = ?').get(id) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  upsert(file: { id: string; name: string; yaml: string }, now: string): 'added' | 'replaced' {
    const existing = this.get(file.id);
    this.db
      .prepare(
        `INSERT INTO scenario_files (id, name, yaml, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, yaml = excluded.yaml, updated_at = excluded.updated_at`,
      )
      .run(file.id, file.name, file.yaml, now, now);
    return existing ? 'replaced' : 'added';
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM scenario_files WHERE id = ?').run(id).changes > 0;
  }
}
