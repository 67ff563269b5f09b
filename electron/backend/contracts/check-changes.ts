import type Database from 'better-sqlite3';
import type { InvoiceCheckChanges, InvoiceCheckRun } from '../../../shared/api/contracts';
import { ContractRepository } from './contract-repository';

type Basis = NonNullable<InvoiceCheckRun['basis']>;

function importIds(db: Database.Database): number[] {
  return (db.prepare('SELECT id FROM imports ORDER BY id').all() as { id: number }[]).map((r) => r.id);
}

/** What a check reads, to tell later whether it still says what the workspace says: its contracts as last saved and the imports in the ledger. */
export function checkBasis(db: Database.Database, contractIds: readonly string[]): Basis {
  const saved = new Map(new ContractRepository(db).list().map((c) => [c.id, c.updatedAt]));
  return {
    contracts: contractIds.flatMap((id) => (saved.has(id) ? [{ id, updatedAt: saved.get(id)! }] : [])),
    imports: importIds(db),
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * What changed since a stored check ran, or null when nothing did. The
 * contracts compared are those of the check's scope now (one contract, one
 * vendor's, or all): one saved or added since, or one the check used and
 * that is gone, changes what the check would say; so does an import added
 * or removed. A run stored before its basis was kept is compared by time.
 */
export function changesSince(db: Database.Database, run: InvoiceCheckRun): InvoiceCheckChanges | null {
  const all = new ContractRepository(db).list();
  const inScope = all.filter((c) => (run.scope.contractId !== null ? c.id === run.scope.contractId : run.scope.provider === null || c.vendor === run.scope.provider));
  const basis = run.basis;
  const used = new Map((basis?.contracts ?? []).map((c) => [c.id, c.updatedAt]));
  const changed = basis ? inScope.filter((c) => used.get(c.id) !== c.updatedAt) : inScope.filter((c) => c.updatedAt > run.checkedAt);
  const stored = new Set(all.map((c) => c.id));
  // A one-contract check follows its contract (renamed or not); one of many says which it used that is gone.
  const deleted = run.scope.contractId !== null ? [] : [...used.keys()].filter((id) => !stored.has(id));
  const now = importIds(db);
  const before = new Set(basis?.imports ?? []);
  const importsAdded = basis ? now.filter((id) => !before.has(id)).length : 0;
  const importsRemoved = basis ? [...before].filter((id) => !now.includes(id)).length : 0;
  if (changed.length === 0 && deleted.length === 0 && importsAdded === 0 && importsRemoved === 0) return null;

  const what: string[] = [];
  if (changed.length === 1 && run.scope.contractId !== null) what.push('the contract changed');
  else if (changed.length > 0) what.push(`${changed.length === 1 ? 'the contract' : 'the contracts'} ${changed.map((c) => c.name).join(', ')} changed`);
  if (deleted.length > 0) what.push(`${plural(deleted.length, 'contract')} it used ${deleted.length === 1 ? 'was' : 'were'} deleted (${deleted.join(', ')})`);
  if (importsAdded > 0) what.push(`${plural(importsAdded, 'import')} added to the ledger`);
  if (importsRemoved > 0) what.push(`${plural(importsRemoved, 'import')} removed from the ledger`);
  return {
    contractsChanged: changed.map((c) => c.name),
    contractsDeleted: deleted,
    importsAdded,
    importsRemoved,
    message: `${what.join('; ')} since this check: run it again`,
  };
}
