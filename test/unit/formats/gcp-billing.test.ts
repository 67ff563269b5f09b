import { describe, expect, it } from 'vitest';
import { billedBy, fixture, importFixture, reconciliation } from './helpers';

describe('Google Cloud billing export', () => {
  it('imports the JSON export with credits as their own lines and Vertex SKUs normalised', async () => {
    const { formatId, summary, lines } = await importFixture(fixture('gcp-billing', 'billing-export.jsonl'));
    expect(formatId).toBe('gcp-billing');
    expect(summary.rowsRead).toBe(6);
    expect(lines).toHaveLength(9);
    // 1.5 − 0.5 + 2.5 + 0.625 + 3.00 − 1.0 − 0.25 + 0.75 + 0.026 = 6.651
    expect(reconciliation(summary, 'USD')).toMatchObject({ sourceTotal: '6.651', importedTotal: '6.651', reconciles: true });
    expect(billedBy(lines, (l) => l.chargeCategory)).toEqual({ usage: '7.651', credit: '-1.75', tax: '0.75' });
    const usage = lines.filter((l) => l.chargeCategory !== 'credit');
    expect(usage.map((l) => [l.sourceRow, l.model, l.usageClass, l.serviceTier, l.contextBand])).toEqual([
      [1, 'gemini-2.5-flash', 'input', 'standard', null],
      [2, 'gemini-2.5-flash', 'output', 'standard', null],
      [3, 'gemini-2.5-pro', 'input', 'batch', '>200k'],
      [4, 'claude-sonnet-4-5', 'input', 'standard', null],
      [5, null, 'other', 'standard', null],
      [6, null, 'other', 'standard', null],
    ]);
    expect(lines[0]).toMatchObject({
      chargePeriodStart: '2026-03-01T00:00:00Z',
      chargePeriodEnd: '2026-03-01T01:00:00Z',
      billingPeriod: '2026-03',
      subAccount: 'loans-prod',
      region: 'us-central1',
      quantity: 5_000_000,
      unit: 'tokens',
      tags: { team: 'lending' },
      provider: 'google',
    });
    expect(lines[1]).toMatchObject({ chargeCategory: 'credit', billedCost: -500_000_000n, description: 'Free tier', model: 'gemini-2.5-flash', quantity: null }); // a credit reports no quantity of its own
    expect(lines.find((l) => l.model === 'claude-sonnet-4-5')?.publisher).toBe('anthropic');
  });

  it('imports a flattened CSV export and rejects a row whose credits are not JSON', async () => {
    const { summary, lines } = await importFixture(fixture('gcp-billing', 'billing-export.csv'));
    expect(summary.rowsRead).toBe(3);
    expect(summary.rowsRejected).toBe(1);
    expect(lines).toHaveLength(3);
    // source 0.075 + 0.3 − 0.03 + 1.00 = 1.345; imported 0.345; rejected 1.00
    expect(reconciliation(summary, 'USD')).toMatchObject({ sourceTotal: '1.345', importedTotal: '0.345', rejectedTotal: '1.00', reconciles: true });
    expect(summary.rejected[0]).toMatchObject({ row: 4, field: 'credits', value: 'not json' });
    expect(lines[0]).toMatchObject({ model: 'gemini-2.0-flash-lite', usageClass: 'input', tags: { env: 'prod' }, billingPeriod: '2026-04', region: 'europe-west4' });
  });
});
