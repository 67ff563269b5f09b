import { basename } from 'node:path';
import type { JobParsedInput, JobResult, MethodOutput, MethodParsedInput } from '../../../shared/api';
import type { ListCostStatus, PriceRowWire } from '../../../shared/api/pricing';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { priceRowsToCsv } from '../../../shared/domain/pricebook/csv';
import { cloneModel, cloneRow, overridePrice } from '../../../shared/domain/pricebook/edit';
import type { BackendContext } from '../context';
import { checkStoredContracts } from '../contracts/contract-service';
import { writeTextFile } from '../files/text-files';
import type { JobContext } from '../jobs/job-runner';
import { commit, unchanged, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { fillListCosts, listCostStatus, type FillListCostsResult } from './list-costs';
import { applyUserRows, type UserRowChange, type UserRowOutcome } from './price-book-edits';
import { priceBookFor } from './price-book-service';
import { readPriceCsvInThread } from './price-csv-thread';

/**
 * The price book as the user works with it: what it holds, edits of the
 * user rows (each refused if it would invalidate a stored contract, and
 * followed by a list-cost refill in the background), CSV out and in.
 */

export function priceBookInfo(workspace: Workspace): MethodOutput<'pricing.info'> {
  const book = priceBookFor(workspace);
  const perProvider = new Map<string, number>();
  for (const [provider, models] of book.pricedModels) perProvider.set(provider, [...models].filter((m) => m !== '*').length);
  return {
    catalogueAsOf: book.info.catalogueAsOf,
    cataloguePackage: book.info.cataloguePackage,
    catalogueVersion: book.info.catalogueVersion,
    supplementAsOf: book.info.supplementAsOf,
    rows: book.rows.length,
    userRows: book.info.userRows,
    providers: [...book.providers.values()]
      .map((p) => ({ id: p.id, name: p.name, models: perProvider.get(p.id) ?? 0 }))
      .filter((p) => p.models > 0)
      .sort((a, b) => a.id.localeCompare(b.id)),
  };
}

/** A user-row edit (refused if it would leave a stored contract invalid); once committed, list costs are refilled in the background. */
function edit<T>(backend: BackendContext, change: UserRowChange, action: string, details: Record<string, unknown>, answer: (outcome: UserRowOutcome) => T): Change<T> {
  const workspace = backend.workspace();
  const applied = applyUserRows(workspace, change, { action, details }, (book) => checkStoredContracts(workspace, book));
  return {
    value: answer(applied.value),
    audit: applied.audit,
    afterCommit: () => {
      applied.afterCommit?.();
      scheduleListCostFill(backend);
    },
  };
}

export function overrideRow(backend: BackendContext, input: MethodParsedInput<'pricing.override'>): Change<PriceRowWire> {
  const row = overridePrice(priceBookFor(backend.workspace()), input.baseRowId, input.price, input.effectiveFrom, input.note);
  return edit(backend, { upsert: [row] }, 'pricing.override', { rowId: row.id, baseRowId: input.baseRowId, price: row.price, effectiveFrom: input.effectiveFrom }, () => row);
}

export function cloneModelRows(backend: BackendContext, input: MethodParsedInput<'pricing.cloneModel'>): Change<{ rows: PriceRowWire[] }> {
  const rows = cloneModel(priceBookFor(backend.workspace()), input);
  return edit(backend, { upsert: rows }, 'pricing.cloneModel', { provider: input.provider, fromModel: input.fromModel, toModel: input.toModel, effectiveFrom: input.effectiveFrom, rows: rows.length }, () => ({ rows }));
}

export function cloneOneRow(backend: BackendContext, input: MethodParsedInput<'pricing.cloneRow'>): Change<PriceRowWire> {
  const { rowId, ...changes } = input;
  const row = cloneRow(priceBookFor(backend.workspace()), rowId, changes);
  return edit(backend, { upsert: [row] }, 'pricing.cloneRow', { rowId: row.id, fromRowId: rowId }, () => row);
}

export function saveUserRow(backend: BackendContext, input: MethodParsedInput<'pricing.saveUserRow'>): Change<PriceRowWire> {
  const row: PriceRowWire = { ...input, source: 'user' };
  return edit(backend, { upsert: [row] }, 'pricing.saveUserRow', { rowId: row.id }, () => row);
}

export function deleteUserRow(backend: BackendContext, id: string): Change<{ deleted: true }> {
  return edit(backend, { delete: [id] }, 'pricing.deleteUserRow', { rowId: id }, () => ({ deleted: true as const }));
}

export function exportPriceBookCsv(workspace: Workspace, input: MethodParsedInput<'pricing.exportCsv'>): MethodOutput<'pricing.exportCsv'> {
  const rows = priceBookFor(workspace)
    .rows.filter((r) => input.sources.includes(r.source))
    .map(rowToWire);
  const csv = priceRowsToCsv(rows);
  if (input.path) writeTextFile(input.path, csv);
  return { csv, rows: rows.length, path: input.path ?? null };
}

function sameRow(a: PriceRowWire, b: PriceRowWire): boolean {
  return (
    a.provider === b.provider &&
    a.model === b.model &&
    a.usageClass === b.usageClass &&
    a.meter === b.meter &&
    a.serviceTier === b.serviceTier &&
    a.contextAbove === b.contextAbove &&
    a.region === b.region &&
    a.effectiveFrom === b.effectiveFrom &&
    a.effectiveTo === b.effectiveTo &&
    a.currency === b.currency &&
    parseMoney(a.price) === parseMoney(b.price) &&
    a.per === b.per &&
    a.unit === b.unit &&
    a.note.trim() === b.note.trim()
  );
}

/**
 * Price rows from a CSV file or text as user rows, read on a worker thread
 * (header first, streamed, the statement reader's row limit) and written in
 * one audited transaction; rows exactly as the book already has them (an
 * exported file imported back) change nothing.
 */
export async function importPriceBookCsv(backend: BackendContext, input: JobParsedInput<'pricing.importCsv'>, job: JobContext): Promise<JobResult<'pricing.importCsv'>> {
  const workspace = backend.workspace();
  const fileName = input.path ? basename(input.path) : input.fileName;
  job.progress(0, null, `reading ${fileName}`);
  const rows = await readPriceCsvInThread(input.path ? { path: input.path } : { text: input.csv ?? '' }, fileName, job);
  job.throwIfCancelled();
  if (backend.workspace() !== workspace) throw new WorkbenchError('conflict', 'another workspace was opened while the price list was read; nothing was imported', { file: fileName });
  job.progress(1, 1, `${rows.length.toLocaleString('en-US')} rows read; saving`);
  return commit(workspace, (): Change<JobResult<'pricing.importCsv'>> => {
    const book = priceBookFor(workspace);
    const changedRows = rows.filter((r) => {
      const current = book.byId.get(r.id);
      return !current || !sameRow(rowToWire(current), r);
    });
    const unchangedRows = rows.length - changedRows.length;
    if (changedRows.length === 0) return unchanged({ added: 0, replaced: 0, unchanged: unchangedRows });
    return edit(backend, { upsert: changedRows.map((r) => ({ ...r, source: 'user' as const })) }, 'pricing.importCsv', { file: fileName, rows: rows.length }, (outcome) => ({
      added: outcome.added,
      replaced: outcome.replaced,
      unchanged: unchangedRows,
    }));
  });
}

export function listCostStatusOf(workspace: Workspace): ListCostStatus {
  return listCostStatus(workspace.db, workspace.meta('list_costs_filled_at') ?? null);
}

/** A fill waiting to run per workspace: of everything, or of the lines of some imports only. */
const pendingFill = new WeakMap<object, { importIds: Set<number> | null }>();

/**
 * One list-cost refill after a burst of edits or imports (a pending one picks up every change made before
 * it runs). After an import only its own lines can need a list cost: `importId` keeps the fill to them.
 */
export function scheduleListCostFill(backend: BackendContext, scope: { importId?: number } = {}): void {
  const workspace = backend.workspace();
  const pending = pendingFill.get(workspace);
  if (pending) {
    if (scope.importId === undefined) pending.importIds = null;
    else pending.importIds?.add(scope.importId);
    return;
  }
  const fill = { importIds: scope.importId === undefined ? null : new Set([scope.importId]) };
  pendingFill.set(workspace, fill);
  backend.jobs.start('pricing.fillListCosts', async (job) => {
    pendingFill.delete(workspace);
    if (backend.workspace() !== workspace) return { filled: 0, unpriced: 0, status: listCostStatusOf(workspace) };
    return listCostFill(backend, job, fill.importIds === null ? {} : { importIds: [...fill.importIds] });
  });
}

/** Fills list costs of the open workspace from its price book. */
export function listCostFill(backend: BackendContext, job: JobContext, scope: { importIds?: readonly number[] } = {}): FillListCostsResult & { status: ListCostStatus } {
  const workspace = backend.workspace();
  const result = fillListCosts(workspace, priceBookFor(workspace), job, scope);
  return { ...result, status: listCostStatusOf(workspace) };
}
