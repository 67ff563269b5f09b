import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerUsage } from '../../../electron/backend/contracts/ledger-usage';
import { ImportRepository } from '../../../electron/backend/imports/import-repository';
import { importInline } from '../../../electron/backend/imports/import-service';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import { LedgerWriter } from '../../helpers/ledger-writer';
import { usageLine } from '../../helpers/ledger-workspace';
import { REPO_ROOT, tempDir } from '../../helpers/temp';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'invoice-check');
const POLICY = { onRejects: 'abort', onOverlap: 'keep', dryRun: false } as const;

/**
 * Bills' lines that group across projects, spellings, publishers and days, with fees without a quantity, a correction
 * and lines without a model; written twice over, so every group has lines far apart in the table.
 */
const BILLED = [
  usageLine('2026-05-01', { model: 'gpt-4.1', modelRaw: 'gpt-4.1-2025-04-14', subAccount: 'p1', quantity: 1_000_000, billed: '1.70' }),
  usageLine('2026-05-01', { model: 'gpt-4.1', modelRaw: 'gpt-4.1', subAccount: 'p2', quantity: 2_000_000, billed: '3.40' }),
  usageLine('2026-05-01', { model: 'gpt-4.1', modelRaw: null, subAccount: 'p3', quantity: 500_000.5, billed: '0.85' }),
  usageLine('2026-05-02', { model: 'gpt-4.1', usageClass: 'output', quantity: 100_000, billed: '0.68' }),
  usageLine('2026-05-02', { model: 'gpt-4.1', usageClass: 'output', quantity: -20_000, billed: '-0.136' }),
  usageLine('2026-05-02', { provider: 'aws', publisher: 'anthropic', model: 'claude-sonnet-4-5', region: 'global', quantity: 1_000_000, billed: '3.00' }),
  usageLine('2026-05-02', { provider: 'aws', publisher: null, model: 'claude-sonnet-4-5', region: 'global', quantity: 1_000_000, billed: '3.00' }),
  usageLine('2026-05-03', { chargeCategory: 'purchase', model: null, usageClass: 'other', quantity: null, unit: 'fee', billed: '25.00' }),
  usageLine('2026-05-03', { model: null, modelRaw: 'mystery-model', quantity: 10, billed: '0.01' }),
  usageLine('2026-05-03', { model: null, modelRaw: 'another-model', quantity: 10, billed: '0.02' }),
];

/** A usage report's lines (no cost) of one day, item and project, one of them without a quantity: one group. */
const REPORTED = [
  usageLine('2026-05-03', { model: 'gpt-4.1', subAccount: 'p9', quantity: 1_000, billed: '0' }),
  usageLine('2026-05-03', { model: 'gpt-4.1', subAccount: 'p9', quantity: null, billed: '0' }),
];

describe('the invoice check’s grouping read in slices of the table gives what one GROUP BY gives', () => {
  const { dir, cleanup } = tempDir();
  let ws: Workspace;
  beforeAll(async () => {
    ws = Workspace.create(path.join(dir, 'slices.aispend'), { appVersion: 'test' });
    // A costs export (money, no quantities) and the usage report that pairs with it, then the bills' lines twice.
    await importInline(ws.db, path.join(FIXTURES, 'openai-costs-2026-04-29-to-05-02.json'), {}, POLICY);
    await importInline(ws.db, path.join(FIXTURES, 'openai-usage-2026-04-29-to-05-03.json'), {}, POLICY);
    const repo = new ImportRepository(ws.db);
    const write = (name: string, lines: typeof BILLED, costBasis: 'billed' | 'list') =>
      ws.db.transaction(() => {
        const id = repo.begin({ fileName: `${name}.csv`, filePath: null, fileSize: null, sha256: name, format: 'test', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString(), costBasis });
        const writer = new LedgerWriter(ws.db, id);
        lines.forEach((l, i) => writer.write({ ...l, sourceRow: i + 2 }));
        // The test writer leaves the basis to the column's default (billed); a usage report's lines are at list.
        ws.db.prepare('UPDATE ledger_lines SET cost_basis = ? WHERE import_id = ?').run(costBasis, id);
        repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: lines.length, rowsImported: lines.length, rowsRejected: 0, linesWritten: lines.length, finishedAt: new Date().toISOString(), totals: [] });
      })();
    write('bill-1', BILLED, 'billed');
    write('report', REPORTED, 'list');
    write('bill-2', BILLED, 'billed');
  });
  afterAll(() => {
    ws.close();
    cleanup();
  });

  it('the whole ledger, and a span read in order, sliced down to one line', () => {
    const whole = ledgerUsage(ws.db, { sliceRows: 1_000_000 });
    // Not a trivial ledger: costs paired with usage, usage no cost took, bills' lines grouped across the two passes.
    expect(whole.pairedLines).toBeGreaterThan(0);
    expect(whole.usageOnly.length).toBeGreaterThan(0);
    expect(whole.lines.find((l) => l.ref === '2026-05-01 openai gpt-4.1 input standard')).toMatchObject({ modelRaw: 'gpt-4.1', quantity: 7_000_001, billedCost: 11_900_000_000n, ledgerLines: 6 });
    expect(whole.lines.filter((l) => l.provider === 'aws').map((l) => [l.publisher, l.ledgerLines])).toEqual([
      [null, 2],
      ['anthropic', 2],
    ]);
    expect(whole.usageOnly.find((l) => l.ref.startsWith('2026-05-03 openai gpt-4.1 input standard p9'))).toMatchObject({ quantity: 1_000, ledgerLines: 2 });
    for (const sliceRows of [1, 2, 3, 7, 50]) expect(ledgerUsage(ws.db, { sliceRows })).toEqual(whole);
    const span = { from: '2026-04-30', through: '2026-05-03' };
    expect(ledgerUsage(ws.db, { ...span, sliceRows: 4 })).toEqual(ledgerUsage(ws.db, { ...span, sliceRows: 1_000_000 }));
    expect(ledgerUsage(ws.db, { providers: ['openai'], sliceRows: 5 })).toEqual(ledgerUsage(ws.db, { providers: ['openai'], sliceRows: 1_000_000 }));
  });
});
