import type { RunResult, Tornado } from '../../../../shared/api/scenarios';
import { nanosToDecimal, nanosToNumber, parseMoney } from '../../../../shared/domain/money';
import type { LeverWaterfall } from '../../../../shared/engine/waterfall';
import type { ColorScheme } from '../../app/color-scheme';
import { formatMonth, shortMonth } from '../../format/dates';
import { formatAxisAmount, formatFixed, formatMoney } from '../../format/money';

/**
 * ECharts options of the compare view. Money arrives as exact decimal
 * strings; it becomes a number only for geometry (a line's height), and every
 * tooltip shows the exact string.
 */
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif";
/** The baseline is always grey; scenarios take these in file order. */
export const SCENARIO_COLORS = ['#1f55cc', '#2a9d8f', '#d9774a', '#8c6bb1', '#c2569b', '#8a9a3b'];
export const BASELINE_COLOR = '#7a8594';

export function scenarioColor(index: number, isBaseline: boolean): string {
  return isBaseline ? BASELINE_COLOR : (SCENARIO_COLORS[(index - 1 + SCENARIO_COLORS.length) % SCENARIO_COLORS.length] ?? '#1f55cc');
}

const num = (amount: string | null | undefined): number | null => (amount === null || amount === undefined ? null : nanosToNumber(parseMoney(amount)));

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function theme(scheme: ColorScheme) {
  return { text: scheme === 'dark' ? '#c9d1db' : '#414b57', grid: scheme === 'dark' ? '#2b323c' : '#e6e9ee' };
}

function monthAxis(months: readonly string[], scheme: ColorScheme) {
  const { text, grid } = theme(scheme);
  const years = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  return {
    type: 'category' as const,
    data: months.map((m) => (years ? `${shortMonth(m)} ${m.slice(2, 4)}` : shortMonth(m))),
    axisLabel: { color: text },
    axisLine: { lineStyle: { color: grid } },
    axisTick: { show: false },
  };
}

function valueAxis(scheme: ColorScheme, decimals = false, name?: string) {
  const { text, grid } = theme(scheme);
  return {
    type: 'value' as const,
    ...(name ? { name, nameTextStyle: { color: text, align: 'left' as const } } : {}),
    scale: true,
    axisLabel: { color: text, formatter: (v: number) => (decimals ? formatFixed(v, 2) : formatAxisAmount(v)) },
    splitLine: { lineStyle: { color: grid } },
  };
}

function base(scheme: ColorScheme) {
  const { text } = theme(scheme);
  return {
    backgroundColor: 'transparent',
    textStyle: { fontFamily: FONT },
    aria: { enabled: true, decal: { show: false } },
    animationDuration: 250,
    legend: { top: 0, right: 8, icon: 'roundRect', itemWidth: 12, itemHeight: 12, textStyle: { color: text, fontSize: 12, fontFamily: FONT } },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
  };
}

export type MonthlyFigure = 'totalCost' | 'costPerUnit' | 'aiCost';

interface AxisParam {
  dataIndex: number;
  seriesIndex: number;
  marker: string;
  seriesName: string;
}

/** One line per scenario, month by month: total cost or cost per unit. */
export function monthlyLinesOption(run: RunResult, figure: MonthlyFigure, scheme: ColorScheme) {
  const months = run.scenarios[0]?.months.map((m) => m.month) ?? [];
  return {
    ...base(scheme),
    tooltip: {
      trigger: 'axis',
      formatter: (params: AxisParam[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const rows = params.map((p) => {
          const value = run.scenarios[p.seriesIndex]?.months[i]?.[figure] ?? null;
          return `${p.marker}${escapeHtml(p.seriesName)}<span style="float:right;margin-left:16px">${value === null ? '—' : escapeHtml(formatMoney(value, run.currency))}</span>`;
        });
        return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(formatMonth(months[i] ?? ''))}</div>${rows.join('<br/>')}`;
      },
    },
    xAxis: monthAxis(months, scheme),
    // The panel's title names the figure and its currency; five scenarios wrap the legend onto a second row, clear of the plot.
    grid: { ...base(scheme).grid, top: run.scenarios.length > 3 ? 60 : 36 },
    yAxis: valueAxis(scheme, figure === 'costPerUnit'),
    series: run.scenarios.map((s, i) => ({
      id: s.id,
      name: s.name,
      type: 'line',
      showSymbol: false,
      lineStyle: { width: s.isBaseline ? 2 : 2.5, type: s.isBaseline ? 'dashed' : 'solid' },
      itemStyle: { color: scenarioColor(i, s.isBaseline) },
      data: s.months.map((m) => num(m[figure])),
    })),
  };
}

/** P10–P90 band of cost per unit for each scenario, with its P50 line. */
export function fanOption(run: RunResult, scheme: ColorScheme) {
  const months = run.scenarios[0]?.months.map((m) => m.month) ?? [];
  const series = run.scenarios.flatMap((s, i) => {
    const color = scenarioColor(i, s.isBaseline);
    const p10 = s.months.map((m) => num(m.p10?.costPerUnit));
    const p90 = s.months.map((m) => num(m.p90?.costPerUnit));
    return [
      { id: `${s.id}-p10`, name: `${s.name} P10–P90`, type: 'line', stack: `band-${i}`, symbol: 'none', lineStyle: { opacity: 0 }, itemStyle: { color }, data: p10, tooltip: { show: false } },
      {
        id: `${s.id}-band`,
        name: `${s.name} P10–P90`,
        type: 'line',
        stack: `band-${i}`,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        itemStyle: { color },
        areaStyle: { color, opacity: 0.18 },
        data: p90.map((v, j) => (v === null || p10[j] === null ? null : v - (p10[j] as number))),
      },
      { id: `${s.id}-p50`, name: `${s.name} P50`, type: 'line', symbol: 'none', lineStyle: { width: 2, type: s.isBaseline ? 'dashed' : 'solid' }, itemStyle: { color }, data: s.months.map((m) => num(m.p50?.costPerUnit)) },
    ];
  });
  return {
    ...base(scheme),
    legend: { ...base(scheme).legend, data: run.scenarios.map((s) => `${s.name} P50`) },
    tooltip: {
      trigger: 'axis',
      formatter: (params: AxisParam[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const rows = run.scenarios.map((s, k) => {
          const m = s.months[i];
          const f = (v: string | null | undefined) => (v ? formatMoney(v, run.currency) : '—');
          return `<span style="color:${scenarioColor(k, s.isBaseline)}">●</span> ${escapeHtml(s.name)}: ${escapeHtml(f(m?.p10?.costPerUnit))} · <b>${escapeHtml(f(m?.p50?.costPerUnit))}</b> · ${escapeHtml(f(m?.p90?.costPerUnit))}`;
        });
        return `<div style="font-weight:600;margin-bottom:4px">${escapeHtml(formatMonth(months[i] ?? ''))} — P10 · P50 · P90 per ${escapeHtml(run.unit)}</div>${rows.join('<br/>')}`;
      },
    },
    // Five scenarios' names wrap the legend onto a second row, which sat on the top of the plot.
    grid: { ...base(scheme).grid, top: run.scenarios.length > 3 ? 64 : 36 },
    xAxis: monthAxis(months, scheme),
    yAxis: valueAxis(scheme, true, `${run.currency} per ${run.unit}`),
    series,
  };
}

/**
 * Savings by lever as a waterfall: from zero, each lever's step up (a saving)
 * or down (it costs more), in the order the levers apply, to the scenario's
 * total saving against the baseline over the horizon.
 */
export function waterfallOption(w: LeverWaterfall, currency: string, scheme: ColorScheme) {
  const { text } = theme(scheme);
  const labels = [...w.steps.map((s) => s.label), 'Total saving'];
  const invisible: (number | null)[] = [];
  const up: (number | null)[] = [];
  const down: (number | null)[] = [];
  const total: (number | null)[] = [];
  let running = 0;
  for (const step of w.steps) {
    const saving = num(step.saving) ?? 0;
    const next = running + saving;
    invisible.push(Math.min(running, next));
    up.push(saving >= 0 ? saving : null);
    down.push(saving < 0 ? -saving : null);
    total.push(null);
    running = next;
  }
  const totalSaving = (num(w.baselineTotal) ?? 0) - (num(w.scenarioTotal) ?? 0);
  // A total below zero hangs from zero like a negative step.
  invisible.push(Math.min(0, totalSaving));
  up.push(null);
  down.push(null);
  total.push(Math.abs(totalSaving));
  const exact = [...w.steps.map((s) => s.saving), savingText(w)];
  return {
    ...base(scheme),
    // The invisible base bars that lift each step are left out of the legend.
    legend: { ...base(scheme).legend, data: ['Saving', 'Extra cost', 'Total'] },
    grid: { left: 8, right: 16, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: AxisParam[]) => {
        const i = params[0]?.dataIndex ?? 0;
        const amount = exact[i] ?? '0';
        const negative = amount.startsWith('-');
        const what = i === labels.length - 1 ? (negative ? 'Costs more than the baseline by' : 'Saves against the baseline') : negative ? 'Costs more by' : 'Saves';
        return `<div style="font-weight:600">${escapeHtml(labels[i] ?? '')}</div>${escapeHtml(what)}: ${escapeHtml(formatMoney(negative ? amount.slice(1) : amount, currency))}`;
      },
    },
    xAxis: { type: 'category', data: labels, axisLabel: { color: text, interval: 0, width: 150, overflow: 'break', lineHeight: 14 }, axisTick: { show: false } },
    yAxis: valueAxis(scheme, false, currency),
    series: [
      { name: 'base', type: 'bar', stack: 'w', itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, data: invisible, tooltip: { show: false } },
      { name: 'Saving', type: 'bar', stack: 'w', itemStyle: { color: '#2a9d8f' }, data: up, barMaxWidth: 56 },
      { name: 'Extra cost', type: 'bar', stack: 'w', itemStyle: { color: '#d9534f' }, data: down, barMaxWidth: 56 },
      { name: 'Total', type: 'bar', stack: 'w', itemStyle: { color: totalSaving >= 0 ? '#1f55cc' : '#b42318' }, data: total, barMaxWidth: 56 },
    ],
  };
}

/** The scenario's saving over the horizon, exactly: baseline total − scenario total (decimal strings). */
function savingText(w: LeverWaterfall): string {
  return nanosToDecimal(parseMoney(w.baselineTotal) - parseMoney(w.scenarioTotal));
}

/** The inputs that move cost per unit most: each bar spans the cost per unit with the input at its P10 and at its P90. */
export function tornadoOption(t: Tornado, currency: string, unit: string, scheme: ColorScheme) {
  const { text, grid } = theme(scheme);
  const entries = t.entries.slice(0, 8).reverse();
  const lo = entries.map((e) => Math.min(num(e.low) ?? 0, num(e.high) ?? 0));
  const span = entries.map((e, i) => Math.abs((num(e.high) ?? 0) - (num(e.low) ?? 0)) || 0.0001 * (lo[i] ?? 1));
  const baseValue = num(t.base) ?? 0;
  return {
    ...base(scheme),
    legend: { ...base(scheme).legend, data: ['P10 to P90'] },
    grid: { left: 8, right: 24, top: 36, bottom: 30, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: AxisParam[]) => {
        const e = entries[params[0]?.dataIndex ?? 0];
        if (!e) return '';
        return `<div style="font-weight:600">${escapeHtml(e.label)}</div>at P10 (${e.lowInput.toPrecision(4)}): ${escapeHtml(formatMoney(e.low, currency))} per ${escapeHtml(unit)}<br/>at P90 (${e.highInput.toPrecision(4)}): ${escapeHtml(formatMoney(e.high, currency))} per ${escapeHtml(unit)}<br/>swing ${escapeHtml(formatMoney(e.swing, currency))}`;
      },
    },
    xAxis: { type: 'value', scale: true, name: `${currency} per ${unit}`, nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: text }, axisLabel: { color: text, formatter: (v: number) => formatFixed(v, 2) }, splitLine: { lineStyle: { color: grid } } },
    yAxis: { type: 'category', data: entries.map((e) => e.label), axisLabel: { color: text, width: 260, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      { name: 'from', type: 'bar', stack: 't', itemStyle: { color: 'transparent' }, emphasis: { disabled: true }, data: lo },
      {
        name: 'P10 to P90',
        type: 'bar',
        stack: 't',
        itemStyle: { color: '#1f55cc' },
        barMaxWidth: 22,
        data: span,
        markLine: { symbol: 'none', silent: true, lineStyle: { color: text, type: 'dashed' }, label: { show: false }, data: [{ xAxis: baseValue }] },
      },
    ],
  };
}
