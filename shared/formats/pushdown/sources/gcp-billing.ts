/**
 * Google Cloud's billing export in BigQuery (the standard or detailed usage
 * cost table, with its nested service, sku, project, location, usage,
 * invoice structs and its credits and labels arrays), or the same table in
 * an engine that reads those nested types (DuckDB, Trino, Spark). Flattened
 * copies (service_description …) are read too. Credits are summed per group
 * and become one credit line per group on import (the importer makes one per
 * credit of a row); labels chosen as tags are read from the labels array.
 *
 * Compiled: cost_type to charge category; whether a line is AI (service and
 * SKU words); usage class, tier and the long-context band from the SKU
 * description. Not compiled: the model name (named on import from the SKU).
 */
import { GCP_CHARGE_CATEGORY } from '../../rules/charge-categories';
import { GCP_AI_SERVICE, GCP_AI_SKU, GCP_LONG_CONTEXT, GCP_LONG_CONTEXT_BAND, SERVICE_TIER_WORDS, USAGE_CLASS_WORDS } from '../../rules/usage-rules';
import { compileTextRules, compileTextTest, compileWordTable } from '../compile-rules';
import { sourceColumn, type GroupCells, type RowContext, type SourceContext, type SourceSpec } from '../types';

/**
 * A field by its export path: the flattened column (a_b) when the table has
 * it, else the nested field when the table's columns list it (location.region;
 * a struct's fields differ between the standard and the detailed export).
 */
function field(c: SourceContext, path: string): string {
  if (!path.includes('.')) return c.col(path);
  const flat = path.replace('.', '_');
  if (c.has(flat)) return c.col(flat);
  const [head, rest] = path.split('.') as [string, string];
  if (!c.has(path) || !c.has(head) || !c.d.nested) return c.d.nullText;
  return c.d.nested.field(c.col(head), rest);
}

const text = (c: SourceContext, path: string): string => `coalesce(${c.d.text(field(c, path))}, '')`;

const TEXT_KEYS = ['cost_type', 'service.description', 'sku.description', 'billing_account_id', 'project.id', 'location.region', 'location.location', 'usage.unit', 'invoice.month'];

function classify(r: RowContext): ReturnType<SourceSpec['classify']> {
  const { d } = r;
  const sku = r.ref(sourceColumn('sku.description'));
  const service = r.ref(sourceColumn('service.description'));
  const category = compileWordTable(d, GCP_CHARGE_CATEGORY, r.ref(sourceColumn('cost_type')));
  const aiLine = `(${compileTextTest(d, GCP_AI_SERVICE, service)} OR ${compileTextTest(d, GCP_AI_SKU, sku)})`;
  return {
    chargeCategory: category,
    usageClass: `CASE WHEN ${category} = 'usage' AND ${aiLine} THEN coalesce(${compileTextRules(d, USAGE_CLASS_WORDS, sku)}, 'other') ELSE 'other' END`,
    serviceTier: `CASE WHEN ${aiLine} THEN ${compileTextRules(d, SERVICE_TIER_WORDS, sku)} ELSE 'standard' END`,
    contextBand: `CASE WHEN ${compileTextTest(d, GCP_LONG_CONTEXT, sku)} THEN ${d.string(GCP_LONG_CONTEXT_BAND)} ELSE ${d.nullText} END`,
  };
}

const HEADER = [
  'billing_account_id',
  'service_description',
  'sku_description',
  'usage_start_time',
  'usage_end_time',
  'project_id',
  'labels',
  'location_region',
  'location_location',
  'cost',
  'currency',
  'usage_amount',
  'usage_unit',
  'credits',
  'invoice_month',
  'cost_type',
  'cost_at_list',
] as const;

const NESTED_ONLY = 'credits are an array of structs in the billing export, which this engine does not read here; aggregate it where it lives (BigQuery) or in DuckDB, Trino or Spark';

export const gcpBillingSource: SourceSpec = {
  id: 'gcp-billing',
  formatId: 'gcp-billing',
  label: 'Google Cloud billing export (BigQuery)',
  defaultTable: 'gcp_billing_export_v1',
  defaultVersion: 'bigquery-export',
  standardColumns: [
    'billing_account_id', 'service', 'service.description', 'sku', 'sku.description', 'usage_start_time', 'usage_end_time', 'project', 'project.id',
    'labels', 'location', 'location.location', 'location.region', 'cost', 'currency', 'usage', 'usage.amount', 'usage.unit', 'credits', 'invoice',
    'invoice.month', 'cost_type', 'cost_at_list',
  ],
  unsupported: { snowflake: NESTED_ONLY, clickhouse: NESTED_ONLY },
  start: (c) => c.col('usage_start_time'),
  end: (c) => `coalesce(${c.col('usage_end_time')}, ${c.col('usage_start_time')})`,
  currency: (c) => c.d.upper(c.d.trim(c.textOrBlank('currency'))),
  billed: (c) => c.decimal('cost'),
  keys: (c) => TEXT_KEYS.map((path) => ({ name: path, expr: text(c, path) })),
  sums: (c) => {
    const nested = c.d.nested;
    const credits = c.has('credits') && nested ? c.col('credits') : null;
    return [
      { name: 'cost_at_list', expr: c.decimal('cost_at_list') },
      { name: 'usage.amount', expr: c.d.decimal(field(c, 'usage.amount')) },
      { name: 'credits_amount', expr: credits && nested ? nested.sumOf(credits, 'amount') : c.d.decimal('0') },
      { name: 'credits_count', expr: c.d.decimal(credits && nested ? nested.count(credits) : '0') },
    ];
  },
  groupOnly: (c) => [
    { name: 'cost_at_list_present', expr: `CASE WHEN ${c.col('cost_at_list')} IS NULL THEN 0 ELSE 1 END` },
    { name: 'usage_amount_present', expr: `CASE WHEN ${field(c, 'usage.amount')} IS NULL THEN 0 ELSE 1 END` },
  ],
  helpers: () => [],
  classify,
  tag: (c, key) => {
    const nested = c.d.nested;
    if (!c.has('labels') || !nested) return c.d.nullText;
    return nested.keyValue(c.col('labels'), key);
  },
  sourceHeader: HEADER,
  sourceRow(g: GroupCells): string[] {
    return HEADER.map((name) => {
      switch (name) {
        case 'cost':
          return g.get('billed_cost');
        case 'currency':
          return g.get('currency');
        case 'usage_start_time':
          return g.get('period_start');
        case 'usage_end_time':
          return g.get('period_end');
        case 'labels':
          return g.tags.length === 0 ? '' : JSON.stringify(g.tags.map(([key, value]) => ({ key, value })));
        case 'credits': {
          const count = g.get(sourceColumn('credits_count'));
          return count === '' || /^0*(\.0*)?$/.test(count) ? '' : JSON.stringify([{ amount: g.get(sourceColumn('credits_amount')) }]);
        }
        case 'usage_amount':
          return g.get(sourceColumn('usage.amount'));
        default:
          return g.get(sourceColumn(name));
      }
    });
  },
};
