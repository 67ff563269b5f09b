import { readFileSync, statSync } from 'node:fs';
import { writeTextFile } from '../files/text-files';
import { basename } from 'node:path';
import type { MethodName } from '../../../shared/api';
import type { PriceRowWire } from '../../../shared/api/pricing';
import { WorkbenchError } from '../../../shared/domain/errors';
import { parseMoney } from '../../../shared/domain/money';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { priceRowsFromCsv, priceRowsToCsv } from '../../../shared/domain/pricebook/csv';
import { cloneModel, cloneRow, overridePrice } from '../../../shared/domain/pricebook/edit';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { priceLookupToWire } from '../../../shared/domain/pricebook/wire';
import type { BackendContext } from '../context';
import { checkStoredContracts } from '../contracts/contract-service';
import { fillListCosts, listCostStatus } from '../pricing/list-costs';
import { applyUserRows, type UserRowChange } from '../pricing/price-book-edits';
import { priceBookFor } from '../pricing/price-book-service';
import { queryPriceRows } from '../pricing/price-rows-query';
import { unknownModels } from '../pricing/unknown-models';
import type { HandlerMap, JobHandlerMap } from './types';

type PricingMethod = Extract<MethodName, `pricing.${string}`>;

/** Largest price-book CSV read from a path (the shipped book exports to under 1 MB). */
const MAX_CSV_BYTES = 50 * 1024 * 1024;

/** Writes a user-row edit (refusing one that would invalidate a stored contract), then refills list costs in the background. */
function edit(backend: BackendContext, change: UserRowChange, action: string, details: Record<string, unknown>) {
  const workspace = backend.workspace();
  const outcome = applyUserRows(workspace, change, { action, details }, (book) => checkStoredContracts(workspace, book));
  scheduleListCostFill(backend);
  return outcome;
}

const pendingFill = new WeakSet<object>();

/** One list-cost refill after a burst of edits (a pending one picks up every edit made before it runs). */
export function scheduleListCostFill(backend: BackendContext): void {
  const workspace = backend.workspace();
  if (pendingFill.has(workspace)) return;
  pendingFill.add(workspace);
  backend.jobs.start('pricing.fillListCosts', async (job) => {
    pendingFill.delete(workspace);
    if (backend.workspace() !== workspace) return { filled: 0, unpriced: 0, status: listCostStatus(workspace.db, workspace.meta('list_costs_filled_at') ?? null) };
    return fillJob(backend, job);
  });
}

function fillJob(backend: BackendContext, job: Parameters<JobHandlerMap<'pricing.fillListCosts'>['pricing.fillListCosts']>[2]) {
  const workspace = backend.workspace();
  const result = fillListCosts(workspace, priceBookFor(workspace), job);
  return { ...result, status: listCostStatus(workspace.db, workspace.meta('list_costs_filled_at') ?? null) };
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

function readCsv(path: string): string {
  const size = statSync(path, { throwIfNoEntry: false })?.size;
  if (size === undefined) throw new WorkbenchError('not_found', 'no such file', { file: basename(path) });
  if (size > MAX_CSV_BYTES) throw new WorkbenchError('invalid_file', `a price book CSV should be under 50 MB; this one is ${size} bytes`, { file: basename(path) });
  return readFileSync(path, 'utf8');
}

export const pricingHandlers: HandlerMap<PricingMethod> = {
  'pricing.info': (_input, backend) => {
    const book = priceBookFor(backend.workspace());
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
  },
  'pricing.rows': (input, backend) => queryPriceRows(priceBookFor(backend.workspace()), input),
  'pricing.lookup': (input, backend) => priceLookupToWire(lookupPrice(priceBookFor(backend.workspace()), input)),
  'pricing.override': (input, backend) => {
    const row = overridePrice(priceBookFor(backend.workspace()), input.baseRowId, input.price, input.effectiveFrom, input.note);
    edit(backend, { upsert: [row] }, 'pricing.override', { rowId: row.id, baseRowId: input.baseRowId, price: row.price, effectiveFrom: input.effectiveFrom });
    return row;
  },
  'pricing.cloneModel': (input, backend) => {
    const rows = cloneModel(priceBookFor(backend.workspace()), input);
    edit(backend, { upsert: rows }, 'pricing.cloneModel', { provider: input.provider, fromModel: input.fromModel, toModel: input.toModel, effectiveFrom: input.effectiveFrom, rows: rows.length });
    return { rows };
  },
  'pricing.cloneRow': (input, backend) => {
    const { rowId, ...changes } = input;
    const row = cloneRow(priceBookFor(backend.workspace()), rowId, changes);
    edit(backend, { upsert: [row] }, 'pricing.cloneRow', { rowId: row.id, fromRowId: rowId });
    return row;
  },
  'pricing.saveUserRow': (input, backend) => {
    const row: PriceRowWire = { ...input, source: 'user' };
    edit(backend, { upsert: [row] }, 'pricing.saveUserRow', { rowId: row.id });
    return row;
  },
  'pricing.deleteUserRow': (input, backend) => {
    edit(backend, { delete: [input.id] }, 'pricing.deleteUserRow', { rowId: input.id });
    return { deleted: true };
  },
  'pricing.exportCsv': (input, backend) => {
    const rows = priceBookFor(backend.workspace())
      .rows.filter((r) => input.sources.includes(r.source))
      .map(rowToWire);
    const csv = priceRowsToCsv(rows);
    if (input.path) writeTextFile(input.path, csv);
    return { csv, rows: rows.length, path: input.path ?? null };
  },
  'pricing.importCsv': (input, backend) => {
    const text = input.csv ?? readCsv(input.path!);
    const fileName = input.path ? basename(input.path) : input.fileName;
    const book = priceBookFor(backend.workspace());
    const rows = priceRowsFromCsv(text, fileName);
    // Rows exactly as the book already has them (an exported file imported back) change nothing.
    const changed = rows.filter((r) => {
      const current = book.byId.get(r.id);
      return !current || !sameRow(rowToWire(current), r);
    });
    const outcome = changed.length === 0 ? { added: 0, replaced: 0 } : edit(backend, { upsert: changed.map((r) => ({ ...r, source: 'user' as const })) }, 'pricing.importCsv', { file: fileName, rows: rows.length });
    return { added: outcome.added, replaced: outcome.replaced, unchanged: rows.length - changed.length };
  },
  'pricing.unknownModels': (_input, backend) => {
    const workspace = backend.workspace();
    return { models: unknownModels(workspace.db, priceBookFor(workspace)) };
  },
  'pricing.listCostStatus': (_input, backend) => {
    const workspace = backend.workspace();
    return listCostStatus(workspace.db, workspace.meta('list_costs_filled_at') ?? null);
  },
};

export const pricingJobHandlers: JobHandlerMap<'pricing.fillListCosts'> = {
  'pricing.fillListCosts': async (_input, backend, job) => fillJob(backend, job),
};
