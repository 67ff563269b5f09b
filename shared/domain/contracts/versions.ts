/**
 * Dated versions of one contract: amendments and renewals.
 *
 * A contract file lists its original terms, then `versions:` in date order,
 * each an amendment or a renewal taking effect on the first day of a month:
 *
 *   versions:
 *     - effectiveFrom: 2026-11-01
 *       reason: renewal, phase 2
 *       end: 2027-04-30            # a renewal extends the term
 *       commitment: { amount: "700", period: month }
 *       credits: { grants: [...] }
 *       withdrawCredits: [launch-credit]
 *
 * MERGE RULE. A version replaces each term it names as a whole (naming
 * `discounts` replaces every discount; naming `commitment` replaces the
 * commitment) and keeps every term it does not name, so each version is the
 * one before it with the named terms swapped. Credits are the one exception:
 * a grant is money already given, so a version's grants are added to those of
 * earlier versions (its burnOrder, when it names one, replaces the order), and
 * an earlier grant is taken back only by naming it in `withdrawCredits` — its
 * balance is then forfeited on the version's effective date (a memo line).
 *
 * WHY WHOLE MONTHS. A vendor bills a month under one set of terms, and every
 * monthly term (commitment, minimum fee, credits' month, volume tiers) would
 * need a rule for splitting a month between two. An amendment dated mid-month
 * is refused, with the message saying to date it from the first of a month.
 *
 * BALANCES CARRY. One contract id, one term (from the original start to the
 * last version's end), so the contract years, true-up periods, volume
 * running totals, commitment carry-over and credit balances run on across a
 * version change: a commitment year that spans it commits each month at the
 * amount of the version in force that month (an annual amount: that
 * version's amount ÷ the year's months, for each month it is in force).
 *
 * A version cannot change the vendor or the currency (a new vendor or
 * currency is a new contract).
 */
import { addDays, isFirstDayOfMonth, firstDay } from '../calendar';
import { CONTRACT_TERM_KEYS, termModule, type TermContext } from './terms';
import type { Contract, ContractTermKey, ContractTermValues, ContractVersion, CreditGrant, VersionRef } from './types';

/** A version as the file gives it, after the schema (terms still in file form, each absent when the version does not name it). */
export interface VersionFile {
  effectiveFrom: string;
  reason: string;
  end?: string | undefined;
  withdrawCredits?: string[] | undefined;
  vendor?: unknown;
  currency?: unknown;
  [key: string]: unknown;
}

type Issue = (path: (string | number)[], message: string) => void;

/** The terms a version names, in the file's order of terms. */
export function namedTerms(v: VersionFile): ContractTermKey[] {
  return CONTRACT_TERM_KEYS.filter((key) => v[key] !== undefined);
}

/** The term's end after every version (a renewal extends it; an amendment may also end it early). */
export function finalEnd(term: { end: string }, versions: readonly { end?: string | undefined }[] | undefined): string {
  let end = term.end;
  for (const v of versions ?? []) if (v.end !== undefined) end = v.end;
  return end;
}

/** Checks the versions' dates, their header fields and the credits they withdraw; each message names the field. */
export function checkVersions(c: { currency: string; vendor: string; term: { start: string; end: string }; credits?: { grants: { id: string }[] } | undefined; versions?: VersionFile[] | undefined }, issue: Issue): void {
  const versions = c.versions ?? [];
  let end = c.term.end;
  let previous: string | null = null;
  const granted = new Map<string, number>((c.credits?.grants ?? []).map((g) => [g.id, 1]));
  versions.forEach((v, i) => {
    const at = (...path: (string | number)[]) => ['versions', i, ...path];
    const number = i + 2;
    if (v.currency !== undefined) issue(at('currency'), `a version cannot change the currency (the contract is in ${c.currency}): a contract keeps one currency; terms in another currency are a new contract`);
    if (v.vendor !== undefined) issue(at('vendor'), `a version cannot change the vendor (the contract is with ${c.vendor}): an agreement with another vendor is a new contract`);
    if (!isFirstDayOfMonth(v.effectiveFrom)) {
      issue(at('effectiveFrom'), `is ${v.effectiveFrom}: a version takes effect on the first day of a month (${firstDay(v.effectiveFrom.slice(0, 7))} or the first of the next), since a monthly invoice is billed under one set of terms`);
    }
    if (v.effectiveFrom <= c.term.start) issue(at('effectiveFrom'), `is ${v.effectiveFrom}, not after the term starts (${c.term.start}): the terms at the start are the contract's own (version 1), and each version changes them later`);
    else if (previous !== null && v.effectiveFrom === previous) issue(at('effectiveFrom'), `is ${v.effectiveFrom}, the same date as versions[${i - 1}]: two versions cannot take effect on one day; put the changes in one version`);
    else if (previous !== null && v.effectiveFrom < previous) issue(at('effectiveFrom'), `is ${v.effectiveFrom}, before versions[${i - 1}] (${previous}): list versions in date order`);
    const dayAfterEnd = addDays(end, 1);
    if (v.effectiveFrom > dayAfterEnd) issue(at('effectiveFrom'), `is ${v.effectiveFrom}, after the term ends (${end}): a version takes effect within the term, or the day after it ends (${dayAfterEnd}) to renew it`);
    else if (v.effectiveFrom === dayAfterEnd && v.end === undefined) issue(at('end'), `is required: the version takes effect when the term has ended (${end}), so it is a renewal and must say its new end`);
    if (v.end !== undefined && v.end < v.effectiveFrom) issue(at('end'), `ends (${v.end}) before the version takes effect (${v.effectiveFrom})`);
    const named = namedTerms(v);
    const withdraws = v.withdrawCredits ?? [];
    if (named.length === 0 && v.end === undefined && withdraws.length === 0) issue(at(), `changes nothing: name the terms it replaces, a new end, or the credits it withdraws`);
    withdraws.forEach((id, j) => {
      if (!granted.has(id)) issue(at('withdrawCredits', j), `names credit "${id}", which no earlier version grants${granted.size ? ` (granted so far: ${[...granted.keys()].join(', ')})` : ''}`);
      granted.delete(id);
    });
    const grants = (v.credits as { grants?: { id: string }[] } | undefined)?.grants ?? [];
    grants.forEach((g, j) => {
      const by = granted.get(g.id);
      if (by !== undefined) issue(at('credits', 'grants', j, 'id'), `is "${g.id}", a grant version ${by} already made: a version's grants are added to the earlier ones, so a new grant needs a new id (withdraw the old one with withdrawCredits to replace it)`);
      granted.set(g.id, number);
    });
    previous = v.effectiveFrom;
    if (v.end !== undefined) end = v.end;
  });
}

/** Prefixes every `where` in converted terms with the version's path, so invoice lines point at the term in the version that set it. */
function underVersion<T>(value: T, prefix: string): T {
  if (Array.isArray(value)) return value.map((x) => underVersion(x, prefix)) as T;
  if (value === null || typeof value !== 'object' || typeof value === 'bigint') return value;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) out[k] = k === 'where' && typeof x === 'string' ? `${prefix}.${x}` : underVersion(x, prefix);
  return out as T;
}

/** Each version's terms merged over the one before (the merge rule above), with model names resolved and problems reported under the version's path. */
export function versionsFromFile(versions: readonly VersionFile[], original: ContractTermValues, ctx: TermContext): ContractVersion[] {
  let terms = original;
  let end: string = ctx.header.end;
  return versions.map((v, i) => {
    const where = `versions[${i}]`;
    const vctx: TermContext = {
      header: ctx.header,
      resolve: (model, field) => ctx.resolve(model, `${where}.${field}`),
      issue: (field, message) => ctx.issue(`${where}.${field}`, message),
      ...(ctx.knownPublishers ? { knownPublishers: ctx.knownPublishers } : {}),
    };
    const changes = namedTerms(v);
    const next: Record<string, unknown> = { ...terms };
    for (const key of changes) {
      const converted = underVersion((termModule(key).toTerms as (value: unknown, c: TermContext) => unknown)(v[key], vctx), where);
      next[key] = key === 'credits' ? mergeCredits(terms.credits, converted as ContractTermValues['credits']) : converted;
    }
    const withdrawCredits = v.withdrawCredits ?? [];
    if (withdrawCredits.length > 0 && next.credits) {
      const credits = next.credits as NonNullable<ContractTermValues['credits']>;
      const grants = credits.grants.filter((g) => !withdrawCredits.includes(g.id));
      next.credits = grants.length === 0 ? null : { ...credits, grants };
    }
    terms = next as unknown as ContractTermValues;
    if (v.end !== undefined) end = v.end;
    return { where, number: i + 2, effectiveFrom: v.effectiveFrom, reason: v.reason, end, changes, withdrawCredits, terms };
  });
}

/** Credits named by a version: its grants after those still in force; its burn order. */
function mergeCredits(before: ContractTermValues['credits'], named: ContractTermValues['credits']): ContractTermValues['credits'] {
  if (!named) return before;
  const grants: CreditGrant[] = [...(before?.grants ?? []), ...named.grants];
  return { ...named, grants };
}

/** The version in force in a month (null: the original terms). */
export function versionOf(contract: Contract, month: string): ContractVersion | null {
  let found: ContractVersion | null = null;
  for (const v of contract.versions ?? []) if (v.effectiveFrom.slice(0, 7) <= month) found = v;
  return found;
}

/** Which version priced a month, for invoices, check findings and exports. */
export function versionRef(contract: Contract, month: string): VersionRef {
  const v = versionOf(contract, month);
  return v ? { number: v.number, effectiveFrom: v.effectiveFrom, reason: v.reason, where: v.where } : { number: 1, effectiveFrom: contract.start, reason: null, where: null };
}

/** "v2 from 2026-11-01 (renewal, phase 2)"; "v1 (original terms)". */
export function versionLabel(ref: VersionRef): string {
  return ref.reason === null ? `v${ref.number} (original terms)` : `v${ref.number} from ${ref.effectiveFrom} (${ref.reason})`;
}

/** The contract as it stands in a month: the header and the terms of the version in force (the versions stay attached, for terms that look across a year). */
export function termsInForce(contract: Contract, month: string): Contract {
  const signed = contract.signed ?? contract;
  const v = versionOf(signed, month);
  return v ? { ...signed, ...v.terms, signed } : signed;
}

/** Every version's terms as a contract, the original first: for code that looks at each term the contract ever had. */
export function everyVersion(contract: Contract): Contract[] {
  return [contract, ...(contract.versions ?? []).map((v) => ({ ...contract, ...v.terms, signed: contract }))];
}

/** The version whose terms set `key` as it stands in a month (null: the original terms): the last in force that named it. */
export function setBy(contract: Contract, month: string, key: ContractTermKey): ContractVersion | null {
  let found: ContractVersion | null = null;
  for (const v of contract.versions ?? []) if (v.effectiveFrom.slice(0, 7) <= month && v.changes.includes(key)) found = v;
  return found;
}

/** Where a minimum monthly fee is written (a bare amount carries no `where` of its own): "minimumMonthlyFee", or under the version that set it. */
export function minimumFeeRef(version: Pick<ContractVersion, 'where'> | null): string {
  return version ? `${version.where}.minimumMonthlyFee` : 'minimumMonthlyFee';
}
