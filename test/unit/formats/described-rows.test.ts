import { describe, expect, it } from 'vitest';
import { DescribedRows } from '../../../shared/formats/described-rows';
import { focusFormat } from '../../../shared/formats/focus';
import { mapRecords } from '../../../shared/formats/run';

describe('row descriptions found again by their cells', () => {
  it('finds a kept description only for a row with the same cell in every described column', () => {
    // Columns 2 (looked up by), 0 and 3 decide; column 1 (an amount) and the absent column −1 do not.
    const rows = new DescribedRows<string>([2, 0, -1, 3]);
    rows.keep(['acct-1', '1.50', 'sku-a', 'Tokens'], 'A');
    expect(rows.find(['acct-1', '9.99', 'sku-a', 'Tokens'])).toBe('A');
    expect(rows.find(['acct-2', '1.50', 'sku-a', 'Tokens'])).toBeUndefined();
    expect(rows.find(['acct-1', '1.50', 'sku-b', 'Tokens'])).toBeUndefined();
    // A missing cell reads as blank, like every other cell read.
    expect(rows.find(['acct-1', '1.50', 'sku-a'])).toBeUndefined();
    rows.keep(['acct-1', '1.50', 'sku-a'], 'A, no unit');
    expect(rows.find(['acct-1', '2', 'sku-a', ''])).toBe('A, no unit');
    expect(rows.find(['acct-1', '2', 'sku-a', 'Tokens'])).toBe('A');
  });

  it('compares first the columns that told rows apart in its first window, and still finds only rows with every cell the same', () => {
    // Looked up by SKU (column 0); region (1) is the same on every row, account (2) and category (3) tell the kept rows apart.
    const rows = new DescribedRows<string>([0, 1, 2, 3]);
    const kinds = [
      ['sku-a', 'global', 'acct-1', 'Usage'],
      ['sku-a', 'global', 'acct-1', 'Credit'],
      ['sku-a', 'global', 'acct-2', 'Usage'],
      ['sku-a', 'global', 'acct-2', 'Credit'],
    ];
    for (const values of kinds) rows.keep(values, values.join(' '));
    // A window of 4,096 lookups, each a hit (the last kept row is passed over by every other: its account or category differs).
    for (let i = 0; i < 4096; i += 1) expect(rows.find(kinds[i % 4] as string[])).toBe((kinds[i % 4] as string[]).join(' '));
    // Kept in that order, so in a round of four lookups the candidates passed over are told apart by: acct-1 Usage none;
    // acct-1 Credit category (by acct-1 Usage); acct-2 Usage account twice; acct-2 Credit account twice, category once.
    // Account 4, category 2, region 0: account, then category, then region.
    expect(rows.comparedColumns).toEqual([0, 2, 3, 1]);
    for (const values of kinds) expect(rows.find(values)).toBe(values.join(' '));
    expect(rows.find(['sku-a', 'us-east-1', 'acct-1', 'Usage'])).toBeUndefined();
    expect(rows.find(['sku-a', 'global', 'acct-3', 'Usage'])).toBeUndefined();
    expect(rows.find(['sku-a', 'global', 'acct-1', 'Tax'])).toBeUndefined();
    rows.keep(['sku-a', 'us-east-1', 'acct-1', 'Usage'], 'east');
    expect(rows.find(['sku-a', 'us-east-1', 'acct-1', 'Usage'])).toBe('east');
    expect(rows.find(['sku-a', 'global', 'acct-1', 'Usage'])).toBe('sku-a global acct-1 Usage');
  });

  it('turns itself off after a window of rows that hardly repeat', () => {
    const rows = new DescribedRows<number>([0]);
    for (let i = 0; i < 4096 && rows.on; i += 1) {
      const values = [`resource-${i}`];
      if (rows.find(values) === undefined) rows.keep(values, i);
    }
    expect(rows.on).toBe(false);
    // Nothing is kept any more, nor found.
    rows.keep(['resource-1'], 1);
    expect(rows.find(['resource-1'])).toBeUndefined();
  });
});

describe('FOCUS rows described once and found again', () => {
  const header = [
    'BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory', 'ChargeDescription', 'SkuId', 'SkuMeter',
    'ConsumedQuantity', 'ConsumedUnit', 'PricingQuantity', 'PricingUnit', 'ProviderName', 'RegionId', 'ResourceId', 'Tags',
  ];
  const base = ['1.5', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'USD', 'Usage', 'gpt-4o input tokens', 'sku-4o-in', 'input tokens', '1000', 'Tokens', '', '', 'OpenAI', 'global', 'res-a', '{"team":"risk"}'];
  const varied = (column: string, value: string): string[] => base.map((v, i) => (header[i] === column ? value : v));
  // Each row differs from the first in one described column (or in what picks the unit: a blank ConsumedQuantity).
  const rows = [
    base,
    varied('RegionId', 'us-east-1'),
    varied('Tags', '{"team":"ops"}'),
    varied('ChargeCategory', 'Credit'),
    varied('ProviderName', 'Microsoft Azure'),
    varied('ResourceId', 'res-b'),
    varied('ChargeDescription', 'gpt-4.1 input tokens'),
    varied('ConsumedUnit', '1K tokens'),
    base.map((v, i) => (header[i] === 'ConsumedQuantity' ? '' : header[i] === 'PricingQuantity' ? '2' : header[i] === 'PricingUnit' ? '1M tokens' : v)),
    varied('BilledCost', '3'),
    base,
  ];
  const createMapper = () => focusFormat.createMapper({ kind: 'tabular', fileName: 'f.csv', header, rows }, { fileName: 'f.csv' });

  it('makes each row the line a mapper that met that row alone makes', () => {
    const { lines } = mapRecords(createMapper(), 'f.csv', [...rows, ...rows].map((record, i) => ({ row: i + 2, record })));
    expect(lines).toHaveLength(rows.length * 2);
    lines.forEach((line, i) => {
      const alone = mapRecords(createMapper(), 'f.csv', [{ row: i + 2, record: rows[i % rows.length] as string[] }]).lines;
      expect(line).toEqual(alone[0]);
    });
  });

  it('keeps what each described cell means', () => {
    const { lines } = mapRecords(createMapper(), 'f.csv', rows.map((record, i) => ({ row: i + 2, record })));
    const at = (row: number) => lines.find((l) => l.sourceRow === row);
    expect(at(2)).toMatchObject({ region: 'global', tags: { team: 'risk' }, provider: 'openai', model: 'gpt-4o', usageClass: 'input', quantity: 1000, unit: 'tokens', billedCost: 1_500_000_000n });
    expect(at(3)?.region).toBe('us-east-1');
    expect(at(4)?.tags).toEqual({ team: 'ops' });
    expect(at(5)).toMatchObject({ chargeCategory: 'credit', usageClass: 'other' });
    expect(at(6)?.provider).toBe('azure');
    expect(at(7)?.resourceId).toBe('res-b');
    expect(at(8)?.model).toBe('gpt-4.1');
    // 1000 in blocks of 1K tokens = 1,000,000 tokens; the priced quantity 2 in blocks of 1M tokens = 2,000,000 tokens.
    expect(at(9)).toMatchObject({ quantity: 1_000_000, unit: 'tokens' });
    expect(at(10)).toMatchObject({ quantity: 2_000_000, unit: 'tokens' });
    expect(at(11)).toMatchObject({ region: 'global', billedCost: 3_000_000_000n });
  });
});
