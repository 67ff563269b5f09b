import type { ContractTermKey } from '../../../../shared/domain/contracts/types';
import { SERVICE_TIERS, USAGE_CLASSES } from '../../../../shared/domain/usage';
import { usageClassLabel } from '../../format/labels';
import { pathParts } from './yaml-issues';

/**
 * The contract editor's forms: one per kind of term, in the words of
 * scenarios/contracts/README.md, each writing into the contract's YAML (the
 * YAML stays what is saved). Also how a field path reads in words, so a
 * problem says "Discount 1 (Negotiated discount), percent off: must be
 * between 0 and 100", not `discounts[0].percentOff`.
 */

export type ContractFieldKind = 'text' | 'amount' | 'percent' | 'day' | 'int' | 'enum' | 'bool' | 'models' | 'publishers' | 'usageClasses' | 'serviceTiers';

export interface ContractField {
  key: string;
  label: string;
  kind: ContractFieldKind;
  help: string;
  options?: readonly { value: string; label: string }[];
  required?: boolean;
}

/** A list inside a term's entry or object (volume tiers, credit grants). */
export interface NestedList {
  key: string;
  noun: string;
  fields: readonly ContractField[];
  example: (header: ContractHeader) => Record<string, unknown>;
}

export interface TermForm {
  title: string;
  summary: string;
  /** list: entries of one kind (rates, discounts); object: one clause (commitment); amount: one amount (minimum fee). */
  shape: 'list' | 'object' | 'amount';
  /** What one entry is called ("discount" → "Discount 1"). */
  noun: string;
  fields: readonly ContractField[];
  nested?: NestedList;
  /** What adding the term (or one more entry) writes. */
  example: (header: ContractHeader) => unknown;
  /** Parts only the YAML view edits, said on the form. */
  yamlOnly?: string;
}

export interface ContractHeader {
  currency: string;
  start: string;
  end: string;
}

const options = (values: readonly string[], label: (v: string) => string = (v) => v.replace(/_/g, ' ')) => values.map((value) => ({ value, label: label(value) }));

export const HEADER_FIELDS: readonly ContractField[] = [
  { key: 'name', label: 'Name', kind: 'text', help: 'How the contract is called in lists and findings.', required: true },
  { key: 'id', label: 'Id', kind: 'text', help: 'Lower-case id, also the file name ("acme-openai-2027").' },
  { key: 'vendor', label: 'Provider', kind: 'text', help: 'The provider id as the ledger writes it ("openai", "anthropic").', required: true },
  { key: 'currency', label: 'Currency', kind: 'text', help: 'ISO code of every amount in the contract ("USD").', required: true },
];

export const TERM_FIELDS: readonly ContractField[] = [
  { key: 'start', label: 'Term starts', kind: 'day', help: 'First day the contract applies.', required: true },
  { key: 'end', label: 'Term ends', kind: 'day', help: 'Last day the contract applies (inclusive).', required: true },
];

/** An amendment or renewal's own fields; the terms it replaces are written as the contract's are (YAML, under the version). */
export const VERSION_FIELDS: readonly ContractField[] = [
  { key: 'effectiveFrom', label: 'Takes effect', kind: 'day', help: 'First day of a month from which its terms price (a bill is priced under one version).', required: true },
  { key: 'reason', label: 'Reason', kind: 'text', help: 'What it is: "renewal, phase 2", "amendment 1: batch discount".', required: true },
  { key: 'end', label: 'New term end', kind: 'day', help: 'A renewal extends the term to this day; leave empty to keep the end.' },
];

/** The contract's terms a version names (what it changes), in the file's order. */
export function versionChanges(version: Record<string, unknown>): string[] {
  return Object.keys(ALL_FORMS).filter((key) => version[key] !== undefined).map((key) => ALL_FORMS[key]!.title);
}

/**
 * A new amendment to append under `versions`: from the first of the month after the last version (or after the term
 * starts), repeating the discounts in force so it changes something from the start; the user edits what it replaces.
 */
export function newVersion(contract: Record<string, unknown>): Record<string, unknown> {
  const versions = Array.isArray(contract.versions) ? (contract.versions as Record<string, unknown>[]) : [];
  const term = (contract.term ?? {}) as Record<string, unknown>;
  const after = String(versions.at(-1)?.effectiveFrom ?? term.start ?? '');
  const m = /^(\d{4})-(\d{2})/.exec(after);
  const next = m ? (Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`) : '';
  const inForce = [...versions].reverse().find((v) => v.discounts !== undefined)?.discounts ?? contract.discounts ?? [];
  return { effectiveFrom: next, reason: `amendment ${versions.length + 1}`, discounts: inForce };
}

export const TERM_FORMS = {
  rates: {
    title: 'Contracted rates',
    summary: 'Prices that replace list prices, per model and usage class (per million tokens unless said).',
    shape: 'list',
    noun: 'rate',
    fields: [
      { key: 'model', label: 'Model', kind: 'text', help: 'The model id; empty: every model of the provider.' },
      { key: 'usageClass', label: 'Usage class', kind: 'enum', help: 'Which tokens or units the rate prices.', options: options(USAGE_CLASSES, usageClassLabel), required: true },
      { key: 'serviceTier', label: 'Tier', kind: 'enum', help: 'Empty: every tier.', options: options(SERVICE_TIERS) },
      {
        key: 'contextBand',
        label: 'Context band',
        kind: 'text',
        help: '"base", or the prompt size the band starts above (">200k"). Empty: the base-band rate, and prompts in a higher band pay it times the list’s band premium.',
      },
      { key: 'region', label: 'Region', kind: 'text', help: 'As the bill writes it ("us-east-1", "global"). Empty: every region.' },
      { key: 'price', label: 'Price', kind: 'amount', help: 'In the contract’s currency, per the units below ("2.00").', required: true },
      { key: 'per', label: 'Per', kind: 'int', help: 'Units the price is for; 1,000,000 for tokens when empty.' },
    ],
    example: () => ({ model: 'gpt-4.1', usageClass: 'input', price: '1.70' }),
  },
  discounts: {
    title: 'Discounts off list',
    summary: 'A percentage off list prices: every line, or only some models, usage classes or tiers. Of those that do not stack the most specific applies; one that stacks (an extra batch or model discount) comes on top of it.',
    shape: 'list',
    noun: 'discount',
    fields: [
      { key: 'label', label: 'Label', kind: 'text', help: 'Its name on the invoice ("Enterprise discount").' },
      { key: 'percentOff', label: 'Percent off', kind: 'percent', help: '"15" is 15% off list; between 0 and 100.', required: true },
      { key: 'models', label: 'Only these models', kind: 'models', help: 'Model ids, comma separated; empty: every model.' },
      { key: 'usageClasses', label: 'Only these usage classes', kind: 'usageClasses', help: 'Empty: every usage class.' },
      { key: 'serviceTiers', label: 'Only these tiers', kind: 'serviceTiers', help: 'Empty: every tier ("batch" for a batch discount).' },
      { key: 'stacks', label: 'Stacks', kind: 'bool', help: 'Comes on top of the discount that applies (an extra batch or model discount), as the stacking rule says.' },
    ],
    example: () => ({ label: 'Negotiated discount', percentOff: '10' }),
  },
  discountStacking: {
    title: 'Discount stacking',
    summary: 'How discounts that stack combine with the one that applies: each off what the ones before left (multiplicative, the default: 15% then 10% is 23.5% off) or their percentages added (additive: 25% off).',
    shape: 'amount',
    noun: 'discount stacking',
    fields: [
      {
        key: '',
        label: 'Rule',
        kind: 'enum',
        help: 'multiplicative: 1 − 0.85 × 0.90 = 23.5% off; additive: 15% + 10% = 25% off (at most 100% together).',
        options: options(['multiplicative', 'additive']),
        required: true,
      },
    ],
    example: () => 'multiplicative',
  },
  volumeDiscount: {
    title: 'Volume discount',
    summary: 'Tiers of spend or tokens a month or year, each with a percentage off.',
    shape: 'object',
    noun: 'volume discount',
    fields: [
      { key: 'basis', label: 'Basis', kind: 'enum', help: 'What the tiers count.', options: options(['spend', 'tokens']), required: true },
      { key: 'period', label: 'Period', kind: 'enum', help: 'Over what the volume is counted.', options: options(['month', 'year']), required: true },
      { key: 'method', label: 'Method', kind: 'enum', help: 'marginal: each tier’s rate on its slice; all units: the reached tier’s rate on everything.', options: options(['marginal', 'all_units']), required: true },
    ],
    nested: {
      key: 'tiers',
      noun: 'tier',
      fields: [
        { key: 'from', label: 'From', kind: 'text', help: 'Where the tier starts: an amount (spend) or a token count.', required: true },
        { key: 'percentOff', label: 'Percent off', kind: 'percent', help: 'Between 0 and 100.', required: true },
      ],
      example: () => ({ from: '10000', percentOff: '5' }),
    },
    example: () => ({ basis: 'spend', period: 'month', method: 'marginal', tiers: [{ from: '0', percentOff: '0' }, { from: '10000', percentOff: '5' }] }),
  },
  commitment: {
    title: 'Commitment',
    summary: 'A spend commitment a month or contract year, ramped by year if the deal says; take-or-pay bills the shortfall at each true-up.',
    shape: 'object',
    noun: 'commitment',
    fields: [
      { key: 'amount', label: 'Amount', kind: 'amount', help: 'Committed spend per period, in the contract’s currency; with years listed below, the amount of any year they leave out.' },
      { key: 'period', label: 'Period', kind: 'enum', help: 'month or year (from the term start).', options: options(['month', 'year']), required: true },
      { key: 'trueUp', label: 'True-up', kind: 'enum', help: 'How often the shortfall is settled: every month, quarter (from the contract year’s start) or contract year; defaults to the period.', options: options(['month', 'quarter', 'year']) },
      { key: 'takeOrPay', label: 'Take or pay', kind: 'bool', help: 'Bill the shortfall (else only track use).' },
      {
        key: 'carryOver',
        label: 'Carry over',
        kind: 'enum',
        help: 'What moves to the next true-up: excess (to the term end), excess within the contract year only, or the shortfall (billed at the term end).',
        options: options(['none', 'excess_forward', 'within_year', 'shortfall_forward']),
      },
      { key: 'maxCarryOver', label: 'Most carried over', kind: 'amount', help: 'Cap on the excess carried forward.' },
      { key: 'includesProvisionedFees', label: 'Provisioned fees count', kind: 'bool', help: 'Provisioned-capacity fees count toward the commitment.' },
    ],
    nested: {
      key: 'years',
      noun: 'contract year',
      fields: [
        { key: 'year', label: 'Contract year', kind: 'int', help: '1 for the first twelve months of the term, 2 for the next, …', required: true },
        { key: 'amount', label: 'Amount', kind: 'amount', help: 'Committed spend per period in that year.', required: true },
      ],
      example: () => ({ year: 2, amount: '15000' }),
    },
    example: () => ({ amount: '10000', period: 'month', takeOrPay: true }),
  },
  credits: {
    title: 'Prepaid credits',
    summary: 'Grants that pay charges until used up or expired; a grant may pay only some publishers, models, usage classes or tiers.',
    shape: 'object',
    noun: 'credits',
    fields: [{ key: 'burnOrder', label: 'Use first', kind: 'enum', help: 'Which grant pays first.', options: [{ value: 'earliest_expiry', label: 'the one expiring first' }, { value: 'as_listed', label: 'in the order listed' }] }],
    nested: {
      key: 'grants',
      noun: 'grant',
      fields: [
        { key: 'id', label: 'Id', kind: 'text', help: 'A short name for the grant.', required: true },
        { key: 'amount', label: 'Amount', kind: 'amount', help: 'In the contract’s currency.', required: true },
        { key: 'start', label: 'Usable from', kind: 'day', help: 'First day it can pay.', required: true },
        { key: 'expires', label: 'Expires', kind: 'day', help: 'Last day it can pay (inclusive).', required: true },
        { key: 'appliesTo', label: 'Pays', kind: 'enum', help: 'Every charge, or usage only (not fees).', options: [{ value: 'all_charges', label: 'all charges' }, { value: 'usage_only', label: 'usage only' }] },
        { key: 'publishers', label: 'Only these publishers', kind: 'publishers', help: 'Who made the models, as the ledger’s Publisher column spells them (anthropic, meta), comma separated; empty: every publisher. A line without a publisher is its provider’s.' },
        { key: 'models', label: 'Only these models', kind: 'models', help: 'Model ids, comma separated; empty: every model. A scoped grant pays usage only, and usage must match every scope given.' },
        { key: 'usageClasses', label: 'Only these usage classes', kind: 'usageClasses', help: 'Empty: every usage class.' },
        { key: 'serviceTiers', label: 'Only these tiers', kind: 'serviceTiers', help: 'Empty: every tier.' },
        {
          key: 'partMonth',
          label: 'In a part month',
          kind: 'enum',
          help: 'For a month it is valid only some days: the charges of those days (from daily lines), or that share of the month’s (pro rata, the default).',
          options: [
            { value: 'valid_days', label: 'the charges of its valid days' },
            { value: 'pro_rata', label: 'its days’ share of the month' },
          ],
        },
      ],
      example: (h) => ({ id: 'grant', amount: '1000', start: h.start, expires: h.end }),
    },
    example: (h) => ({ grants: [{ id: 'prepaid', amount: '10000', start: h.start, expires: h.end }] }),
  },
  provisioned: {
    title: 'Provisioned capacity',
    summary: 'Reserved units at an hourly or monthly price; traffic above them is billed on demand.',
    shape: 'list',
    noun: 'reservation',
    fields: [
      { key: 'id', label: 'Id', kind: 'text', help: 'A short name for the reservation.', required: true },
      { key: 'units', label: 'Units', kind: 'int', help: 'Whole units reserved.', required: true },
      { key: 'pricePerUnitHour', label: 'Price per unit-hour', kind: 'amount', help: 'Or a monthly price below.' },
      { key: 'pricePerUnitMonth', label: 'Price per unit-month', kind: 'amount', help: 'Or an hourly price above.' },
      { key: 'start', label: 'From', kind: 'day', help: 'First day reserved.', required: true },
      { key: 'end', label: 'To', kind: 'day', help: 'Last day reserved (inclusive).', required: true },
      { key: 'models', label: 'Models', kind: 'models', help: 'Model ids it serves, comma separated.', required: true },
    ],
    example: (h) => ({ id: 'reserved', units: 1, pricePerUnitHour: '1.00', start: h.start, end: h.end, models: ['gpt-4.1'], throughputPerUnit: { 'gpt-4.1': 10000 } }),
    yamlOnly: 'Throughput per unit (tokens a minute per model) is edited in the YAML view.',
  },
  minimumMonthlyFee: {
    title: 'Minimum monthly fee',
    summary: 'A floor on each month’s bill: the difference is billed as a top-up.',
    shape: 'amount',
    noun: 'minimum monthly fee',
    fields: [{ key: '', label: 'Amount', kind: 'amount', help: 'In the contract’s currency.', required: true }],
    example: () => '500',
  },
  minimumFeeOrder: {
    title: 'Minimum fee and credits',
    summary: 'Whether prepaid credits may pay the minimum-fee top-up (before credits, the default) or the minimum is what is paid after credits.',
    shape: 'amount',
    noun: 'minimum fee order',
    fields: [
      {
        key: '',
        label: 'Order',
        kind: 'enum',
        help: 'before_credits: credits count toward the minimum; after_credits: a cash minimum.',
        options: options(['before_credits', 'after_credits']),
        required: true,
      },
    ],
    example: () => 'before_credits',
  },
  priceChange: {
    title: 'Price changes',
    summary: 'How list-price increases reach the contract: after notice, and capped.',
    shape: 'object',
    noun: 'price change clause',
    fields: [
      { key: 'noticeDays', label: 'Notice (days)', kind: 'int', help: 'Increases apply this many days after they take effect.' },
      { key: 'capPercent', label: 'Cap (percent)', kind: 'percent', help: 'Largest increase over the term, in % of the price at its start.' },
    ],
    example: () => ({ noticeDays: 30 }),
  },
} satisfies Record<ContractTermKey, TermForm>;

const ALL_FORMS = TERM_FORMS as Record<string, TermForm>;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function fieldLabel(fields: readonly ContractField[], key: string | number | undefined): string | null {
  if (key === undefined) return null;
  const f = fields.find((x) => x.key === key);
  return f ? f.label.toLowerCase() : String(key).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * A field path in words: "discounts[0].percentOff" → "Discount 1 (Negotiated
 * discount), percent off"; "credits.grants[1].expires" → "Prepaid credits,
 * grant 2, expires". `contract` (the parsed YAML) names entries by label or id.
 */
export function describeField(field: string, contract?: Record<string, unknown> | null): string {
  if (field === '') return 'The contract';
  const parts = pathParts(field);
  const [head, ...rest] = parts;
  if (head === 'versions') {
    // "Version 2 (renewal, phase 2), discount 1, percent off": the version, then the field inside it as the contract's own.
    if (typeof rest[0] !== 'number') return 'Versions';
    const list = Array.isArray(contract?.versions) ? (contract.versions as Record<string, unknown>[]) : [];
    const v = list[rest[0]];
    const name = `Version ${rest[0] + 2}${v && typeof v.reason === 'string' ? ` (${v.reason})` : ''}`;
    const inner = rest.slice(1).map((x) => (typeof x === 'number' ? `[${x}]` : `.${x}`)).join('').replace(/^\./, '');
    if (inner === '') return name;
    const own = VERSION_FIELDS.find((f) => f.key === inner);
    return `${name}, ${own ? own.label.toLowerCase() : inner === 'withdrawCredits' || inner.startsWith('withdrawCredits[') ? 'credits withdrawn' : describeField(inner, v ?? null)}`;
  }
  if (head === 'term') return TERM_FIELDS.find((f) => f.key === rest[0])?.label ?? 'Term';
  const header = HEADER_FIELDS.find((f) => f.key === head);
  if (header) return header.label;
  const form = typeof head === 'string' ? ALL_FORMS[head] : undefined;
  if (!form) return field;
  const words: string[] = [];
  let fields = form.fields;
  let i = 0;
  const node: unknown = contract?.[head as string];
  if (form.shape === 'list') {
    if (typeof rest[0] !== 'number') return form.title;
    const entry = Array.isArray(node) ? (node[rest[0]] as Record<string, unknown> | undefined) : undefined;
    const name = entry && typeof entry.label === 'string' ? entry.label : entry && typeof entry.id === 'string' ? entry.id : null;
    words.push(`${cap(form.noun)} ${rest[0] + 1}${name ? ` (${name})` : ''}`);
    i = 1;
  } else {
    words.push(form.title);
  }
  if (form.nested && rest[i] === form.nested.key) {
    const index = rest[i + 1];
    words.push(typeof index === 'number' ? `${form.nested.noun} ${index + 1}` : `${form.nested.noun}s`);
    fields = form.nested.fields;
    i += typeof index === 'number' ? 2 : 1;
  }
  const label = fieldLabel(fields, rest[i]);
  if (label) words.push(label);
  return words.join(', ');
}

/** A problem in words, for beside the field and the list of problems: "Discount 1, percent off must be between 0 and 100". */
export function issueInWords(issue: { field: string; message: string }, contract?: Record<string, unknown> | null): string {
  if (issue.field === '') return issue.message;
  return `${describeField(issue.field, contract)} ${issue.message}`;
}

export interface NewContract {
  provider: string;
  providerName: string;
  currency: string;
  start: string;
  end: string;
  /** The first kind of term to fill in, or null for none yet. */
  firstTerm: ContractTermKey | null;
}

/** A lower-case id from the provider and the term's first year, not one of `taken`: "openai-2027", "openai-2027-2". */
export function newContractId(provider: string, start: string, taken: readonly string[]): string {
  const base = `${provider}-${start.slice(0, 4)}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * What "New contract" starts as: the header the user gave and, when asked
 * for, one term from its example — a contract that validates as it opens.
 */
export function newContractFile(input: NewContract, taken: readonly string[]): Record<string, unknown> {
  const file: Record<string, unknown> = {
    id: newContractId(input.provider, input.start, taken),
    name: `${input.providerName} contract ${input.start.slice(0, 4)}`,
    vendor: input.provider,
    currency: input.currency,
    term: { start: input.start, end: input.end },
  };
  if (input.firstTerm) {
    const form = TERM_FORMS[input.firstTerm] as TermForm;
    const example = form.example({ currency: input.currency, start: input.start, end: input.end });
    file[input.firstTerm] = form.shape === 'list' ? [example] : example;
  }
  return file;
}
