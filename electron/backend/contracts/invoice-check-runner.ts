import type { MethodOutput } from '../../../shared/api';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import type { Contract } from '../../../shared/domain/contracts/types';
import { WorkbenchError } from '../../../shared/domain/errors';
import { checkForMonth, checkInvoices } from '../../../shared/domain/invoice-check/check';
import { invoiceCheckToCsv, invoiceCheckToWire } from '../../../shared/domain/invoice-check/wire';
import { firstDay, lastDay } from '../../../shared/domain/calendar';
import type { JobContext } from '../jobs/job-runner';
import { priceBookFor } from '../pricing/price-book-service';
import { writeTextFile } from '../files/text-files';
import { changed, commit } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { contractFor, contractsFor } from './contract-service';
import { checkBasis, changesSince } from './check-changes';
import { InvoiceCheckRepository } from './invoice-check-repository';
import { ledgerUsage, type UnpairedUsage } from './ledger-usage';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';

export interface InvoiceCheckRequest {
  contractId?: string;
  month?: string;
  provider?: string;
  /** A contract file that is not stored: its vendor's usage is checked under it alone, and the run is not stored. */
  contract?: { yaml: string; fileName: string };
}

const earliest = (days: readonly string[]): string => [...days].sort()[0]!;

/** Whether the price book charges for such usage (request counts beside the tokens are not billed on their own). */
function chargeable(book: PriceBook, u: UnpairedUsage): boolean {
  if (u.model === null) return false;
  const found = lookupPrice(book, { provider: u.provider, model: u.model, usageClass: u.usageClass, serviceTier: u.serviceTier, date: firstDay(u.month) });
  return found.ok ? found.price !== 0n : found.reason !== 'no_price';
}

/**
 * Runs the invoice check over the workspace's ledger.
 *
 * Which contracts: one (stored, or a file given with the request), a
 * vendor's stored contracts, or all of them. Which lines: those contracts'
 * vendors (all vendors when no scope is given, vendors without a contract
 * being compared with list prices). One contract: only usage within its term.
 * One month: lines from the first day of every contract in force that month
 * (credits and annual terms carry from the term start), then only the month
 * is reported. The ledger is grouped by day, model, class and tier in SQL
 * before anything is priced.
 */
export function runInvoiceCheck(workspace: Workspace, request: InvoiceCheckRequest, job?: JobContext): InvoiceCheckRun {
  const started = Date.now();
  const book = priceBookFor(workspace);
  job?.progress(0, 3, 'reading contracts');
  let contracts: Contract[];
  let single: Contract | null = null;
  if (request.contract) {
    single = loadContractYaml(request.contract.yaml, { file: request.contract.fileName, book });
    contracts = [single];
  } else if (request.contractId) {
    single = contractFor(workspace, request.contractId).contract;
    contracts = [single];
  } else {
    contracts = contractsFor(workspace, book).filter((c) => request.provider === undefined || c.vendor === request.provider);
  }
  if (single && request.provider !== undefined && request.provider !== single.vendor) {
    throw new WorkbenchError('bad_input', `the contract ${single.id} is with ${single.vendor}, not ${request.provider}`, { field: 'provider' });
  }
  const providers = single ? [single.vendor] : request.provider !== undefined ? [request.provider] : undefined;

  let from: string | undefined = single?.start;
  let through: string | undefined = single?.end;
  if (request.month) {
    const monthStart = firstDay(request.month);
    const monthEnd = lastDay(request.month);
    const inForce = contracts.filter((c) => c.start <= monthEnd && c.end >= monthStart);
    from = earliest([monthStart, ...inForce.map((c) => c.start)]);
    if (single && single.start > from) from = single.start;
    through = single && single.end < monthEnd ? single.end : monthEnd;
  }
  job?.throwIfCancelled();
  job?.progress(1, 3, 'grouping the ledger by day, model, class and tier');
  const usage = from !== undefined && through !== undefined && from > through ? null : ledgerUsage(workspace.db, { providers, from, through });
  const lines = usage?.lines ?? [];
  job?.throwIfCancelled();
  job?.progress(2, 3, `re-pricing ${lines.length.toLocaleString('en-US')} check lines (${(usage?.ledgerLines ?? 0).toLocaleString('en-US')} ledger lines)`);
  let check = checkInvoices(book, contracts, lines);
  if (request.month) check = checkForMonth(check, request.month);
  const wire = invoiceCheckToWire(check, book);
  // Usage reports no costs report pairs with: nothing billed them, so nothing to check; listed where the price book would charge for them.
  const unpairedUsage = (usage?.unpairedUsage ?? []).filter((u) => (!request.month || u.month === request.month) && chargeable(book, u));
  const checkedAt = new Date().toISOString();
  const scope = { contractId: single?.id ?? null, contractName: single?.name ?? null, month: request.month ?? null, provider: providers?.length === 1 ? providers[0]! : (request.provider ?? null) };
  const run: Omit<InvoiceCheckRun, 'runId'> = {
    ...wire,
    basis: checkBasis(workspace.db, contracts.map((c) => c.id)),
    unpairedUsage: unpairedUsage.map((u) => ({ ...u, quantity: String(u.quantity) })),
    checkedAt,
    scope,
    stats: {
      ledgerLines: check.lines.reduce((sum, l) => sum + l.ledgerLines, 0),
      checkLines: check.lines.length,
      pairedLines: check.lines.filter((l) => l.pairedWithUsage).length,
      milliseconds: Date.now() - started,
      catalogueAsOf: book.info.catalogueAsOf,
    },
  };
  job?.throwIfCancelled();
  if (request.contract) return { ...run, runId: 0 };
  const runId = commit(workspace, () => {
    const id = new InvoiceCheckRepository(workspace.db).save({ contractId: scope.contractId, month: scope.month, provider: request.provider ?? null }, checkedAt, run);
    return changed(id, 'invoiceCheck.run', { runId: id, ...scope, lines: run.stats.checkLines, findings: run.findings.length });
  });
  job?.progress(3, 3, `${run.findings.length} finding${run.findings.length === 1 ? '' : 's'}`);
  return { ...run, runId };
}

/** The latest stored check of a scope, if any, and what changed in the workspace since it ran. */
export function lastInvoiceCheck(workspace: Workspace, scope: { contractId?: string | undefined; month?: string | undefined; provider?: string | undefined }): MethodOutput<'contracts.lastInvoiceCheck'> {
  const run = new InvoiceCheckRepository(workspace.db).latest({ contractId: scope.contractId ?? null, month: scope.month ?? null, provider: scope.provider ?? null }) ?? null;
  return { run, changedSince: run ? changesSince(workspace.db, run) : null };
}

/** A stored check as CSV, one row per check line; written to `path` when given. */
export function exportInvoiceCheck(workspace: Workspace, runId: number, path: string | undefined): MethodOutput<'contracts.exportInvoiceCheckCsv'> {
  const run = new InvoiceCheckRepository(workspace.db).get(runId);
  if (!run) throw new WorkbenchError('not_found', `there is no stored invoice check ${runId}; run the check again`, { field: 'runId' });
  const name = ['invoice-check', run.scope.contractId, run.scope.provider, run.scope.month].filter(Boolean).join('-');
  const csv = invoiceCheckToCsv(run);
  if (path) writeTextFile(path, csv);
  return { csv, lines: run.lines.length, fileName: `${name}.csv`, path: path ?? null };
}
