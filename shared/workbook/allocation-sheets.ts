/**
 * The Chargeback and Budgets sheets: the workspace's allocation policy
 * applied to the ledger (team × month in cents, footing to the ledger) and
 * its budgets and token allowances, as the allocation and budgets services
 * return them to the app and to `aispend allocate` / `aispend budgets`.
 * Amounts are values from those services; totals, the footing check and the
 * percentages are formulas on them.
 */
import { periodTotals } from '../domain/allocation/period-totals';
import type { AllocationRun } from '../domain/allocation/schema';
import type { BudgetsReport } from '../domain/budgets/schema';
import { nanosToNumber, parseMoney } from '../domain/money';
import { currencyDecimals, moneyText } from '../domain/money-text';
import { a1, rangeRef, SheetBuilder } from './grid';
import type { ChartSpec, PrintSetup, Sheet } from './model';
import { moneyFormat, type StyleName } from './styles';

/** What the export gathers when the workspace has an allocation policy. */
export interface AllocationInputs {
  run: AllocationRun;
  budgets: BudgetsReport;
}

const UNALLOCATED = 'unallocated';
const FIXED_COLUMNS = ['Team', 'Cost centre', 'Business unit', 'Product', 'Allocation method (AllocatedMethodId)'];

/** Money in the workbook's currency takes its format; another currency is shown as a number under its code. */
function moneyStyle(currency: string, workbookCurrency: string, bold = false): StyleName {
  if (currency === workbookCurrency) return bold ? 'moneyBold' : 'money';
  return 'number';
}

/** An exact decimal as the number a cell holds (amounts in cents are exact to the cent as doubles). */
const amount = (text: string): number => nanosToNumber(parseMoney(text));

export function buildChargebackSheet(name: string, input: AllocationInputs, currency: string, print: PrintSetup): Sheet {
  const { run } = input;
  const s = new SheetBuilder(name, 'chargeback');
  s.set(0, 0, { value: `Chargeback: ${run.policyName}`, style: 'title' });
  s.set(1, 0, {
    value: `${run.cost === 'billed' ? 'Billed' : 'Effective (amortised)'} cost allocated by ${run.file}: team × month in the currency's minor unit, shared costs split exactly (largest remainder), so each month adds up to the ledger. Amounts from the allocation; the Total column is each team's exact total footed to the ledger's total rounded once; the allocated totals and the check are formulas.`,
    style: 'subtitle',
  });
  FIXED_COLUMNS.forEach((_, c) => s.width(c, [24, 12, 14, 14, 30][c]!));

  const teams = new Map(run.teams.map((t) => [t.id, t]));
  const teamOrder = new Map(run.teams.map((t, i) => [t.id, i]));
  const currencies = [...new Set(run.months.map((m) => m.currency))].sort((a, b) => (a === currency ? -1 : b === currency ? 1 : a.localeCompare(b)));
  let row = 3;
  let widest = 0;
  const charts: ChartSpec[] = [];
  for (const cur of currencies) {
    const months = run.months.filter((m) => m.currency === cur).sort((a, b) => a.month.localeCompare(b.month));
    const decimals = currencyDecimals(cur);
    const money = moneyStyle(cur, currency);
    const totals = periodTotals(run).get(cur);
    widest = Math.max(widest, months.length);
    s.set(row++, 0, { value: cur === currency ? `${cur}` : `${cur} (amounts in ${cur})`, style: 'section' });
    const header = row;
    FIXED_COLUMNS.forEach((h, c) => s.set(header, c, { value: h, style: 'header' }));
    const first = FIXED_COLUMNS.length;
    months.forEach((m, i) => s.set(header, first + i, { value: m.month, style: 'headerRight' }));
    const totalCol = first + months.length;
    s.set(header, totalCol, { value: 'Total', style: 'headerRight' });
    s.rowHeights.set(header, 32);
    row++;

    // One row per team and product, the policy's order, the unallocated bucket last and always shown.
    const keyed = new Map<string, { team: string; product: string | null; byMonth: Map<string, string>; rules: Set<string> }>();
    for (const r of run.rows.filter((x) => x.currency === cur)) {
      const key = `${r.team}\u0001${r.product ?? ''}`;
      let entry = keyed.get(key);
      if (!entry) keyed.set(key, (entry = { team: r.team, product: r.product, byMonth: new Map(), rules: new Set() }));
      entry.byMonth.set(r.month, r.amountCents);
      r.ruleIds.forEach((id) => entry.rules.add(id));
    }
    if (![...keyed.values()].some((e) => e.team === UNALLOCATED)) keyed.set(UNALLOCATED, { team: UNALLOCATED, product: null, byMonth: new Map(), rules: new Set() });
    const entries = [...keyed.values()].sort((a, b) => {
      const ta = a.team === UNALLOCATED ? Infinity : (teamOrder.get(a.team) ?? run.teams.length);
      const tb = b.team === UNALLOCATED ? Infinity : (teamOrder.get(b.team) ?? run.teams.length);
      return ta - tb || a.team.localeCompare(b.team) || (a.product ?? '').localeCompare(b.product ?? '');
    });
    const firstTeamRow = row;
    for (const e of entries) {
      const team = teams.get(e.team);
      const unallocated = e.team === UNALLOCATED;
      s.set(row, 0, { value: unallocated ? 'Unallocated (no rule matched)' : (team?.name ?? e.team), style: unallocated ? 'labelBold' : 'label' });
      s.set(row, 1, { value: team?.costCentre ?? '', style: 'text' });
      s.set(row, 2, { value: team?.businessUnit ?? '', style: 'text' });
      s.set(row, 3, { value: e.product ?? '', style: 'text' });
      s.set(row, 4, { value: e.rules.size === 0 ? '' : [...e.rules].sort().map((id) => `rule:${id}`).join(' '), style: 'text' });
      months.forEach((m, i) => s.set(row, first + i, { value: amount(e.byMonth.get(m.month) ?? '0'), style: money }));
      // The team's exact total footed to the ledger's total rounded once (a value: its months are rounded on their own).
      const total = totals?.teams.find((t) => t.team === e.team && t.product === e.product)?.total ?? 0n;
      s.set(row, totalCol, { value: nanosToNumber(total), style: money });
      row++;
    }
    const lastTeamRow = row - 1;
    if (charts.length === 0 && months.length > 0) {
      charts.push({
        kind: 'column',
        title: `Allocated cost by team and month (${cur})`,
        series: entries.map((e, i) => ({
          name: String(s.get(firstTeamRow + i, 0)?.value ?? e.team) + (e.product ? ` (${e.product})` : ''),
          categories: rangeRef(name, header, first, header, totalCol - 1),
          values: rangeRef(name, firstTeamRow + i, first, firstTeamRow + i, totalCol - 1),
        })),
        from: '',
        to: '',
        yTitle: cur,
        yFormat: moneyFormat(cur, 0).split(';')[0]!,
      });
    }

    // The footing: allocated (formulas) against the ledger (values from it), difference rounded to the minor unit.
    const allocatedRow = row++;
    const ledgerRow = row++;
    const differenceRow = row++;
    s.set(allocatedRow, 0, { value: 'Allocated total', style: 'labelBold' });
    s.set(ledgerRow, 0, { value: 'Ledger total', style: 'labelBold' });
    s.set(differenceRow, 0, { value: 'Difference (allocated − ledger)', style: 'labelBold' });
    months.forEach((m, i) => {
      const c = first + i;
      const allocated = run.rows.filter((x) => x.currency === cur && x.month === m.month).reduce((t, x) => t + parseMoney(x.amountCents), 0n);
      const ledger = parseMoney(m.ledgerCents);
      s.set(allocatedRow, c, { value: nanosToNumber(allocated), formula: `SUM(${a1(firstTeamRow, c)}:${a1(lastTeamRow, c)})`, style: moneyStyle(cur, currency, true) });
      s.set(ledgerRow, c, { value: nanosToNumber(ledger), style: money });
      s.set(differenceRow, c, { value: nanosToNumber(allocated - ledger), formula: `ROUND(${a1(allocatedRow, c)}-${a1(ledgerRow, c)},${decimals})`, style: money });
    });
    // Over the months: the ledger's exact total rounded once (the Overview's and the Ledger's figure), the teams footed to it.
    const allocatedSum = (totals?.teams ?? []).reduce((t, x) => t + x.total, 0n);
    const ledgerSum = totals?.ledgerShown ?? 0n;
    s.set(allocatedRow, totalCol, { value: nanosToNumber(allocatedSum), formula: `SUM(${a1(firstTeamRow, totalCol)}:${a1(lastTeamRow, totalCol)})`, style: moneyStyle(cur, currency, true) });
    s.set(ledgerRow, totalCol, { value: nanosToNumber(ledgerSum), style: money });
    s.set(differenceRow, totalCol, { value: nanosToNumber(allocatedSum - ledgerSum), formula: `ROUND(${a1(allocatedRow, totalCol)}-${a1(ledgerRow, totalCol)},${decimals})`, style: money });
    if (totals && totals.monthsAddUpTo !== totals.ledgerShown) {
      s.set(row++, 0, {
        value: `Each month is rounded on its own: the months add up to ${moneyText(totals.monthsAddUpTo, cur)}, while the exact total, ${moneyText(totals.ledger, cur, { exact: true })}, rounds to ${moneyText(ledgerSum, cur)} (the Overview's and the Ledger's figure); each team's total is its exact total footed to that figure, so a team's months can differ from its total by a unit.`,
        style: 'note',
      });
    }
    row++;
  }
  if (currencies.length === 0) s.set(row++, 0, { value: 'The ledger is empty: nothing to allocate.', style: 'note' });

  s.set(row++, 0, { value: 'Allocation rules (FOCUS AllocatedMethodId rule:<id>)', style: 'section' });
  ['Rule', 'Precedence', 'Ledger lines', 'Currency', 'Amount', 'What it does'].forEach((h, c) => s.set(row, c, { value: h, style: c >= 1 && c <= 4 && c !== 3 ? 'headerRight' : 'header' }));
  row++;
  for (const r of run.rules) {
    const amounts = r.amounts.length > 0 ? r.amounts : [null];
    for (const a of amounts) {
      s.set(row, 0, { value: r.id === null ? '(no rule: unallocated)' : `rule:${r.id}`, style: 'text' });
      s.set(row, 1, { value: r.precedence ?? '', style: 'count' });
      s.set(row, 2, { value: r.lines, style: 'count' });
      s.set(row, 3, { value: a?.currency ?? '', style: 'text' });
      s.set(row, 4, { value: a ? amount(a.amount) : '', style: a ? moneyStyle(a.currency, currency) : 'text' });
      s.set(row, 5, { value: r.target, style: 'text' });
      row++;
    }
  }
  if (run.notes.length > 0) {
    row++;
    s.set(row++, 0, { value: 'Notes', style: 'section' });
    for (const n of run.notes) s.set(row++, 0, { value: `${n.ruleId ? `rule:${n.ruleId}: ` : ''}${n.message}`, style: 'note' });
  }
  for (let i = 0; i <= widest; i++) s.width(FIXED_COLUMNS.length + i, 13);
  s.merge(0, 0, 0, FIXED_COLUMNS.length + widest);
  // The first block's teams as columns by month, below the tables.
  for (const chart of charts) {
    chart.from = a1(row + 1, 0);
    chart.to = a1(row + 20, Math.max(6, FIXED_COLUMNS.length + widest));
  }
  return s.build({ freeze: { rows: 0, columns: 1 }, charts, showGridLines: false, print });
}

const STATUS_TEXT: Record<string, string> = { ok: 'within budget', forecast_over: 'forecast over (hard)', near: 'near (soft threshold)', over: 'over (hard threshold)' };
const ALLOWANCE_TEXT: Record<string, string> = { ok: 'within allowance', forecast_over: 'forecast over', near: 'near', over: 'over' };

export function buildBudgetsSheet(name: string, input: AllocationInputs, currency: string, print: PrintSetup): Sheet {
  const report = input.budgets;
  const s = new SheetBuilder(name, 'budgets');
  s.set(0, 0, { value: 'Budgets and token allowances', style: 'title' });
  s.set(1, 0, {
    value: report.asOf
      ? `As of ${report.asOf}, the ledger's last day: spent exactly; forecast to each period end from the run rate and the weekly pattern (estimates, P10–P90 where history allows). Values from the budgets evaluation (aispend budgets); percentages are formulas.`
      : 'The ledger is empty: no budget has spending to judge yet.',
    style: 'subtitle',
  });
  let row = 3;
  s.set(row++, 0, { value: 'Budgets', style: 'section' });
  const headers = ['Budget', 'Scope', 'Period', 'From', 'To', 'Unit', 'Allowance', 'Spent', 'Spent %', 'Forecast to period end', 'P10', 'P90', 'Runs out (month)', 'Runs out on', 'Soft at', 'Hard at', 'Status'];
  headers.forEach((h, c) => s.set(row, c, { value: h, style: c >= 6 && c <= 11 ? 'headerRight' : 'header' }));
  s.rowHeights.set(row, 32);
  row++;
  for (const b of report.budgets) {
    const unitStyle: StyleName = b.unit === 'tokens' ? 'count' : moneyStyle(b.unit, currency);
    const limit = b.unit === 'tokens' ? Number(b.limit) : amount(b.limit);
    const spent = b.unit === 'tokens' ? Number(b.spent) : amount(b.spent);
    s.set(row, 0, { value: b.name, style: 'label' });
    s.set(row, 1, { value: b.scope, style: 'text' });
    s.set(row, 2, { value: b.period.id, style: 'month' });
    s.set(row, 3, { value: b.period.start, style: 'month' });
    s.set(row, 4, { value: b.period.end, style: 'month' });
    s.set(row, 5, { value: b.unit, style: 'text' });
    s.set(row, 6, { value: limit, style: unitStyle });
    s.set(row, 7, { value: spent, style: unitStyle });
    s.set(row, 8, { value: limit > 0 ? spent / limit : '', formula: `IF(${a1(row, 6)}>0,${a1(row, 7)}/${a1(row, 6)},"")`, style: 'share' });
    s.set(row, 9, { value: b.forecastTotal, style: unitStyle });
    s.set(row, 10, { value: b.forecastP10 ?? '', style: unitStyle });
    s.set(row, 11, { value: b.forecastP90 ?? '', style: unitStyle });
    s.set(row, 12, { value: b.runsOutOn ? b.runsOutOn.slice(0, 7) : 'not this period', style: b.runsOutOn ? 'statusFlag' : 'status' });
    s.set(row, 13, { value: b.runsOutOn ?? '', style: 'status' });
    s.set(row, 14, { value: Number(b.softPercent) / 100, style: 'share' });
    s.set(row, 15, { value: Number(b.hardPercent) / 100, style: 'share' });
    s.set(row, 16, { value: STATUS_TEXT[b.status] ?? b.status, style: b.status === 'ok' ? 'status' : 'statusFlag' });
    row++;
  }
  if (report.budgets.length === 0) s.set(row++, 0, { value: 'The allocation policy sets no budgets.', style: 'note' });
  row++;

  s.set(row++, 0, { value: 'Token allowances', style: 'section' });
  ['Allowance', 'Who', 'Month', 'Tokens used', 'Allowance', 'Used %', 'Forecast to month end', 'Status'].forEach((h, c) => s.set(row, c, { value: h, style: c >= 3 && c <= 6 ? 'headerRight' : 'header' }));
  s.rowHeights.set(row, 32);
  row++;
  const severity = { over: 0, near: 1, forecast_over: 2, ok: 3 } as const;
  const uses = [...report.allowances].sort((a, b) => severity[a.status] - severity[b.status] || b.usedPercent - a.usedPercent || a.who.localeCompare(b.who));
  for (const u of uses) {
    s.set(row, 0, { value: u.allowanceId, style: 'text' });
    s.set(row, 1, { value: u.who, style: 'text' });
    s.set(row, 2, { value: u.month, style: 'month' });
    s.set(row, 3, { value: u.tokens, style: 'count' });
    s.set(row, 4, { value: u.allowance, style: 'count' });
    s.set(row, 5, { value: u.allowance > 0 ? u.tokens / u.allowance : '', formula: `IF(${a1(row, 4)}>0,${a1(row, 3)}/${a1(row, 4)},"")`, style: 'share' });
    s.set(row, 6, { value: u.forecast, style: 'count' });
    s.set(row, 7, { value: ALLOWANCE_TEXT[u.status] ?? u.status, style: u.status === 'ok' ? 'status' : 'statusFlag' });
    row++;
  }
  if (uses.length === 0) s.set(row++, 0, { value: 'The allocation policy sets no token allowances, or no key used tokens this month.', style: 'note' });
  row++;

  s.set(row++, 0, { value: `Findings (${report.findings.length})`, style: 'section' });
  if (report.findings.length === 0) s.set(row++, 0, { value: 'Every budget and allowance is within its thresholds.', style: 'text' });
  for (const f of report.findings) {
    s.set(row, 0, { value: `${f.kind}: ${(f.kind === 'budget' ? STATUS_TEXT : ALLOWANCE_TEXT)[f.status] ?? f.status}`, style: 'flag' });
    s.set(row, 1, { value: f.id, style: 'text' });
    s.set(row, 2, { value: f.message, style: 'text' });
    row++;
  }
  [28, 34, 10, 12, 12, 8, 14, 18, 9, 14, 13, 13, 16, 12, 8, 8, 22].forEach((w, c) => s.width(c, w));
  s.merge(0, 0, 0, headers.length - 1);
  return s.build({ freeze: { rows: 0, columns: 1 }, charts: [], showGridLines: false, print });
}
