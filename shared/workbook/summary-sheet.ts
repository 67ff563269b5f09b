/**
 * The Summary: what an executive reads first. KPI cells per scenario (each a
 * formula on its Monthly sheet's horizon totals, under a defined name
 * Kpi.<scenario>.<Field>), the Monte Carlo ranges where drawn (engine
 * values, marked as such), what moves the cost per unit, savings by lever,
 * native charts bound to the Monthly sheets, and links to every sheet.
 */
import type { RunResult, ScenarioResult, Tornado } from '../engine/schema';
import { kpiName, nameSegment } from '../engine/assumption-names';
import { breakEvenText, NO_UPFRONT_COST_TEXT } from '../engine/break-even-text';
import type { LeverWaterfall } from '../engine/waterfall';
import { excelRound, roundHalfEven } from './expr';
import { a1, absA1, rangeRef, sheetRef, SheetBuilder } from './grid';
import type { ChartSpec, DefinedName, Sheet } from './model';
import type { MonthlyLayout } from './monthly/monthly-sheet';

export const SUMMARY_SHEET = 'Summary';

export interface SummaryScenario {
  result: ScenarioResult;
  layout: MonthlyLayout;
  /** The baseline this scenario is compared with (null for a baseline). */
  baseline: MonthlyLayout | null;
  kpiId: string;
  /** The file's run (ranges, tornado) it belongs to. */
  run: RunResult;
}

export interface SummaryInput {
  title: string;
  workspace: string | null;
  asOf: string;
  catalogueAsOf: string | null;
  currency: string;
  unit: string;
  scenarios: SummaryScenario[];
  tornados: { scenario: string; tornado: Tornado }[];
  waterfalls: LeverWaterfall[];
  /** Risk sheet ranges for the P10–P90 band chart (monthly total cost), when there are draws. */
  band: { sheet: string; scenario: string; categories: string; p10: string; p50: string; p90: string } | null;
  sheets: { name: string; what: string }[];
  header: string;
  footer: string;
}

const cell = (layout: MonthlyLayout, row: number, col: number) => `${sheetRef(layout.sheet)}!${absA1(row, col)}`;

export function buildSummarySheet(input: SummaryInput): { sheet: Sheet; names: DefinedName[]; kpiCells: { scenario: number; field: string; row: number; col: number }[] } {
  const kpiCells: { scenario: number; field: string; row: number; col: number }[] = [];
  const s = new SheetBuilder(SUMMARY_SHEET, 'summary');
  const names: DefinedName[] = [];
  const charts: ChartSpec[] = [];
  const scenarios = input.scenarios;
  const width = Math.max(8, scenarios.length + 2);
  s.set(0, 0, { value: input.title, style: 'title' });
  for (let c = 1; c < width; c++) s.set(0, c, { value: null, style: 'title' });
  s.rowHeights.set(0, 30);
  const first = scenarios[0]?.layout;
  const horizon = first ? `${first.months[0]} to ${first.months.at(-1)} (${first.months.length} months)` : '';
  s.set(1, 0, { value: `${input.workspace ? `Workspace: ${input.workspace} · ` : ''}Horizon ${horizon} · As of ${input.asOf}${input.catalogueAsOf ? ` · List prices as of ${input.catalogueAsOf}` : ''} · ${input.currency}`, style: 'subtitle' });
  s.set(2, 0, { value: `Scenarios compared: ${scenarios.map((x) => x.result.name).join('; ')}`, style: 'subtitle' });

  // KPI table: one column per scenario.
  let row = 4;
  s.set(row, 0, { value: 'Key figures over the horizon', style: 'section' });
  row++;
  s.set(row, 0, { value: '', style: 'header' });
  scenarios.forEach((x, i) => s.set(row, 1 + i, { value: x.result.isBaseline ? `${x.result.name} (baseline)` : x.result.name, style: 'headerRight' }));
  s.rowHeights.set(row, 42);
  row++;
  const unit = input.unit;
  type Kpi = { field: Parameters<typeof kpiName>[1]; label: string; style: 'kpiMoney' | 'kpiMoneyExact' | 'kpiText' | 'kpiCount'; build: (x: SummaryScenario) => { f: string; v: number | string } | null };
  const total = (x: SummaryScenario, col: number) => horizonCell(x.layout, col);
  const horizonCell = (l: MonthlyLayout, col: number) => cell(l, l.totalRow, col);
  const perUnitOf = (num: string, den: string, nv: number, dv: number) => {
    const q = roundHalfEven({ f: `${num}/${den}`, v: nv / dv, p: 2 }, 9);
    return { f: `IF(${den}>0,${q.f},"")`, v: dv > 0 ? q.v : '' };
  };
  const sumOf = (x: SummaryScenario, col: number) => sumLayout(x.layout, col);
  // The horizon row: ROUND(SUM(…), 9) of money columns.
  const sumLayout = (l: MonthlyLayout, col: number) => {
    let v = 0;
    for (let m = 0; m < l.months.length; m++) v += l.values(col, m) || 0;
    return col === l.col.units || col === l.col.successes || col === l.col.requests ? v : excelRound(v, 9);
  };
  const kpis: Kpi[] = [
    { field: 'TotalCost', label: 'Total cost', style: 'kpiMoney', build: (x) => ({ f: total(x, x.layout.col.total), v: sumOf(x, x.layout.col.total) }) },
    { field: 'AiCost', label: 'AI cost', style: 'kpiMoney', build: (x) => ({ f: total(x, x.layout.col.ai), v: sumOf(x, x.layout.col.ai) }) },
    { field: 'NonAiCost', label: 'Non-AI cost (process and work without AI)', style: 'kpiMoney', build: (x) => ({ f: total(x, x.layout.col.nonAi), v: sumOf(x, x.layout.col.nonAi) }) },
    { field: 'BusinessUnits', label: `${cap(unit)}s`, style: 'kpiCount', build: (x) => ({ f: total(x, x.layout.col.units), v: sumOf(x, x.layout.col.units) }) },
    { field: 'CostPerUnit', label: `Cost per ${unit}`, style: 'kpiMoneyExact', build: (x) => perUnitOf(total(x, x.layout.col.total), total(x, x.layout.col.units), sumOf(x, x.layout.col.total), sumOf(x, x.layout.col.units)) },
    { field: 'AiCostPerUnit', label: `AI cost per ${unit}`, style: 'kpiMoneyExact', build: (x) => perUnitOf(total(x, x.layout.col.ai), total(x, x.layout.col.units), sumOf(x, x.layout.col.ai), sumOf(x, x.layout.col.units)) },
    { field: 'CostPerSuccess', label: 'Cost per successful outcome', style: 'kpiMoneyExact', build: (x) => perUnitOf(total(x, x.layout.col.work), total(x, x.layout.col.successes), sumOf(x, x.layout.col.work), sumOf(x, x.layout.col.successes)) },
    {
      field: 'SavingsVsBaseline',
      label: 'Savings against the baseline',
      style: 'kpiMoney',
      build: (x) => (x.baseline ? { f: `ROUND(${horizonCell(x.baseline, x.baseline.col.total)}-${total(x, x.layout.col.total)},9)`, v: excelRound(sumLayout(x.baseline, x.baseline.col.total) - sumOf(x, x.layout.col.total), 9) } : null),
    },
    {
      field: 'BreakEvenMonth',
      label: 'Break-even month',
      style: 'kpiText',
      build: (x) => {
        const l = x.layout;
        if (!x.baseline || l.col.holds === null) return null;
        const months = `${sheetRef(l.sheet)}!${absA1(l.firstRow, l.col.month)}:${absA1(l.lastRow, l.col.month)}`;
        const holds = `${sheetRef(l.sheet)}!${absA1(l.firstRow, l.col.holds)}:${absA1(l.lastRow, l.col.holds)}`;
        const cum = `${sheetRef(l.sheet)}!${absA1(l.firstRow, l.col.cumulative!)}:${absA1(l.lastRow, l.col.cumulative!)}`;
        const last = `${sheetRef(l.sheet)}!${absA1(l.lastRow, l.col.cumulative!)}`;
        // Only where there is something to recover: cumulative savings that never fall below zero have no break-even.
        return {
          f: `IF(AND(ROUND(MIN(${cum}),9)>=0,ROUND(${last},9)>0),"${NO_UPFRONT_COST_TEXT}",IFERROR(INDEX(${months},MATCH(TRUE,${holds},0)),"never"))`,
          v: breakEvenText(x.result.kpis),
        };
      },
    },
    {
      field: 'SavingsStartMonth',
      label: 'Savings start',
      style: 'kpiText',
      build: (x) => {
        const l = x.layout;
        if (!x.baseline || l.col.saves === null) return null;
        const months = `${sheetRef(l.sheet)}!${absA1(l.firstRow, l.col.month)}:${absA1(l.lastRow, l.col.month)}`;
        const saves = `${sheetRef(l.sheet)}!${absA1(l.firstRow, l.col.saves)}:${absA1(l.lastRow, l.col.saves)}`;
        return { f: `IFERROR(INDEX(${months},MATCH(TRUE,${saves},0)),"none")`, v: x.result.kpis.savingsStartMonth ?? 'none' };
      },
    },
  ];
  const kpiRows = new Map<string, number>();
  for (const k of kpis) {
    s.set(row, 0, { value: k.label, style: 'kpiLabel' });
    kpiRows.set(String(k.field), row);
    scenarios.forEach((x, i) => {
      const built = k.build(x);
      if (!built) {
        s.set(row, 1 + i, { value: '—', style: 'kpiText' });
        return;
      }
      s.set(row, 1 + i, { value: built.v, formula: built.f, style: k.style === 'kpiText' && typeof built.v === 'number' ? 'kpiText' : k.style });
      kpiCells.push({ scenario: i, field: String(k.field), row, col: 1 + i });
      const name = kpiName(x.kpiId, k.field as never);
      names.push({ name, ref: `${SUMMARY_SHEET}!${absA1(row, 1 + i)}`, comment: `${k.label}: ${x.result.name}` });
    });
    row++;
  }
  // Monte Carlo ranges: engine values (not formulas), where the run drew them.
  const ranged = scenarios.some((x) => x.result.kpis.p50);
  if (ranged) {
    const fields: { key: 'costPerUnit' | 'totalCost' | 'savingsVsBaseline'; label: string; name: string }[] = [
      { key: 'costPerUnit', label: `cost per ${unit}`, name: 'CostPerUnit' },
      { key: 'totalCost', label: 'total cost', name: 'TotalCost' },
      { key: 'savingsVsBaseline', label: 'savings against the baseline', name: 'SavingsVsBaseline' },
    ];
    for (const f of fields) {
      for (const p of ['p10', 'p50', 'p90'] as const) {
        s.set(row, 0, { value: `${p.toUpperCase()} ${f.label} (Monte Carlo)`, style: 'kpiLabel' });
        scenarios.forEach((x, i) => {
          const r = x.result.kpis[p];
          const v = r?.[f.key];
          if (!r || v === null || v === undefined || (f.key === 'savingsVsBaseline' && x.result.isBaseline)) {
            s.set(row, 1 + i, { value: '—', style: 'kpiText' });
            return;
          }
          s.set(row, 1 + i, { value: Number(v), style: 'engineMoney' });
          names.push({ name: kpiName(x.kpiId, `${p.toUpperCase() as 'P10'}.${f.name}`), ref: `${SUMMARY_SHEET}!${absA1(row, 1 + i)}`, comment: `${p.toUpperCase()} ${f.label}: ${x.result.name}` });
        });
        row++;
      }
    }
    s.set(row, 0, { value: `Yellow cells are computed by the engine from Monte Carlo draws (${scenarios[0]?.run.draws.toLocaleString('en-US')} draws, seed ${scenarios[0]?.run.seed}); they are values, not formulas. Every other figure recalculates from the Assumptions.`, style: 'note' });
    row++;
  }
  s.width(0, 44);
  scenarios.forEach((_, i) => s.width(1 + i, 20));

  // Charts bound to the Monthly sheets, from a new printed page.
  row += 1;
  const pageBreaks = [row];
  const chartTop = row;
  s.set(row, 0, { value: 'Charts', style: 'section' });
  const base = first!;
  const categories = `${sheetRef(base.sheet)}!${absA1(base.firstRow, base.col.month)}:${absA1(base.lastRow, base.col.month)}`;
  const series = (x: SummaryScenario, col: number) => ({ name: x.result.name, categories, values: `${sheetRef(x.layout.sheet)}!${absA1(x.layout.firstRow, col)}:${absA1(x.layout.lastRow, col)}` });
  const chartRows = 18;
  const axisMoney = `"${currencySymbol(input.currency)}"#,##0`;
  charts.push({ kind: 'line', title: 'Monthly total cost by scenario', series: scenarios.map((x) => series(x, x.layout.col.total)), from: a1(chartTop + 1, 0), to: a1(chartTop + chartRows, 2), yTitle: input.currency, yFormat: axisMoney });
  charts.push({ kind: 'line', title: `Cost per ${unit} by scenario`, series: scenarios.map((x) => series(x, x.layout.col.costPerUnit)), from: a1(chartTop + 1, 3), to: a1(chartTop + chartRows, Math.max(7, width - 1)), yTitle: input.currency, yFormat: `"${currencySymbol(input.currency)}"#,##0.00` });
  row = chartTop + chartRows + 2;

  // Savings by lever (the engine adds levers one at a time) and what moves the cost per unit (tornado).
  if (input.waterfalls.length > 0) {
    pageBreaks.push(row);
    s.set(row, 0, { value: 'Savings by lever over the horizon (each lever added to the ones before it; engine values)', style: 'section' });
    row++;
    s.set(row, 0, { value: 'Lever', style: 'header' });
    s.set(row, 1, { value: 'Scenario', style: 'header' });
    s.set(row, 2, { value: 'Saving', style: 'headerRight' });
    row++;
    const firstLever = row;
    for (const w of input.waterfalls) {
      for (const step of w.steps) {
        s.set(row, 0, { value: step.label, style: 'text' });
        s.set(row, 1, { value: w.scenario, style: 'text' });
        s.set(row, 2, { value: Number(step.saving), style: 'engineMoney' });
        row++;
      }
    }
    if (row > firstLever) {
      // The chart below the table, as wide as the charts above.
      charts.push({
        kind: 'bar',
        title: 'Savings by lever over the horizon',
        series: [{ name: 'Saving', categories: rangeRef(SUMMARY_SHEET, firstLever, 0, row - 1, 0), values: rangeRef(SUMMARY_SHEET, firstLever, 2, row - 1, 2) }],
        from: a1(row + 1, 0),
        to: a1(row + 1 + Math.max(12, (row - firstLever) * 2 + 4), Math.max(7, width - 1)),
        yTitle: input.currency,
        yFormat: axisMoney,
      });
      row += 2 + Math.max(12, (row - firstLever) * 2 + 4);
    }
    row++;
  }
  if (input.tornados.some((t) => t.tornado.entries.length > 0)) pageBreaks.push(row);
  for (const t of input.tornados) {
    if (t.tornado.entries.length === 0) continue;
    s.set(row, 0, { value: `What moves the cost per ${unit}: ${t.scenario}`, style: 'section' });
    s.set(row, 3, { value: 'each input at its P10 and P90, the rest at base (engine values)', style: 'note' });
    row++;
    ['Input', `At P10`, `At P90`, 'Swing'].forEach((h, c) => s.set(row, c, { value: h, style: c === 0 ? 'header' : 'headerRight' }));
    row++;
    for (const e of t.tornado.entries.slice(0, 8)) {
      s.set(row, 0, { value: e.label, style: 'text' });
      s.set(row, 1, { value: Number(e.low), style: 'engineMoney' });
      s.set(row, 2, { value: Number(e.high), style: 'engineMoney' });
      s.set(row, 3, { value: Number(e.swing), style: 'engineMoney' });
      row++;
    }
    row++;
  }
  if (input.band) {
    const b = input.band;
    charts.push({
      kind: 'line',
      title: `P10–P90 of monthly total cost: ${b.scenario}`,
      series: [
        { name: 'P10', categories: b.categories, values: b.p10 },
        { name: 'P50', categories: b.categories, values: b.p50 },
        { name: 'P90', categories: b.categories, values: b.p90 },
      ],
      from: a1(row, 0),
      to: a1(row + chartRows - 1, Math.max(7, width - 1)),
      yTitle: input.currency,
      yFormat: axisMoney,
    });
    row += chartRows + 1;
  }

  // Links to every sheet.
  s.set(row, 0, { value: 'In this workbook', style: 'section' });
  row++;
  for (const sh of input.sheets) {
    s.set(row, 0, { value: sh.name, style: 'link', link: `#${sheetRef(sh.name)}!A1` });
    s.set(row, 1, { value: sh.what, style: 'note' });
    row++;
  }
  const sheet = s.build({ charts, showGridLines: false, pageBreaks, print: { landscape: true, fitToWidth: true, header: input.header, footer: input.footer } });
  return { sheet, names, kpiCells };
}

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };
function currencySymbol(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

function cap(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

export { nameSegment };
