import { createHash } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import type { WorkbenchClient } from '../../../shared/api/client';
import { startBackend } from '../../helpers/backend';
import { writeOlderCopy } from '../../helpers/ledger-figures';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** The file's ledger indexes and a SHA-256 of every line as the ledger_lines view gives it, in id order. */
function storedOf(file: string): { indexes: string[]; hash: string; lines: number } {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    let lines = 0;
    for (const row of db.prepare('SELECT * FROM ledger_lines ORDER BY id').safeIntegers(true).raw(true).iterate() as Iterable<unknown[]>) {
      hash.update(`${row.map(String).join('\u0001')}\n`);
      lines += 1;
    }
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' ORDER BY name").pluck().all() as string[];
    return { indexes, hash: hash.digest('hex'), lines };
  } finally {
    db.close();
  }
}

/** What the grid and the Imports view show that the two dropped indexes served: pages in id order, counts, one import's lines. */
async function figures(client: WorkbenchClient, importId: number, lines: number) {
  return {
    first: await client.call('ledger.query', { offset: 0, limit: 20, withTotal: true }),
    last: await client.call('ledger.query', { offset: lines - 20, limit: 50, withTotal: true }),
    ofImport: await client.call('ledger.query', { filters: [{ field: 'importId', op: 'eq', value: importId }], offset: 5, limit: 30, withTotal: true }),
    summary: await client.call('ledger.summary', { by: ['month', 'provider'] }),
    imports: (await client.call('imports.list', {})).imports.map((i) => ({ id: i.id, lines: i.linesWritten })),
  };
}

describe('migration 013: a workspace of schema 11 with lines upgrades without the id and import indexes', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('stores the same lines, shows the same grid pages, counts and summary, and still removes an import with its lines', async () => {
    const demo = await s.client.call('workspace.info', {});
    const file = path.join(s.dir, 'schema-11.aispend');
    // The demo's content in a workspace of schema 11 (ledger_rows with its id and import indexes).
    writeOlderCopy(demo.path, file, MIGRATIONS.slice(0, 11));
    const stored = storedOf(file);
    expect(stored.indexes).toContain('ledger_rows_id');
    expect(stored.indexes).toContain('ledger_rows_import');
    const imported = (await s.client.call('imports.list', {})).imports.filter((i) => i.linesWritten > 0);
    // The import with the most lines, so that removing it is a real test of finding its lines without the index.
    const largest = imported.reduce((a, b) => (b.linesWritten > a.linesWritten ? b : a));
    const before = await figures(s.client, largest.id, stored.lines);

    await s.client.call('workspace.open', { path: file });
    const upgraded = await s.client.call('workspace.info', {});
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(await figures(s.client, largest.id, stored.lines)).toEqual(before);
    const upgradedStored = storedOf(file);
    expect(upgradedStored.hash).toBe(stored.hash);
    // 012 (in the same opening) drops the kind index, 013 the id and import indexes.
    expect(upgradedStored.indexes).toEqual(stored.indexes.filter((i) => i !== 'ledger_rows_id' && i !== 'ledger_rows_import' && i !== 'ledger_rows_kind'));

    const removed = await s.client.call('imports.remove', { importId: largest.id });
    expect(removed.removedLines).toBe(largest.linesWritten);
    const after = storedOf(file);
    expect(after.lines).toBe(stored.lines - largest.linesWritten);
    expect((await s.client.call('ledger.query', { filters: [{ field: 'importId', op: 'eq', value: largest.id }], offset: 0, limit: 1, withTotal: true })).total).toBe(0);

    // The figures are real: a year of lines, several imports, a full last page and the import's own lines.
    expect(stored.lines).toBe(demo.ledgerLines);
    expect(imported.length).toBeGreaterThan(1);
    expect(before.last.rows).toHaveLength(20);
    expect(before.last.total).toBe(stored.lines);
    expect(before.ofImport.total).toBe(largest.linesWritten);
    expect(before.ofImport.rows.every((r) => r.importId === largest.id)).toBe(true);
  });
});
