import path from 'node:path';
import type { Command } from 'commander';
import type { AllocationRun } from '../../../shared/api/allocation';
import { isMonth } from '../../../shared/domain/calendar';
import { WorkbenchError } from '../../../shared/domain/errors';
import { periodTotals } from '../../../shared/domain/allocation/period-totals';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { amountText, currencyDecimals, moneyText } from '../../../shared/domain/money-text';
import { amountCell, printJson, printTable } from '../output';
import { policySource } from '../policy-file';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

const GROUPINGS = ['team', 'costCentre', 'businessUnit', 'product'] as const;
type Grouping = (typeof GROUPINGS)[number];

/** Team × month (or cost centre, business unit, product × month), rounded so each month's rows foot to its total. */
function printShowback(run: AllocationRun, by: Grouping): void {
  const teamOf = new Map(run.teams.map((t) => [t.id, t]));
  const label = (row: { team: string; product: string | null }) => {
    if (by === 'team') return teamOf.get(row.team)?.name ?? row.team;
    if (by === 'product') return row.product ?? (row.team === 'unallocated' ? 'unallocated' : '(no product)');
    const team = teamOf.get(row.team);
    return (by === 'costCentre' ? team?.costCentre : team?.businessUnit) ?? (row.team === 'unallocated' ? 'unallocated' : '(none)');
  };
  const columns = run.months.map((m) => ({ key: `${m.month} ${m.currency}`, currency: m.currency }));
  const sums = new Map<string, Map<string, bigint>>();
  for (const r of run.rows) {
    const l = label(r);
    const byMonth = sums.get(l) ?? new Map<string, bigint>();
    sums.set(l, byMonth);
    const k = `${r.month} ${r.currency}`;
    byMonth.set(k, (byMonth.get(k) ?? 0n) + parseMoney(r.amountCents));
  }
  // A total per currency over the months: the ledger rounded once, each row's the sum of its teams' footed totals (period-totals.ts).
  const totals = periodTotals(run);
  const currencies = [...totals.keys()];
  const rowTotals = new Map<string, Map<string, bigint>>();
  for (const [currency, t] of totals) {
    for (const team of t.teams) {
      const l = label({ team: team.team, product: team.product });
      const byCurrency = rowTotals.get(l) ?? new Map<string, bigint>();
      rowTotals.set(l, byCurrency);
      byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) + team.total);
    }
  }
  printTable(
    [by, ...columns.map((c) => c.key), ...currencies.map((c) => `Total ${c}`)],
    [...sums.entries()].map(([l, byMonth]) => [l, ...columns.map((c) => amountText(byMonth.get(c.key) ?? 0n, c.currency)), ...currencies.map((c) => amountText(rowTotals.get(l)?.get(c) ?? 0n, c))]),
    new Set([...columns, ...currencies].map((_c, i) => i + 1)),
  );
  process.stdout.write(`\nLedger ${run.months.map((m) => `${m.month} ${m.currency} ${amountCell(m.ledgerCents, m.currency)}`).join(', ')}: allocated in full; unallocated ${run.months.map((m) => amountCell(m.unallocated, m.currency)).join(' / ')}.\n`);
  for (const t of totals.values()) {
    const note = t.monthsAddUpTo === t.ledgerShown ? '' : ` (each month rounded on its own, the months add up to ${moneyText(t.monthsAddUpTo, t.currency)}; the exact total is ${moneyText(t.ledger, t.currency, { exact: true })})`;
    process.stdout.write(`Total ${t.currency} over the months: ${moneyText(t.ledgerShown, t.currency)}${note}.\n`);
  }
  process.stdout.write(`Rules: ${run.rules.map((r) => `${r.id ?? '(none)'} ${r.lines} lines`).join(', ')}. ${run.stats.ledgerLines} ledger lines in ${run.stats.ms} ms.\n`);
  for (const n of run.notes) process.stdout.write(`Note: ${n.message}\n`);
}

export function registerAllocate(program: Command): void {
  program
    .command('allocate')
    .description('Showback and chargeback: allocate the ledger to teams by the policy (rules with precedence, shared costs split exactly), team × month, reconciled to the ledger.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--rules <file>', "the allocation policy YAML (default: the workspace's)")
    .option('--month <YYYY-MM>', 'only this month')
    .option('--by <grouping>', `rows by ${GROUPINGS.join(', ')}`, 'team')
    .option('--out <file>', 'also write every allocated line with its FOCUS 1.3 allocation columns (.csv or .parquet)')
    .option('--force', 'overwrite --out if it exists', false)
    .option('--save', 'store the --rules file as the workspace policy (after allocating the whole ledger with it)', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; rules?: string; month?: string; by: string; out?: string; force: boolean; save: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        if (opts.month !== undefined && !isMonth(opts.month)) throw new WorkbenchError('bad_input', `--month must look like 2026-10, not "${opts.month}"`, { field: '--month' });
        if (!(GROUPINGS as readonly string[]).includes(opts.by)) throw new WorkbenchError('bad_input', `--by must be one of ${GROUPINGS.join(', ')}`, { field: '--by' });
        const format = opts.out === undefined ? undefined : /\.parquet$/i.test(opts.out) ? 'parquet' : /\.csv$/i.test(opts.out) ? 'csv' : null;
        if (format === null) throw new WorkbenchError('bad_input', '--out must end in .csv or .parquet', { field: '--out' });
        if (opts.save && opts.rules === undefined) throw new WorkbenchError('bad_input', '--save stores the --rules file: name one', { field: '--save' });
        const source = policySource(opts.rules);
        const month = opts.month ? { month: opts.month } : {};
        const session = track(await openSession(opts.workspace));
        const run = await runJob(session.client, 'allocation.run', { ...source, ...month }, 'allocating');
        const exported = opts.out && format ? await runJob(session.client, 'allocation.export', { ...source, ...month, path: path.resolve(opts.out), format, overwrite: opts.force }, 'exporting') : null;
        if (opts.save && source.yaml !== undefined) await session.client.call('allocation.savePolicy', { yaml: source.yaml, ...(source.fileName ? { fileName: source.fileName } : {}) });
        if (opts.json) return printJson({ ok: true, workspace: session.workspacePath, ...run, totals: totalsJson(run), export: exported, saved: opts.save });
        printShowback(run, opts.by as Grouping);
        if (exported) process.stdout.write(`Wrote ${exported.lines} allocated lines (${exported.bytes} bytes) to ${exported.path}\n`);
        if (opts.save) process.stdout.write('Stored as the workspace policy.\n');
      });
    });
}

/** The totals over the months for --json: the ledger rounded once, what the months add up to, and each team's footed total. */
function totalsJson(run: AllocationRun) {
  return [...periodTotals(run).values()].map((t) => ({
    currency: t.currency,
    ledger: nanosToDecimal(t.ledger),
    ledgerCents: nanosToDecimal(t.ledgerShown, currencyDecimals(t.currency)),
    monthsAddUpTo: nanosToDecimal(t.monthsAddUpTo, currencyDecimals(t.currency)),
    teams: t.teams.map((x) => ({ team: x.team, product: x.product, totalCents: nanosToDecimal(x.total, currencyDecimals(t.currency)) })),
  }));
}
