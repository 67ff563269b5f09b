import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { RunResult, ScenarioResult } from '../../../shared/api/scenarios';
import { WorkbenchError, toErrorInfo } from '../../../shared/domain/errors';
import { parseSetting } from '../../../shared/engine/assumption-overrides';
import { breakEvenText } from '../../../shared/engine/break-even-text';
import { percentileNote } from '../../../shared/engine/percentile-method';
import { amountCell, exitCodeFor, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

interface RunOpts {
  workspace?: string;
  months?: string;
  draws: string;
  seed: string;
  scenario: string[];
  tornado: boolean;
  set: string[];
  json: boolean;
}

/** People read cents (the currency's minor unit; `decimals` for finer figures); --json keeps every digit. */
const cents = (amount: string | null | undefined, currency: string, decimals?: number): string => (amount === null || amount === undefined ? '—' : amountCell(amount, currency, decimals));

function integer(text: string, field: string, min: number, max: number): number {
  if (!/^\d+$/.test(text.trim())) throw new WorkbenchError('bad_input', `${text} is not a whole number`, { field });
  const n = Number(text);
  if (n < min || n > max) throw new WorkbenchError('bad_input', `${field} must be between ${min} and ${max}`, { field });
  return n;
}

/** A scenario file's problem in the words an editor uses: file, line, field. */
function describeRunError(error: unknown): string {
  if (!(error instanceof WorkbenchError)) return error instanceof Error ? error.message : String(error);
  const where = [error.file, error.row !== undefined ? `line ${error.row}` : undefined, error.field !== undefined ? `field ${error.field}` : undefined].filter(Boolean);
  let text = where.length > 0 ? `${where.join(', ')}: ${error.message}` : error.message;
  const issues = Array.isArray(error.details) ? (error.details as { path: string; message: string; line: number | null }[]) : [];
  for (const issue of issues.slice(1, 10)) text += `\n  line ${issue.line ?? '?'}${issue.path ? `, field ${issue.path}` : ''}: ${issue.message}`;
  return text;
}

function printScenario(run: RunResult, s: ScenarioResult): void {
  const unit = run.unit;
  const ranged = run.draws > 0;
  process.stdout.write(`\n${s.isBaseline ? 'Baseline' : 'Scenario'} ${s.id}: ${s.name}\n`);
  printTable(
    ['month', `${unit}s`, 'total cost', 'AI cost', `cost/${unit}`, `AI/${unit}`, 'cost/success', ...(ranged ? [`P10 cost/${unit}`, `P90 cost/${unit}`] : [])],
    s.months.map((m) => [
      m.month,
      Math.round(m.businessUnits * 100) / 100,
      cents(m.totalCost, run.currency),
      cents(m.aiCost, run.currency),
      cents(m.costPerUnit, run.currency),
      cents(m.aiCostPerUnit, run.currency),
      cents(m.costPerSuccess, run.currency, 4),
      ...(ranged ? [cents(m.p10?.costPerUnit, run.currency), cents(m.p90?.costPerUnit, run.currency)] : []),
    ]),
    new Set([1, 2, 3, 4, 5, 6, 7, 8]),
  );
  const k = s.kpis;
  const lines = [
    `over ${run.months} months: total ${cents(k.totalCost, run.currency)} ${run.currency}, AI ${cents(k.aiCost, run.currency)}, ${cents(k.costPerUnit, run.currency)} per ${unit}`,
    s.isBaseline
      ? null
      : `savings vs baseline ${cents(k.savingsVsBaseline, run.currency)}; ${k.noUpfrontCost ? `no upfront cost: savings start ${k.savingsStartMonth}` : `break-even ${k.breakEvenMonth ?? 'never within the horizon'}`}`,
    k.p50 ? `P10/P50/P90 cost per ${unit}: ${cents(k.p10?.costPerUnit, run.currency)} / ${cents(k.p50.costPerUnit, run.currency)} / ${cents(k.p90?.costPerUnit, run.currency)}` : null,
    k.p50 && !s.isBaseline ? `P10/P50/P90 savings: ${cents(k.p10?.savingsVsBaseline, run.currency)} / ${cents(k.p50.savingsVsBaseline, run.currency)} / ${cents(k.p90?.savingsVsBaseline, run.currency)}` : null,
    s.flags.length > 0 ? `${s.flags.length} guardrail flag(s), first: ${s.flags[0]!.month} ${s.flags[0]!.message}` : null,
    ...s.warnings.map((w) => `note: ${w}`),
  ].filter((l): l is string => l !== null);
  for (const l of lines) process.stdout.write(`${l}\n`);
}

function printRun(file: string, run: RunResult): void {
  process.stdout.write(`\n== ${run.name} (${file}) — ${run.start}, ${run.months} months, ${run.currency}${run.draws > 0 ? `, ${run.draws.toLocaleString('en-US')} draws, seed ${run.seed}` : ''}\n`);
  const note = percentileNote(run.percentiles);
  if (note) process.stdout.write(`${note}\n`);
  for (const s of run.scenarios) printScenario(run, s);
  process.stdout.write('\nSide by side\n');
  printTable(
    ['scenario', 'total cost', `cost/${run.unit}`, 'savings', 'break-even', ...(run.draws > 0 ? ['P10 savings', 'P90 savings'] : [])],
    run.scenarios.map((s) => [
      s.id,
      cents(s.kpis.totalCost, run.currency),
      cents(s.kpis.costPerUnit, run.currency),
      s.isBaseline ? '—' : cents(s.kpis.savingsVsBaseline, run.currency),
      s.isBaseline ? '—' : breakEvenText(s.kpis),
      ...(run.draws > 0 ? [s.isBaseline ? '—' : cents(s.kpis.p10?.savingsVsBaseline, run.currency), s.isBaseline ? '—' : cents(s.kpis.p90?.savingsVsBaseline, run.currency)] : []),
    ]),
    new Set([1, 2, 3, 5, 6]),
  );
  for (const t of run.tornado) {
    if (t.entries.length === 0) continue;
    process.stdout.write(`\nWhat moves the cost per ${run.unit} most (${t.scenario}; P10 → P90 of each input)\n`);
    printTable(
      ['input', 'at P10', 'at P90', 'swing'],
      t.entries.slice(0, 5).map((e) => [e.label, cents(e.low, run.currency), cents(e.high, run.currency), cents(e.swing, run.currency)]),
      new Set([1, 2, 3]),
    );
  }
}

/** A path on disk, or (when no such file exists) the id of a scenario file stored in the workspace. */
function sourceOf(arg: string, hasWorkspace: boolean): { path: string } | { id: string } {
  if (existsSync(arg) || !hasWorkspace) return { path: path.resolve(arg) };
  return { id: arg };
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('Run scenario files: monthly projection, unit economics, savings and break-even; with --draws, P10/P50/P90 and a tornado.')
    .argument('<scenario...>', 'scenario YAML files (or ids of scenario files stored in the workspace)')
    .option('--workspace <file>', 'price with this workspace’s price book and contracts, and take its drivers and workloads where a file asks (fromWorkspace)')
    .option('--months <n>', 'override the horizon (months)')
    .option('--draws <n>', 'Monte Carlo draws (0: deterministic only)', '0')
    .option('--seed <n>', 'random seed: the same seed gives the same P10/P50/P90 everywhere', '1')
    .option('--scenario <id>', 'run only this scenario of the file (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--tornado', 'rank uncertain inputs by their effect on cost per unit even without draws', false)
    .option('--set <name=value>', 'change a named assumption (a name from the board workbook’s Assumptions sheet); a name of several cells takes one value for all or a comma-separated list (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (files: string[], opts: RunOpts) => {
      await runCommand(opts.json, async (track) => {
        const options = {
          ...(opts.months !== undefined ? { months: integer(opts.months, '--months', 1, 120) } : {}),
          draws: integer(opts.draws, '--draws', 0, 1_000_000),
          seed: integer(opts.seed, '--seed', 0, 4_294_967_295),
          ...(opts.scenario.length > 0 ? { scenarios: opts.scenario } : {}),
          ...(opts.tornado ? { tornado: true } : {}),
          ...(opts.set.length > 0 ? { set: opts.set.map(parseSetting) } : {}),
        };
        const session = track(opts.workspace ? await openSession(opts.workspace) : await openSession(undefined, { mustExist: false }));
        const runs: { file: string; result: RunResult }[] = [];
        for (const file of files) {
          const source = sourceOf(file, Boolean(opts.workspace));
          try {
            const result = await runJob(session.client, 'scenarios.simulate', { ...source, options }, path.basename(file));
            runs.push({ file, result });
          } catch (error) {
            // A bad scenario file says where: file, line, field (exit code 2).
            process.stderr.write(`aispend: ${describeRunError(error)}\n`);
            if (opts.json) printJson({ ok: false, file, error: toErrorInfo(error) });
            return exitCodeFor(error);
          }
        }
        if (opts.json) {
          printJson({ ok: true, workspace: opts.workspace ? path.resolve(opts.workspace) : null, runs: runs.map((r) => ({ file: r.file, ...r.result })) });
          return;
        }
        for (const r of runs) printRun(r.file, r.result);
      });
    });
}
