import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import { startBackend } from '../../helpers/backend';
import { ledgerFigures, writeOlderCopy } from '../../helpers/ledger-figures';

type Started = Awaited<ReturnType<typeof startBackend>>;

const indexesOf = (file: string): string[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' ORDER BY name").pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** Answers read straight off the file with the SQL the readers ran before migration 012 (grouped by kind, lines found by kind). */
function answersOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      currencies: db.prepare('SELECT k.currency, sum(g.n) AS lines FROM (SELECT kind_id, count(*) AS n FROM ledger_rows GROUP BY kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id GROUP BY k.currency ORDER BY k.currency').all(),
      billed: db.prepare('SELECT k.currency, CAST(sum(g.billed) AS TEXT) AS billed FROM (SELECT kind_id, sum(billed_cost) AS billed FROM ledger_rows GROUP BY kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id GROUP BY k.currency ORDER BY k.currency').all(),
      modelLines: db.prepare('SELECT count(*) AS n FROM ledger_lines WHERE model = ?').pluck().get('gpt-4.1'),
      // Through the view, whose period is its text before and after migration 014 (ledger_rows holds epoch seconds since).
      spans: db.prepare('SELECT month, min(charge_period_start) AS start, max(charge_period_end) AS end FROM ledger_lines WHERE currency = ? GROUP BY month ORDER BY month').all('USD'),
    };
  } finally {
    db.close();
  }
}

describe('migration 012: a workspace of schema 11 with lines upgrades to the month × kind index alone', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('drops the kind index and shows every figure — summary, filters on a kind, overview, value lists, grid, invoice check, allocation — the same', async () => {
    const demo = await s.client.call('workspace.info', {});
    const before = await ledgerFigures(s.client);
    const file = path.join(s.dir, 'schema-11.aispend');
    writeOlderCopy(demo.path, file, MIGRATIONS.slice(0, 11));
    expect(indexesOf(file)).toContain('ledger_rows_kind');
    const answersBefore = answersOf(file);

    await s.client.call('workspace.open', { path: file });
    const upgraded = await s.client.call('workspace.info', {});
    expect(upgraded.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(upgraded.ledgerLines).toBe(demo.ledgerLines);
    // 012 drops the kind index (and 013 the id and import indexes, upgraded in the same opening).
    expect(indexesOf(file)).toEqual(['ledger_rows_billed', 'ledger_rows_contract_applied', 'ledger_rows_month_kind', 'ledger_rows_period']);
    expect(answersOf(file)).toEqual(answersBefore);
    const after = await ledgerFigures(s.client);
    expect(after).toEqual(before);

    // The figures are real: the demo's year of lines, in both its currencies, and a model the filters find.
    const lines = (answersBefore.currencies as { lines: number }[]).reduce((n, c) => n + c.lines, 0);
    expect(lines).toBe(demo.ledgerLines);
    expect(answersBefore.spans).toHaveLength(12);
    expect(answersBefore.modelLines).toBeGreaterThan(0);
    expect(before.modelPage.total).toBe(answersBefore.modelLines);
    expect(before.modelMonths.rows.length).toBeGreaterThan(0);
    expect(before.currencyTotals.totals.map((t) => t.currency)).toEqual(['USD']);
    expect(before.summary.rows.length).toBeGreaterThan(20);
    expect(before.invoiceCheck.lines.length).toBeGreaterThan(0);
    expect(before.allocation.months.length).toBe(12);
  });
});
