import { describe, expect, it } from 'vitest';
import { billedBy, fixture, importFixture, reconciliation } from './helpers';

describe('AWS Cost and Usage Report', () => {
  it('imports CUR 2.0 with Bedrock, Marketplace, provisioned throughput, tax, credit and refund lines', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('aws-cur', 'cur2-bedrock.csv'));
    expect([formatId, version]).toEqual(['aws-cur', '2.0']);
    expect(summary.rowsRead).toBe(11);
    expect(summary.rowsRejected).toBe(0);
    // 3.00 + 3.00 + 1.50 + 0.15 + 1.60 + 0.0045 + 14400.00 + 1.23 − 100.00 − 5.00 + 0.2496 = 14305.7341
    const usd = reconciliation(summary, 'USD');
    expect(usd).toMatchObject({ sourceTotal: '14305.7341', importedTotal: '14305.7341', reconciles: true });
    expect(billedBy(lines, (l) => l.chargeCategory)).toEqual({ usage: '14409.5041', tax: '1.23', credit: '-100.00', refund: '-5.00' });
    expect(lines.map((l) => [l.sourceRow, l.model, l.usageClass, l.serviceTier, l.quantity, l.unit])).toEqual([
      [2, 'claude-sonnet-4-5', 'input', 'standard', 1_000_000, 'tokens'],
      [3, 'claude-sonnet-4-5', 'output', 'standard', 200_000, 'tokens'],
      [4, 'claude-sonnet-4-5', 'cached_input', 'standard', 5_000_000, 'tokens'],
      [5, 'claude-sonnet-4-5', 'input', 'batch', 100_000, 'tokens'],
      [6, 'amazon.nova-pro-v1:0', 'input', 'standard', 2_000_000, 'tokens'],
      [7, 'command-r-plus', 'input', 'standard', 1_500, 'tokens'],
      [8, 'claude-3-haiku', 'provisioned_unit_hour', 'provisioned', 720, 'hours'],
      // Tax, credit and refund rows leave the usage amount blank: not reported, never 0.
      [9, null, 'other', 'standard', null, 'units'],
      [10, null, 'other', 'standard', null, 'units'],
      [11, 'claude-sonnet-4-5', 'other', 'standard', null, 'units'],
      [12, null, 'other', 'standard', 24, 'hours'],
    ]);
    expect(lines[0]).toMatchObject({ provider: 'aws', publisher: 'anthropic', billingAccount: '999988887777', subAccount: '111122223333', region: 'us-east-1', billingPeriod: '2026-03', modelRaw: 'USE1-Claude4.5Sonnet-input-tokens', tags: { user_team: 'lending' } });
    expect(lines[4]?.publisher).toBeNull();
    expect(lines[5]).toMatchObject({ publisher: 'cohere', modelRaw: 'Cohere Command R+ (Amazon Bedrock Edition)' });
    expect(lines[0]?.chargePeriodStart).toBe('2026-03-01T00:00:00Z');
  });

  it('imports legacy CUR with slash headers and resourceTags columns', async () => {
    const { version, summary, lines } = await importFixture(fixture('aws-cur', 'cur-legacy.csv'));
    expect(version).toBe('legacy');
    // 0.9 + 0.0625 + 0.0104 + 50 + 7.20 = 58.1729
    expect(reconciliation(summary, 'USD').sourceTotal).toBe('58.1729');
    expect(lines.map((l) => [l.model, l.usageClass, l.chargeCategory])).toEqual([
      ['claude-3-5-sonnet', 'input', 'usage'],
      ['claude-3-haiku', 'output', 'usage'],
      [null, 'other', 'usage'],
      [null, 'other', 'purchase'],
      [null, 'other', 'tax'],
    ]);
    expect(lines[0]).toMatchObject({ quantity: 300_000, tags: { 'user:Team': 'lending' } });
    expect(lines[1]?.region).toBe('eu-west-1');
  });
});
