/**
 * Big cloud exports kept as `ai`: the AI lines land line by line, the rest
 * summed per day × service × account × charge category × currency, and the
 * import reconciles to exactly the same per-currency totals (and per-category
 * totals and line counts) as keeping every line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateStatement } from '../../../bench/generate';
import { importInline } from '../../../electron/backend/imports/import-service';
import { Workspace } from '../../../electron/backend/workspace/workspace';
import type { RunImportResult } from '../../../shared/api/imports';
import { startBackend } from '../../helpers/backend';

const FIXTURES = path.resolve(__dirname, '../../fixtures/formats');
const POLICY = { onRejects: 'import', onOverlap: 'keep', dryRun: false } as const;

const CUR_HEADER =
  'bill_billing_period_start_date,bill_payer_account_id,line_item_usage_account_id,line_item_line_item_type,line_item_usage_start_date,line_item_usage_end_date,line_item_product_code,line_item_usage_type,line_item_resource_id,line_item_usage_amount,line_item_currency_code,line_item_unblended_cost,line_item_net_unblended_cost,pricing_unit,product,resource_tags';
// payer, usage account, type, start, end, product, usage type, resource, amount, currency, cost
const CUR_ROWS = [
  ['P1', 'A', 'Usage', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonBedrock', 'USE1-Claude4.5Sonnet-input-tokens', '', '1000', 'USD', '3.00'],
  ['P1', 'A', 'Usage', '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'i-1', '1', 'USD', '0.123456789'],
  ['P1', 'A', 'Usage', '2026-03-01T05:00:00Z', '2026-03-01T06:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'i-2', '1', 'USD', '0.000000001'],
  ['P1', 'B', 'Usage', '2026-03-01T02:00:00Z', '2026-03-01T03:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'i-3', '1', 'USD', '2.50'],
  ['P1', 'A', 'Tax', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonEC2', '', '', '', 'USD', '0.40'],
  ['P1', 'A', 'Usage', '2026-03-02T00:00:00Z', '2026-03-02T01:00:00Z', 'AmazonS3', 'USE1-TimedStorage-ByteHrs', 'b-1', '7', 'USD', '1.10'],
  ['P2', 'A', 'Usage', '2026-03-01T03:00:00Z', '2026-03-01T04:00:00Z', 'AmazonEC2', 'USE1-BoxUsage:m5.large', 'i-4', '1', 'EUR', '5.00'],
  ['P1', 'A', 'Credit', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonBedrock', '', '', '', 'USD', '-1.00'],
];
const CUR_CSV = `${CUR_HEADER}\n${CUR_ROWS.map((r) => `2026-03-01T00:00:00Z,${r.slice(0, 10).join(',')},${r[10]},${r[10]},${r[7] === '' ? '' : 'Hrs'},,`).join('\n')}\n`;

describe('keep ai: AI lines line by line, the rest aggregated, the same totals', () => {
  let dir: string;
  let n = 0;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-keep-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function both(file: string): Promise<{ all: RunImportResult; ai: RunImportResult; allDb: Workspace; aiDb: Workspace }> {
    n += 1;
    const allDb = Workspace.create(path.join(dir, `all-${n}.aispend`), { appVersion: 'test' });
    const aiDb = Workspace.create(path.join(dir, `ai-${n}.aispend`), { appVersion: 'test' });
    const all = await importInline(allDb.db, file, { keep: 'all' }, POLICY);
    const ai = await importInline(aiDb.db, file, { keep: 'ai' }, POLICY);
    return { all, ai, allDb, aiDb };
  }

  const ledgerTotals = (w: Workspace) =>
    w.db.prepare('SELECT currency, charge_category, CAST(sum(billed_cost) AS TEXT) AS billed, sum(source_lines) AS lines FROM ledger_lines GROUP BY currency, charge_category ORDER BY currency, charge_category').all();

  it('sums a hand-made CUR to the cent: 8 rows become 2 Bedrock lines and 5 aggregates', async () => {
    const file = path.join(dir, 'cur-small.csv');
    writeFileSync(file, CUR_CSV);
    const { all, ai, allDb, aiDb } = await both(file);
    // USD: 3.00 + 0.123456789 + 0.000000001 + 2.50 + 0.40 + 1.10 − 1.00 = 6.12345679; EUR: 5.00.
    expect(all.totals.map((t) => [t.currency, t.importedTotal, t.reconciled])).toEqual([
      ['EUR', '5.00', true],
      ['USD', '6.12345679', true],
    ]);
    expect(ai.totals).toEqual(all.totals);
    expect([all.keep, all.linesImported, all.linesAggregated]).toEqual(['all', 8, 0]);
    // Kept: the Bedrock usage and credit lines (file rows 2 and 9; row 1 is the header). Aggregated: EC2 day 1 account A usage (rows 2 and 3),
    // EC2 day 1 account B, EC2 day 1 account A tax, S3 day 2, EC2 day 1 account A in EUR: 6 rows in 5 aggregates.
    expect([ai.keep, ai.linesImported, ai.linesAggregated, ai.aggregateLines]).toEqual(['ai', 7, 6, 5]);
    const aggregates = aiDb.db
      .prepare('SELECT description, sub_account, charge_category, currency, CAST(billed_cost AS TEXT) AS billed, source_lines, charge_period_start, charge_period_end, source_row FROM ledger_lines WHERE source_row NOT IN (2, 9) ORDER BY source_row')
      .all();
    expect(aggregates).toEqual([
      // 0.123456789 + 0.000000001 = 0.12345679 → 123,456,790 nano-units, spanning 00:00 to 06:00.
      { description: 'AmazonEC2', sub_account: 'A', charge_category: 'usage', currency: 'USD', billed: '123456790', source_lines: 2, charge_period_start: '2026-03-01T00:00:00Z', charge_period_end: '2026-03-01T06:00:00Z', source_row: 3 },
      { description: 'AmazonEC2', sub_account: 'B', charge_category: 'usage', currency: 'USD', billed: '2500000000', source_lines: 1, charge_period_start: '2026-03-01T02:00:00Z', charge_period_end: '2026-03-01T03:00:00Z', source_row: 5 },
      { description: 'AmazonEC2', sub_account: 'A', charge_category: 'tax', currency: 'USD', billed: '400000000', source_lines: 1, charge_period_start: '2026-03-01T00:00:00Z', charge_period_end: '2026-03-02T00:00:00Z', source_row: 6 },
      { description: 'AmazonS3', sub_account: 'A', charge_category: 'usage', currency: 'USD', billed: '1100000000', source_lines: 1, charge_period_start: '2026-03-02T00:00:00Z', charge_period_end: '2026-03-02T01:00:00Z', source_row: 7 },
      { description: 'AmazonEC2', sub_account: 'A', charge_category: 'usage', currency: 'EUR', billed: '5000000000', source_lines: 1, charge_period_start: '2026-03-01T03:00:00Z', charge_period_end: '2026-03-01T04:00:00Z', source_row: 8 },
    ]);
    const bedrock = aiDb.db.prepare("SELECT source_row, model, charge_category, CAST(billed_cost AS TEXT) AS billed FROM ledger_lines WHERE source_row IN (2, 9) ORDER BY source_row").all();
    expect(bedrock).toEqual([
      { source_row: 2, model: 'claude-sonnet-4-5', charge_category: 'usage', billed: '3000000000' },
      { source_row: 9, model: null, charge_category: 'credit', billed: '-1000000000' },
    ]);
    expect(ledgerTotals(aiDb)).toEqual(ledgerTotals(allDb));
    const stored = aiDb.db.prepare('SELECT keep, lines_aggregated, lines_written FROM imports').get();
    expect(stored).toEqual({ keep: 'ai', lines_aggregated: 6, lines_written: 7 });
    allDb.close();
    aiDb.close();
  });

  it.each([
    ['a generated whole-account CUR 2.0 (gzip CSV, 2% Bedrock)', 'cur.csv.gz'],
    ['the same as Parquet', 'cur.parquet'],
  ])('reconciles %s to the same per-currency totals as keeping every line', async (_label, name) => {
    const generated = await generateStatement({ format: 'aws-cur-account', rows: 6_000, seed: 11, out: path.join(dir, name) });
    const { all, ai, allDb, aiDb } = await both(generated.path);
    const expected = generated.expected.totals();
    expect(Object.fromEntries(all.totals.map((t) => [t.currency, t.importedTotal]))).toEqual(expected);
    expect(all.totals.every((t) => t.reconciled)).toBe(true);
    expect(ai.totals).toEqual(all.totals);
    expect(ledgerTotals(aiDb)).toEqual(ledgerTotals(allDb));
    expect(all.linesImported).toBe(6_000);
    expect(ai.linesImported).toBeLessThan(all.linesImported);
    expect(ai.linesImported - ai.aggregateLines + ai.linesAggregated).toBe(6_000);
    // The AI lines themselves are the same lines either way (what the invoice check and the price book read).
    const modelLines = (w: Workspace) =>
      w.db.prepare('SELECT source_row, model, usage_class, service_tier, quantity, CAST(billed_cost AS TEXT) AS billed FROM ledger_lines WHERE model IS NOT NULL ORDER BY source_row').all();
    expect(modelLines(aiDb).length).toBeGreaterThan(0);
    expect(modelLines(aiDb)).toEqual(modelLines(allDb));
    allDb.close();
    aiDb.close();
  });

  it.each([
    ['Azure cost details', () => path.join(FIXTURES, 'azure-cost', 'azure-actual-ea.csv'), 1],
    [
      'a GCP billing export',
      () => {
        // The fixture's Vertex AI rows and two Compute Engine rows of one project and hour, one with a credit (its own aggregate).
        const file = path.join(dir, 'gcp.csv');
        const compute = (hour: number, cost: string, credits: string) =>
          `01ABCD,Compute Engine,C1,N2 Instance Core running in Americas,2026-04-01 0${hour}:00:00 UTC,2026-04-01 0${hour + 1}:00:00 UTC,chat-prod,[],us-east1,${cost},USD,3600,seconds,${credits},202604,regular`;
        writeFileSync(file, `${readFileSync(path.join(FIXTURES, 'gcp-billing', 'billing-export.csv'), 'utf8').trimEnd()}\n${compute(1, '0.25', '[]')}\n${compute(2, '0.50', '"[{""name"":""Sustained use"",""amount"":-0.05,""type"":""SUSTAINED_USAGE_DISCOUNT""}]"')}\n`);
        return file;
      },
      3,
    ],
  ] as const)('keeps %s to the same totals', async (_label, file, aggregated) => {
    const { all, ai, allDb, aiDb } = await both(file());
    expect(all.totals.every((t) => t.reconciled)).toBe(true);
    expect([ai.keep, ai.linesAggregated]).toEqual(['ai', aggregated]);
    expect(ai.totals).toEqual(all.totals);
    expect(ledgerTotals(aiDb)).toEqual(ledgerTotals(allDb));
    allDb.close();
    aiDb.close();
  });

  it('rejects the same rows either way: an aggregated line is checked as fully as a kept one', async () => {
    // Rows 3 and 4 (file rows; the header is row 1) are EC2 lines that keep ai sums without making their
    // quantity or effective cost: a usage amount that is not a number and a net unblended cost that is not
    // one still reject them, whichever choice is made.
    const rows = [...CUR_ROWS.slice(0, 3), ...CUR_ROWS.slice(3)];
    const csv = `${CUR_HEADER}\n${rows
      .map((r, i) => {
        const amount = i === 1 ? 'lots' : r[8];
        const net = i === 2 ? 'n/a' : r[10];
        return `2026-03-01T00:00:00Z,${[...r.slice(0, 8), amount, r[9]].join(',')},${r[10]},${net},${r[7] === '' ? '' : 'Hrs'},,`;
      })
      .join('\n')}\n`;
    const file = path.join(dir, 'cur-bad.csv');
    writeFileSync(file, csv);
    const { all, ai, allDb, aiDb } = await both(file);
    const where = (r: RunImportResult) => r.rejected.map((x) => [x.row, x.field]);
    expect(where(all)).toEqual([
      [3, 'line_item_usage_amount'],
      [4, 'line_item_net_unblended_cost'],
    ]);
    expect(where(ai)).toEqual(where(all));
    // USD imported: 6.12345679 − 0.123456789 − 0.000000001 = 6.00; rejected 0.12345679; both reconcile.
    expect(all.totals.map((t) => [t.currency, t.importedTotal, t.rejectedTotal, t.reconciled])).toEqual([
      ['EUR', '5.00', '0.00', true],
      ['USD', '6.00', '0.12345679', true],
    ]);
    expect(ai.totals).toEqual(all.totals);
    expect(ledgerTotals(aiDb)).toEqual(ledgerTotals(allDb));
    allDb.close();
    aiDb.close();
  });

  it('keeps every line of a format that is not a cloud export, whatever is asked', async () => {
    const { all, ai, allDb, aiDb } = await both(path.join(FIXTURES, 'focus', 'focus-1.2-ai.csv'));
    expect([ai.keep, ai.linesImported, ai.linesAggregated]).toEqual(['all', all.linesImported, 0]);
    allDb.close();
    aiDb.close();
  });
});

describe('keep ai through the imports.run job', () => {
  let s: Awaited<ReturnType<typeof startBackend>>;
  let file: string;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.new', { path: path.join(s.dir, 'keep.aispend') });
    file = path.join(s.dir, 'cur-small.csv');
    writeFileSync(file, CUR_CSV);
  });
  afterAll(async () => s.stop());

  it('remembers the choice for the workspace and says in the Imports list which was used', async () => {
    expect((await s.client.call('imports.detect', { path: file })).rememberedKeep).toBe('all');
    const first = (await s.client.runJob('imports.run', { path: file, keep: 'ai', dryRun: true }).result) as RunImportResult;
    expect([first.status, first.keep, first.linesImported]).toEqual(['dry_run', 'ai', 7]);
    // A dry run is not a choice made.
    expect((await s.client.call('imports.detect', { path: file })).rememberedKeep).toBe('all');
    const real = (await s.client.runJob('imports.run', { path: file, keep: 'ai' }).result) as RunImportResult;
    expect([real.status, real.keep, real.linesAggregated]).toEqual(['imported', 'ai', 6]);
    expect((await s.client.call('imports.detect', { path: file })).rememberedKeep).toBe('ai');
    const [stored] = (await s.client.call('imports.list', {})).imports;
    expect([stored!.keep, stored!.linesAggregated, stored!.linesWritten]).toEqual(['ai', 6, 7]);
    expect((await s.client.call('workspace.info', {})).ledgerLines).toBe(7);
  });
});
