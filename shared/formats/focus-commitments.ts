/**
 * FOCUS 1.3's Contract Commitment dataset, in and out.
 *
 * Out: one row per true-up period of each contract's commitment (a ramped
 * annual commitment trued up quarterly is four rows a contract year, each
 * with its share), Spend category, the period's commitment as
 * ContractCommitmentCost. Its ContractCommitmentId is the id the FOCUS cost
 * export's ContractApplied names for a charge on a day of that period
 * (`commitmentIdOn`), so the two datasets join as the specification means.
 * Period ends are exclusive instants, as every FOCUS period end is.
 *
 * In: rows grouped by ContractId become draft contracts: the term, the
 * currency and the commitment (monthly, quarterly or contract-year periods;
 * a ramp where the years differ). What the dataset cannot say, or the
 * workbench cannot express, is listed for the user to complete (the vendor,
 * usage-quantity commitments, irregular periods, unequal quarters within a
 * year). Columns this version does not know (FOCUS 1.4 adds several) are
 * kept in the draft's notes, never refused.
 */
import { addDays, isFirstDayOfMonth, isLastDayOfMonth, monthOf, monthsBetween } from '../domain/calendar';
import { trueUpPeriods } from '../domain/contracts/commitment';
import type { Contract } from '../domain/contracts/types';
import { WorkbenchError } from '../domain/errors';
import { nanosToDecimal, parseMoney, type Nanos } from '../domain/money';
import YAML from 'yaml';

export const CONTRACT_COMMITMENT_COLUMNS = [
  'BillingCurrency',
  'ContractId',
  'ContractPeriodStart',
  'ContractPeriodEnd',
  'ContractCommitmentId',
  'ContractCommitmentCategory',
  'ContractCommitmentType',
  'ContractCommitmentDescription',
  'ContractCommitmentCost',
  'ContractCommitmentQuantity',
  'ContractCommitmentUnit',
  'ContractCommitmentPeriodStart',
  'ContractCommitmentPeriodEnd',
] as const;
export type ContractCommitmentColumn = (typeof CONTRACT_COMMITMENT_COLUMNS)[number];
export type ContractCommitmentRow = Record<ContractCommitmentColumn, string | null>;

const instant = (day: string): string => `${day}T00:00:00Z`;
/** The exclusive end of an inclusive last day. */
const endInstant = (lastDay: string): string => instant(addDays(lastDay, 1));

/** The id of the commitment period starting on `start`. */
function periodId(contractId: string, start: string): string {
  return `${contractId}/commitment/${start}`;
}

/** The Contract Commitment id a charge of the contract on `day` draws down: its true-up period's; null outside the term or without a commitment. */
export function commitmentIdOn(contract: Contract, day: string): string | null {
  const c = contract.commitment ?? contract.versions?.find((v) => v.terms.commitment)?.terms.commitment ?? null;
  if (!c || day < contract.start || day > contract.end) return null;
  const period = trueUpPeriods(contract, c).find((p) => p.start <= day && day <= p.end);
  return period ? periodId(contract.id, period.start) : null;
}

const TRUE_UP = { month: 'monthly', quarter: 'quarterly', year: 'annual' } as const;

/** The workspace's contracts as Contract Commitment rows: one per true-up period of each commitment. */
export function contractCommitmentRows(contracts: readonly Contract[]): ContractCommitmentRow[] {
  const rows: ContractCommitmentRow[] = [];
  for (const contract of [...contracts].sort((a, b) => a.id.localeCompare(b.id))) {
    // A commitment the original terms or any version makes; each period as the version in force at its start says.
    const first = contract.commitment ?? contract.versions?.find((v) => v.terms.commitment)?.terms.commitment ?? null;
    if (!first) continue;
    for (const p of trueUpPeriods(contract, first)) {
      const c = p.commitment;
      const version = contract.versions ? `, version ${p.version}${p.version > 1 ? ` (${contract.versions[p.version - 2]!.reason})` : ''}` : '';
      const type = `${c.takeOrPay ? 'Take-or-pay' : 'Tracked'} spend commitment, ${TRUE_UP[c.trueUp]} true-up${c.carryOver === 'none' ? '' : `, ${c.carryOver.replace('_', ' ')} carry-over`}`;
      rows.push({
        BillingCurrency: contract.currency,
        ContractId: contract.id,
        ContractPeriodStart: instant(contract.start),
        ContractPeriodEnd: endInstant(contract.end),
        ContractCommitmentId: periodId(contract.id, p.start),
        ContractCommitmentCategory: 'Spend',
        ContractCommitmentType: type,
        ContractCommitmentDescription: `${contract.name} (${contract.vendor}): contract year ${p.yearIndex + 1}, ${p.start} to ${p.end}${version}`,
        ContractCommitmentCost: nanosToDecimal(p.committed, 2),
        ContractCommitmentQuantity: null,
        ContractCommitmentUnit: null,
        ContractCommitmentPeriodStart: instant(p.start),
        ContractCommitmentPeriodEnd: endInstant(p.end),
      });
    }
  }
  return rows;
}

// --- In ---------------------------------------------------------------------

/** Something a draft leaves for the user: the contract field and why. */
export interface ToComplete {
  field: string;
  message: string;
}

export interface CommitmentDraft {
  contractId: string;
  /** The contract file (as YAML would say it), to review, complete and save. */
  file: Record<string, unknown>;
  toComplete: ToComplete[];
  /** Rows of the dataset it came from (numbers as in the file, the header being row 1). */
  rows: number[];
}

interface ParsedRow {
  row: number;
  values: ContractCommitmentRow;
  extra: Record<string, string>;
}

/** A FOCUS datetime or date → its calendar day, or null when it is not one. */
function dayOf(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]00:?00)?)?$/.exec(text.trim());
  if (!m) return null;
  if (m[2] !== undefined && (m[2] !== '00' || m[3] !== '00' || (m[4] ?? '00') !== '00')) return null;
  return m[1]!;
}

/** The inclusive last day before an exclusive FOCUS end. */
function lastDayBefore(text: string): string | null {
  const d = dayOf(text);
  return d === null ? null : addDays(d, -1);
}

/**
 * Reads the dataset's records (the header first, as a CSV or Parquet reader
 * gives them) into draft contracts. A missing column, or a row whose
 * required value is missing or malformed, is an error naming the file, the
 * row and the column; nothing is drafted from a file with such a row.
 */
export function contractsFromCommitmentDataset(records: readonly (readonly (string | null)[])[], file: string, options: { vendor?: string } = {}): CommitmentDraft[] {
  const header = (records[0] ?? []).map((h) => (h ?? '').trim());
  for (const column of CONTRACT_COMMITMENT_COLUMNS) {
    if (!header.includes(column)) throw new WorkbenchError('invalid_file', `the Contract Commitment dataset has no ${column} column (FOCUS 1.3 requires all of ${CONTRACT_COMMITMENT_COLUMNS.join(', ')})`, { file, row: 1, field: column });
  }
  const known = new Set<string>(CONTRACT_COMMITMENT_COLUMNS);
  const rows: ParsedRow[] = [];
  records.slice(1).forEach((record, i) => {
    if (record.every((v) => v === null || v.trim() === '')) return;
    const row = i + 2;
    const values = {} as ContractCommitmentRow;
    const extra: Record<string, string> = {};
    header.forEach((h, c) => {
      const v = record[c] ?? null;
      const text = v === null || v.trim() === '' ? null : v.trim();
      if (known.has(h)) values[h as ContractCommitmentColumn] = text;
      else if (h !== '' && text !== null) extra[h] = text;
    });
    rows.push({ row, values, extra });
  });
  const fail = (row: number, column: string, message: string): never => {
    throw new WorkbenchError('invalid_file', message, { file, row, field: column });
  };
  for (const { row, values } of rows) {
    for (const column of ['BillingCurrency', 'ContractId', 'ContractPeriodStart', 'ContractPeriodEnd', 'ContractCommitmentId', 'ContractCommitmentCategory', 'ContractCommitmentPeriodStart', 'ContractCommitmentPeriodEnd'] as const) {
      if (values[column] === null) fail(row, column, `${column} is empty; every Contract Commitment row needs it`);
    }
    for (const column of ['ContractPeriodStart', 'ContractPeriodEnd', 'ContractCommitmentPeriodStart', 'ContractCommitmentPeriodEnd'] as const) {
      if (dayOf(values[column]!) === null) fail(row, column, `${column} "${values[column]}" is not a date or a UTC midnight such as 2026-01-01T00:00:00Z`);
    }
    const category = values.ContractCommitmentCategory!;
    if (category !== 'Spend' && category !== 'Usage') fail(row, 'ContractCommitmentCategory', `ContractCommitmentCategory "${category}" must be Spend or Usage`);
    if (category === 'Spend') {
      const cost = values.ContractCommitmentCost;
      if (cost === null) fail(row, 'ContractCommitmentCost', 'ContractCommitmentCost is empty; a Spend commitment needs the amount committed');
      else if (!/^\d+(\.\d+)?$/.test(cost)) fail(row, 'ContractCommitmentCost', `ContractCommitmentCost "${cost}" must be a non-negative decimal amount`);
    }
    if (dayOf(values.ContractCommitmentPeriodEnd!)! <= dayOf(values.ContractCommitmentPeriodStart!)!) fail(row, 'ContractCommitmentPeriodEnd', `ContractCommitmentPeriodEnd (${values.ContractCommitmentPeriodEnd}) is not after ContractCommitmentPeriodStart (${values.ContractCommitmentPeriodStart})`);
  }

  const byContract = new Map<string, ParsedRow[]>();
  for (const r of rows) byContract.set(r.values.ContractId!, [...(byContract.get(r.values.ContractId!) ?? []), r]);
  return [...byContract.entries()].map(([contractId, group]) => draftContract(contractId, group, file, options.vendor, fail));
}

function draftContract(contractId: string, group: ParsedRow[], file: string, vendor: string | undefined, fail: (row: number, column: string, message: string) => never): CommitmentDraft {
  const first = group[0]!;
  const toComplete: ToComplete[] = [];
  for (const r of group) {
    if (r.values.BillingCurrency !== first.values.BillingCurrency) fail(r.row, 'BillingCurrency', `${contractId} is in ${first.values.BillingCurrency} on row ${first.row} but ${r.values.BillingCurrency} here; one contract has one currency`);
    if (r.values.ContractPeriodStart !== first.values.ContractPeriodStart || r.values.ContractPeriodEnd !== first.values.ContractPeriodEnd) {
      fail(r.row, 'ContractPeriodStart', `${contractId} runs ${first.values.ContractPeriodStart} to ${first.values.ContractPeriodEnd} on row ${first.row} but ${r.values.ContractPeriodStart} to ${r.values.ContractPeriodEnd} here`);
    }
  }
  const start = dayOf(first.values.ContractPeriodStart!)!;
  const end = lastDayBefore(first.values.ContractPeriodEnd!)!;
  const id = contractId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 100) || 'contract';
  const draft: Record<string, unknown> = {
    schema: 'aispend-contract/1',
    id,
    name: first.values.ContractCommitmentDescription?.replace(/: contract year \d+, .*$/, '').replace(/ \([^)]*\)$/, '') ?? contractId,
    vendor: vendor ?? '',
    currency: first.values.BillingCurrency,
    term: { start, end },
  };
  if (vendor === undefined) toComplete.push({ field: 'vendor', message: 'the Contract Commitment dataset does not say which provider the contract is with; enter its provider id (openai, anthropic, …)' });

  const usage = group.filter((r) => r.values.ContractCommitmentCategory === 'Usage');
  for (const r of usage) {
    toComplete.push({
      field: 'commitment',
      message: `row ${r.row}: ${r.values.ContractCommitmentId} is a usage commitment (${r.values.ContractCommitmentQuantity ?? '?'} ${r.values.ContractCommitmentUnit ?? ''}, ${r.values.ContractCommitmentPeriodStart} to ${r.values.ContractCommitmentPeriodEnd}); the workbench's commitments are spend: enter it as a spend commitment or leave it out`.replace(' ,', ','),
    });
  }
  const spend = group.filter((r) => r.values.ContractCommitmentCategory === 'Spend').sort((a, b) => a.values.ContractCommitmentPeriodStart!.localeCompare(b.values.ContractCommitmentPeriodStart!));
  if (spend.length > 0) {
    const commitment = commitmentFrom(spend, start, end, toComplete);
    if (commitment) draft.commitment = commitment;
  }
  const notes: string[] = [`Imported from the FOCUS Contract Commitment dataset ${file} (contract ${contractId}).`];
  for (const r of group) {
    const kept = Object.entries(r.extra);
    if (kept.length > 0) notes.push(`${r.values.ContractCommitmentId}: ${kept.map(([k, v]) => `${k}=${v}`).join('; ')}`);
  }
  const types = [...new Set(group.map((r) => r.values.ContractCommitmentType).filter((t): t is string => t !== null))];
  if (types.length > 0) notes.push(`ContractCommitmentType: ${types.join('; ')}`);
  draft.notes = notes.join('\n');
  return { contractId, file: draft, toComplete, rows: group.map((r) => r.row) };
}

/** Spend rows → the commitment term: monthly, quarterly or yearly periods, a ramp where years differ. */
function commitmentFrom(spend: ParsedRow[], start: string, end: string, toComplete: ToComplete[]): Record<string, unknown> | null {
  const termFirst = monthOf(start);
  const periods = spend.map((r) => {
    const s = dayOf(r.values.ContractCommitmentPeriodStart!)!;
    const e = lastDayBefore(r.values.ContractCommitmentPeriodEnd!)!;
    return { row: r.row, start: s, end: e, months: monthsBetween(monthOf(s), monthOf(e)) + 1, yearIndex: Math.floor(monthsBetween(termFirst, monthOf(s)) / 12), cost: parseMoney(r.values.ContractCommitmentCost!) };
  });
  const outside = periods.find((p) => p.start < start || p.end > end);
  if (outside) {
    toComplete.push({ field: 'commitment', message: `row ${outside.row}: the commitment period ${outside.start} to ${outside.end} is outside the contract's term ${start} to ${end}; enter the commitment by hand` });
    return null;
  }
  // A part period at either end of the term is shorter: judge the length by the whole ones.
  const whole = periods.filter((p) => isFirstDayOfMonth(p.start) && isLastDayOfMonth(p.end));
  const lengths = new Set((whole.length > 0 ? whole : periods).map((p) => p.months));
  const length = lengths.size === 1 ? [...lengths][0]! : null;
  const trueUp = length === 1 ? 'month' : length === 3 ? 'quarter' : length === 12 ? 'year' : null;
  if (trueUp === null) {
    toComplete.push({ field: 'commitment', message: `rows ${periods.map((p) => p.row).join(', ')}: commitment periods of ${[...lengths].join(', ')} months are not months, quarters or contract years; enter the commitment by hand` });
    return null;
  }
  const years = new Map<number, Nanos[]>();
  for (const p of periods) years.set(p.yearIndex, [...(years.get(p.yearIndex) ?? []), p.cost]);
  if (trueUp === 'month') {
    // A monthly commitment: one amount a month, ramped where the contract years differ.
    const perYear: { year: number; amount: string }[] = [];
    for (const y of years.keys()) {
      const months = (whole.length > 0 ? whole : periods).filter((p) => p.yearIndex === y);
      if (months.length === 0) continue;
      const amounts = new Set(months.map((p) => String(p.cost)));
      if (amounts.size > 1) toComplete.push({ field: 'commitment.years', message: `contract year ${y + 1} commits different amounts in different months; the workbench commits one amount a month per contract year: check the amount` });
      perYear.push({ year: y + 1, amount: nanosToDecimal(months[0]!.cost, 2) });
    }
    return rampOf('month', 'month', perYear);
  }
  const perYear = [...years.entries()].map(([y, costs]) => ({ year: y + 1, amount: nanosToDecimal(costs.reduce((a, b) => a + b, 0n), 2), costs }));
  for (const y of perYear) {
    const covered = periods.filter((p) => p.yearIndex === y.year - 1).reduce((n, p) => n + p.months, 0);
    if (covered < 12) toComplete.push({ field: 'commitment.years', message: `contract year ${y.year} is part of a year (${covered} months): ${y.amount} is what the dataset commits for it, and the workbench prorates a year's amount by the days the term covers: enter the full year's amount` });
  }
  if (trueUp === 'quarter') {
    const uneven = perYear.find((y) => new Set(y.costs.map(String)).size > 1 && y.costs.length === 4);
    if (uneven) toComplete.push({ field: 'commitment.years', message: `contract year ${uneven.year} commits different amounts in different quarters; the workbench spreads a year's commitment evenly over its quarters: check the true-ups` });
  }
  return rampOf('year', trueUp, perYear.map(({ year, amount }) => ({ year, amount })));
}

function rampOf(period: 'month' | 'year', trueUp: 'month' | 'quarter' | 'year', perYear: { year: number; amount: string }[]): Record<string, unknown> {
  const distinct = new Set(perYear.map((y) => y.amount));
  const base: Record<string, unknown> = { period, ...(trueUp === period ? {} : { trueUp }), takeOrPay: true };
  if (distinct.size === 1) return { amount: perYear[0]!.amount, ...base };
  return { ...base, years: perYear };
}

/**
 * A draft contract as YAML text: where it came from and what the dataset
 * leaves for the user to complete as comments at the top, then the terms.
 * The CLI writes it to a file; the app opens it in the contract editor.
 */
export function draftYaml(draft: CommitmentDraft, sourceName: string): string {
  const todo = draft.toComplete.map((t) => `#   ${t.field}: ${t.message}`);
  const head = ['# yaml-language-server: $schema=contract.schema.json', `# Drafted from ${sourceName}, rows ${draft.rows.join(', ')}.`, ...(todo.length > 0 ? ['# To complete before saving:', ...todo] : [])];
  return `${head.join('\n')}\n${YAML.stringify(draft.file, { lineWidth: 0 })}`;
}
