import { describe, expect, it } from 'vitest';
import type { SpendOverview } from '../../../shared/api/overview';
import { monthlySpend, monthlySpendOption } from '../../../renderer/src/views/overview/chart-option';
import { continuousMonths, monthAxisLabels } from '../../../renderer/src/format/month-axis';

const shown = (exact: string, s = exact) => ({ exact, shown: s });

/** An overview as the backend answers it: June 2025, a gap to April 2026, May 2026. */
function overview(): SpendOverview {
  const gap = (month: string) => ({ month, lines: 0, billed: null, providers: [], covered: null });
  return {
    currencies: [{ currency: 'USD', lines: 3 }],
    currency: 'USD',
    today: '2026-05-20',
    total: { lines: 3, billed: shown('230.515', '230.52') },
    months: [
      { month: '2025-06', lines: 2, billed: shown('130.505', '130.50'), providers: [{ provider: 'openai', billed: shown('90.005', '90.01') }, { provider: 'anthropic', billed: shown('40.5', '40.49') }], covered: null },
      ...['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map(gap),
      { month: '2026-05', lines: 1, billed: shown('100.01'), providers: [{ provider: 'openai', billed: shown('100.01') }], covered: null },
    ],
    latest: null,
    change: null,
    runRate: null,
    trend: null,
    providers: [
      { provider: 'openai', lines: 2, billed: shown('190.015', '190.02'), models: [], otherModels: null },
      { provider: 'anthropic', lines: 1, billed: shown('40.5', '40.50'), models: [], otherModels: null },
    ],
  };
}


describe('month axes', () => {
  it('run continuously: a month without data keeps its place', () => {
    expect(continuousMonths(['2026-05', '2025-06', '2025-12'])).toHaveLength(12);
    expect(continuousMonths(['2026-05', '2025-06']).slice(0, 2)).toEqual(['2025-06', '2025-07']);
    expect(continuousMonths([])).toEqual([]);
  });

  it('name the year when the months span two', () => {
    expect(monthAxisLabels(['2026-05', '2026-06'])).toEqual(['May', 'Jun']);
    expect(monthAxisLabels(['2025-12', '2026-01'])).toEqual(['Dec 25', 'Jan 26']);
  });
});

describe('monthly spend chart', () => {
  it('draws June 2025 and May 2026 eleven months apart, with the months between left empty', () => {
    const data = monthlySpend(overview())!;
    const option = monthlySpendOption(data, 'light');
    expect(option.xAxis.data).toHaveLength(12);
    expect(option.xAxis.data[0]).toBe('Jun 25');
    expect(option.xAxis.data[1]).toBe('Jul 25');
    expect(option.xAxis.data[11]).toBe('May 26');
    const openai = option.series.find((s) => s.id === 'openai')!;
    expect(openai.data).toEqual([90.005, ...Array<null>(10).fill(null), 100.01]);
  });

  it('tells the backend’s shown amounts, which add up to the month’s total as shown', () => {
    const data = monthlySpend(overview())!;
    const option = monthlySpendOption(data, 'light');
    const tooltip = option.tooltip.formatter([
      { dataIndex: 0, seriesName: 'OpenAI', seriesId: 'openai', marker: '' },
      { dataIndex: 0, seriesName: 'Anthropic', seriesId: 'anthropic', marker: '' },
    ]);
    expect(tooltip).toContain('Jun 2025');
    // Footed by the backend: 90.01 + 40.49 = 130.50, the month's total (each rounded alone: 90.00 + 40.50).
    expect(tooltip).toContain('USD 90.01');
    expect(tooltip).toContain('USD 40.49');
    expect(tooltip).toContain('USD 130.50');
    expect(option.tooltip.formatter([{ dataIndex: 3, seriesName: 'OpenAI', seriesId: 'openai', marker: '' }])).toContain('No lines in the ledger for this month');
  });

  it('draws the trend as a straight dashed line between its fitted ends', () => {
    const o = overview();
    o.trend = { from: '2025-06', to: '2026-05', months: 2, perMonth: '1', percentPerMonth: null, direction: 'flat', fittedFrom: '120', fittedTo: '131' };
    const option = monthlySpendOption(monthlySpend(o)!, 'dark');
    const trend = option.series.find((s) => s.id === 'trend')!;
    expect(trend.data).toEqual([120, ...Array<null>(10).fill(null), 131]);
    expect(trend).toMatchObject({ type: 'line', connectNulls: true, lineStyle: { type: 'dashed' } });
  });
});
