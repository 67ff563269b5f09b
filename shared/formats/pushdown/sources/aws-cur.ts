/**
 * AWS Cost and Usage Report (CUR 2.0 in Athena or any engine over its
 * Parquet in S3): what the push-down query groups on and sums, the CUR
 * importer's classification compiled into SQL (line item type to charge
 * category; Bedrock usage types to usage class and tier), and the CUR row the
 * importer maps for each group. Model names are not compiled: the query
 * groups on the raw usage type and product name, and the workbench names the
 * model on import. Tags come from the resource_tags map (as JSON text) or from
 * flattened resource_tags_<key> columns.
 */
import { CUR_COLUMNS } from '../../aws-cur';
import { CUR_CHARGE_CATEGORY } from '../../rules/charge-categories';
import { AWS_BEDROCK_PRODUCT, BEDROCK_USAGE_TYPE_CLASS, SERVICE_TIER_WORDS, USAGE_CLASS_WORDS } from '../../rules/usage-rules';
import { compileTextRules, compileTextTest, compileWordTable } from '../compile-rules';
import { sourceColumn, type GroupCells, type RowContext, type SourceContext, type SourceSpec } from '../types';

type Field = keyof typeof CUR_COLUMNS;

/** The table's spelling of a CUR field: the first alternative it has, else the CUR 2.0 name. */
function name(c: SourceContext, field: Field): string {
  return CUR_COLUMNS[field].find((n) => c.has(n)) ?? CUR_COLUMNS[field][0];
}

const TEXT_KEYS: Field[] = ['usageAccount', 'payerAccount', 'region', 'pricingUnit', 'productName', 'productMap'];
const TRIMMED_KEYS: Field[] = ['lineItemType', 'productCode', 'usageType'];
const OPTIONAL_COSTS: Field[] = ['netUnblendedCost', 'publicOnDemandCost', 'savingsPlanEffectiveCost', 'reservationEffectiveCost'];

function classify(r: RowContext): ReturnType<SourceSpec['classify']> {
  const { d } = r;
  const usageType = r.ref(sourceColumn(CUR_COLUMNS.usageType[0]));
  const category = compileWordTable(d, CUR_CHARGE_CATEGORY, r.ref(sourceColumn(CUR_COLUMNS.lineItemType[0])));
  const bedrock = `CASE WHEN ${usageType} = '' THEN ${d.nullText} ELSE ${compileTextRules(d, BEDROCK_USAGE_TYPE_CLASS, usageType)} END`;
  const productName = r.ref('h_product_name');
  const aiLine = `(${bedrock} IS NOT NULL OR ${r.ref(sourceColumn(CUR_COLUMNS.productCode[0]))} LIKE 'AmazonBedrock%' OR (${productName} IS NOT NULL AND ${compileTextTest(d, AWS_BEDROCK_PRODUCT, productName)}))`;
  const usageClass = `CASE WHEN ${category} <> 'usage' THEN 'other' WHEN ${bedrock} IS NOT NULL THEN ${bedrock} WHEN ${aiLine} THEN coalesce(${compileTextRules(d, USAGE_CLASS_WORDS, usageType)}, 'other') ELSE 'other' END`;
  const serviceTier = `CASE WHEN ${bedrock} IS NULL THEN 'standard' WHEN ${bedrock} = 'provisioned_unit_hour' THEN 'provisioned' ELSE ${compileTextRules(d, SERVICE_TIER_WORDS, d.lower(usageType))} END`;
  return { chargeCategory: category, usageClass, serviceTier, contextBand: d.nullText };
}

const HEADER_FIELDS: Field[] = [
  'lineItemType',
  'start',
  'end',
  'productCode',
  'usageType',
  'usageAmount',
  'unblendedCost',
  'netUnblendedCost',
  'currency',
  'usageAccount',
  'payerAccount',
  'billingPeriodStart',
  'region',
  'pricingUnit',
  'productName',
  'publicOnDemandCost',
  'savingsPlanEffectiveCost',
  'reservationEffectiveCost',
  'productMap',
  'tagsMap',
];
const HEADER = HEADER_FIELDS.map((f) => CUR_COLUMNS[f][0]);

export const awsCurSource: SourceSpec = {
  id: 'aws-cur',
  formatId: 'aws-cur',
  label: 'AWS Cost and Usage Report (CUR 2.0)',
  defaultTable: 'cur',
  defaultVersion: '2.0',
  standardColumns: [
    'bill_billing_period_start_date', 'bill_payer_account_id', 'line_item_usage_account_id', 'line_item_line_item_type', 'line_item_usage_start_date',
    'line_item_usage_end_date', 'line_item_product_code', 'line_item_usage_type', 'line_item_usage_amount', 'line_item_currency_code',
    'line_item_unblended_cost', 'line_item_net_unblended_cost', 'pricing_unit', 'pricing_public_on_demand_cost', 'product', 'product_region_code',
    'resource_tags', 'savings_plan_savings_plan_effective_cost', 'reservation_effective_cost',
  ],
  start: (c) => c.col(name(c, 'start')),
  end: (c) => `coalesce(${c.col(name(c, 'end'))}, ${c.col(name(c, 'start'))})`,
  currency: (c) => c.d.upper(c.d.trim(c.textOrBlank(name(c, 'currency')))),
  billed: (c) => c.decimal(name(c, 'unblendedCost')),
  keys: (c) => [
    ...TRIMMED_KEYS.map((f) => ({ name: CUR_COLUMNS[f][0], expr: c.d.trim(c.textOrBlank(name(c, f))) })),
    { name: CUR_COLUMNS.billingPeriodStart[0], expr: c.d.text(c.col(name(c, 'billingPeriodStart'))) },
    ...TEXT_KEYS.map((f) => ({ name: CUR_COLUMNS[f][0], expr: c.d.text(c.col(name(c, f))) })),
  ],
  sums: (c) => [...OPTIONAL_COSTS, 'usageAmount' as Field].map((f) => ({ name: CUR_COLUMNS[f][0], expr: c.decimal(name(c, f)) })),
  groupOnly: (c) => [...OPTIONAL_COSTS, 'usageAmount' as Field].map((f) => ({ name: `${f}_present`, expr: `CASE WHEN ${c.col(name(c, f))} IS NULL THEN 0 ELSE 1 END` })),
  helpers: (r) => {
    const map = `coalesce(${r.ref(sourceColumn(CUR_COLUMNS.productMap[0]))}, '')`;
    const fromMap = (key: string): string => `nullif(${r.d.trim(`coalesce(${r.d.jsonText(map, key)}, '')`)}, '')`;
    return [{ name: 'product_name', expr: `coalesce(${r.blankToNull(r.ref(sourceColumn(CUR_COLUMNS.productName[0])))}, ${fromMap('product_name')}, ${fromMap('productName')})` }];
  },
  classify,
  tag: (c, key) => {
    const flat = [`resource_tags_${key}`, `resourceTags/${key}`].find((n) => c.has(n));
    return flat !== undefined ? c.d.text(c.col(flat)) : c.d.jsonText(c.textOrBlank(name(c, 'tagsMap')), key);
  },
  sourceHeader: HEADER,
  sourceRow(g: GroupCells): string[] {
    return HEADER_FIELDS.map((f) => {
      switch (f) {
        case 'start':
          return g.get('period_start');
        case 'end':
          return g.get('period_end');
        case 'unblendedCost':
          return g.get('billed_cost');
        case 'currency':
          return g.get('currency');
        case 'tagsMap':
          return g.tags.length === 0 ? '' : JSON.stringify(Object.fromEntries(g.tags));
        default:
          return g.get(sourceColumn(CUR_COLUMNS[f][0]));
      }
    });
  },
};
