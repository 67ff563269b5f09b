/**
 * The board workbook export: resolves the scenario files (the workspace's
 * drivers and ledger-derived workloads filled in), runs the engine on them
 * (the exact projection, and Monte Carlo draws in the engine's worker threads
 * when inputs are uncertain), gathers the contracts, the latest invoice check,
 * the imports and the ledger extract, builds the workbook as data
 * (shared/workbook) and writes it. The file appears only when complete: it is
 * written beside the target and renamed into place.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExportRequest, EXPORT_SHEETS, type ExportOptions, type ExportResult } from '../../../shared/api/export';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { RunOptions, type RunResult } from '../../../shared/api/scenarios';
import type { z } from 'zod';
import { contractHighlights, versionSummaries } from '../../../shared/domain/contracts/highlights';
import type { Contract } from '../../../shared/domain/contracts/types';
import { WorkbenchError } from '../../../shared/domain/errors';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { engineContextOf } from '../../../shared/engine/tasks';
import { prepareRun } from '../../../shared/engine/run';
import { buildWorkbook, type FileRun, type OptionalSheet } from '../../../shared/workbook/build';
import { prepareFileRun } from '../../../shared/workbook/file-run';
import { MAX_ROWS } from '../../../shared/workbook/grid';
import type { WorkbookData } from '../../../shared/workbook/model';
import { agreesWithEngine, relativeDifference } from '../../../shared/workbook/tolerance';
import { SHEET_TITLES } from '../../../shared/workbook/other-sheets';
import type { AllocationInputs } from '../../../shared/workbook/allocation-sheets';
import { APP_VERSION } from '../app-version';
import { resolvePolicy, runAllocation } from '../allocation/allocation-service';
import { evaluateBudgetsWithAllocation } from '../allocation/budget-service';
import { PolicyRepository } from '../allocation/policy-repository';
import { contractsFor } from '../contracts/contract-service';
import { ImportRepository } from '../imports/import-repository';
import type { JobContext } from '../jobs/job-runner';
import { priceBookFor } from '../pricing/price-book-service';
import { runInWorkers } from '../scenarios/run-in-workers';
import { listScenarioFiles, pricingInputs, resolveRunSource, type ResolvedSource } from '../scenarios/scenario-service';
import type { Workspace } from '../workspace/workspace';
import { ledgerExtract, ledgerLineCount } from './ledger-extract';
import { writeWorkbook } from './workbook-writer';

export interface ExportControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number | null, message: string) => void;
}

/** Uncertain inputs make the Risk sheet worth drawing: 2,000 draws by default (about a second on two cores). */
export const DEFAULT_DRAWS = 2000;

/** Where a caller that names no file gets its workbook (browser mode names the host's download target instead). */
function downloadsDir(): string {
  return path.join(os.tmpdir(), 'aispend-exports');
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('cancelled', 'the export was cancelled');
}

/** Where each input of the file came from, when the workspace supplied it rather than the file. */
function sourcesOf(resolved: ResolvedSource, label: string): (key: string) => string | null {
  const ownDrivers = new Set(resolved.unfilled.baseline.drivers.map((d) => d.id));
  const ownWorkloads = new Set(resolved.unfilled.baseline.workloads.map((w) => w.id));
  const period = resolved.unfilled.baseline.fromWorkspace?.workloads;
  return (key) => {
    const d = /^baseline\.drivers\.(.+?)\.(unitsPerMonth|costs)/.exec(key);
    if (d && !ownDrivers.has(d[1]!)) {
      const month = /\.(\d{4}-\d{2})$/.exec(key)?.[1];
      return `workspace business drivers${month ? `, ${month}` : ''} (${label}: fromWorkspace.drivers)`;
    }
    const w = /^baseline\.workloads\.(.+?)\.(.+)$/.exec(key);
    if (w && !ownWorkloads.has(w[1]!) && period) {
      const from = /successRate|latencyMs|escalat|maxRetries/.test(w[2]!) ? 'the workload mapping' : `the ledger ${period.from} to ${period.to}, by the workload mapping`;
      return `${from} (${label}: fromWorkspace.workloads)`;
    }
    return null;
  };
}

function fileLabel(source: { id?: string | undefined; path?: string | undefined }): string {
  return source.id ?? path.basename(source.path ?? 'scenario.yaml');
}

function latestInvoiceCheck(workspace: Workspace): InvoiceCheckRun | null {
  const row = workspace.db.prepare('SELECT id, result, checked_at FROM invoice_checks ORDER BY checked_at DESC, id DESC LIMIT 1').get() as { id: number; result: string } | undefined;
  if (!row) return null;
  try {
    return { ...(JSON.parse(row.result) as InvoiceCheckRun), runId: row.id };
  } catch {
    return null;
  }
}

function hasAllocationPolicy(workspace: Workspace | null): workspace is Workspace {
  return workspace !== null && new PolicyRepository(workspace.db).get() !== null;
}

const NO_POLICY = 'no allocation policy in this workspace: the Chargeback and Budgets sheets are left out (write one in Allocation › Rules, or aispend allocate --rules FILE --save)';

/**
 * The allocation and budgets under the workspace's policy, from the services
 * the app and `aispend allocate` / `aispend budgets` use, so the three agree.
 */
function allocationInputs(workspace: Workspace, control: ExportControl): AllocationInputs {
  // The export's progress and cancel reach into the allocation passes (a year of lines takes a while).
  const job: JobContext = {
    signal: control.signal ?? new AbortController().signal,
    progress: (done, total, message) => control.progress?.(done, total, `Chargeback and budgets: ${message}`),
    throwIfCancelled: () => throwIfCancelled(control.signal),
  };
  // One pass over the ledger serves both sheets; an empty ledger has no pass to share.
  const { budgets, run } = evaluateBudgetsWithAllocation(workspace, {}, job);
  return { run: (run ?? runAllocation(workspace, resolvePolicy(workspace, {}), { job })).run, budgets };
}

/** The cached values the workbook carries for the engine's own figures, checked against them before anything is written. */
function checkFigures(data: WorkbookData): { figures: number; worst: number } {
  let worst = 0;
  const sheets = new Map(data.sheets.map((s) => [s.name, s]));
  for (const f of data.figures) {
    const cell = sheets.get(f.sheet)?.rows[f.row]?.[f.col];
    const got = cell?.value ?? '';
    if (!agreesWithEngine(f.kind, f.expected, got)) {
      throw new WorkbenchError('internal', `the workbook's formulas give ${String(got)} for ${f.what} where the engine gives ${String(f.expected)}; nothing was written`);
    }
    if (f.kind === 'money' && typeof f.expected === 'number' && typeof got === 'number' && Math.abs(got - f.expected) > 2e-9) worst = Math.max(worst, relativeDifference(got, f.expected));
  }
  return { figures: data.figures.length, worst };
}

/** A workbook ready to write: its data (checked against the engine), where it goes, and what the run gathered. */
export interface PreparedExport {
  data: WorkbookData;
  out: string;
  draws: number;
  ledger: ReturnType<typeof ledgerExtract> | null;
  checked: { figures: number; worst: number };
  warnings: string[];
}

export async function exportBoardWorkbook(workspace: Workspace | null, input: z.input<typeof ExportRequest>, control: ExportControl = {}): Promise<ExportResult> {
  const { signal } = control;
  const progress = control.progress ?? (() => undefined);
  const { data, out, draws, ledger, checked, warnings } = await prepareExport(workspace, input, control);
  throwIfCancelled(signal);
  await mkdir(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  let written;
  try {
    written = await writeWorkbook(data, partial, progress, signal);
    throwIfCancelled(signal);
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  const bytes = (await stat(out)).size;
  progress(1, 1, 'Workbook written');
  return {
    file: out,
    fileName: path.basename(out),
    bytes,
    sheets: data.sheets.map((s) => ({ name: s.name, kind: s.kind })),
    names: data.names.length,
    formulas: written.formulas,
    charts: data.sheets.reduce((n, s) => n + s.charts.length, 0),
    ledger: { mode: ledger ? (ledger.mode === 'lines' ? 'lines' : 'aggregated') : 'none', rows: ledger ? (ledger.rows?.length ?? written.streamedRows) : 0, note: ledger?.note ?? null },
    draws,
    checked: { figures: checked.figures, worstRelativeDifference: checked.worst },
    warnings,
  };
}

/** Everything but writing the file: the engine's runs, the gathered inputs, the workbook as data (checked against the engine). */
export async function prepareExport(workspace: Workspace | null, input: z.input<typeof ExportRequest>, control: ExportControl = {}): Promise<PreparedExport> {
  const request = ExportRequest.parse(input);
  const { signal } = control;
  const progress = control.progress ?? (() => undefined);
  const warnings: string[] = [];
  const title = request.title ?? `${workspace ? path.basename(workspace.path).replace(/\.aispend$/i, '') : 'AI spend'}: board workbook`;
  const out = request.out ? path.resolve(request.out) : path.join(downloadsDir(), randomUUID(), `${title.replace(/[^\w.\- ]+/g, '').trim().replace(/\s+/g, '-').slice(0, 80) || 'board-workbook'}.xlsx`);
  if (!/\.xlsx$/i.test(out)) throw new WorkbenchError('bad_input', 'the workbook is written as .xlsx: give the file name the .xlsx extension', { file: out, field: 'out' });
  if (existsSync(out) && !request.force) throw new WorkbenchError('conflict', 'the file exists; pass --force (or choose Replace) to overwrite it', { file: out, field: 'out' });
  if (request.ledger !== 'none' && !workspace) throw new WorkbenchError('bad_input', 'a ledger extract needs a workspace (--workspace)', { field: 'ledger' });

  progress(0, null, 'Resolving scenario files');
  const pricing = pricingInputs(workspace);
  const ctx = engineContextOf(pricing);
  const book = workspace ? priceBookFor(workspace) : bundledPriceBook();
  const contracts: Contract[] = workspace ? contractsFor(workspace, book) : [];
  const runs: FileRun[] = [];
  let draws = 0;
  for (const source of request.files) {
    throwIfCancelled(signal);
    const label = fileLabel(source);
    const resolved = resolveRunSource(workspace, source);
    const options = RunOptions.parse({ draws: 0, seed: request.seed, ...(source.scenarios ? { scenarios: source.scenarios } : {}) });
    const uncertain = prepareRun(resolved.file, options, ctx).params.uncertain().length > 0;
    const fileDraws = request.draws ?? (uncertain ? DEFAULT_DRAWS : 0);
    draws = Math.max(draws, fileDraws);
    let result: RunResult | undefined;
    if (fileDraws > 0) {
      progress(0, fileDraws, `Monte Carlo: ${label}`);
      result = await runInWorkers({ file: resolved.file, options: { ...options, draws: fileDraws }, pricing }, { ...(signal ? { signal } : {}), progress: (d, t, m) => progress(d, t, `${label}: ${m}`) });
    }
    throwIfCancelled(signal);
    progress(0, null, `Savings by lever: ${label}`);
    runs.push(
      prepareFileRun({
        label,
        file: resolved.file,
        ctx,
        contracts,
        options,
        ...(result ? { result } : {}),
        sourceOf: sourcesOf(resolved, label),
      }),
    );
    warnings.push(...resolved.notes.map((n) => `${label}: ${n}`));
  }

  throwIfCancelled(signal);
  progress(0, null, 'Building the workbook');
  const sheets = (request.sheets ?? EXPORT_SHEETS.filter((s) => s !== 'ledger' || request.ledger !== 'none')) as OptionalSheet[];
  const wantsLedger = request.ledger !== 'none' && sheets.includes('ledger');
  const ledger = wantsLedger && workspace ? ledgerExtract(workspace, request.ledger as 'aggregated' | 'lines', signal) : null;
  if (ledger?.note) warnings.push(ledger.note);
  const wantsAllocation = sheets.includes('chargeback') || sheets.includes('budgets');
  let allocation: AllocationInputs | null = null;
  if (wantsAllocation && hasAllocationPolicy(workspace)) {
    progress(0, null, 'Allocating the ledger and judging the budgets');
    allocation = allocationInputs(workspace, control);
  } else if (wantsAllocation) warnings.push(workspace ? NO_POLICY : 'the Chargeback and Budgets sheets need a workspace with an allocation policy (--workspace): they are left out');
  throwIfCancelled(signal);
  const data = buildWorkbook({
    title,
    workspace: workspace ? path.basename(workspace.path) : null,
    asOf: new Date().toISOString().slice(0, 10),
    catalogueAsOf: book.info.catalogueAsOf,
    appVersion: APP_VERSION,
    runs,
    contracts: { contracts: new Map(contracts.map((c) => [c.id, c])), book },
    sheets: sheets.filter((s) => s !== 'ledger' || wantsLedger),
    created: new Date(),
    invoiceCheck: workspace ? latestInvoiceCheck(workspace) : null,
    imports: workspace ? new ImportRepository(workspace.db).list() : [],
    files: request.files.map((f, i) => ({ label: runs[i]!.label, path: f.path ? path.resolve(f.path) : `workspace: ${f.id}`, sha256: null })),
    contractTerms: contracts.map((c) => ({ id: c.id, name: c.name, vendor: c.vendor, start: c.start, end: c.end, terms: contractHighlights(c).join('; '), file: c.file, versions: versionSummaries(c) })),
    ledger,
    allocation,
  });
  const checked = checkFigures(data);
  return { data, out, draws, ledger, checked, warnings };
}

/** What the Export view offers for the open workspace. */
export function exportOptions(workspace: Workspace): ExportOptions {
  const files = listScenarioFiles(workspace).map((f) => ({ id: f.id, name: f.name, scenarios: f.scenarios, uncertain: null }));
  const lines = ledgerLineCount(workspace);
  const hasInvoiceCheck = latestInvoiceCheck(workspace) !== null;
  const hasPolicy = hasAllocationPolicy(workspace);
  const what: Record<(typeof EXPORT_SHEETS)[number], string> = {
    'unit-economics': 'Cost per unit and per successful outcome, month by month, for every scenario.',
    contracts: 'Commitment utilisation and shortfall, credit balances and expiry, provisioned capacity.',
    'invoice-check': hasInvoiceCheck ? 'The latest invoice check: months billed against contracted, and its findings.' : 'No invoice check has been run yet: the sheet says so.',
    chargeback: hasPolicy
      ? 'Team × month allocated cost by the allocation policy, with each team’s allocation method and the unallocated bucket, footing to the ledger to the cent.'
      : 'No allocation policy in this workspace yet (Allocation › Rules): the sheet is left out.',
    budgets: hasPolicy
      ? 'Each budget’s period, allowance, spent and forecast to period end (P10–P90), the month it runs out; token allowances near or over.'
      : 'No allocation policy in this workspace yet (Allocation › Rules): the sheet is left out.',
    risk: 'P10/P50/P90 by month and KPI, and the tornado (engine values, from Monte Carlo draws).',
    provenance: 'Every import with its file hash, rows and totals; the scenario files; versions.',
    ledger: 'The usage ledger: aggregated by month, provider, model, class and tier, or every line.',
  };
  return {
    files,
    sheets: EXPORT_SHEETS.map((id) => ({ id, title: SHEET_TITLES[id], what: what[id] })),
    ledgerLines: lines,
    maxLedgerLines: MAX_ROWS - 5,
    hasInvoiceCheck,
    hasAllocationPolicy: hasPolicy,
  };
}
