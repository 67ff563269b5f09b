import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ImportTotal, RunImportResult } from '../../../shared/api/imports';
import { CHARGE_CATEGORY_LABELS } from '../../../shared/domain/labels';
import { parseMoney } from '../../../shared/domain/money';
import { amountText, currencyDecimals } from '../../../shared/domain/money-text';
import { roundFooting } from '../../../shared/domain/rounding';
import { WorkbenchError, toErrorInfo, type ErrorInfo } from '../../../shared/domain/errors';
import { readMappingFile } from '../../backend/files/mapping-file';
import { EXIT_BAD_INPUT, EXIT_FAILURE, EXIT_OK, amountCell, exitCodeFor, printJson, printTable } from '../output';
import { runCommand } from '../run-command';
import { runJob } from '../run-job';
import { openSession } from '../session';

interface ImportOptions {
  workspace: string;
  format?: string;
  formatVersion?: string;
  mapping?: string;
  dryRun: boolean;
  onRejects: 'import' | 'abort';
  onOverlap: 'ask' | 'skip' | 'replace' | 'keep';
  keep?: 'all' | 'ai';
  json: boolean;
}

/** One file's outcome as printed (and as the --json document's entries). */
interface FileReport {
  file: string;
  path: string;
  status: RunImportResult['status'] | 'failed';
  importId: number | null;
  format: string | null;
  version: string | null;
  confidence: number | null;
  costBasis: 'billed' | 'list' | null;
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  linesImported: number;
  /** What was kept line by line: every line, or (cloud exports) the AI lines with the rest aggregated. */
  keep: 'all' | 'ai';
  /** Source lines summed into aggregates, and the aggregates (counted in linesImported). */
  linesAggregated: number;
  aggregateLines: number;
  totals: ImportTotal[];
  rejected: { row: number; field: string; reason: string; value?: string }[];
  rejectedTruncated: boolean;
  period: { start: string; end: string } | null;
  overlaps: { id: number; fileName: string }[];
  replaced: { id: number; fileName: string }[];
  unknownModels: string[];
  seconds: number | null;
  /** Where the time went, per thread and stage (empty for a file that failed). */
  profile: RunImportResult['profile'];
  error?: ErrorInfo;
}

function reportOf(file: string, result: RunImportResult): FileReport {
  return {
    file: result.fileName,
    path: file,
    status: result.status,
    importId: result.importId,
    format: result.detection.formatId,
    version: result.detection.version,
    confidence: result.detection.confidence,
    costBasis: result.costBasis,
    rowsRead: result.rowsRead,
    rowsImported: result.rowsImported,
    rowsRejected: result.rowsRejected,
    linesImported: result.linesImported,
    keep: result.keep,
    linesAggregated: result.linesAggregated,
    aggregateLines: result.aggregateLines,
    totals: result.totals,
    rejected: result.rejected.map((r) => ({ row: r.row, field: r.field, reason: r.reason, ...(r.value !== undefined ? { value: r.value } : {}) })),
    rejectedTruncated: result.rejectedTruncated,
    period: result.period,
    overlaps: result.overlaps.map((o) => ({ id: o.id, fileName: o.fileName })),
    replaced: result.replaced.map((o) => ({ id: o.id, fileName: o.fileName })),
    unknownModels: result.unknownModels.map((m) => m.modelId),
    seconds: result.seconds,
    profile: result.profile,
  };
}

function failedReport(file: string, error: unknown): FileReport {
  const info = toErrorInfo(error);
  const details = (info.details ?? {}) as { rejected?: { row: number; field: string; reason: string; value?: string }[]; rowsRead?: number; rowsRejected?: number };
  return {
    file: path.basename(file),
    path: file,
    status: 'failed',
    importId: null,
    format: null,
    version: null,
    confidence: null,
    costBasis: null,
    rowsRead: details.rowsRead ?? 0,
    rowsImported: 0,
    rowsRejected: details.rowsRejected ?? 0,
    linesImported: 0,
    keep: 'all',
    linesAggregated: 0,
    aggregateLines: 0,
    totals: [],
    rejected: (details.rejected ?? []).map((r) => ({ row: r.row, field: r.field, reason: r.reason, ...(r.value !== undefined ? { value: r.value } : {}) })),
    rejectedTruncated: false,
    period: null,
    overlaps: [],
    replaced: [],
    unknownModels: [],
    seconds: null,
    profile: [],
    error: info,
  };
}

/** Tax, credits, refunds… each its own line under the imported total, footed to it as shown (the one rounding rule, shared/domain/rounding.ts). */
function categoryRows(t: ImportTotal): string[][] {
  if (t.categories.length === 0 || (t.categories.length === 1 && t.categories[0]!.category === 'usage')) return [];
  const parts = roundFooting(t.categories.map((c) => parseMoney(c.importedTotal)), currencyDecimals(t.currency));
  return t.categories.map((c, i) => [`    of which ${CHARGE_CATEGORY_LABELS[c.category].toLowerCase()}`, `${c.lines} line${c.lines === 1 ? '' : 's'}`, amountText(parts[i]!, t.currency), '', '']);
}

function keptText(linesAggregated: number, aggregateLines: number): string {
  return `${linesAggregated.toLocaleString('en-US')} other line${linesAggregated === 1 ? '' : 's'} summed into ${aggregateLines.toLocaleString('en-US')} per day, service, account, charge category and currency`;
}

function printReport(r: FileReport): void {
  const out = process.stdout;
  if (r.status === 'failed') {
    out.write(`${r.file}: not imported — ${r.error?.message ?? 'failed'}\n`);
  } else {
    const what = r.status === 'imported' ? `imported as #${r.importId}` : r.status === 'skipped' ? 'skipped (its period overlaps an earlier import)' : 'dry run, nothing written';
    out.write(`${r.file}: ${what} — ${r.format} ${r.version} (confidence ${(r.confidence ?? 0).toFixed(2)})${r.costBasis === 'list' ? ', usage only: priced from the price book' : ''}\n`);
    out.write(`  rows read ${r.rowsRead}, imported ${r.rowsImported}, rejected ${r.rowsRejected}; ${r.linesImported} ledger lines${r.period ? `, ${r.period.start.slice(0, 10)} to ${r.period.end.slice(0, 10)}` : ''}\n`);
    if (r.keep === 'ai') out.write(`  kept AI lines line by line; ${keptText(r.linesAggregated, r.aggregateLines)}\n`);
    if (r.totals.length > 0) {
      printTable(
        ['  currency', 'source total', 'imported total', 'rejected', 'reconciled'],
        r.totals.flatMap((t) => [
          [`  ${t.currency}`, amountCell(t.sourceTotal, t.currency), amountCell(t.importedTotal, t.currency), amountCell(t.rejectedTotal, t.currency), t.reconciled ? 'yes' : `NO (off by ${t.difference})`],
          ...categoryRows(t),
        ]),
        new Set([1, 2, 3]),
      );
    }
    for (const o of r.overlaps) out.write(`  overlaps import #${o.id} (${o.fileName})${r.replaced.some((x) => x.id === o.id) ? ': replaced' : ''}\n`);
    if (r.unknownModels.length > 0) out.write(`  models not in the price book (imported as they are): ${r.unknownModels.join(', ')}\n`);
  }
  for (const x of r.rejected) out.write(`  rejected row ${x.row}, field ${x.field}: ${x.reason}${x.value !== undefined ? ` (${JSON.stringify(x.value)})` : ''}\n`);
  if (r.rejectedTruncated || r.rejected.length < r.rowsRejected) out.write(`  … ${r.rowsRejected - r.rejected.length} more rejected rows (see the Imports view or aispend imports)\n`);
}

/** 0 when every file imported (or read) and reconciles; 2 when a file is unrecognised or invalid; 1 otherwise. */
function exitCode(reports: FileReport[]): number {
  if (reports.some((r) => r.status === 'failed' && r.error && exitCodeFor(new WorkbenchError(r.error.code, r.error.message)) === EXIT_BAD_INPUT)) return EXIT_BAD_INPUT;
  if (reports.some((r) => r.status === 'failed' || r.totals.some((t) => !t.reconciled))) return EXIT_FAILURE;
  return EXIT_OK;
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('Import vendor statements (CSV, gzip, XLSX, Parquet, JSON) into a workspace, each in one transaction, reconciled to the cent.')
    .argument('<files...>', 'statement files')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--format <id>', 'use this format instead of detecting it (see the README for the ids)')
    .option('--format-version <version>', 'use this format version instead of the detected one')
    .option('--mapping <file>', 'a generic column mapping (YAML, as the wizard saves it)')
    .option('--dry-run', 'read, map and reconcile, but write nothing', false)
    .addOption(new Option('--on-rejects <choice>', 'when rows are rejected: import the rest, or abort the file').choices(['import', 'abort']).default('abort'))
    .addOption(
      new Option('--on-overlap <choice>', 'when the period overlaps an earlier import of the same provider and account').choices(['ask', 'skip', 'replace', 'keep']).default('ask'),
    )
    .addOption(
      new Option(
        '--keep <choice>',
        'AWS CUR, Azure cost details, GCP billing exports: keep every line, or the AI lines with the rest summed per day, service, account, charge category and currency (default: the workspace\'s last choice, else all)',
      ).choices(['all', 'ai']),
    )
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (files: string[], opts: ImportOptions) => {
      await runCommand(opts.json, async (track) => {
        const mapping = opts.mapping ? readMappingFile(path.resolve(opts.mapping)) : undefined;
        const session = track(await openSession(opts.workspace));
        const reports: FileReport[] = [];
        for (const file of files) {
          const absolute = path.resolve(file);
          try {
            const result = await runJob(
              session.client,
              'imports.run',
              {
                path: absolute,
                ...(opts.format ? { format: opts.format } : {}),
                ...(opts.formatVersion ? { version: opts.formatVersion } : {}),
                ...(mapping ? { mapping, mappingName: path.basename(opts.mapping as string).replace(/\.ya?ml$/i, '') } : {}),
                onRejects: opts.onRejects,
                onOverlap: opts.onOverlap,
                dryRun: opts.dryRun,
                ...(opts.keep ? { keep: opts.keep } : {}),
              },
              path.basename(file),
            );
            reports.push(reportOf(absolute, result));
          } catch (error) {
            if (error instanceof WorkbenchError && error.code === 'cancelled') throw error;
            if (!opts.json) process.stderr.write(`aispend: ${error instanceof WorkbenchError ? error.describe() : String(error)}\n`);
            reports.push(failedReport(absolute, error));
          }
        }
        if (reports.some((r) => r.status === 'imported')) {
          if (!opts.json) process.stderr.write('filling list costs from the price book…\n');
          // The list-cost fill runs as a job after imports; let it finish before the workspace closes.
          await session.settle();
        }
        if (opts.json) printJson({ ok: reports.every((r) => r.status !== 'failed'), workspace: session.workspacePath, files: reports });
        else reports.forEach(printReport);
        return exitCode(reports);
      });
    });

  program
    .command('imports')
    .description('List the imports of a workspace with their reconciliation.')
    .requiredOption('--workspace <file>', 'the workspace (.aispend)')
    .option('--json', 'print one JSON document on stdout', false)
    .action(async (opts: { workspace: string; json: boolean }) => {
      await runCommand(opts.json, async (track) => {
        const session = track(await openSession(opts.workspace));
        const { imports } = await session.client.call('imports.list', {});
        if (opts.json) {
          printJson({ workspace: session.workspacePath, imports });
          return;
        }
        if (imports.length === 0) {
          process.stdout.write('No imports yet.\n');
          return;
        }
        printTable(
          ['id', 'file', 'format', 'status', 'kept', 'period', 'rows', 'rejected', 'currency', 'source total', 'imported total', 'reconciled'],
          imports.flatMap((i) => {
            const totals = i.totals.length > 0 ? i.totals : [null];
            return totals.map((t, n) => [
              n === 0 ? i.id : '',
              n === 0 ? i.fileName : '',
              n === 0 ? `${i.format}${i.formatVersion ? ` ${i.formatVersion}` : ''}` : '',
              n === 0 ? `${i.status}${i.costBasis === 'list' ? ' (usage only)' : ''}` : '',
              n === 0 ? (i.keep === 'ai' ? `AI lines, ${i.linesAggregated.toLocaleString('en-US')} others summed` : 'every line') : '',
              n === 0 && i.periodStart && i.periodEnd ? `${i.periodStart.slice(0, 10)} to ${i.periodEnd.slice(0, 10)}` : '',
              n === 0 ? i.rowsImported : '',
              n === 0 ? i.rowsRejected : '',
              t?.currency ?? '',
              t ? amountCell(t.sourceTotal, t.currency) : '',
              t ? amountCell(t.importedTotal, t.currency) : '',
              t ? (t.reconciled ? 'yes' : 'NO') : '—',
            ]);
          }),
          new Set([0, 6, 7, 9, 10]),
        );
      });
    });
}
