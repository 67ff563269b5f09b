/**
 * The board workbook from the engine's runs, the scenario files, the
 * workspace's contracts, its latest invoice check and its imports. Pure:
 * the backend gathers the inputs and writes the result
 * (electron/backend/export).
 */
import { breakEvenText } from '../engine/break-even-text';
import type { Lever } from '../engine/levers';
import type { RunResult } from '../engine/schema';
import type { AssumptionCatalogue } from '../engine/assumptions';
import { monthNumber } from '../domain/calendar';
import type { WorkloadLever } from '../engine/plan';
import type { PreparedRun } from '../engine/run';
import type { ResolvedScenarioFile } from '../engine/scenario-file';
import type { LeverWaterfall } from '../engine/waterfall';
import { describeLever } from './levers';
import { buildAssumptionsSheet, mergeCatalogues, renamedCatalogue, ASSUMPTIONS_SHEET } from './assumptions-sheet';
import { SheetNames } from './grid';
import type { DefinedName, EngineFigure, Sheet, SheetKind, WorkbookData } from './model';
import type { ContractModel } from './monthly/contract-blocks';
import type { LeverTiming } from './monthly/context';
import { buildMonthlySheet, type MonthlyLayout } from './monthly/monthly-sheet';
import { buildSummarySheet, SUMMARY_SHEET, type SummaryScenario } from './summary-sheet';
import { buildOptionalSheets, OPTIONAL_SHEETS, type OptionalSheetInputs } from './other-sheets';

export interface FileRun {
  /** The scenario file as the user knows it (file name or workspace id). */
  label: string;
  file: ResolvedScenarioFile;
  prepared: PreparedRun;
  catalogue: AssumptionCatalogue;
  /** The run's result: the exact projection, and with draws the ranges and tornado. */
  result: RunResult;
  waterfalls: LeverWaterfall[];
}

export type OptionalSheet = (typeof OPTIONAL_SHEETS)[number];

export interface WorkbookInput extends OptionalSheetInputs {
  title: string;
  workspace: string | null;
  /** ISO date the workbook is as of. */
  asOf: string;
  catalogueAsOf: string | null;
  appVersion: string;
  runs: FileRun[];
  contracts: ContractModel;
  /** Optional sheets to include (default: all). */
  sheets?: readonly OptionalSheet[];
  created: Date;
}

/** Lever timings and labels of a scenario (baseline levers first), for ramp columns and headers. */
function leverTimings(file: ResolvedScenarioFile, scenarioId: string, start: string): { timings: LeverTiming[]; levers: { lever: Lever; label: string }[] } {
  const scenario = file.scenarios.find((s) => s.id === scenarioId);
  const levers = [...file.baseline.levers.map((l, i) => ({ lever: l, label: describeLever(l, i) })), ...(scenario?.levers ?? []).map((l, i) => ({ lever: l, label: describeLever(l, i) }))];
  const h = monthNumber(start);
  return { timings: levers.map(({ lever, label }) => ({ label, start: monthNumber(lever.start) - h, rampMonths: lever.rampMonths })), levers };
}

/** Labels of a plan's monthly costs, in the order compile.ts creates them. */
function monthlyCostLabels(levers: readonly { lever: Lever; label: string }[]): string[] {
  const out: string[] = [];
  for (const { lever, label } of levers) {
    if (lever.type === 'route' && lever.migrationCost !== undefined) out.push(`${label}: migration (once)`);
    if (lever.type === 'cache' && lever.response && (lever.response.monthlyCost !== undefined || lever.response.costPerRequest !== undefined)) out.push(`${label}: response cache`);
    if (lever.type === 'adjacent') for (const c of lever.costs) out.push(`${label}: ${c.name}`);
    if (lever.type === 'alternative' && lever.fixedMonthly !== undefined) out.push(`${label}: fixed cost`);
  }
  return out;
}

export function buildWorkbook(input: WorkbookInput): WorkbookData {
  const wanted = new Set<SheetKind>(input.sheets ?? OPTIONAL_SHEETS);
  const sheetNames = new SheetNames();
  sheetNames.claim(SUMMARY_SHEET);
  sheetNames.claim(ASSUMPTIONS_SHEET);
  const date = input.asOf;
  const header = (what: string) => `&L${escapeHf(input.title)}&C${escapeHf(what)}&R${date}`;
  const footer = `&L${escapeHf(input.workspace ?? '')}&CPage &P of &N&RAI Spend Workbench ${input.appVersion}`;

  const merged = mergeCatalogues(
    input.runs.map((r) => r.catalogue),
    input.runs.map((r) => r.label),
  );
  const assumptions = buildAssumptionsSheet(merged, header('Assumptions'), footer);

  // Monthly sheets: each file's baseline, then its scenarios.
  const monthly: Sheet[] = [];
  const summaryScenarios: SummaryScenario[] = [];
  const usedKpiIds = new Set<string>();
  input.runs.forEach((run, f) => {
    const catalogue = renamedCatalogue(run.catalogue, (name) => merged.rename(f, name));
    let baseline: MonthlyLayout | null = null;
    run.prepared.plans.forEach((plan, i) => {
      const result = run.result.scenarios.find((s) => s.id === plan.id) ?? run.result.scenarios[i]!;
      const { timings, levers } = leverTimings(run.file, plan.isBaseline ? '' : plan.id, plan.months[0]!);
      const labelOf = (l: WorkloadLever) => {
        const match = levers.find(({ lever }, j) => lever.type === l.type && timings[j]!.start === l.timing.start && timings[j]!.rampMonths === l.timing.rampMonths);
        return match?.label ?? l.type;
      };
      const name = sheetNames.claim(`${plan.isBaseline ? 'Baseline' : 'Monthly'} ${plan.isBaseline && input.runs.length > 1 ? run.label.replace(/\.ya?ml$/i, '') : plan.isBaseline ? '' : plan.id}`.trim());
      const built = buildMonthlySheet({
        plan,
        specs: run.prepared.params.specs,
        catalogue,
        levers: timings,
        monthlyCostLabels: monthlyCostLabels(levers),
        sheetName: name,
        title: `${plan.name}${plan.isBaseline ? ' (baseline)' : ''}: month by month`,
        subtitle: `${run.file.name} · ${plan.months[0]} to ${plan.months.at(-1)} · ${plan.currency} · key figures first; the blocks to the right (+ above the columns) work each month out`,
        baseline,
        contracts: input.contracts,
        header: header(`${plan.name}`),
        footer,
        leverLabel: labelOf,
      });
      monthly.push(built.sheet);
      if (plan.isBaseline) baseline = built.layout;
      let kpiId = plan.isBaseline && input.runs.length > 1 ? `baseline_${f + 1}` : plan.id;
      for (let n = 2; usedKpiIds.has(kpiId.toLowerCase()); n++) kpiId = `${plan.id}_${n}`;
      usedKpiIds.add(kpiId.toLowerCase());
      summaryScenarios.push({ result, layout: built.layout, baseline: plan.isBaseline ? null : baseline, kpiId, run: run.result });
    });
  });

  const unit = input.runs[0]?.result.unit ?? 'unit';
  const currency = input.runs[0]?.result.currency ?? 'USD';
  const optional = buildOptionalSheets(input, wanted, summaryScenarios, sheetNames, header, footer, unit, currency);
  const sheetList = [
    { name: ASSUMPTIONS_SHEET, what: 'every input, named; change one and the book recalculates' },
    ...monthly.map((m) => ({ name: m.name, what: 'month by month, formulas back to the Assumptions' })),
    ...optional.sheets.map((s) => ({ name: s.name, what: optional.describe(s.kind) })),
  ];
  const summary = buildSummarySheet({
    title: input.title,
    workspace: input.workspace,
    asOf: input.asOf,
    catalogueAsOf: input.catalogueAsOf,
    currency,
    unit,
    scenarios: summaryScenarios,
    tornados: input.runs.flatMap((r) => r.result.tornado.filter((t) => t.entries.length > 0).map((t) => ({ scenario: r.result.scenarios.find((s) => s.id === t.scenario)?.name ?? t.scenario, tornado: t }))),
    waterfalls: input.runs.flatMap((r) =>
      r.waterfalls.map((w) => {
        const levers = r.file.scenarios.find((x) => x.id === w.scenario)?.levers ?? [];
        return { ...w, steps: w.steps.map((st) => ({ ...st, label: levers[st.lever] ? describeLever(levers[st.lever]!, st.lever) : st.label })) };
      }),
    ),
    band: optional.band,
    sheets: sheetList,
    header: header('Summary'),
    footer,
  });
  const names: DefinedName[] = [...assumptions.names, ...summary.names, ...optional.names];
  const figures = engineFigures(summaryScenarios, summary.kpiCells);
  return {
    properties: {
      title: input.title,
      subject: `AI spend scenarios: ${summaryScenarios.map((s) => s.result.name).join(', ')}`,
      creator: 'AI Spend Workbench',
      company: input.workspace ?? '',
      description: `Board workbook exported ${input.asOf} by AI Spend Workbench ${input.appVersion}. Formulas recalculate from the Assumptions sheet.`,
      keywords: 'AI spend, scenarios, board',
      category: 'Board workbook',
      created: input.created,
    },
    currency,
    sheets: [summary.sheet, assumptions.sheet, ...monthly, ...optional.sheets],
    names,
    figures,
  };
}

const money = (s: string | null | undefined): number | string => (s === null || s === undefined ? '' : Number(s));

/** Every Monthly key figure and Summary KPI the engine's results report, with the engine's value. */
function engineFigures(scenarios: readonly SummaryScenario[], kpiCells: readonly { scenario: number; field: string; row: number; col: number }[]): EngineFigure[] {
  const out: EngineFigure[] = [];
  scenarios.forEach((x, i) => {
    const l = x.layout;
    x.result.months.forEach((m, j) => {
      const row = l.firstRow + j;
      const add = (col: number | null, expected: number | string, what: string, kind: EngineFigure['kind'] = 'money') => {
        if (col !== null && col >= 0) out.push({ sheet: l.sheet, row, col, expected, kind, what: `${x.result.id} ${m.month} ${what}` });
      };
      add(l.col.total, money(m.totalCost), 'total cost');
      add(l.col.ai, money(m.aiCost), 'AI cost');
      add(l.col.units, m.businessUnits, 'business units', 'count');
      add(l.col.costPerUnit, money(m.costPerUnit), 'cost per unit');
      add(l.col.aiCostPerUnit, money(m.aiCostPerUnit), 'AI cost per unit');
      add(l.col.costPerSuccess, money(m.costPerSuccess), 'cost per success');
      add(l.col.requests, m.requests, 'requests', 'count');
      add(l.col.successes, m.successes, 'successes', 'count');
      if (!x.result.isBaseline) {
        add(l.col.savings, money(m.savingsVsBaseline), 'savings');
        add(l.col.cumulative, money(m.cumulativeSavings), 'cumulative savings');
      }
      for (const [c, col] of Object.entries(l.col.components)) add(col ?? null, money(m.byComponent[c] ?? '0'), `component ${c}`);
      for (const [v, col] of Object.entries(l.col.vendors)) add(col, money(m.byVendor[v] ?? '0'), `vendor ${v}`);
      for (const [w, col] of Object.entries(l.col.workloads)) add(col, money(m.byWorkload[w] ?? '0'), `workload ${w}`);
    });
    const k = x.result.kpis;
    const expected: Record<string, number | string> = {
      TotalCost: money(k.totalCost),
      AiCost: money(k.aiCost),
      CostPerUnit: money(k.costPerUnit),
      AiCostPerUnit: money(k.aiCostPerUnit),
      CostPerSuccess: money(k.costPerSuccess),
      ...(x.result.isBaseline ? {} : { SavingsVsBaseline: money(k.savingsVsBaseline), BreakEvenMonth: breakEvenText(k), SavingsStartMonth: k.savingsStartMonth ?? 'none' }),
    };
    for (const cell of kpiCells.filter((c) => c.scenario === i)) {
      const e = expected[cell.field];
      if (e !== undefined) out.push({ sheet: SUMMARY_SHEET, row: cell.row, col: cell.col, expected: e, kind: typeof e === 'string' && e !== '' ? 'text' : 'money', what: `${x.result.id} KPI ${cell.field}` });
    }
  });
  return out;
}

/** Header and footer text: "&" starts a code there, so a literal one is doubled. */
function escapeHf(text: string): string {
  return text.replace(/&/g, '&&').slice(0, 80);
}
