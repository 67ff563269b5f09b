/**
 * AWS Cost and Usage Report: CUR 2.0 (Data Exports; snake_case columns with
 * `product` and `resource_tags` map columns) and legacy CUR (`lineItem/
 * UsageType` style CSV headers, or snake_case with flattened `product_*` and
 * `resource_tags_*` columns in Athena/Parquet deliveries).
 *
 * Source total: line_item_unblended_cost per line_item_currency_code. Every
 * line of the file is kept, AI or not, so the file reconciles; Bedrock
 * lines get a model, usage class and tier from their usage type
 * (`USE1-Claude4Sonnet-input-tokens`, `...-cache-read-input-token-count`,
 * batch/flex/priority suffixes, provisioned model units), and Marketplace
 * models (`USW2-MP:USW2_InputTokenCount-Units`) take the model from the
 * product name. Tax, Credit, Refund, fees and Savings Plan lines keep their
 * own charge categories. Quantities are in the pricing unit and scaled to
 * single tokens when the unit is a block of tokens ("1K tokens").
 */
import type { LedgerLine } from '../domain/ledger-line';
import type { ScaledDecimal } from '../domain/money';
import { normaliseModelId } from '../domain/model-ids';
import type { ChargeCategory, ServiceTier, UsageClass } from '../domain/usage';
import { CellReader } from './cells';
import { CUR_CHARGE_CATEGORY } from './rules/charge-categories';
import { lookupWord, matchTextRules } from './rules/text-rules';
import { AWS_BEDROCK_PRODUCT, AWS_MARKETPLACE_USAGE_TYPE, BEDROCK_USAGE_TYPE_CLASS } from './rules/usage-rules';
import { Columns, cell, presentColumns } from './columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from './types';
import { lineHint } from './keep';
import { serviceTierFromText, usageClassFromText } from './usage-words';
import { monthOf } from './values/dates';
import { decimalToNanos, decimalToNumber, inferDecimalStyle, multiplyDecimal, parseUnit } from './values/numbers';
import { parseTags } from './values/tags';
import { blankToNull, clip } from './values/text';

/** Each CUR field under its CUR 2.0 (Athena, Parquet) and legacy spellings; the push-down query reads the same table. */
export const CUR_COLUMNS = {
  lineItemType: ['line_item_line_item_type', 'lineItem/LineItemType'],
  start: ['line_item_usage_start_date', 'lineItem/UsageStartDate'],
  end: ['line_item_usage_end_date', 'lineItem/UsageEndDate'],
  productCode: ['line_item_product_code', 'lineItem/ProductCode'],
  usageType: ['line_item_usage_type', 'lineItem/UsageType'],
  operation: ['line_item_operation', 'lineItem/Operation'],
  usageAmount: ['line_item_usage_amount', 'lineItem/UsageAmount'],
  unblendedCost: ['line_item_unblended_cost', 'lineItem/UnblendedCost'],
  netUnblendedCost: ['line_item_net_unblended_cost', 'lineItem/NetUnblendedCost'],
  currency: ['line_item_currency_code', 'lineItem/CurrencyCode'],
  usageAccount: ['line_item_usage_account_id', 'lineItem/UsageAccountId'],
  payerAccount: ['bill_payer_account_id', 'bill/PayerAccountId'],
  billingPeriodStart: ['bill_billing_period_start_date', 'bill/BillingPeriodStartDate'],
  resourceId: ['line_item_resource_id', 'lineItem/ResourceId'],
  description: ['line_item_line_item_description', 'lineItem/LineItemDescription'],
  region: ['product_region_code', 'product/regionCode', 'product_region', 'product/region'],
  pricingUnit: ['pricing_unit', 'pricing/unit'],
  productName: ['product_product_name', 'product/ProductName', 'product/productName'],
  sku: ['product_sku', 'product/sku'],
  publicOnDemandCost: ['pricing_public_on_demand_cost', 'pricing/publicOnDemandCost'],
  savingsPlanEffectiveCost: ['savings_plan_savings_plan_effective_cost', 'savingsPlan/SavingsPlanEffectiveCost'],
  reservationEffectiveCost: ['reservation_effective_cost', 'reservation/EffectiveCost'],
  productMap: ['product'],
  tagsMap: ['resource_tags'],
} as const;

type Key = keyof typeof CUR_COLUMNS;

function detect(sample: FormatSample): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const core = [CUR_COLUMNS.usageType, CUR_COLUMNS.unblendedCost, CUR_COLUMNS.currency, CUR_COLUMNS.start];
  const found: string[] = [];
  for (const spellings of core) {
    const hit = presentColumns(sample.header, spellings);
    if (hit.length === 0) return null;
    found.push(hit[0] as string);
  }
  const slashStyle = found.some((f) => f.includes('/'));
  const maps = presentColumns(sample.header, ['product', 'resource_tags']);
  const version = slashStyle || maps.length === 0 ? 'legacy' : '2.0';
  const type = presentColumns(sample.header, [...CUR_COLUMNS.lineItemType]);
  return { formatId: 'aws-cur', version, confidence: type.length > 0 ? 1 : 0.85, decidedBy: [...found, ...type, ...maps], kind: 'tabular' };
}


interface BedrockUsage {
  usageClass: UsageClass;
  tier: ServiceTier;
}

const usageTypeCache = new Map<string, BedrockUsage | null>();

/** Usage class and tier from a Bedrock or Marketplace usage type; null when it is not an AI usage type. */
export function parseBedrockUsageType(usageType: string): BedrockUsage | null {
  let hit = usageTypeCache.get(usageType);
  if (hit !== undefined) return hit;
  const usageClass = matchTextRules(BEDROCK_USAGE_TYPE_CLASS, usageType);
  hit = usageClass === null ? null : { usageClass, tier: usageClass === 'provisioned_unit_hour' ? 'provisioned' : serviceTierFromText(usageType.toLowerCase()) };
  if (usageTypeCache.size > 5000) usageTypeCache.clear();
  usageTypeCache.set(usageType, hit);
  return hit;
}

/** A product map cell ('{"product_name": "...", ...}' or '{product_name=..., ...}') → its product name. */
function productNameFromMap(text: string): string | null {
  if (text === '') return null;
  const tags = parseTags(text);
  return tags ? (blankToNull(tags.product_name) ?? blankToNull(tags.productName) ?? null) : null;
}

const NO_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('CUR reads tabular records');
  const c = new Columns(sample.header, options.fileName);
  const col = {} as Record<Key, number>;
  for (const key of Object.keys(CUR_COLUMNS) as Key[]) col[key] = c.index(...CUR_COLUMNS[key]);
  c.require(CUR_COLUMNS.unblendedCost[0], CUR_COLUMNS.unblendedCost[1]);
  c.require(CUR_COLUMNS.currency[0], CUR_COLUMNS.currency[1]);
  c.require(CUR_COLUMNS.start[0], CUR_COLUMNS.start[1]);
  c.require(CUR_COLUMNS.usageType[0], CUR_COLUMNS.usageType[1]);
  const tagColumns: [number, string][] = [];
  sample.header.forEach((h, i) => {
    const name = h.trim();
    if (name.startsWith('resourceTags/')) tagColumns.push([i, name.slice('resourceTags/'.length)]);
    else if (name.startsWith('resource_tags_')) tagColumns.push([i, name.slice('resource_tags_'.length)]);
  });
  const decimal = options.decimal ?? inferDecimalStyle(sample.rows.map((r) => cell(r, col.unblendedCost)));
  const cells = new CellReader(decimal, options.dateOrder ?? 'mdy');
  const name = (key: Key): string => c.name(col[key], CUR_COLUMNS[key][0]);

  const optionalMoney = (values: readonly string[], key: Key, sink: RowSink): bigint | null | false => {
    const text = cell(values, col[key]);
    if (text.trim() === '') return null;
    const v = cells.number(text);
    if (v === null) {
      sink.reject(name(key), `${name(key)} is not a number`, clip(text));
      return false;
    }
    return decimalToNanos(v);
  };

  /**
   * Keep ai: a line that is not AI is summed into its day's aggregate, which
   * reads its period, accounts, category, currency and costs and nothing
   * else, so only those are made (no tags, model, unit or quantity). Every
   * check that can reject a row still runs, so both choices reject the same
   * rows and reconcile to the same totals.
   */
  const summed = options.keep === 'ai';
  const billingPeriodOf = (values: readonly string[]): string | null => (col.billingPeriodStart >= 0 ? monthOf(cell(values, col.billingPeriodStart)) : null);
  const mapSummedLine = (
    values: readonly string[],
    row: number,
    sink: RowSink,
    l: { cost: ScaledDecimal; currency: string; chargeCategory: ChargeCategory; start: string; end: string; effectiveColumn: Key; service: string | null },
  ): void => {
    const amountText = cell(values, col.usageAmount);
    if (amountText.trim() !== '' && cells.number(amountText) === null) return sink.reject(name('usageAmount'), 'usage amount is not a number', clip(amountText));
    const list = optionalMoney(values, 'publicOnDemandCost', sink);
    if (list === false) return;
    const effective = optionalMoney(values, l.effectiveColumn, sink);
    if (effective === false) return;
    sink.line(
      {
        chargePeriodStart: l.start,
        chargePeriodEnd: l.end,
        billingPeriod: billingPeriodOf(values),
        chargeCategory: l.chargeCategory,
        provider: 'aws',
        publisher: null,
        billingAccount: blankToNull(cell(values, col.payerAccount)),
        subAccount: blankToNull(cell(values, col.usageAccount)),
        credential: null,
        model: null,
        modelRaw: null,
        usageClass: 'other',
        serviceTier: 'standard',
        contextBand: null,
        region: null,
        resourceId: null,
        sku: null,
        description: null,
        tags: NO_TAGS,
        quantity: null,
        unit: 'units',
        billedCost: decimalToNanos(l.cost),
        effectiveCost: effective,
        listCost: list,
        contractedCost: null,
        currency: l.currency,
        sourceRow: row,
      },
      lineHint(l.service, false),
    );
  };

  return {
    // The CUR columns looked up above and the resource tag columns; a real export's other hundred-odd are never read.
    columnsRead: [...c.found(), ...tagColumns.map(([i]) => i)],
    map(record, row, sink) {
      const values = record as readonly string[];
      sink.begin(row);
      const costText = cell(values, col.unblendedCost);
      const cost = cells.number(costText);
      const currency = cell(values, col.currency).trim().toUpperCase();
      const currencyOk = /^[A-Z]{3}$/.test(currency);
      if (cost !== null && currencyOk) sink.source(currency, cost);
      if (cost === null) return sink.reject(name('unblendedCost'), 'unblended cost is not a number', clip(costText));
      if (!currencyOk) return sink.reject(name('currency'), 'currency code is not three letters', clip(cell(values, col.currency)));

      const typeText = cell(values, col.lineItemType).trim();
      const chargeCategory = lookupWord(CUR_CHARGE_CATEGORY, typeText) as ChargeCategory;

      const startText = cell(values, col.start);
      const s = cells.instant(startText);
      if (!s.ok) return sink.reject(name('start'), s.reason, clip(startText));
      let end = s.iso;
      const endText = cell(values, col.end);
      if (endText.trim() !== '') {
        const e = cells.instant(endText);
        if (!e.ok) return sink.reject(name('end'), e.reason, clip(endText));
        end = e.iso;
      }

      const usageType = cell(values, col.usageType).trim();
      const productCode = cell(values, col.productCode).trim();
      const productName = blankToNull(cell(values, col.productName)) ?? productNameFromMap(cell(values, col.productMap));
      const bedrock = usageType === '' ? null : parseBedrockUsageType(usageType);
      const aiLine = bedrock !== null || productCode.startsWith('AmazonBedrock') || (productName !== null && matchTextRules(AWS_BEDROCK_PRODUCT, productName) !== null);

      // Amortised cost: a Savings Plan's or reservation's effective cost where the line is covered by one.
      const typeKey = typeText.toLowerCase();
      const effectiveColumn: Key = typeKey === 'savingsplancoveredusage' ? 'savingsPlanEffectiveCost' : typeKey === 'discountedusage' ? 'reservationEffectiveCost' : 'netUnblendedCost';
      if (summed && !aiLine) return mapSummedLine(values, row, sink, { cost, currency, chargeCategory, start: s.iso, end, effectiveColumn, service: productCode === '' ? productName : productCode });

      let model: string | null = null;
      let modelRaw: string | null = null;
      let publisher: string | null = null;
      if (aiLine && chargeCategory !== 'tax') {
        const fromUsageType = usageType === '' ? null : normaliseModelId(usageType, { provider: 'aws' });
        const fromProduct = productName === null ? null : normaliseModelId(productName, { provider: 'aws' });
        const marketplace = matchTextRules(AWS_MARKETPLACE_USAGE_TYPE, usageType) !== null;
        const pick = fromUsageType?.known ? fromUsageType : fromProduct?.known ? fromProduct : marketplace ? fromProduct : fromUsageType;
        if (pick && pick.modelId !== '') {
          model = pick.modelId;
          modelRaw = pick.raw;
          publisher = pick.developer;
        }
      }
      const usageClass: UsageClass =
        chargeCategory !== 'usage' ? 'other' : (bedrock?.usageClass ?? (aiLine ? (usageClassFromText(usageType) ?? 'other') : 'other'));
      const serviceTier: ServiceTier = bedrock?.tier ?? 'standard';

      const unitText = cell(values, col.pricingUnit).trim();
      const unit = parseUnit(unitText);
      let quantity: number | null = null;
      const amountText = cell(values, col.usageAmount);
      if (amountText.trim() !== '') {
        const q = cells.number(amountText);
        if (q === null) return sink.reject(name('usageAmount'), 'usage amount is not a number', clip(amountText));
        quantity = decimalToNumber(unit.factor === 1n ? q : multiplyDecimal(q, unit.factor));
      }
      const tokenLine = usageClass === 'input' || usageClass === 'output' || usageClass === 'cached_input' || usageClass === 'cache_write_5m' || usageClass === 'cache_write_1h';

      const list = optionalMoney(values, 'publicOnDemandCost', sink);
      if (list === false) return;
      const effective = optionalMoney(values, effectiveColumn, sink);
      if (effective === false) return;

      let tags: Record<string, string> = {};
      const tagsText = cell(values, col.tagsMap);
      if (tagsText.trim() !== '') tags = (parseTags(tagsText) as Record<string, string> | null) ?? { resource_tags: tagsText };
      if (tagColumns.length > 0) {
        tags = { ...tags };
        for (const [i, key] of tagColumns) {
          const v = values[i];
          if (v !== undefined && v !== '') tags[key] = v;
        }
      }

      const line: LedgerLine = {
        chargePeriodStart: s.iso,
        chargePeriodEnd: end,
        billingPeriod: billingPeriodOf(values),
        chargeCategory,
        provider: 'aws',
        publisher: publisher !== null && publisher !== 'amazon' ? publisher : null,
        billingAccount: blankToNull(cell(values, col.payerAccount)),
        subAccount: blankToNull(cell(values, col.usageAccount)),
        credential: null,
        model,
        modelRaw,
        usageClass,
        serviceTier,
        contextBand: null,
        region: blankToNull(cell(values, col.region)),
        resourceId: blankToNull(cell(values, col.resourceId)),
        sku: blankToNull(usageType),
        description: blankToNull(cell(values, col.description)) ?? productName,
        tags,
        quantity,
        unit: tokenLine ? 'tokens' : unit.tokens || unit.unit === 'hours' ? unit.unit : unitText === '' ? 'units' : unitText,
        billedCost: decimalToNanos(cost),
        effectiveCost: effective,
        listCost: list,
        contractedCost: null,
        currency,
        sourceRow: row,
      };
      sink.line(line, lineHint(productCode === '' ? productName : productCode, aiLine));
    },
  };
}

export const awsCurFormat: FormatModule<'aws-cur'> = {
  id: 'aws-cur',
  label: 'AWS Cost and Usage Report (CUR 2.0 or legacy)',
  kinds: ['tabular'],
  costBasis: 'line_item_unblended_cost per line_item_currency_code',
  detect,
  createMapper,
};
