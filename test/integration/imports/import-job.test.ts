import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WAIT_FOR_LINES_STAGE } from '../../../electron/backend/imports/import-writer';
import type { RunImportResult } from '../../../shared/api/imports';
import { isWorkbenchError, type WorkbenchError } from '../../../shared/domain/errors';
import { startBackend } from '../../helpers/backend';

type Started = Awaited<ReturnType<typeof startBackend>>;

const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    if (isWorkbenchError(error)) return error;
    throw error;
  }
  throw new Error('expected the job to fail');
}

describe('imports.run (two worker threads, one transaction)', () => {
  let s: Started;
  let dir: string;
  const counts = async () => {
    const info = await s.client.call('workspace.info', {});
    return { lines: info.ledgerLines, imports: info.imports };
  };
  const run = (input: Parameters<Started['client']['runJob']>[1]) => s.client.runJob('imports.run', input as never).result as Promise<RunImportResult>;

  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    dir = s.dir;
    await s.client.call('workspace.new', { path: path.join(dir, 'imports.aispend') });
  });
  afterAll(async () => s.stop());

  it('imports an OpenAI costs page, reconciled to the cent, and stores it', async () => {
    const result = await run({ path: fixture('openai-costs', 'costs-page.json') });
    expect(result.status).toBe('imported');
    expect(result.detection).toMatchObject({ formatId: 'openai-costs', version: 'v1', confidence: 1 });
    expect(result.costBasis).toBe('billed');
    // README: 6 results; 1.25 + 3.5 + 0.000042 + 0.06 + 0.1234567890123 + 12 = 16.9334987890123 (lands as 16.933498789).
    expect([result.rowsRead, result.rowsImported, result.rowsRejected, result.linesImported]).toEqual([6, 6, 0, 6]);
    expect(result.totals).toEqual([{ currency: 'USD', sourceTotal: '16.9334987890123', importedTotal: '16.933498789', rejectedTotal: '0.00', difference: '0.00', reconciled: true, categories: [{ category: 'usage', importedTotal: '16.933498789', lines: 6 }] }]);
    expect(result.period).toEqual({ start: '2026-03-01T00:00:00Z', end: '2026-03-04T00:00:00Z' });

    expect(await counts()).toEqual({ lines: 6, imports: 1 });
    const [stored] = (await s.client.call('imports.list', {})).imports;
    expect(stored).toMatchObject({
      id: result.importId,
      fileName: 'costs-page.json',
      format: 'openai-costs',
      status: 'complete',
      costBasis: 'billed',
      provider: 'openai',
      rowsRead: 6,
      linesWritten: 6,
      periodStart: '2026-03-01T00:00:00Z',
      periodEnd: '2026-03-04T00:00:00Z',
    });
    expect(stored!.totals).toEqual(result.totals);
    expect(stored!.decidedBy).toContain('amount.value');
    expect(stored!.reader.kind).toBe('json');

    // Where the time went: both threads' stages, each with wall seconds and no more CPU than wall
    // (give or take the 10 ms the kernel may lag in counting a running thread's CPU time).
    const stages = new Set(result.profile.map((p) => `${p.thread}: ${p.stage}`));
    for (const stage of ['read: map rows (exact decimals, dates, models, reconciliation)', 'write: insert rows (SQLite)', 'write: build the ledger indexes', 'write: commit', 'write: checkpoint (WAL into the workspace file)', `write: ${WAIT_FOR_LINES_STAGE}`]) {
      expect(stages).toContain(stage);
    }
    for (const p of result.profile) {
      expect(p.seconds).toBeGreaterThanOrEqual(0);
      if (p.cpuSeconds !== undefined) expect(p.cpuSeconds).toBeLessThanOrEqual(p.seconds + 0.01);
    }
  });

  it('refuses the same file again, naming the earlier import, and changes nothing', async () => {
    const before = await counts();
    // A copy under another name is still the same file (by its bytes).
    const copy = path.join(dir, 'renamed-costs.json');
    copyFileSync(fixture('openai-costs', 'costs-page.json'), copy);
    const error = await failure(run({ path: copy }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/already imported: import #\d+ \(costs-page\.json, 2026-03-01 to 2026-03-04\)/);
    expect((error.details as { reason: string }).reason).toBe('already_imported');
    expect(await counts()).toEqual(before);
  });

  it('flags a file whose period overlaps an import of the same provider and account, and does as the user chooses', async () => {
    // The same three buckets as JSON Lines: another file (another sha256), the same period and account.
    const overlapping = fixture('openai-costs', 'costs-buckets.jsonl');
    const before = await counts();
    const asked = await failure(run({ path: overlapping }));
    expect(asked.code).toBe('conflict');
    expect(asked.message).toContain('overlaps import #');
    const details = asked.details as { reason: string; overlaps: { fileName: string }[] };
    expect(details.reason).toBe('overlap');
    expect(details.overlaps.map((o) => o.fileName)).toEqual(['costs-page.json']);
    expect(await counts()).toEqual(before);

    const skipped = await run({ path: overlapping, onOverlap: 'skip' });
    expect(skipped.status).toBe('skipped');
    expect(skipped.overlaps.map((o) => o.fileName)).toEqual(['costs-page.json']);
    expect(await counts()).toEqual(before);

    const replaced = await run({ path: overlapping, onOverlap: 'replace' });
    expect(replaced.status).toBe('imported');
    expect(replaced.replaced.map((o) => o.fileName)).toEqual(['costs-page.json']);
    // The page's 6 lines went with it; the JSON Lines file brought its own 6.
    expect(await counts()).toEqual({ lines: 6, imports: 1 });
    const stored = await s.client.call('imports.get', { importId: replaced.importId! });
    expect(stored.overlapChoice).toBe('replace');
    expect(stored.replaced.map((r) => r.fileName)).toEqual(['costs-page.json']);

    const kept = await run({ path: fixture('openai-costs', 'costs-page.json'), onOverlap: 'keep' });
    expect(kept.status).toBe('imported');
    expect(await counts()).toEqual({ lines: 12, imports: 2 });
  });

  it('lists rejected rows and aborts, or imports the rest as the user chooses', async () => {
    // OpenAI usage README: 4 results, result 3 rejected (cached 20 > input 10), 12 lines from the other three.
    const file = fixture('openai-usage', 'completions-page.json');
    const before = await counts();
    const aborted = await failure(run({ path: file }));
    expect(aborted.code).toBe('invalid_file');
    expect(aborted.field).toBe('input_cached_tokens');
    expect(aborted.message).toContain('1 row of 4 rejected');
    const details = aborted.details as { rejected: { row: number; field: string; reason: string }[] };
    expect(details.rejected).toHaveLength(1);
    expect(details.rejected[0]!.reason).toContain('cached tokens (20) exceed input tokens (10)');
    expect(await counts()).toEqual(before);

    // (Usage of the same organisation and month as the costs files above: flagged as overlapping, kept on purpose.)
    const rest = await run({ path: file, onRejects: 'import', onOverlap: 'keep' });
    expect([rest.status, rest.rowsRead, rest.rowsImported, rest.rowsRejected, rest.linesImported]).toEqual(['imported', 4, 3, 1, 12]);
    // Usage only: no cost column, so no reconciliation entry and the lines are priced from the price book, not billed at 0.
    expect(rest.costBasis).toBe('list');
    expect(rest.totals).toEqual([]);
    const stored = await s.client.call('imports.get', { importId: rest.importId! });
    expect([stored.status, stored.costBasis]).toEqual(['partial', 'list']);
    const rejections = await s.client.call('imports.rejections', { importId: rest.importId! });
    expect(rejections.total).toBe(1);
    expect(rejections.rejections[0]).toMatchObject({ file: 'completions-page.json', field: 'input_cached_tokens', value: '20' });
    const lines = s.backend.workspace().db.prepare('SELECT DISTINCT cost_basis FROM ledger_lines WHERE import_id = ?').all(rest.importId) as { cost_basis: string }[];
    expect(lines).toEqual([{ cost_basis: 'list' }]);
  });

  it('reads and reconciles everything in a dry run but writes nothing', async () => {
    const before = await counts();
    const result = await run({ path: fixture('focus', 'focus-1.2-ai.csv'), dryRun: true });
    expect(result.status).toBe('dry_run');
    expect(result.importId).toBeNull();
    expect(result.detection.formatId).toBe('focus');
    expect(result.totals.every((t) => t.reconciled)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('names the file and field when a file is not a statement, and writes nothing', async () => {
    const before = await counts();
    const garbage = path.join(dir, 'notes.csv');
    writeFileSync(garbage, 'name,colour\nalice,blue\n');
    const error = await failure(run({ path: garbage }));
    expect(error.code).toBe('unrecognised_format');
    expect(error.file).toBe('notes.csv');
    const missing = await failure(run({ path: path.join(dir, 'nope.csv') }));
    expect([missing.code, missing.file]).toEqual(['not_found', 'nope.csv']);
    expect(await counts()).toEqual(before);
  });
});
