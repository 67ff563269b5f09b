/**
 * FOCUS cost and usage data in a warehouse (Databricks, Snowflake, BigQuery,
 * a FOCUS export in S3 under Athena): what the push-down query groups on and
 * sums, the FOCUS importer's classification compiled into SQL, and the FOCUS
 * row the importer maps for each group.
 *
 * Compiled: ChargeCategory; the usage class from SkuPriceDetails'
 * TokenDirection / TokenCacheAction (keys matched without case, with or
 * without x_), else from the words of SkuMeter, ChargeDescription and the
 * unit (or the workbench's own x_UsageClass key); the service tier from
 * SkuPriceDetails' ServiceTier, else from words; the band from x_ContextBand.
 * Not compiled: the model name (the normaliser's ladder of rewrites and
 * catalogue look-ups): the query groups on the raw SkuPriceDetails, x_ModelId,
 * SkuMeter and ChargeDescription and the workbench names the model on import.
 */
import { USAGE_CLASSES } from '../../../domain/usage';
import { FOCUS_CHARGE_CATEGORY } from '../../rules/charge-categories';
import { FOCUS_DETAIL_KEYS, FOCUS_TOKEN_CLASS, SERVICE_TIER_WORDS, SERVICE_TIER_WORD_TABLE, USAGE_CLASS_WORDS } from '../../rules/usage-rules';
import { compileTextRules, compileWordTable, portablePattern } from '../compile-rules';
import { sourceColumn, type GroupCells, type RowContext, type SourceContext, type SourceSpec } from '../types';

const TEXT_KEYS = [
  'ServiceProviderName',
  'ProviderName',
  'InvoiceIssuerName',
  'PublisherName',
  'HostProviderName',
  'BillingAccountId',
  'SubAccountId',
  'CredentialId',
  'PrincipalId',
  'RegionId',
  'SkuMeter',
  'SkuPriceDetails',
  'ChargeDescription',
  'ConsumedUnit',
  'PricingUnit',
  'x_CredentialId',
] as const;
const OPTIONAL_COSTS = ['EffectiveCost', 'ListCost', 'ContractedCost'] as const;

const isBlank = (c: SourceContext, name: string): string => `${c.d.trim(c.textOrBlank(name))} = ''`;

/** Which quantity the importer reads: PricingQuantity only when ConsumedQuantity is blank and PricingQuantity is not. */
function quantityFrom(c: SourceContext): string {
  return `CASE WHEN ${isBlank(c, 'ConsumedQuantity')} AND NOT (${isBlank(c, 'PricingQuantity')}) THEN 'pricing' ELSE 'consumed' END`;
}

/** One SkuPriceDetails key as the importer reads it: any case, with or without x_, trimmed, NULL when blank. */
function detail(r: RowContext, key: string): string {
  const lowered = r.d.lower(`coalesce(${r.ref('src_SkuPriceDetails')}, '')`);
  const k = key.toLowerCase();
  return `nullif(${r.d.trim(`coalesce(${r.d.jsonText(lowered, k)}, ${r.d.jsonText(lowered, `x_${k}`)}, '')`)}, '')`;
}

/** A SkuPriceDetails key's value as written (not lower-cased): the key spelled as FOCUS_DETAIL_KEYS spells it, with or without x_. */
function exactDetail(r: RowContext, key: string): string {
  const details = `coalesce(${r.ref('src_SkuPriceDetails')}, '')`;
  return `nullif(${r.d.trim(`coalesce(${r.d.jsonText(details, key)}, ${r.d.jsonText(details, `x_${key}`)}, '')`)}, '')`;
}

function classify(r: RowContext): ReturnType<SourceSpec['classify']> {
  const { d } = r;
  const category = compileWordTable(d, FOCUS_CHARGE_CATEGORY, r.ref('src_ChargeCategory'));
  const detailsClass = `CASE ${FOCUS_TOKEN_CLASS.map((rule) => {
    const parts = [`${r.ref('h_direction')} = ${d.string(rule.direction)}`];
    if (rule.cache !== null) parts.push(`${r.ref('h_cache')} = ${d.string(rule.cache)}`);
    if (rule.ttl !== undefined) parts.push(d.matches(r.ref('h_ttl'), portablePattern(rule.ttl)));
    return `WHEN ${parts.join(' AND ')} THEN ${d.string(rule.value)}`;
  }).join(' ')} ELSE ${d.nullText} END`;
  const words = compileTextRules(d, USAGE_CLASS_WORDS, d.concat([r.ref('h_word_source'), "' '", r.ref('h_unit')]));
  const classWord = r.ref('h_class_word');
  const namedClass = `CASE WHEN ${classWord} IN (${USAGE_CLASSES.map((u) => d.string(u)).join(', ')}) THEN ${classWord} ELSE ${d.nullText} END`;
  const usageClass = `coalesce(${detailsClass}, ${namedClass}, CASE WHEN ${category} = 'usage' THEN coalesce(${words}, 'other') ELSE 'other' END)`;
  const tierWord = r.ref('h_tier_word');
  const serviceTier = `CASE WHEN ${tierWord} IS NOT NULL THEN ${compileWordTable(d, SERVICE_TIER_WORD_TABLE, tierWord)} ELSE ${compileTextRules(
    d,
    SERVICE_TIER_WORDS,
    d.concat([r.ref('h_meter'), "' '", r.ref('h_description')]),
  )} END`;
  return { chargeCategory: category, usageClass, serviceTier, contextBand: r.ref('h_band') };
}

const HEADER = [
  'BilledCost',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BillingCurrency',
  'ChargeCategory',
  ...OPTIONAL_COSTS,
  'BillingPeriodStart',
  ...TEXT_KEYS,
  'ConsumedQuantity',
  'PricingQuantity',
  'x_ModelId',
  'Tags',
] as const;

export const focusSource: SourceSpec = {
  id: 'focus',
  formatId: 'focus',
  label: 'FOCUS cost and usage (1.0–1.3)',
  defaultTable: 'focus_cost_and_usage',
  defaultVersion: '1.3',
  standardColumns: [
    'BilledCost', 'ChargePeriodStart', 'ChargePeriodEnd', 'BillingCurrency', 'ChargeCategory', 'EffectiveCost', 'ListCost', 'ContractedCost',
    'BillingPeriodStart', 'ServiceProviderName', 'HostProviderName', 'InvoiceIssuerName', 'BillingAccountId', 'SubAccountId', 'RegionId',
    'SkuMeter', 'SkuPriceDetails', 'ChargeDescription', 'ConsumedQuantity', 'ConsumedUnit', 'PricingQuantity', 'PricingUnit', 'Tags',
  ],
  start: (c) => c.col('ChargePeriodStart'),
  end: (c) => c.col('ChargePeriodEnd'),
  currency: (c) => c.d.upper(c.d.trim(c.textOrBlank('BillingCurrency'))),
  billed: (c) => c.decimal('BilledCost'),
  keys: (c) => [
    { name: 'ChargeCategory', expr: c.d.trim(c.textOrBlank('ChargeCategory')) },
    { name: 'BillingPeriodStart', expr: c.d.text(c.col('BillingPeriodStart')) },
    ...TEXT_KEYS.map((name) => ({ name, expr: c.d.text(c.col(name)) })),
    { name: 'x_ModelId', expr: c.d.text(c.col(c.has('x_ModelId') ? 'x_ModelId' : 'x_Model')) },
  ],
  sums: (c) => [
    ...OPTIONAL_COSTS.map((name) => ({ name, expr: c.decimal(name) })),
    // Both summed as they are: each group holds rows of one quantity_from (grouped on), so the sum the importer
    // reads (ConsumedQuantity unless it is blank and PricingQuantity is not) is the sum of what it reads row by row.
    { name: 'ConsumedQuantity', expr: c.decimal('ConsumedQuantity') },
    { name: 'PricingQuantity', expr: c.decimal('PricingQuantity') },
  ],
  groupOnly: (c) => [
    { name: 'quantity_from', expr: quantityFrom(c) },
    ...OPTIONAL_COSTS.map((name) => ({ name: `${name}_present`, expr: `CASE WHEN ${c.col(name)} IS NULL THEN 0 ELSE 1 END` })),
  ],
  helpers: (r) => {
    const K = FOCUS_DETAIL_KEYS;
    const { d } = r;
    const description = `coalesce(${r.blankToNull(r.ref('src_ChargeDescription'))}, '')`;
    const unit = `CASE WHEN ${r.ref('g_quantity_from')} = 'pricing' THEN ${d.trim(`coalesce(${r.ref('src_PricingUnit')}, '')`)} ELSE ${d.trim(`coalesce(${r.ref('src_ConsumedUnit')}, '')`)} END`;
    const meter = `coalesce(${r.ref('src_SkuMeter')}, '')`;
    return [
      { name: 'direction', expr: detail(r, K.direction) },
      { name: 'cache', expr: `coalesce(${detail(r, K.cache)}, ${detail(r, K.cacheAlt)})` },
      { name: 'ttl', expr: `coalesce(${K.ttl.map((k) => detail(r, k)).join(', ')}, '')` },
      { name: 'tier_word', expr: detail(r, K.tier) },
      { name: 'class_word', expr: detail(r, K.usageClass) },
      { name: 'band', expr: exactDetail(r, K.contextBand) },
      { name: 'meter', expr: meter },
      { name: 'description', expr: description },
      { name: 'unit', expr: unit },
      { name: 'word_source', expr: `CASE WHEN ${meter} <> '' THEN ${meter} WHEN ${description} <> '' THEN ${description} ELSE ${unit} END` },
    ];
  },
  classify,
  tag: (c, name) => c.d.jsonText(c.textOrBlank('Tags'), name),
  sourceHeader: HEADER,
  sourceRow(g: GroupCells): string[] {
    return HEADER.map((name) => {
      switch (name) {
        case 'BilledCost':
          return g.get('billed_cost');
        case 'ChargePeriodStart':
          return g.get('period_start');
        case 'ChargePeriodEnd':
          return g.get('period_end');
        case 'BillingCurrency':
          return g.get('currency');
        case 'Tags':
          return g.tags.length === 0 ? '' : JSON.stringify(Object.fromEntries(g.tags));
        default:
          return g.get(sourceColumn(name));
      }
    });
  },
};
