import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StageClock } from '../../../electron/backend/imports/import-profile';
import { APPEND_CACHE_KB, INDEX_BUILD_CACHE_KB, LedgerIndexes, indexBuildStage } from '../../../electron/backend/imports/ledger-bulk-writer';
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

function ledgerIndexes(db: Database.Database): { name: string; sql: string }[] {
  return db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' AND sql IS NOT NULL ORDER BY name").all() as { name: string; sql: string }[];
}

describe('ledger indexes around a bulk load', () => {
  it('drops every secondary index and builds the same ones again, with narrower caches for the load and the sort, then restores the connection', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    db.pragma('threads = 0');
    const before = ledgerIndexes(db);
    // Migration 011: import, month × kind, period, id, billed cost, kind, contract applied.
    expect(before.map((i) => i.name)).toEqual([
      'ledger_rows_billed',
      'ledger_rows_contract_applied',
      'ledger_rows_id',
      'ledger_rows_import',
      'ledger_rows_kind',
      'ledger_rows_month_kind',
      'ledger_rows_period',
    ]);
    const clock = new StageClock('write');
    const indexes = new LedgerIndexes(db, clock);
    db.exec('BEGIN');
    indexes.drop();
    expect(indexes.isDropped).toBe(true);
    expect(ledgerIndexes(db)).toEqual([]);
    // A negative cache_size is KiB: 16 MiB while lines are appended to the bare table.
    expect(APPEND_CACHE_KB).toBe(16384);
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
    expect(seen).toHaveLength(7);
    // 8 MiB while sorting, two helper threads.
    expect(seen.every((s) => s.cache === -INDEX_BUILD_CACHE_KB && s.threads === 2)).toBe(true);
    expect(INDEX_BUILD_CACHE_KB).toBe(8192);
    expect(db.pragma('cache_size', { simple: true })).toBe(-32768);
    expect(db.pragma('threads', { simple: true })).toBe(0);
    // Each rebuilt index is a stage of the profile of its own.
    expect(clock.stages().map((s) => s.stage)).toEqual(before.map((i) => indexBuildStage(i.name)));
  });

  it('never raises a cache that is already smaller', () => {
    const db = workspace();
    db.pragma('cache_size = 1000'); // pages of 4 KiB: about 3.9 MiB
    expect(db.pragma('page_size', { simple: true })).toBe(4096);
    db.exec('BEGIN');
    const indexes = new LedgerIndexes(db);
    indexes.drop();
    expect(db.pragma('cache_size', { simple: true })).toBe(1000);
    let during = 0;
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql.startsWith('CREATE INDEX')) during = db.pragma('cache_size', { simple: true }) as number;
      return exec(sql);
    };
    indexes.rebuild();
    db.exec = exec;
    db.exec('COMMIT');
    expect(during).toBe(1000);
    expect(db.pragma('cache_size', { simple: true })).toBe(1000);
  });

  it('gives the connection its cache back after a rollback, with the indexes as they were', () => {
    const db = workspace();
    db.pragma('cache_size = -32768');
    const before = ledgerIndexes(db);
    const indexes = new LedgerIndexes(db);
    db.exec('BEGIN');
    indexes.drop();
    expect(db.pragma('cache_size', { simple: true })).toBe(-16384);
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
