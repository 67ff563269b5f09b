import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StageClock } from '../../../electron/backend/imports/import-profile';
import { DECODE_STAGE, INSERT_STAGE, LedgerBulkWriter, ROWS_PER_INSERT } from '../../../electron/backend/imports/ledger-bulk-writer';
import { LineDecoder, LineEncoder, type EncodedLines } from '../../../electron/backend/imports/line-codec';
import { ScopeTracker } from '../../../electron/backend/imports/scope-tracker';
import { createWorkspaceDatabase } from '../../../electron/backend/workspace/database';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function workspace(): Database.Database {
  const t = tempDir();
  const db = createWorkspaceDatabase(path.join(t.dir, 'bulk.aispend'));
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  db.prepare("INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (1, 'f.csv', 'f', 'focus', 0, 0, 0, 0, 'x', 'x')").run();
  return db;
}

const SAFE = 2n ** 53n; // 9,007,199,254,740,992 nano-units: 9,007,199.25 currency units
/** Money around the largest integer a double holds exactly (2^53) and the int64 ends, each to come back to the nano-unit. */
const MONEY: bigint[] = [0n, -1n, 1n, SAFE - 1n, SAFE, SAFE + 1n, -(SAFE - 1n), -SAFE, -SAFE - 1n, 2n ** 63n - 1n, -(2n ** 63n) + 1n, 123_456_789_012n];

/** Lines that vary every field the writer binds: three providers/accounts, periods in runs, nulls, tags, contract applications, aggregates. */
function lines(n: number, first: number): LedgerLine[] {
  const out: LedgerLine[] = [];
  for (let k = 0; k < n; k += 1) {
    const i = first + k;
    const day = String(1 + (Math.floor(i / 4) % 28)).padStart(2, '0');
    const month = i % 50 < 25 ? '2026-03' : '2026-04';
    out.push({
      chargePeriodStart: `${month}-${day}T00:00:00Z`,
      chargePeriodEnd: `${month}-${day}T01:00:00Z`,
      billingPeriod: i % 7 === 0 ? null : month,
      chargeCategory: i % 5 === 0 ? 'credit' : 'usage',
      provider: ['openai', 'anthropic', 'aws'][i % 3] as string,
      publisher: i % 3 === 2 ? 'anthropic' : null,
      billingAccount: i % 11 === 0 ? null : `acct-${i % 2}`,
      subAccount: `proj-${i % 4}`,
      credential: null,
      model: i % 6 === 0 ? null : `model-${i % 5}`,
      modelRaw: `raw-${i % 5}`,
      usageClass: 'input',
      serviceTier: 'standard',
      contextBand: null,
      region: i % 2 === 0 ? 'us-east-1' : null,
      resourceId: i % 9 === 0 ? null : `res-${i}`,
      sku: null,
      description: 'Ünïcode – “quoted”',
      tags: i % 4 === 0 ? {} : { team: `t${i % 3}` },
      quantity: i % 8 === 0 ? null : i * 1.5,
      unit: 'tokens',
      billedCost: MONEY[i % MONEY.length] as bigint,
      effectiveCost: i % 3 === 0 ? null : (MONEY[(i + 5) % MONEY.length] as bigint),
      listCost: i % 4 === 1 ? null : (MONEY[(i + 7) % MONEY.length] as bigint),
      contractedCost: i % 2 === 0 ? null : -(MONEY[(i + 3) % MONEY.length] as bigint),
      currency: i % 13 === 0 ? 'EUR' : 'USD',
      sourceRow: i + 2,
      ...(i % 10 === 3 ? { sourceLines: 4 } : {}),
      ...(i % 6 === 1 ? { contractApplied: `contract-${i % 2}` } : {}),
    });
  }
  return out;
}

interface Stored {
  id: bigint;
  month: string;
  charge_period_start: string;
  charge_period_end: string;
  billing_period: string | null;
  charge_category: string;
  provider: string;
  publisher: string | null;
  billing_account: string | null;
  sub_account: string | null;
  model: string | null;
  model_raw: string | null;
  region: string | null;
  resource_id: string | null;
  description: string | null;
  tags: string;
  quantity: number | null;
  unit: string;
  billed_cost: bigint;
  effective_cost: bigint | null;
  list_cost: bigint | null;
  contracted_cost: bigint | null;
  currency: string;
  cost_basis: string;
  list_cost_source: string | null;
  source_row: bigint;
  source_lines: bigint;
  contract_applied: string | null;
}

/** The row a line should become (ledger_lines, the view over ledger_rows and ledger_kinds). */
function expected(l: LedgerLine, id: number): Stored {
  return {
    id: BigInt(id),
    month: l.chargePeriodStart.slice(0, 7),
    charge_period_start: l.chargePeriodStart,
    charge_period_end: l.chargePeriodEnd,
    billing_period: l.billingPeriod,
    charge_category: l.chargeCategory,
    provider: l.provider,
    publisher: l.publisher,
    billing_account: l.billingAccount,
    sub_account: l.subAccount,
    model: l.model,
    model_raw: l.modelRaw,
    region: l.region,
    resource_id: l.resourceId,
    description: l.description,
    tags: Object.keys(l.tags).length === 0 ? '{}' : JSON.stringify(l.tags),
    quantity: l.quantity,
    unit: l.unit,
    billed_cost: l.billedCost,
    effective_cost: l.effectiveCost,
    list_cost: l.listCost,
    contracted_cost: l.contractedCost,
    currency: l.currency,
    cost_basis: 'billed',
    list_cost_source: l.listCost === null ? null : 'vendor',
    source_row: BigInt(l.sourceRow),
    source_lines: BigInt(l.sourceLines ?? 1),
    contract_applied: l.contractApplied ?? null,
  };
}

const COLUMNS = Object.keys(expected(lines(1, 0)[0] as LedgerLine, 1));

describe('the import writer bulk-loads encoded lines', () => {
  it('stores every line exactly, across batches that end inside a statement and a restarted dictionary, with money beyond 2^53 nano-units to the unit', () => {
    const db = workspace();
    const scopes = new ScopeTracker();
    const clock = new StageClock('write');
    const writer = new LedgerBulkWriter(db, 1, 'billed', scopes, new LineDecoder(), clock);
    // Batch sizes that end inside the first statement, on its end (7 + 30 + 1 + 13 + 49 = 100 lines), after it, and a single line.
    expect(ROWS_PER_INSERT).toBe(100);
    const sizes = [7, 30, 1, 13, 49, 36, 2];
    const all: LedgerLine[] = [];
    let encoder = new LineEncoder('f.csv');
    db.exec('BEGIN');
    sizes.forEach((size, b) => {
      // Half way, the dictionary and the kinds start over (as after MAX_DICTIONARY strings): kind ids from 0 again name other kinds.
      let batch: EncodedLines;
      const next = lines(size, all.length);
      if (b === 4) {
        encoder = new LineEncoder('f.csv');
        batch = { ...encoder.encode(next), reset: true };
      } else batch = encoder.encode(next);
      all.push(...next);
      writer.write(batch);
    });
    writer.flush();
    db.exec('COMMIT');

    expect(writer.written).toBe(138);
    const stored = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM ledger_lines ORDER BY id`).safeIntegers(true).all() as Stored[];
    expect(stored).toEqual(all.map((l, i) => expected(l, i + 1)));
    // Money is stored as SQLite integers (never REAL), and none of them is off by a unit at 2^53 and beyond.
    const types = db.prepare("SELECT DISTINCT typeof(billed_cost) || ',' || typeof(effective_cost) || ',' || typeof(list_cost) || ',' || typeof(contracted_cost) AS t FROM ledger_rows ORDER BY t").pluck().all();
    expect(types.every((t) => /^integer(,(integer|null)){3}$/.test(t as string))).toBe(true);
    const extremes = db.prepare('SELECT CAST(max(billed_cost) AS TEXT) AS hi, CAST(min(billed_cost) AS TEXT) AS lo FROM ledger_rows').get();
    expect(extremes).toEqual({ hi: '9223372036854775807', lo: '-9223372036854775807' });
    const at2pow53 = db.prepare('SELECT count(*) FROM ledger_rows WHERE billed_cost IN (9007199254740991, 9007199254740992, 9007199254740993, -9007199254740992, -9007199254740993)').pluck().get();
    // Billed is MONEY[i % 12]: ±2^53 and their neighbours are entries 3, 4, 5, 7, 8. 138 lines = 11 cycles of 12 + lines 132..137 (residues 0..5),
    // so residues 3, 4, 5 occur 12 times and 7, 8 occur 11 times: 3·12 + 2·11 = 58.
    expect(at2pow53).toBe(58);

    // Usage lines without a list cost (i % 4 === 1 and not i % 5 === 0): counted for the price book.
    expect(writer.withoutListCost).toBe(all.filter((l) => l.listCost === null && l.chargeCategory === 'usage').length);
    // Each (provider, account) with its lines and charge period, for the overlap check.
    const byScope = new Map<string, { lines: number; start: string; end: string }>();
    for (const l of all) {
      const key = `${l.provider}|${l.billingAccount ?? ''}`;
      const s = byScope.get(key);
      if (s) {
        s.lines += 1;
        if (l.chargePeriodStart < s.start) s.start = l.chargePeriodStart;
        if (l.chargePeriodEnd > s.end) s.end = l.chargePeriodEnd;
      } else byScope.set(key, { lines: 1, start: l.chargePeriodStart, end: l.chargePeriodEnd });
    }
    expect(scopes.list().map((s) => ({ key: `${s.provider}|${s.billingAccount}`, lines: s.lines, start: s.periodStart, end: s.periodEnd }))).toEqual(
      [...byScope].map(([key, s]) => ({ key, ...s })).sort((a, b) => a.key.localeCompare(b.key)),
    );
    // The profile's two stages of the load, timed one after the other: binding, then SQLite's INSERTs.
    expect(clock.stages().map((s) => s.stage)).toEqual([DECODE_STAGE, INSERT_STAGE]);
  });

  it('times binding and the INSERTs as two stages of a batch, one after the other, with three clock readings a batch', () => {
    const db = workspace();
    /** A clock whose every reading is one millisecond (wall and CPU) after the one before. */
    class Ticks extends StageClock {
      readings = 0;
      override now() {
        this.readings += 1;
        return { wall: this.readings, cpu: this.readings };
      }
    }
    const clock = new Ticks('write', false);
    const writer = new LedgerBulkWriter(db, 1, 'billed', new ScopeTracker(), new LineDecoder(), clock);
    const encoder = new LineEncoder('f.csv');
    db.exec('BEGIN');
    // Four batches of 60 lines: 2 statements, 40 lines held back.
    for (let b = 0; b < 4; b += 1) writer.write(encoder.encode(lines(60, b * 60)));
    db.exec('COMMIT');
    // Per batch: before binding, after binding (decode += 1 ms), after the INSERTs (insert += 1 ms).
    expect(clock.readings).toBe(12);
    expect(clock.stages().map((s) => [s.stage, s.seconds])).toEqual([
      [DECODE_STAGE, 0.004],
      [INSERT_STAGE, 0.004],
    ]);
  });

  it('stores the same rows when all lines of a statement share some values, for more sets of shared columns than it prepares statements for', () => {
    const db = workspace();
    const writer = new LedgerBulkWriter(db, 1, 'billed', new ScopeTracker(), new LineDecoder(), new StageClock('write'));
    const encoder = new LineEncoder('f.csv');
    // 40 statements of 100 lines; statement s shares across its lines each group of values whose bit is set in s·13 mod 64
    // (40 different sets, none empty but s = 0), the shared value itself differing from statement to statement.
    // Money is 12 values in turn (MONEY), so a billed cost is never shared by 100 lines.
    const statements = 40;
    const all = lines(statements * ROWS_PER_INSERT, 0).map((l, i) => {
      const s = Math.floor(i / ROWS_PER_INSERT);
      const set = (s * 13) % 64;
      const day = String(1 + (s % 28)).padStart(2, '0');
      const line: LedgerLine = { ...l };
      if (set & 1) Object.assign(line, { chargePeriodStart: `2026-05-${day}T00:00:00Z`, chargePeriodEnd: `2026-05-${day}T01:00:00Z` });
      if (set & 2) Object.assign(line, { billingPeriod: s % 3 === 0 ? null : `2026-0${1 + (s % 9)}`, tags: s % 2 === 0 ? {} : { team: `t${s}` } });
      if (set & 4) Object.assign(line, { resourceId: s % 4 === 0 ? null : `res-${s}`, quantity: s % 5 === 0 ? null : s * 0.25 });
      // The effective (and, in every third such statement, the contracted) cost the very same as the billed cost on each line.
      if (set & 8) Object.assign(line, { effectiveCost: l.billedCost, listCost: s % 2 === 0 ? null : BigInt(s) * 1_000_000_000n, contractedCost: s % 3 === 0 ? l.billedCost : null });
      if (set & 16) Object.assign(line, { sourceLines: 2 + (s % 3), contractApplied: s % 2 === 0 ? undefined : `contract-${s}` });
      if (set & 32) {
        Object.assign(line, { chargeCategory: 'usage', provider: 'openai', publisher: null, billingAccount: `acct-${s % 2}`, subAccount: 'proj-1' });
        Object.assign(line, { model: 'model-1', modelRaw: 'raw-1', region: null, currency: 'USD' });
      }
      return line;
    });
    db.exec('BEGIN');
    for (let at = 0; at < all.length; at += 250) writer.write(encoder.encode(all.slice(at, at + 250)));
    writer.flush();
    db.exec('COMMIT');

    const stored = db.prepare(`SELECT ${COLUMNS.join(', ')} FROM ledger_lines ORDER BY id`).safeIntegers(true).all() as Stored[];
    expect(stored).toEqual(all.map((l, i) => expected(l, i + 1)));
    // A shared list cost still marks each of the lines' list cost as the vendor's (or none, when every line has none).
    const sources = db.prepare('SELECT count(*) FROM ledger_rows WHERE (list_cost IS NULL) = (list_cost_source IS NULL)').pluck().get();
    expect(sources).toBe(statements * ROWS_PER_INSERT);
  });
});
