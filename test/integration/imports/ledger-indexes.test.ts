import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ImportRepository, REBUILD_WHEN_REMOVING_ONE_IN } from '../../../electron/backend/imports/import-repository';
import { importInline } from '../../../electron/backend/imports/import-service';
import { StageClock } from '../../../electron/backend/imports/import-profile';
import { WAIT_FOR_LINES_STAGE, writerHasSpareTime } from '../../../electron/backend/imports/import-writer';
import { APPEND_CACHE_KB, INDEX_BUILD_CACHE_KB, INSERT_STAGE, LedgerIndexes, PARTIAL_INDEX_SHARE, indexBuildStage, isAppendOrdered, partialIndexWhere } from '../../../electron/backend/imports/ledger-bulk-writer';
import type { CpuSample } from '../../../electron/backend/imports/spare-cores';
import { createWorkspaceDatabase } from '../../../electron/backend/workspace/database';
import { tempDir } from '../../helpers/temp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function workspace(): Database.Database {
  const t = tempDir();
  const db = createWorkspaceDatabase(path.join(t.dir, 'indexes.aispend'));
  cleanups.push(() => {
    db.close();
    t.cleanup();
  });
  return db;
}

/**
 * CPU clocks read at drop() and at rebuild(), in that order, of a 2-core machine over a load:
 * 2,100 ms passed on the cores, 2,000 of them busy; this process used `ownMs` of them.
 */
function machine(ownMs: number): () => CpuSample {
  const samples: CpuSample[] = [
    { busyMs: 1_000, idleMs: 5_000, ownMs: 200, cores: 2 },
    { busyMs: 3_000, idleMs: 5_100, ownMs: 200 + ownMs, cores: 2 },
  ];
  return () => samples.shift() as CpuSample;
}

function ledgerIndexes(db: Database.Database): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[];
}

describe('ledger indexes around a bulk load', () => {
  it('drops every secondary index but the append-ordered ones and builds the same ones again, with narrower caches for the load and the sort, then restores the connection', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    db.pragma('threads = 0');
    const before = ledgerIndexes(db);
    // Migration 011's indexes less the kind index (012) and the id and import indexes (013): month × kind, period, billed cost, contract applied.
    expect(before.map((i) => i.name)).toEqual([
      'ledger_rows_billed',
      'ledger_rows_contract_applied',
      'ledger_rows_month_kind',
      'ledger_rows_period',
    ]);
    const clock = new StageClock('write');
    // The load had the machine to itself: others used 2,000 - 1,900 = 100 ms of 2,100, leaving 2 × (1 - 100/2,100) = 1.9 cores.
    const indexes = new LedgerIndexes(db, clock, machine(1_900));
    db.exec('BEGIN');
    indexes.drop();
    expect(indexes.isDropped).toBe(true);
    // None of the app's ledger indexes has its keys arrive in order: every one goes for the load.
    expect(ledgerIndexes(db)).toEqual([]);
    expect(indexes.keepsAppendOrdered).toBe(false);
    // A negative cache_size is KiB: 4 MiB while lines are appended.
    expect(APPEND_CACHE_KB).toBe(4096);
    expect(db.pragma('cache_size', { simple: true })).toBe(-APPEND_CACHE_KB);

    // The cache and sorter threads in force while each index is built, seen from inside the build.
    const seen: { cache: number; threads: number }[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) seen.push({ cache: db.pragma('cache_size', { simple: true }) as number, threads: db.pragma('threads', { simple: true }) as number });
      return exec(sql);
    };
    indexes.rebuild();
    db.exec = exec;
    db.exec('COMMIT');

    expect(ledgerIndexes(db)).toEqual(before);
    expect(indexes.isDropped).toBe(false);
    expect(seen).toHaveLength(4);
    // 4 MiB while sorting, two helper threads (a core is free for them).
    expect(seen.every((s) => s.cache === -INDEX_BUILD_CACHE_KB && s.threads === 2)).toBe(true);
    expect(INDEX_BUILD_CACHE_KB).toBe(4096);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
    expect(db.pragma('threads', { simple: true })).toBe(0);
    // Each rebuilt index is a stage of the profile of its own.
    expect(clock.stages().map((s) => s.stage)).toEqual(
      ['ledger_rows_billed', 'ledger_rows_contract_applied', 'ledger_rows_month_kind', 'ledger_rows_period'].map(indexBuildStage),
    );
  });

  it('builds without the sorter threads when other programs kept the cores busy during the load, and gives the connection its setting back', () => {
    const db = workspace();
    db.pragma('threads = 1');
    const before = ledgerIndexes(db);
    // Others used 2,000 - 900 = 1,100 ms of 2,100: 2 × (1 - 1,100/2,100) = 0.95 cores were left, below 1.5.
    const indexes = new LedgerIndexes(db, undefined, machine(900));
    db.exec('BEGIN');
    indexes.drop();
    const threads: number[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) threads.push(db.pragma('threads', { simple: true }) as number);
      return exec(sql);
    };
    indexes.rebuild();
    db.exec = exec;
    db.exec('COMMIT');
    expect(threads).toEqual([0, 0, 0, 0]);
    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.pragma('threads', { simple: true })).toBe(1);
  });

  it('keeps an index only when every key column is the line id or the import id, whichever migration added it', () => {
    const db = workspace();
    db.exec(`
      CREATE INDEX extra_import ON ledger_rows(import_id);
      CREATE INDEX extra_id ON ledger_rows(id);
      CREATE INDEX extra_import_then_id ON ledger_rows(import_id, id);
      CREATE INDEX extra_import_then_cost ON ledger_rows(import_id, billed_cost);
      CREATE INDEX extra_expression ON ledger_rows(id + 1);
    `);
    expect(isAppendOrdered(db, 'extra_import')).toBe(true);
    expect(isAppendOrdered(db, 'extra_id')).toBe(true);
    expect(isAppendOrdered(db, 'extra_import_then_id')).toBe(true);
    // The cost after the import id lands anywhere within the import's keys.
    expect(isAppendOrdered(db, 'extra_import_then_cost')).toBe(false);
    expect(isAppendOrdered(db, 'extra_expression')).toBe(false);
    expect(isAppendOrdered(db, 'ledger_rows_period')).toBe(false);
    const before = ledgerIndexes(db);
    const indexes = new LedgerIndexes(db);
    db.pragma('foreign_keys = OFF'); // lines of an import row this test does not write
    db.exec('BEGIN');
    indexes.drop();
    expect(ledgerIndexes(db).map((i) => i.name)).toEqual(['extra_id', 'extra_import', 'extra_import_then_id']);
    // Lines written while the kept indexes are live and the others are gone.
    const add = db.prepare(
      "INSERT INTO ledger_rows (import_id, kind_id, source_row, month, charge_period_start, charge_period_end, billed_cost) VALUES (?, 1, ?, '2026-03', unixepoch(?), unixepoch(?), ?)",
    );
    for (let row = 1; row <= 3; row += 1) add.run(7, row, `2026-03-0${row}T00:00:00Z`, `2026-03-0${row + 1}T00:00:00Z`, 1_000_000_000n * BigInt(row));
    indexes.rebuild();
    db.exec('COMMIT');
    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // The kept index holds the lines written while it was live: 3 lines of import 7.
    expect(db.prepare('SELECT count(*) FROM ledger_rows INDEXED BY extra_import WHERE import_id = 7').pluck().get()).toBe(3);
  });

  it('reads the WHERE clause of a partial index and nothing of a full one', () => {
    const db = workspace();
    const sql = Object.fromEntries(ledgerIndexes(db).map((i) => [i.name, i.sql]));
    expect(partialIndexWhere(sql.ledger_rows_contract_applied as string)).toBe('contract_applied IS NOT NULL');
    expect(partialIndexWhere(sql.ledger_rows_month_kind as string)).toBeNull();
    expect(partialIndexWhere('CREATE INDEX x ON ledger_rows(tags) where  tags <> \'{}\'')).toBe("tags <> '{}'");
  });

  it('keeps the contract-applied index up through a load while it holds at most 2% of the lines, then drops it to be built at the end', () => {
    const db = workspace();
    db.pragma('foreign_keys = OFF'); // lines of an import row this test does not write
    const before = ledgerIndexes(db);
    const indexes = new LedgerIndexes(db);
    db.exec('BEGIN');
    indexes.drop(true, true);
    // The partial index stays; the three full ones go.
    expect(ledgerIndexes(db).map((i) => i.name)).toEqual(['ledger_rows_contract_applied']);
    const add = db.prepare(
      "INSERT INTO ledger_rows (import_id, kind_id, source_row, month, charge_period_start, charge_period_end, billed_cost, contract_applied) VALUES (7, 1, ?, '2026-03', 1772323200, 1772409600, 1000000000, ?)",
    );
    // 100 lines, 2 of them with a contract applied: 2% of 100 = 2 may be held, and 2 are.
    for (let row = 1; row <= 100; row += 1) add.run(row, row % 50 === 0 ? 'edp' : null);
    expect(PARTIAL_INDEX_SHARE).toBe(0.02);
    expect(indexes.dropPartialIfCrowded(100)).toBe(false);
    expect(ledgerIndexes(db).map((i) => i.name)).toEqual(['ledger_rows_contract_applied']);
    // A 101st line with one: 2% of 101 is 2.02, so at most 2 may be held, and 3 are.
    add.run(101, 'edp');
    expect(indexes.dropPartialIfCrowded(101)).toBe(true);
    expect(ledgerIndexes(db)).toEqual([]);
    const built: string[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) built.push(sql.slice(13, sql.indexOf(' ON ')));
      return exec(sql);
    };
    indexes.rebuild();
    db.exec = exec;
    db.exec('COMMIT');
    expect(built).toEqual(['ledger_rows_billed', 'ledger_rows_month_kind', 'ledger_rows_period', 'ledger_rows_contract_applied']);
    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM ledger_rows INDEXED BY ledger_rows_contract_applied WHERE contract_applied IS NOT NULL').pluck().get()).toBe(3);
  });

  it('imports a statement with no contract applied without building the contract-applied index, and one with contracts applied throughout building it', async () => {
    const header = 'BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BilledCost,ProviderName,ServiceName,ConsumedQuantity,ConsumedUnit,ChargeDescription,ContractApplied';
    const applied = '"{""Elements"":[{""ContractId"":""edp"",""ContractCommitmentId"":""edp/commitment"",""ContractCommitmentAppliedCost"":1.00,""ContractCommitmentAppliedQuantity"":null,""ContractCommitmentAppliedUnit"":null}]}"';
    const statement = (name: string, contract: (row: number) => string): string => {
      const t = tempDir();
      cleanups.push(t.cleanup);
      const rows = Array.from({ length: 30_000 }, (_, i) => `USD,Usage,2026-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00Z,2026-03-${String(2 + (i % 28)).padStart(2, '0')}T00:00:00Z,1.00,OpenAI,OpenAI API,${1000 + i},Tokens,gpt-4o input tokens,${contract(i)}`);
      const file = path.join(t.dir, name);
      writeFileSync(file, `${header}\n${rows.join('\n')}\n`);
      return file;
    };
    const built = async (file: string): Promise<{ stages: string[]; held: number }> => {
      const db = workspace();
      const stages: string[] = [];
      const exec = db.exec.bind(db);
      db.exec = (sql: string) => {
        if (sql.startsWith('CREATE INDEX')) stages.push(indexBuildStage(sql.slice(13, sql.indexOf(' ON '))));
        return exec(sql);
      };
      const result = await importInline(db, file, {}, { onRejects: 'abort', onOverlap: 'ask', dryRun: false });
      db.exec = exec;
      expect(result.linesImported).toBe(30_000);
      expect(ledgerIndexes(db).map((i) => i.name)).toEqual(['ledger_rows_billed', 'ledger_rows_contract_applied', 'ledger_rows_month_kind', 'ledger_rows_period']);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const held = db.prepare('SELECT count(*) FROM ledger_rows INDEXED BY ledger_rows_contract_applied WHERE contract_applied IS NOT NULL').pluck().get() as number;
      return { stages, held };
    };
    // None of 30,000 lines has a contract applied: the index was kept (empty) through the load, and only the three full ones are built.
    const none = await built(statement('none.csv', () => ''));
    expect(none.stages).toEqual(['ledger_rows_billed', 'ledger_rows_month_kind', 'ledger_rows_period'].map(indexBuildStage));
    expect(none.held).toBe(0);
    // Every line has one: at 10,000 lines written the index held all of them (over 2%), so it was dropped and built at the end.
    const every = await built(statement('every.csv', () => applied));
    expect(every.stages).toEqual(['ledger_rows_billed', 'ledger_rows_month_kind', 'ledger_rows_period', 'ledger_rows_contract_applied'].map(indexBuildStage));
    expect(every.held).toBe(30_000);
    // One line in a thousand: 30 held, kept up line by line to the end.
    const few = await built(statement('few.csv', (i) => (i % 1000 === 0 ? applied : '')));
    expect(few.stages).toEqual(['ledger_rows_billed', 'ledger_rows_month_kind', 'ledger_rows_period'].map(indexBuildStage));
    expect(few.held).toBe(30);
  });

  it('drops the append-ordered indexes it kept when told to, and builds them again with the others', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    db.exec('CREATE INDEX extra_import ON ledger_rows(import_id); CREATE INDEX extra_id ON ledger_rows(id);');
    const before = ledgerIndexes(db);
    const indexes = new LedgerIndexes(db);
    db.exec('BEGIN');
    indexes.drop();
    expect(indexes.keepsAppendOrdered).toBe(true);
    // The writer became the slower thread: the two kept indexes go too.
    indexes.drop(false);
    expect(ledgerIndexes(db)).toEqual([]);
    expect(indexes.keepsAppendOrdered).toBe(false);
    expect(db.pragma('cache_size', { simple: true })).toBe(-APPEND_CACHE_KB);
    indexes.rebuild();
    db.exec('COMMIT');
    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
  });

  it('keeps the append-ordered indexes up only while the writer waits for lines at least a third of its INSERT time', () => {
    const spare = (waitMs: number, insertMs: number): boolean => {
      const clock = new StageClock('write', false);
      clock.addMs(WAIT_FOR_LINES_STAGE, waitMs, Number.NaN);
      clock.addMs(INSERT_STAGE, insertMs, Number.NaN);
      return writerHasSpareTime(clock);
    };
    // 2,400 ms of INSERTs / 3 = 800 ms: waiting 800 ms or more leaves room for the kept indexes.
    expect(spare(800, 2400)).toBe(true);
    expect(spare(2310, 1360)).toBe(true);
    expect(spare(799, 2400)).toBe(false);
    // A writer on the reading thread (importInline) never waits.
    expect(spare(0, 2400)).toBe(false);
  });

  it('never raises a cache that is already smaller', () => {
    const db = workspace();
    db.pragma('cache_size = 250'); // pages of 16 KiB: about 3.9 MiB, below both the load's and the build's cache
    expect(db.pragma('page_size', { simple: true })).toBe(16384);
    db.exec('BEGIN');
    const indexes = new LedgerIndexes(db);
    indexes.drop();
    expect(db.pragma('cache_size', { simple: true })).toBe(250);
    let during = 0;
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) during = db.pragma('cache_size', { simple: true }) as number;
      return exec(sql);
    };
    indexes.rebuild();
    db.exec = exec;
    db.exec('COMMIT');
    expect(during).toBe(250);
    expect(db.pragma('cache_size', { simple: true })).toBe(250);
  });

  it('gives the connection its cache back after a rollback, with the indexes as they were', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    const before = ledgerIndexes(db);
    const indexes = new LedgerIndexes(db);
    db.exec('BEGIN');
    indexes.drop();
    expect(db.pragma('cache_size', { simple: true })).toBe(-APPEND_CACHE_KB);
    db.exec('ROLLBACK');
    indexes.rolledBack();
    expect(indexes.isDropped).toBe(false);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
    expect(ledgerIndexes(db)).toEqual(before);
  });

  it('restores the cache size when an index cannot be built', () => {
    const db = workspace();
    db.pragma('cache_size = -16384');
    db.exec('BEGIN');
    const indexes = new LedgerIndexes(db);
    indexes.drop();
    // A table of that name makes the first CREATE INDEX fail: the connection must still get its cache back.
    db.exec('CREATE TABLE ledger_rows_billed (x INTEGER)');
    expect(() => indexes.rebuild()).toThrow(/ledger_rows_billed/);
    expect(db.pragma('cache_size', { simple: true })).toBe(-16384);
    db.exec('ROLLBACK');
  });
});

describe('removing imports', () => {
  /** Imports with their line counts, each line a day of March 2026 billed 1 USD × its row. */
  function seed(db: Database.Database, lineCounts: readonly number[]): number[] {
    const addImport = db.prepare(
      "INSERT INTO imports (file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (?, ?, 'focus', ?, ?, 0, ?, 'x', 'x')",
    );
    const addLine = db.prepare(
      "INSERT INTO ledger_rows (import_id, kind_id, source_row, month, charge_period_start, charge_period_end, billed_cost) VALUES (?, 1, ?, '2026-03', unixepoch(?), unixepoch(?), ?)",
    );
    return lineCounts.map((count, i) => {
      const id = Number(addImport.run(`f${i}.csv`, `sha-${i}`, count, count, count).lastInsertRowid);
      for (let row = 1; row <= count; row += 1) {
        const day = String(1 + (row % 28)).padStart(2, '0');
        addLine.run(id, row, `2026-03-${day}T00:00:00Z`, `2026-03-${day}T01:00:00Z`, 1_000_000_000n * BigInt(row));
      }
      return id;
    });
  }

  /** Runs `remove` in a transaction, as the app does, and returns the lines removed and the indexes it built. */
  function removing(db: Database.Database, ids: number[]): { lines: number; built: string[] } {
    const built: string[] = [];
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) built.push(sql);
      return exec(sql);
    };
    try {
      const lines = db.transaction(() => new ImportRepository(db).remove(ids))();
      return { lines, built };
    } finally {
      db.exec = exec;
    }
  }

  it('keeps the indexes up while removing a small part of the ledger, and drops and builds them again around a large part', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    const before = ledgerIndexes(db);
    // 40 lines in all: 3 is under one in REBUILD_WHEN_REMOVING_ONE_IN (10 × 3 = 30 < 40), 33 of the 37 left are over it.
    const [large, small, rest] = seed(db, [33, 3, 4]) as [number, number, number];
    expect(REBUILD_WHEN_REMOVING_ONE_IN).toBe(10);

    expect(removing(db, [small])).toEqual({ lines: 3, built: [] });
    const { lines, built } = removing(db, [large]);
    expect(lines).toBe(33);
    expect(built).toEqual(before.map((i) => i.sql));

    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
    // Only the third import's 4 lines and record are left.
    expect(db.prepare('SELECT import_id, count(*) AS n FROM ledger_rows GROUP BY import_id').all()).toEqual([{ import_id: rest, n: 4 }]);
    expect(db.prepare('SELECT id FROM imports').pluck().all()).toEqual([rest]);
  });

  it('leaves the indexes as they were when a removal fails part-way and is rolled back', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    const before = ledgerIndexes(db);
    const [only] = seed(db, [5]) as [number];
    // A line pointing at the import from a table that forbids its removal makes the import's DELETE fail after its lines went.
    db.exec('CREATE TABLE pinned (import_id INTEGER REFERENCES imports(id))');
    db.prepare('INSERT INTO pinned VALUES (?)').run(only);
    expect(() => removing(db, [only])).toThrow(/FOREIGN KEY/);
    expect(ledgerIndexes(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM ledger_rows').pluck().get()).toBe(5);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
  });
});
