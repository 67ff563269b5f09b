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

  pricebook
    .command('borrowed')
    .description("Prices borrowed from a publisher for a reseller (Azure, Vertex): each usage class a reseller's model is priced at the same model's publisher price, the ledger lines priced so at the last fill, and the names shared with a different model where nothing is borrowed.")
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const borrowing = await session.client.call('pricing.borrowing', {});
        const status = await session.client.call('pricing.listCostStatus', {});
        if (opts.json) return printJson({ workspace: session.workspacePath, ...borrowing, ledger: status.borrowed });
        process.stdout.write(`Borrowed prices (the reseller lists no price for the class; the same model's publisher price is used and marked):\n`);
        printTable(
          ['provider', 'model', 'usage class', 'meter', 'from', "publisher's row"],
          borrowing.borrowed.map((b) => [b.provider, b.model, b.usageClass, b.meter ?? '', `${b.from} ${b.fromModel}`, b.rowId]),
        );
        process.stdout.write(`\nLedger lines priced at a borrowed price (last fill):\n`);
        if (status.borrowed.length === 0) process.stdout.write('none\n');
        else
          printTable(
            ['provider', 'model', 'usage class', 'from', 'why', 'lines'],
            status.borrowed.map((b) => [b.provider, b.model, b.usageClass, b.from, b.scope === 'model' ? 'model not listed by the reseller' : 'class not listed by the reseller', b.lines]),
            new Set([5]),
          );
        process.stdout.write(`\nSame name, different model (nothing borrowed):\n`);
        printTable(
          ['provider', 'model', 'not the same as', 'evidence'],
          borrowing.sharedNames.map((n) => [n.provider, n.model, `${n.publisher} ${n.model}`, n.why]),
        );
      });
    });
}
