import type { Command } from 'commander';
import type { ContractSummary } from '../../../shared/api/contracts';
import { parseContractYaml } from '../../../shared/domain/contracts/load';
import { readContractFile } from '../contract-file';
import { printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { openSession } from '../session';

export function registerContracts(program: Command): void {
  const contracts = program.command('contracts').description('Contracts stored in a workspace.');

  contracts
    .command('list')
    .description('Stored contracts with their terms in a few words.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const backend = track(await openSession(opts.workspace));
        const { contracts: list } = (await backend.invoke('contracts.list', {})) as { contracts: ContractSummary[] };
        if (opts.json) return printJson({ workspace: backend.workspace().path, contracts: list });
        if (list.length === 0) {
          process.stdout.write('No contracts stored; add one with aispend contracts add.\n');
          return;
        }
        printTable(
          ['id', 'vendor', 'term', 'currency', 'terms'],
          list.map((c) => [c.id, c.vendor, `${c.start} to ${c.end}`, c.currency, c.highlights.join('; ')]),
        );
      });
    });

  contracts
    .command('add')
    .description('Validate and store contracts (YAML, or term-sheet workbooks .xlsx). A problem names the file and the field, and nothing is stored.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .argument('<files...>', 'contract files')
    .option('--replace', 'replace a stored contract with the same id', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (files: string[], opts: { workspace: string; replace: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const backend = track(await openSession(opts.workspace));
        const saved: ContractSummary[] = [];
        for (const file of files) {
          const { yaml, fileName } = await readContractFile(file, backend);
          const existing = opts.replace ? await idOf(backend, yaml, fileName) : undefined;
          saved.push((await backend.invoke('contracts.save', { yaml, fileName, ...(existing ? { previousId: existing } : {}) })) as ContractSummary);
        }
        if (opts.json) return printJson({ ok: true, workspace: backend.workspace().path, contracts: saved });
        for (const c of saved) process.stdout.write(`Stored ${c.id} (${c.vendor}, ${c.start} to ${c.end}) from ${c.file}: ${c.highlights.join('; ') || 'list prices'}.\n`);
      });
    });
}

/** The id a contract file will be stored under, when a contract with that id is stored already. */
async function idOf(backend: Awaited<ReturnType<typeof openSession>>, yaml: string, fileName: string): Promise<string | undefined> {
  const parsed = parseContractYaml(yaml, fileName) as { id?: unknown } | null;
  const id = typeof parsed?.id === 'string' ? parsed.id : fileName.replace(/\.(ya?ml|xlsx)$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const { contracts } = (await backend.invoke('contracts.list', {})) as { contracts: ContractSummary[] };
  return contracts.some((c) => c.id === id) ? id : undefined;
}
