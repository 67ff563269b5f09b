import type { Command } from 'commander';
import type { RangeWire } from '../../../shared/api/allocation';
import { printJson, printTable } from '../output';
import { policySource, readYamlOption } from '../policy-file';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

/** An estimate as "mid (low–high)". */
const range = (r: RangeWire, digits = 1) => `${r.mid.toFixed(digits)} (${r.low.toFixed(digits)}–${r.high.toFixed(digits)})`;

export function registerEnergy(program: Command): void {
  program
    .command('energy')
    .description('Energy (kWh) and carbon (kg CO2e) estimates per team, business unit, model and month, with each assumption’s source and date. Estimates, never measurements.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--rules <file>', "the allocation policy for teams (default: the workspace's)")
    .option('--assumptions <file>', "energy assumptions YAML (default: the workspace's, else data/energy/assumptions.yaml)")
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; rules?: string; assumptions?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const source = policySource(opts.rules);
        const assumptions = opts.assumptions === undefined ? {} : { assumptionsYaml: readYamlOption(opts.assumptions, '--assumptions').yaml };
        const session = track(await openSession(opts.workspace));
        const report = await runJob(session.client, 'energy.estimate', { ...source, ...assumptions }, 'energy');
        if (opts.json) return printJson({ ok: true, workspace: session.workspacePath, estimate: true, ...report });
        process.stdout.write('Estimates, not measurements: mid (low–high).\n\n');
        printTable(['month', 'team', 'business unit', 'kWh', 'kg CO2e'], report.rows.map((e) => [e.month, e.teamName, e.businessUnit ?? '', range(e.kwh), range(e.kgCo2e)]), new Set([3, 4]));
        process.stdout.write('\nAssumptions:\n');
        for (const a of report.assumptions) process.stdout.write(`- ${a.id}: ${a.figure}. ${a.source} (${a.sourceDate})${a.note ? `. ${a.note}` : ''}\n`);
      });
    });
}
