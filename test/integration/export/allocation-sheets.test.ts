import path from 'node:path';
import * as XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationRun, BudgetsReport } from '../../../shared/api/allocation';
import { nanosToDecimal, nanosToNumber, parseMoney, roundNanos } from '../../../shared/domain/money';
import { aispend } from '../../helpers/cli';
import { servicingMonth } from '../../helpers/demo-statements';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { readWorkbook } from '../../helpers/xlsx';

/**
 * The three doors agree: the board workbook's Chargeback and Budgets sheets,
 * read back from the written file, carry the figures `aispend allocate` and
 * `aispend budgets` print for the same workspace.
 */

const { dir, cleanup } = tempDir('aispend-allocation-sheets-');
const env = { AISPEND_HOME: path.join(dir, 'home') };
const workspace = path.join(dir, 'demo.aispend');

function cli(args: string[]): { status: number; stdout: string; stderr: string } {
  return aispend(args, env);
}

function json<T>(args: string[]): T {
  const r = cli([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The sheet as rows of values (SheetJS's cell values, formulas' cached results). */
function rowsOf(wb: XLSX.WorkBook, sheet: string): unknown[][] {
  const ws = wb.Sheets[sheet];
  expect(ws, `sheet ${sheet}`).toBeDefined();
  return XLSX.utils.sheet_to_json<unknown[]>(ws!, { header: 1, defval: null, blankrows: true });
}

/** A cell's amount in whole cents (the sheet holds amounts to the cent). */
const cents = (v: unknown): bigint => BigInt(Math.round((v as number) * 100));
/** An empty cell (written as "") as the JSON's null. */
const blank = (v: unknown): unknown => (v === '' ? null : v);
const centsOf = (text: string): bigint => parseMoney(text) / 10_000_000n;

describe('the Chargeback and Budgets sheets against aispend allocate and aispend budgets', () => {
  let wb: XLSX.WorkBook;
  let run: AllocationRun;
  let budgets: BudgetsReport;
  let warnings: string[];

  beforeAll(() => {
    const built = cli(['demo', '--workspace', workspace]);
    expect(built.status, built.stderr).toBe(0);
    const out = path.join(dir, 'chargeback.xlsx');
    const exported = json<{ sheets: { name: string; kind: string }[]; warnings: string[] }>(['export', 'board-question.yaml', '--workspace', workspace, '--out', out, '--sheets', 'chargeback,budgets', '--draws', '0']);
    expect(exported.sheets.map((s) => s.kind)).toEqual(expect.arrayContaining(['chargeback', 'budgets']));
    warnings = exported.warnings;
    wb = readWorkbook(out);
    run = json<AllocationRun>(['allocate', '--workspace', workspace]);
    budgets = json<BudgetsReport>(['budgets', '--workspace', workspace]);
  }, 300_000);
  afterAll(cleanup);

  it('every team × month equals the allocation, each month foots to the ledger to the cent, the unallocated bucket shown', () => {
    expect(warnings.filter((w) => /allocation policy/.test(w))).toEqual([]);
    const rows = rowsOf(wb, 'Chargeback');
    const header = rows.findIndex((r) => r[0] === 'Team');
    expect(header).toBeGreaterThan(0);
    const months = run.months.map((m) => m.month).sort();
    // The demo is one currency (USD), twelve months: 2025-11 to 2026-10.
    expect(new Set(run.months.map((m) => m.currency))).toEqual(new Set(['USD']));
    expect(rows[header]!.slice(5, 5 + months.length)).toEqual(months);
    expect(rows[header]![5 + months.length]).toBe('Total');
    const allocatedAt = rows.findIndex((r, i) => i > header && r[0] === 'Allocated total');
    const teamRows = rows.slice(header + 1, allocatedAt);
    const byName = new Map(run.teams.map((t) => [t.id, t.id === 'unallocated' ? 'Unallocated (no rule matched)' : t.name]));
    expect(teamRows.map((r) => r[0])).toEqual(['Lending operations', 'Credit risk', 'Borrower servicing', 'Unallocated (no rule matched)']);

    let compared = 0;
    for (const r of run.rows) {
      const row = teamRows.find((x) => x[0] === byName.get(r.team) && (x[3] ?? '') === (r.product ?? ''));
      expect(row, `${r.team} ${r.product ?? ''}`).toBeDefined();
      expect(cents(row![5 + months.indexOf(r.month)])).toBe(centsOf(r.amountCents));
      compared++;
    }
    expect(compared).toBe(run.rows.length);
    // The method per team: the rules that gave it cost (the escalation workspace splits 70/30 between servicing and credit risk).
    expect(teamRows.find((x) => x[0] === 'Borrower servicing')![4]).toBe('rule:escalation-workspace rule:support-project');
    expect(teamRows.find((x) => x[0] === 'Lending operations')![4]).toBe('rule:extraction-project');

    const ledger = rows[allocatedAt + 1]!;
    const difference = rows[allocatedAt + 2]!;
    expect(ledger[0]).toBe('Ledger total');
    for (const m of run.months) {
      const c = 5 + months.indexOf(m.month);
      // Whole cents added as integers: the team cells foot to the ledger's month, rounded once.
      const footed = teamRows.reduce((t, x) => t + cents(x[c]), 0n);
      expect(footed).toBe(centsOf(m.ledgerCents));
      expect(cents(rows[allocatedAt]![c])).toBe(centsOf(m.ledgerCents));
      expect(cents(ledger[c])).toBe(centsOf(m.ledgerCents));
      expect(difference[c]).toBe(0);
    }
    // Over the months, one figure with the Overview and the Ledger: the exact total rounded once. On the demo the
    // exact 12,687.709235544 rounds to 12,687.71, while the twelve months rounded on their own add to 12,687.72
    // (test/integration/backend/demo-ledger.test.ts lists them; a note says so).
    const exact = run.months.reduce((t, m) => t + parseMoney(m.ledger), 0n);
    expect(nanosToDecimal(exact)).toBe('12687.709235544');
    const totalCol = 5 + months.length;
    expect(cents(ledger[totalCol])).toBe(centsOf('12687.71'));
    expect(cents(rows[allocatedAt]![totalCol])).toBe(centsOf('12687.71'));
    expect(teamRows.reduce((t, x) => t + cents(x[totalCol]), 0n)).toBe(centsOf('12687.71'));
    expect(difference[totalCol]).toBe(0);
    // Two doors, one figure: the sheet's Total column is `aispend allocate --json`'s totals, team by team (the app's
    // Allocation view computes them with the same period-totals function from the same run).
    const cliTotals = (run as AllocationRun & { totals: { currency: string; ledgerCents: string; teams: { team: string; product: string | null; totalCents: string }[] }[] }).totals;
    expect(cliTotals).toHaveLength(1);
    expect(cliTotals[0]!.ledgerCents).toBe('12687.71');
    for (const t of cliTotals[0]!.teams) {
      const row = teamRows.find((x) => x[0] === byName.get(t.team) && (x[3] ?? '') === (t.product ?? ''));
      expect(cents(row![totalCol]), t.team).toBe(centsOf(t.totalCents));
    }
    expect(rows[allocatedAt + 3]![0]).toBe('Each month is rounded on its own: the months add up to $12,687.72, while the exact total, $12,687.709235544, rounds to $12,687.71 (the Overview\'s and the Ledger\'s figure); each team\'s total is its exact total footed to that figure, so a team\'s months can differ from its total by a unit.');
    // Formulas, not typed totals.
    const ws = wb.Sheets.Chargeback!;
    expect(ws[XLSX.utils.encode_cell({ r: allocatedAt, c: 5 })]!.f).toMatch(/^SUM\(F\d+:F\d+\)$/);
    expect(ws[XLSX.utils.encode_cell({ r: allocatedAt + 2, c: 5 })]!.f).toMatch(/^ROUND\(F\d+-F\d+,2\)$/);
  });

  it('every budget and allowance equals aispend budgets --json', () => {
    const rows = rowsOf(wb, 'Budgets');
    const header = rows.findIndex((r) => r[0] === 'Budget');
    expect(header).toBeGreaterThan(0);
    expect(budgets.budgets.length).toBe(4);
    // A team's budget is scoped by the policy's name for it, the same words through the CLI and in the workbook.
    expect(budgets.budgets.map((b) => b.scope)).toEqual(['team Lending operations', 'team Credit risk', 'team Borrower servicing', 'workload underwriting-summary']);
    budgets.budgets.forEach((b, i) => {
      const r = rows[header + 1 + i]!;
      expect(r.slice(0, 6)).toEqual([b.name, b.scope, b.period.id, b.period.start, b.period.end, b.unit]);
      // Exact amounts (the team's shared parts in nano-units), shown to the cent by the currency format.
      expect(r[6]).toBe(nanosToNumber(parseMoney(b.limit)));
      expect(r[7]).toBe(nanosToNumber(parseMoney(b.spent)));
      expect(r[8] as number).toBeCloseTo(b.spentPercent / 100, 12);
      expect(r[9]).toBe(b.forecastTotal);
      expect(blank(r[10])).toBe(b.forecastP10);
      expect(blank(r[11])).toBe(b.forecastP90);
      expect(r[12]).toBe(b.runsOutOn ? b.runsOutOn.slice(0, 7) : 'not this period');
      expect(blank(r[13])).toBe(b.runsOutOn);
      expect(r[16]).toMatch(new RegExp(`^${{ ok: 'within budget', near: 'near', over: 'over', forecast_over: 'forecast over' }[b.status]}`));
    });
    // The demo's borrower servicing budget: the support bot's OpenAI project and 70% of the escalation workspace in
    // October 2026 (from the statements), of 30, past its soft threshold (80%).
    const servicing = budgets.budgets.find((b) => b.id === 'servicing-monthly')!;
    expect(servicing.status).toBe('near');
    expect(nanosToDecimal(roundNanos(parseMoney(servicing.spent), 2), 2)).toBe(servicingMonth('2026-10'));
    expect(rows.find((r) => r[0] === 'Borrower servicing AI')![16]).toBe('near (soft threshold)');

    const allowanceHeader = rows.findIndex((r) => r[0] === 'Allowance' && r[1] === 'Who');
    const uses = rows.slice(allowanceHeader + 1, allowanceHeader + 1 + budgets.allowances.length);
    for (const u of budgets.allowances) {
      const r = uses.find((x) => x[1] === u.who && x[2] === u.month);
      expect(r, u.who).toBeDefined();
      expect(r![3]).toBe(u.tokens);
      expect(r![4]).toBe(u.allowance);
      expect(r![6]).toBe(u.forecast);
    }
    const findingsAt = rows.findIndex((r) => typeof r[0] === 'string' && r[0].startsWith('Findings ('));
    expect(rows[findingsAt]![0]).toBe(`Findings (${budgets.findings.length})`);
    expect(rows.slice(findingsAt + 1, findingsAt + 1 + budgets.findings.length).map((r) => [r[1], r[2]])).toEqual(budgets.findings.map((f) => [f.id, f.message]));
  });

  it('without a workspace the sheets are left out, with a note in the warnings', () => {
    const out = path.join(dir, 'no-workspace.xlsx');
    const exported = json<{ sheets: { kind: string }[]; warnings: string[] }>(['export', path.join(REPO_ROOT, 'scenarios', 'acme-baseline.yaml'), '--out', out, '--sheets', 'chargeback,budgets', '--draws', '0']);
    expect(exported.sheets.map((s) => s.kind)).not.toContain('chargeback');
    expect(exported.sheets.map((s) => s.kind)).not.toContain('budgets');
    expect(exported.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/Chargeback and Budgets sheets need a workspace with an allocation policy/)]));
  }, 120_000);
});
