import { describe, expect, it } from 'vitest';
import { billedBy, fixture, importFixture, reconciliation } from './helpers';

describe('Azure cost details', () => {
  it('imports the EA actual-cost export: BOM, MM/DD/YYYY, 1K/1M units scaled exactly, PTU and reservations', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('azure-cost', 'azure-actual-ea.csv'));
    expect([formatId, version]).toEqual(['azure-cost', 'actual']);
    expect(summary.rowsRead).toBe(8);
    expect(summary.rowsRejected).toBe(0);
    // 0.20370356 + 0.1803 + 0.3125 + 0.75 + 36000.00 + 12000.00 − 500.00 + 0.208 = 47501.65450356
    expect(reconciliation(summary, 'EUR')).toMatchObject({ sourceTotal: '47501.65450356', importedTotal: '47501.65450356', reconciles: true });
    expect(billedBy(lines, (l) => l.chargeCategory)).toEqual({ usage: '36001.65450356', purchase: '12000.00', refund: '-500.00' });
    expect(lines.map((l) => [l.model, l.usageClass, l.serviceTier, l.quantity, l.unit])).toEqual([
      ['gpt-4o-mini', 'input', 'standard', 1_234_567, 'tokens'],
      ['gpt-4o-mini', 'output', 'standard', 300_500, 'tokens'],
      ['gpt-4o', 'cached_input', 'standard', 250_000, 'tokens'],
      ['gpt-4o-mini', 'input', 'batch', 10_000_000, 'tokens'],
      [null, 'provisioned_unit_hour', 'provisioned', 36_000, 'hours'],
      // The reservation purchase and its refund leave Quantity blank: not reported, never 0.
      [null, 'other', 'standard', null, 'units'],
      [null, 'other', 'standard', null, 'units'],
      [null, 'other', 'standard', 10, '1 GB/Month'],
    ]);
    expect(lines[0]).toMatchObject({
      chargePeriodStart: '2026-03-01T00:00:00Z',
      chargePeriodEnd: '2026-03-02T00:00:00Z',
      billingPeriod: '2026-03',
      billedCost: 203_703_560n,
      provider: 'azure',
      publisher: 'openai',
      subAccount: 'sub-1111',
      region: 'swedencentral',
      modelRaw: 'gpt-4o-mini-0718-Inp-glbl Tokens',
      tags: { team: 'risk', env: 'prod', resourceGroup: 'rg-ai' },
      effectiveCost: null,
    });
    expect(lines[2]?.chargePeriodStart).toBe('2026-03-15T00:00:00Z');
    expect(lines[5]).toMatchObject({ chargeCategory: 'purchase', description: 'Azure OpenAI Provisioned Throughput Reservation', tags: { reservation: 'PTU reservation 1 month' } });
  });

  it('imports the MCA amortized export with day-first dates and effective cost', async () => {
    const { version, summary, lines } = await importFixture(fixture('azure-cost', 'azure-amortized-mca.csv'));
    expect(version).toBe('amortized');
    expect(reconciliation(summary, 'USD').sourceTotal).toBe('64.00');
    expect(lines.map((l) => [l.chargePeriodStart.slice(0, 10), l.usageClass, l.model, l.quantity])).toEqual([
      ['2026-03-05', 'provisioned_unit_hour', null, 24],
      ['2026-03-15', 'other', null, 6],
      ['2026-03-15', 'input', 'gpt-4.1', 2_000_000],
    ]);
    expect(lines.every((l) => l.effectiveCost === l.billedCost)).toBe(true);
  });
});
