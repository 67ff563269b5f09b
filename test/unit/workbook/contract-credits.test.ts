import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import { nanosToNumber } from '../../../shared/domain/money';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import type { WorkbookData } from '../../../shared/workbook/model';
import { contractWorkbook } from './contract-workbook';

/**
 * The board workbook and scoped or part-month credits: the contract block's formulas give the contract pricer's
 * invoices (their cached values are the formulas evaluated as a spreadsheet does; the LibreOffice test recalculates a
 * hand-computed case, test/integration/export/workbook-recalc.test.ts).
 */
const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'openai-batch-stacked-2027.yaml';
const YAML = readFileSync(path.join(ROOT, 'scenarios', 'contracts', FILE), 'utf8');
const book = bundledPriceBook({ userRows: [] });
const MONTHS = ['2027-01', '2027-02', '2027-03', '2027-04'];

function workbookWith(yaml: string) {
  return contractWorkbook(FILE, yaml, {
    start: '2027-01',
    months: MONTHS.length,
    drivers: [{ id: 'requests', unitsPerMonth: 20_000 }],
    workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: [{ provider: 'openai', model: 'gpt-4o', share: 1 }], tiers: { standard: 0.6, batch: 0.4 } }],
  }, 'Credits');
}

/** A column of the scenario's sheet (Monthly signed) under its header (row 4), month by month: the formulas' cached values. */
function column(data: WorkbookData, header: string): unknown[] {
  const sheet = data.sheets.find((s) => s.name === 'Monthly signed')!;
  const c = sheet.rows[3]!.findIndex((cell) => cell?.value === header);
  expect(c, `a column ${header}`).toBeGreaterThanOrEqual(0);
  return MONTHS.map((_, m) => sheet.rows[4 + m]![c]?.value);
}

function headers(data: WorkbookData): string[] {
  return data.sheets.find((s) => s.name === 'Monthly signed')!.rows[3]!.map((c) => String(c?.value ?? ''));
}

/** The pricer's invoices on the scenario's usage: 400M input and 30M output tokens of gpt-4o a month, 60% standard and 40% batch, in the engine's order. */
function pricerInvoices(yaml: string): number[] {
  const contract = loadContractYaml(yaml, { file: FILE, book });
  const item = (usageClass: 'input' | 'output', serviceTier: 'standard' | 'batch', quantity: number) => ({ model: 'gpt-4o', usageClass, serviceTier, quantity });
  const usage = new Map(MONTHS.map((m) => [m, [item('input', 'standard', 240_000_000), item('output', 'standard', 18_000_000), item('input', 'batch', 160_000_000), item('output', 'batch', 12_000_000)]]));
  return priceContractMonths(contract, book, usage, { from: MONTHS[0]!, through: MONTHS.at(-1)! }).map((m) => nanosToNumber(m.total));
}

describe('the board workbook and scoped credits', () => {
  it('writes a credit scoped to batch usage and a renewal bonus paid pro rata in its first month, as the pricer prices them', () => {
    const data = workbookWith(YAML)();
    const invoices = column(data, 'invoice under the contract');
    expect(invoices).toEqual(pricerInvoices(YAML));
    // The batch credit pays only the batch lines: what it may pay is their share of the usage, a row of its own.
    expect(headers(data)).toEqual(expect.arrayContaining(['credit batch-credit: usage it can pay (batch tier)', 'usage credits may pay: gpt-4o input, gpt-4o output', 'usage credits may pay: gpt-4o input (batch), gpt-4o output (batch)']));
    const inScope = column(data, 'credit batch-credit: usage it can pay (batch tier)') as number[];
    const batchRun = column(data, 'usage credits may pay: gpt-4o input (batch), gpt-4o output (batch)') as number[];
    expect(inScope).toEqual(batchRun);
    expect(inScope.every((v) => v > 0)).toBe(true);
    // Its balance runs down by what it applied: $2,000 less January's and February's batch usage.
    const applied = column(data, 'credit batch-credit: applied') as number[];
    expect(column(data, 'credit batch-credit: closing balance')[1]).toBeCloseTo(2000 - applied[0]! - applied[1]!, 9);
    // The assumption says what the grant may pay.
    const labels = data.sheets.find((s) => s.name === 'Assumptions')!.rows.flatMap((r) => r.map((c) => c?.value)).filter((v): v is string => typeof v === 'string');
    expect(labels).toContain('OpenAI enterprise renewal 2027 (stacked batch discount): prepaid credit batch-credit (2027-01-01 to 2027-06-30, batch tier only)');
  });

  it('writes an unscoped bonus paid by its valid days in January (each usage item’s share of 17 of 31 days), as the pricer does', () => {
    const yaml = YAML.replace('partMonth: pro_rata', 'partMonth: valid_days');
    const data = workbookWith(yaml)();
    const invoices = column(data, 'invoice under the contract');
    expect(invoices).toEqual(pricerInvoices(yaml));
    expect(headers(data)).toContain('usage at contracted prices (credits share the usage by it)');
  });

  it('writes the same contract without the scope: one row of usage credits may pay, no per-item rows', () => {
    const yaml = YAML.replace(', serviceTiers: [batch] }', ' }');
    const data = workbookWith(yaml)();
    expect(column(data, 'invoice under the contract')).toEqual(pricerInvoices(yaml));
    expect(headers(data).filter((h) => h.startsWith('usage credits may pay'))).toEqual(['usage credits may pay']);
  });
});
