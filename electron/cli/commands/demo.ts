import path from 'node:path';
import type { Command } from 'commander';
import { printJson } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Build the demo workspace (Acme Lending: twelve months of OpenAI, Anthropic and AWS Bedrock statements in their vendors’ own formats) from scenarios/demo.')
    .requiredOption('--workspace <file>', 'where to write the workspace (.aispend)')
    .option('--force', 'replace the file if it exists', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; force: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(undefined, { mustExist: false }));
        const info = await runJob(session.client, 'workspace.buildDemo', { path: path.resolve(opts.workspace), overwrite: opts.force }, 'demo');
        if (opts.json) printJson({ ok: true, workspace: info });
        else process.stdout.write(`Demo workspace written to ${info.path}: ${info.ledgerLines} ledger lines, ${info.firstMonth} to ${info.lastMonth}, providers ${info.providers.join(', ')}.\n`);
      });
    });
}
