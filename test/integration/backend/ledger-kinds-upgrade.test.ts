import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspaceDatabase } from '../../../electron/backend/workspace/database';
import { MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import type { WorkbenchClient } from '../../../shared/api/client';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const columnsOf = (db: ReturnType<typeof createWorkspaceDatabase>, schema: string, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);

/**
 * Writes the demo's content into a workspace of schema 10 (the wide
 * ledger_lines table, as the app before migration 011 kept it): every table
 * copied column by column, the ledger's lines read through the view.
 */
function writeWideCopy(demoFile: string, file: string): void {
  const db = createWorkspaceDatabase(file, {}, MIGRATIONS.slice(0, 10));
  try {
    db.prepare('ATTACH DATABASE ? AS demo').run(demoFile);
    const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'").all() as { name: string }[]).map((t) => t.name);
    db.exec('BEGIN');
    for (const table of tables) {
      const from = new Set(columnsOf(db, 'demo', table));
      const columns = columnsOf(db, 'main', table).filter((c) => from.has(c));
      db.exec(`DELETE FROM main.${table}`);
      db.exec(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM demo.${table}`);
    }
    db.exec('COMMIT');
    expect(db.prepare("SELECT type FROM main.sqlite_master WHERE name = 'ledger_lines'").pluck().get()).toBe('table');
    db.exec('DETACH DATABASE demo');
  } finally {
    db.close();
  }
}

async function allocated(client: WorkbenchClient) {
  const run = await client.runJob('allocation.run', {}).result;
  return { ...run, stats: { ...run.stats, ms: 0 } };
}

/** Every figure the views show that reads the ledger, without the run's own id and time. */
async function figures(client: WorkbenchClient) {
  const checked = async (scope: { contractId?: string; month?: string }) => {
    const { runId: _runId, checkedAt: _checkedAt, stats, ...result } = await client.runJob('contracts.invoiceCheck', scope).result;
    return { ...result, stats: { ...stats, milliseconds: 0 } };
  };
  const invoiceCheck = await checked({ contractId: 'acme-openai-enterprise', month: '2026-10' });
  const wholeCheck = await checked({});
  return {
    summary: await client.call('ledger.summary', { by: ['month', 'provider', 'model'] }),
    byAccount: await client.call('ledger.summary', { by: ['billingAccount', 'usageClass'] }),
    overview: await client.call('ledger.overview', { today: '2026-12-06' }),
    models: await client.call('ledger.values', { field: 'model' }),
    providers: await client.call('ledger.values', { field: 'provider' }),
    accounts: await client.call('ledger.values', { field: 'billingAccount' }),
    page: await client.call('ledger.query', { sort: [{ field: 'billedCost', dir: 'desc' }], offset: 100, limit: 50, withTotal: true }),
    modelPage: await client.call('ledger.query', { filters: [{ field: 'model', op: 'eq', value: 'gpt-4.1' }], sort: [{ field: 'billedCost', dir: 'desc' }], offset: 20, limit: 50, withTotal: true }),
    invoiceCheck,
    wholeCheck,
    contractMonths: await client.call('contracts.priceMonths', { id: 'acme-openai-enterprise' }),
    allocation: await allocated(client),
  };
}

describe('migration 011: a workspace of the wide ledger upgrades to kinds and rows', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('shows every figure — summary, overview, value lists, grid, invoice check, contract months, allocation — the same before and after', async () => {
    const demo = await s.client.call('workspace.info', {});
    const before = await figures(s.client);
    const wide = path.join(s.dir, 'wide.aispend');
    writeWideCopy(demo.path, wide);

    await s.client.call('workspace.open', { path: wide });
    const upgraded = await s.client.call('workspace.info', {});
    expect(upgraded.schemaVersion).toBe(11);
    expect(upgraded.ledgerLines).toBe(demo.ledgerLines);
    const after = await figures(s.client);
    expect(after).toEqual(before);
    // The figures are real: the demo's year, its models and its allocation.
    expect(before.summary.rows.length).toBeGreaterThan(20);
    expect(before.invoiceCheck.lines.length).toBeGreaterThan(0);
    expect(before.allocation.months.length).toBe(12);
  });
});
