import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import { nanosToNumber, parseMoney } from '../../../../shared/domain/money';
import type { ColorScheme } from '../../app/color-scheme';
import { formatMonth } from '../../format/dates';
import { providerName, usageClassLabel } from '../../format/labels';
import { formatAxisAmount, formatMoney } from '../../format/money';
import { continuousMonths, monthAxisLabels } from '../../format/month-axis';
import { providerColor } from '../overview/chart-option';

const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";

/** For plotting only: money is never added or compared as a double. */
function plot(amount: string | null): number | null {
  return amount === null ? null : nanosToNumber(parseMoney(amount));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function colours(scheme: ColorScheme) {
  return {
    text: scheme === 'dark' ? '#c9d1db' : '#414b57',
    grid: scheme === 'dark' ? '#2b323c' : '#e6e9ee',
    bad: scheme === 'dark' ? '#ff8a80' : '#c0362c',
    quiet: scheme === 'dark' ? '#6b7684' : '#9aa4b1',
  };
}

/** Whether the run is about one month: then each line is a dot by day; otherwise months are bars. */
export function isSingleMonth(run: Pick<InvoiceCheckRun, 'months'>): boolean {
  return new Set(run.months.map((m) => m.month)).size === 1;
}

/**
 * One month: every check line as a dot, its day across and its variance
 * (billed − contracted) up, lines with findings in red — a planted
 * overcharge stands out of a row of zeros. Several months: each vendor's
 * monthly variance as bars (the whole invoice, fees and credits included).
 */
export function varianceOption(run: Pick<InvoiceCheckRun, 'lines' | 'months'>, scheme: ColorScheme) {
  const c = colours(scheme);
  const base = {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: CHART_FONT },
    aria: { enabled: true, decal: { show: false } },
    animationDuration: 300,
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, right: 8, itemWidth: 12, itemHeight: 12, itemGap: 16, textStyle: { color: c.text, fontSize: 12, fontFamily: CHART_FONT } },
    yAxis: {
      type: 'value',
      name: 'Billed − contracted',
      nameTextStyle: { color: c.text, align: 'left' },
      axisLabel: { color: c.text, formatter: (v: number) => formatAxisAmount(v) },
      splitLine: { lineStyle: { color: c.grid } },
    },
  };
  if (isSingleMonth(run)) {
    const lines = run.lines.filter((l) => l.variance !== null);
    const days = [...new Set(lines.map((l) => l.day))].sort();
    const point = (l: (typeof lines)[number]) => ({ value: [days.indexOf(l.day), plot(l.variance)], line: l });
    const tooltip = (p: { data: { line: (typeof lines)[number] } }) => {
      const l = p.data.line;
      const cur = run.months.find((m) => m.provider === l.provider)?.currency ?? '';
      return `<div style="font-weight:600">${escapeHtml(l.day)} · ${escapeHtml(providerName(l.provider))} ${escapeHtml(l.model ?? '')}</div>${escapeHtml(usageClassLabel(l.usageClass))}, ${escapeHtml(l.serviceTier)}<br/>billed ${escapeHtml(formatMoney(l.billed, cur))}, contracted ${escapeHtml(l.contracted === null ? '—' : formatMoney(l.contracted, cur))}<br/><b>variance ${escapeHtml(l.variance === null ? '—' : formatMoney(l.variance, cur))}</b>`;
    };
    return {
      ...base,
      grid: { ...base.grid, bottom: 24 },
      tooltip: { trigger: 'item', formatter: tooltip },
      xAxis: { type: 'category', data: days.map((d) => d.slice(8)), name: formatMonth(days[0]?.slice(0, 7) ?? ''), nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: c.text }, axisLabel: { color: c.text }, axisLine: { lineStyle: { color: c.grid } }, axisTick: { show: false } },
      series: [
        { id: 'agrees', name: 'Lines', type: 'scatter', symbolSize: 6, itemStyle: { color: c.quiet }, data: lines.filter((l) => l.findings.length === 0).map(point) },
        { id: 'findings', name: 'Lines with findings', type: 'scatter', symbolSize: 12, itemStyle: { color: c.bad }, data: lines.filter((l) => l.findings.length > 0).map(point) },
      ],
    };
  }
  // Every month from the first to the last: a month nobody billed is a gap in its place.
  const months = continuousMonths(run.months.map((m) => m.month));
  const providers = [...new Set(run.months.map((m) => m.provider))].sort();
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: monthAxisLabels(months),
      axisLabel: { color: c.text },
      axisLine: { lineStyle: { color: c.grid } },
      axisTick: { show: false },
    },
    series: providers.map((provider, i) => ({
      id: provider,
      name: providerName(provider),
      type: 'bar',
      barMaxWidth: 40,
      itemStyle: { color: providerColor(provider, i) },
      data: months.map((m) => plot(run.months.find((x) => x.month === m && x.provider === provider)?.variance ?? null)),
    })),
  };
}
