import { describe, expect, it } from 'vitest';
import { termSheetGrid } from '../../../electron/backend/contracts/term-sheet-reader';
import { termSheetWorkbook } from '../../../electron/backend/contracts/term-sheet-writer';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { ContractFileSchema } from '../../../shared/domain/contracts/schema';
import { validateTermSheet } from '../../../shared/domain/contracts/term-sheet';
import { termSheetRows } from '../../../shared/domain/contracts/term-sheet-rows';
import type { Contract } from '../../../shared/domain/contracts/types';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { parseExactYaml } from '../../../shared/domain/yaml-text';

const book = bundledPriceBook();
const withoutFile = ({ file: _file, ...rest }: Contract) => rest;

/**
 * Terms a spreadsheet number cannot hold as written: a rate of 0.0000001 (a
 * double prints it "1e-7"), a 12.5% discount (the cell's 0.125), an amount
 * with trailing zeros, a publisher-scoped grant and a version that changes
 * the commitment and withdraws the grant.
 */
const AWKWARD = `id: awkward
name: Awkward numbers
vendor: openai
currency: USD
term: { start: 2027-01-01, end: 2027-12-31 }
rates:
  - { model: gpt-4.1, usageClass: input, price: "0.0000001" }
discounts:
  - { label: launch, percentOff: "12.5" }
commitment: { amount: "700.00", period: month, takeOrPay: true }
credits:
  burnOrder: earliest_expiry
  grants:
    - { id: openai-pack, amount: "250.10", start: 2027-01-01, expires: 2027-06-30, publishers: [OpenAI] }
versions:
  - effectiveFrom: 2027-07-01
    reason: mid-year amendment
    commitment: { amount: "1200", period: month, takeOrPay: true }
    withdrawCredits: [openai-pack]
`;

describe('the term-sheet writer', () => {
  const file = ContractFileSchema.parse(parseExactYaml(AWKWARD, 'awkward.yaml'));

  it('lays the contract out as the reader expects: labels, then tables, then the version block', () => {
    const rows = termSheetRows(file);
    const firstCells = rows.map((r) => (r.cells[0] ? String(r.cells[0].value) : ''));
    expect(firstCells).toEqual([
      'Contract term sheet',
      '',
      'Contract id',
      'Name',
      'Vendor',
      'Currency',
      'Start',
      'End',
      'Commitment amount',
      'Commitment period',
      'Take or pay',
      'Carry over',
      'Commitment includes provisioned fees',
      'Credit burn order',
      '',
      '[Rates]',
      'Model',
      'gpt-4.1',
      '',
      '[Discounts]',
      'Label',
      'launch',
      '',
      '[Credits]',
      'Id',
      'openai-pack',
      '',
      '[Version 2]',
      'Effective from',
      'Reason',
      'Withdraw credits',
      'Commitment amount',
      'Commitment period',
      'Take or pay',
      'Carry over',
      'Commitment includes provisioned fees',
    ]);
    // Typed as a person would type them: the rate and amounts keep the contract's decimal text for the writer to place.
    const rate = rows.find((r) => r.cells[0]?.value === 'gpt-4.1')!;
    expect(rate.cells[6]).toEqual({ value: '0.0000001', format: 'rate' });
    const grant = rows.find((r) => r.cells[0]?.value === 'openai-pack')!;
    expect(grant.cells.slice(0, 6).map((c) => c && c.value)).toEqual(['openai-pack', '250.10', '2027-01-01', '2027-06-30', 'all_charges', 'OpenAI']);
  });

  it('writes cells that read back to the same contract, to the last digit', async () => {
    const { grid } = termSheetGrid(new Uint8Array(await termSheetWorkbook(file)), 'awkward.xlsx');
    const cell = (label: string, col = 1) => grid.find((r) => r[0] === label)?.[col];
    // 0.0000001 as a number would read back "1e-7": it is written as its own text. 12.5% is the cell's 0.125, read as "12.5".
    expect(grid.find((r) => r[0] === 'gpt-4.1')?.[6]).toBe('0.0000001');
    expect(grid.find((r) => r[0] === 'launch')?.[1]).toBe('12.5');
    expect(cell('Commitment amount')).toBe('700');
    expect(cell('Withdraw credits')).toBe('openai-pack');
    const back = validateTermSheet(grid, { file: 'awkward.xlsx', book, sheet: 'Term sheet' });
    expect(back.ok, JSON.stringify(back.ok ? [] : back.issues)).toBe(true);
    if (back.ok) expect(withoutFile(back.contract)).toEqual(withoutFile(loadContractYaml(AWKWARD, { file: 'awkward.yaml', book })));
  });

  it('gives the same bytes for the same contract (a sheet can be diffed and re-sent)', async () => {
    expect(Buffer.compare(await termSheetWorkbook(file), await termSheetWorkbook(file))).toBe(0);
  });
});
