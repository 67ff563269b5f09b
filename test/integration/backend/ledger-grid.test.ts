import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linesWithKind, rowsWhere } from '../../../electron/backend/ledger/filters';
import { queryLedger } from '../../../electron/backend/ledger/ledger-query';
import { summariseLedger } from '../../../electron/backend/ledger/ledger-summary';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { LedgerQueryInput, LedgerSummaryInput, type LedgerFilter, type LedgerRow } from '../../../shared/api/ledger';
import { parseMoney } from '../../../shared/domain/money';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';
import { tempDir } from '../../helpers/temp';

/**
 * The grid asks for blocks by offset; whatever index answers a block, the
 * blocks laid end to end must be exactly the filtered lines in the sort's
 * order, ties broken by line id in the direction of the last sort key.
 * The expected order here is worked out in JavaScript from the lines as
 * written, not by SQL.
 */
const MODELS = ['gpt-4.1', 'gpt-4o-mini', 'claude-haiku-4-5', null] as const;
// Few distinct costs over many lines, so most lines tie with others on cost.
const COSTS = ['0.10', '2.5', '-0.25', '0', '2.5', '10'] as const;
const LINES = 257;

interface Written {
  id: number;
  model: string | null;
  billed: bigint;
  description: string;
}

describe('ledger.query paging: blocks equal one plain ordered list, ties included', () => {
  const temp = tempDir('aispend-paging-');
  const file = path.join(temp.dir, 'paging.aispend');
  let ws: Workspace;
  const written: Written[] = [];
  beforeAll(() => {
    const lines = Array.from({ length: LINES }, (_, i) => {
      const model = MODELS[(i * 7) % MODELS.length]!;
      const billed = COSTS[(i * 5 + (i >> 3)) % COSTS.length]!;
      const description = `line ${i} ${i % 3 === 0 ? 'batch' : 'online'}`;
      return usageLine(`2026-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')}`, { billed, model, description });
    });
    createLedgerWorkspace(file, lines);
    ws = Workspace.open(file, { appVersion: 'test' });
    // Line ids are given in writing order, from 1.
    const ids = (ws.db.prepare('SELECT id FROM ledger_lines ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    expect(ids).toHaveLength(LINES);
    lines.forEach((l, i) => written.push({ id: ids[i]!, model: l.model, billed: l.billedCost, description: l.description! }));
  });
  afterAll(() => {
    ws.close();
    temp.cleanup();
  });

  const pageThrough = (sort: LedgerQueryInput['sort'], filters: LedgerFilter[], block: number): { ids: number[]; total: number } => {
    const ids: number[] = [];
    let total = -1;
    for (let offset = 0; offset < LINES + block; offset += block) {
      const page = queryLedger(ws.db, LedgerQueryInput.parse({ offset, limit: block, sort, filters, withTotal: offset === 0 }));
      if (offset === 0) total = page.total!;
      ids.push(...page.rows.map((r: LedgerRow) => r.id));
    }
    return { ids, total };
  };

  const cmp = (a: string | bigint | null, b: string | bigint | null): number => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1);
  const expected = (keep: (w: Written) => boolean, keys: ((w: Written) => string | bigint | null)[], dirs: ('asc' | 'desc')[]): number[] => {
    const tieDir = dirs.at(-1) ?? 'asc';
    return written
      .filter(keep)
      .sort((a, b) => {
        for (let k = 0; k < keys.length; k++) {
          const c = cmp(keys[k]!(a), keys[k]!(b));
          if (c !== 0) return dirs[k] === 'desc' ? -c : c;
        }
        return tieDir === 'desc' ? b.id - a.id : a.id - b.id;
      })
      .map((w) => w.id);
  };

  it('unsorted: every line once, in id order, whatever the block size', () => {
    for (const block of [1, 7, 100]) expect(pageThrough([], [], block).ids).toEqual(written.map((w) => w.id));
  });

  it('sorted by billed cost either way: equal costs by id in the same direction, no line twice or missed', () => {
    const desc = pageThrough([{ field: 'billedCost', dir: 'desc' }], [], 7);
    expect(desc.total).toBe(LINES);
    expect(desc.ids).toEqual(expected(() => true, [(w) => w.billed], ['desc']));
    // The dearest lines are the 10.00 ones, the highest id first.
    const tens = written.filter((w) => w.billed === parseMoney('10')).map((w) => w.id);
    expect(desc.ids.slice(0, tens.length)).toEqual([...tens].reverse());
    expect(pageThrough([{ field: 'billedCost', dir: 'asc' }], [], 13).ids).toEqual(expected(() => true, [(w) => w.billed], ['asc']));
  });

  it('filtered by model: the pages past the middle, read from the end, are the same lines in the same order', () => {
    const haiku: LedgerFilter[] = [{ field: 'model', op: 'eq', value: 'claude-haiku-4-5' }];
    const want = expected((w) => w.model === 'claude-haiku-4-5', [], []);
    // Blocks of 3 and 2: from offset 30 and 20 on (ten blocks in) a page past the middle is read backwards.
    expect(want.length).toBeGreaterThan(60);
    expect(pageThrough([], haiku, 3).ids).toEqual(want);
    expect(pageThrough([{ field: 'billedCost', dir: 'asc' }], haiku, 2).ids).toEqual(expected((w) => w.model === 'claude-haiku-4-5', [(w) => w.billed], ['asc']));
  });

  it('filtered by model and sorted by cost, and by two keys in mixed directions', () => {
    const haiku: LedgerFilter[] = [{ field: 'model', op: 'eq', value: 'claude-haiku-4-5' }];
    const got = pageThrough([{ field: 'billedCost', dir: 'desc' }], haiku, 5);
    const want = expected((w) => w.model === 'claude-haiku-4-5', [(w) => w.billed], ['desc']);
    expect(got.total).toBe(want.length);
    expect(want.length).toBeGreaterThan(50);
    expect(got.ids).toEqual(want);

    const mixed = pageThrough(
      [
        { field: 'model', dir: 'asc' },
        { field: 'billedCost', dir: 'desc' },
      ],
      [],
      11,
    );
    expect(mixed.ids).toEqual(expected(() => true, [(w) => w.model, (w) => w.billed], ['asc', 'desc']));
  });

  it('a text filter and a cost range page the same way', () => {
    const filters: LedgerFilter[] = [
      { field: 'description', op: 'contains', value: 'batch' },
      { field: 'billedCost', op: 'gte', value: '0' },
    ];
    const got = pageThrough([{ field: 'billedCost', dir: 'asc' }], filters, 9);
    expect(got.ids).toEqual(expected((w) => w.description.includes('batch') && w.billed >= 0n, [(w) => w.billed], ['asc']));
  });

  it('reads deep pages of the grid’s commonest orders off an index, without sorting the ledger', () => {
    const plan = (sql: string, ...params: unknown[]) => (ws.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
    // With no filter or sort on a kind's field the grid reads the ids off ledger_rows (ledger-query.ts).
    const byCost = plan('SELECT id FROM ledger_rows ORDER BY billed_cost DESC, id DESC LIMIT 100 OFFSET 500');
    expect(byCost).toContain('COVERING INDEX ledger_rows_billed');
    expect(byCost).not.toContain('TEMP B-TREE');
    // In id order the ids are the table's own keys: a walk along the rows, never a sort (migration 013 dropped the id index).
    const byId = plan('SELECT id FROM ledger_rows ORDER BY id ASC LIMIT 100 OFFSET 500');
    // In id order the ids are the table's own keys: a walk along the rows, never a sort (migration 013 dropped the id index).
    expect(byId).toBe('SCAN ledger_rows');
    // A model is the few kinds that name it: found by model, then their lines by month and kind, a seek per month
    // the ledger holds (sorted: a model spans several kinds). Never a pass over every line.
    const filters: LedgerFilter[] = [{ field: 'model', op: 'eq', value: 'gpt-4.1' }];
    const rows = rowsWhere(filters);
    const model = plan(`SELECT id FROM ledger_rows ${rows.sql} ORDER BY billed_cost DESC, id DESC LIMIT 100 OFFSET 500`, ...rows.params);
    expect(model).toContain('INDEX ledger_kinds_model (model=?)');
    expect(model).toContain('COVERING INDEX ledger_rows_month_kind (month=? AND kind_id=?)');
    expect(model).not.toMatch(/SCAN ledger_rows\b/);
    // The totals of a model's lines read the kinds first, then each kind's lines by month and kind.
    const lines = linesWithKind(filters);
    const totals = plan(`SELECT count(*), sum(billed_cost), min(currency) FROM ${lines.from} ${lines.where.sql}`, ...lines.where.params);
    expect(totals).toContain('INDEX ledger_kinds_model (model=?)');
    expect(totals).toContain('COVERING INDEX ledger_rows_month_kind (month=? AND kind_id=?)');
    expect(totals).not.toMatch(/SCAN r\b/);
    // Sorted by a kind's field too: still the kinds first, never a throwaway index on the kind built over every line.
    const otherProviders = linesWithKind([{ field: 'provider', op: 'neq', value: 'openai' }]);
    const byModel = plan(`SELECT id FROM ${otherProviders.from} ${otherProviders.where.sql} ORDER BY model ASC, id ASC LIMIT 100 OFFSET 500`, ...otherProviders.where.params);
    expect(byModel).toContain('COVERING INDEX ledger_rows_month_kind (month=? AND kind_id=?)');
    expect(byModel).not.toContain('AUTOMATIC');
  });
});

describe('ledger.summary with no grouping: the status bar’s totals', () => {
  const temp = tempDir('aispend-status-');
  const file = path.join(temp.dir, 'status.aispend');
  let ws: Workspace;
  beforeAll(() => {
    createLedgerWorkspace(file, [
      usageLine('2026-03-01', { billed: '1.10', list: '1.20' }),
      usageLine('2026-03-02', { billed: '2.25', model: 'gpt-4o-mini', quantity: null }),
      usageLine('2026-03-03', { billed: '-0.35', chargeCategory: 'credit' }),
      usageLine('2026-03-04', { billed: '5', currency: 'EUR', provider: 'mistral', model: 'mistral-large' }),
      usageLine('2026-03-05', { billed: '0.5', currency: 'EUR', provider: 'mistral', model: 'mistral-large', list: '0.75' }),
    ]);
    ws = Workspace.open(file, { appVersion: 'test' });
  });
  afterAll(() => {
    ws.close();
    temp.cleanup();
  });
  const totals = (filters: LedgerFilter[]) => summariseLedger(ws.db, LedgerSummaryInput.parse({ by: [], filters, limit: 10 }));

  it('one currency: one row, the exact sums', () => {
    const usd = totals([{ field: 'currency', op: 'eq', value: 'USD' }]);
    expect(usd.total).toBe(1);
    // 1.10 + 2.25 − 0.35 = 3.00; list only on the first line; one line without a quantity; the credit has no list cost but is not usage.
    expect(usd.rows[0]).toMatchObject({ currency: 'USD', lines: 3, quantity: 2_000_000, quantityMissing: 1, billedCost: '3.00', effectiveCost: '3.00', listCost: '1.20', listCostMissing: 1 });
    expect(usd.totals).toMatchObject([{ currency: 'USD', lines: 3, billedCost: '3.00' }]);
  });

  it('two currencies: never added together, one row each', () => {
    const all = totals([]);
    expect(all.rows.map((r) => [r.currency, r.lines, r.billedCost, r.listCost])).toEqual([
      ['EUR', 2, '5.50', '0.75'],
      ['USD', 3, '3.00', '1.20'],
    ]);
  });

  it('no line matches: no rows and no totals', () => {
    const none = totals([{ field: 'model', op: 'eq', value: 'no-such-model' }]);
    expect(none.rows).toEqual([]);
    expect(none.totals).toEqual([]);
    expect(none.total).toBe(0);
  });
});
