/**
 * Fuzzing the pure format layer with fast-check: every value parser, the
 * model normaliser and every format mapper see 10,000 generated inputs each
 * (small ones, so the suite stays fast). Properties: nothing throws (bad
 * data is rejected, never thrown), accepted lines are well-formed, and every
 * file reconciles: source = imported + rejected, to the cent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { normaliseModelId } from '../../../shared/domain/model-ids';
import { parseScaledDecimal } from '../../../shared/domain/money';
import { CHARGE_CATEGORIES, SERVICE_TIERS, USAGE_CLASSES } from '../../../shared/domain/usage';
import { LEDGER_CSV_COLUMNS } from '../../../shared/domain/ledger-csv';
import { parseMapping } from '../../../shared/formats/generic/mapping-schema';
import { formatById, FORMATS, type FormatId } from '../../../shared/formats/registry';
import { mapRecords } from '../../../shared/formats/run';
import type { FormatSample, SourceRecord } from '../../../shared/formats/types';
import { parseInstant } from '../../../shared/formats/values/dates';
import { fromPlain, type JsonValue } from '../../../shared/formats/values/json';
import { canonicalDecimal, parseDecimal, parseUnit } from '../../../shared/formats/values/numbers';
import { parseTags } from '../../../shared/formats/values/tags';

// AISPEND_FUZZ_RUNS raises the count for a longer hunt; the test run uses 10,000.
const RUNS = Math.max(10_000, Number(process.env.AISPEND_FUZZ_RUNS ?? 0));
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** Text that looks like the cells of a bill: numbers in many spellings, dates, words, junk. */
const numberText = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([a, b]) => `${a},${String(b).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${String(b).padStart(3, '0')},5`),
  fc.constantFrom('4.2e-05', '1E3', '-0', '(12.50)', '$1,000.25', '1e999', '.', '-', '1.2.3', '0x10', 'NaN', 'Infinity'),
);
const dateText = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1890, max: 3100 })).map(([a, b, y]) => `${a}/${b}/${y}`),
  fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 14 }), fc.integer({ min: 1890, max: 3100 })).map(([d, m, y]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.integer({ min: 0, max: 9_999_999_999_999 }).map(String),
  fc.constantFrom('2026-02-30', '2026-03-01 00:00:00 UTC', '2026-03-01T00:00:00+14:00', '2026-03-01T24:00:00Z', '3/5/2026 12:00 PM', '31.12.2026'),
);
const wordText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('USD', 'EUR', 'usd', 'US', 'Usage', 'Credit', 'Tax', 'Purchase', 'Refund', 'Adjustment', 'input', 'output', 'Tokens', '1K', '1M', '1 Hour', 'batch', 'true', 'standard'),
  fc.constantFrom('gpt-4o-2024-08-06, input', 'USE1-Claude4Sonnet-input-tokens', 'gpt-4o-mini-0718-Inp-glbl Tokens', 'Gemini 2.5 Flash GA Text Input - Predictions', '=HYPERLINK("x")', '@SUM(A1)'),
  fc.constantFrom('{"ModelId":"gpt-4o","TokenDirection":"Input"}', '{"team":"a"}', '[{"key":"k","value":"v"}]', '[{"amount":-0.5,"name":"c"}]', '{', '"a": "b"', '{"__proto__":{"x":1}}'),
);
const cellText = fc.oneof({ weight: 3, arbitrary: numberText }, { weight: 2, arbitrary: dateText }, { weight: 3, arbitrary: wordText }, { weight: 1, arbitrary: fc.constant('') });

const CLASSES = new Set<string>(USAGE_CLASSES);
const TIERS = new Set<string>(SERVICE_TIERS);
const CATEGORIES = new Set<string>(CHARGE_CATEGORIES);

/** Plain checks (expect() per field would dominate the run time of 10,000 inputs). */
function checkLine(line: LedgerLine): void {
  const problems: string[] = [];
  if (!ISO_INSTANT.test(line.chargePeriodStart) || !Number.isFinite(Date.parse(line.chargePeriodStart))) problems.push('chargePeriodStart');
  if (!ISO_INSTANT.test(line.chargePeriodEnd)) problems.push('chargePeriodEnd');
  if (!/^[A-Z]{3}$/.test(line.currency)) problems.push('currency');
  if (typeof line.billedCost !== 'bigint') problems.push('billedCost');
  if (line.quantity !== null && !Number.isFinite(line.quantity)) problems.push('quantity'); // null: not reported
  if (!CLASSES.has(line.usageClass)) problems.push('usageClass');
  if (!TIERS.has(line.serviceTier)) problems.push('serviceTier');
  if (!CATEGORIES.has(line.chargeCategory)) problems.push('chargeCategory');
  if (typeof line.provider !== 'string' || line.provider === '') problems.push('provider');
  if (problems.length > 0) throw new Error(`malformed line (${problems.join(', ')}): ${JSON.stringify(line, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`);
}

function checkRun(format: FormatId, sample: FormatSample, records: SourceRecord[]): void {
  const module = formatById(format);
  if (!module) throw new Error(format);
  let mapper;
  try {
    mapper = module.createMapper(sample, { fileName: 'fuzz', mapping: format === 'generic' ? GENERIC_MAPPING : undefined });
  } catch (error) {
    // Binding to a file may only fail with a WorkbenchError naming the problem.
    if (!isWorkbenchError(error)) throw error;
    return;
  }
  const { lines, summary } = mapRecords(mapper, 'fuzz', records);
  accepted += lines.length;
  lines.forEach(checkLine);
  for (const r of summary.reconciliation) if (!r.reconciles) throw new Error(`does not reconcile: ${JSON.stringify(r)}`);
  if (summary.rowsImported + summary.rowsRejected !== summary.rowsRead) throw new Error('rows do not add up');
}

const GENERIC_MAPPING = parseMapping({
  columns: { chargePeriodStart: 'start', billedCost: 'cost', currency: 'currency', model: 'model', usageClass: { column: 'kind', map: { prompt: 'input' } }, quantity: 'qty', unit: 'unit' },
  tags: ['team'],
});

/** One group of a FOCUS push-down result (the ledger-aggregate fixture's first group). */
const AGGREGATE_HEADER = ['aispend_row', 'aispend_source', 'aispend_source_version', 'aispend_source_rows', 'charge_day', 'period_start', 'period_end', 'currency', 'billed_cost', 'charge_category', 'usage_class', 'service_tier', 'src_ChargeCategory', 'src_ServiceProviderName', 'src_SkuPriceDetails', 'src_ConsumedUnit', 'src_ConsumedQuantity', 'tag_team'];
const AGGREGATE_ROW = ['group', 'focus', '1.3', '3', '2026-03-01', '2026-03-01 00:00:00+00', '2026-03-02 00:00:00+00', 'USD', '10.25', 'usage', 'input', 'standard', 'Usage', 'OpenAI', '{"ModelId":"gpt-4o-2024-08-06","TokenDirection":"Input"}', 'Tokens', '4100000', 'lending'];

/** One ledger CSV row as the workbench writes it. */
const LEDGER_ROW: Partial<Record<(typeof LEDGER_CSV_COLUMNS)[number], string>> = {
  chargePeriodStart: '2026-03-01T00:00:00Z',
  chargePeriodEnd: '2026-03-02T00:00:00Z',
  billingPeriod: '2026-03',
  chargeCategory: 'usage',
  provider: 'openai',
  model: 'gpt-4o',
  modelRaw: 'gpt-4o-2024-08-06',
  usageClass: 'input',
  serviceTier: 'standard',
  tags: '{"team":"a"}',
  quantity: '1000',
  unit: 'token',
  billedCost: '0.0025',
  currency: 'USD',
};

/**
 * Per format of the registry and each kind of record it reads: a header and
 * one valid row to mutate (tabular), or one valid record (JSON), so that most
 * fuzz runs sit close to real data. Keyed by FormatId: a new format without
 * seeds does not compile, and a kind it reads without a seed fails below.
 */
const SEEDS: Record<FormatId, { tabular?: { header: string[]; row: string[] }; json?: Record<string, unknown> }> = {
  focus: { tabular: { header: ['BilledCost', 'BillingCurrency', 'ChargeCategory', 'ChargePeriodStart', 'ChargePeriodEnd', 'EffectiveCost', 'ListCost', 'ConsumedQuantity', 'ConsumedUnit', 'SkuPriceDetails', 'SkuMeter', 'Tags', 'ProviderName', 'x_Extra'], row: ['1.25', 'USD', 'Usage', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '1.25', '', '1000', '1K Tokens', '{"ModelId":"gpt-4o","TokenDirection":"Input"}', 'Input Tokens', '{"team":"a"}', 'OpenAI', 'x'] } },
  'openai-costs': { json: { start_time: 1772323200, end_time: 1772409600, results: [{ object: 'organization.costs.result', amount: { value: 4.2e-5, currency: 'usd' }, line_item: 'gpt-4o, input', project_id: 'p' }] } },
  'openai-usage': { json: { start_time: 1772323200, end_time: 1772409600, results: [{ input_tokens: 100, input_cached_tokens: 40, output_tokens: 5, num_model_requests: 1, model: 'gpt-4o-mini', batch: false }] } },
  'openai-dashboard-csv': { tabular: { header: ['start_time', 'end_time', 'amount_value', 'amount_currency', 'line_item', 'project_id', 'quantity'], row: ['1772323200', '1772409600', '0.5', 'usd', 'gpt-4o-2024-08-06, input', 'proj_a', ''] } },
  'anthropic-usage': { tabular: { header: ['starting_at', 'uncached_input_tokens', 'cache_read_input_tokens', 'output_tokens', 'model', 'service_tier'], row: ['2026-03-01T00:00:00Z', '100', '20', '30', 'claude-sonnet-4-5', 'standard'] }, json: { starting_at: '2026-03-01T00:00:00Z', ending_at: '2026-03-02T00:00:00Z', results: [{ uncached_input_tokens: 10, cache_creation: { ephemeral_5m_input_tokens: 2 }, output_tokens: 3, model: 'claude-sonnet-4-5' }] } },
  'anthropic-cost': { tabular: { header: ['starting_at', 'ending_at', 'amount', 'currency', 'cost_type', 'token_type', 'model', 'service_tier'], row: ['2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '123.45', 'USD', 'tokens', 'output_tokens', 'claude-sonnet-4-5', 'batch'] }, json: { starting_at: '2026-03-01T00:00:00Z', ending_at: '2026-03-02T00:00:00Z', results: [{ amount: '123.45', currency: 'USD', cost_type: 'tokens', token_type: 'output_tokens', model: 'claude-sonnet-4-5' }] } },
  'aws-cur': { tabular: { header: ['line_item_line_item_type', 'line_item_usage_start_date', 'line_item_usage_end_date', 'line_item_product_code', 'line_item_usage_type', 'line_item_usage_amount', 'line_item_unblended_cost', 'line_item_currency_code', 'pricing_unit', 'product', 'resource_tags'], row: ['Usage', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', 'AmazonBedrock', 'USE1-Claude4Sonnet-input-tokens', '10', '0.03', 'USD', '1K tokens', '{"product_name":"Amazon Bedrock"}', '{"user_team":"a"}'] } },
  'azure-cost': { tabular: { header: ['Date', 'MeterCategory', 'MeterName', 'UnitOfMeasure', 'Quantity', 'CostInBillingCurrency', 'BillingCurrencyCode', 'ChargeType', 'Tags'], row: ['03/01/2026', 'Cognitive Services', 'gpt-4o-mini-0718-Inp-glbl Tokens', '1K', '12.5', '0.002', 'EUR', 'Usage', '"team": "a"'] } },
  'gcp-billing': { tabular: { header: ['usage_start_time', 'usage_end_time', 'sku_description', 'service_description', 'cost', 'currency', 'usage_amount', 'credits', 'labels', 'invoice_month', 'cost_type'], row: ['2026-03-01 00:00:00 UTC', '2026-03-01 01:00:00 UTC', 'Gemini 2.5 Flash GA Text Input - Predictions', 'Vertex AI', '1.5', 'USD', '1000', '[{"name":"c","amount":-0.5}]', '[{"key":"k","value":"v"}]', '202603', 'regular'] }, json: { usage_start_time: '2026-03-01 00:00:00 UTC', sku: { description: 'Gemini 2.5 Flash GA Text Input - Predictions' }, cost: 1.5, currency: 'USD', credits: [{ amount: -0.5, name: 'c' }], labels: [{ key: 'k', value: 'v' }] } },
  'aispend-ledger': { tabular: { header: [...LEDGER_CSV_COLUMNS], row: LEDGER_CSV_COLUMNS.map((c) => LEDGER_ROW[c] ?? '') } },
  'ledger-aggregate': { tabular: { header: AGGREGATE_HEADER, row: AGGREGATE_ROW }, json: Object.fromEntries(AGGREGATE_HEADER.map((h, i) => [h, AGGREGATE_ROW[i]])) },
  generic: { tabular: { header: ['start', 'cost', 'currency', 'model', 'kind', 'qty', 'unit', 'team'], row: ['2026-03-01T10:00:00Z', '0.0045', 'USD', 'gpt-4o', 'prompt', '1000', 'tokens', 'a'] } },
};
let accepted = 0;

function mutated(template: string[]): fc.Arbitrary<string[]> {
  return fc.array(fc.tuple(fc.nat({ max: template.length - 1 }), cellText), { minLength: 0, maxLength: 3 }).map((edits) => {
    const row = template.slice();
    for (const [i, v] of edits) row[i] = v;
    return row;
  });
}

describe('fuzzing value parsers', () => {
  it(`decimal parsing never throws; what it accepts is canonical (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(numberText, fc.string({ maxLength: 20 })), fc.constantFrom('.', ','), (text, style) => {
        const value = parseDecimal(text, style as '.' | ',');
        if (value !== null) {
          const canonical = canonicalDecimal(text, style as '.' | ',') as string;
          expect(parseScaledDecimal(canonical)).toEqual(value);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`date parsing never throws; what it accepts is a real UTC instant (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(dateText, fc.string({ maxLength: 30 })), fc.constantFrom('mdy', 'dmy'), (text, order) => {
        const result = parseInstant(text, order as 'mdy' | 'dmy');
        if (result.ok) {
          expect(result.iso).toMatch(ISO_INSTANT);
          expect(new Date(result.iso).toISOString().replace('.000Z', 'Z')).toBe(result.iso);
        } else expect(result.reason.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it(`model normalising never throws and keeps the raw spelling (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), wordText, fc.stringMatching(/^[A-Z]{3}\d-[A-Za-z0-9.]{1,12}-(input|output)-tokens$/)), (raw) => {
        const result = normaliseModelId(raw);
        expect(result.raw).toBe(raw);
        expect(typeof result.modelId).toBe('string');
      }),
      { numRuns: RUNS },
    );
  });

  it(`tag and unit parsing never throw (${RUNS} inputs)`, () => {
    fc.assert(
      fc.property(fc.oneof(wordText, fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 })), (text) => {
        const tags = parseTags(text);
        if (tags !== null) for (const v of Object.values(tags)) expect(typeof v).toBe('string');
        parseUnit(text);
      }),
      { numRuns: RUNS },
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('fuzzing format mappers', () => {
  it('has a fuzz seed for every format of the registry and every kind of record it reads', () => {
    const missing = FORMATS.flatMap((f) => f.kinds.filter((kind) => SEEDS[f.id][kind] === undefined).map((kind) => `${f.id} (${kind})`));
    expect(missing).toEqual([]);
  });

  for (const { id: format } of FORMATS.filter((f) => f.kinds.includes('tabular'))) {
    const seed = SEEDS[format].tabular;
    if (!seed) continue;
    const { header } = seed;
    it(`${format}: any rows are mapped or rejected, never thrown, and reconcile (${RUNS} inputs)`, () => {
      accepted = 0;
      const row = fc.oneof(fc.array(cellText, { minLength: header.length - 1, maxLength: header.length + 1 }), mutated(seed.row));
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 3 }), (rows) => {
          const sample: FormatSample = { kind: 'tabular', fileName: 'fuzz', header, rows };
          checkRun(format, sample, rows.map((values, i) => ({ row: i + 2, record: values })));
        }),
        { numRuns: RUNS },
      );
      // The happy path was exercised too, not only rejections.
      expect(accepted).toBeGreaterThan(RUNS / 10);
    });
  }

  const jsonScalar: fc.Arbitrary<unknown> = fc.oneof(numberText.map((t) => (Number.isFinite(Number(t)) ? Number(t) : t)), dateText, wordText, fc.constant(null), fc.boolean());
  const KEYS = ['start_time', 'end_time', 'starting_at', 'ending_at', 'amount', 'value', 'currency', 'line_item', 'model', 'input_tokens', 'input_cached_tokens', 'output_tokens', 'num_model_requests', 'batch', 'service_tier', 'uncached_input_tokens', 'cache_read_input_tokens', 'cost_type', 'token_type', 'usage_start_time', 'cost', 'credits', 'labels', 'sku', 'description', 'object', 'results', 'data'];
  const jsonRecord: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'xsmall', maxDepth: 3 }, jsonScalar, tie('object'), fc.array(tie('object'), { maxLength: 2 })),
    object: fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 }),
  })).value;

  const RESULT_KEYS = ['amount', 'currency', 'line_item', 'model', 'input_tokens', 'input_cached_tokens', 'output_tokens', 'uncached_input_tokens', 'token_type', 'cost_type', 'batch', 'service_tier'];
  const TOP_KEYS = ['start_time', 'end_time', 'starting_at', 'ending_at', 'usage_start_time', 'cost', 'currency', 'credits', 'labels', 'sku'];
  function mutatedJson(template: Record<string, unknown>): fc.Arbitrary<unknown> {
    return fc.tuple(fc.array(fc.tuple(fc.constantFrom(...TOP_KEYS), fc.oneof(jsonScalar, jsonRecord)), { maxLength: 2 }), fc.array(fc.tuple(fc.constantFrom(...RESULT_KEYS), jsonScalar), { maxLength: 2 })).map(([top, inner]) => {
      const copy = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
      for (const [k, v] of top) copy[k] = v;
      const first = Array.isArray(copy.results) ? (copy.results[0] as Record<string, unknown> | undefined) : undefined;
      if (first) for (const [k, v] of inner) first[k] = v;
      return copy;
    });
  }

  for (const { id: format } of FORMATS.filter((f) => f.kinds.includes('json'))) {
    const seed = SEEDS[format].json;
    if (!seed) continue;
    it(`${format}: any JSON records are mapped or rejected, never thrown, and reconcile (${RUNS} inputs)`, () => {
      accepted = 0;
      const record = fc.oneof(jsonRecord, mutatedJson(seed));
      fc.assert(
        fc.property(fc.array(record, { minLength: 1, maxLength: 3 }), (plain) => {
          const records = plain.map((p) => fromPlain(p)) as JsonValue[];
          checkRun(format, { kind: 'json', fileName: 'fuzz', records }, records.map((record, i) => ({ row: i + 1, record })));
        }),
        { numRuns: RUNS },
      );
      expect(accepted).toBeGreaterThan(RUNS / 10);
    });
  }
});
