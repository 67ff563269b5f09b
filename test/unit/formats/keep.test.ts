import { describe, expect, it } from 'vitest';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { ledgerLine } from '../../helpers/ledger-line';
import { LineAggregator, keepsLineByLine, lineHint, offersKeepAi } from '../../../shared/formats/keep';

/** An hour of EC2 in the payer account, tagged to the risk team: a line keep ai aggregates. */
function line(over: Partial<LedgerLine>): LedgerLine {
  return ledgerLine({
    chargePeriodEnd: '2026-03-01T01:00:00Z',
    provider: 'aws',
    billingAccount: 'payer',
    subAccount: 'A',
    model: null,
    usageClass: 'other',
    region: 'us-east-1',
    resourceId: 'i-1',
    sku: 'USE1-BoxUsage:m5.large',
    description: 'm5.large',
    tags: { team: 'risk' },
    quantity: 1,
    unit: 'Hrs',
    ...over,
  });
}

describe('what keep ai keeps line by line', () => {
  it('keeps lines the mapper calls AI, lines with a model, and every line without a hint', () => {
    const ec2 = lineHint('AmazonEC2', false);
    expect(keepsLineByLine(line({}), ec2)).toBe(false);
    expect(keepsLineByLine(line({}), lineHint('AmazonBedrock', true))).toBe(true);
    expect(keepsLineByLine(line({ model: 'gpt-4o' }), ec2)).toBe(true);
    expect(keepsLineByLine(line({}), undefined)).toBe(true);
    expect(lineHint('AmazonEC2', false)).toBe(ec2);
    expect(['aws-cur', 'azure-cost', 'gcp-billing', 'focus', 'openai-costs'].map(offersKeepAi)).toEqual([true, true, true, false, false]);
  });
});

describe('LineAggregator', () => {
  it('sums exactly per day, service, account, category and currency, spanning its lines and counting them', () => {
    const agg = new LineAggregator();
    const ec2 = lineHint('AmazonEC2', false);
    agg.add(line({ sourceRow: 5, chargePeriodStart: '2026-03-01T04:00:00Z', chargePeriodEnd: '2026-03-01T05:00:00Z', billedCost: 1n, effectiveCost: 1n, listCost: 2n }), ec2);
    agg.add(line({ sourceRow: 3, chargePeriodStart: '2026-03-01T01:00:00Z', chargePeriodEnd: '2026-03-01T02:00:00Z', billedCost: 123_456_789n, effectiveCost: 100n, listCost: null }), ec2);
    agg.add(line({ sourceRow: 9, chargePeriodStart: '2026-03-01T23:00:00Z', chargePeriodEnd: '2026-03-02T00:00:00Z', billedCost: 10n, effectiveCost: 5n, listCost: 3n }), ec2);
    // Another day, another account, another category, another currency: four more aggregates.
    agg.add(line({ sourceRow: 10, chargePeriodStart: '2026-03-02T00:00:00Z', chargePeriodEnd: '2026-03-02T01:00:00Z', billedCost: 7n }), ec2);
    agg.add(line({ sourceRow: 11, subAccount: 'B', billedCost: 7n }), ec2);
    agg.add(line({ sourceRow: 12, chargeCategory: 'tax', billedCost: 7n }), ec2);
    agg.add(line({ sourceRow: 13, currency: 'EUR', billedCost: 7n }), ec2);
    expect([agg.size, agg.folded]).toEqual([5, 7]);
    const [first, ...rest] = agg.lines();
    // 1 + 123,456,789 + 10 = 123,456,800 nano-units; effective 1 + 100 + 5 = 106; list unknown on row 3, so unknown.
    expect(first).toMatchObject({
      sourceRow: 3,
      sourceLines: 3,
      chargePeriodStart: '2026-03-01T01:00:00Z',
      chargePeriodEnd: '2026-03-02T00:00:00Z',
      billedCost: 123_456_800n,
      effectiveCost: 106n,
      listCost: null,
      contractedCost: null,
      description: 'AmazonEC2',
      model: null,
      resourceId: null,
      sku: null,
      quantity: null,
      tags: {},
    });
    expect(rest.map((l) => [l.sourceRow, l.sourceLines, l.billedCost])).toEqual([
      [10, 1, 7n],
      [11, 1, 7n],
      [12, 1, 7n],
      [13, 1, 7n],
    ]);
  });
});
