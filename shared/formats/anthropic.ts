/**
 * Anthropic Admin API usage report (`/v1/organizations/usage_report/messages`)
 * and cost report (`/v1/organizations/cost_report`), as JSON (pages, bucket
 * arrays, JSON Lines) or as CSV with the result fields as columns (nested
 * fields flattened as `cache_creation.ephemeral_5m_input_tokens` or with
 * underscores).
 *
 * Usage: uncached_input_tokens EXCLUDES cache reads and writes, so each
 * count is its own line: input, cached_input (cache_read_input_tokens),
 * cache_write_5m / cache_write_1h (cache_creation.ephemeral_*), output,
 * tool_call (server_tool_use.web_search_requests). Usage-only.
 *
 * Cost: `amount` is a decimal STRING in the lowest currency unit (cents):
 * "123.45" USD is $1.2345. Source total is amount ÷ 100 exactly, per
 * currency. CSV files from the Console with a `cost_usd` column (dollars)
 * are read as dollars.
 */
import { addDaysToInstant } from '../domain/calendar';
import type { LedgerLine } from '../domain/ledger-line';
import { normaliseModelId } from '../domain/model-ids';
import type { UsageClass } from '../domain/usage';
import { firstResults, forEachResult, rejectNonObject } from './buckets';
import { CellReader } from './cells';
import { Columns, cell, presentColumns } from './columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from './types';
import { serviceTierFromWord } from './usage-words';
import { lineOf, member, pathOf, textOf, type JsonObject, type JsonValue } from './values/json';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, shiftDecimal } from './values/numbers';
import { blankToNull, clip } from './values/text';

type Getter = (field: string) => string | null;

/** Logical field → the spellings a CSV may use for it (the JSON uses the first, as a path). */
const FIELD_SPELLINGS: Record<string, string[]> = {
  start: ['starting_at', 'start_time', 'bucket_start', 'usage_date_utc', 'date'],
  end: ['ending_at', 'end_time', 'bucket_end'],
  uncached_input_tokens: ['uncached_input_tokens'],
  cache_read_input_tokens: ['cache_read_input_tokens'],
  cache_5m: ['cache_creation.ephemeral_5m_input_tokens', 'cache_creation_ephemeral_5m_input_tokens', 'ephemeral_5m_input_tokens'],
  cache_1h: ['cache_creation.ephemeral_1h_input_tokens', 'cache_creation_ephemeral_1h_input_tokens', 'ephemeral_1h_input_tokens'],
  output_tokens: ['output_tokens'],
  web_search_requests: ['server_tool_use.web_search_requests', 'server_tool_use_web_search_requests', 'web_search_requests'],
  amount: ['amount'],
  cost_usd: ['cost_usd'],
  currency: ['currency'],
  cost_type: ['cost_type'],
  token_type: ['token_type'],
  model: ['model'],
  service_tier: ['service_tier'],
  context_window: ['context_window'],
  workspace_id: ['workspace_id', 'workspace'],
  api_key_id: ['api_key_id', 'api_key'],
  description: ['description'],
  inference_geo: ['inference_geo'],
};

const TOKEN_TYPES: Record<string, UsageClass> = {
  uncached_input_tokens: 'input',
  output_tokens: 'output',
  cache_read_input_tokens: 'cached_input',
  'cache_creation.ephemeral_5m_input_tokens': 'cache_write_5m',
  'cache_creation.ephemeral_1h_input_tokens': 'cache_write_1h',
  cache_creation_ephemeral_5m_input_tokens: 'cache_write_5m',
  cache_creation_ephemeral_1h_input_tokens: 'cache_write_1h',
};

function period(get: Getter, cells: CellReader, sink: RowSink): { start: string; end: string } | null {
  const startText = get('start') ?? '';
  const s = cells.instant(startText);
  if (!s.ok) {
    sink.reject('starting_at', s.reason, clip(startText));
    return null;
  }
  const endText = get('end');
  if (endText === null) return { start: s.iso, end: s.dateOnly ? addDaysToInstant(s.iso, 1) : s.iso };
  const e = cells.instant(endText);
  if (!e.ok) {
    sink.reject('ending_at', e.reason, clip(endText));
    return null;
  }
  return { start: s.iso, end: e.iso };
}

function baseLine(get: Getter, when: { start: string; end: string }, row: number) {
  const modelRaw = blankToNull(get('model'));
  const tags: Record<string, string> = {};
  const geo = blankToNull(get('inference_geo'));
  if (geo !== null) tags.inference_geo = geo;
  return {
    chargePeriodStart: when.start,
    chargePeriodEnd: when.end,
    billingPeriod: null,
    chargeCategory: 'usage' as const,
    provider: 'anthropic',
    publisher: null,
    billingAccount: null,
    subAccount: blankToNull(get('workspace_id')),
    credential: blankToNull(get('api_key_id')),
    model: modelRaw === null ? null : normaliseModelId(modelRaw, { provider: 'anthropic' }).modelId,
    modelRaw,
    serviceTier: serviceTierFromWord(get('service_tier')),
    contextBand: blankToNull(get('context_window')),
    region: null,
    resourceId: null,
    sku: null,
    tags,
    effectiveCost: null,
    listCost: null,
    contractedCost: null,
    sourceRow: row,
  };
}

const USAGE_COUNTS: [string, UsageClass, string][] = [
  ['uncached_input_tokens', 'input', 'tokens'],
  ['cache_read_input_tokens', 'cached_input', 'tokens'],
  ['cache_5m', 'cache_write_5m', 'tokens'],
  ['cache_1h', 'cache_write_1h', 'tokens'],
  ['output_tokens', 'output', 'tokens'],
  ['web_search_requests', 'tool_call', 'web search requests'],
];

function mapUsage(get: Getter, row: number, cells: CellReader, sink: RowSink): void {
  sink.begin(row);
  const when = period(get, cells, sink);
  if (when === null) return;
  const quantities: [UsageClass, number, string][] = [];
  for (const [field, usageClass, unit] of USAGE_COUNTS) {
    const text = get(field);
    if (text === null) continue;
    const q = cells.number(text);
    if (q === null || (q.scale > 0 && q.digits % 10n ** BigInt(q.scale) !== 0n)) {
      return sink.reject(FIELD_SPELLINGS[field]?.[0] ?? field, `${field} is not a whole number`, clip(text));
    }
    const n = decimalToNumber(q);
    if (n !== 0) quantities.push([usageClass, n, unit]);
  }
  const base = baseLine(get, when, row);
  for (const [usageClass, quantity, unit] of quantities) {
    const line: LedgerLine = {
      ...base,
      usageClass,
      quantity,
      unit,
      description: usageClass === 'tool_call' ? 'web search' : null,
      billedCost: 0n,
      currency: 'USD',
    };
    sink.line(line);
  }
}

function mapCost(get: Getter, row: number, cells: CellReader, sink: RowSink): void {
  sink.begin(row);
  const centsText = get('amount');
  const dollarsText = centsText === null ? get('cost_usd') : null;
  const amountText = centsText ?? dollarsText;
  const parsed = amountText === null ? null : cells.number(amountText);
  // The API's amount is in cents; a Console cost_usd column is in dollars.
  const amount = parsed === null ? null : centsText !== null ? shiftDecimal(parsed, 2) : parsed;
  const currency = (get('currency') ?? (dollarsText !== null ? 'USD' : '')).trim().toUpperCase();
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  if (amount !== null && currencyOk) sink.source(currency, amount);
  const amountField = centsText !== null ? 'amount' : 'cost_usd';
  if (amount === null) return sink.reject(amountField, amountText === null ? 'amount is missing' : 'amount is not a decimal number', clip(amountText ?? ''));
  if (!currencyOk) return sink.reject('currency', 'currency is not a three-letter code', clip(get('currency') ?? ''));
  const when = period(get, cells, sink);
  if (when === null) return;
  const costType = (get('cost_type') ?? '').toLowerCase();
  const tokenType = (get('token_type') ?? '').toLowerCase();
  let usageClass: UsageClass = 'other';
  let unit = 'units';
  let description = blankToNull(get('description'));
  if (costType === 'web_search') {
    usageClass = 'tool_call';
    unit = 'web search requests';
    description ??= 'web search';
  } else if (costType === 'code_execution') {
    description ??= 'code execution';
  } else if (tokenType !== '') {
    usageClass = TOKEN_TYPES[tokenType] ?? 'other';
    unit = 'tokens';
  }
  const line: LedgerLine = {
    ...baseLine(get, when, row),
    usageClass,
    // The cost report gives money, no token counts: unknown, never zero.
    quantity: null,
    unit,
    description,
    billedCost: decimalToNanos(amount),
    currency,
  };
  sink.line(line);
}

function detectJson(sample: FormatSample, kind: 'usage' | 'cost'): Detection | null {
  if (sample.kind !== 'json') return null;
  const results = firstResults(sample.records);
  const hasBucketTimes = results.some(({ bucket, result }) => member(bucket, 'starting_at') !== undefined || member(result, 'starting_at') !== undefined);
  if (kind === 'usage') {
    const hit = results.find(({ result }) => member(result, 'uncached_input_tokens') !== undefined || member(result, 'cache_creation') !== undefined);
    if (hit) return { formatId: 'anthropic-usage', version: 'v1', confidence: hasBucketTimes ? 1 : 0.8, decidedBy: ['uncached_input_tokens', 'starting_at'], kind: 'json' };
    return null;
  }
  const hit = results.find(({ result }) => typeof member(result, 'amount') === 'string' && (member(result, 'cost_type') !== undefined || member(result, 'token_type') !== undefined || member(result, 'currency') !== undefined));
  if (hit && hasBucketTimes) return { formatId: 'anthropic-cost', version: 'v1', confidence: 1, decidedBy: ['amount (string, cents)', 'cost_type', 'starting_at'], kind: 'json' };
  return null;
}

function detectTabular(sample: FormatSample, kind: 'usage' | 'cost'): Detection | null {
  if (sample.kind !== 'tabular') return null;
  if (kind === 'usage') {
    const cols = presentColumns(sample.header, ['uncached_input_tokens', 'cache_read_input_tokens', 'output_tokens']);
    if (cols.length < 2 || !cols.some((c) => c.toLowerCase() === 'uncached_input_tokens')) return null;
    const time = presentColumns(sample.header, FIELD_SPELLINGS.start ?? []);
    return { formatId: 'anthropic-usage', version: 'csv', confidence: time.length > 0 ? 1 : 0.7, decidedBy: [...cols, ...time], kind: 'tabular' };
  }
  const cols = presentColumns(sample.header, ['amount', 'currency', 'cost_type', 'token_type']);
  const time = presentColumns(sample.header, FIELD_SPELLINGS.start ?? []);
  if (cols.length >= 3 && cols.some((c) => c.toLowerCase() === 'amount') && time.length > 0) {
    return { formatId: 'anthropic-cost', version: 'csv', confidence: 1, decidedBy: [...cols, ...time], kind: 'tabular' };
  }
  const console = presentColumns(sample.header, ['cost_usd', 'token_type', 'model']);
  if (console.length === 3 && time.length > 0) {
    return { formatId: 'anthropic-cost', version: 'console-csv', confidence: 0.8, decidedBy: [...console, ...time], kind: 'tabular' };
  }
  return null;
}

function jsonGetter(bucket: JsonObject, result: JsonObject): Getter {
  return (field) => {
    if (field === 'start' || field === 'end') {
      const key = field === 'start' ? 'starting_at' : 'ending_at';
      return textOf(member(result, key)) ?? textOf(member(bucket, key));
    }
    const path = FIELD_SPELLINGS[field]?.[0] ?? field;
    const v = textOf(pathOf(result, path));
    return v === null || v.trim() === '' ? null : v;
  };
}

function createMapper(kind: 'usage' | 'cost') {
  return (sample: FormatSample, options: MapOptions): RecordMapper => {
    const mapItem = kind === 'usage' ? mapUsage : mapCost;
    if (sample.kind === 'json') {
      const cells = new CellReader('.', options.dateOrder ?? 'mdy');
      return {
        map(record, row, sink) {
          forEachResult(record as JsonValue, (bucket, result) => mapItem(jsonGetter(bucket, result), lineOf(result, row), cells, sink), rejectNonObject(sink, row));
        },
      };
    }
    const c = new Columns(sample.header, options.fileName);
    const index = new Map<string, number>();
    for (const [field, spellings] of Object.entries(FIELD_SPELLINGS)) index.set(field, c.index(...spellings));
    if ((index.get('start') ?? -1) < 0) c.require('starting_at');
    if (kind === 'usage') c.require('uncached_input_tokens');
    else if ((index.get('amount') ?? -1) < 0) c.require('amount', 'cost_usd');
    const amountIndex = index.get('amount') ?? -1;
    const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, amountIndex >= 0 ? amountIndex : (index.get('cost_usd') ?? -1))));
    const cells = new CellReader(decimal, options.dateOrder ?? 'mdy');
    return {
      map(record, row, sink) {
        const values = record as readonly string[];
        const get: Getter = (field) => {
          const v = cell(values, index.get(field) ?? -1).trim();
          return v === '' ? null : v;
        };
        mapItem(get, row, cells, sink);
      },
    };
  };
}

export const anthropicUsageFormat: FormatModule<'anthropic-usage'> = {
  id: 'anthropic-usage',
  label: 'Anthropic usage report (JSON or CSV)',
  kinds: ['json', 'tabular'],
  costBasis: null,
  detect: (sample) => (sample.kind === 'json' ? detectJson(sample, 'usage') : detectTabular(sample, 'usage')),
  createMapper: createMapper('usage'),
};

export const anthropicCostFormat: FormatModule<'anthropic-cost'> = {
  id: 'anthropic-cost',
  label: 'Anthropic cost report (JSON or CSV)',
  kinds: ['json', 'tabular'],
  costBasis: 'amount (a decimal string in cents) ÷ 100 per currency',
  detect: (sample) => (sample.kind === 'json' ? detectJson(sample, 'cost') : detectTabular(sample, 'cost')),
  createMapper: createMapper('cost'),
};
