import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { ANOMALY_DIMENSIONS, type AllocationRun, type AnomalyDimension } from '../../../shared/api/allocation';
import { WorkbenchError } from '../../../shared/domain/errors';
import { formatMoneyFixed, parseMoney } from '../../../shared/domain/money';
import type { Backend } from '../../backend/backend';
import { EXIT_FAILURE, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RULES_BYTES = 2_000_000;

/** The --rules file as the API takes it (text and name); without --rules the workspace's stored policy is used. */
function rulesSource(file: string | undefined): { yaml?: string; fileName?: string } {
  if (file === undefined) return {};
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new WorkbenchError('not_found', 'no such rules file', { file, field: '--rules' });
  if (size > MAX_RULES_BYTES) throw new WorkbenchError('invalid_file', `an allocation policy is a few kilobytes of YAML; this file is ${size} bytes`, { file });
  return { yaml: readFileSync(file, 'utf8'), fileName: path.basename(file) };
}

function checkMonth(month: string | undefined): void {
  if (month !== undefined && !MONTH.test(month)) throw new WorkbenchError('bad_input', `--month must look like 2026-10, not "${month}"`, { field: '--month' });
}

function number(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new WorkbenchError('bad_input', `${field} must be a number of at least 0, not "${text}"`, { field });
  return n;
}

const cents = (amount: string) => formatMoneyFixed(parseMoney(amount), 2);
const GROUPINGS = ['team', 'costCentre', 'businessUnit', 'product'] as const;
type Grouping = (typeof GROUPINGS)[number];

/** Team × month (or cost centre, business unit, product × month) in cents that foot to each month's total. */
function printShowback(run: AllocationRun, by: Grouping): void {
  const teamOf = new Map(run.teams.map((t) => [t.id, t]));
  const label = (row: AllocationRun['rows'][number]) => {
    if (by === 'team') return teamOf.get(row.team)?.name ?? row.team;
    if (by === 'product') return row.product ?? (row.team === 'unallocated' ? 'unallocated' : '(no product)');
    const team = teamOf.get(row.team);
    return (by === 'costCentre' ? team?.costCentre : team?.businessUnit) ?? (row.team === 'unallocated' ? 'unallocated' : '(none)');
  };
  const months = [...new Set(run.months.map((m) => `${m.month} ${m.currency}`))];
  const sums = new Map<string, Map<string, bigint>>();
  for (const r of run.rows) {
    const l = label(r);
    const byMonth = sums.get(l) ?? new Map<string, bigint>();
    sums.set(l, byMonth);
    const k = `${r.month} ${r.currency}`;
    byMonth.set(k, (byMonth.get(k) ?? 0n) + parseMoney(r.amountCents));
  }
  printTable(
    [by, ...months],
    [...sums.entries()].map(([l, byMonth]) => [l, ...months.map((m) => formatMoneyFixed(byMonth.get(m) ?? 0n, 2))]),
    new Set(months.map((_m, i) => i + 1)),
  );
  process.stdout.write(`\nLedger ${run.months.map((m) => `${m.month} ${m.currency} ${cents(m.ledgerCents)}`).join(', ')}: allocated in full; unallocated ${run.months.map((m) => cents(m.unallocated)).join(' / ')}.\n`);
  process.stdout.write(`Rules: ${run.rules.map((r) => `${r.id ?? '(none)'} ${r.lines} lines`).join(', ')}. ${run.stats.ledgerLines} ledger lines in ${run.stats.ms} ms.\n`);
  for (const n of run.notes) process.stdout.write(`Note: ${n.message}\n`);
}

async function session(workspace: string, track: (b: Backend) => Backend): Promise<Backend> {
  return track(await openSession(workspace));
}

export function registerAllocation(program: Command): void {
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
        checkMonth(opts.month);
        if (!(GROUPINGS as readonly string[]).includes(opts.by)) throw new WorkbenchError('bad_input', `--by must be one of ${GROUPINGS.join(', ')}`, { field: '--by' });
        const format = opts.out === undefined ? undefined : opts.out.toLowerCase().endsWith('.parquet') ? 'parquet' : opts.out.toLowerCase().endsWith('.csv') ? 'csv' : null;
        if (format === null) throw new WorkbenchError('bad_input', '--out must end in .csv or .parquet', { field: '--out' });
        if (opts.save && opts.rules === undefined) throw new WorkbenchError('bad_input', '--save stores the --rules file: name one', { field: '--save' });
        const source = rulesSource(opts.rules);
        const backend = await session(opts.workspace, track);
        const run = await runJob(backend, 'allocation.run', { ...source, ...(opts.month ? { month: opts.month } : {}) }, 'allocating');
        const exported = opts.out && format ? await runJob(backend, 'allocation.export', { ...source, ...(opts.month ? { month: opts.month } : {}), path: path.resolve(opts.out), format, overwrite: opts.force }, 'exporting') : null;
        if (opts.save) await backend.invoke('allocation.savePolicy', { yaml: source.yaml, fileName: source.fileName });
        if (opts.json) {
          printJson({ ok: true, workspace: backend.workspace().path, ...run, export: exported, saved: opts.save });
          return;
        }
        printShowback(run, opts.by as Grouping);
        if (exported) process.stdout.write(`Wrote ${exported.lines} allocated lines (${exported.bytes} bytes) to ${exported.path}\n`);
        if (opts.save) process.stdout.write('Stored as the workspace policy.\n');
      });
    });

  program
    .command('budgets')
    .description('Budgets and token allowances: spent so far, forecast to each period end (P10–P90), who is near or over.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--rules <file>', "the allocation policy YAML with budgets and allowances (default: the workspace's)")
    .option('--as-of <YYYY-MM-DD>', "the day to judge on (default: the ledger's last day)")
    .option('--fail-on-breach', 'exit 1 when a budget is over its hard threshold or a key over its allowance (for scripts)', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; rules?: string; asOf?: string; failOnBreach: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        if (opts.asOf !== undefined && !DAY.test(opts.asOf)) throw new WorkbenchError('bad_input', `--as-of must look like 2026-10-15, not "${opts.asOf}"`, { field: '--as-of' });
        const source = rulesSource(opts.rules);
        const backend = await session(opts.workspace, track);
        const report = await runJob(backend, 'budgets.evaluate', { ...source, ...(opts.asOf ? { asOf: opts.asOf } : {}) }, 'budgets');
        if (opts.json) printJson({ ok: true, workspace: backend.workspace().path, ...report });
        else {
          process.stdout.write(`Budgets as of ${report.asOf ?? '(empty ledger)'}:\n\n`);
          printTable(
            ['budget', 'scope', 'period', 'limit', 'spent', '%', 'forecast P50', 'P10–P90', 'runs out', 'status'],
            report.budgets.map((b) => {
              const fmt = (v: number) => (b.unit === 'tokens' ? Math.round(v).toLocaleString('en-US') : v.toFixed(2));
              const fixed = (t: string) => (b.unit === 'tokens' ? Number(t).toLocaleString('en-US') : cents(t));
              return [b.name, b.scope, b.period.id, fixed(b.limit), fixed(b.spent), Math.round(b.spentPercent), fmt(b.forecastTotal), b.forecastP10 === null ? '' : `${fmt(b.forecastP10)}–${fmt(b.forecastP90!)}`, b.runsOutOn ?? '', b.status];
            }),
            new Set([3, 4, 5, 6]),
          );
          if (report.allowances.length > 0) {
            process.stdout.write('\nToken allowances:\n\n');
            printTable(
              ['allowance', 'who', 'month', 'tokens', 'allowance', '%', 'status'],
              report.allowances.map((u) => [u.allowanceId, u.who, u.month, u.tokens.toLocaleString('en-US'), u.allowance.toLocaleString('en-US'), Math.round(u.usedPercent), u.status]),
              new Set([3, 4, 5]),
            );
          }
          process.stdout.write(`\n${report.findings.length === 0 ? 'Every budget and allowance is within its thresholds.' : report.findings.map((f) => `- ${f.message}`).join('\n')}\n`);
        }
        return opts.failOnBreach && report.breaches > 0 ? EXIT_FAILURE : undefined;
      });
    });

  program
    .command('anomalies')
    .description('Daily and monthly cost anomalies per provider, model, workload, team and credential, against a baseline that respects the weekly pattern.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--since <YYYY-MM-DD>', 'only anomalies on or after this day (the whole history still sets the baseline)')
    .option('--dimension <list>', `comma-separated: ${ANOMALY_DIMENSIONS.join(', ')}`, ANOMALY_DIMENSIONS.join(','))
    .option('--min-cost <amount>', 'smallest impact worth reporting, in the currency', '10')
    .option('--min-percent <pct>', 'smallest impact worth reporting, in percent of the expected cost', '20')
    .option('--sensitivity <sigma>', 'how unusual a day must be, in robust standard deviations', '4')
    .option('--rules <file>', "the allocation policy for the team dimension (default: the workspace's)")
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; since?: string; dimension: string; minCost: string; minPercent: string; sensitivity: string; rules?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        if (opts.since !== undefined && !DAY.test(opts.since)) throw new WorkbenchError('bad_input', `--since must look like 2026-10-01, not "${opts.since}"`, { field: '--since' });
        const dimensions = opts.dimension.split(',').map((d) => d.trim()).filter(Boolean);
        for (const d of dimensions) if (!(ANOMALY_DIMENSIONS as readonly string[]).includes(d)) throw new WorkbenchError('bad_input', `--dimension "${d}" is not one of ${ANOMALY_DIMENSIONS.join(', ')}`, { field: '--dimension' });
        const sensitivity = number(opts.sensitivity, '--sensitivity')!;
        if (sensitivity < 1 || sensitivity > 10) throw new WorkbenchError('bad_input', '--sensitivity must be between 1 and 10', { field: '--sensitivity' });
        const source = rulesSource(opts.rules);
        const backend = await session(opts.workspace, track);
        const report = await runJob(
          backend,
          'anomalies.detect',
          { ...source, ...(opts.since ? { since: opts.since } : {}), dimensions: dimensions as AnomalyDimension[], minCost: number(opts.minCost, '--min-cost')!, minPercent: number(opts.minPercent, '--min-percent')!, sensitivity },
          'anomalies',
        );
        if (opts.json) {
          printJson({ ok: true, workspace: backend.workspace().path, ...report });
          return;
        }
        process.stdout.write(`${report.series} series from ${report.from ?? '—'} to ${report.to ?? '—'}; min cost ${report.options.minCost}, min ${report.options.minPercent}%, ${report.options.sensitivity}σ.\n\n`);
        if (report.anomalies.length > 0) {
          printTable(
            ['when', 'kind', 'dimension', 'value', 'expected', 'actual', 'impact', '%'],
            report.anomalies.map((a) => [a.period, a.kind.replace('_', ' '), a.dimension, a.value, a.expected, a.actual, a.impact, a.impactPercent === null ? '' : Math.round(a.impactPercent)]),
            new Set([4, 5, 6, 7]),
          );
          process.stdout.write('\n');
        }
        process.stdout.write(`${report.anomalies.length === 0 ? 'No anomalies.' : report.anomalies.map((a) => `- ${a.message}`).join('\n')}\n`);
        for (const n of report.notes) process.stdout.write(`Note: ${n}\n`);
      });
    });

  program
    .command('energy')
    .description('Energy (kWh) and carbon (kg CO2e) estimates per team, business unit, model and month, with each assumption’s source and date. Estimates, never measurements.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--rules <file>', "the allocation policy for teams (default: the workspace's)")
    .option('--assumptions <file>', "energy assumptions YAML (default: the workspace's, else data/energy/assumptions.yaml)")
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; rules?: string; assumptions?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const source = rulesSource(opts.rules);
        const assumptionsYaml = opts.assumptions === undefined ? undefined : rulesSource(opts.assumptions).yaml;
        const backend = await session(opts.workspace, track);
        const report = await runJob(backend, 'energy.estimate', { ...source, ...(assumptionsYaml !== undefined ? { assumptionsYaml } : {}) }, 'energy');
        if (opts.json) {
          printJson({ ok: true, workspace: backend.workspace().path, estimate: true, ...report });
          return;
        }
        const r = (x: { low: number; mid: number; high: number }, d = 1) => `${x.mid.toFixed(d)} (${x.low.toFixed(d)}–${x.high.toFixed(d)})`;
        process.stdout.write('Estimates, not measurements: mid (low–high).\n\n');
        printTable(['month', 'team', 'business unit', 'kWh', 'kg CO2e'], report.rows.map((e) => [e.month, e.team, e.businessUnit ?? '', r(e.kwh), r(e.kgCo2e)]), new Set([3, 4]));
        process.stdout.write('\nAssumptions:\n');
        for (const a of report.assumptions) process.stdout.write(`- ${a.id}: ${a.figure}. ${a.source} (${a.sourceDate})${a.note ? `. ${a.note}` : ''}\n`);
      });
    });
}
