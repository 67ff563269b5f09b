import type { Command } from 'commander';
import type { BudgetResultWire } from '../../../shared/api/allocation';
import { isIsoDate } from '../../../shared/domain/calendar';
import { WorkbenchError } from '../../../shared/domain/errors';
import { numberToNanos, parseMoney } from '../../../shared/domain/money';
import { amountText, groupThousands } from '../../../shared/domain/money-text';
import { EXIT_FAILURE, printJson, printTable } from '../output';
import { policySource } from '../policy-file';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

const tokens = (n: number) => groupThousands(String(Math.round(n)));

/** A budget's figure in its unit: whole tokens, or money in the budget's currency. */
function figure(b: BudgetResultWire, value: string | number): string {
  if (b.unit === 'tokens') return tokens(Number(value));
  return amountText(typeof value === 'number' ? numberToNanos(value) : parseMoney(value), b.unit);
}

export function registerBudgets(program: Command): void {
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
        if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) throw new WorkbenchError('bad_input', `--as-of must be a day such as 2026-10-15, not "${opts.asOf}"`, { field: '--as-of' });
        const source = policySource(opts.rules);
        const session = track(await openSession(opts.workspace));
        const report = await runJob(session.client, 'budgets.evaluate', { ...source, ...(opts.asOf ? { asOf: opts.asOf } : {}) }, 'budgets');
        if (opts.json) printJson({ ok: true, workspace: session.workspacePath, ...report });
        else {
          process.stdout.write(`Budgets as of ${report.asOf ?? '(empty ledger)'}:\n\n`);
          printTable(
            ['budget', 'scope', 'period', 'unit', 'limit', 'spent', '%', 'forecast P50', 'P10–P90', 'runs out', 'status'],
            report.budgets.map((b) => [
              b.name,
              b.scope,
              b.period.id,
              b.unit,
              figure(b, b.limit),
              figure(b, b.spent),
              Math.round(b.spentPercent),
              figure(b, b.forecastTotal),
              b.forecastP10 === null || b.forecastP90 === null ? '' : `${figure(b, b.forecastP10)}–${figure(b, b.forecastP90)}`,
              b.runsOutOn ?? '',
              b.status,
            ]),
            new Set([4, 5, 6, 7]),
          );
          if (report.allowances.length > 0) {
            process.stdout.write('\nToken allowances:\n\n');
            printTable(
              ['allowance', 'who', 'month', 'tokens', 'allowance', '%', 'status'],
              report.allowances.map((u) => [u.allowanceId, u.who, u.month, tokens(u.tokens), tokens(u.allowance), Math.round(u.usedPercent), u.status]),
              new Set([3, 4, 5]),
            );
          }
          process.stdout.write(`\n${report.findings.length === 0 ? 'Every budget and allowance is within its thresholds.' : report.findings.map((f) => `- ${f.message}`).join('\n')}\n`);
        }
        return opts.failOnBreach && report.breaches > 0 ? EXIT_FAILURE : undefined;
      });
    });
}
