import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import { startBackend } from '../../helpers/backend';
import { ledgerFigures, writeOlderCopy } from '../../helpers/ledger-figures';

type Started = Awaited<ReturnType<typeof startBackend>>;

describe('migration 011: a workspace of the wide ledger upgrades to kinds and rows', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('shows every figure — summary, overview, value lists, grid, invoice check, contract months, allocation — the same before and after', async () => {
    const demo = await s.client.call('workspace.info', {});
    const before = await ledgerFigures(s.client);
    const wide = path.join(s.dir, 'wide.aispend');
    writeOlderCopy(demo.path, wide, MIGRATIONS.slice(0, 10));
    const copy = new Database(wide, { readonly: true });
    expect(copy.prepare("SELECT type FROM sqlite_master WHERE name = 'ledger_lines'").pluck().get()).toBe('table');
    copy.close();

    await s.client.call('workspace.open', { path: wide });
    const upgraded = await s.client.call('workspace.info', {});
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(upgraded.ledgerLines).toBe(demo.ledgerLines);
    const after = await ledgerFigures(s.client);
    expect(after).toEqual(before);
    // The figures are real: the demo's year, its models and its allocation.
    expect(before.summary.rows.length).toBeGreaterThan(20);
    expect(before.invoiceCheck.lines.length).toBeGreaterThan(0);
    expect(before.allocation.months.length).toBe(12);
  });
});
