import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspaceDatabase, migrate } from '../../../electron/backend/workspace/database';
import { MIGRATIONS } from '../../../electron/backend/workspace/migrations';
import { PERIOD_SQL } from '../../../electron/backend/workspace/migrations/014-period-epochs';
import { LedgerBulkWriter } from '../../../electron/backend/imports/ledger-bulk-writer';
import { LineDecoder, LineEncoder } from '../../../electron/backend/imports/line-codec';
import { ScopeTracker } from '../../../electron/backend/imports/scope-tracker';
import { epochOfInstant } from '../../../shared/domain/epoch';
import { usageLine } from '../../helpers/ledger-workspace';

const INSERT = `INSERT INTO ledger_lines (import_id, source_row, month, charge_period_start, charge_period_end, charge_category, provider, usage_class, service_tier, quantity, unit, billed_cost, currency)
  VALUES (1, ?, ?, ?, ?, 'usage', 'openai', 'input', 'standard', 1, 'tokens', 1000000000, 'USD')`;

/** Instants as the importers write them: whole seconds, and milliseconds when a file gave them (shared/formats/values/dates.ts). */
const INSTANTS = [
  ['2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
  ['2026-03-01T13:45:09.123Z', '2026-03-01T13:45:10.001Z'],
  ['2026-03-31T23:59:59.999Z', '2026-04-01T00:00:00Z'],
  ['1969-12-31T23:00:00Z', '1970-01-01T00:00:00Z'],
];

describe('migration 014: the charge period as epoch seconds', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('upgrades text periods to numbers that the view shows as the same text, milliseconds kept', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'period-epochs-'));
    const db = createWorkspaceDatabase(path.join(dir, 'w.aispend'), {}, MIGRATIONS.slice(0, 13));
    try {
      db.prepare("INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (1, 'f.csv', 's', 'focus', 4, 4, 0, 4, 'x', 'x')").run();
      INSTANTS.forEach(([start, end], i) => db.prepare(INSERT).run(i + 2, start!.slice(0, 7), start, end));
      migrate(db);
      const rows = db.prepare('SELECT l.month, l.charge_period_start AS start, l.charge_period_end AS "end", r.charge_period_start AS epoch, typeof(r.charge_period_start) AS type FROM ledger_lines l JOIN ledger_rows r ON r.id = l.id ORDER BY l.id').all();
      expect(rows).toEqual([
        // 2026-03-01T00:00:00Z = 1,772,323,200 (20,513 days × 86,400).
        { month: '2026-03', start: '2026-03-01T00:00:00Z', end: '2026-03-01T01:00:00Z', epoch: 1_772_323_200, type: 'integer' },
        // + 13 × 3,600 + 45 × 60 + 9 = 49,509 s, and 0.123 s.
        { month: '2026-03', start: '2026-03-01T13:45:09.123Z', end: '2026-03-01T13:45:10.001Z', epoch: 1_772_372_709.123, type: 'real' },
        // 31 March 23:59:59.999 = 1 April (1,772,323,200 + 31 × 86,400 = 1,775,001,600) − 0.001.
        { month: '2026-03', start: '2026-03-31T23:59:59.999Z', end: '2026-04-01T00:00:00Z', epoch: 1_775_001_599.999, type: 'real' },
        { month: '1969-12', start: '1969-12-31T23:00:00Z', end: '1970-01-01T00:00:00Z', epoch: -3_600, type: 'integer' },
      ]);
      // SQLite's conversion and the importers' (ledger-bulk-writer.ts) give the same numbers.
      for (const r of rows as { start: string; epoch: number }[]) expect(epochOfInstant(r.start)).toBe(r.epoch);
      expect(db.prepare(`SELECT ${PERIOD_SQL.day('charge_period_start')} FROM ledger_rows ORDER BY id`).pluck().all()).toEqual(['2026-03-01', '2026-03-01', '2026-03-31', '1969-12-31']);
    } finally {
      db.close();
    }
  });

  it('takes writes through the view as text, derives the month, and refuses a period that is no instant', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'period-epochs-'));
    const db = createWorkspaceDatabase(path.join(dir, 'w.aispend'));
    try {
      db.prepare("INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (1, 'f.csv', 's', 'focus', 4, 4, 0, 4, 'x', 'x')").run();
      db.prepare(INSERT).run(2, null, '2026-03-01T00:00:00.500Z', '2026-03-02T00:00:00.000Z');
      expect(db.prepare('SELECT month, charge_period_start, charge_period_end FROM ledger_lines').get()).toEqual({ month: '2026-03', charge_period_start: '2026-03-01T00:00:00.500Z', charge_period_end: '2026-03-02T00:00:00Z' });
      expect(db.prepare('SELECT typeof(charge_period_start), typeof(charge_period_end) FROM ledger_rows').raw(true).get()).toEqual(['real', 'integer']);
      db.prepare("UPDATE ledger_lines SET charge_period_start = '2026-03-01T06:00:00Z'").run();
      expect(db.prepare('SELECT charge_period_start FROM ledger_rows').pluck().get()).toBe(1_772_344_800);
      expect(() => db.prepare(INSERT).run(3, '2026-03', 'x', 'y')).toThrow(/NOT NULL/);
      expect(() => db.prepare("INSERT INTO ledger_rows (import_id, kind_id, source_row, month, charge_period_start, charge_period_end, billed_cost) VALUES (1, 1, 4, '2026-03', '2026-03-01T00:00:00Z', 1, 0)").run()).toThrow(/CHECK/);
    } finally {
      db.close();
    }
  });

  it('has the import writer bind each period as epoch seconds, milliseconds kept, across a restarted dictionary', () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'period-epochs-'));
    const db = createWorkspaceDatabase(path.join(dir, 'w.aispend'));
    try {
      db.prepare("INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (1, 'f.csv', 's', 'focus', 4, 4, 0, 4, 'x', 'x')").run();
      const writer = new LedgerBulkWriter(db, 1, 'billed', new ScopeTracker(), new LineDecoder());
      const lines = INSTANTS.map(([start, end], i) => ({ ...usageLine('2026-03-01', { billed: '1' }), chargePeriodStart: start!, chargePeriodEnd: end!, sourceRow: i + 2 }));
      db.exec('BEGIN');
      writer.write(new LineEncoder('f.csv').encode(lines.slice(0, 2)));
      // The dictionary starts over: its ids name other texts from here on.
      writer.write({ ...new LineEncoder('f.csv').encode(lines.slice(2)), reset: true });
      writer.flush();
      db.exec('COMMIT');
      expect(db.prepare('SELECT month, charge_period_start, charge_period_end FROM ledger_lines ORDER BY id').raw(true).all()).toEqual(INSTANTS.map(([start, end]) => [start!.slice(0, 7), start, end]));
      expect(db.prepare('SELECT charge_period_start FROM ledger_rows ORDER BY id').pluck().all()).toEqual([1_772_323_200, 1_772_372_709.123, 1_775_001_599.999, -3_600]);
      expect(db.prepare('SELECT typeof(charge_period_start) FROM ledger_rows ORDER BY id').pluck().all()).toEqual(['integer', 'real', 'real', 'integer']);

      // A period no importer would hand over is refused with its row and field.
      const bad = { ...lines[0]!, chargePeriodEnd: '2026-03-01 01:00', sourceRow: 9 };
      db.exec('BEGIN');
      expect(() => writer.write({ ...new LineEncoder('f.csv').encode([bad]), reset: true })).toThrow(expect.objectContaining({ row: 9, field: 'chargePeriodEnd' }));
      db.exec('ROLLBACK');
    } finally {
      db.close();
    }
  });
});
