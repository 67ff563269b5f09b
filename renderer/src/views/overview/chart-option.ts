import type { LedgerSummaryRow } from '../../../../shared/api/ledger';
import { nanosToNumber, parseMoney } from '../../../../shared/domain/money';
import type { ColorScheme } from '../../app/color-scheme';
import { formatMonth, shortMonth } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatAxisAmount, formatMoney } from '../../format/money';

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

/** Monthly billed cost per provider in one currency: exact strings for reading, numbers only for bar heights. */
export interface MonthlySpend {
  currency: string;
  months: string[];
  providers: string[];
  /** provider → per month: the exact amount, or null when nothing was billed that month. */
  amounts: Record<string, (string | null)[]>;
  /** Month totals as the backend summed them. */
  monthTotals: (string | null)[];
}

export function monthlySpend(byMonthProvider: readonly LedgerSummaryRow[], byMonth: readonly LedgerSummaryRow[], currency: string): MonthlySpend {
  const rows = byMonthProvider.filter((r) => r.currency === currency);
  const months = [...new Set(rows.map((r) => String(r.key.month)))].sort();
  const providers = [...new Set(rows.map((r) => String(r.key.provider)))].sort();
  const amounts: Record<string, (string | null)[]> = Object.fromEntries(providers.map((p) => [p, months.map(() => null)]));
  for (const r of rows) {
    const list = amounts[String(r.key.provider)];
    if (list) list[months.indexOf(String(r.key.month))] = r.billedCost;
  }
  const totals = new Map(byMonth.filter((r) => r.currency === currency).map((r) => [String(r.key.month), r.billedCost]));
  return { currency, months, providers, amounts, monthTotals: months.map((m) => totals.get(m) ?? null) };
}

/** For plotting only: a bar's height. Money is never added or compared as a double. */
function plotValue(amount: string | null): number | null {
  return amount === null ? null : nanosToNumber(parseMoney(amount));
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

/** ECharts option: stacked bars by provider per month, SVG, in the app's colours for the scheme. */
export function monthlySpendOption(data: MonthlySpend, scheme: ColorScheme) {
  const text = scheme === 'dark' ? '#c9d1db' : '#414b57';
  const grid = scheme === 'dark' ? '#2b323c' : '#e6e9ee';
  const years = [...new Set(data.months.map((m) => m.slice(0, 4)))];
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
        const lines = params.map((p) => {
          const provider = p.seriesId ?? '';
          const amount = data.amounts[provider]?.[index];
          return `${p.marker}${escapeHtml(p.seriesName)}<span style="float:right;margin-left:16px;font-variant-numeric:tabular-nums">${amount ? escapeHtml(formatMoney(amount, data.currency)) : '—'}</span>`;
        });
        const total = data.monthTotals[index];
        const footer = total ? `<div style="margin-top:4px;font-weight:600">Total<span style="float:right;margin-left:16px;font-variant-numeric:tabular-nums">${escapeHtml(formatMoney(total, data.currency))}</span></div>` : '';
        return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(formatMonth(month))}</div>${lines.join('<br/>')}${footer}`;
      },
    },
    xAxis: {
      type: 'category',
      data: data.months.map((m) => (years.length > 1 ? `${shortMonth(m)} ${m.slice(2, 4)}` : shortMonth(m))),
      axisLabel: { color: text },
      axisLine: { lineStyle: { color: grid } },
      axisTick: { show: false },
    },
    yAxis: {
      type: 'value',
      axisLabel: { color: text, formatter: (v: number) => formatAxisAmount(v) },
      splitLine: { lineStyle: { color: grid } },
    },
    series: data.providers.map((provider, i) => ({
      id: provider,
      name: providerName(provider),
      type: 'bar',
      stack: 'spend',
      barMaxWidth: 56,
      itemStyle: { color: providerColor(provider, i) },
      emphasis: { focus: 'series' },
      data: (data.amounts[provider] ?? []).map(plotValue),
    })),
  };
}
