import { describe, expect, it } from 'vitest';
import type { LedgerSummaryRow } from '../../../shared/api/ledger';
import { monthlySpend, monthlySpendOption } from '../../../renderer/src/views/overview/chart-option';

function row(month: string, provider: string | null, billedCost: string, currency = 'USD'): LedgerSummaryRow {
  return { key: provider === null ? { month } : { month, provider }, currency, lines: 1, quantity: 1, quantityMissing: 0, billedCost, effectiveCost: billedCost, listCost: null, listCostMissing: 0 };
}

describe('monthly spend chart data', () => {
  const byMonthProvider = [row('2026-06', 'openai', '100.10'), row('2026-05', 'openai', '90.005'), row('2026-05', 'anthropic', '40.5'), row('2026-05', 'openai', '7', 'EUR')];
  const byMonth = [row('2026-05', null, '130.505'), row('2026-06', null, '100.10'), row('2026-05', null, '7', 'EUR')];

  it('lays out one currency by month and provider, with gaps where nothing was billed', () => {
    const data = monthlySpend(byMonthProvider, byMonth, 'USD');
    expect(data.months).toEqual(['2026-05', '2026-06']);
    expect(data.providers).toEqual(['anthropic', 'openai']);
    expect(data.amounts).toEqual({ anthropic: ['40.5', null], openai: ['90.005', '100.10'] });
    // Month totals are the backend's, not added up here.
    expect(data.monthTotals).toEqual(['130.505', '100.10']);
  });

  it('plots numbers but tells exact amounts in the tooltip', () => {
    const data = monthlySpend(byMonthProvider, byMonth, 'USD');
    const option = monthlySpendOption(data, 'light');
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['Anthropic', [40.5, null]],
      ['OpenAI', [90.005, 100.1]],
    ]);
    const tooltip = option.tooltip.formatter([
      { dataIndex: 0, seriesName: 'Anthropic', seriesId: 'anthropic', marker: '' },
      { dataIndex: 0, seriesName: 'OpenAI', seriesId: 'openai', marker: '' },
    ]);
    expect(tooltip).toContain('May 2026');
    expect(tooltip).toContain('USD 40.50');
    expect(tooltip).toContain('USD 90.00'); // 90.005 → 90.00, half to even
    expect(tooltip).toContain('USD 130.50'); // the backend's month total, 130.505 → 130.50
  });
});
