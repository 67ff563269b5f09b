/**
 * The FOCUS 1.3 cost and usage columns the workbench writes, with the
 * specification's requirements for each: data type, feature level, whether
 * nulls are allowed (and when a condition forbids or demands them), allowed
 * values, and the section of the specification each rule comes from
 * (FOCUS_Spec, specification/datasets/cost_and_usage/columns/<id>.md; the
 * attribute sections for the formats). validateFocusRow checks a written row
 * against this table; the export test runs it on every row.
 *
 * Deprecated in 1.3 but still written for 1.2 readers: ProviderName and
 * PublisherName (ServiceProviderName and HostProviderName replace them).
 */

export type FocusDataType = 'String' | 'Decimal' | 'DateTime' | 'JSON';
export type FeatureLevel = 'Mandatory' | 'Conditional' | 'Recommended';

/** A condition on the row: ChargeCategory among `categories`, and ChargeClass not "Correction" when `notCorrection`. */
export interface RowCondition {
  categories?: readonly string[];
  notCategories?: readonly string[];
  notCorrection?: boolean;
  /** Another column is null (or, with `present`, not null). */
  column?: { name: string; present: boolean };
}

export interface FocusColumnRule {
  name: string;
  type: FocusDataType;
  level: FeatureLevel;
  /** Allows nulls at all (the Content Constraints table). */
  nullable: boolean;
  /** The column MUST be null when this holds. */
  nullWhen?: RowCondition;
  /** The column MUST NOT be null when this holds. */
  requiredWhen?: RowCondition;
  allowed?: readonly string[];
  /** Where the rules come from in the FOCUS 1.3 specification. */
  section: string;
  /** Written only when the ledger has allocation data. */
  allocation?: boolean;
}

const columnSection = (display: string, id: string): string => `Cost and Usage › Columns › ${display} (specification/datasets/cost_and_usage/columns/${id}.md)`;

export const CHARGE_CATEGORY_VALUES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;
export const CHARGE_FREQUENCY_VALUES = ['One-Time', 'Recurring', 'Usage-Based'] as const;
export const PRICING_CATEGORY_VALUES = ['Standard', 'Dynamic', 'Committed', 'Other'] as const;
/** The ServiceCategory values the workbench writes (of the specification's list). */
export const SERVICE_CATEGORY_VALUES = ['AI and Machine Learning', 'Other'] as const;

const USAGE_OR_PURCHASE: RowCondition = { categories: ['Usage', 'Purchase'], notCorrection: true };
const TAX: RowCondition = { categories: ['Tax'] };

export const FOCUS_COLUMNS: readonly FocusColumnRule[] = [
  { name: 'BilledCost', type: 'Decimal', level: 'Mandatory', nullable: false, section: columnSection('Billed Cost', 'billedcost') },
  { name: 'BillingAccountId', type: 'String', level: 'Mandatory', nullable: false, section: columnSection('Billing Account ID', 'billingaccountid') },
  { name: 'BillingAccountName', type: 'String', level: 'Mandatory', nullable: true, section: columnSection('Billing Account Name', 'billingaccountname') },
  { name: 'BillingCurrency', type: 'String', level: 'Mandatory', nullable: false, section: `${columnSection('Billing Currency', 'billingcurrency')}; Attributes › Currency Format (ISO 4217)` },
  { name: 'BillingPeriodEnd', type: 'DateTime', level: 'Mandatory', nullable: false, section: columnSection('Billing Period End', 'billingperiodend') },
  { name: 'BillingPeriodStart', type: 'DateTime', level: 'Mandatory', nullable: false, section: columnSection('Billing Period Start', 'billingperiodstart') },
  { name: 'ChargeCategory', type: 'String', level: 'Mandatory', nullable: false, allowed: CHARGE_CATEGORY_VALUES, section: columnSection('Charge Category', 'chargecategory') },
  { name: 'ChargeClass', type: 'String', level: 'Mandatory', nullable: true, allowed: ['Correction'], section: columnSection('Charge Class', 'chargeclass') },
  { name: 'ChargeDescription', type: 'String', level: 'Mandatory', nullable: true, section: columnSection('Charge Description', 'chargedescription') },
  {
    name: 'ChargeFrequency',
    type: 'String',
    level: 'Recommended',
    nullable: false,
    allowed: CHARGE_FREQUENCY_VALUES,
    section: `${columnSection('Charge Frequency', 'chargefrequency')}: not "Usage-Based" when ChargeCategory is "Purchase"`,
  },
  { name: 'ChargePeriodEnd', type: 'DateTime', level: 'Mandatory', nullable: false, section: columnSection('Charge Period End', 'chargeperiodend') },
  { name: 'ChargePeriodStart', type: 'DateTime', level: 'Mandatory', nullable: false, section: columnSection('Charge Period Start', 'chargeperiodstart') },
  {
    name: 'ConsumedQuantity',
    type: 'Decimal',
    level: 'Conditional',
    nullable: true,
    nullWhen: { notCategories: ['Usage'] },
    requiredWhen: { categories: ['Usage'], notCorrection: true },
    section: columnSection('Consumed Quantity', 'consumedquantity'),
  },
  {
    name: 'ConsumedUnit',
    type: 'String',
    level: 'Conditional',
    nullable: true,
    nullWhen: { column: { name: 'ConsumedQuantity', present: false } },
    requiredWhen: { column: { name: 'ConsumedQuantity', present: true } },
    section: `${columnSection('Consumed Unit', 'consumedunit')}; Attributes › Unit Format`,
  },
  {
    name: 'ContractApplied',
    type: 'JSON',
    level: 'Conditional',
    nullable: true,
    section: `${columnSection('Contract Applied', 'contractapplied')}: {"Elements": [{ContractId, ContractCommitmentId, ContractCommitmentAppliedCost, ContractCommitmentAppliedQuantity, ContractCommitmentAppliedUnit}]}`,
  },
  { name: 'ContractedCost', type: 'Decimal', level: 'Mandatory', nullable: false, section: columnSection('Contracted Cost', 'contractedcost') },
  { name: 'EffectiveCost', type: 'Decimal', level: 'Mandatory', nullable: false, section: columnSection('Effective Cost', 'effectivecost') },
  { name: 'HostProviderName', type: 'String', level: 'Mandatory', nullable: false, section: columnSection('Host Provider Name', 'hostprovidername') },
  { name: 'InvoiceIssuerName', type: 'String', level: 'Mandatory', nullable: false, section: columnSection('Invoice Issuer Name', 'invoiceissuer') },
  { name: 'ListCost', type: 'Decimal', level: 'Mandatory', nullable: false, section: columnSection('List Cost', 'listcost') },
  {
    name: 'PricingCategory',
    type: 'String',
    level: 'Conditional',
    nullable: true,
    allowed: PRICING_CATEGORY_VALUES,
    nullWhen: TAX,
    requiredWhen: USAGE_OR_PURCHASE,
    section: columnSection('Pricing Category', 'pricingcategory'),
  },
  { name: 'PricingQuantity', type: 'Decimal', level: 'Mandatory', nullable: true, nullWhen: TAX, requiredWhen: USAGE_OR_PURCHASE, section: columnSection('Pricing Quantity', 'pricingquantity') },
  {
    name: 'PricingUnit',
    type: 'String',
    level: 'Mandatory',
    nullable: true,
    nullWhen: { column: { name: 'PricingQuantity', present: false } },
    requiredWhen: { column: { name: 'PricingQuantity', present: true } },
    section: `${columnSection('Pricing Unit', 'pricingunit')}; Attributes › Unit Format`,
  },
  { name: 'ProviderName', type: 'String', level: 'Mandatory', nullable: false, section: `${columnSection('Provider Name', 'providername')} (deprecated in 1.3)` },
  { name: 'PublisherName', type: 'String', level: 'Mandatory', nullable: false, section: `${columnSection('Publisher Name', 'publishername')} (deprecated in 1.3)` },
  { name: 'RegionId', type: 'String', level: 'Conditional', nullable: true, section: columnSection('Region ID', 'regionid') },
  { name: 'ResourceId', type: 'String', level: 'Conditional', nullable: true, section: columnSection('Resource ID', 'resourceid') },
  { name: 'ServiceCategory', type: 'String', level: 'Mandatory', nullable: false, allowed: SERVICE_CATEGORY_VALUES, section: columnSection('Service Category', 'servicecategory') },
  { name: 'ServiceName', type: 'String', level: 'Mandatory', nullable: false, section: columnSection('Service Name', 'servicename') },
  { name: 'ServiceProviderName', type: 'String', level: 'Mandatory', nullable: false, section: columnSection('Service Provider Name', 'serviceprovidername') },
  { name: 'SkuId', type: 'String', level: 'Conditional', nullable: true, nullWhen: TAX, requiredWhen: USAGE_OR_PURCHASE, section: columnSection('SKU ID', 'skuid') },
  {
    name: 'SkuPriceDetails',
    type: 'JSON',
    level: 'Conditional',
    nullable: true,
    nullWhen: { column: { name: 'SkuPriceId', present: false } },
    section: `${columnSection('SKU Price Details', 'skupricedetails')}; AI model keys as the draft 1.5 names them (ModelDeveloper, ModelId, TokenDirection, TokenCacheAction), workbench keys x_-prefixed`,
  },
  { name: 'SkuPriceId', type: 'String', level: 'Conditional', nullable: true, nullWhen: TAX, requiredWhen: USAGE_OR_PURCHASE, section: columnSection('SKU Price ID', 'skupriceid') },
  { name: 'SubAccountId', type: 'String', level: 'Conditional', nullable: true, section: columnSection('Sub Account ID', 'subaccountid') },
  { name: 'Tags', type: 'JSON', level: 'Conditional', nullable: true, section: `${columnSection('Tags', 'tags')}; Attributes › Key-Value Format` },
  { name: 'x_CredentialId', type: 'String', level: 'Conditional', nullable: true, section: 'Supported features › Custom columns (x_ prefix): the API key or credential the usage ran under' },
  {
    name: 'AllocatedMethodId',
    type: 'String',
    level: 'Conditional',
    nullable: true,
    allocation: true,
    section: columnSection('Allocated Method ID', 'allocatedmethodid'),
  },
  {
    name: 'AllocatedMethodDetails',
    type: 'JSON',
    level: 'Conditional',
    nullable: true,
    allocation: true,
    nullWhen: { column: { name: 'AllocatedMethodId', present: false } },
    requiredWhen: { column: { name: 'AllocatedMethodId', present: true } },
    section: `${columnSection('Allocated Method Details', 'allocatedmethoddetails')}: {"Elements": [{AllocatedRatio, UsageUnit, UsageQuantity}]}, ratios summing to 1`,
  },
  {
    name: 'AllocatedResourceId',
    type: 'String',
    level: 'Conditional',
    nullable: true,
    allocation: true,
    nullWhen: { column: { name: 'AllocatedMethodId', present: false } },
    requiredWhen: { column: { name: 'AllocatedMethodId', present: true } },
    section: columnSection('Allocated Resource ID', 'allocatedresourceid'),
  },
  {
    name: 'AllocatedResourceName',
    type: 'String',
    level: 'Conditional',
    nullable: true,
    allocation: true,
    nullWhen: { column: { name: 'AllocatedMethodId', present: false } },
    section: columnSection('Allocated Resource Name', 'allocatedresourcename'),
  },
  {
    name: 'AllocatedTags',
    type: 'JSON',
    level: 'Conditional',
    nullable: true,
    allocation: true,
    nullWhen: { column: { name: 'AllocatedMethodId', present: false } },
    section: `${columnSection('Allocated Tags', 'allocatedtags')}; Attributes › Key-Value Format`,
  },
];

/** The columns written: allocation columns only when the ledger has allocation data. */
export function focusColumns(withAllocation: boolean): FocusColumnRule[] {
  return FOCUS_COLUMNS.filter((c) => withAllocation || !c.allocation);
}

/** A FOCUS row as text (null for null), keyed by column. */
export type FocusRow = Record<string, string | null>;

export interface FocusViolation {
  column: string;
  rule: string;
  value: string | null;
  section: string;
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const CURRENCY = /^[A-Z]{3}$/;

function holds(row: FocusRow, condition: RowCondition | undefined): boolean {
  if (!condition) return false;
  const category = row.ChargeCategory ?? '';
  if (condition.categories && !condition.categories.includes(category)) return false;
  if (condition.notCategories && condition.notCategories.includes(category)) return false;
  if (condition.notCorrection && row.ChargeClass === 'Correction') return false;
  if (condition.column && (row[condition.column.name] !== null && row[condition.column.name] !== undefined) !== condition.column.present) return false;
  return true;
}

function keyValue(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** Every rule of the table the row breaks (none for a conforming row). */
export function validateFocusRow(row: FocusRow, columns: readonly FocusColumnRule[] = FOCUS_COLUMNS): FocusViolation[] {
  const out: FocusViolation[] = [];
  const fail = (c: FocusColumnRule, rule: string): void => {
    out.push({ column: c.name, rule, value: row[c.name] ?? null, section: c.section });
  };
  for (const c of columns) {
    if (!(c.name in row)) {
      if (c.level === 'Mandatory') fail(c, 'a Mandatory column must be present');
      continue;
    }
    const value = row[c.name] ?? null;
    if (value === null) {
      if (!c.nullable) fail(c, 'must not be null');
      else if (holds(row, c.requiredWhen)) fail(c, 'must not be null here');
      continue;
    }
    if (holds(row, c.nullWhen)) fail(c, 'must be null here');
    if (value === '') fail(c, 'an empty string is not a value (null is)');
    if (c.type === 'Decimal' && !NUMERIC.test(value)) fail(c, 'must be a decimal in numeric format');
    if (c.type === 'DateTime' && !DATE_TIME.test(value)) fail(c, 'must be an ISO 8601 UTC date/time (YYYY-MM-DDTHH:mm:ssZ)');
    if (c.type === 'JSON' && !keyValue(value)) fail(c, 'must be a JSON object (key-value format)');
    if (c.allowed && !c.allowed.includes(value)) fail(c, `must be one of ${c.allowed.join(', ')}`);
    if (c.name === 'BillingCurrency' && !CURRENCY.test(value)) fail(c, 'must be an ISO 4217 currency code');
    if (c.name === 'ChargeFrequency' && value === 'Usage-Based' && row.ChargeCategory === 'Purchase') fail(c, 'must not be Usage-Based for a Purchase');
  }
  return out;
}
