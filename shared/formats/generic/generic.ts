/**
 * Generic CSV or XLSX with a user column mapping (see mapping.ts). Never
 * auto-detected on its own: the wizard offers it when no vendor format
 * matches, and a saved mapping detects a file whose header has every column
 * it names.
 *
 * Source total: the column mapped to billedCost (plus per-line cost columns
 * when `lines` name them), per currency.
 */
import { addDaysToInstant } from '../../domain/calendar';
import type { LedgerLine } from '../../domain/ledger-line';
import type { ScaledDecimal } from '../../domain/money';
import { normaliseModelId } from '../../domain/model-ids';
import { isChargeCategory, isServiceTier, isUsageClass, type ChargeCategory, type ServiceTier, type UsageClass } from '../../domain/usage';
import { WorkbenchError } from '../../domain/errors';
import { CellReader } from '../cells';
import { Columns, cell, presentColumns } from '../columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from '../types';
import { serviceTierFromText, serviceTierFromWord, usageClassFromText } from '../usage-words';
import { inferDateOrder, monthOf } from '../values/dates';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, multiplyDecimal, parseUnit } from '../values/numbers';
import { blankToNull, clip, providerSlug } from '../values/text';
import { mappedColumns, type FieldSource, type GenericMapping, type MappableField } from './mapping';

/** A saved mapping recognises a file when the header has every column it reads. */
export function detectWithMapping(sample: FormatSample, mapping: GenericMapping): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const needed = mappedColumns(mapping);
  const present = presentColumns(sample.header, needed);
  if (present.length < needed.length) return null;
  return { formatId: 'generic', version: mapping.name ?? 'mapping', confidence: 0.95, decidedBy: present, kind: 'tabular' };
}

type Reader = (values: readonly string[]) => string;

function compileSource(source: FieldSource | undefined, c: Columns, field: string): { read: Reader; column: string } | null {
  if (source === undefined) return null;
  if (typeof source === 'string') {
    const i = c.require(source);
    return { read: (v) => cell(v, i), column: source };
  }
  if ('value' in source) {
    const constant = source.value;
    return { read: () => constant, column: field };
  }
  const i = c.require(source.column);
  const map = source.map ? new Map(Object.entries(source.map).map(([k, v]) => [k.trim().toLowerCase(), v])) : null;
  const fallback = source.default;
  return {
    read: (v) => {
      const raw = cell(v, i).trim();
      if (map) {
        const hit = map.get(raw.toLowerCase());
        if (hit !== undefined) return hit;
        if (fallback !== undefined) return fallback;
      }
      return raw === '' && fallback !== undefined ? fallback : raw;
    },
    column: source.column,
  };
}

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('generic mappings read tabular files');
  if (options.mapping === undefined) {
    throw new WorkbenchError('bad_input', 'the generic format needs a column mapping (map the columns in the wizard or pass --mapping FILE)', { file: options.fileName, field: 'mapping' });
  }
  const mapping = options.mapping;
  const c = new Columns(sample.header, options.fileName);
  const f = {} as Record<MappableField, { read: Reader; column: string } | null>;
  for (const key of Object.keys(mapping.columns) as MappableField[]) f[key] = compileSource(mapping.columns[key], c, key);
  const get = (key: MappableField, values: readonly string[]): string => f[key]?.read(values) ?? '';
  const has = (key: MappableField): boolean => (f[key] ?? null) !== null;
  const tagColumns: [string, number][] = Array.isArray(mapping.tags)
    ? mapping.tags.map((t) => [t, c.require(t)])
    : Object.entries(mapping.tags ?? {}).map(([k, col]) => [k, c.require(col)]);
  const lines = (mapping.lines ?? []).map((l) => ({
    usageClass: l.usageClass,
    unit: l.unit,
    quantity: c.require(l.quantity),
    quantityName: l.quantity,
    cost: l.billedCost === undefined ? -1 : c.require(l.billedCost),
    costName: l.billedCost ?? '',
  }));

  const costColumn = f.billedCost?.column ?? 'billedCost';
  const costIndex = c.index(costColumn);
  const startIndex = c.index(f.chargePeriodStart?.column ?? '');
  const decimal = options.decimal ?? mapping.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, costIndex)));
  const dateOrder = options.dateOrder ?? mapping.dateOrder ?? inferDateOrder(sample.rows.map((r) => cell(r, startIndex)), 'mdy');
  const cells = new CellReader(decimal, dateOrder);

  const money = (values: readonly string[], key: MappableField, sink: RowSink): bigint | null | false => {
    if (!has(key)) return null;
    const text = get(key, values);
    if (text.trim() === '') return null;
    const v = cells.number(text);
    if (v === null) {
      sink.reject(f[key]?.column ?? key, `${key} is not a number`, clip(text));
      return false;
    }
    return decimalToNanos(v);
  };

  return {
    map(record, row, sink) {
      const values = record as readonly string[];
      sink.begin(row);
      const currency = get('currency', values).trim().toUpperCase();
      const currencyOk = /^[A-Z]{3}$/.test(currency);
      const costText = get('billedCost', values);
      const cost: ScaledDecimal | null = costText.trim() === '' ? { digits: 0n, scale: 0 } : cells.number(costText);
      const lineCosts: (ScaledDecimal | null)[] = lines.map((l) => (l.cost < 0 ? null : cells.number(cell(values, l.cost))));
      if (currencyOk) {
        if (cost !== null && costText.trim() !== '') sink.source(currency, cost);
        lineCosts.forEach((lc) => lc !== null && sink.source(currency, lc));
      }
      if (cost === null) return sink.reject(costColumn, 'cost is not a number', clip(costText));
      const badLineCost = lines.findIndex((l, i) => l.cost >= 0 && lineCosts[i] === null && cell(values, l.cost).trim() !== '');
      if (badLineCost >= 0) return sink.reject(lines[badLineCost]?.costName ?? 'billedCost', 'cost is not a number', clip(cell(values, lines[badLineCost]?.cost ?? -1)));
      if (!currencyOk) return sink.reject(f.currency?.column ?? 'currency', 'currency is not a three-letter code', clip(get('currency', values)));

      const startText = get('chargePeriodStart', values);
      const s = cells.instant(startText);
      if (!s.ok) return sink.reject(f.chargePeriodStart?.column ?? 'chargePeriodStart', s.reason, clip(startText));
      let end = s.dateOnly ? addDaysToInstant(s.iso, 1) : s.iso;
      if (has('chargePeriodEnd') && get('chargePeriodEnd', values).trim() !== '') {
        const e = cells.instant(get('chargePeriodEnd', values));
        if (!e.ok) return sink.reject(f.chargePeriodEnd?.column ?? 'chargePeriodEnd', e.reason, clip(get('chargePeriodEnd', values)));
        end = e.iso;
      }
      const effective = money(values, 'effectiveCost', sink);
      if (effective === false) return;
      const list = money(values, 'listCost', sink);
      if (list === false) return;
      const contracted = money(values, 'contractedCost', sink);
      if (contracted === false) return;

      const categoryText = get('chargeCategory', values).trim().toLowerCase();
      const chargeCategory: ChargeCategory = categoryText === '' ? 'usage' : isChargeCategory(categoryText) ? categoryText : 'adjustment';
      const modelRaw = blankToNull(get('model', values));
      const normalised = modelRaw === null ? null : normaliseModelId(modelRaw);
      const tierText = get('serviceTier', values).trim().toLowerCase();
      const serviceTier: ServiceTier = tierText === '' ? 'standard' : isServiceTier(tierText) ? tierText : serviceTierFromWord(tierText) !== 'standard' ? serviceTierFromWord(tierText) : serviceTierFromText(tierText);
      const classText = get('usageClass', values).trim();
      const usageClass: UsageClass = classText === '' ? 'other' : isUsageClass(classText) ? classText : (usageClassFromText(classText) ?? 'other');

      const tags: Record<string, string> = {};
      for (const [key, i] of tagColumns) {
        const v = cell(values, i);
        if (v !== '' && key !== '__proto__') tags[key] = v;
      }
      const provider = blankToNull(get('provider', values));
      const publisher = blankToNull(get('publisher', values));
      const base = {
        chargePeriodStart: s.iso,
        chargePeriodEnd: end,
        billingPeriod: has('billingPeriod') ? monthOf(get('billingPeriod', values)) : null,
        chargeCategory,
        provider: provider === null ? 'unknown' : providerSlug(provider),
        publisher: publisher === null ? (normalised?.developer ?? null) : providerSlug(publisher),
        billingAccount: blankToNull(get('billingAccount', values)),
        subAccount: blankToNull(get('subAccount', values)),
        credential: blankToNull(get('credential', values)),
        model: normalised?.modelId ?? null,
        modelRaw,
        serviceTier,
        contextBand: blankToNull(get('contextBand', values)),
        region: blankToNull(get('region', values)),
        resourceId: blankToNull(get('resourceId', values)),
        sku: blankToNull(get('sku', values)),
        description: blankToNull(get('description', values)),
        tags,
        effectiveCost: effective,
        listCost: list,
        contractedCost: contracted,
        currency,
        sourceRow: row,
      };
      if (base.publisher === base.provider) base.publisher = null;

      if (lines.length === 0) {
        const unitText = get('unit', values).trim();
        const unit = parseUnit(unitText);
        let quantity: number | null = null;
        const qText = get('quantity', values);
        if (qText.trim() !== '') {
          const q = cells.number(qText);
          if (q === null) return sink.reject(f.quantity?.column ?? 'quantity', 'quantity is not a number', clip(qText));
          quantity = decimalToNumber(unit.factor === 1n ? q : multiplyDecimal(q, unit.factor));
        }
        const line: LedgerLine = { ...base, usageClass, quantity, unit: unit.tokens || unit.unit === 'hours' ? unit.unit : unitText === '' ? 'units' : unitText, billedCost: decimalToNanos(cost) };
        return sink.line(line);
      }
      const made: LedgerLine[] = [];
      let rowCostUsed = false;
      for (let i = 0; i < lines.length; i += 1) {
        const l = lines[i]!;
        const qText = cell(values, l.quantity);
        let quantity: number | null = null;
        if (qText.trim() !== '') {
          const q = cells.number(qText);
          if (q === null) return sink.reject(l.quantityName, 'quantity is not a number', clip(qText));
          quantity = decimalToNumber(q);
        }
        const own = lineCosts[i] ?? null;
        let billed = own === null ? 0n : decimalToNanos(own);
        if (own === null && !rowCostUsed) {
          billed = decimalToNanos(cost);
          rowCostUsed = true;
        }
        if ((quantity === null || quantity === 0) && billed === 0n) continue;
        made.push({ ...base, usageClass: l.usageClass, quantity, unit: l.unit ?? 'tokens', billedCost: billed });
      }
      if (!rowCostUsed && cost.digits !== 0n) {
        // Every entry had its own cost column: the row's cost is still imported, on a line of its own.
        made.push({ ...base, usageClass: 'other', quantity: null, unit: 'units', billedCost: decimalToNanos(cost) });
      }
      for (const line of made) sink.line(line);
    },
  };
}

export const genericFormat: FormatModule<'generic'> = {
  id: 'generic',
  label: 'Generic CSV or XLSX with a column mapping',
  kinds: ['tabular'],
  costBasis: 'the column mapped to billedCost, per currency',
  detect: () => null,
  createMapper,
};
