import type { Command } from 'commander';
import type { WorkbenchClient } from '../../../shared/api/client';
import type { ContractSummary } from '../../../shared/api/contracts';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { contractsFromCommitmentDataset, draftYaml } from '../../../shared/formats/focus-commitments';
import { readCommitmentDataset } from '../../backend/files/commitment-dataset';
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
        // An amended or renewed contract names the version that priced each month.
        const versioned = priced.months.some((m) => m.version.number > 1);
        if (versioned) headers.push('version');
        printTable(
          headers,
          priced.months.map((m) => {
            const b = m.commitmentBalance;
            const row = [`${m.month}${m.inTerm ? '' : ' (outside term)'}${b?.trueUp ? ' true-up' : ''}`, amountCell(m.usageAtList, cur), amountCell(m.usageNet, cur), amountCell(m.commitmentShortfall, cur), amountCell(m.creditsApplied, cur), amountCell(m.total, cur)];
            if (hasCommitment) row.push(b ? String(b.year) : '', b ? amountCell(b.committedToDate, cur) : '', b ? amountCell(b.drawnToDate, cur) : '', b ? amountCell(b.shortfallBilledToDate, cur) : '', b ? amountCell(b.remaining, cur) : '');
            if (versioned) row.push(m.version.reason === null ? `v${m.version.number}` : `v${m.version.number} (${m.version.reason})`);
            return row;
          }),
          new Set(hasCommitment ? [1, 2, 3, 4, 5, 7, 8, 9, 10] : [1, 2, 3, 4, 5]),
        );
      });
    });

  contracts
    .command('drawdown')
    .description(
      "Draw-down per commitment and month from imported FOCUS cost rows' ContractApplied (the vendor's own figures) beside what the contract pricer counts toward the stored contract's commitment, with the difference.",
    )
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--id <contract>', "one contract's commitments (the ContractId the vendor's file names)")
    .option('--from <YYYY-MM>', 'first month')
    .option('--through <YYYY-MM>', 'last month')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; id?: string; from?: string; through?: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const result = await session.client.call('contracts.drawdown', { ...(opts.id ? { contractId: opts.id } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.through ? { through: opts.through } : {}) });
        if (opts.json) return printJson({ workspace: session.workspacePath, ...result });
        if (result.rows.length === 0) {
          process.stdout.write(
            result.linesWithContractApplied === 0
              ? 'No imported FOCUS cost row carries ContractApplied: import the vendor’s FOCUS 1.3 export to compare its draw-down.\n'
              : 'No draw-down in the months or contract asked for.\n',
          );
          return;
        }
        printTable(
          ['contract', 'commitment', 'month', 'vendor lines', 'vendor applied', 'workbench drawn', 'difference', 'remaining (workbench)', 'note'],
          result.rows.map((r) => [
            r.contractId ?? '',
            r.commitmentId,
            r.month,
            String(r.vendorLines),
            r.vendorApplied !== null ? amountCell(r.vendorApplied, r.currency) : r.vendorQuantity !== null ? `${r.vendorQuantity} ${r.vendorUnit ?? ''}`.trim() : '',
            r.workbench ? amountCell(r.workbench.drawn, r.currency) : '',
            r.difference !== null ? amountCell(r.difference, r.currency) : '',
            r.workbench ? amountCell(r.workbench.remaining, r.currency) : '',
            r.note ?? (r.matchedBy === 'contract' ? 'compared by contract id' : ''),
          ]),
          new Set([3, 4, 5, 6, 7]),
        );
      });
    });

  contracts
    .command('export-focus')
    .description(
      "Write the workspace's contracts as FOCUS 1.3's Contract Commitment dataset (CSV): one Spend row per true-up period of each commitment, with the ids the FOCUS cost export's ContractApplied names.",
    )
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .requiredOption('--out <file>', 'the CSV file to write')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; out: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const r = await session.client.call('contracts.exportFocusCommitments', { path: path.resolve(opts.out) });
        if (opts.json) return printJson({ ok: true, file: r.path, rows: r.rows, contracts: r.contracts, contractsWithoutCommitment: r.contractsWithoutCommitment });
        process.stdout.write(`Wrote ${r.rows} commitment period${r.rows === 1 ? '' : 's'} of ${r.contracts} contract${r.contracts === 1 ? '' : 's'} to ${opts.out}${r.contractsWithoutCommitment > 0 ? ` (${r.contractsWithoutCommitment} without a commitment)` : ''}.\n`);
      });
    });

  contracts
    .command('export-term-sheet')
    .description(
      'Write a stored contract as a term-sheet workbook (.xlsx): the terms as signed, then each amendment or renewal, in the layout `contracts add` reads back (scenarios/contracts/README.md).',
    )
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .requiredOption('--id <contract>', 'the stored contract id (aispend contracts list)')
    .requiredOption('--out <file>', 'the .xlsx file to write')
    .option('--force', 'replace --out if it exists', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; id: string; out: string; force: boolean; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const id = opts.id;
        const session = track(await openSession(opts.workspace));
        const r = await session.client.call('contracts.exportTermSheet', { id, path: path.resolve(opts.out), overwrite: opts.force });
        if (opts.json) return printJson({ ok: true, contract: id, file: r.path, versions: r.versions, bytes: r.bytes });
        process.stdout.write(`Wrote the term sheet of ${id}${r.versions > 0 ? ` (the terms as signed and ${r.versions} version${r.versions === 1 ? '' : 's'})` : ''} to ${opts.out}.\n`);
      });
    });

  contracts
    .command('import-focus')
    .description(
      "Read FOCUS 1.3's Contract Commitment dataset (CSV or Parquet) into draft contract files, one per ContractId, each listing what the dataset cannot say for you to complete; store them with contracts add once complete.",
    )
    .argument('<file>', 'the Contract Commitment dataset (.csv or .parquet)')
    .requiredOption('--out <dir>', 'folder for the draft contract files (<id>.yaml)')
    .option('--vendor <provider>', 'the provider the contracts are with (the dataset does not say)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (file: string, opts: { out: string; vendor?: string; json: boolean }) => {
      await runCommand(opts.json, async () => {
        const records = await readCommitmentDataset(file);
        const drafts = contractsFromCommitmentDataset(records, path.basename(file), opts.vendor === undefined ? {} : { vendor: opts.vendor });
        mkdirSync(opts.out, { recursive: true });
        const written = drafts.map((d) => {
          const target = path.join(opts.out, `${String(d.file.id)}.yaml`);
          writeFileSync(target, draftYaml(d, path.basename(file)));
          return { contractId: d.contractId, file: path.resolve(target), toComplete: d.toComplete, rows: d.rows, commitment: d.file.commitment ?? null };
        });
        if (opts.json) return printJson({ ok: true, drafts: written });
        for (const w of written) {
          process.stdout.write(`${w.contractId} → ${w.file}${w.toComplete.length === 0 ? ': nothing the dataset leaves open; review it (the dataset holds commitments only), then store it with aispend contracts add' : `: ${w.toComplete.length} thing${w.toComplete.length === 1 ? '' : 's'} to complete`}\n`);
          for (const t of w.toComplete) process.stdout.write(`  ${t.field}: ${t.message}\n`);
        }
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
