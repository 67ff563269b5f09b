import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SummaryLimits } from '../../../shared/engine/draw-summary';
import { DrawRunner, summarise } from '../../../shared/engine/monte-carlo';
import { assembleRunResult, prepareRun } from '../../../shared/engine/run';
import { resolveScenarioFile, type ScenarioText } from '../../../shared/engine/scenario-file';
import { buildWorkbook, type WorkbookInput } from '../../../shared/workbook/build';
import { prepareFileRun } from '../../../shared/workbook/file-run';
import type { Cell, WorkbookData } from '../../../shared/workbook/model';
import { agreesWithEngine } from '../../../shared/workbook/tolerance';
import { scenarioFile, PRICES_AB } from '../engine/helpers';

const base = (runs: WorkbookInput['runs']): WorkbookInput => ({
  title: 'Test book',
  workspace: null,
  asOf: '2026-12-06',
  catalogueAsOf: null,
  appVersion: '0.1.0',
  runs,
  contracts: { contracts: new Map(), book: null },
  created: new Date('2026-12-06T00:00:00Z'),
  invoiceCheck: null,
  imports: [],
  files: [],
  contractTerms: [],
  ledger: null,
  allocation: null,
});

function cellAt(data: WorkbookData, sheet: string, row: number, col: number): Cell | undefined {
  return data.sheets.find((s) => s.name === sheet)?.rows[row]?.[col] ?? undefined;
}

function named(data: WorkbookData, name: string): Cell {
  const n = data.names.find((x) => x.name === name);
  if (!n) throw new Error(`no name ${name}`);
  const m = /^'?(.+?)'?!\$([A-Z]+)\$(\d+)/.exec(n.ref)!;
  const col = m[2]!.split('').reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  return cellAt(data, m[1]!, Number(m[3]) - 1, col)!;
}

describe('the board workbook as data', () => {
  const golden = () =>
    scenarioFile(
      {
        start: '2027-01',
        months: 3,
        drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: 1000, costs: [{ name: 'manual processing', perUnit: '6' }] }],
        workloads: [{ id: 'extraction', driver: 'loans', requestsPerUnit: 2, tokensPerRequest: { input: 1000, output: 500 }, models: [{ provider: 'vendor', model: 'a', share: 1 }] }],
        prices: PRICES_AB,
      },
      [{ id: 'half-to-b', name: 'Half to b', levers: [{ type: 'route', start: '2027-01', from: 'vendor/a', to: 'vendor/b', share: 0.5, successRate: 1 }] }],
    );

  it('works a hand-computed month out with formulas on named assumptions', () => {
    const data = buildWorkbook(base([prepareFileRun({ label: 'golden.yaml', file: golden(), ctx: {}, contracts: [] })]));
    // Baseline month: 1,000 loans × 2 requests = 2,000 requests; 2,000 × 1,000 = 2M input tokens × $2.50/M = $5.00;
    // 2,000 × 500 = 1M output tokens × $10/M = $10.00; AI $15.00; manual processing 1,000 × $6 = $6,000; total $6,015.00.
    expect(named(data, 'Kpi.baseline.TotalCost').value).toBe(3 * 6015);
    expect(named(data, 'Kpi.baseline.AiCost').value).toBe(45);
    expect(named(data, 'Kpi.baseline.CostPerUnit').value).toBe(6.015);
    // Half the requests on b: a costs $2.50 + $5.00, b 1M × $0.25/M + 0.5M × $2/M = $1.25: AI $8.75 a month, $6.25 saved.
    expect(named(data, 'Kpi.half_to_b.AiCost').value).toBe(3 * 8.75);
    expect(named(data, 'Kpi.half_to_b.SavingsVsBaseline').value).toBe(3 * 6.25);
    // $6.25 saved from the first month and no cost to recover: no break-even, savings start in January.
    expect(named(data, 'Kpi.half_to_b.BreakEvenMonth').value).toBe('no upfront cost');
    expect(named(data, 'Kpi.half_to_b.SavingsStartMonth').value).toBe('2027-01');
    // The inputs are named cells; the formulas use the names.
    expect(named(data, 'Workload.extraction.RequestsPerUnit').value).toBe(2);
    expect(named(data, 'Price.vendor.a.Input').value).toBe(2.5);
    expect(named(data, 'Lever.half_to_b.1.Share').value).toBe(0.5);
    const formulas = data.sheets.flatMap((s) => s.rows.flatMap((r) => (r ?? []).flatMap((c) => (c?.formula ? [c.formula] : []))));
    expect(formulas.some((f) => f.includes('Workload.extraction.RequestsPerUnit'))).toBe(true);
    expect(formulas.some((f) => /ROUND\(.*Price\.vendor\.a\.Input\/1000000,9\)/.test(f))).toBe(true);
    expect(formulas.some((f) => f.includes('MIN(1,MAX(0,Lever.half_to_b.1.Share))'))).toBe(true);
    expect(named(data, 'Kpi.baseline.TotalCost').formula).toBe('Baseline!$C$8');
  });

  it('names every KPI cell per scenario and lists the sheets in a fixed order', () => {
    const data = buildWorkbook(base([prepareFileRun({ label: 'golden.yaml', file: golden(), ctx: {}, contracts: [] })]));
    expect(data.sheets.map((s) => s.name)).toEqual(['Summary', 'Assumptions', 'Baseline', 'Monthly half-to-b', 'Unit economics', 'Contracts and commitments', 'Invoice check', 'Risk', 'Data provenance']);
    const kpis = data.names.filter((n) => n.name.startsWith('Kpi.')).map((n) => n.name);
    expect(kpis).toEqual(expect.arrayContaining(['Kpi.baseline.TotalCost', 'Kpi.baseline.CostPerSuccess', 'Kpi.half_to_b.SavingsVsBaseline', 'Kpi.half_to_b.BreakEvenMonth']));
    expect(data.sheets[0]!.showGridLines).toBe(false);
    expect(data.sheets.find((s) => s.kind === 'monthly')!.freeze).toEqual({ rows: 4, columns: 1 });
    expect(data.sheets.every((s) => s.print.landscape && s.print.header.includes('Test book'))).toBe(true);
  });

  it('says on the Risk sheet when P10/P50/P90 came from histograms (a run too large to keep every draw), with their error bound', () => {
    const file = golden();
    const prepared = prepareRun(file, { draws: 40, seed: 1 });
    const block = new DrawRunner(prepared.plans, prepared.params.specs, null).run(1, 0, 40);
    const sheetOf = (limits?: SummaryLimits) => {
      const result = assembleRunResult(prepared, null, summarise([block], limits), []);
      const data = buildWorkbook(base([prepareFileRun({ label: 'golden.yaml', file, ctx: {}, contracts: [], result })]));
      return { subtitle: String(cellAt(data, 'Risk', 1, 0)?.value), data };
    };
    const kept = sheetOf();
    expect(kept.subtitle).toContain('from 40 Monte Carlo draws (seed 1)');
    expect(kept.subtitle).not.toContain('histograms');
    const binned = sheetOf({ exactValues: 0, binBudget: Number.MAX_SAFE_INTEGER });
    // 8,192 bins: within 2 / 8,190 = 1/4,095 of a figure's range.
    expect(binned.subtitle).toContain('histograms of 8,192 bins a figure (too many draws to keep each): each within 1/4,095 of the range');
    // Nothing is uncertain here: the binned P50 of the first month's total is the exact $6,015.00 (see the hand-computed case above).
    expect(cellAt(binned.data, 'Risk', 4, 2)?.value).toBe(6015);
  });

  const dir = path.resolve(__dirname, '../../../scenarios');
  const read = (from: string, relative: string): ScenarioText => {
    const p = path.resolve(path.dirname(from), relative);
    return { path: p, text: readFileSync(p, 'utf8') };
  };
  it.each(readdirSync(dir).filter((f) => f.endsWith('.yaml')))('%s: the cached value of every figure the engine reports is the engine’s', (name) => {
    const p = path.join(dir, name);
    const file = resolveScenarioFile({ path: p, text: readFileSync(p, 'utf8') }, read);
    const data = buildWorkbook(base([prepareFileRun({ label: name, file, ctx: {}, contracts: [], waterfalls: false })]));
    expect(data.figures.length).toBeGreaterThan(500);
    const wrong = data.figures.filter((f) => !agreesWithEngine(f.kind, f.expected, cellAt(data, f.sheet, f.row, f.col)?.value));
    expect(wrong.map((f) => `${f.what}: ${String(f.expected)} vs ${String(cellAt(data, f.sheet, f.row, f.col)?.value)}`)).toEqual([]);
  });
});
