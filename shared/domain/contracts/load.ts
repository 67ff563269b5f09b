import YAML from 'yaml';
import { ContractFileSchema, type ContractFile, type ContractIssue } from './schema';
import { WorkbenchError } from '../errors';
import { fieldPath, parseExactYaml } from '../yaml-text';
import { modelsOf, providerChain, resolveModel, type PriceBook } from '../pricebook/book';
import { normaliseModelId } from '../model-ids';
import { providerKey } from '../provider-names';
import { termsFromFile } from './terms';
import type { Contract } from './types';
import { finalEnd, versionsFromFile, type VersionFile } from './versions';

export interface LoadOptions {
  /** The file name, for every message. */
  file: string;
  /** When given, every model the contract names must be one the price book can price. */
  book?: PriceBook;
  /** Maps a field path to where it came from in a term sheet ("Term sheet!B7"), for messages. */
  cellOf?: (field: string) => string | undefined;
}

export type ContractValidation = { ok: true; contract: Contract; parsed: ContractFile } | { ok: false; issues: ContractIssue[] };

function issue(field: string, message: string, opts: LoadOptions): ContractIssue {
  const cell = opts.cellOf?.(field);
  return cell === undefined ? { field, message } : { field, message, cell };
}

/**
 * Validates a contract object (from YAML, a term sheet or the editor) and
 * converts it to contract terms. Returns every problem with its field path
 * rather than stopping at the first, so an editor can mark them all.
 */
export function validateContract(input: unknown, opts: LoadOptions): ContractValidation {
  const parsed = ContractFileSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => issue(fieldPath(i.path), i.message, opts)) };
  }
  const c = parsed.data;
  const issues: ContractIssue[] = [];
  const resolve = (raw: string, field: string): string => {
    if (!opts.book) return raw;
    const id = resolveModel(opts.book, c.vendor, raw);
    if (id === null) {
      issues.push(issue(field, `names model "${raw}", which the price book does not know for ${c.vendor}; add the model to the price book first`, opts));
      return raw;
    }
    return id;
  };

  // The term runs to the last version's end (a renewal extends it); each term is converted against the whole term.
  const header = { id: c.id ?? slug(opts.file), name: c.name, vendor: c.vendor, currency: c.currency, start: c.term.start, end: finalEnd(c.term, c.versions), file: opts.file };
  let publishers: ReadonlySet<string> | null | undefined;
  const knownPublishers = () => (publishers === undefined ? (publishers = opts.book ? publishersListed(opts.book, c.vendor) : null) : publishers);
  const ctx = { header, resolve, issue: (field: string, message: string) => issues.push(issue(field, message, opts)), knownPublishers };
  // Each term's module converts its part of the file (terms/); each version its terms over the version before (versions.ts).
  const terms = termsFromFile(c, ctx);
  const contract: Contract = { ...header, ...terms };
  if (c.versions && c.versions.length > 0) contract.versions = versionsFromFile(c.versions as VersionFile[], terms, ctx);
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, contract, parsed: c };
}

/** Who publishes the models a price book lists for a vendor, as the ledger spells them (the vendor itself included); null when it lists none. */
function publishersListed(book: PriceBook, vendor: string): ReadonlySet<string> | null {
  const models = modelsOf(book, vendor);
  if (models.length === 0) return null;
  const out = new Set(providerChain(book, vendor).map(providerKey));
  for (const m of models) {
    const developer = normaliseModelId(m).developer;
    if (developer !== null) out.add(providerKey(developer));
  }
  for (const info of book.models) if (info.provider === vendor && info.publisherModel) out.add(providerKey(info.publisherModel.provider));
  return out;
}

function slug(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const s = base
    .replace(/\.(ya?ml|xlsx|json)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '');
  return s === '' ? 'contract' : s.slice(0, 100);
}

/** Validates and converts, throwing one WorkbenchError that names the file and the first field (all issues in `details`). */
export function loadContract(input: unknown, opts: LoadOptions): Contract {
  const result = validateContract(input, opts);
  if (result.ok) return result.contract;
  const first = result.issues[0]!;
  const where = first.cell ? ` (cell ${first.cell})` : '';
  const more = result.issues.length > 1 ? ` (and ${result.issues.length - 1} more problem${result.issues.length > 2 ? 's' : ''})` : '';
  // describe() puts "file, field F:" in front of this message.
  throw new WorkbenchError('invalid_file', `${first.message}${where}${more}`, { file: opts.file, field: first.field, details: { issues: result.issues } });
}

export function loadContractYaml(text: string, opts: LoadOptions): Contract {
  return loadContract(parseExactYaml(text, opts.file), opts);
}

/**
 * Checks a set of contracts together: one vendor may not have two contracts
 * in force on the same day (which one would price the usage?).
 */
export function checkContractSet(contracts: readonly Contract[]): void {
  const sorted = [...contracts].sort((a, b) => a.vendor.localeCompare(b.vendor) || a.start.localeCompare(b.start) || a.file.localeCompare(b.file));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.vendor === cur.vendor && cur.start <= prev.end) {
      throw new WorkbenchError(
        'conflict',
        `term.start: ${cur.vendor} contract "${cur.name}" (${cur.start} to ${cur.end}) overlaps "${prev.name}" in ${prev.file} (${prev.start} to ${prev.end}); one vendor can have only one contract in force on a day`,
        { file: cur.file, field: 'term.start' },
      );
    }
    if (prev.id === cur.id) throw new WorkbenchError('conflict', `id: contract id ${cur.id} is also used by ${prev.file}`, { file: cur.file, field: 'id' });
  }
  const ids = new Map<string, string>();
  for (const c of contracts) {
    const other = ids.get(c.id);
    if (other !== undefined && other !== c.file) throw new WorkbenchError('conflict', `id: contract id ${c.id} is also used by ${other}`, { file: c.file, field: 'id' });
    ids.set(c.id, c.file);
  }
}

/** The contract in force for a vendor on a day, if any. */
export function contractInForce(contracts: readonly Contract[], vendor: string, date: string): Contract | null {
  return contracts.find((c) => c.vendor === vendor && c.start <= date && date <= c.end) ?? null;
}

/** Contract YAML text for a validated contract file (term-sheet import shows this for review). */
export function contractFileToYaml(file: ContractFile | Record<string, unknown>): string {
  return YAML.stringify(file, { lineWidth: 0 });
}
