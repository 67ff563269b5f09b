import type { ColumnMapping } from '../../../../shared/api/imports';

/**
 * The wizard's column-mapping form and the generic mapping it stands for
 * (shared/formats/generic/mapping.ts). A field comes from a column of the
 * file or is one value for every row (a currency, a provider's name).
 */
export type FieldSource = { kind: 'column'; column: string } | { kind: 'value'; value: string } | { kind: 'none' };

export const FORM_FIELDS = [
  { id: 'chargePeriodStart', label: 'Date or period start', required: true, allowsValue: false },
  { id: 'chargePeriodEnd', label: 'Period end', required: false, allowsValue: false },
  { id: 'billedCost', label: 'Cost', required: true, allowsValue: false },
  { id: 'currency', label: 'Currency', required: true, allowsValue: true },
  { id: 'provider', label: 'Provider', required: false, allowsValue: true },
  { id: 'model', label: 'Model', required: false, allowsValue: false },
  { id: 'usageClass', label: 'Usage class (input, output, …)', required: false, allowsValue: true },
  { id: 'quantity', label: 'Quantity', required: false, allowsValue: false },
  { id: 'unit', label: 'Unit', required: false, allowsValue: true },
  { id: 'subAccount', label: 'Project or team', required: false, allowsValue: false },
  { id: 'credential', label: 'API key', required: false, allowsValue: false },
] as const;
export type FormFieldId = (typeof FORM_FIELDS)[number]['id'];

export interface MappingForm {
  fields: Record<FormFieldId, FieldSource>;
  /** Token count columns that become one line each (a gateway log row holds prompt and completion tokens). */
  inputTokens: string;
  outputTokens: string;
  /** Columns kept as tags. */
  tags: string[];
}

const NONE: FieldSource = { kind: 'none' };

/** Header names gateways and spreadsheets use for each field, in order of preference. */
const GUESSES: Partial<Record<FormFieldId, RegExp[]>> = {
  chargePeriodStart: [/^(start_?time|starttime|timestamp|created_?at|date|day|usage_?date|period_?start)$/i, /date|time|start/i],
  chargePeriodEnd: [/^(end_?time|endtime|period_?end)$/i],
  billedCost: [/^(spend|cost|total_?cost|amount|billed_?cost|price|usd)$/i, /cost|spend|amount/i],
  currency: [/^currency(_?code)?$/i],
  provider: [/^(provider|custom_llm_provider|vendor|api_?provider)$/i],
  model: [/^(model|model_?name|model_?id)$/i, /model/i],
  usageClass: [/^(usage_?class|token_?type|type)$/i],
  quantity: [/^(quantity|tokens|total_?tokens|usage)$/i],
  unit: [/^unit$/i],
  subAccount: [/^(team_?id|team|project|project_?id|workspace)$/i],
  credential: [/^(api_?key|key_?id|api_?key_?id|user_?api_?key)$/i],
};
const INPUT_TOKENS = [/^(prompt_?tokens|input_?tokens|tokens_?prompt|native_?tokens_?prompt)$/i, /prompt|input/i];
const OUTPUT_TOKENS = [/^(completion_?tokens|output_?tokens|tokens_?completion|native_?tokens_?completion)$/i, /completion|output/i];

function guessColumn(header: readonly string[], patterns: RegExp[] | undefined, taken: Set<string>): string | null {
  for (const pattern of patterns ?? []) {
    const hit = header.find((h) => !taken.has(h) && pattern.test(h.trim()));
    if (hit !== undefined) return hit;
  }
  return null;
}

/** A first guess from the header, for the user to correct. */
export function guessForm(header: readonly string[]): MappingForm {
  const taken = new Set<string>();
  const take = (patterns: RegExp[] | undefined): string | null => {
    const hit = guessColumn(header, patterns, taken);
    if (hit !== null) taken.add(hit);
    return hit;
  };
  const inputTokens = take(INPUT_TOKENS) ?? '';
  const outputTokens = take(OUTPUT_TOKENS) ?? '';
  const fields = {} as Record<FormFieldId, FieldSource>;
  for (const f of FORM_FIELDS) {
    const column = take(GUESSES[f.id]);
    fields[f.id] = column !== null ? { kind: 'column', column } : NONE;
  }
  if (fields.currency.kind === 'none') fields.currency = { kind: 'value', value: 'USD' };
  // With token columns the lines carry the usage class and quantity; a "tokens" total column would count twice.
  if (inputTokens !== '' || outputTokens !== '') fields.quantity = NONE;
  return { fields, inputTokens, outputTokens, tags: [] };
}

/** The same form back from a saved mapping (columns and constants; value maps are kept out of the form). */
export function formFromMapping(mapping: ColumnMapping): MappingForm {
  const fields = {} as Record<FormFieldId, FieldSource>;
  for (const f of FORM_FIELDS) {
    const source = mapping.columns[f.id];
    fields[f.id] = source === undefined ? NONE : typeof source === 'string' ? { kind: 'column', column: source } : 'value' in source ? { kind: 'value', value: source.value } : { kind: 'column', column: source.column };
  }
  const lines = mapping.lines ?? [];
  return {
    fields,
    inputTokens: lines.find((l) => l.usageClass === 'input')?.quantity ?? '',
    outputTokens: lines.find((l) => l.usageClass === 'output')?.quantity ?? '',
    tags: Array.isArray(mapping.tags) ? [...mapping.tags] : Object.values(mapping.tags ?? {}),
  };
}

/** What is missing before the form makes a mapping, in the user's words (empty when complete). */
export function formProblems(form: MappingForm): string[] {
  const problems: string[] = [];
  for (const f of FORM_FIELDS) {
    const source = form.fields[f.id];
    if (f.required && (source.kind === 'none' || (source.kind === 'column' && source.column === '') || (source.kind === 'value' && source.value.trim() === ''))) {
      problems.push(`${f.label} must be mapped`);
    }
  }
  const currency = form.fields.currency;
  if (currency.kind === 'value' && currency.value.trim() !== '' && !/^[A-Za-z]{3}$/.test(currency.value.trim())) problems.push('Currency must be a three-letter code such as USD');
  return problems;
}

export function formToMapping(form: MappingForm, name: string): ColumnMapping {
  const columns: ColumnMapping['columns'] = {} as ColumnMapping['columns'];
  for (const f of FORM_FIELDS) {
    const source = form.fields[f.id];
    if (source.kind === 'column' && source.column !== '') columns[f.id] = source.column;
    else if (source.kind === 'value' && source.value.trim() !== '') columns[f.id] = { value: f.id === 'currency' ? source.value.trim().toUpperCase() : source.value.trim() };
  }
  const lines: NonNullable<ColumnMapping['lines']> = [];
  if (form.inputTokens !== '') lines.push({ usageClass: 'input', quantity: form.inputTokens });
  if (form.outputTokens !== '') lines.push({ usageClass: 'output', quantity: form.outputTokens });
  return {
    version: 1,
    ...(name.trim() !== '' ? { name: name.trim() } : {}),
    columns,
    ...(form.tags.length > 0 ? { tags: [...form.tags] } : {}),
    ...(lines.length > 0 ? { lines } : {}),
  };
}
