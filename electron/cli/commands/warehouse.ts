import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { FocusExportResult, PushdownQuery } from '../../../shared/api/warehouse';
import { WorkbenchError } from '../../../shared/domain/errors';
import { formatMoneyFixed, parseMoney } from '../../../shared/domain/money';
import { DIALECT_IDS } from '../../../shared/formats/pushdown/dialects';
import { PUSHDOWN_SOURCES } from '../../../shared/formats/pushdown/types';
import { printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

const list = (text: string | undefined): string[] | undefined =>
  text === undefined
    ? undefined
    : text
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');

interface PushdownOptions {
  source: string;
  dialect: string;
  table?: string;
  tags?: string;
  from?: string;
  to?: string;
  columns?: string;
  like?: string;
  sourceVersion?: string;
  out?: string;
  json: boolean;
}

interface ExportOptions {
  workspace: string;
  out: string;
  format: 'csv' | 'parquet';
  month?: string;
  overwrite: boolean;
  json: boolean;
}

/** `aispend pushdown` and `aispend export-focus`: the workbench beyond one machine. */
export function registerWarehouse(program: Command): void {
  program
    .command('pushdown')
    .description(
      'Write the SQL that aggregates a vendor export where it lives (a warehouse, a lake, ClickHouse) to the ledger\'s grain, with control totals; import its result like any statement.',
    )
    .addOption(new Option('--source <format>', 'the export in the table').choices([...PUSHDOWN_SOURCES]).makeOptionMandatory())
    .addOption(new Option('--dialect <engine>', 'the SQL dialect').choices([...DIALECT_IDS]).makeOptionMandatory())
    .option('--table <name>', "the table as the engine names it (DuckDB: read_parquet('bills/*.parquet'))")
    .option('--tags <keys>', 'comma-separated tag keys to keep as dimensions (e.g. team,workload)')
    .option('--from <day>', 'first day (2026-03-01) or month (2026-03) included')
    .option('--to <day>', 'last day or month included')
    .option('--columns <names>', "the table's columns, comma-separated (default: the vendor's standard export)")
    .option('--like <file>', "a sample of the export (CSV, Parquet, JSON Lines) whose columns the table has")
    .option('--source-version <v>', 'the export\'s version, carried to the import (Azure: actual or amortized)')
    .option('--out <file>', 'write the SQL to this file instead of stdout')
    .option('--json', 'print one JSON document on stdout (the SQL and the result\'s columns)', false)
    .action(async (opts: PushdownOptions) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(undefined, { mustExist: false }));
        const query: PushdownQuery = await session.client.call('warehouse.pushdown', {
          source: opts.source as (typeof PUSHDOWN_SOURCES)[number],
          dialect: opts.dialect as (typeof DIALECT_IDS)[number],
          table: opts.table,
          tags: list(opts.tags) ?? [],
          from: opts.from,
          to: opts.to,
          columns: list(opts.columns),
          like: opts.like === undefined ? undefined : path.resolve(opts.like),
          sourceVersion: opts.sourceVersion,
        });
        if (opts.out) {
          writeFileSync(opts.out, query.sql);
          process.stderr.write(`aispend: wrote ${opts.out} (${query.columns.length} result columns; columns from the ${query.columnsFrom === 'standard' ? "standard export" : query.columnsFrom === 'sample' ? 'sample file' : 'list given'})\n`);
        }
        if (opts.json) {
          printJson({ ok: true, source: opts.source, dialect: opts.dialect, out: opts.out ?? null, ...query });
          return;
        }
        if (!opts.out) process.stdout.write(query.sql);
        if (query.missing.length > 0 && query.columnsFrom !== 'standard') {
          process.stderr.write(`aispend: the table lacks ${query.missing.join(', ')}; the query reads them as null\n`);
        }
      });
    });

  program
    .command('export-focus')
    .description('Write the ledger as a FOCUS 1.3 cost and usage dataset, one folder per billing period (BillingPeriod=2026-03/).')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .requiredOption('--out <dir>', 'the folder to create')
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'parquet']).default('csv'))
    .option('--month <month>', 'one billing period only (2026-03)')
    .option('--overwrite', 'replace the folder when it exists', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: ExportOptions) => {
      await runCommand(opts.json, async (track) => {
        if (opts.month !== undefined && !/^\d{4}-\d{2}$/.test(opts.month)) throw new WorkbenchError('bad_input', `--month must be a month such as 2026-03, not "${opts.month}"`, { field: '--month' });
        const session = track(await openSession(opts.workspace));
        const result: FocusExportResult = await runJob(
          session.client,
          'warehouse.exportFocus',
          { out: path.resolve(opts.out), format: opts.format, month: opts.month, overwrite: opts.overwrite },
          'FOCUS export',
        );
        if (opts.json) {
          printJson({ ok: true, workspace: session.workspacePath, ...result });
          return;
        }
        printTable(
          ['billing period', 'rows', 'file', 'billed'],
          result.files.map((f) => [f.billingPeriod, f.rows, path.relative(process.cwd(), f.path), f.totals.map((t) => `${formatMoneyFixed(parseMoney(t.billedCost), 2)} ${t.currency}`).join(', ')]),
          new Set([1]),
        );
        process.stdout.write(
          `\nFOCUS 1.3 ${result.format.toUpperCase()}: ${result.rows} rows from ${result.lines} ledger lines in ${result.files.length} billing period${result.files.length === 1 ? '' : 's'}` +
            `${result.contractsApplied > 0 ? `, ${result.contractsApplied} with ContractApplied` : ''}; billed ${result.totals.map((t) => `${t.billedCost} ${t.currency}`).join(', ')} (the ledger's own sums)\n`,
        );
      });
    });
}
