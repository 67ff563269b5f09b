import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractFileSchema } from '../../../shared/api/contracts';
import { checkContractSet, loadContractYaml } from '../../../shared/domain/contracts/load';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { termSheetToContract, validateTermSheet } from '../../../shared/domain/contracts/term-sheet';
import type { Contract } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { readTermSheet, termSheetGrid } from '../../../electron/backend/contracts/term-sheet-reader';
import { contractJsonSchemaText, termSheetWorkbook } from '../../../scenarios/contracts/build-examples';

const DIR = resolve(__dirname, '../../../scenarios/contracts');
const book = bundledPriceBook();
const examples = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const load = (f: string) => loadContractYaml(readFileSync(resolve(DIR, f), 'utf8'), { file: f, book });
const withoutFile = ({ file: _file, ...rest }: Contract) => rest;

describe('example contracts', () => {
  it('load against the shipped price book and do not overlap', () => {
    expect(examples).toEqual(['anthropic-prepaid-credits-2026.yaml', 'aws-bedrock-volume-2026.yaml', 'azure-ptu-offer-2026.yaml', 'azure-term-sheet-2027.yaml', 'openai-batch-stacked-2027.yaml', 'openai-enterprise-2026.yaml']);
    const contracts = examples.map(load);
    expect(() => checkContractSet(contracts)).not.toThrow();
  });

  it('price a month with real catalogue prices (PTU offer)', () => {
    // 100 PTU × $260 = $26,000 for January. Capacity for gpt-4o: 100 × 44,640 min × 2,500 = 11,160,000,000 tokens, so 2B provisioned tokens are all covered.
    const c = load('azure-ptu-offer-2026.yaml');
    const m = priceContractMonth(c, '2026-01', [{ model: 'gpt-4o', usageClass: 'input', serviceTier: 'provisioned', quantity: 2_000_000_000 }], book);
    expect(nanosToDecimal(m.total, 2)).toBe('26000.00');
    expect(m.items[0]!.coveredQuantity).toBe('2000000000');
  });

  it('contract.schema.json is generated from the schema and up to date', () => {
    expect(readFileSync(resolve(DIR, 'contract.schema.json'), 'utf8')).toBe(contractJsonSchemaText());
  });

  it('the example term sheet reads back to the same terms as its YAML twin', async () => {
    const read = await readTermSheet(resolve(DIR, 'azure-term-sheet-2027.xlsx'), { book });
    expect(read.sheet).toBe('Term sheet');
    expect(read.validation.ok).toBe(true);
    if (read.validation.ok) expect(withoutFile(read.validation.contract)).toEqual(withoutFile(load('azure-term-sheet-2027.yaml')));
    expect(read.yaml).toContain('vendor: azure');
  });

  it.each(examples)('%s survives the trip through a term-sheet workbook', async (f) => {
    const parsed = ContractFileSchema.parse(parseExactYaml(readFileSync(resolve(DIR, f), 'utf8'), f));
    const bytes = await termSheetWorkbook(parsed);
    const { grid } = termSheetGrid(new Uint8Array(bytes), `${f}.xlsx`);
    const back = validateTermSheet(grid, { file: f, book, sheet: 'Term sheet' });
    expect(back.ok).toBe(true);
    if (back.ok) expect(withoutFile(back.contract)).toEqual(withoutFile(load(f)));
  });
});

/** Every contract the project ships or tests with dated versions (amendments and renewals). */
const ROOT = resolve(__dirname, '../../..');
const VERSIONED = ['scenarios/demo/contracts/openai-enterprise.yaml', 'test/fixtures/workbook/openai-versioned-contract.yaml'];

describe('a term sheet with versions', () => {
  it.each(VERSIONED)('%s survives the trip through a term-sheet workbook, versions and all', async (f) => {
    const text = readFileSync(resolve(ROOT, f), 'utf8');
    const parsed = ContractFileSchema.parse(parseExactYaml(text, f));
    expect(parsed.versions?.length).toBeGreaterThan(0);
    const bytes = await termSheetWorkbook(parsed);
    const { grid } = termSheetGrid(new Uint8Array(bytes), `${f}.xlsx`);
    // The version's rows: a mark, from when, why, until when, then the terms it changes in the base layout.
    expect(grid.map((r) => r[0])).toContain('[Version 2]');
    const back = validateTermSheet(grid, { file: f, book, sheet: 'Term sheet' });
    expect(back.ok, JSON.stringify(back.ok ? [] : back.issues)).toBe(true);
    const original = loadContractYaml(text, { file: f, book });
    if (back.ok) {
      expect(withoutFile(back.contract)).toEqual(withoutFile(original));
      expect(back.contract.versions?.map((v) => [v.effectiveFrom, v.reason, v.end, v.changes, v.withdrawCredits])).toEqual(original.versions?.map((v) => [v.effectiveFrom, v.reason, v.end, v.changes, v.withdrawCredits]));
    }
  });

  const sheet = [
    ['Vendor', 'openai'],
    ['Name', 'Versions test'],
    ['Currency', 'USD'],
    ['Start', '2026-01-01'],
    ['End', '2026-12-31'],
    ['Minimum monthly fee', '100'],
    [],
    ['[Credits]'],
    ['Id', 'Amount', 'Start', 'Expires'],
    ['launch', '500', '2026-01-01', '2026-12-31'],
    [],
    ['[Version 2]'],
    ['Effective from', '2026-07-01'],
    ['Reason', 'amendment 1: lower minimum'],
    ['Withdraw credits', 'launch'],
    ['Minimum monthly fee', '50'],
    ['[Rates]'],
    ['Model', 'Usage class', 'Price'],
    ['gpt-4o', 'input', '2.00'],
  ];

  it('reads a version: from when, why, what it withdraws and the terms it changes, labels and tables', () => {
    const r = validateTermSheet(sheet, { file: 'amended.xlsx', book, sheet: 'Term sheet' });
    expect(r.ok, JSON.stringify(r.ok ? [] : r.issues)).toBe(true);
    expect(r.mapping.contract.versions).toEqual([{ effectiveFrom: '2026-07-01', reason: 'amendment 1: lower minimum', withdrawCredits: ['launch'], minimumMonthlyFee: '50', rates: [{ model: 'gpt-4o', usageClass: 'input', price: '2.00' }] }]);
    if (r.ok) expect(r.contract.versions?.[0]).toMatchObject({ number: 2, effectiveFrom: '2026-07-01', changes: ['rates', 'minimumMonthlyFee'], withdrawCredits: ['launch'] });
  });

  it('names the sheet, the row and the field of a bad version: a mid-month date, a grant no earlier version makes, a grant id used again', () => {
    const bad = [
      ...sheet.map((row) => (row[0] === 'Effective from' ? ['Effective from', '2026-07-15'] : row[0] === 'Withdraw credits' ? ['Withdraw credits', 'lanch'] : row)),
      [],
      ['[Credits]'],
      ['Id', 'Amount', 'Start', 'Expires'],
      ['launch', '200', '2026-07-01', '2026-12-31'],
    ];
    const r = validateTermSheet(bad, { file: 'amended.xlsx', book, sheet: 'Term sheet' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues).toEqual([
        { field: 'versions[0].effectiveFrom', message: expect.stringMatching(/^is 2026-07-15: a version takes effect on the first day of a month \(2026-07-01 or the first of the next\)/), cell: 'Term sheet!B13' },
        { field: 'versions[0].withdrawCredits[0]', message: 'names credit "lanch", which no earlier version grants (granted so far: launch)', cell: 'Term sheet!B15' },
        { field: 'versions[0].credits.grants[0].id', message: expect.stringMatching(/^is "launch", a grant version 1 already made/), cell: 'Term sheet!A23' },
      ]);
    }
  });

  it('says a version cannot change what is not a term, naming the cell; a version’s empty table drops every entry', () => {
    const renamed = [...sheet.slice(0, 15), ['Name', 'Another name'], ...sheet.slice(15)];
    const m = termSheetToContract(renamed);
    expect(m.issues).toEqual([{ field: 'versions[0]', message: '"Name" is not something a version changes (a version changes the terms, the end, or withdraws credits)', cell: 'A16' }]);
    const dropped = termSheetToContract([...sheet.slice(0, 16), ['[Discounts]'], ['Label', 'Percent off']]);
    expect(dropped.issues).toEqual([]);
    expect(dropped.contract.versions).toEqual([{ effectiveFrom: '2026-07-01', reason: 'amendment 1: lower minimum', withdrawCredits: ['launch'], minimumMonthlyFee: '50', discounts: [] }]);
  });
});

describe('term-sheet mapping', () => {
  const grid = [
    ['Vendor', 'acme'],
    ['Name', 'Typo test'],
    ['Currency', 'USD'],
    ['Start', '2026-01-01'],
    ['End', '2026-12-31'],
    [],
    ['[Credits]'],
    ['Id', 'Amount', 'Start', 'Expires'],
    ['promo', '500', '2026-03-01', '2026-02-01'],
  ];

  it('names the contract field and the cell of a problem', () => {
    const r = validateTermSheet(grid, { file: 'offer.xlsx', sheet: 'Term sheet' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ field: 'credits.grants[0].expires', message: 'the credit expires (2026-02-01) before it starts (2026-03-01)', cell: 'Term sheet!D9' }]);
  });

  it('reports unknown labels, sections and columns with their cells', () => {
    const m = termSheetToContract([['Vendr', 'acme'], ['[Rebates]'], ['[Rates]'], ['Model', 'Usage class', 'Colour']]);
    expect(m.issues.map((i) => [i.cell, i.message])).toEqual([
      ['A1', 'unknown label "Vendr"'],
      ['A2', 'unknown section [Rebates]; expected one of [rates], [discounts], [volume tiers], [commitment years], [credits], [provisioned], [version 2]'],
      ['C4', 'unknown column "Colour" in [Rates]'],
    ]);
  });
});
