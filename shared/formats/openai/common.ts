/**
 * OpenAI mapping shared by the Admin API JSON pages and the dashboard CSV
 * downloads, written against a field getter so both shapes use one mapping.
 */
import type { LedgerLine } from '../../domain/ledger-line';
import { normaliseModelId } from '../../domain/model-ids';
import type { ChargeCategory, ServiceTier, UsageClass } from '../../domain/usage';
import type { CellReader } from '../cells';
import type { RowSink } from '../types';
import { serviceTierFromText, serviceTierFromWord, usageClassFromText } from '../usage-words';
import type { InstantResult } from '../values/dates';
import { decimalToNanos, decimalToNumber } from '../values/numbers';
import { blankToNull, clip } from '../values/text';

/** Reads a logical field ("amount", "start", "input_tokens") of one item; null when absent or blank. */
export type Getter = (field: string) => string | null;

export interface LineItem {
  modelRaw: string | null;
  model: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  chargeCategory: ChargeCategory;
}

const lineItemCache = new Map<string, LineItem>();

/**
 * Reads a costs line_item ("gpt-4o-2024-08-06, cached input", "o3, output
 * (batch)", "Web search tool calls"): the model before the last comma, the
 * token kind and tier after it.
 */
export function parseLineItem(text: string | null): LineItem {
  const key = text ?? '';
  const hit = lineItemCache.get(key);
  if (hit) return hit;
  let result: LineItem;
  if (text === null || text.trim() === '') {
    result = { modelRaw: null, model: null, usageClass: 'other', serviceTier: 'standard', chargeCategory: 'usage' };
  } else {
    const lower = text.toLowerCase();
    const comma = text.lastIndexOf(',');
    const left = comma >= 0 ? text.slice(0, comma).trim() : '';
    const right = comma >= 0 ? text.slice(comma + 1) : text;
    let modelRaw: string | null = left === '' ? null : left;
    let model = modelRaw === null ? null : normaliseModelId(modelRaw, { provider: 'openai' }).modelId;
    if (modelRaw === null) {
      const guess = normaliseModelId(text, { provider: 'openai' });
      if (guess.known) {
        modelRaw = text;
        model = guess.modelId;
      }
    }
    const chargeCategory: ChargeCategory = /\brefund/.test(lower) ? 'refund' : /\bcredit/.test(lower) ? 'credit' : /\btax\b|\bvat\b/.test(lower) ? 'tax' : 'usage';
    result = {
      modelRaw,
      model,
      usageClass: usageClassFromText(right) ?? 'other',
      serviceTier: serviceTierFromText(right),
      chargeCategory,
    };
  }
  if (lineItemCache.size > 5000) lineItemCache.clear();
  lineItemCache.set(key, result);
  return result;
}

const TOKEN_CLASSES = new Set<UsageClass>(['input', 'cached_input', 'cache_write_5m', 'cache_write_1h', 'output']);

function period(get: Getter, cells: CellReader, sink: RowSink): { start: string; end: string } | null {
  const startText = get('start') ?? '';
  const s: InstantResult = cells.instant(startText);
  if (!s.ok) {
    sink.reject('start_time', s.reason, clip(startText));
    return null;
  }
  const endText = get('end');
  if (endText === null) return { start: s.iso, end: s.iso };
  const e = cells.instant(endText);
  if (!e.ok) {
    sink.reject('end_time', e.reason, clip(endText));
    return null;
  }
  return { start: s.iso, end: e.iso };
}

/** One costs result (amount.value in currency units) to one line. */
export function mapCostItem(get: Getter, row: number, cells: CellReader, sink: RowSink, amountField: string): void {
  sink.begin(row);
  const amountText = get('amount');
  const amount = amountText === null ? null : cells.number(amountText);
  const currency = (get('currency') ?? '').trim().toUpperCase();
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  if (amount !== null && currencyOk) sink.source(currency, amount);
  if (amount === null) return sink.reject(amountField, amountText === null ? 'amount is missing' : 'amount is not a number', clip(amountText ?? ''));
  if (!currencyOk) return sink.reject('currency', 'currency is not a three-letter code', clip(get('currency') ?? ''));
  const when = period(get, cells, sink);
  if (when === null) return;
  const item = parseLineItem(get('line_item'));
  // The costs API reports money per line item, no token counts: unknown, never zero.
  let quantity: number | null = null;
  const quantityText = get('quantity');
  if (quantityText !== null) {
    const q = cells.number(quantityText);
    if (q === null) return sink.reject('quantity', 'quantity is not a number', clip(quantityText));
    quantity = decimalToNumber(q);
  }
  const line: LedgerLine = {
    chargePeriodStart: when.start,
    chargePeriodEnd: when.end,
    billingPeriod: null,
    chargeCategory: item.chargeCategory,
    provider: 'openai',
    publisher: null,
    billingAccount: blankToNull(get('organization_id')),
    subAccount: blankToNull(get('project_id')),
    credential: blankToNull(get('api_key_id')),
    model: item.model,
    modelRaw: item.modelRaw,
    usageClass: item.usageClass,
    serviceTier: item.serviceTier,
    contextBand: null,
    region: null,
    resourceId: null,
    sku: null,
    description: blankToNull(get('line_item')),
    tags: tagsOf(get),
    quantity,
    unit: blankToNull(get('quantity_unit')) ?? (TOKEN_CLASSES.has(item.usageClass) ? 'tokens' : 'units'),
    billedCost: decimalToNanos(amount),
    effectiveCost: null,
    listCost: null,
    contractedCost: null,
    currency,
    sourceRow: row,
  };
  sink.line(line);
}

function tagsOf(get: Getter): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of ['user_id', 'user_email', 'project_name', 'api_key_name', 'api_source']) {
    const v = get(key);
    if (v !== null && v !== '') tags[key] = v;
  }
  return tags;
}

interface UsageField {
  field: string;
  usageClass: UsageClass;
  unit: string;
  description: string | null;
}

/** Usage counts every usage endpoint may carry, and where they land. */
const USAGE_FIELDS: UsageField[] = [
  { field: 'output_tokens', usageClass: 'output', unit: 'tokens', description: null },
  { field: 'input_audio_tokens', usageClass: 'other', unit: 'audio input tokens', description: 'audio input tokens' },
  { field: 'output_audio_tokens', usageClass: 'other', unit: 'audio output tokens', description: 'audio output tokens' },
  { field: 'images', usageClass: 'image', unit: 'images', description: null },
  { field: 'characters', usageClass: 'other', unit: 'characters', description: 'speech characters' },
  { field: 'seconds', usageClass: 'audio_second', unit: 'seconds', description: null },
  { field: 'usage_bytes', usageClass: 'storage', unit: 'bytes', description: 'vector store bytes' },
  { field: 'num_sessions', usageClass: 'tool_call', unit: 'sessions', description: 'code interpreter sessions' },
  { field: 'num_model_requests', usageClass: 'request', unit: 'requests', description: null },
];

/**
 * One usage result to one line per non-zero count. input_tokens INCLUDES
 * input_cached_tokens, so uncached input is their difference. Usage has no
 * cost: billed cost is 0 and the price book prices it.
 */
export function mapUsageItem(get: Getter, row: number, cells: CellReader, sink: RowSink): void {
  sink.begin(row);
  const when = period(get, cells, sink);
  if (when === null) return;
  const counts = new Map<string, number>();
  const read = (field: string): number | null | false => {
    const text = get(field);
    if (text === null) return null;
    const q = cells.number(text);
    if (q === null || q.scale > 0 && q.digits % 10n ** BigInt(q.scale) !== 0n) {
      sink.reject(field, `${field} is not a whole number`, clip(text));
      return false;
    }
    const n = decimalToNumber(q);
    counts.set(field, n);
    return n;
  };
  const input = read('input_tokens');
  if (input === false) return;
  const cached = read('input_cached_tokens');
  if (cached === false) return;
  for (const f of USAGE_FIELDS) if (read(f.field) === false) return;
  if (input !== null && cached !== null && cached > input && input >= 0) {
    return sink.reject('input_cached_tokens', `cached tokens (${cached}) exceed input tokens (${input}), which include them`, String(cached));
  }
  const modelRaw = blankToNull(get('model'));
  const model = modelRaw === null ? null : normaliseModelId(modelRaw, { provider: 'openai' }).modelId;
  const batch = (get('batch') ?? '').toLowerCase();
  const serviceTier: ServiceTier = batch === 'true' || batch === '1' ? 'batch' : serviceTierFromWord(get('service_tier'));
  const tags = tagsOf(get);
  const base = {
    chargePeriodStart: when.start,
    chargePeriodEnd: when.end,
    billingPeriod: null,
    chargeCategory: 'usage' as const,
    provider: 'openai',
    publisher: null,
    billingAccount: blankToNull(get('organization_id')),
    subAccount: blankToNull(get('project_id')),
    credential: blankToNull(get('api_key_id')),
    model,
    modelRaw,
    serviceTier,
    contextBand: null,
    region: null,
    resourceId: null,
    sku: null,
    tags,
    billedCost: 0n,
    effectiveCost: null,
    listCost: null,
    contractedCost: null,
    currency: 'USD',
    sourceRow: row,
  };
  const emit = (usageClass: UsageClass, quantity: number, unit: string, description: string | null): void => {
    if (quantity === 0) return;
    sink.line({ ...base, usageClass, quantity, unit, description });
  };
  if (input !== null) emit('input', input - (cached ?? 0), 'tokens', null);
  if (cached !== null) emit('cached_input', cached, 'tokens', null);
  for (const f of USAGE_FIELDS) {
    const n = counts.get(f.field);
    if (n !== undefined) emit(f.usageClass, n, f.unit, f.description);
  }
}
