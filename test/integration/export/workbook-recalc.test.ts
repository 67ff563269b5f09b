import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/api/scenarios';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import { nanosToNumber } from '../../../shared/domain/money';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { agreesWithEngine } from '../../../shared/workbook/tolerance';
import { aispend } from '../../helpers/cli';
import { libreOfficeConvert, libreOfficeProfile } from '../../helpers/libreoffice';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { ledgerCsvHeader } from '../../../shared/domain/ledger-csv';
import { demoLedgerLineCount } from '../../helpers/demo-statements';
import { nameTarget, readWorkbook, setCells, valueOfName, zipEntries } from '../../helpers/xlsx';

/**
 * The board workbook as executives get it: written by `aispend export`,
 * opened and recalculated by LibreOffice (a real spreadsheet client, one
 * conversion per workbook), compared with `aispend run` on the same inputs.
 */

const { dir, cleanup } = tempDir('aispend-workbook-');
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');
const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'workbook');
const everyLever = path.join(fixtures, 'every-lever.yaml');
const profile = libreOfficeProfile(dir);

type RunDoc = { ok: true; runs: (RunResult & { file: string })[] };

function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  return aispend(args, env);
}

function run(file: string, extra: string[] = []): RunResult {
  const r = cli(['run', file, '--workspace', workspace, '--json', ...extra]);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as RunDoc).runs[0]!;
}

function exportWorkbook(file: string, out: string, extra: string[] = []): void {
  const r = cli(['export', file, '--workspace', workspace, '--out', out, '--json', ...extra]);
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, file: out });
}

/** Every formula cell: LibreOffice's recalculated value against the value the file carries (the engine's figures, checked on export). */
function compareFormulaCells(original: XLSX.WorkBook, recalculated: XLSX.WorkBook): { formulas: number; mismatches: string[] } {
  let formulas = 0;
  const mismatches: string[] = [];
  for (const name of original.SheetNames) {
    const a = original.Sheets[name]!;
    const b = recalculated.Sheets[name];
    expect(b, `LibreOffice kept sheet ${name}`).toBeDefined();
    for (const addr of Object.keys(a)) {
      if (addr.startsWith('!') || !a[addr].f) continue;
      formulas++;
      const cached = a[addr].v;
      const got = b![addr]?.v;
      const ok =
        typeof cached === 'number' && typeof got === 'number'
          ? Math.abs(cached - got) <= 1e-9 * Math.max(Math.abs(cached), Math.abs(got))
          : cached === got || ((cached === '' || cached === undefined) && (got === '' || got === undefined));
      if (!ok) mismatches.push(`${name}!${addr} =${a[addr].f}: file ${String(cached)}, LibreOffice ${String(got)}`);
    }
  }
  return { formulas, mismatches };
}

/** The Monthly sheet's column under a header (row 4), month by month. */
function monthlyColumn(wb: XLSX.WorkBook, sheet: string, header: string, months: number): unknown[] {
  const ws = wb.Sheets[sheet]!;
  const range = XLSX.utils.decode_range(ws['!ref']!);
  for (let c = range.s.c; c <= range.e.c; c++) {
    if (ws[XLSX.utils.encode_cell({ r: 3, c })]?.v === header) return Array.from({ length: months }, (_, m) => ws[XLSX.utils.encode_cell({ r: 4 + m, c })]?.v);
  }
  throw new Error(`no column ${header} on ${sheet}`);
}

/** Summary KPIs (by their defined names) and Monthly totals of a recalculated workbook against `aispend run`. */
function compareWithRun(wb: XLSX.WorkBook, result: RunResult, sheetOf: (id: string, isBaseline: boolean) => string): number {
  let compared = 0;
  const check = (what: string, engine: string | number | null, got: unknown, kind: 'money' | 'count' | 'text' = 'money') => {
    const expected = engine === null ? '' : typeof engine === 'number' ? engine : kind === 'text' ? engine : Number(engine);
    expect(agreesWithEngine(kind, expected, got), `${what}: engine ${String(engine)}, workbook ${String(got)}`).toBe(true);
    compared++;
  };
  for (const s of result.scenarios) {
    const k = s.kpis;
    const kpi = (field: string) => valueOfName(wb, `Kpi.${s.id.replace(/[^A-Za-z0-9_.]/g, '_')}.${field}`);
    check(`${s.id} total cost`, k.totalCost, kpi('TotalCost'));
    check(`${s.id} AI cost`, k.aiCost, kpi('AiCost'));
    check(`${s.id} cost per unit`, k.costPerUnit, kpi('CostPerUnit'));
    check(`${s.id} AI cost per unit`, k.aiCostPerUnit, kpi('AiCostPerUnit'));
    check(`${s.id} cost per success`, k.costPerSuccess, kpi('CostPerSuccess'));
    if (!s.isBaseline) {
      check(`${s.id} savings`, k.savingsVsBaseline, kpi('SavingsVsBaseline'));
      check(`${s.id} break-even`, k.noUpfrontCost ? 'no upfront cost' : (k.breakEvenMonth ?? 'never'), kpi('BreakEvenMonth'), 'text');
      check(`${s.id} savings start`, k.savingsStartMonth ?? 'none', kpi('SavingsStartMonth'), 'text');
    }
    const sheet = sheetOf(s.id, s.isBaseline);
    const totals = monthlyColumn(wb, sheet, 'Total cost', s.months.length);
    const units = monthlyColumn(wb, sheet, `${result.unit}s`, s.months.length);
    s.months.forEach((m, i) => {
      check(`${s.id} ${m.month} total`, m.totalCost, totals[i]);
      check(`${s.id} ${m.month} units`, m.businessUnits, units[i], 'count');
    });
  }
  return compared;
}

describe('the board workbook, recalculated by LibreOffice', () => {
  beforeAll(() => {
    const built = cli(['demo', '--workspace', workspace]);
    expect(built.status, built.stderr).toBe(0);
    const added = cli(['contracts', 'add', '--workspace', workspace, path.join(fixtures, 'openai-rich-contract.yaml')]);
    expect(added.status, added.stderr).toBe(0);
    const versioned = cli(['contracts', 'add', '--workspace', workspace, path.join(fixtures, 'openai-versioned-contract.yaml')]);
    expect(versioned.status, versioned.stderr).toBe(0);
    const scoped = cli(['contracts', 'add', '--workspace', workspace, path.join(fixtures, 'openai-scoped-credits-contract.yaml')]);
    expect(scoped.status, scoped.stderr).toBe(0);
    // A statement whose model name and tag are formula text, as a hostile or careless export might carry.
    const planted = path.join(dir, 'planted.csv');
    const header = ledgerCsvHeader();
    writeFileSync(
      planted,
      `${header}\n2026-12-01T00:00:00Z,2026-12-02T00:00:00Z,2026-12,usage,acme-gateway,,gw-1,,,"=HYPERLINK(""http://evil.example"",""click"")",,input,standard,,,,,,"{""team"":""=cmd|' /C calc'!A0""}",1000,tokens,0.5,,,,USD\n`,
    );
    const imported = cli(['import', planted, '--workspace', workspace]);
    expect(imported.status, imported.stderr + imported.stdout).toBe(0);
  }, 240_000);
  afterAll(cleanup);

  it('the demo board question: every formula recalculates to the file, the KPIs and months to aispend run', () => {
    const out = path.join(dir, 'demo.xlsx');
    exportWorkbook('board-question.yaml', out, ['--ledger', 'lines', '--draws', '200']);
    const converted = libreOfficeConvert(out, 'xlsx', path.join(dir, 'lo-demo'), profile).output;
    const original = readWorkbook(out);
    const recalculated = readWorkbook(converted);
    expect(recalculated.SheetNames).toEqual(original.SheetNames);
    const { formulas, mismatches } = compareFormulaCells(original, recalculated);
    expect(formulas).toBeGreaterThan(10_000);
    expect(mismatches).toEqual([]);
    const result = run('board-question.yaml');
    const compared = compareWithRun(recalculated, result, (id, base) => (base ? 'Baseline' : `Monthly ${id}`));
    // 5 scenarios (the baseline and four) × (5 KPIs + 24 months × 2) + 4 × 3 scenario KPIs (savings, break-even, savings start)
    expect(compared).toBe(5 * (5 + 24 * 2) + 4 * 3);

    // The planted text arrives as text (a string cell, no formula), in the ledger extract.
    const ledger = original.Sheets['Ledger extract']!;
    const cells = Object.keys(ledger).filter((a) => !a.startsWith('!')).map((a) => ledger[a]);
    const planted = cells.filter((c) => typeof c.v === 'string' && (c.v.includes('HYPERLINK') || c.v.includes('cmd|')));
    expect(planted.map((c) => c.v)).toEqual(expect.arrayContaining(['=HYPERLINK("http://evil.example","click")', '{"team":"=cmd|\' /C calc\'!A0"}']));
    for (const c of planted) {
      expect(c.t).toBe('s');
      expect(c.f).toBeUndefined();
    }
    // The demo's lines and the planted one, below the header rows.
    const lines = XLSX.utils.decode_range(ledger['!ref']!).e.r + 1 - 4;
    expect(lines).toBe(demoLedgerLineCount() + 1);
  }, 300_000);

  it('every lever, a workspace contract with every term and an offer: the same', () => {
    const out = path.join(dir, 'every-lever.xlsx');
    exportWorkbook(everyLever, out, ['--ledger', 'aggregated', '--draws', '200']);
    const converted = libreOfficeConvert(out, 'xlsx', path.join(dir, 'lo-every'), profile).output;
    const original = readWorkbook(out);
    const recalculated = readWorkbook(converted);
    const { formulas, mismatches } = compareFormulaCells(original, recalculated);
    expect(formulas).toBeGreaterThan(10_000);
    expect(mismatches).toEqual([]);
    const result = run(everyLever);
    expect(compareWithRun(recalculated, result, (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 18 * 2) + 3);
    // The batch discount stacked on the gpt-4.1 and output discounts is a line of its own, recalculated from the costs
    // after the discounts it stacks on (the totals above agree with the engine, so it took off what the pricer did).
    const stackedSheet = recalculated.SheetNames.find((n) => Object.keys(recalculated.Sheets[n]!).some((a) => recalculated.Sheets[n]![a]?.v === 'Batch discount'))!;
    expect(stackedSheet).toBeDefined();
    const batch = monthlyColumn(recalculated, stackedSheet, 'Batch discount', 18).filter((v): v is number => typeof v === 'number');
    expect(batch.some((v) => v < 0)).toBe(true);
    const after = monthlyColumn(recalculated, stackedSheet, 'gpt-4.1 input (batch): after discount 1 of 2', 18).filter((v): v is number => typeof v === 'number');
    expect(after.some((v) => v > 0)).toBe(true);
    // The aggregated extract carries the planted model name as text too.
    const ledger = original.Sheets['Ledger extract']!;
    const model = Object.keys(ledger).map((a) => ledger[a]).find((c) => typeof c?.v === 'string' && c.v.startsWith('=HYPERLINK'));
    expect(model).toMatchObject({ t: 's' });
    expect(model.f).toBeUndefined();
  }, 300_000);

  it('a contract with a dated version: each month under the terms in force, balances carried across the change, to the cent', () => {
    // openai-versioned-contract.yaml under versioned-contract.yaml's baseline: 100M input and 10M output tokens a month.
    //  v1 (Jun-Jul 2028): rates $0.10 / $0.40 per M → usage 10.00 + 4.00 = 14.00; $20 a month take-or-pay → shortfall
    //    6.00, charges 20.00. Credits, both expiring 2029-05-31, in the order listed: launch $25 (all charges: the
    //    shortfall first, then usage), pilot $20 (usage only).
    //    Jun: launch pays 20.00 (6.00 shortfall + 14.00 usage) → 5.00 left; pilot finds no usage left. Invoice 0.00.
    //    Jul: launch pays 5.00 (shortfall) → 0; pilot pays 14.00 of the usage → 6.00 left. Invoice 20.00 − 19.00 = 1.00.
    //  v2 from 2028-08-01 (phase 2 pricing): rates $0.08 / $0.30 → usage 8.00 + 3.00 = 11.00; $10 a month committed (met,
    //    no shortfall); minimum fee $12 → top-up 1.00 (before credits), charges 12.00; pilot withdrawn (its 6.00
    //    forfeited in August, a memo line); a new credit ramp $15 valid Aug-Sep, expiring first so used first.
    //    Aug: ramp pays 12.00 → 3.00 left; launch has 0. Invoice 0.00.
    //    Sep: ramp pays 3.00 → 0 (nothing left to forfeit at its expiry). Invoice 12.00 − 3.00 = 9.00.
    //    Oct, Nov: no credit left. Invoice 12.00 each.
    const invoice = [0, 1, 0, 9, 12, 12];
    const file = path.join(fixtures, 'versioned-contract.yaml');
    const out = path.join(dir, 'versioned.xlsx');
    exportWorkbook(file, out, ['--draws', '0']);
    const original = readWorkbook(out);
    const recalculated = readWorkbook(libreOfficeConvert(out, 'xlsx', path.join(dir, 'lo-versioned'), profile).output);
    const { mismatches } = compareFormulaCells(original, recalculated);
    expect(mismatches).toEqual([]);
    expect(compareWithRun(recalculated, run(file), (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 6 * 2) + 3);
    expect(monthlyColumn(recalculated, 'Baseline', 'invoice under the contract', 6)).toEqual(invoice);
    expect(monthlyColumn(recalculated, 'Baseline', 'minimum fee top-up', 6)).toEqual([0, 0, 1, 1, 1, 1]);
    expect(monthlyColumn(recalculated, 'Baseline', 'shortfall billed (take-or-pay)', 6)).toEqual([6, 6, 0, 0, 0, 0]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credits forfeited', 6)).toEqual([0, 0, 6, 0, 0, 0]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit pilot: closing balance', 6)).toEqual([20, 6, 0, 0, 0, 0]);
    expect(monthlyColumn(recalculated, 'Baseline', 'contract version in force', 6)).toEqual([
      ...Array(2).fill('v1 (original terms)'),
      ...Array(4).fill('v2 from 2028-08-01 (phase 2 pricing)'),
    ]);
    // The pricer on the same usage: the same invoices.
    const book = bundledPriceBook({ userRows: [] });
    const contract = loadContractYaml(readFileSync(path.join(fixtures, 'openai-versioned-contract.yaml'), 'utf8'), { file: 'openai-versioned-contract.yaml', book });
    const usage = new Map(['2028-06', '2028-07', '2028-08', '2028-09', '2028-10', '2028-11'].map((m) => [m, [
      { model: 'gpt-4o-mini', usageClass: 'input' as const, serviceTier: 'standard' as const, quantity: 100_000_000 },
      { model: 'gpt-4o-mini', usageClass: 'output' as const, serviceTier: 'standard' as const, quantity: 10_000_000 },
    ]]));
    const priced = priceContractMonths(contract, book, usage, { from: '2028-06', through: '2028-11' });
    expect(priced.map((m) => nanosToNumber(m.total))).toEqual(invoice);
    expect(priced.map((m) => m.version.number)).toEqual([1, 1, 2, 2, 2, 2]);
    // The term sheet lists the version: from when, why, to when and what it changes.
    const sheet = recalculated.Sheets['Contracts and commitments']!;
    const texts = Object.keys(sheet).filter((a) => !a.startsWith('!')).map((a) => String(sheet[a].v));
    expect(texts).toContain('  v2 from 2028-08-01: phase 2 pricing');
    expect(texts).toContain('2 contracted rates (gpt-4o-mini); $10.00 a month committed, take-or-pay; $15.00 credit ramp, 2028-08-01 to 2028-09-30; minimum $12.00 a month; withdraws credit pilot (its balance forfeited)');
    expect(texts).toContain('2028-08-01 to 2029-05-31');

    // Version 2's terms are live cells: its minimum fee and commitment changed in the workbook recalculate to aispend run --set.
    // Minimum $14 from August: top-up 14.00 − 11.00 = 3.00, charges 14.00; ramp pays 14.00 of its 15.00 in August (invoice 0.00)
    // and its last 1.00 in September (invoice 13.00); October and November 14.00 each.
    const settings: [string, number][] = [['Contract.versioned_openai.V2.MinimumMonthlyFee', 14], ['Contract.versioned_openai.V2.Commitment.Amount', 10]];
    const wb = readWorkbook(out);
    const changed = path.join(dir, 'versioned-changed.xlsx');
    setCells(out, changed, 'Assumptions', new Map(settings.map(([name, v]) => [nameTarget(wb, name).cells[0]!, v])));
    const again = readWorkbook(libreOfficeConvert(changed, 'xlsx', path.join(dir, 'lo-versioned-set'), profile).output);
    expect(monthlyColumn(again, 'Baseline', 'invoice under the contract', 6)).toEqual([0, 1, 0, 13, 14, 14]);
    expect(compareWithRun(again, run(file, settings.flatMap(([name, v]) => ['--set', `${name}=${v}`])), (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 6 * 2) + 3);
  }, 300_000);

  it('scoped and part-month credits: each grant pays the usage it may, in the pricer\'s burn order, to the cent', () => {
    // openai-scoped-credits-contract.yaml under scoped-credits.yaml's baseline: 100M input and 10M output tokens a month,
    // half on gpt-4o-mini, half on gpt-4o. Rates: mini $0.10 / $0.40, 4o $2.00 / $8.00 per M → usage lines, in the
    // pricer's order: mini input 5.00, mini output 2.00, 4o input 100.00, 4o output 40.00 = 147.00 (each item's share of
    // the usage credits may pay is its own line: no discounts). Grants as listed: launch $60 (gpt-4o only), input $100
    // (input only), summer $50 (all charges, 2029-07-16 to 08-31, pro rata), pilot $9 (gpt-4o-mini only, from 2029-07-11,
    // a part month by its valid days).
    //  Jun: launch may pay 4o input (input may pay it later) and 4o output (no later grant may): output first, 40.00, then
    //    20.00 of the input (80.00 left). input pays mini input 5.00 and 80.00 of 4o input = 85.00 (15.00 left).
    //    Credits 145.00 → invoice 2.00.
    //  Jul: input pays 15.00, of 4o input first (only summer could pay it after; mini input summer and pilot could):
    //    4o input 85.00 left. summer: 16 of 31 days, cap 147 × 16 / 31 = 75.87; it pays what pilot cannot first (4o
    //    input) → 50.00. pilot: 21 of 31 valid days of its items, 5 × 21/31 + 2 × 21/31 = 3.387096774 + 1.354838710 =
    //    4.741935484 → 4.74 (4.26 left). Credits 69.74 → invoice 77.26.
    //  Aug: pilot pays its last 4.26 → invoice 142.74. Sep: no credit left, 147.00.
    const invoice = [2, 77.26, 142.74, 147];
    const file = path.join(fixtures, 'scoped-credits.yaml');
    const out = path.join(dir, 'scoped.xlsx');
    exportWorkbook(file, out, ['--draws', '0']);
    const original = readWorkbook(out);
    const recalculated = readWorkbook(libreOfficeConvert(out, 'xlsx', path.join(dir, 'lo-scoped'), profile).output);
    const { mismatches } = compareFormulaCells(original, recalculated);
    expect(mismatches).toEqual([]);
    expect(compareWithRun(recalculated, run(file), (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 4 * 2) + 3);
    expect(monthlyColumn(recalculated, 'Baseline', 'invoice under the contract', 4)).toEqual(invoice);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit gpt4o-launch: usage it can pay (gpt-4o)', 4)).toEqual([140, 140, 140, 140]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit input-credit: usage it can pay (input)', 4)).toEqual([105, 105, 105, 105]);
    expect(monthlyColumn(recalculated, 'Baseline', 'usage credits may pay: gpt-4o output', 4)).toEqual([40, 40, 40, 40]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit gpt4o-launch: paid of gpt-4o output', 4)).toEqual([40, 0, 0, 0]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit summer: applied', 4)).toEqual([0, 50, 0, 0]);
    expect(monthlyColumn(recalculated, 'Baseline', 'credit mini-pilot: applied', 4)).toEqual([0, 4.74, 4.26, 0]);
    // The pricer on the same usage: the same invoices.
    const book = bundledPriceBook({ userRows: [] });
    const contract = loadContractYaml(readFileSync(path.join(fixtures, 'openai-scoped-credits-contract.yaml'), 'utf8'), { file: 'openai-scoped-credits-contract.yaml', book });
    const item = (model: string, usageClass: 'input' | 'output', quantity: number) => ({ model, usageClass, serviceTier: 'standard' as const, quantity });
    const usage = new Map(['2029-06', '2029-07', '2029-08', '2029-09'].map((m) => [m, [item('gpt-4o-mini', 'input', 50_000_000), item('gpt-4o-mini', 'output', 5_000_000), item('gpt-4o', 'input', 50_000_000), item('gpt-4o', 'output', 5_000_000)]]));
    const priced = priceContractMonths(contract, book, usage, { from: '2029-06', through: '2029-09' });
    expect(priced.map((m) => nanosToNumber(m.total))).toEqual(invoice);

    // The grants' amounts are live cells: launch $100 and pilot $3 changed in the workbook recalculate to aispend run --set.
    //  Jun: launch pays 4o output 40.00 and 60.00 of 4o input; input pays mini input 5.00 and 4o input's last 40.00
    //    (55.00 left). Invoice 2.00.
    //  Jul: input pays 55.00 of 4o input (45.00 left); summer pays 4o input 45.00 and 5.00 of 4o output; pilot pays its
    //    3.00 (under its 4.74 cap). Credits 108.00 → invoice 39.00. Aug, Sep: 147.00.
    const settings: [string, number][] = [['Contract.scoped_credits_openai.Credits.gpt4o_launch.Amount', 100], ['Contract.scoped_credits_openai.Credits.mini_pilot.Amount', 3]];
    const changed = path.join(dir, 'scoped-changed.xlsx');
    setCells(out, changed, 'Assumptions', new Map(settings.map(([name, v]) => [nameTarget(original, name).cells[0]!, v])));
    const again = readWorkbook(libreOfficeConvert(changed, 'xlsx', path.join(dir, 'lo-scoped-set'), profile).output);
    expect(monthlyColumn(again, 'Baseline', 'invoice under the contract', 4)).toEqual([2, 39, 147, 147]);
    expect(compareWithRun(again, run(file, settings.flatMap(([name, v]) => ['--set', `${name}=${v}`])), (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 4 * 2) + 3);
  }, 300_000);

  it('five assumptions of different kinds changed in the workbook recalculate to aispend run --set', () => {
    const out = path.join(dir, 'every-lever-set.xlsx');
    exportWorkbook(everyLever, out, ['--sheets', 'unit-economics', '--draws', '0']);
    const wb = readWorkbook(out);
    const settings: [string, number[]][] = [
      ['Driver.loans.Units', [1200, 1250, 1300, 1400]], // a driver (a name of four cells)
      ['Price.openai.gpt_4.1.Input', [2.2]], // a list price
      ['Lever.all_levers.1.Share', [0.55]], // a lever share
      ['Contract.every_lever_openai.Discounts.1.PercentOff', [20]], // a contract term
      ['Contract.every_lever_openai.Commitment.Amount', [45000]], // another
      ['Lever.baseline.2.MonthlyGrowthPct', [2.5]], // a growth rate
      ['Lever.all_levers.6.Offer.DiscountPct', [12]], // an offer's discount
    ];
    const values = new Map<string, number>();
    for (const [name, v] of settings) {
      const t = nameTarget(wb, name);
      expect(t.sheet).toBe('Assumptions');
      expect(t.cells).toHaveLength(v.length);
      t.cells.forEach((cell, i) => values.set(cell, v[i]!));
    }
    const changed = path.join(dir, 'every-lever-changed.xlsx');
    setCells(out, changed, 'Assumptions', values);
    const recalculated = readWorkbook(libreOfficeConvert(changed, 'xlsx', path.join(dir, 'lo-set'), profile).output);
    const result = run(everyLever, settings.flatMap(([name, v]) => ['--set', `${name}=${v.join(',')}`]));
    const before = run(everyLever);
    // The settings move the figures: this is not the unchanged run.
    expect(result.scenarios[1]!.kpis.totalCost).not.toBe(before.scenarios[1]!.kpis.totalCost);
    expect(result.scenarios[0]!.kpis.totalCost).not.toBe(before.scenarios[0]!.kpis.totalCost);
    expect(compareWithRun(recalculated, result, (id, base) => (base ? 'Baseline' : `Monthly ${id}`))).toBe(2 * (5 + 18 * 2) + 3);
  }, 300_000);

  it('charts are native, their series bound to the Monthly sheets; no macros, no external links', () => {
    const out = path.join(dir, 'demo.xlsx');
    const parts = zipEntries(out);
    const charts = Object.keys(parts).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    expect(charts.length).toBeGreaterThanOrEqual(4);
    const refs = charts.flatMap((p) => [...parts[p]!.matchAll(/<c:val>\s*<c:numRef>\s*<c:f>([^<]+)<\/c:f>/g)].map((m) => m[1]!.replace(/&apos;/g, "'")));
    expect(refs).toEqual(expect.arrayContaining(["'Monthly ai-does-more'!$C$5:$C$28", 'Baseline!$C$5:$C$28']));
    expect(Object.keys(parts).some((p) => p.startsWith('xl/media/'))).toBe(false);
    expect(Object.keys(parts).some((p) => /vbaProject|externalLink/.test(p))).toBe(false);
    // Summary has no gridlines; the workbook recalculates on open in Excel.
    expect(parts['xl/workbook.xml']).toMatch(/fullCalcOnLoad="1"/);
    expect(readWorkbook(out).SheetNames[0]).toBe('Summary');
    expect(parts['xl/worksheets/sheet1.xml']).toMatch(/showGridLines="0"/);
    expect(parts['xl/worksheets/sheet3.xml']).toMatch(/showGridLines="1"|<sheetView(?![^>]*showGridLines)/);
  });

  it('refuses to overwrite without --force, and says why', () => {
    const out = path.join(dir, 'demo.xlsx');
    expect(existsSync(out)).toBe(true);
    const again = cli(['export', 'board-question.yaml', '--workspace', workspace, '--out', out, '--json']);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const bad = cli(['export', 'board-question.yaml', '--workspace', workspace, '--out', out, '--ledger', 'everything']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--ledger takes none, aggregated or lines/);
  });
});
