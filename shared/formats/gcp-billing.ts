/**
 * Google Cloud billing export (the BigQuery standard or detailed usage cost
 * table), extracted as JSON Lines (nested objects), as Parquet (nested
 * structs, which the reader hands over as JSON text) or as CSV from a
 * flattening query (`sku.description` or `sku_description` columns, arrays
 * such as credits and labels as JSON text).
 *
 * Source total: `cost` plus every `credits[].amount`, per `currency`: the
 * usage line carries the gross cost and each credit becomes its own line in
 * charge category credit (net owed = cost + credits), so usage is never
 * netted silently. Vertex AI / Gemini SKUs ("Gemini 2.5 Flash GA Text Input -
 * Predictions") give model, usage class and tier. Labels become tags;
 * invoice.month is the billing period.
 */
import type { LedgerLine } from '../domain/ledger-line';
import type { ScaledDecimal } from '../domain/money';
import { normaliseModelId } from '../domain/model-ids';
import type { ChargeCategory, UsageClass } from '../domain/usage';
import { CellReader } from './cells';
import { GCP_CHARGE_CATEGORY } from './rules/charge-categories';
import { lookupWord, matchTextRules } from './rules/text-rules';
import { GCP_AI_SERVICE, GCP_AI_SKU, GCP_LONG_CONTEXT, GCP_LONG_CONTEXT_BAND } from './rules/usage-rules';
import { Columns, cell, presentColumns } from './columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from './types';
import { lineHint } from './keep';
import { serviceTierFromText, usageClassFromText } from './usage-words';
import { monthOf } from './values/dates';
import { JsonNumber, fromPlain, isJsonObject, lineOf, member, pathOf, textOf, type JsonValue } from './values/json';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, parseUnit } from './values/numbers';
import { blankToNull, clip } from './values/text';

/** A field of one export row: scalar text, or a nested value (credits, labels). */
interface RowAccess {
  text(path: string): string | null;
  value(path: string): JsonValue | undefined;
}


function detect(sample: FormatSample): Detection | null {
  if (sample.kind === 'tabular') {
    const h = sample.header;
    const core = [
      presentColumns(h, ['usage_start_time']),
      presentColumns(h, ['cost']),
      presentColumns(h, ['currency']),
      presentColumns(h, ['sku.description', 'sku_description', 'sku']),
    ];
    if (core.some((found) => found.length === 0)) return null;
    const extra = presentColumns(h, ['service.description', 'service_description', 'service', 'credits', 'invoice.month', 'invoice_month', 'invoice', 'project.id', 'project_id', 'project']);
    return { formatId: 'gcp-billing', version: 'bigquery-export', confidence: extra.length >= 2 ? 1 : 0.8, decidedBy: [...core.map((f) => f[0] as string), ...extra], kind: 'tabular' };
  }
  const hits = sample.records.filter(
    (r) => isJsonObject(r) && member(r, 'usage_start_time') !== undefined && pathOf(r, 'sku.description') !== undefined && member(r, 'cost') !== undefined,
  );
  if (hits.length === 0) return null;
  return { formatId: 'gcp-billing', version: 'bigquery-export', confidence: 1, decidedBy: ['usage_start_time', 'sku.description', 'cost', 'credits'], kind: 'json' };
}


function parseArray(value: JsonValue | undefined, text: string | null): JsonValue[] | null | false {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) {
    if (text === null || text.trim() === '' || text.trim() === '[]') return null;
  }
  const raw = text ?? (typeof value === 'string' ? value : null);
  if (raw === null || raw.trim() === '' || raw.trim() === '[]') return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? (fromPlain(parsed) as JsonValue[]) : false;
  } catch {
    return false;
  }
}

function labelsOf(list: JsonValue[] | null): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!list) return tags;
  for (const item of list) {
    const key = textOf(member(item, 'key'));
    if (key !== null && key !== '__proto__') tags[key] = textOf(member(item, 'value')) ?? '';
  }
  return tags;
}

function mapRow(get: RowAccess, row: number, cells: CellReader, sink: RowSink, jsonNumbers: boolean): void {
  sink.begin(row);
  const currency = (get.text('currency') ?? '').trim().toUpperCase();
  const currencyOk = /^[A-Z]{3}$/.test(currency);
  const costText = get.text('cost');
  const cost = costText === null ? null : cells.number(costText);
  if (cost !== null && currencyOk) sink.source(currency, cost);

  const creditsList = parseArray(get.value('credits'), jsonNumbers ? null : get.text('credits'));
  const credits: { amount: ScaledDecimal; name: string | null; type: string | null; id: string | null }[] = [];
  if (creditsList === false) {
    if (cost === null) return sink.reject('cost', 'cost is not a number', clip(costText ?? ''));
    return sink.reject('credits', 'credits is not a JSON array of {name, amount}', clip(get.text('credits') ?? ''));
  }
  let badCredit: string | null = null;
  for (const credit of creditsList ?? []) {
    const amountValue = member(credit, 'amount');
    const amountText = amountValue instanceof JsonNumber ? amountValue.text : textOf(amountValue);
    const amount = amountText === null ? null : cells.number(amountText);
    if (amount === null) {
      badCredit = amountText ?? '';
      continue;
    }
    if (currencyOk) sink.source(currency, amount);
    credits.push({ amount, name: textOf(member(credit, 'name')), type: textOf(member(credit, 'type')), id: textOf(member(credit, 'id')) });
  }
  if (cost === null) return sink.reject('cost', costText === null ? 'cost is missing' : 'cost is not a number', clip(costText ?? ''));
  if (!currencyOk) return sink.reject('currency', 'currency is not a three-letter code', clip(get.text('currency') ?? ''));
  if (badCredit !== null) return sink.reject('credits', 'a credit amount is not a number', clip(badCredit));

  const startText = get.text('usage_start_time') ?? '';
  const s = cells.instant(startText);
  if (!s.ok) return sink.reject('usage_start_time', s.reason, clip(startText));
  const endText = get.text('usage_end_time');
  let end = s.iso;
  if (endText !== null) {
    const e = cells.instant(endText);
    if (!e.ok) return sink.reject('usage_end_time', e.reason, clip(endText));
    end = e.iso;
  }

  const chargeCategory = lookupWord(GCP_CHARGE_CATEGORY, get.text('cost_type')) as ChargeCategory;
  const service = get.text('service.description') ?? '';
  const skuText = get.text('sku.description') ?? '';
  const aiSku = matchTextRules(GCP_AI_SKU, skuText) !== null;
  const aiLine = matchTextRules(GCP_AI_SERVICE, service) !== null || aiSku;
  let model: string | null = null;
  let modelRaw: string | null = null;
  let publisher: string | null = null;
  if (aiLine && skuText !== '') {
    const m = normaliseModelId(skuText, { provider: 'google' });
    if (m.known || aiSku) {
      model = m.modelId;
      modelRaw = skuText;
      publisher = m.developer !== null && m.developer !== 'google' ? m.developer : null;
    }
  }
  const usageClass: UsageClass = chargeCategory === 'usage' && aiLine ? (usageClassFromText(skuText) ?? 'other') : 'other';
  const tokenClass = usageClass === 'input' || usageClass === 'output' || usageClass === 'cached_input' || usageClass === 'cache_write_5m' || usageClass === 'cache_write_1h';

  let quantity: number | null = null;
  const amountText = get.text('usage.amount');
  const unitText = (get.text('usage.unit') ?? '').trim();
  if (amountText !== null) {
    const q = cells.number(amountText);
    if (q === null) return sink.reject('usage.amount', 'usage amount is not a number', clip(amountText));
    quantity = decimalToNumber(q);
  }
  const unit = parseUnit(unitText);

  let listCost: bigint | null = null;
  const listText = get.text('cost_at_list');
  if (listText !== null) {
    const l = cells.number(listText);
    if (l === null) return sink.reject('cost_at_list', 'cost_at_list is not a number', clip(listText));
    listCost = decimalToNanos(l);
  }

  const labels = parseArray(get.value('labels'), jsonNumbers ? null : get.text('labels'));
  if (labels === false) return sink.reject('labels', 'labels is not a JSON array of {key, value}', clip(get.text('labels') ?? ''));

  const line: LedgerLine = {
    chargePeriodStart: s.iso,
    chargePeriodEnd: end,
    billingPeriod: monthOf(get.text('invoice.month') ?? ''),
    chargeCategory,
    provider: 'google',
    publisher,
    billingAccount: blankToNull(get.text('billing_account_id')),
    subAccount: blankToNull(get.text('project.id')),
    credential: null,
    model,
    modelRaw,
    usageClass,
    serviceTier: aiLine ? serviceTierFromText(skuText) : 'standard',
    contextBand: matchTextRules(GCP_LONG_CONTEXT, skuText) !== null ? GCP_LONG_CONTEXT_BAND : null,
    region: blankToNull(get.text('location.region')) ?? blankToNull(get.text('location.location')),
    resourceId: blankToNull(get.text('resource.name')),
    sku: blankToNull(get.text('sku.id')),
    description: blankToNull(skuText) ?? blankToNull(service),
    tags: labelsOf(labels),
    quantity,
    unit: tokenClass && (unit.tokens || /^(count|tokens?|)$/i.test(unitText)) ? 'tokens' : unitText === '' ? 'units' : unitText,
    billedCost: decimalToNanos(cost),
    effectiveCost: null,
    listCost,
    contractedCost: null,
    currency,
    sourceRow: row,
  };
  const hint = lineHint(service, aiLine);
  sink.line(line, hint);
  for (const credit of credits) {
    sink.line({
      ...line,
      chargeCategory: 'credit',
      quantity: null,
      description: credit.name ?? credit.type ?? 'credit',
      sku: credit.id ?? line.sku,
      billedCost: decimalToNanos(credit.amount),
      listCost: null,
    }, hint);
  }
}

function jsonAccess(record: JsonValue): RowAccess {
  return {
    text: (path) => {
      const v = textOf(pathOf(record, path));
      return v === null || v.trim() === '' ? null : v;
    },
    value: (path) => pathOf(record, path),
  };
}

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  if (sample.kind === 'json') {
    const cells = new CellReader('.', 'mdy');
    return {
      map(record, row, sink) {
        if (!isJsonObject(record as JsonValue)) {
          sink.begin(row);
          return sink.reject('record', 'expected one billing export row as a JSON object');
        }
        mapRow(jsonAccess(record as JsonValue), lineOf(record, row), cells, sink, true);
      },
    };
  }
  const c = new Columns(sample.header, options.fileName);
  // path → [column index, nested key inside a JSON struct column or null]
  const resolved = new Map<string, [number, string | null]>();
  const resolve = (path: string): [number, string | null] => {
    let hit = resolved.get(path);
    if (hit) return hit;
    const direct = c.index(path, path.replace('.', '_'));
    if (direct >= 0 || !path.includes('.')) hit = [direct, null];
    else {
      const [head, ...rest] = path.split('.');
      hit = [c.index(head as string), rest.join('.')];
    }
    resolved.set(path, hit);
    return hit;
  };
  c.require('cost');
  c.require('currency');
  c.require('usage_start_time');
  const structCache = new Map<string, JsonValue | null>();
  const struct = (text: string): JsonValue | null => {
    let hit = structCache.get(text);
    if (hit === undefined) {
      try {
        hit = text.trim().startsWith('{') ? fromPlain(JSON.parse(text)) : null;
      } catch {
        hit = null;
      }
      if (structCache.size > 10_000) structCache.clear();
      structCache.set(text, hit);
    }
    return hit;
  };
  const costIndex = c.index('cost');
  const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, costIndex)));
  const cells = new CellReader(decimal, options.dateOrder ?? 'mdy');
  return {
    map(record, row, sink) {
      const values = record as readonly string[];
      const access: RowAccess = {
        text: (path) => {
          const [index, nested] = resolve(path);
          const raw = cell(values, index);
          if (nested === null) return raw.trim() === '' ? null : raw;
          const v = textOf(pathOf(struct(raw) ?? undefined, nested));
          return v === null || v.trim() === '' ? null : v;
        },
        value: () => undefined,
      };
      mapRow(access, row, cells, sink, false);
    },
  };
}

export const gcpBillingFormat: FormatModule<'gcp-billing'> = {
  id: 'gcp-billing',
  label: 'Google Cloud billing export (BigQuery as CSV, JSON or Parquet)',
  kinds: ['tabular', 'json'],
  costBasis: 'cost + credits[].amount per currency (credits as their own lines)',
  detect,
  createMapper,
};
