import type { ContractIssue, ContractSummary } from '../../../shared/api/contracts';
import { contractHighlights } from '../../../shared/domain/contracts/highlights';
import { describeTerms } from '../../../shared/domain/contracts/terms';
import { validateContract } from '../../../shared/domain/contracts/load';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import type { Contract } from '../../../shared/domain/contracts/types';
import { isWorkbenchError, WorkbenchError } from '../../../shared/domain/errors';
import { providerChain, type PriceBook } from '../../../shared/domain/pricebook/book';
import { priceBookFor } from '../pricing/price-book-service';
import { changed, unchanged, type Change } from '../workspace/commit';
import type { Workspace } from '../workspace/workspace';
import { ContractRepository, type StoredContract } from './contract-repository';
import { scopeKey } from './invoice-check-repository';

/**
 * Contracts of the open workspace: validation (schema, models the price book
 * knows, no two contracts of one vendor in force on the same day), saving and
 * deleting (committed with their audit entry), and the parsed terms for
 * pricing. Parsed contracts are cached per workspace and price book (a model
 * resolves through the book, so a new book means a fresh parse).
 */

/** `termsValid`: the terms pass the schema and name models the price book knows; the issues are then about this workspace (an id or a term taken, list prices in another currency). */
export type ContractCheck = { ok: true; contract: Contract; issues: [] } | { ok: false; issues: ContractIssue[]; termsValid: boolean };

const parsed = new WeakMap<Workspace, { book: PriceBook; contracts: Contract[] }>();

function issueFromError(error: unknown): ContractIssue {
  if (error instanceof WorkbenchError) {
    const where = error.row !== undefined ? ` (line ${error.row})` : '';
    return { field: error.field ?? '', message: `${error.message}${where}` };
  }
  return { field: '', message: error instanceof Error ? error.message : String(error) };
}

/** Validates contract YAML against the schema, the price book and the stored contracts (the one being edited aside). */
export function checkContractText(workspace: Workspace, yaml: string, fileName: string, previousId?: string, book: PriceBook = priceBookFor(workspace)): ContractCheck {
  let input: unknown;
  try {
    input = parseExactYaml(yaml, fileName);
  } catch (error) {
    return { ok: false, issues: [issueFromError(error)], termsValid: false };
  }
  const result = validateContract(input, { file: fileName, book });
  if (!result.ok) return { ok: false, issues: result.issues, termsValid: false };
  const c = result.contract;
  const issues: ContractIssue[] = [];
  // Discounts and commitments apply to list prices: those must be in the contract's currency.
  const chain = providerChain(book, c.vendor);
  const listed = new Set(book.rows.filter((r) => chain.includes(r.provider)).map((r) => r.currency));
  if (listed.size > 0 && !listed.has(c.currency)) {
    issues.push({ field: 'currency', message: `mixed currencies: ${c.vendor}'s list prices are in ${[...listed].sort().join(', ')} but the contract is in ${c.currency}` });
  }
  for (const other of new ContractRepository(workspace.db).list()) {
    if (other.id === previousId) continue;
    if (other.id === c.id) {
      issues.push({ field: 'id', message: `a stored contract (${other.name}, ${other.fileName}) already has the id ${c.id}; give this one another id or edit that one` });
      continue;
    }
    if (other.vendor === c.vendor && c.start <= other.end && other.start <= c.end) {
      issues.push({
        field: 'term.start',
        message: `the term ${c.start} to ${c.end} overlaps the stored ${c.vendor} contract "${other.name}" (${other.fileName}, ${other.start} to ${other.end}); one vendor can have only one contract in force on a day`,
      });
    }
  }
  return issues.length > 0 ? { ok: false, issues, termsValid: true } : { ok: true, contract: c, issues: [] };
}

/** The one error for a contract that does not validate: the file and the first field, every issue in details. */
export function contractError(fileName: string, issues: readonly ContractIssue[]): WorkbenchError {
  const first = issues[0] ?? { field: '', message: 'the contract is not valid' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  const cell = first.cell ? ` (cell ${first.cell})` : '';
  // Overlaps and id clashes too: the file as given cannot go into this workspace (bad input, exit 2 in the CLI).
  return new WorkbenchError('invalid_file', `${first.message}${cell}${more}`, { file: fileName, ...(first.field ? { field: first.field } : {}), details: { issues } });
}

export function summaryOf(stored: StoredContract, contract: Contract | null): ContractSummary {
  return {
    id: stored.id,
    name: stored.name,
    vendor: stored.vendor,
    currency: stored.currency,
    start: stored.start,
    end: stored.end,
    file: stored.fileName,
    highlights: contract ? contractHighlights(contract) : [],
    versions: (contract?.versions ?? []).map((v) => ({
      number: v.number,
      effectiveFrom: v.effectiveFrom,
      reason: v.reason,
      end: v.end,
      // What it replaces, in the words of the term list ("$700.00 a month committed, take-or-pay").
      changes: [...describeTerms({ ...contract!, ...v.terms }, v.changes), ...(v.withdrawCredits.length > 0 ? [`withdraws credit ${v.withdrawCredits.join(', ')}`] : [])],
    })),
    updatedAt: stored.updatedAt,
  };
}

/** Validates and stores a contract, to be committed with its audit entry; a problem throws and nothing changes. */
export function saveContract(workspace: Workspace, input: { yaml: string; fileName: string; previousId?: string | undefined }): Change<ContractSummary> {
  const repo = new ContractRepository(workspace.db);
  if (input.previousId !== undefined && !repo.get(input.previousId)) {
    throw new WorkbenchError('not_found', `there is no stored contract ${input.previousId} to replace`, { field: 'previousId' });
  }
  const check = checkContractText(workspace, input.yaml, input.fileName, input.previousId);
  if (!check.ok) throw contractError(input.fileName, check.issues);
  const c = check.contract;
  const now = new Date().toISOString();
  if (input.previousId !== undefined && input.previousId !== c.id) {
    repo.delete(input.previousId);
    moveInvoiceChecks(workspace, input.previousId, c.id);
  }
  const how = repo.upsert({ id: c.id, name: c.name, vendor: c.vendor, currency: c.currency, start: c.start, end: c.end, fileName: input.fileName, yaml: input.yaml }, now);
  // A stored check of the old terms is kept: the view shows it with "the contract changed since this check: run it again" (check-changes.ts).
  const stored = repo.get(c.id)!;
  return changed(
    summaryOf(stored, c),
    how === 'added' ? 'contract.added' : 'contract.replaced',
    { id: c.id, file: input.fileName, vendor: c.vendor, term: `${c.start}..${c.end}`, ...(input.previousId && input.previousId !== c.id ? { previousId: input.previousId } : {}) },
    () => parsed.delete(workspace),
  );
}

/** A renamed contract keeps its stored checks (each scope's one run): those of the new id, if any, give way. */
function moveInvoiceChecks(workspace: Workspace, fromId: string, toId: string): void {
  const db = workspace.db;
  const rows = db.prepare('SELECT id, month, provider, result FROM invoice_checks WHERE contract_id = ?').all(fromId) as { id: number; month: string | null; provider: string | null; result: string }[];
  for (const r of rows) {
    const key = scopeKey({ contractId: toId, month: r.month, provider: r.provider });
    const result = JSON.parse(r.result) as { scope?: { contractId?: string | null } };
    if (result.scope) result.scope.contractId = toId;
    db.prepare('DELETE FROM invoice_checks WHERE scope_key = ?').run(key);
    db.prepare('UPDATE invoice_checks SET contract_id = ?, scope_key = ?, result = ? WHERE id = ?').run(toId, key, JSON.stringify(result), r.id);
  }
}

export function deleteContract(workspace: Workspace, id: string): Change<{ deleted: boolean }> {
  const repo = new ContractRepository(workspace.db);
  const existing = repo.get(id);
  if (!existing) return unchanged({ deleted: false });
  repo.delete(id);
  workspace.db.prepare('DELETE FROM invoice_checks WHERE contract_id = ?').run(id);
  return changed({ deleted: true }, 'contract.deleted', { id, file: existing.fileName, vendor: existing.vendor }, () => parsed.delete(workspace));
}

/** A stored contract's terms, or null when they no longer validate; any other failure is not ours to hide. */
function parsedOrNull(workspace: Workspace, id: string): Contract | null {
  try {
    return contractFor(workspace, id).contract;
  } catch (error) {
    if (isWorkbenchError(error) && error.code === 'invalid_file') return null;
    throw error;
  }
}

/** Every stored contract in a few words; one that no longer validates is still listed (without highlights) so it can be opened and fixed. */
export function listContracts(workspace: Workspace): ContractSummary[] {
  return new ContractRepository(workspace.db).list().map((stored) => summaryOf(stored, parsedOrNull(workspace, stored.id)));
}

/** One stored contract with its YAML text, for the editor. */
export function getContract(workspace: Workspace, id: string): { summary: ContractSummary; yaml: string } {
  const stored = new ContractRepository(workspace.db).get(id);
  if (!stored) throw new WorkbenchError('not_found', `there is no stored contract ${id}`, { field: 'id' });
  return { summary: summaryOf(stored, parsedOrNull(workspace, id)), yaml: stored.yaml };
}

/** A stored contract's terms; an error names its file and field if it no longer validates (e.g. a model row was deleted). */
function parseStored(stored: StoredContract, book: PriceBook): Contract {
  let input: unknown;
  try {
    input = parseExactYaml(stored.yaml, stored.fileName);
  } catch (error) {
    throw error instanceof WorkbenchError ? error : new WorkbenchError('invalid_file', String(error), { file: stored.fileName });
  }
  const result = validateContract(input, { file: stored.fileName, book });
  if (!result.ok) {
    const e = contractError(stored.fileName, result.issues);
    throw new WorkbenchError('invalid_file', `stored contract ${stored.id} no longer validates: ${e.message}`, { file: stored.fileName, field: e.field, details: e.details });
  }
  return result.contract;
}

/** Every stored contract's terms, parsed against `book` (the workspace's own by default). */
export function contractsFor(workspace: Workspace, book: PriceBook = priceBookFor(workspace)): Contract[] {
  const cached = parsed.get(workspace);
  if (cached && cached.book === book) return cached.contracts;
  const contracts = new ContractRepository(workspace.db).list().map((s) => parseStored(s, book));
  if (book === priceBookFor(workspace)) parsed.set(workspace, { book, contracts });
  return contracts;
}

/** One stored contract's terms. */
export function contractFor(workspace: Workspace, id: string): { stored: StoredContract; contract: Contract } {
  const stored = new ContractRepository(workspace.db).get(id);
  if (!stored) throw new WorkbenchError('not_found', `there is no stored contract ${id}`, { field: 'id' });
  const contract = contractsFor(workspace).find((c) => c.id === id) ?? parseStored(stored, priceBookFor(workspace));
  return { stored, contract };
}

/**
 * For price book edits: every stored contract must still resolve its models
 * in the edited book, or the edit is refused (naming the contract and field).
 */
export function checkStoredContracts(workspace: Workspace, book: PriceBook): void {
  for (const stored of new ContractRepository(workspace.db).list()) {
    try {
      parseStored(stored, book);
    } catch (error) {
      const e = error as WorkbenchError;
      throw new WorkbenchError('conflict', `this change would leave the stored contract ${stored.id} (${stored.fileName}) invalid: ${e.message}; change the contract first`, { file: stored.fileName, field: e.field, details: e.details });
    }
  }
}
