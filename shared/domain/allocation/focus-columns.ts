/**
 * Allocated lines in FOCUS 1.3's shape, so a split can be exported and
 * audited: each origin ledger line becomes one allocated charge per team,
 * carrying the team's part of the cost and the split cost allocation
 * columns. AllocatedMethodDetails follows the spec's object: an Elements
 * array of { AllocatedRatio, UsageUnit, UsageQuantity }, whose ratios over
 * one origin line add up to exactly 1; the rule and basis ride along as
 * x_ keys. The unallocated part of a line keeps every Allocated* column null,
 * as FOCUS asks for the unallocated portion of an origin charge.
 */
import type { AllocatedPart } from './allocate';
import type { Team } from './policy';

export const ALLOCATED_LINE_COLUMNS = [
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'x_BillingPeriod',
  'ChargeCategory',
  'ServiceProviderName',
  'PublisherName',
  'BillingAccountId',
  'SubAccountId',
  'RegionId',
  'ResourceId',
  'x_Credential',
  'x_Model',
  'x_UsageClass',
  'x_ServiceTier',
  'ConsumedQuantity',
  'ConsumedUnit',
  'BillingCurrency',
  /** The team's part of the origin line's cost (billed or effective, as the policy says). */
  'x_AllocatedCost',
  'x_CostBasis',
  'x_OriginCost',
  'Tags',
  'AllocatedMethodId',
  'AllocatedMethodDetails',
  'AllocatedResourceId',
  'AllocatedResourceName',
  'AllocatedTags',
  'x_AllocatedProduct',
  'x_UnallocatedReason',
  'x_LedgerLineId',
  'x_ImportId',
  'x_SourceRow',
] as const;
export type AllocatedLineColumn = (typeof ALLOCATED_LINE_COLUMNS)[number];

/** Money columns: exact nano-units, written as decimals (CSV) or DECIMAL(38, 9) (Parquet). */
export const ALLOCATED_MONEY_COLUMNS: ReadonlySet<AllocatedLineColumn> = new Set(['x_AllocatedCost', 'x_OriginCost']);
export const ALLOCATED_NUMBER_COLUMNS: ReadonlySet<AllocatedLineColumn> = new Set(['ConsumedQuantity', 'x_LedgerLineId', 'x_ImportId', 'x_SourceRow']);

export interface OriginLine {
  id: number;
  chargePeriodStart: string;
  chargePeriodEnd: string;
  billingPeriod: string | null;
  chargeCategory: string;
  provider: string;
  publisher: string | null;
  billingAccount: string | null;
  subAccount: string | null;
  region: string | null;
  resourceId: string | null;
  credential: string | null;
  model: string | null;
  usageClass: string;
  serviceTier: string;
  /** Null when the statement does not report it. */
  quantity: number | null;
  unit: string;
  currency: string;
  cost: bigint;
  tags: Readonly<Record<string, string>>;
  importId: number;
  sourceRow: number;
}

export type AllocatedRecord = Record<AllocatedLineColumn, string | number | bigint | null>;

function methodId(part: AllocatedPart): string | null {
  if (part.method === 'unallocated') return null;
  return part.method === 'direct' || part.method === 'tag' ? `rule:${part.ruleId}` : `rule:${part.ruleId}:${part.method}`;
}

/** The method details object as JSON text, the ratio written with its exact digits. */
export function methodDetailsJson(part: AllocatedPart): string | null {
  if (part.method === 'unallocated') return null;
  // FOCUS's UsageQuantity is a number or null: a quantity the statement does not report stays null, never 0.
  const quantity = part.usageQuantity !== null && Number.isFinite(part.usageQuantity) ? String(part.usageQuantity) : 'null';
  return `{"Elements":[{"AllocatedRatio":${part.ratio},"UsageUnit":${JSON.stringify(part.usageUnit)},"UsageQuantity":${quantity}}],"x_RuleId":${JSON.stringify(part.ruleId)},"x_Basis":${JSON.stringify(part.method)}}`;
}

function allocatedTags(team: Team | undefined, part: AllocatedPart): string | null {
  if (!team) return null;
  const tags: Record<string, string> = { team: team.id };
  if (team.costCentre) tags.costCentre = team.costCentre;
  if (team.businessUnit) tags.businessUnit = team.businessUnit;
  if (part.product) tags.product = part.product;
  return JSON.stringify(tags);
}

export function allocatedRecord(line: OriginLine, part: AllocatedPart, team: Team | undefined, costBasis: 'billed' | 'effective'): AllocatedRecord {
  const allocated = part.method !== 'unallocated';
  return {
    ChargePeriodStart: line.chargePeriodStart,
    ChargePeriodEnd: line.chargePeriodEnd,
    x_BillingPeriod: line.billingPeriod,
    ChargeCategory: line.chargeCategory,
    ServiceProviderName: line.provider,
    PublisherName: line.publisher,
    BillingAccountId: line.billingAccount,
    SubAccountId: line.subAccount,
    RegionId: line.region,
    ResourceId: line.resourceId,
    x_Credential: line.credential,
    x_Model: line.model,
    x_UsageClass: line.usageClass,
    x_ServiceTier: line.serviceTier,
    ConsumedQuantity: line.quantity,
    ConsumedUnit: line.unit,
    BillingCurrency: line.currency,
    x_AllocatedCost: part.amount,
    x_CostBasis: costBasis,
    x_OriginCost: line.cost,
    Tags: Object.keys(line.tags).length === 0 ? null : JSON.stringify(line.tags),
    AllocatedMethodId: methodId(part),
    AllocatedMethodDetails: methodDetailsJson(part),
    AllocatedResourceId: allocated ? part.team : null,
    AllocatedResourceName: allocated ? (team?.name ?? part.team) : null,
    AllocatedTags: allocated ? allocatedTags(team, part) : null,
    x_AllocatedProduct: part.product,
    x_UnallocatedReason: part.reason ?? null,
    x_LedgerLineId: line.id,
    x_ImportId: line.importId,
    x_SourceRow: line.sourceRow,
  };
}
