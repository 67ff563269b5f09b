import { describe, expect, it } from 'vitest';
import { LineDecoder, LineEncoder, NULL_MONEY } from '../../../electron/backend/imports/line-codec';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { isWorkbenchError } from '../../../shared/domain/errors';

function line(over: Partial<LedgerLine> = {}): LedgerLine {
  return {
    chargePeriodStart: '2026-03-01T00:00:00Z',
    chargePeriodEnd: '2026-03-02T00:00:00Z',
    billingPeriod: '2026-03',
    chargeCategory: 'usage',
    provider: 'openai',
    publisher: null,
    billingAccount: 'org-1',
    subAccount: 'proj_a',
    credential: null,
    model: 'gpt-4o',
    modelRaw: 'gpt-4o-2024-08-06',
    usageClass: 'input',
    serviceTier: 'standard',
    contextBand: null,
    region: null,
    resourceId: null,
    sku: null,
    description: '=HYPERLINK("x")',
    tags: Object.freeze({ team: 'loans' }) as Record<string, string>,
    quantity: 1_000_000.5,
    unit: 'tokens',
    billedCost: 2_500_000_000n,
    effectiveCost: null,
    listCost: -1n,
    contractedCost: 9_223_372_036_854_775_807n,
    currency: 'USD',
    sourceRow: 2,
    ...over,
  };
}

describe('lines between the import threads', () => {
  it('round-trips every field exactly, nulls and extreme money included', () => {
    const lines = [line(), line({ sourceRow: 3, usageClass: 'output', tags: {}, billedCost: -50_000_000_000n, currency: 'EUR', description: null })];
    const encoder = new LineEncoder('bill.csv');
    const decoder = new LineDecoder();
    expect(decoder.decode(encoder.encode(lines))).toEqual(lines.map((l) => ({ ...l, tags: { ...l.tags } })));
  });

  it('sends each string once across batches, and the decoder keeps up', () => {
    const encoder = new LineEncoder();
    const decoder = new LineDecoder();
    const first = encoder.encode([line(), line({ sourceRow: 3 })]);
    const second = encoder.encode([line({ sourceRow: 4, model: 'gpt-4.1' })]);
    // The second batch brings only the one string the first did not have.
    expect(second.strings).toEqual(['gpt-4.1']);
    expect(first.strings).toContain('2026-03-01T00:00:00Z');
    expect(decoder.decode(first).map((l) => l.sourceRow)).toEqual([2, 3]);
    expect(decoder.decode(second)[0]).toMatchObject({ model: 'gpt-4.1', provider: 'openai', sourceRow: 4 });
  });

  it('refuses money the ledger cannot hold, naming the file, row and field', () => {
    const tooBig = line({ sourceRow: 17, effectiveCost: 2n ** 63n });
    try {
      new LineEncoder('big.csv').encode([tooBig]);
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isWorkbenchError(error) && [error.code, error.file, error.row, error.field]).toEqual(['invalid_file', 'big.csv', 17, 'effectiveCost']);
    }
    expect(() => new LineEncoder().encode([line({ listCost: NULL_MONEY })])).toThrow(/beyond what the ledger holds/);
  });
});
