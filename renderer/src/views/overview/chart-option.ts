import type { SpendOverview } from '../../../../shared/api/overview';
import { nanosToNumber, parseMoney } from '../../../../shared/domain/money';
import type { ColorScheme } from '../../app/color-scheme';
import { formatMonth } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatAxisAmount, formatMoney } from '../../format/money';
import { monthAxisLabels } from '../../format/month-axis';

/** Each provider keeps one colour in every chart; unknown ones take the next of a fallback palette. */
const PROVIDER_COLORS: Record<string, string> = {
  openai: '#2a9d8f',
  anthropic: '#d9774a',
  google: '#4f7be8',
  aws: '#e0a030',
  azure: '#3a8fd9',
  mistral: '#c2569b',
};
const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

const FALLBACK_COLORS = ['#7b6fd6', '#8a9a3b', '#5aa0c8', '#b8804a', '#8c6bb1', '#4a9a6a'];

export function providerColor(provider: string, index: number): string {
  return PROVIDER_COLORS[provider] ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length] ?? '#888888';
}

/** What a month bar reads: the exact amount (its height) and the amount shown (footed to the month's total). */
interface Cell {
  exact: string;
  shown: string;
}

/** Monthly billed cost per provider in one currency, as the backend worked it out: continuous months, shown amounts footed. */
export interface MonthlySpend {
  currency: string;
  months: string[];
  providers: string[];
  /** provider → per month, or null when the provider billed nothing that month. */
  amounts: Record<string, (Cell | null)[]>;
  /** The month's total, or null for a month with no lines at all (a gap). */
  monthTotals: (Cell | null)[];
  /** The trend line's ends, when there is a trend. */
  trend: { from: string; to: string; fittedFrom: string; fittedTo: string } | null;
}

export function monthlySpend(overview: SpendOverview): MonthlySpend | null {
  if (overview.currency === null || overview.months.length === 0) return null;
  const months = overview.months.map((m) => m.month);
  const providers = overview.providers.map((p) => p.provider);
  const amounts: Record<string, (Cell | null)[]> = Object.fromEntries(providers.map((p) => [p, months.map(() => null)]));
  overview.months.forEach((m, i) => {
    for (const p of m.providers) {
      const list = amounts[p.provider];
      if (list) list[i] = p.billed;
    }
  });
  return {
    currency: overview.currency,
    months,
    providers,
    amounts,
    monthTotals: overview.months.map((m) => m.billed),
    trend: overview.trend ? { from: overview.trend.from, to: overview.trend.to, fittedFrom: overview.trend.fittedFrom, fittedTo: overview.trend.fittedTo } : null,
  };
}

/** For plotting only: a bar's height. Money is never added or compared as a double. */
function plotValue(amount: string | null | undefined): number | null {
  return amount === null || amount === undefined ? null : nanosToNumber(parseMoney(amount));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface AxisTooltipParam {
  dataIndex: number;
  seriesName: string;
  marker: string;
  seriesId?: string;
}

const TREND_ID = 'trend';

/**
 * ECharts option: stacked bars by provider per month (every month from the
 * first to the last, a month without lines left empty), the trend as a
 * dashed line over the months it was fitted to; SVG, in the app's colours
 * for the scheme. Tooltips print the backend's shown amounts, which add up
 * to the month's total as shown.
 */
export function monthlySpendOption(data: MonthlySpend, scheme: ColorScheme) {
  const text = scheme === 'dark' ? '#c9d1db' : '#414b57';
  const grid = scheme === 'dark' ? '#2b323c' : '#e6e9ee';
  const trendColor = scheme === 'dark' ? '#e3e7ec' : '#1b1f24';
  const row = (label: string, value: string, strong = false) =>
    `<div style="display:flex;gap:16px;justify-content:space-between${strong ? ';font-weight:600;margin-top:4px' : ''}"><span>${label}</span><span style="font-variant-numeric:tabular-nums">${value}</span></div>`;
  const trend = data.trend;
  return {
    backgroundColor: 'transparent',
    // A real font stack (not 'inherit'): ECharts measures text with it to lay out the legend.
    textStyle: { fontFamily: CHART_FONT },
    aria: { enabled: true, decal: { show: false } },
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 8, icon: 'roundRect', itemWidth: 12, itemHeight: 12, itemGap: 16, textStyle: { color: text, fontSize: 12, fontFamily: CHART_FONT } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: AxisTooltipParam[]) => {
        const index = params[0]?.dataIndex ?? 0;
        const month = data.months[index] ?? '';
        const total = data.monthTotals[index];
        const head = `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(formatMonth(month))}</div>`;
        if (!total) return `${head}<div>No lines in the ledger for this month.</div>`;
        const lines = params
          .filter((p) => p.seriesId !== TREND_ID)
          .map((p) => {
            const amount = data.amounts[p.seriesId ?? '']?.[index];
            return row(`${p.marker}${escapeHtml(p.seriesName)}`, amount ? escapeHtml(formatMoney(amount.shown, data.currency)) : '—');
          });
        return `${head}${lines.join('')}${row('Total', escapeHtml(formatMoney(total.shown, data.currency)), true)}`;
      },
    },
    xAxis: {
      type: 'category',
      data: monthAxisLabels(data.months),
      axisLabel: { color: text },
      axisLine: { lineStyle: { color: grid } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: text, formatter: (v: number) => formatAxisAmount(v) },
      splitLine: { lineStyle: { color: grid } },
    },
    series: [
      ...data.providers.map((provider, i) => ({
        id: provider,
        name: providerName(provider),
        type: 'bar',
        stack: 'spend',
        barMaxWidth: 56,
        itemStyle: { color: providerColor(provider, i) },
        emphasis: { focus: 'series' },
        data: (data.amounts[provider] ?? []).map((c) => plotValue(c?.exact)),
      })),
      ...(trend
        ? [
            {
              id: TREND_ID,
              name: 'Trend',
              type: 'line',
              symbol: 'none',
              connectNulls: true,
              silent: true,
              z: 5,
              lineStyle: { color: trendColor, type: 'dashed', width: 1.5 },
              itemStyle: { color: trendColor },
              data: data.months.map((m) => (m === trend.from ? plotValue(trend.fittedFrom) : m === trend.to ? plotValue(trend.fittedTo) : null)),
            },
          ]
        : []),
    ],
  };
}
