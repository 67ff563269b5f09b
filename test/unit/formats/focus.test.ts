import { describe, expect, it } from 'vitest';
import { focusFormat } from '../../../shared/formats/focus';
import { mapRecords } from '../../../shared/formats/run';
import { billedBy, fixture, importFixture, quantityBy, reconciliation } from './helpers';

describe('FOCUS format', () => {
  it('imports the 1.2 AI fixture with the totals in its README', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('focus', 'focus-1.2-ai.csv'));
    expect(formatId).toBe('focus');
    expect(version).toBe('1.2');
    expect(summary.rowsRead).toBe(12);
    expect(summary.rowsImported).toBe(12);
    expect(summary.rowsRejected).toBe(0);
    expect(lines).toHaveLength(12);

    // USD: 12.50 + 0.625 + 20.00 + 3.000000 + 0.375 + 1000.00 + 0 + 3.26 − 50.00 + 1.100000042 − 2.50 = 988.360000042
    const usd = reconciliation(summary, 'USD');
    expect(usd.sourceTotal).toBe('988.360000042');
    expect(usd.importedTotal).toBe('988.360000042');
    expect(usd.reconciles).toBe(true);
    expect(usd.sourceItems).toBe(11);
    // EUR: one row of 7.89
    expect(reconciliation(summary, 'EUR').sourceTotal).toBe('7.89');

    // EffectiveCost keeps the prepaid commitment's amortised usage (row 8: billed 0, effective 45.50).
    const effectiveUsd = lines.filter((l) => l.currency === 'USD').reduce((s, l) => s + (l.effectiveCost ?? 0n), 0n);
    expect(effectiveUsd).toBe(33_860_000_042n);
    const covered = lines.find((l) => l.sourceRow === 8);
    expect(covered?.billedCost).toBe(0n);
    expect(covered?.effectiveCost).toBe(45_500_000_000n);

    // USD usage: 12.50 + 0.625 + 20.00 + 3.00 + 0.375 + 0 + 1.100000042 = 37.600000042; the rest keep their categories.
    expect(billedBy(lines.filter((l) => l.currency === 'USD'), (l) => l.chargeCategory)).toEqual({ usage: '37.600000042', purchase: '1000.00', tax: '3.26', credit: '-50.00', adjustment: '-2.50' });

    const byRow = new Map(lines.map((l) => [l.sourceRow, l]));
    expect(byRow.get(2)).toMatchObject({ model: 'gpt-4o', modelRaw: 'gpt-4o-2024-08-06', usageClass: 'input', serviceTier: 'standard', provider: 'openai', quantity: 5_000_000, unit: 'tokens', billingPeriod: '2026-03', subAccount: 'proj-a' });
    expect(byRow.get(2)?.tags).toEqual({ team: 'lending', app: 'loans', x_Team: 'risk' });
    expect(byRow.get(3)).toMatchObject({ model: 'gpt-4o', usageClass: 'cached_input' });
    expect(byRow.get(4)).toMatchObject({ usageClass: 'output', description: '=HYPERLINK("http://evil.example","click")' });
    expect(byRow.get(5)).toMatchObject({ model: 'claude-sonnet-4-5', provider: 'aws', publisher: 'anthropic', usageClass: 'input', region: 'us-east-1' });
    expect(byRow.get(6)).toMatchObject({ model: 'claude-sonnet-4-5', usageClass: 'cache_write_5m' });
    // A purchase with a blank ConsumedQuantity: not reported, never 0.
    expect(byRow.get(7)).toMatchObject({ chargeCategory: 'purchase', model: null, usageClass: 'other', quantity: null });
    expect(byRow.get(11)).toMatchObject({ model: 'gpt-4o-mini', usageClass: 'output', quantity: 1_234_500, unit: 'tokens', currency: 'EUR', provider: 'azure', publisher: 'openai' });
    expect(byRow.get(12)).toMatchObject({ model: 'acme-llm-9', modelRaw: 'acme-llm-9', provider: 'acme ai' });
    expect(byRow.get(13)).toMatchObject({ chargeCategory: 'adjustment', quantity: -1_000_000, billedCost: -2_500_000_000n });
    expect(summary.unknownModels).toEqual([{ modelId: 'acme-llm-9', raw: 'acme-llm-9', lines: 1 }]);

    const gpt4oTokens = quantityBy(lines.filter((l) => l.model === 'gpt-4o'), (l) => l.usageClass);
    expect(gpt4oTokens).toEqual({ input: 4_000_000, cached_input: 500_000, output: 2_000_000 });
    expect(summary.period).toEqual({ start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' });
  });

  it('classifies rows that share a description by their own meter, category and details, in any order, and folds each currency cell', () => {
    const header = ['BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory', 'ChargeDescription', 'SkuMeter', 'ConsumedQuantity', 'ConsumedUnit', 'SkuPriceDetails'];
    const row = (category: string, meter: string, details = '', currency = 'USD'): string[] => ['1.5', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', currency, category, 'gpt-4o tokens', meter, '1000', 'Tokens', details];
    const rows = [
      row('Usage', 'input tokens'),
      row('Credit', 'input tokens'),
      row('Usage', 'output tokens', '', ' usd '),
      row('Usage', 'input tokens', '{"ModelId":"gpt-4.1","TokenDirection":"Output"}'),
      row('Usage', 'input tokens', '', 'US'),
      row('Usage', 'input tokens'),
      row('Usage', 'output tokens'),
    ];
    const mapper = focusFormat.createMapper({ kind: 'tabular', fileName: 'f.csv', header, rows }, { fileName: 'f.csv' });
    const { summary, lines } = mapRecords(mapper, 'f.csv', rows.map((record, i) => ({ row: i + 2, record })));
    // The model comes from the description where no details name one; the class from the meter on usage rows, 'other' on a credit.
    expect(lines.map((l) => [l.sourceRow, l.chargeCategory, l.model, l.usageClass, l.currency])).toEqual([
      [2, 'usage', 'gpt-4o', 'input', 'USD'],
      [3, 'credit', 'gpt-4o', 'other', 'USD'],
      [4, 'usage', 'gpt-4o', 'output', 'USD'],
      [5, 'usage', 'gpt-4.1', 'output', 'USD'],
      [7, 'usage', 'gpt-4o', 'input', 'USD'],
      [8, 'usage', 'gpt-4o', 'output', 'USD'],
    ]);
    expect(summary.rejected).toEqual([expect.objectContaining({ row: 6, field: 'BillingCurrency', value: 'US' })]);
  });

  it("reads each row's own charge period when rows share a start: another end, an end before the start, a bad end or start", () => {
    const header = ['BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory', 'ChargeDescription', 'ConsumedQuantity', 'ConsumedUnit'];
    const row = (start: string, end: string): string[] => ['1.5', start, end, 'USD', 'Usage', 'gpt-4o tokens', '1000', 'Tokens'];
    const rows = [
      row('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
      row('2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'),
      row('2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'),
      row('2026-03-01T00:00:00Z', '2026-02-28T00:00:00Z'),
      row('2026-03-01T00:00:00Z', '2026-03-32T00:00:00Z'),
      row('2026-03-01T00:00:00+01:00', '2026-03-02T00:00:00Z'),
      row('2026-02-30T00:00:00Z', '2026-03-02T00:00:00Z'),
      row('2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'),
    ];
    const mapper = focusFormat.createMapper({ kind: 'tabular', fileName: 'f.csv', header, rows }, { fileName: 'f.csv' });
    const { summary, lines } = mapRecords(mapper, 'f.csv', rows.map((record, i) => ({ row: i + 2, record })));
    expect(lines.map((l) => [l.sourceRow, l.chargePeriodStart, l.chargePeriodEnd])).toEqual([
      [2, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      [3, '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
      [4, '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z'],
      // +01:00 is an hour before UTC midnight.
      [7, '2026-02-28T23:00:00Z', '2026-03-02T00:00:00Z'],
      [9, '2026-03-01T00:00:00Z', '2026-03-01T01:00:00Z'],
    ]);
    expect(summary.rejected.map((r) => [r.row, r.field, r.value])).toEqual([
      [5, 'ChargePeriodEnd', '2026-02-28T00:00:00Z'],
      [6, 'ChargePeriodEnd', '2026-03-32T00:00:00Z'],
      [8, 'ChargePeriodStart', '2026-02-30T00:00:00Z'],
    ]);
  });

  it('reads FOCUS 1.3 provider columns, offsets to UTC and the 1-hour cache write', async () => {
    const { version, summary, lines } = await importFixture(fixture('focus', 'focus-1.3-hosted.csv'));
    expect(version).toBe('1.3');
    expect(reconciliation(summary, 'USD').sourceTotal).toBe('4.30');
    expect(lines[0]).toMatchObject({ chargePeriodStart: '2026-03-31T22:00:00Z', chargePeriodEnd: '2026-04-01T22:00:00Z', provider: 'anthropic', model: 'claude-opus-4-1', usageClass: 'output', credential: 'key-1' });
    expect(lines[1]).toMatchObject({ usageClass: 'cache_write_1h', credential: 'svc-account', contractedCost: 270_000_000n });
  });

  it('reads FOCUS 1.0 with semicolons, decimal commas and scientific notation exactly', async () => {
    const { version, summary, lines } = await importFixture(fixture('focus', 'focus-1.0-decimal-comma.csv'));
    expect(version).toBe('1.0');
    // 1234.56 + 0.000042 + 0.0015 = 1234.561542
    expect(reconciliation(summary, 'EUR').sourceTotal).toBe('1234.561542');
    expect(reconciliation(summary, 'EUR').importedTotal).toBe('1234.561542');
    expect(lines[0]).toMatchObject({ quantity: 2_000_000, model: 'mistral-large', usageClass: 'input', listCost: 1_300_000_000_000n });
    expect(lines.map((l) => l.usageClass)).toEqual(['input', 'output', 'output']);
  });
});
