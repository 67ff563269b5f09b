import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import type { WorkbenchClient } from '../../../shared/api/client';
import { startBackend } from '../../helpers/backend';
import { ledgerFigures, writeOlderCopy } from '../../helpers/ledger-figures';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Every line as the ledger_lines view gives it, in id order (hashed), its first line, and the types the period is stored as. */
function storedOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const hash = createHash('sha256');
    let lines = 0;
    for (const row of db.prepare('SELECT * FROM ledger_lines ORDER BY id').safeIntegers(true).raw(true).iterate() as Iterable<unknown[]>) {
      hash.update(`${row.map(String).join('\u0001')}\n`);
      lines += 1;
    }
    return {
      hash: hash.digest('hex'),
      lines,
      first: db.prepare('SELECT month, charge_period_start, charge_period_end FROM ledger_lines ORDER BY id LIMIT 1').get(),
      stored: db.prepare('SELECT DISTINCT typeof(charge_period_start) || \'/\' || typeof(charge_period_end) FROM ledger_rows').pluck().all(),
      indexes: db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' ORDER BY name").pluck().all(),
      // The readers' questions as text comparisons on the period, as they were asked before migration 014.
      asText: {
        march: db.prepare("SELECT count(*) FROM ledger_lines WHERE charge_period_start >= '2026-03-01T00:00:00Z' AND charge_period_start < '2026-03-03T00:00:00Z'").pluck().get(),
        firstByDate: db.prepare('SELECT id FROM ledger_lines ORDER BY charge_period_start, id LIMIT 30').pluck().all().map(Number),
        fromMarch: db.prepare("SELECT month, count(*) AS lines FROM ledger_lines WHERE charge_period_start > '2026-03' GROUP BY month ORDER BY month").all(),
        before2026: db.prepare("SELECT count(*) FROM ledger_lines WHERE charge_period_end <= '2026'").pluck().get(),
      },
    };
  } finally {
    db.close();
  }
}

/** What reads the charge period: the grid sorted and filtered by date, the exports' date text, the invoice check's month and the ledger's span. */
async function periodFigures(client: WorkbenchClient, dir: string, tag: string) {
  const out = path.join(dir, `lines-${tag}.csv`);
  await client.runJob('ledger.export', { format: 'csv', filters: [{ field: 'chargePeriodStart', op: 'gte', value: '2026-03-01T00:00:00Z' }, { field: 'chargePeriodStart', op: 'lt', value: '2026-03-03T00:00:00Z' }], sort: [{ field: 'chargePeriodStart', dir: 'desc' }], out }).result;
  return {
    byDate: await client.call('ledger.query', { sort: [{ field: 'chargePeriodStart', dir: 'asc' }], offset: 0, limit: 30, withTotal: true }),
    byDateDeep: await client.call('ledger.query', { sort: [{ field: 'chargePeriodStart', dir: 'desc' }], offset: 700, limit: 30, withTotal: true }),
    // The grid's date filter "in range 1–2 March 2026" (filter-model.ts), and a model's lines in it.
    march: await client.call('ledger.query', { filters: [{ field: 'chargePeriodStart', op: 'gte', value: '2026-03-01T00:00:00Z' }, { field: 'chargePeriodStart', op: 'lt', value: '2026-03-03T00:00:00Z' }], sort: [{ field: 'billedCost', dir: 'desc' }], offset: 0, limit: 40, withTotal: true }),
    marchModel: await client.call('ledger.query', { filters: [{ field: 'model', op: 'eq', value: 'gpt-4.1' }, { field: 'chargePeriodStart', op: 'gte', value: '2026-03-01T00:00:00Z' }, { field: 'chargePeriodStart', op: 'lt', value: '2026-03-03T00:00:00Z' }], sort: [{ field: 'chargePeriodStart', dir: 'asc' }], offset: 0, limit: 40, withTotal: true }),
    // Leading parts of a date, compared as the text was: from March 2026 on, before 2026, equal to a day (no line).
    fromMarch: (await client.call('ledger.summary', { by: ['month'], filters: [{ field: 'chargePeriodStart', op: 'gt', value: '2026-03' }] })).rows,
    before2026: (await client.call('ledger.summary', { by: ['month'], filters: [{ field: 'chargePeriodEnd', op: 'lte', value: '2026' }] })).rows,
    aDay: await client.call('ledger.query', { filters: [{ field: 'chargePeriodStart', op: 'eq', value: '2026-03-01' }], offset: 0, limit: 5, withTotal: true }),
    startsWith: await client.call('ledger.query', { filters: [{ field: 'chargePeriodStart', op: 'startsWith', value: '2026-03-02' }], offset: 0, limit: 5, withTotal: true }),
    csv: readFileSync(out, 'utf8'),
  };
}

describe('migration 014: a workspace of schema 13 with lines upgrades to the charge period as epoch seconds', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('shows the same lines, dates, grid pages, exports, invoice check and allocation', async () => {
    const demo = await s.client.call('workspace.info', {});
    const figuresBefore = await ledgerFigures(s.client);
    const periodBefore = await periodFigures(s.client, s.dir, 'demo');
    const file = path.join(s.dir, 'schema-13.aispend');
    writeOlderCopy(demo.path, file, MIGRATIONS.slice(0, 13));
    const before = storedOf(file);
    expect(before.stored).toEqual(['text/text']);

    await s.client.call('workspace.open', { path: file });
    expect((await s.client.call('workspace.info', {})).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    const after = storedOf(file);
    // Every line through the view, byte for byte: the period's text is what was stored before.
    expect(after.hash).toBe(before.hash);
    expect(after.first).toEqual(before.first);
    expect(after.stored).toEqual(['integer/integer']);
    expect(after.indexes).toEqual(before.indexes);
    expect(await ledgerFigures(s.client)).toEqual(figuresBefore);
    expect(await periodFigures(s.client, s.dir, 'upgraded')).toEqual(periodBefore);

    // The same answers as the text comparisons gave.
    expect(periodBefore.march.total).toBe(before.asText.march);
    expect(periodBefore.byDate.rows.map((r) => r.id)).toEqual(before.asText.firstByDate);
    const perMonth = (rows: { key: Record<string, unknown>; lines: number }[]) => {
      const lines = new Map<string, number>();
      for (const r of rows) lines.set(String(r.key.month), (lines.get(String(r.key.month)) ?? 0) + r.lines);
      return [...lines].map(([month, n]) => ({ month, lines: n }));
    };
    expect(perMonth(periodBefore.fromMarch)).toEqual(before.asText.fromMarch);
    expect(perMonth(periodBefore.before2026).reduce((n, m) => n + m.lines, 0)).toBe(before.asText.before2026);

    // The figures are real: the demo's first line starts on 1 November 2025 at midnight UTC.
    expect(before.first).toEqual({ month: '2025-11', charge_period_start: '2025-11-01T00:00:00Z', charge_period_end: '2025-11-02T00:00:00Z' });
    expect(before.lines).toBe(demo.ledgerLines);
    const march = periodBefore.march;
    expect(march.total).toBeGreaterThan(0);
    expect(march.rows.every((r) => r.chargePeriodStart >= '2026-03-01T00:00:00Z' && r.chargePeriodStart < '2026-03-03T00:00:00Z')).toBe(true);
    expect(periodBefore.marchModel.rows.every((r) => r.model === 'gpt-4.1' && r.chargePeriodStart.startsWith('2026-03-0'))).toBe(true);
    expect(periodBefore.byDate.rows[0]!.chargePeriodStart).toBe('2025-11-01T00:00:00Z');
    const starts = periodBefore.byDateDeep.rows.map((r) => r.chargePeriodStart);
    expect(starts).toEqual([...starts].sort().reverse());
    expect(periodBefore.fromMarch.map((r) => r.key.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(periodBefore.before2026.length).toBeGreaterThan(0);
    expect(periodBefore.aDay.total).toBe(0);
    expect(periodBefore.startsWith.total).toBeGreaterThan(0);
    const csv = periodBefore.csv.split('\n');
    expect(csv[0]).toContain('Charge period start');
    expect(csv[1]).toContain('2026-03-02T00:00:00Z');
    expect(csv.length - 2).toBe(march.total);
    expect(figuresBefore.invoiceCheck.lines.length).toBeGreaterThan(0);
    expect(figuresBefore.allocation.months.length).toBe(12);
  });
});
