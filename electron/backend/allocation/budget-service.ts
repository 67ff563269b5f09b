/**
 * Budgets and allowances of the policy against the ledger: one allocation
 * pass collects every daily series they need (a team's from its allocated
 * parts, shared costs included; a workload's, tag's or key's from the lines
 * themselves), then the pure evaluation forecasts each to its period end.
 */
import { PERIOD_SQL } from '../workspace/migrations/014-period-epochs';
import type { BudgetsReport } from '../../../shared/api/allocation';
import { tokensOf } from '../../../shared/domain/allocation/allocate';
import type { AllowanceFile, BudgetFile } from '../../../shared/domain/allocation/policy-file';
import { evaluateAllowance, evaluateBudget, type DailyUnits } from '../../../shared/domain/budgets/evaluate';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';
import type { JobContext } from '../jobs/job-runner';
import type { Workspace } from '../workspace/workspace';
import { resolvePolicy, runAllocation, workloadResolver, type AllocationOutcome, type PolicySource } from './allocation-service';
import type { LineRow } from './ledger-passes';

/**
 * The ledger's first and last day with a line: the day of the earliest and
 * latest period start (a text's first ten characters order as the text does),
 * each one lookup in the period index rather than a pass over every line.
 */
export function ledgerDays(workspace: Workspace): { first: string | null; last: string | null } {
  const row = workspace.db
    .prepare(`SELECT (SELECT ${PERIOD_SQL.day('min(charge_period_start)')} FROM ledger_rows) AS first, (SELECT ${PERIOD_SQL.day('max(charge_period_start)')} FROM ledger_rows) AS last`)
    .get() as { first: string | null; last: string | null };
  return row;
}

function add(series: Map<string, bigint>, day: string, units: bigint): void {
  series.set(day, (series.get(day) ?? 0n) + units);
}

export function evaluateBudgets(workspace: Workspace, source: PolicySource & { asOf?: string }, job?: JobContext): BudgetsReport {
  return evaluateBudgetsWithAllocation(workspace, source, job).budgets;
}

/**
 * The budgets and the allocation run they were judged on, from one pass over
 * the ledger: the board workbook needs both (Chargeback and Budgets sheets)
 * and a year of lines is too long to allocate twice.
 */
export function evaluateBudgetsWithAllocation(
  workspace: Workspace,
  source: PolicySource & { asOf?: string },
  job?: JobContext,
): { budgets: BudgetsReport; run: AllocationOutcome | null } {
  const policy = resolvePolicy(workspace, source);
  const { first, last } = ledgerDays(workspace);
  const asOf = source.asOf ?? last;
  if (asOf === null) return { budgets: { asOf: null, budgets: [], allowances: [], breaches: 0, findings: [] }, run: null };
  if (first !== null && asOf < first) throw new WorkbenchError('bad_input', `--as-of ${asOf} is before the ledger's first day (${first})`, { field: 'asOf' });
  const workloadOf = workloadResolver(workspace);

  const lineBudgets = policy.budgets.filter((b) => b.scope.team === undefined);
  const budgetSeries = new Map<string, Map<string, bigint>>(policy.budgets.map((b) => [b.id, new Map()]));
  const allowanceSeries = new Map<string, Map<string, Map<string, bigint>>>(policy.allowances.map((a) => [a.id, new Map()]));

  const inScope = (b: BudgetFile, line: LineRow): boolean => {
    const s = b.scope;
    if (s.credential !== undefined) return line.credential === s.credential;
    if (s.workload !== undefined) return workloadOf(line) === s.workload;
    return Object.entries(s.tag ?? {}).every(([k, v]) => line.tags[k] === v);
  };
  const unitsOf = (b: BudgetFile, line: LineRow, share: number, amount: bigint): bigint | null => {
    if (b.amount !== undefined) return line.currency === b.currency ? amount : null;
    return BigInt(Math.round(tokensOf(line.usageClass, line.quantity) * share));
  };
  const whoOf = (a: AllowanceFile, line: LineRow): string | null => (a.per === 'credential' ? line.credential : (line.tags[a.per.tag] ?? null));

  const run = runAllocation(workspace, policy, {
    job,
    onLine: (line, parts) => {
      for (const b of lineBudgets) {
        if (!inScope(b, line)) continue;
        const units = unitsOf(b, line, 1, line.cost);
        if (units !== null) add(budgetSeries.get(b.id)!, line.day, units);
      }
      for (const b of policy.budgets) {
        if (b.scope.team === undefined) continue;
        for (const p of parts) {
          if (p.team !== b.scope.team) continue;
          const units = unitsOf(b, line, parts.length === 1 ? 1 : Number(p.ratio), p.amount);
          if (units !== null) add(budgetSeries.get(b.id)!, line.day, units);
        }
      }
      const tokens = tokensOf(line.usageClass, line.quantity);
      if (tokens === 0) return;
      for (const a of policy.allowances) {
        const who = whoOf(a, line);
        if (who === null || who === '') continue;
        let share = 1;
        if (a.team !== undefined) {
          const part = parts.find((p) => p.team === a.team);
          if (!part) continue;
          share = parts.length === 1 ? 1 : Number(part.ratio);
        }
        const byWho = allowanceSeries.get(a.id)!;
        let series = byWho.get(who);
        if (!series) byWho.set(who, (series = new Map()));
        add(series, line.day, BigInt(Math.round(tokens * share)));
      }
    },
  });

  const teamNames = new Map(policy.teams.map((t) => [t.id, t.name]));
  const budgets = policy.budgets.map((b) => evaluateBudget(b, budgetSeries.get(b.id)! as DailyUnits, asOf, policy.fiscalYearStart, first, teamNames));
  const allowances = policy.allowances.flatMap((a) => evaluateAllowance(a, allowanceSeries.get(a.id)!, asOf, first));
  const findings: BudgetsReport['findings'] = [
    ...budgets.filter((b) => b.status !== 'ok').map((b) => ({ kind: 'budget' as const, id: b.id, status: b.status, message: b.message })),
    ...allowances
      .filter((u) => u.status !== 'ok')
      .map((u) => ({
        kind: 'allowance' as const,
        id: `${u.allowanceId}:${u.who}`,
        status: u.status,
        message: `${u.who} has used ${u.tokens.toLocaleString('en-US')} of ${u.allowance.toLocaleString('en-US')} tokens in ${u.month} (${Math.round(u.usedPercent)}%)${u.status === 'over' ? ': over the allowance' : u.status === 'near' ? ': near the allowance' : `; expected ${Math.round(u.forecast).toLocaleString('en-US')} by the month's end`}`,
      })),
  ];
  const report: BudgetsReport = {
    asOf,
    budgets: budgets.map((b) => ({
      ...b,
      limit: b.unit === 'tokens' ? b.limit.toString() : nanosToDecimal(b.limit),
      spent: b.unit === 'tokens' ? b.spent.toString() : nanosToDecimal(b.spent),
    })),
    allowances: allowances.map((u) => ({ ...u, tokens: Number(u.tokens), allowance: Number(u.allowance) })),
    breaches: budgets.filter((b) => b.status === 'over').length + allowances.filter((u) => u.status === 'over').length,
    findings,
  };
  return { budgets: report, run };
}
