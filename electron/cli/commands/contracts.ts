import type { Command } from 'commander';
import type { WorkbenchClient } from '../../../shared/api/client';
import type { ContractSummary } from '../../../shared/api/contracts';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { readContractFile } from '../contract-file';
import { amountCell, printJson, printTable } from '../output';
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
        const session = track(await openSession(opts.workspace));
        const { contracts: list } = await session.client.call('contracts.list', {});
        if (opts.json) return printJson({ workspace: session.workspacePath, contracts: list });
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
        const session = track(await openSession(opts.workspace));
        const saved: ContractSummary[] = [];
        for (const file of files) {
          const { yaml, fileName } = await readContractFile(file, session.client);
          const existing = opts.replace ? await idOf(session.client, yaml, fileName) : undefined;
          saved.push(await session.client.call('contracts.save', { yaml, fileName, ...(existing ? { previousId: existing } : {}) }));
        }
        if (opts.json) return printJson({ ok: true, workspace: session.workspacePath, contracts: saved });
        for (const c of saved) process.stdout.write(`Stored ${c.id} (${c.vendor}, ${c.start} to ${c.end}) from ${c.file}: ${c.highlights.join('; ') || 'list prices'}.\n`);
      });
    });

  contracts
    .command('months')
    .description(
      "A stored contract month by month, priced from the ledger: usage at list and net, shortfall billed, credits, the invoice, and the commitment's balance (committed to date, drawn, shortfall billed, remaining in the contract year).",
    )
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .requiredOption('--id <contract>', 'the stored contract id (aispend contracts list)')
    .option('--from <YYYY-MM>', 'first month to show (state still runs from the term start)')
    .option('--through <YYYY-MM>', 'last month to show')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; id: string; from?: string; through?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const priced = await session.client.call('contracts.priceMonths', { id: opts.id, ...(opts.from ? { from: opts.from } : {}), ...(opts.through ? { through: opts.through } : {}) });
        if (opts.json) return printJson({ workspace: session.workspacePath, ...priced });
        const cur = priced.currency;
        const hasCommitment = priced.months.some((m) => m.commitmentBalance !== null);
        const headers = ['month', 'usage at list', 'usage net', 'shortfall billed', 'credits applied', 'invoice'];
        if (hasCommitment) headers.push('year', 'committed to date', 'drawn to date', 'billed to date', 'remaining');
        printTable(
          headers,
          priced.months.map((m) => {
            const b = m.commitmentBalance;
            const row = [`${m.month}${m.inTerm ? '' : ' (outside term)'}${b?.trueUp ? ' true-up' : ''}`, amountCell(m.usageAtList, cur), amountCell(m.usageNet, cur), amountCell(m.commitmentShortfall, cur), amountCell(m.creditsApplied, cur), amountCell(m.total, cur)];
            if (hasCommitment) row.push(b ? String(b.year) : '', b ? amountCell(b.committedToDate, cur) : '', b ? amountCell(b.drawnToDate, cur) : '', b ? amountCell(b.shortfallBilledToDate, cur) : '', b ? amountCell(b.remaining, cur) : '');
            return row;
          }),
          new Set(hasCommitment ? [1, 2, 3, 4, 5, 7, 8, 9, 10] : [1, 2, 3, 4, 5]),
        );
      });
    });
}

/** The id a contract file will be stored under, when a contract with that id is stored already. */
async function idOf(client: WorkbenchClient, yaml: string, fileName: string): Promise<string | undefined> {
  const parsed = parseExactYaml(yaml, fileName) as { id?: unknown } | null;
  const id = typeof parsed?.id === 'string' ? parsed.id : fileName.replace(/\.(ya?ml|xlsx)$/i, '').toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const { contracts } = await client.call('contracts.list', {});
  return contracts.some((c) => c.id === id) ? id : undefined;
}
