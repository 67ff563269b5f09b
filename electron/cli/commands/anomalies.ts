import type { Command } from 'commander';
import { ANOMALY_DIMENSIONS, type AnomalyDimension } from '../../../shared/api/allocation';
import { isIsoDate } from '../../../shared/domain/calendar';
import { WorkbenchError } from '../../../shared/domain/errors';
import { amountCell, printJson, printTable } from '../output';
import { policySource } from '../policy-file';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

function number(text: string, field: string, min: number, max = Infinity): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new WorkbenchError('bad_input', `${field} must be a number ${max === Infinity ? `of at least ${min}` : `from ${min} to ${max}`}, not "${text}"`, { field });
  return n;
}

function dimensions(list: string): AnomalyDimension[] {
  const chosen = list
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of chosen) if (!(ANOMALY_DIMENSIONS as readonly string[]).includes(d)) throw new WorkbenchError('bad_input', `--dimension "${d}" is not one of ${ANOMALY_DIMENSIONS.join(', ')}`, { field: '--dimension' });
  if (chosen.length === 0) throw new WorkbenchError('bad_input', `--dimension needs at least one of ${ANOMALY_DIMENSIONS.join(', ')}`, { field: '--dimension' });
  return chosen as AnomalyDimension[];
}

export function registerAnomalies(program: Command): void {
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
        if (opts.since !== undefined && !isIsoDate(opts.since)) throw new WorkbenchError('bad_input', `--since must be a day such as 2026-10-01, not "${opts.since}"`, { field: '--since' });
        const input = {
          ...policySource(opts.rules),
          ...(opts.since ? { since: opts.since } : {}),
          dimensions: dimensions(opts.dimension),
          minCost: number(opts.minCost, '--min-cost', 0),
          minPercent: number(opts.minPercent, '--min-percent', 0),
          sensitivity: number(opts.sensitivity, '--sensitivity', 1, 10),
        };
        const session = track(await openSession(opts.workspace));
        const report = await runJob(session.client, 'anomalies.detect', input, 'anomalies');
        if (opts.json) return printJson({ ok: true, workspace: session.workspacePath, ...report });
        process.stdout.write(`${report.series} series from ${report.from ?? '—'} to ${report.to ?? '—'}; min cost ${report.options.minCost}, min ${report.options.minPercent}%, ${report.options.sensitivity}σ.\n\n`);
        if (report.anomalies.length > 0) {
          printTable(
            ['when', 'kind', 'dimension', 'value', 'currency', 'expected', 'actual', 'impact', '%'],
            report.anomalies.map((a) => [a.period, a.kind.replace('_', ' '), a.dimension, a.name === a.value ? a.value : `${a.name} (${a.value})`, a.currency, amountCell(a.expected, a.currency), amountCell(a.actual, a.currency), amountCell(a.impact, a.currency), a.impactPercent === null ? '' : Math.round(a.impactPercent)]),
            new Set([5, 6, 7, 8]),
          );
          process.stdout.write('\n');
        }
        process.stdout.write(`${report.anomalies.length === 0 ? 'No anomalies.' : report.anomalies.map((a) => `- ${a.message}`).join('\n')}\n`);
        for (const n of report.notes) process.stdout.write(`Note: ${n}\n`);
      });
    });
}
