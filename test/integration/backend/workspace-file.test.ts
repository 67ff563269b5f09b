import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { APPLICATION_ID, createWorkspaceDatabase, inspectWorkspaceFile, migrate } from '../../../electron/backend/workspace/database';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { demoLedgerLineCount } from '../../helpers/demo-statements';
import { startBackend } from '../../helpers/backend';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});
function temp(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

function indexNames(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'ledger\\_%' ESCAPE '\\' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}

describe('workspace file', () => {
  it('upgrades a workspace written by migration 1 and keeps its data', () => {
    const file = path.join(temp(), 'old.aispend');
    // Write a workspace as the first release did: only migration 1, one import with one line.
    const old = createWorkspaceDatabase(file, {}, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO app_meta (key, value) VALUES ('id', 'old-ws')").run();
    old.prepare(
      `INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at)
       VALUES (1, 'jan.csv', 'abc', 'focus', 1, 1, 0, 1, '2026-01-02T00:00:00Z', '2026-01-02T00:00:01Z')`,
    ).run();
    old.prepare(
      `INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, usage_class, service_tier, quantity, unit, billed_cost, currency)
       VALUES (1, 2, '2026-01', '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', 'usage', 'openai', 'input', 'standard', 1000, 'tokens', 2500000, 'USD')`,
    ).run();
    expect(indexNames(old)).toEqual(['ledger_lines_import']);
    old.close();

    const ws = Workspace.open(file, { appVersion: 'test' });
    try {
      expect(ws.info().schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      expect(ws.info().ledgerLines).toBe(1);
      expect(ws.info().id).toBe('old-ws');
      expect(indexNames(ws.db)).toContain('ledger_rows_month_kind');
      const applied = ws.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
      expect(applied.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      ws.close();
    }
  });

  it('upgrades quantities written as 0 for "not reported" to unknown, keeping every index (migration 6)', () => {
    const file = path.join(temp(), 'v5.aispend');
    const old = createWorkspaceDatabase(file, {}, MIGRATIONS.slice(0, 5));
    const indexesBefore = indexNames(old);
    const imp = old.prepare(
      `INSERT INTO imports (id, file_name, sha256, format, format_version, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 1, 1, 0, 1, '2026-06-02T00:00:00Z', '2026-06-02T00:00:01Z')`,
    );
    imp.run(1, 'costs.json', 'a1', 'openai-costs', 'v1');
    imp.run(2, 'bill.csv', 'b2', 'focus', '1.2');
    const line = old.prepare(
      `INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, model, usage_class, service_tier, quantity, unit, billed_cost, list_cost, list_cost_source, currency)
       VALUES (?, ?, '2025-05', '2025-05-02T00:00:00Z', '2025-05-03T00:00:00Z', ?, 'openai', 'gpt-4o', 'output', 'standard', ?, 'tokens', 20430000000, ?, ?, 'USD')`,
    );
    // The costs export's line: quantity 0 and a price-book list cost of $0 derived from it.
    line.run(1, 9, 'usage', 0, 0, 'price_book');
    // A bill's usage line with a real zero and a tax line written with 0.
    line.run(2, 2, 'usage', 0, 0, 'price_book');
    line.run(2, 3, 'tax', 0, null, null);
    line.run(2, 4, 'usage', 1000, 10000000, 'vendor');
    old.close();

    const ws = Workspace.open(file, { appVersion: 'test' });
    try {
      const rows = ws.db.prepare('SELECT import_id, source_row, quantity, list_cost, list_cost_source FROM ledger_lines ORDER BY import_id, source_row').all();
      expect(rows).toEqual([
        { import_id: 1, source_row: 9, quantity: null, list_cost: null, list_cost_source: null },
        { import_id: 2, source_row: 2, quantity: 0, list_cost: 0, list_cost_source: 'price_book' },
        { import_id: 2, source_row: 3, quantity: null, list_cost: null, list_cost_source: null },
        { import_id: 2, source_row: 4, quantity: 1000, list_cost: 10000000, list_cost_source: 'vendor' },
      ]);
      // Every index survives the table's rebuild (migration 7); migration 11 moves them to ledger_rows, month × kind and kind replacing month × provider and model; migration 12 keeps month × kind alone; 13 drops id and import.
      expect(indexesBefore).toEqual(['ledger_lines_import', 'ledger_lines_month_provider', 'ledger_lines_period']);
      expect(indexNames(ws.db)).toEqual([
        'ledger_kinds_model',
        'ledger_rows_billed',
        'ledger_rows_contract_applied',
        'ledger_rows_month_kind',
        'ledger_rows_period',
      ]);
      // A line can now be written without a quantity; the rest of the table's rules still hold.
      expect(() => ws.db.prepare("INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, usage_class, service_tier, quantity, unit, billed_cost, currency) VALUES (1, 10, '2025-05', '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 'usage', 'openai', 'input', 'standard', NULL, 'tokens', 1, 'USD')").run()).not.toThrow();
      expect(() => ws.db.prepare("INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, usage_class, service_tier, quantity, unit, billed_cost, currency, cost_basis) VALUES (1, 11, '2025-05', '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 'usage', 'openai', 'input', 'standard', 1, 'tokens', 1, 'USD', 'nonsense')").run()).toThrow(/CHECK/);
      expect(() => ws.db.prepare("INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, usage_class, service_tier, quantity, unit, billed_cost, currency) VALUES (99, 12, '2025-05', '2025-05-01T00:00:00Z', '2025-05-02T00:00:00Z', 'usage', 'openai', 'input', 'standard', 1, 'tokens', 1, 'USD')").run()).toThrow(/FOREIGN KEY/);
    } finally {
      ws.close();
    }
  });

  it('rolls back every pending migration when one fails part-way', () => {
    const file = path.join(temp(), 'v1.aispend');
    createWorkspaceDatabase(file, {}, MIGRATIONS.slice(0, 1)).close();
    const broken = [
      ...MIGRATIONS,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', up: (db: Database.Database) => db.exec('CREATE TABLE half (x); SELECT * FROM no_such_table;') },
    ];
    const db = new Database(file);
    try {
      expect(() => migrate(db, broken)).toThrow(/no_such_table/);
      // Neither migration 2 nor the broken one's first statement survived.
      expect((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(1);
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('half', 'ledger_lines_month_provider')").get()).toEqual({ n: 0 });
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not a workspace and does not touch it', () => {
    const dir = temp();
    const text = path.join(dir, 'notes.aispend');
    writeFileSync(text, 'hello, this is not a database');
    expect(() => Workspace.open(text, { appVersion: 'test' })).toThrow(expect.objectContaining({ code: 'not_a_workspace', file: text }));
    expect(readFileSync(text, 'utf8')).toBe('hello, this is not a database');

    const foreign = path.join(dir, 'other.sqlite');
    const db = new Database(foreign);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const size = statSync(foreign).size;
    expect(() => Workspace.open(foreign, { appVersion: 'test' })).toThrow(expect.objectContaining({ code: 'not_a_workspace' }));
    expect(statSync(foreign).size).toBe(size);
    expect(existsSync(`${foreign}-wal`)).toBe(false);
  });

  it('refuses a workspace written by a newer app', () => {
    const file = path.join(temp(), 'future.aispend');
    createWorkspaceDatabase(file).close();
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2030-01-01')").run(LATEST_SCHEMA_VERSION + 5);
    db.close();
    expect(() => inspectWorkspaceFile(file)).toThrow(expect.objectContaining({ code: 'workspace_too_new' }));
    expect(() => Workspace.open(file, { appVersion: 'test' })).toThrow(/newer version of the app/);
  });

  it('refuses a damaged workspace', () => {
    const dir = temp();
    const file = path.join(dir, 'good.aispend');
    const ws = Workspace.create(file, { appVersion: 'test' });
    ws.db.exec("CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;");
    ws.close();
    const bytes = readFileSync(file);
    // Keep the header (so it still looks like our SQLite file) and scribble over the pages after it.
    for (let i = 4096 * 3; i < bytes.length; i += 7) bytes[i] = 0xa5;
    const damaged = path.join(dir, 'damaged.aispend');
    writeFileSync(damaged, bytes);
    const before = readFileSync(damaged);
    expect(() => Workspace.open(damaged, { appVersion: 'test' })).toThrow(expect.objectContaining({ code: 'workspace_corrupt' }));
    expect(readFileSync(damaged).equals(before)).toBe(true);
  });

  it('refuses a truncated, newer, foreign or damaged file and leaves nothing beside it', () => {
    const dir = temp();
    const good = path.join(dir, 'good.aispend');
    const ws = Workspace.create(good, { appVersion: 'test' });
    ws.db.exec("CREATE TABLE filler (x TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) INSERT INTO filler SELECT hex(randomblob(200)) FROM n;");
    ws.close();
    // Each bad file alone in its own folder, so anything the refusal leaves shows in the listing.
    const cases: [string, string, (file: string) => void][] = [
      ['truncated', 'workspace_corrupt', (file) => writeFileSync(file, readFileSync(good).subarray(0, 4096 * 4 + 100))],
      ['newer', 'workspace_too_new', (file) => {
        copyFileSync(good, file);
        const db = new Database(file);
        db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from-the-future', '2030-01-01')").run(LATEST_SCHEMA_VERSION + 1);
        db.close();
      }],
      ['foreign', 'not_a_workspace', (file) => {
        const db = new Database(file);
        db.pragma('journal_mode = WAL');
        db.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1)');
        db.close();
      }],
      ['damaged', 'workspace_corrupt', (file) => {
        const bytes = readFileSync(good);
        for (let i = 4096 * 3; i < bytes.length; i += 7) bytes[i] = 0xa5;
        writeFileSync(file, bytes);
      }],
    ];
    for (const [name, code, make] of cases) {
      const folder = path.join(dir, name);
      mkdirSync(folder);
      const file = path.join(folder, `${name}.aispend`);
      make(file);
      // Written in WAL mode and closed: the file is alone in its folder.
      expect(readdirSync(folder), name).toEqual([`${name}.aispend`]);
      const before = readFileSync(file);
      expect(() => Workspace.open(file, { appVersion: 'test' }), name).toThrow(expect.objectContaining({ code }));
      expect(readdirSync(folder), name).toEqual([`${name}.aispend`]);
      expect(readFileSync(file).equals(before), name).toBe(true);
    }
  });

  it('marks new workspaces as ours and never overwrites an existing file', () => {
    const dir = temp();
    const file = path.join(dir, 'new.aispend');
    const ws = Workspace.create(file, { appVersion: 'test' });
    expect(ws.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    ws.close();
    expect(() => Workspace.create(file, { appVersion: 'test' })).toThrow(expect.objectContaining({ code: 'conflict' }));
  });
});

describe('workspace API', () => {
  it('saves a consistent copy, switches to it, and keeps the original', async () => {
    const s = await startBackend();
    cleanups.push(s.stop);
    const before = await s.client.call('workspace.info', {});
    const target = path.join(s.dir, 'Q3 review.aispend');
    const after = await s.client.call('workspace.saveAs', { path: target });
    expect(after.path).toBe(target);
    expect(after.name).toBe('Q3 review');
    expect(after.isDemo).toBe(false);
    expect(after.ledgerLines).toBe(before.ledgerLines);
    expect(existsSync(before.path)).toBe(true);
    await expect(s.client.call('workspace.saveAs', { path: target })).rejects.toMatchObject({ code: 'conflict' });
    const recent = await s.client.call('workspace.recent', {});
    expect(recent.paths[0]).toBe(target);
    const audit = await s.client.call('workspace.audit', { limit: 10 });
    expect(audit.entries.map((e) => e.action)).toContain('workspace.savedAs');
  });

  it('creates an empty workspace and opens another by path', async () => {
    const s = await startBackend();
    cleanups.push(s.stop);
    const demo = await s.client.call('workspace.info', {});
    const events: string[] = [];
    s.client.onEvent((e) => {
      if (e.type === 'workspace') events.push(e.info.name);
    });
    const created = await s.client.call('workspace.new', { path: path.join(s.dir, 'empty.aispend') });
    expect(created.ledgerLines).toBe(0);
    expect(created.firstMonth).toBeNull();
    await expect(s.client.call('workspace.new', { path: path.join(s.dir, 'no-extension.db') })).rejects.toMatchObject({ code: 'bad_input', field: 'path' });
    const reopened = await s.client.call('workspace.open', { path: demo.path });
    expect(reopened.ledgerLines).toBe(demo.ledgerLines);
    expect(events).toEqual(['empty', demo.name]);
    await expect(s.client.call('workspace.open', { path: path.join(s.dir, 'missing.aispend') })).rejects.toMatchObject({ code: 'not_found' });
    // A failed open leaves the current workspace open.
    expect((await s.client.call('workspace.info', {})).path).toBe(demo.path);
  });

  it('rebuilds the demo as a job with progress events', async () => {
    const s = await startBackend();
    cleanups.push(s.stop);
    const target = path.join(s.dir, 'second demo.aispend');
    const progress: string[] = [];
    const job = s.client.runJob('workspace.buildDemo', { path: target }, (e) => progress.push(e.state));
    const info = await job.result;
    expect(info.path).toBe(target);
    expect(info.ledgerLines).toBe(demoLedgerLineCount());
    expect(progress.at(-1)).toBe('done');
    const jobs = await s.client.call('jobs.list', {});
    expect(jobs.jobs[0]?.state).toBe('done');
    await expect(s.client.call('jobs.start', { kind: 'no.such.job', input: {} })).rejects.toMatchObject({ code: 'bad_input', field: 'kind' });
    await expect(s.client.call('jobs.start', { kind: 'workspace.buildDemo', input: { path: 42 } })).rejects.toMatchObject({ code: 'bad_input', field: 'input.path' });
  });
});
