import type Database from 'better-sqlite3';

export interface StoredContract {
  id: string;
  name: string;
  vendor: string;
  currency: string;
  start: string;
  end: string;
  fileName: string;
  yaml: string;
  createdAt: string;
  updatedAt: string;
}

interface Record {
  id: string;
  name: string;
  vendor: string;
  currency: string;
  term_start: string;
  term_end: string;
  file_name: string;
  yaml: string;
  created_at: string;
  updated_at: string;
}

const toStored = (r: Record): StoredContract => ({
  id: r.id,
  name: r.name,
  vendor: r.vendor,
  currency: r.currency,
  start: r.term_start,
  end: r.term_end,
  fileName: r.file_name,
  yaml: r.yaml,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Contracts as stored: the YAML the user saved plus the key fields. Callers own the transaction and the audit entry. */
export class ContractRepository {
  constructor(private readonly db: Database.Database) {}

  list(): StoredContract[] {
    return (this.db.prepare('SELECT * FROM contracts ORDER BY vendor, term_start, id').all() as Record[]).map(toStored);
  }

  get(id: string): StoredContract | undefined {
    const row = this.db.prepare('SELECT * FROM contracts WHERE id = ?').get(id) as Record | undefined;
    return row ? toStored(row) : undefined;
  }

  upsert(c: Omit<StoredContract, 'createdAt' | 'updatedAt'>, now: string): 'added' | 'replaced' {
    const existed = this.db.prepare('SELECT 1 FROM contracts WHERE id = ?').get(c.id) !== undefined;
    this.db
      .prepare(
        `INSERT INTO contracts (id, name, vendor, currency, term_start, term_end, file_name, yaml, created_at, updated_at)
         VALUES (@id, @name, @vendor, @currency, @start, @end, @fileName, @yaml, @now, @now)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, vendor = excluded.vendor, currency = excluded.currency, term_start = excluded.term_start,
           term_end = excluded.term_end, file_name = excluded.file_name, yaml = excluded.yaml, updated_at = excluded.updated_at`,
      )
      .run({ ...c, now });
    return existed ? 'replaced' : 'added';
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM contracts WHERE id = ?').run(id).changes > 0;
  }
}
