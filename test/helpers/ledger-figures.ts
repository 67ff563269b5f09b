import { createWorkspaceDatabase } from '../../electron/backend/workspace/database';
import type { Migration } from '../../electron/backend/workspace/migrations';
import type { WorkbenchClient } from '../../shared/api/client';
import { PERIOD_SQL } from '../../electron/backend/workspace/migrations/014-period-epochs';

const columnsOf = (db: ReturnType<typeof createWorkspaceDatabase>, schema: string, table: string): string[] =>
  (db.prepare(`SELECT name FROM pragma_table_info(?, ?)`).all(table, schema) as { name: string }[]).map((c) => c.name);

const PERIOD_COLUMNS = new Set(['charge_period_start', 'charge_period_end']);
const typeOf = (db: ReturnType<typeof createWorkspaceDatabase>, schema: string, table: string, column: string): string | undefined =>
  (db.prepare(`SELECT type FROM pragma_table_info(?, ?) WHERE name = ?`).get(table, schema, column) as { type: string } | undefined)?.type;

/**
 * Writes a workspace's content into a new workspace of an older schema (the
 * migrations up to it): every table copied column by column, so an upgrade
 * from that schema can be tested with the demo's lines.
 */
export function writeOlderCopy(fromFile: string, file: string, migrations: readonly Migration[]): void {
  const db = createWorkspaceDatabase(file, {}, migrations);
  try {
    db.prepare('ATTACH DATABASE ? AS demo').run(fromFile);
    const tables = (db.prepare("SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'schema_migrations'").all() as { name: string }[]).map((t) => t.name);
    db.exec('BEGIN');
    for (const table of tables) {
      const from = new Set(columnsOf(db, 'demo', table));
      const columns = columnsOf(db, 'main', table).filter((c) => from.has(c));
      db.exec(`DELETE FROM main.${table}`);
      // Before migration 014 the charge period was its text: the demo's epoch seconds are written back as it.
      const older = (c: string) => (table === 'ledger_rows' && PERIOD_COLUMNS.has(c) && typeOf(db, 'main', table, c) === 'TEXT' ? `${PERIOD_SQL.instant(c)} AS ${c}` : c);
      db.exec(`INSERT INTO main.${table} (${columns.join(', ')}) SELECT ${columns.map(older).join(', ')} FROM demo.${table}`);
    }
    db.exec('COMMIT');
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
export async function ledgerFigures(client: WorkbenchClient) {
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
    // Filters on a kind's fields: the drill-down's months of one model, the status bar's totals of one currency, value lists narrowed by a model.
    modelMonths: await client.call('ledger.summary', { by: ['month'], filters: [{ field: 'provider', op: 'eq', value: 'openai' }, { field: 'model', op: 'eq', value: 'gpt-4.1' }] }),
    currencyTotals: await client.call('ledger.summary', { by: [], filters: [{ field: 'currency', op: 'eq', value: 'USD' }] }),
    modelClasses: await client.call('ledger.values', { field: 'usageClass', filters: [{ field: 'model', op: 'eq', value: 'gpt-4.1' }] }),
    modelMonthValues: await client.call('ledger.values', { field: 'month', filters: [{ field: 'model', op: 'in', values: ['gpt-4.1', 'gpt-4.1-mini'] }] }),
    providerPage: await client.call('ledger.query', { filters: [{ field: 'provider', op: 'neq', value: 'openai' }], sort: [{ field: 'model', dir: 'asc' }], offset: 0, limit: 50, withTotal: true }),
    invoiceCheck,
    wholeCheck,
    contractMonths: await client.call('contracts.priceMonths', { id: 'acme-openai-enterprise' }),
    allocation: await allocated(client),
  };
}
