import type { Command } from 'commander';
import { LEDGER_DIMENSIONS, LEDGER_FIELDS, type LedgerDimension, type LedgerField } from '../../../shared/api/ledger';
import { WorkbenchError } from '../../../shared/domain/errors';
import { collect, parseFilter } from '../filters';
import { amountCell, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { openSession } from '../session';

function parseDimensions(text: string): LedgerDimension[] {
  const dims = text
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean);
  for (const d of dims) {
    if (!(LEDGER_DIMENSIONS as readonly string[]).includes(d)) {
      throw new WorkbenchError('bad_input', `cannot group by "${d}"; choose from ${LEDGER_DIMENSIONS.join(', ')}`, { field: '--by' });
    }
  }
  return dims as LedgerDimension[];
}

const isLedgerField = (name: string): name is LedgerField => (LEDGER_FIELDS as readonly string[]).includes(name);

function parseSort(text: string): { field: LedgerField; dir: 'asc' | 'desc' } {
  const [field = '', dir] = text.split(':');
  if (!isLedgerField(field)) throw new WorkbenchError('bad_input', `cannot sort by "${field}"; choose from ${LEDGER_FIELDS.join(', ')}`, { field: '--sort' });
  return { field, dir: dir === 'desc' ? 'desc' : 'asc' };
}

export function registerLedger(program: Command): void {
  const ledger = program.command('ledger').description('Look at the usage ledger of a workspace.');

  ledger
    .command('summary')
    .description('Billed cost, effective cost and line counts grouped by dimensions (always split by currency).')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--by <dims>', `comma-separated dimensions: ${LEDGER_DIMENSIONS.join(', ')}`, 'month')
    .option('--filter <expr>', 'FIELD=VALUE, FIELD>=N, FIELD~=TEXT or tag:NAME=VALUE (repeatable)', collect, [])
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; by: string; filter: string[]; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const by = parseDimensions(opts.by);
        const filters = opts.filter.map(parseFilter);
        const session = track(await openSession(opts.workspace));
        const summary = await session.client.call('ledger.summary', { by, filters, limit: 100_000 });
        const rows = summary.rows.map((r) => ({ ...r.key, currency: r.currency, lines: r.lines, quantity: r.quantity, billedCost: r.billedCost, effectiveCost: r.effectiveCost, listCost: r.listCost }));
        if (opts.json) {
          printJson({ workspace: session.workspacePath, by, filters, rows, totals: summary.totals });
          return;
        }
        printTable(
          [...by, 'currency', 'lines', 'billed cost', 'effective cost'],
          // The shown amounts foot to the total line below (largest remainder); --json carries every digit.
          summary.rows.map((r) => [...by.map((d) => r.key[d] ?? ''), r.currency, r.lines, amountCell(r.shown.billedCost, r.currency), amountCell(r.shown.effectiveCost, r.currency)]),
          new Set([by.length + 1, by.length + 2, by.length + 3]),
        );
        for (const t of summary.totals) process.stdout.write(`\nTotal ${t.currency}: ${amountCell(t.shown.billedCost, t.currency)} billed over ${t.lines} lines (exact: ${t.billedCost})\n`);
      });
    });

  ledger
    .command('lines')
    .description('Ledger lines, sorted and filtered, with their provenance (import id and source row).')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--filter <expr>', 'FIELD=VALUE, FIELD>=N, FIELD~=TEXT or tag:NAME=VALUE (repeatable)', collect, [])
    .option('--sort <field[:desc]>', 'sort field, e.g. billedCost:desc', 'chargePeriodStart')
    .option('--limit <n>', 'lines to print', '50')
    .option('--offset <n>', 'lines to skip', '0')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; filter: string[]; sort: string; limit: string; offset: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const sort = parseSort(opts.sort);
        const session = track(await openSession(opts.workspace));
        const page = await session.client.call('ledger.query', {
          filters: opts.filter.map(parseFilter),
          sort: [sort],
          limit: Number(opts.limit),
          offset: Number(opts.offset),
        });
        if (opts.json) {
          printJson({ workspace: session.workspacePath, total: page.total, rows: page.rows });
          return;
        }
        printTable(
          ['day', 'provider', 'model', 'class', 'tier', 'quantity', 'billed', 'cur', 'import:row'],
          page.rows.map((r) => [
            String(r.chargePeriodStart).slice(0, 10),
            r.provider,
            r.model ?? '',
            r.usageClass,
            r.serviceTier,
            r.quantity,
            amountCell(r.billedCost, r.currency),
            r.currency,
            `${r.importId}:${r.sourceRow}`,
          ]),
          new Set([5, 6]),
        );
        process.stdout.write(`\n${page.rows.length} of ${page.total} lines\n`);
      });
    });
}
