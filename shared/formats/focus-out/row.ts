/**
 * A ledger line as FOCUS 1.3 cost and usage rows: what each column holds, so
 * that a warehouse reads the workbench's normalised ledger in the shape its
 * FOCUS queries expect, and the workbench's own FOCUS importer reads it back
 * to the same ledger.
 *
 * AI model identity goes in SkuPriceDetails as the draft 1.5 names it
 * (ModelDeveloper, ModelId, TokenDirection, TokenCacheAction) with the
 * workbench's own keys x_-prefixed (x_UsageClass, x_ServiceTier,
 * x_ContextBand, x_CacheTtl). Where the specification demands a value the
 * ledger does not have, the row says what the ledger knows (see
 * FOCUS_DEFAULTS); the README lists these.
 */
import { chargeMonth, type LedgerLine } from '../../domain/ledger-line';
import { nanosToDecimal, type Nanos } from '../../domain/money';
import type { UsageClass } from '../../domain/usage';
import { focusColumns, type FocusRow } from './columns';

/** The values the specification requires that a ledger line may not have, and what is written instead. */
export const FOCUS_DEFAULTS = {
  billingAccount: 'BillingAccountId (never null): the provider\'s name when the statement named no account',
  billingPeriod: 'BillingPeriodStart/End (never null): the charge\'s calendar month when the vendor named no invoice month',
  costs: 'EffectiveCost, ListCost, ContractedCost (never null): the billed cost when the ledger has no such figure',
  refund: 'refunds are written as ChargeCategory Usage with ChargeClass Correction (FOCUS has no Refund category); they read back as usage',
  quantity: 'ConsumedQuantity only on Usage rows and PricingQuantity only on Usage and Purchase rows; other rows carry no quantity',
  sku: 'SkuId and SkuPriceId (required on Usage and Purchase rows): provider/model/class/tier when the vendor gave no SKU; none on Tax rows',
} as const;

const DISPLAY: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  aws: 'Amazon Web Services',
  azure: 'Microsoft',
  google: 'Google Cloud',
  mistral: 'Mistral AI',
  cohere: 'Cohere',
  xai: 'xAI',
  deepseek: 'DeepSeek',
  meta: 'Meta',
  openrouter: 'OpenRouter',
};

/** A provider's name as FOCUS writes it; the importer's providerSlug reads it back to the ledger's slug. */
export function providerDisplayName(slug: string): string {
  return DISPLAY[slug] ?? slug;
}

const SERVICE: Record<string, string> = {
  openai: 'OpenAI API',
  anthropic: 'Claude API',
  aws: 'Amazon Bedrock',
  azure: 'Azure OpenAI',
  google: 'Vertex AI',
};

const TOKEN_KEYS: Partial<Record<UsageClass, { TokenDirection: string; TokenCacheAction?: string; x_CacheTtl?: string }>> = {
  input: { TokenDirection: 'Input', TokenCacheAction: 'Uncached' },
  cached_input: { TokenDirection: 'Input', TokenCacheAction: 'Read' },
  cache_write_5m: { TokenDirection: 'Input', TokenCacheAction: 'Write', x_CacheTtl: '5m' },
  cache_write_1h: { TokenDirection: 'Input', TokenCacheAction: 'Write', x_CacheTtl: '1h' },
  output: { TokenDirection: 'Output' },
};

/** A number in FOCUS numeric format: plain digits, never exponent notation. */
export function numericText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  const [mantissa, exponent] = s.toLowerCase().split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const [whole, fraction = ''] = mantissa.replace('-', '').split('.') as [string, string | undefined];
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number(exponent);
  const text = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? `${digits}${'0'.repeat(point - digits.length)}` : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${negative ? '-' : ''}${text.replace(/^0+(?=\d)/, '')}`;
}

function unitText(unit: string): string {
  if (unit === 'tokens') return 'Tokens';
  if (unit === 'hours') return 'Hours';
  return unit;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** A contract in force for a provider between two days (inclusive), and the commitment its charges count toward. */
export interface ContractTerm {
  contractId: string;
  provider: string;
  start: string;
  end: string;
  /** The Contract Commitment dataset's id of the commitment (the contract's own id when it has none). */
  commitmentId: string;
  /** The id of the commitment period a charge on a day draws down, when the commitment has periods (focus-commitments.ts: commitmentIdOn). */
  commitmentIdOn?: (day: string) => string | null;
}

/** One team's (or product's) part of a line, when the ledger has allocation data. */
export interface AllocationPart {
  billedCost: Nanos;
  effectiveCost: Nanos | null;
  listCost: Nanos | null;
  contractedCost: Nanos | null;
  quantity: number;
  methodId: string | null;
  /** {"Elements":[{"AllocatedRatio":…,"UsageUnit":…,"UsageQuantity":…}]} as JSON text. */
  methodDetails: string | null;
  resourceId: string | null;
  resourceName: string | null;
  tags: Readonly<Record<string, string>> | null;
}

export interface FocusRowOptions {
  /** Contracts in force, any provider: the ones covering a usage line's day are its ContractApplied. */
  contracts?: readonly ContractTerm[];
  /** The line's allocation, when the ledger has one: one row per part instead of one per line. */
  allocation?: (line: LedgerLine) => readonly AllocationPart[] | null;
}

const CATEGORY: Record<LedgerLine['chargeCategory'], string> = {
  usage: 'Usage',
  purchase: 'Purchase',
  tax: 'Tax',
  credit: 'Credit',
  adjustment: 'Adjustment',
  refund: 'Usage',
};

function contractApplied(line: LedgerLine, billed: Nanos, contracts: readonly ContractTerm[]): string | null {
  if (line.chargeCategory !== 'usage') return null;
  const day = line.chargePeriodStart.slice(0, 10);
  const terms = contracts.filter((c) => c.provider === line.provider && c.start <= day && day <= c.end);
  if (terms.length === 0) return null;
  const elements = terms.map(
    (t) =>
      `{"ContractId":${JSON.stringify(t.contractId)},"ContractCommitmentId":${JSON.stringify(t.commitmentIdOn?.(day) ?? t.commitmentId)},"ContractCommitmentAppliedCost":${nanosToDecimal(billed)},"ContractCommitmentAppliedQuantity":null,"ContractCommitmentAppliedUnit":null}`,
  );
  return `{"Elements":[${elements.join(',')}]}`;
}

/** The FOCUS rows of one ledger line (one, or one per allocated part). */
export function focusRows(line: LedgerLine, options: FocusRowOptions = {}): FocusRow[] {
  const parts = options.allocation?.(line) ?? null;
  const base = focusRow(line, null, options);
  if (parts === null || parts.length === 0) return [base];
  return parts.map((part) => focusRow(line, part, options));
}

function focusRow(line: LedgerLine, part: AllocationPart | null, options: FocusRowOptions): FocusRow {
  const category = CATEGORY[line.chargeCategory];
  const correction = line.chargeCategory === 'refund';
  const tax = category === 'Tax';
  const provider = providerDisplayName(line.provider);
  const developer = providerDisplayName(line.publisher ?? line.provider);
  const month = line.billingPeriod ?? chargeMonth(line.chargePeriodStart);
  const billed = part ? part.billedCost : line.billedCost;
  const quantity = part ? part.quantity : line.quantity;
  const usage = category === 'Usage';
  const priced = (usage || category === 'Purchase') && !correction;
  const consumed = usage && !correction ? (quantity !== null ? numericText(quantity) : '0') : null;
  // FOCUS requires ConsumedQuantity on usage rows and PricingQuantity on usage and purchase rows; where the statement gave
  // none (a costs export), 0 stands in its place and
  // SkuPriceDetails says x_QuantityNotReported, so the importer (and any reader) knows it is not a quantity of zero.
  const pricing = priced ? (quantity !== null ? numericText(quantity) : '0') : null;
  const model = line.model;
  const skuPriceId = tax ? null : [line.provider, model ?? '-', line.usageClass, line.serviceTier, line.contextBand ?? '-'].join('/');

  let details: string | null = null;
  if (skuPriceId !== null) {
    const d: Record<string, string> = {};
    if (model !== null) {
      d.ModelDeveloper = developer;
      d.ModelId = line.modelRaw ?? model;
    }
    Object.assign(d, TOKEN_KEYS[line.usageClass] ?? {});
    d.x_UsageClass = line.usageClass;
    d.x_ServiceTier = line.serviceTier;
    if (line.contextBand !== null) d.x_ContextBand = line.contextBand;
    if (priced && quantity === null) d.x_QuantityNotReported = 'true';
    details = JSON.stringify(d);
  }

  const money = (n: Nanos | null, fallback: Nanos): string => nanosToDecimal(n ?? fallback);
  const row: FocusRow = {
    BilledCost: nanosToDecimal(billed),
    BillingAccountId: line.billingAccount ?? provider,
    BillingAccountName: line.billingAccount ?? provider,
    BillingCurrency: line.currency,
    BillingPeriodEnd: `${nextMonth(month)}-01T00:00:00Z`,
    BillingPeriodStart: `${month}-01T00:00:00Z`,
    ChargeCategory: category,
    ChargeClass: correction ? 'Correction' : null,
    ChargeDescription: line.description,
    ChargeFrequency: usage ? 'Usage-Based' : 'One-Time',
    ChargePeriodEnd: line.chargePeriodEnd,
    ChargePeriodStart: line.chargePeriodStart,
    ConsumedQuantity: consumed,
    ConsumedUnit: consumed === null ? null : unitText(line.unit),
    ContractApplied: contractApplied(line, billed, options.contracts ?? []),
    ContractedCost: money(part ? part.contractedCost : line.contractedCost, billed),
    EffectiveCost: money(part ? part.effectiveCost : line.effectiveCost, billed),
    HostProviderName: provider,
    InvoiceIssuerName: provider,
    ListCost: money(part ? part.listCost : line.listCost, billed),
    PricingCategory: priced ? (line.serviceTier === 'provisioned' ? 'Committed' : 'Standard') : null,
    PricingQuantity: pricing,
    PricingUnit: pricing === null ? null : unitText(line.unit),
    ProviderName: provider,
    PublisherName: developer,
    RegionId: line.region,
    ResourceId: line.resourceId,
    ServiceCategory: model !== null ? 'AI and Machine Learning' : 'Other',
    ServiceName: model !== null ? (SERVICE[line.provider] ?? `${provider} models`) : provider,
    ServiceProviderName: provider,
    SkuId: tax ? null : (line.sku ?? (priced ? `${line.provider}/${model ?? line.usageClass}` : null)),
    SkuPriceDetails: details,
    SkuPriceId: skuPriceId,
    SubAccountId: line.subAccount,
    Tags: Object.keys(line.tags).length === 0 ? null : JSON.stringify(line.tags),
    x_CredentialId: line.credential,
  };
  if (options.allocation) {
    row.AllocatedMethodId = part?.methodId ?? null;
    row.AllocatedMethodDetails = part?.methodId ? part.methodDetails : null;
    row.AllocatedResourceId = part?.methodId ? part.resourceId : null;
    row.AllocatedResourceName = part?.methodId ? part.resourceName : null;
    row.AllocatedTags = part?.methodId && part.tags ? JSON.stringify(part.tags) : null;
  }
  return row;
}

/** The columns of an export, in order. */
export function focusHeader(withAllocation: boolean): string[] {
  return focusColumns(withAllocation).map((c) => c.name);
}
