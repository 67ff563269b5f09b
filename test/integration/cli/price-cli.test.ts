import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { PLANTED_OVERCHARGE } from '../../../scripts/make-demo';
import { formatMoneyFixed, parseMoney } from '../../../shared/domain/money';
import { demoBilledLines, totalOf } from '../../helpers/demo-statements';
import { aispend } from '../../helpers/cli';
import { DEMO_DIR, REPO_ROOT, tempDir } from '../../helpers/temp';

const { dir, cleanup } = tempDir();
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');
// Phase 1 of the OpenAI agreement: the one in force over the demo's twelve months.
const openaiContract = path.join(DEMO_DIR, 'contracts', 'openai-enterprise-phase-1.yaml');

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
    expect(doc).toMatchObject({ ok: true, contractFile: 'openai-enterprise-phase-1.yaml' });
    // October 2026: 31 days × 15 check lines (11 line items with their tokens, 4 request counts).
    expect(doc.lines).toHaveLength(31 * 15);
    expect(doc.findings.map((f) => f.code)).toEqual(['discount_not_applied']);
    const flagged = doc.lines.filter((l) => l.findings.length > 0);
    expect(flagged.map((l) => [l.day, l.model, l.usageClass])).toEqual([[PLANTED_OVERCHARGE.day, 'gpt-4.1', 'input']]);
    expect(doc.totals).toHaveLength(1);
    expect(Number(doc.totals[0]!.variance)).toBeGreaterThan(2.5);

    const text = aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--only-findings'], env);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('1 finding:');
    expect(text.stdout).toContain('Discount not applied: gpt-4.1 input on 2026-10-14');
    // Billed is October's OpenAI costs export summed; contracted is that less the planted overcharge.
    const billed = totalOf(demoBilledLines().filter((l) => l.provider === 'openai' && l.month === '2026-10'));
    const overcharge = parseMoney(doc.totals[0]!.variance);
    expect(text.stdout).toContain(`Total USD: billed ${formatMoneyFixed(billed, 2)}, contracted ${formatMoneyFixed(billed - overcharge, 2)}`);
    expect(aispend(['price', '--workspace', workspace, '--contract', openaiContract, '--month', '2026-10', '--fail-on-findings'], env).status).toBe(1);
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
    expect((JSON.parse(list.stdout) as { contracts: { id: string }[] }).contracts.map((c) => c.id)).toEqual(['acme-anthropic-2025', 'acme-openai-enterprise-2025', 'acme-openai-enterprise']);
    const overlap = aispend(['contracts', 'add', '--workspace', workspace, path.join(REPO_ROOT, 'scenarios', 'contracts', 'openai-enterprise-2026.yaml'), '--json'], env);
    expect(overlap.status).toBe(2);
    expect(JSON.parse(overlap.stdout)).toMatchObject({ ok: false, error: { code: 'invalid_file', file: 'openai-enterprise-2026.yaml', field: 'term.start' } });
    const added = aispend(['contracts', 'add', '--workspace', workspace, path.join(REPO_ROOT, 'scenarios', 'contracts', 'aws-bedrock-volume-2026.yaml'), '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ ok: true, contracts: [{ vendor: 'aws' }] });
    const after = JSON.parse(aispend(['contracts', 'list', '--workspace', workspace, '--json'], env).stdout) as { contracts: unknown[] };
    expect(after.contracts).toHaveLength(4);
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
