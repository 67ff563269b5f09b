/**
 * Azure Cost Management cost details exports landed in Spark, Fabric or
 * Databricks (or any engine over the CSVs): what the push-down query groups
 * on and sums, the Azure importer's classification compiled into SQL
 * (ChargeType to charge category; Azure OpenAI / AI Foundry meters to usage
 * class and tier), and the Azure row the importer maps for each group. Cost
 * details are daily, so the day is the Date value as the export wrote it;
 * model names are named on import from the meter.
 */
import { AZURE_CHARGE_CATEGORY } from '../../rules/charge-categories';
import { AZURE_AI_CATEGORY, AZURE_TOKEN_METER, SERVICE_TIER_WORDS, USAGE_CLASS_WORDS } from '../../rules/usage-rules';
import { compileTextRules, compileTextTest, compileWordTable } from '../compile-rules';
import { sourceColumn, type GroupCells, type RowContext, type SourceContext, type SourceSpec } from '../types';

/** Each field under the spellings the importer accepts, the first the EA/MCA export's. */
const FIELDS = {
  cost: ['CostInBillingCurrency', 'Cost', 'PreTaxCost'],
  currency: ['BillingCurrencyCode', 'BillingCurrency', 'Currency'],
  date: ['Date', 'UsageDate', 'UsageDateTime'],
  billingPeriodStart: ['BillingPeriodStartDate'],
  billingAccount: ['BillingAccountId', 'BillingProfileId'],
  subscription: ['SubscriptionId', 'SubscriptionGuid'],
  location: ['ResourceLocation'],
  meterRegion: ['MeterRegion'],
  meterCategory: ['MeterCategory'],
  meterSubCategory: ['MeterSubCategory'],
  meterName: ['MeterName'],
  unitOfMeasure: ['UnitOfMeasure'],
  quantity: ['Quantity', 'UsageQuantity'],
  payg: ['PaygCostInBillingCurrency'],
  tags: ['Tags'],
  chargeType: ['ChargeType'],
  consumedService: ['ConsumedService'],
} as const;
type Field = keyof typeof FIELDS;

function name(c: SourceContext, f: Field): string {
  return FIELDS[f].find((n) => c.has(n)) ?? FIELDS[f][0];
}
const key = (f: Field): string => sourceColumn(FIELDS[f][0]);

const TEXT_KEYS: Field[] = ['billingAccount', 'subscription', 'location', 'meterRegion', 'meterCategory', 'meterSubCategory', 'meterName', 'unitOfMeasure', 'consumedService'];

function classify(r: RowContext): ReturnType<SourceSpec['classify']> {
  const { d } = r;
  const chargeType = r.ref(key('chargeType'));
  const category = compileWordTable(d, AZURE_CHARGE_CATEGORY, chargeType);
  const meter = d.trim(r.ref(key('meterName')));
  const meterWords = d.concat([meter, "' '", r.ref(key('meterSubCategory'))]);
  const categoryText = d.concat([r.ref(key('meterCategory')), "' '", r.ref(key('meterSubCategory')), "' '", r.ref(key('consumedService'))]);
  const aiLine = `(${compileTextTest(d, AZURE_AI_CATEGORY, categoryText)} OR ${compileTextTest(d, AZURE_TOKEN_METER, meter)})`;
  return {
    chargeCategory: category,
    usageClass: `CASE WHEN ${category} = 'usage' AND NOT (${d.lower(chargeType)} LIKE 'unused%') AND ${aiLine} THEN coalesce(${compileTextRules(d, USAGE_CLASS_WORDS, meterWords)}, 'other') ELSE 'other' END`,
    serviceTier: `CASE WHEN ${aiLine} THEN ${compileTextRules(d, SERVICE_TIER_WORDS, meterWords)} ELSE 'standard' END`,
    contextBand: d.nullText,
  };
}

const HEADER_FIELDS: Field[] = ['cost', 'currency', 'date', 'billingPeriodStart', ...TEXT_KEYS, 'quantity', 'payg', 'tags', 'chargeType'];
const HEADER = HEADER_FIELDS.map((f) => FIELDS[f][0]);

export const azureCostSource: SourceSpec = {
  id: 'azure-cost',
  formatId: 'azure-cost',
  label: 'Azure cost details export (EA/MCA)',
  defaultTable: 'azure_cost_details',
  defaultVersion: 'actual',
  standardColumns: [
    'BillingAccountId', 'BillingPeriodStartDate', 'SubscriptionId', 'Date', 'ResourceGroup', 'ResourceLocation', 'MeterCategory', 'MeterSubCategory',
    'MeterName', 'UnitOfMeasure', 'Quantity', 'EffectivePrice', 'CostInBillingCurrency', 'BillingCurrencyCode', 'Tags', 'ChargeType', 'ConsumedService',
    'PaygCostInBillingCurrency',
  ],
  start: (c) => c.col(name(c, 'date')),
  end: (c) => c.col(name(c, 'date')),
  day: (c) => c.d.text(c.col(name(c, 'date'))),
  currency: (c) => c.d.upper(c.d.trim(c.textOrBlank(name(c, 'currency')))),
  billed: (c) => c.decimal(name(c, 'cost')),
  keys: (c) => [
    { name: FIELDS.chargeType[0], expr: c.d.trim(c.textOrBlank(name(c, 'chargeType'))) },
    { name: FIELDS.billingPeriodStart[0], expr: c.d.text(c.col(name(c, 'billingPeriodStart'))) },
    ...TEXT_KEYS.map((f) => ({ name: FIELDS[f][0], expr: c.textOrBlank(name(c, f)) })),
  ],
  sums: (c) => [
    { name: FIELDS.quantity[0], expr: c.decimal(name(c, 'quantity')) },
    { name: FIELDS.payg[0], expr: c.decimal(name(c, 'payg')) },
  ],
  groupOnly: (c) => [{ name: 'payg_present', expr: `CASE WHEN ${c.col(name(c, 'payg'))} IS NULL THEN 0 ELSE 1 END` }],
  helpers: () => [],
  classify,
  tag: (c, tagKey) => {
    const t = c.d.trim(c.textOrBlank(name(c, 'tags')));
    return c.d.jsonText(`CASE WHEN ${t} LIKE '{%' THEN ${t} ELSE ${c.d.concat(["'{'", t, "'}'"])} END`, tagKey);
  },
  sourceHeader: HEADER,
  sourceRow(g: GroupCells): string[] {
    return HEADER_FIELDS.map((f) => {
      switch (f) {
        case 'cost':
          return g.get('billed_cost');
        case 'currency':
          return g.get('currency');
        case 'date':
          return g.get('charge_day');
        case 'tags':
          return g.tags.length === 0 ? '' : JSON.stringify(Object.fromEntries(g.tags));
        default:
          return g.get(key(f));
      }
    });
  },
};
