import { describe, expect, it } from 'vitest';
import { fixture, importFixture, quantityBy, reconciliation } from './helpers';

describe('Anthropic usage report', () => {
  it('imports the JSON report: one line per count, tiers and context bands', async () => {
    const { formatId, summary, lines } = await importFixture(fixture('anthropic-usage', 'usage-report.json'));
    expect(formatId).toBe('anthropic-usage');
    expect(summary.rowsRead).toBe(3);
    expect(summary.rowsRejected).toBe(0);
    expect(lines).toHaveLength(10);
    expect(summary.reconciliation).toEqual([]);
    const sonnet4 = lines.filter((l) => l.model === 'claude-sonnet-4-0');
    expect(quantityBy(sonnet4, (l) => l.usageClass)).toEqual({ input: 1500, cache_write_5m: 500, cache_write_1h: 1000, cached_input: 200, output: 500, tool_call: 10 });
    expect(sonnet4[0]).toMatchObject({ subAccount: 'wrkspc_01', credential: 'apikey_01', serviceTier: 'standard', contextBand: '0-200k', modelRaw: 'claude-sonnet-4-20250514', provider: 'anthropic' });
    const sonnet45 = lines.filter((l) => l.model === 'claude-sonnet-4-5');
    expect(sonnet45.map((l) => [l.usageClass, l.quantity, l.serviceTier, l.contextBand, l.subAccount])).toEqual([
      ['input', 250000, 'batch', '200k-1M', null],
      ['output', 1000, 'batch', '200k-1M', null],
    ]);
    expect(lines.filter((l) => l.model === 'claude-opus-4-1').map((l) => l.serviceTier)).toEqual(['priority', 'priority']);
  });

  it('imports the CSV report with dotted nested columns and a date-only bucket', async () => {
    const { formatId, version, lines } = await importFixture(fixture('anthropic-usage', 'usage-report.csv'));
    expect([formatId, version]).toEqual(['anthropic-usage', 'csv']);
    expect(lines).toHaveLength(7);
    expect(quantityBy(lines.filter((l) => l.model === 'claude-haiku-4-5'), (l) => l.usageClass)).toEqual({ input: 40000, cache_write_5m: 2000, cached_input: 30000, output: 8000, tool_call: 3 });
    const old = lines.filter((l) => l.model === 'claude-3-5-haiku-latest');
    expect(old[0]).toMatchObject({ chargePeriodStart: '2026-03-02T00:00:00Z', chargePeriodEnd: '2026-03-03T00:00:00Z', serviceTier: 'batch', sourceRow: 3 });
  });
});

describe('Anthropic cost report', () => {
  it('reads amounts as cents, exactly', async () => {
    const { formatId, summary, lines } = await importFixture(fixture('anthropic-cost', 'cost-report.json'));
    expect(formatId).toBe('anthropic-cost');
    // 1.2345 + 67.89 + 0.005 + 0.123456789 + 10.00 + 2.50 = 81.752956789
    const usd = reconciliation(summary, 'USD');
    expect(usd.sourceTotal).toBe('81.752956789');
    expect(usd.importedTotal).toBe('81.752956789');
    expect(lines.map((l) => [l.usageClass, l.billedCost])).toEqual([
      ['input', 1_234_500_000n],
      ['output', 67_890_000_000n],
      ['cached_input', 5_000_000n],
      ['cache_write_1h', 123_456_789n],
      ['tool_call', 10_000_000_000n],
      ['other', 2_500_000_000n],
    ]);
    expect(lines[3]).toMatchObject({ model: 'claude-sonnet-4-5', serviceTier: 'batch', contextBand: '200k-1M' });
    expect(lines[5]).toMatchObject({ model: null, description: 'code execution' });
  });

  it('imports the CSV report and lists rejected rows with their amounts', async () => {
    const { version, summary } = await importFixture(fixture('anthropic-cost', 'cost-report.csv'));
    expect(version).toBe('csv');
    expect(summary.rowsRead).toBe(5);
    expect(summary.rowsImported).toBe(3);
    expect(summary.rowsRejected).toBe(2);
    const usd = reconciliation(summary, 'USD');
    // source 25.00 + 0.333 + 0.0001 + 1.00 (the impossible-date row) = 26.3331; imported 25.3331; rejected 1.00
    expect(usd).toMatchObject({ sourceTotal: '26.3331', importedTotal: '25.3331', rejectedTotal: '1.00', difference: '0.00', reconciles: true });
    expect(summary.rejected).toEqual([
      { file: 'cost-report.csv', row: 5, field: 'amount', reason: 'amount is not a decimal number', value: 'abc' },
      expect.objectContaining({ row: 6, field: 'starting_at', amount: '1.00', currency: 'USD', value: '2026-02-30T00:00:00Z' }),
    ]);
    expect(summary.rejected[1]?.reason).toMatch(/impossible date/);
  });
});
