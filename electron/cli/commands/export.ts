import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { EXPORT_SHEETS, LedgerMode, type ExportResult } from '../../../shared/api/export';
import { WorkbenchError } from '../../../shared/domain/errors';
import { printJson } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

interface ExportOpts {
  workspace?: string;
  out: string;
  sheets?: string;
  ledger: string;
  draws?: string;
  seed: string;
  scenario: string[];
  title?: string;
  force: boolean;
  json: boolean;
}

function whole(text: string, field: string, max: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) > max) throw new WorkbenchError('bad_input', `${field} takes a whole number up to ${max.toLocaleString('en-US')}, not ${text}`, { field });
  return Number(text);
}

function sheetsOf(text: string | undefined): (typeof EXPORT_SHEETS)[number][] | undefined {
  if (text === undefined) return undefined;
  const wanted = text.split(',').map((s) => s.trim()).filter((s) => s !== '' && !['summary', 'assumptions', 'monthly'].includes(s));
  for (const s of wanted) {
    if (!(EXPORT_SHEETS as readonly string[]).includes(s)) throw new WorkbenchError('bad_input', `--sheets: no sheet called ${s}; choose from ${EXPORT_SHEETS.join(', ')} (Summary, Assumptions and the Monthly sheets are always written)`, { field: '--sheets' });
  }
  return wanted as (typeof EXPORT_SHEETS)[number][];
}

function describe(r: ExportResult): string {
  const kb = (r.bytes / 1024).toFixed(0);
  return [
    `wrote ${r.file} (${kb} KB)`,
    `  sheets: ${r.sheets.map((s) => s.name).join(', ')}`,
    `  ${r.formulas.toLocaleString('en-US')} formulas, ${r.names.toLocaleString('en-US')} names, ${r.charts} charts${r.draws > 0 ? `, ${r.draws.toLocaleString('en-US')} Monte Carlo draws` : ''}`,
    `  ${r.checked.figures.toLocaleString('en-US')} key figures checked against the engine (largest relative difference ${r.checked.worstRelativeDifference.toExponential(1)})`,
    ...(r.ledger.mode !== 'none' ? [`  ledger extract: ${r.ledger.mode}, ${r.ledger.rows.toLocaleString('en-US')} rows`] : []),
    ...r.warnings.map((w) => `  note: ${w}`),
  ].join('\n');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('Write the board workbook (.xlsx): Summary with KPIs and charts, named Assumptions, a Monthly sheet per scenario whose formulas recalculate to the engine, unit economics, contracts, invoice check, chargeback and budgets (with an allocation policy), risk, provenance.')
    .argument('<scenario...>', 'scenario YAML files (or ids of scenario files stored in the workspace)')
    .requiredOption('--out <file>', 'the .xlsx to write')
    .option('--workspace <file>', 'the workspace: price book, contracts, drivers, ledger, invoice check, imports, allocation policy')
    .option('--sheets <list>', `optional sheets, comma-separated (default all): ${EXPORT_SHEETS.join(', ')}`)
    .option('--ledger <mode>', 'ledger extract: none, aggregated (month × provider × model × class × tier) or lines', 'none')
    .option('--draws <n>', 'Monte Carlo draws for the Risk sheet (default 2000 when inputs are uncertain, else 0)')
    .option('--seed <n>', 'random seed', '1')
    .option('--scenario <id>', 'only this scenario of the files (repeatable; the baseline is always in)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--title <text>', 'the workbook title')
    .option('--force', 'overwrite an existing file', false)
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (files: string[], opts: ExportOpts) => {
      await runCommand(opts.json, async (track) => {
        const ledger = LedgerMode.safeParse(opts.ledger);
        if (!ledger.success) throw new WorkbenchError('bad_input', `--ledger takes none, aggregated or lines, not ${opts.ledger}`, { field: '--ledger' });
        const request = {
          files: files.map((f) => ({ ...(existsSync(f) || !opts.workspace ? { path: path.resolve(f) } : { id: f }), ...(opts.scenario.length > 0 ? { scenarios: opts.scenario } : {}) })),
          out: path.resolve(opts.out),
          force: opts.force,
          ledger: ledger.data,
          seed: whole(opts.seed, '--seed', 4_294_967_295),
          ...(opts.draws !== undefined ? { draws: whole(opts.draws, '--draws', 100_000) } : {}),
          ...(sheetsOf(opts.sheets) ? { sheets: sheetsOf(opts.sheets) } : {}),
          ...(opts.title ? { title: opts.title } : {}),
        };
        const session = track(opts.workspace ? await openSession(opts.workspace) : await openSession(undefined, { mustExist: false }));
        const result = await runJob(session.client, 'export.workbook', request, 'Board workbook');
        if (opts.json) printJson({ ok: true, ...result });
        else process.stdout.write(`${describe(result)}\n`);
      });
    });
}
