import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { PRICE_SOURCES, type PriceSource } from '../../../shared/domain/pricebook/types';
import { WorkbenchError } from '../../../shared/domain/errors';
import { amountCell, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

function parseSources(text: string): PriceSource[] {
  const list = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const s of list) {
    if (!(PRICE_SOURCES as readonly string[]).includes(s)) throw new WorkbenchError('bad_input', `unknown source "${s}"; choose from ${PRICE_SOURCES.join(', ')}`, { field: '--sources' });
  }
  return list as PriceSource[];
}

export function registerPricebook(program: Command): void {
  const pricebook = program.command('pricebook').description("The workspace's price book: the shipped catalogue plus your own rows.");

  pricebook
    .command('export')
    .description('The price book as CSV (one row per price; the same columns import back).')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--out <file>', 'write the CSV to this file instead of stdout')
    .option('--sources <list>', `which rows: ${PRICE_SOURCES.join(',')}`, PRICE_SOURCES.join(','))
    .option('--json', 'print one JSON document on stdout (needs --out)', false)
    .action(async (opts: { workspace: string; out?: string; sources: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const sources = parseSources(opts.sources);
        if (opts.json && !opts.out) throw new WorkbenchError('bad_input', 'with --json, name the CSV file with --out', { field: '--out' });
        const session = track(await openSession(opts.workspace));
        const result = await session.client.call('pricing.exportCsv', { sources });
        if (!opts.out) {
          process.stdout.write(result.csv);
          return;
        }
        writeFileSync(path.resolve(opts.out), result.csv);
        if (opts.json) printJson({ ok: true, file: path.resolve(opts.out), rows: result.rows, sources });
        else process.stdout.write(`Wrote ${result.rows} price rows to ${path.resolve(opts.out)}.\n`);
      });
    });

  pricebook
    .command('import')
    .description('Import price rows from CSV as your own rows (rows identical to the shipped ones are skipped); one bad row rejects the file, naming its line and column.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .argument('<file>', 'the CSV file')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (file: string, opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const result = await runJob(session.client, 'pricing.importCsv', { path: path.resolve(file) }, `importing ${path.basename(file)}`);
        // List costs are refilled from the new prices before the workspace closes.
        await session.settle();
        if (opts.json) printJson({ ok: true, file: path.resolve(file), ...result });
        else process.stdout.write(`Imported ${path.basename(file)}: ${result.added} rows added, ${result.replaced} replaced, ${result.unchanged} unchanged.\n`);
      });
    });

  pricebook
    .command('unknown')
    .description('Models in the ledger the price book cannot price (never priced at zero): add them by cloning a similar model.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const { models } = await session.client.call('pricing.unknownModels', {});
        if (opts.json) return printJson({ workspace: session.workspacePath, models });
        if (models.length === 0) {
          process.stdout.write('Every model in the ledger has a price.\n');
          return;
        }
        printTable(
          ['provider', 'model', 'as billed', 'lines', 'months', 'billed', 'currency'],
          models.map((m) => [m.provider, m.model, m.modelRaw ?? '', m.lines, `${m.firstMonth} to ${m.lastMonth}`, amountCell(m.billedCost, m.currency), m.currency]),
          new Set([3, 5]),
        );
      });
    });
}
