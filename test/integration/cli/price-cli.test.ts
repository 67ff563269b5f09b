import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { PLANTED_OVERCHARGE } from '../../../scripts/make-demo';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { formatMoneyFixed, parseMoney } from '../../../shared/domain/money';
import { amountText } from '../../../shared/domain/money-text';
import { startBackend } from '../../helpers/backend';
import { demoBilledLines, totalOf } from '../../helpers/demo-statements';
import { aispend } from '../../helpers/cli';
import { DEMO_DIR, REPO_ROOT, tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');
// The OpenAI agreement: phase 1 (its original terms) is in force over the demo's twelve months, phase 2 a version from November 2026.
const openaiContract = path.join(DEMO_DIR, 'contracts', 'openai-enterprise.yaml');

describe('aispend price, pricebook and contracts', () => {
  beforeAll(() => {
    const built = aispend(['demo', '--workspace', workspace], env);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(cleanup);

  it('price: the invoice check of the demo month under the OpenAI agreement finds exactly the planted line', () => {
    const run = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      ok: boolean;
      contractFile: string;
      lines: { day: string; model: string; usageClass: string; findings: string[]; billed: string; contracted: string }[];
      totals: { currency: string; billed: string; contracted: string; variance: string }[];
      findings: { code: string; lineRef: string | null }[];
    };
    expect(doc).toMatchObject({ ok: true, contractFile: 'openai-enterprise.yaml' });
    // October 2026: 31 days × 11 check lines (each line item of the costs export with its tokens from the usage export).
    expect(doc.lines).toHaveLength(31 * 11);
    expect(doc.findings.map((f) => f.code)).toEqual(['discount_not_applied']);
    const flagged = doc.lines.filter((l) => l.findings.length > 0);
    expect(flagged.map((l) => [l.day, l.model, l.usageClass])).toEqual([[PLANTED_OVERCHARGE.day, 'gpt-4.1', 'input']]);
    expect(doc.totals).toHaveLength(1);
    expect(Number(doc.totals[0]!.variance)).toBeGreaterThan(2.5);

    const text = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--only-findings'], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 finding:');
    expect(text.stdout).toContain('Discount not applied: gpt-4.1 input on 2026-10-14');
    // Billed is October's OpenAI costs export summed; one rounding rule: the variance is the exact overcharge rounded
    // once (the finding's figure), and contracted shows as billed less it, so the two as shown differ by it.
    const billed = totalOf(demoBilledLines().filter((l) => l.provider === 'openai' && l.month === '2026-10'));
    const variance = parseMoney(doc.totals[0]!.variance);
    expect(text.stdout).toContain(`Total USD: billed ${formatMoneyFixed(billed, 2)}, contracted ${formatMoneyFixed(parseMoney(formatMoneyFixed(billed, 2)) - variance, 2)}, variance ${formatMoneyFixed(variance, 2)}`);
    expect(text.stdout).toContain(`[overcharge ${formatMoneyFixed(variance, 2)}]`);
    expect(aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--fail-on-findings'], env).status).toBe(1);
  });

  it('price: each month’s whole expected invoice, line by line, with the balances it leaves (JSON and table)', () => {
    const run = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    type Line = { kind: string; label: string; amount: string; term: string | null };
    const doc = JSON.parse(run.stdout) as { months: { month: string; invoice: { lines: Line[]; total: string; commitment: Record<string, unknown> | null } | null }[] };
    const inv = doc.months[0]!.invoice!;
    // October's usage lines at list (gpt-4.1 cached priority, cached, batch, priority, input, output batch, output
    // priority, output; gpt-4o-mini cached, input, output): 6.86 + 77.80 + 38.89 + 41.14 + 465.02 + 9.28 + 16.34
    // + 186.25 + 0.82 + 1.63 + 1.74 = $845.77; the enterprise discount is its own line, 15% of the exact list
    // costs = −$126.87; invoice $718.90, above phase 1's $400.00 monthly commitment, so no shortfall line.
    expect(inv.lines.map((l) => l.kind)).toEqual([...Array<string>(11).fill('usage'), 'discount']);
    const usage = inv.lines.filter((l) => l.kind === 'usage').reduce((sum, l) => sum + Math.round(Number(l.amount) * 100), 0);
    expect(usage).toBe(84_577);
    expect(inv.lines.at(-1)).toMatchObject({ kind: 'discount', label: 'Enterprise discount', amount: '-126.87', term: 'discounts[0]' });
    expect(inv.total).toBe('718.90');
    // October closes phase 1's only contract year (Nov 2025 – Oct 2026): 12 × $400 = $4,800 committed, all of it to
    // date; drawn is the year's usage net month by month (the stored contract's months, another door to the same figure).
    const months = aispend(['contracts', 'months', '--workspace', workspace, '--id', 'acme-openai-enterprise', '--json'], env);
    expect(months.status, months.stderr).toBe(0);
    const yearNet = (JSON.parse(months.stdout) as { months: { month: string; usageNet: string; commitmentShortfall: string }[] }).months.filter((x) => x.month >= '2025-11' && x.month <= '2026-10');
    const drawn = yearNet.reduce((sum, x) => sum + parseMoney(x.usageNet), 0n);
    const billedShortfall = yearNet.reduce((sum, x) => sum + parseMoney(x.commitmentShortfall), 0n);
    expect(yearNet).toHaveLength(12);
    const remaining = 4_800_000_000_000n - drawn - billedShortfall;
    expect(inv.commitment).toEqual({
      committed: '400.00',
      eligible: '718.90',
      shortfall: '0.00',
      periodEnd: true,
      carriedForward: '0.00',
      deferredShortfall: '0.00',
      balance: {
        year: 1,
        yearStart: '2025-11-01',
        yearEnd: '2026-10-31',
        committedForYear: '4800.00',
        committedToDate: '4800.00',
        drawnToDate: formatMoneyFixed(drawn, 2),
        shortfallBilledToDate: formatMoneyFixed(billedShortfall, 2),
        remaining: formatMoneyFixed(remaining > 0n ? remaining : 0n, 2),
        trueUp: true,
      },
    });

    const text = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10'], env);
    expect(text.stdout).toContain('Expected invoice 2026-10, openai under acme-openai-enterprise (USD):');
    expect(text.stdout).toMatch(/Enterprise discount +discount +discounts\[0\] +-126\.87/);
    expect(text.stdout).toMatch(/Total +718\.90/);
    expect(text.stdout).toContain('Balance after: commitment 718.90 counted of 400.00 (true-up month)');
    expect(text.stdout).toContain(`Commitment year 1 (2025-11-01 to 2026-10-31): 4,800.00 committed; to date 4,800.00 committed, ${amountText(drawn, 'USD')} drawn, 0.00 shortfall billed, 0.00 remaining (true-up month)`);
  });

  it('price without --contract runs the app’s default check, every vendor under its stored contracts: the same run as the API', async () => {
    const cli = aispend(['price', '--workspace', workspace, '--json'], env);
    expect(cli.status, cli.stderr).toBe(0);
    const doc = JSON.parse(cli.stdout) as InvoiceCheckRun & { ok: boolean; contractFile: string | null };
    expect([doc.ok, doc.contractFile, doc.scope]).toEqual([true, null, { contractId: null, contractName: null, month: null, provider: null }]);
    // The planted line, with its OpenAI project, its cost from the costs export and its tokens from the usage export.
    expect(doc.findings.map((f) => [f.code, f.lineRef])).toEqual([['discount_not_applied', `${PLANTED_OVERCHARGE.day} openai gpt-4.1 input standard proj_loan_extraction (costs + usage)`]]);

    const s = await startBackend({ openDemo: false });
    try {
      await s.client.call('workspace.open', { path: workspace });
      // The CLI stored its run as the app stores one: the app shows it as the latest check of "every vendor".
      const stored = await s.client.call('contracts.lastInvoiceCheck', {});
      expect(stored.run?.runId).toBe(doc.runId);
      const api = await s.client.runJob('contracts.invoiceCheck', {}).result;
      const same = (r: InvoiceCheckRun) => ({ lines: r.lines, months: r.months, totals: r.totals, findings: r.findings, unpairedUsage: r.unpairedUsage, priceRows: r.priceRows, scope: r.scope, ledgerLines: r.stats.ledgerLines, checkLines: r.stats.checkLines });
      expect(same(doc)).toEqual(same(api));
    } finally {
      await s.stop();
    }
    const text = aispend(['price', '--workspace', workspace, '--only-findings'], env);
    expect(text.stdout).toContain('Invoice check, every vendor under its contracts, every month:');
    // The usage export's 14,711,606 input tokens less 5,793,032 cached = 8,918,574 at $2.00 per 1M = 17.84 billed,
    // at $1.70 (15% off) = 15.16 contracted; the exact difference 2.6755722 shows 2.68.
    expect(text.stdout).toMatch(/gpt-4\.1\s+input\s+standard\s+8,918,574\s+17\.84\s+15\.16\s+2\.68\s+Discount not applied/);
  });

  it('price: a bad contract or month is exit 2 with the file and the field', () => {
    const bad = path.join(dir, 'bad-offer.yaml');
    writeFileSync(bad, readFileSync(openaiContract, 'utf8').replace('percentOff: "15"', 'percentOff: "-15"'));
    const run = aispend(['price', '--workspace', workspace, '--contract', bad, '--json'], env);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_file', file: 'bad-offer.yaml', field: 'discounts[0].percentOff' } });
    expect(run.stderr).toContain('bad-offer.yaml, field discounts[0].percentOff:');
    expect(aispend(['price', '--workspace', workspace, '--contract', path.join(dir, 'none.yaml')], env).status).toBe(2);
    const month = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-13'], env);
    expect(month.status).toBe(2);
    expect(month.stderr).toContain('--month must look like 2026-10');
  });

  it('pricebook: export, import back unchanged, unknown models', () => {
    const csv = path.join(dir, 'book.csv');
    const exported = aispend(['pricebook', 'export', '--workspace', workspace, '--out', csv, '--json'], env);
    expect(exported.status, exported.stderr).toBe(0);
    const { rows } = JSON.parse(exported.stdout) as { rows: number };
    expect(readFileSync(csv, 'utf8').trimEnd().split('\r\n')).toHaveLength(rows + 1);
    const imported = aispend(['pricebook', 'import', '--workspace', workspace, csv, '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, added: 0, replaced: 0, unchanged: rows });
    const unknown = aispend(['pricebook', 'unknown', '--workspace', workspace, '--json'], env);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ models: [] });
  });

  it('contracts: list, add (a bad file stores nothing)', () => {
    const list = aispend(['contracts', 'list', '--workspace', workspace, '--json'], env);
    expect((JSON.parse(list.stdout) as { contracts: { id: string }[] }).contracts.map((c) => c.id)).toEqual(['acme-anthropic-2025', 'acme-openai-enterprise']);
    const overlap = aispend(['contracts', 'add', '--workspace', workspace, path.join(REPO_ROOT, 'scenarios', 'contracts', 'openai-enterprise-2026.yaml'), '--json'], env);
    expect(overlap.status).toBe(2);
    expect(JSON.parse(overlap.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_file', file: 'openai-enterprise-2026.yaml', field: 'term.start' } });
    const added = aispend(['contracts', 'add', '--workspace', workspace, path.join(REPO_ROOT, 'scenarios', 'contracts', 'aws-bedrock-volume-2026.yaml'), '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, contracts: [{ vendor: 'aws' }] });
    const after = JSON.parse(aispend(['contracts', 'list', '--workspace', workspace, '--json'], env).stdout) as { contracts: unknown[] };
    expect(after.contracts).toHaveLength(3);
  });

  it('every new command answers --help with exit 0', () => {
    for (const args of [['price', '--help'], ['pricebook', 'export', '--help'], ['pricebook', 'import', '--help'], ['pricebook', 'unknown', '--help'], ['contracts', 'list', '--help'], ['contracts', 'add', '--help']]) {
      const help = aispend(args, env);
      expect(help.status, args.join(' ')).toBe(0);
      expect(help.stdout).toContain('Usage: aispend');
    }
  });
  it('price and contracts add read a term-sheet workbook through the API: its problems name the cell, a clash with a stored contract does not stop a check', () => {
    const sheet = path.join(REPO_ROOT, 'scenarios', 'contracts', 'azure-term-sheet-2027.xlsx');
    const added = aispend(['contracts', 'add', '--workspace', workspace, sheet, '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, contracts: [{ id: 'azure-term-sheet-2027', vendor: 'azure', file: 'azure-term-sheet-2027.xlsx' }] });
    // The same terms are now stored: checking under the file is still fine (nothing is stored by a check) ...
    const checked = aispend(['price', '--workspace', workspace, '--contract', sheet, '--json'], env);
    expect(checked.status, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ ok: true, contractFile: 'azure-term-sheet-2027.xlsx' });
    // ... while adding them again is refused by the save, naming the id.
    const again = aispend(['contracts', 'add', '--workspace', workspace, sheet, '--json'], env);
    expect(again.status).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_file', file: 'azure-term-sheet-2027.xlsx', field: 'id' } });

    const bad = path.join(dir, 'bad-sheet.xlsx');
    const book = XLSX.utils.book_new();
    const grid = [['Vendor', 'openai'], ['Name', 'Promo'], ['Currency', 'USD'], ['Start', '2027-01-01'], ['End', '2027-12-31'], [], ['[Credits]'], ['Id', 'Amount', 'Start', 'Expires'], ['promo', '500', '2027-03-01', '2027-02-01']];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(grid), 'Term sheet');
    writeFileSync(bad, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const refused = aispend(['price', '--workspace', workspace, '--contract', bad, '--json'], env);
    expect(refused.status).toBe(2);
    const doc = JSON.parse(refused.stdout) as { ok: boolean; error: { code: string; file: string; field: string; message: string } };
    expect(doc).toMatchObject({ ok: false, error: { code: 'invalid_file', file: 'bad-sheet.xlsx', field: 'credits.grants[0].expires' } });
    expect(doc.error.message).toBe('the credit expires (2027-02-01) before it starts (2027-03-01) (cell Term sheet!D9)');
  });
});
