import path from 'node:path';
import type { Command } from 'commander';
import { printJson } from '../output';
import { runCommand } from '../run-command';
import { openSession } from '../session';

export function registerWorkspace(program: Command): void {
  const workspace = program.command('workspace').description('Workspace files: create one, or see what one holds.');
  workspace
    .command('new')
    .description('Create an empty workspace file (.aispend): the schema, no imports. It never overwrites a file.')
    .argument('<file>', 'where to create it (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .addHelpText('after', '\nThen: aispend import BILL --workspace FILE, aispend contracts add …, aispend scenarios add …')
    .action(async (file: string, opts: { json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(undefined, { mustExist: false }));
        const info = await session.client.call('workspace.new', { path: path.resolve(file) });
        if (opts.json) return printJson({ ok: true, workspace: info });
        process.stdout.write(`Created ${info.path} (${info.name}, schema version ${info.schemaVersion}): empty, ready for imports.\n`);
      });
    });
  workspace
    .command('info')
    .description('What a workspace holds: lines, imports, months, currencies, providers, schema version.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const info = await session.client.call('workspace.info', {});
        if (opts.json) return printJson(info);
        const rows: [string, string][] = [
          ['file', info.path],
          ['name', info.name],
          ...(info.readOnly ? ([['read-only', `yes: ${info.readOnly} (changes are refused; save a copy elsewhere to change it)`]] as [string, string][]) : []),
          ['ledger lines', String(info.ledgerLines)],
          ['imports', String(info.imports)],
          ['months', info.firstMonth ? `${info.firstMonth} to ${info.lastMonth}` : 'none'],
          ['currencies', info.currencies.join(', ') || 'none'],
          ['providers', info.providers.join(', ') || 'none'],
          ['schema version', String(info.schemaVersion)],
        ];
        for (const [k, v] of rows) process.stdout.write(`${k.padEnd(16)}${v}\n`);
      });
    });
}
