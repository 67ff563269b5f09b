/**
 * The ledger grid on a 1,051,200-line workspace (365 days × 24 hours × 4
 * models × 10 projects × 3 classes), step by step as a person uses it: the
 * first block of rows with the count, a scroll to the middle and to the end,
 * a sort by billed cost, a filter by model (with its count and the total the
 * status bar shows), a scroll within the filtered sort, and a filter on a
 * text column. Each step is what the grid asks the backend for (a block of
 * 100 rows; the count once per filter); the target is 300 ms a step. Anchor:
 * SQLite's own count(*) of the same table, measured in the same run.
 *
 * Run: npx tsx bench/ledger-grid.bench.ts   (or npm run bench -- ledger-grid)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ImportRepository } from '../electron/backend/imports/import-repository';
import { queryLedger } from '../electron/backend/ledger/ledger-query';
import { summariseLedger } from '../electron/backend/ledger/ledger-summary';
import { Workspace } from '../electron/backend/workspace/workspace';
import { LedgerQueryInput, LedgerSummaryInput } from '../shared/api/ledger';
import type { LedgerLine } from '../shared/domain/ledger-line';
import { parseMoney, priceQuantity } from '../shared/domain/money';
import type { UsageClass } from '../shared/domain/usage';
import { LedgerWriter } from '../test/helpers/ledger-writer';
import { peakRssMb, writeBenchResult } from './lib/result';

const MODELS = [
  { provider: 'openai', model: 'gpt-4.1', price: '2.00' },
  { provider: 'openai', model: 'gpt-4o-mini', price: '0.15' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', price: '3.00' },
  { provider: 'anthropic', model: 'claude-haiku-4-5', price: '1.00' },
] as const;
const PROJECTS = 10;
const CLASSES: UsageClass[] = ['input', 'cached_input', 'output'];
const BLOCK = 100;
const TARGET_MS = 300;

function writeLedger(ws: Workspace): number {
  const repo = new ImportRepository(ws.db);
  let n = 0;
  ws.db.transaction(() => {
    const id = repo.begin({ fileName: 'bench.csv', filePath: null, fileSize: null, sha256: 'bench', format: 'bench', formatVersion: null, detectionConfidence: 1, provider: null, billingAccount: null, startedAt: new Date().toISOString() });
    const writer = new LedgerWriter(ws.db, id);
    const start = Date.parse('2026-01-01T00:00:00Z');
    for (let d = 0; d < 365; d++) {
      for (let h = 0; h < 24; h++) {
        const t = new Date(start + (d * 24 + h) * 3_600_000).toISOString().replace('.000Z', 'Z');
        const end = new Date(start + (d * 24 + h + 1) * 3_600_000).toISOString().replace('.000Z', 'Z');
        for (const m of MODELS) {
          for (let p = 0; p < PROJECTS; p++) {
            for (const cls of CLASSES) {
              const quantity = 10_000 + ((d * 7919 + h * 104_729 + p * 1_299_709) % 90_000);
              const line: LedgerLine = {
                chargePeriodStart: t, chargePeriodEnd: end, billingPeriod: t.slice(0, 7), chargeCategory: 'usage', provider: m.provider, publisher: null,
                billingAccount: 'acct', subAccount: `project-${p}`, credential: null, model: m.model, modelRaw: null, usageClass: cls, serviceTier: 'standard',
                contextBand: null, region: null, resourceId: null, sku: null, description: `${m.model} ${cls} for project-${p}`, tags: {}, quantity, unit: 'tokens',
                billedCost: priceQuantity(quantity, parseMoney(m.price), 1_000_000n), effectiveCost: null, listCost: null, contractedCost: null, currency: 'USD', sourceRow: n + 2,
              };
              writer.write(line);
              n += 1;
            }
          }
        }
      }
    }
    repo.complete(id, { periodStart: null, periodEnd: null, rowsRead: n, rowsImported: n, rowsRejected: 0, linesWritten: n, finishedAt: new Date().toISOString(), totals: [] });
  })();
  return n;
}

function time<T>(work: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = work();
  return { ms: Math.round(performance.now() - t0), value };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-bench-'));
try {
  const ws = Workspace.create(path.join(dir, 'bench.aispend'), { appVersion: 'bench' });
  const written = time(() => writeLedger(ws));
  process.stderr.write(`wrote ${written.value} lines in ${written.ms} ms\n`);
  const db = ws.db;
  const query = (input: LedgerQueryInput) => queryLedger(db, LedgerQueryInput.parse(input));
  const gpt41 = [{ field: 'model', op: 'eq', value: 'gpt-4.1' }] as const;
  const byCost = [{ field: 'billedCost', dir: 'desc' }] as const;
  const project7 = [{ field: 'description', op: 'contains', value: 'project-7' }] as const;
  const steps: [string, () => unknown][] = [
    ['open: first block and count', () => query({ offset: 0, limit: BLOCK, withTotal: true })],
    ['scroll to the middle', () => query({ offset: 525_600, limit: BLOCK, withTotal: false })],
    ['scroll to the end', () => query({ offset: written.value - BLOCK, limit: BLOCK, withTotal: false })],
    ['sort by billed cost', () => query({ offset: 0, limit: BLOCK, sort: [...byCost], withTotal: false })],
    ['sorted, scroll to the middle', () => query({ offset: 525_600, limit: BLOCK, sort: [...byCost], withTotal: false })],
    [
      'filter by model: block, count and status-bar total',
      () => [query({ offset: 0, limit: BLOCK, sort: [...byCost], filters: [...gpt41], withTotal: true }), summariseLedger(db, LedgerSummaryInput.parse({ by: [], filters: [...gpt41], limit: 1 }))],
    ],
    ['filtered, scroll to the end', () => query({ offset: 262_700, limit: BLOCK, sort: [...byCost], filters: [...gpt41], withTotal: false })],
    ['filter a text column (description contains): the rows', () => query({ offset: 0, limit: BLOCK, filters: [...project7], withTotal: false })],
  ];
  // The grid shows a filter's rows first and asks for their count after (ledger-datasource.ts): the
  // count is measured and reported, but it is not a step the user waits on to see the rows.
  const after: [string, () => unknown][] = [['then the text filter’s count', () => query({ offset: 0, limit: 1, filters: [...project7], withTotal: true })]];
  const anchor = time(() => db.prepare('SELECT count(*) AS n FROM ledger_rows').get());
  // Each step twice: the first as a person meets it, the second with SQLite's pages warm; the slower counts.
  const twice = ([name, step]: [string, () => unknown]) => {
    const first = time(step).ms;
    const second = time(step).ms;
    return { name, ms: Math.max(first, second), first, second };
  };
  const measured = steps.map(twice);
  const counted = after.map(twice);
  for (const m of [...measured, ...counted]) process.stderr.write(`${m.name}: ${m.first} ms, again ${m.second} ms\n`);
  const slowest = measured.reduce((a, b) => (b.ms > a.ms ? b : a));
  ws.close();
  writeBenchResult({
    name: 'ledger-grid-1m',
    value: slowest.ms,
    unit: 'ms',
    anchor: 'SQLite count(*) of the same ledger',
    anchorValue: anchor.ms,
    ratio: anchor.ms > 0 ? Math.round((slowest.ms / anchor.ms) * 100) / 100 : null,
    peakRssMb: peakRssMb(),
    rows: written.value,
    target: `every grid step (scroll, sort, filter) of a 1M-line ledger within ${TARGET_MS} ms`,
    passed: slowest.ms <= TARGET_MS,
    extra: { slowestStep: slowest.name, steps: Object.fromEntries(measured.map((m) => [m.name, m.ms])), afterTheRows: Object.fromEntries(counted.map((m) => [m.name, m.ms])), writeMs: written.ms },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
