import type { Nanos } from '../money';
import type { PriceUnit } from '../pricebook/types';
import type { ServiceTier, UsageClass } from '../usage';

/**
 * Contract terms after validation: amounts in nano-units, models resolved to
 * the price book's ids, dates as calendar days (term and credit end dates
 * inclusive). `where` fields keep the file's field path so later errors and
 * invoice lines can point at the term that produced them.
 */
export interface Contract extends ContractHeader, ContractTermValues {
  /**
   * Amendments and renewals after the original terms, in date order (versions.ts): each from its
   * effective date replaces the whole terms it names and keeps the rest. Absent: the contract was never
   * amended. The terms above are the original's; `end` is the term's end after every renewal.
   */
  versions?: ContractVersion[];
  /** Set on the contract as one version stands in a month (versions.ts: termsInForce): the contract as signed, original terms and every version. */
  signed?: Contract;
}

/** One dated version of a contract after the original (an amendment or a renewal), its terms merged over the one before. */
export interface ContractVersion {
  /** Its field path in the file ("versions[0]"). */
  where: string;
  /** 2 for the first amendment (the original terms are version 1). */
  number: number;
  /** First day it prices (always the first day of a month). */
  effectiveFrom: string;
  reason: string;
  /** The term's end from this version on (a renewal extends it). */
  end: string;
  /** The terms it names, in the file's order of terms (what changed). */
  changes: ContractTermKey[];
  /** Credit grants it takes back from earlier versions: their balance is forfeited on its effective date. */
  withdrawCredits: string[];
  /** Every term in force from its effective date: the version before with the terms it names replaced (credits: grants added). */
  terms: ContractTermValues;
}

/** Which version of a contract priced a month (1 the original terms). */
export interface VersionRef {
  number: number;
  effectiveFrom: string;
  /** Null for the original terms. */
  reason: string | null;
  /** "versions[0]"; null for the original terms. */
  where: string | null;
}

/** Who, with whom and when: everything in a contract but its terms. */
export interface ContractHeader {
  id: string;
  name: string;
  vendor: string;
  currency: string;
  start: string;
  end: string;
  /** The file it came from, for messages. */
  file: string;
}

/**
 * The terms, each with its module in terms/ (schema, validation, pricing,
 * term-sheet mapping, description). A term here without a module, or a
 * module without a term here, does not compile (terms/index.ts).
 */
export interface ContractTermValues {
  rates: ContractRate[];
  discounts: PercentDiscount[];
  /** How discounts marked `stacks` combine with the one that applies: each off what the ones before left (multiplicative, the default) or their percentages added (additive) (terms/discount-stacking.ts). */
  discountStacking: DiscountStacking;
  volumeDiscount: VolumeDiscount | null;
  commitment: Commitment | null;
  credits: Credits | null;
  provisioned: ProvisionedCapacity[];
  minimumMonthlyFee: Nanos | null;
  /** Whether the minimum fee tops up charges before credits pay (default) or what is left after them (terms/minimum-fee-order.ts). */
  minimumFeeOrder: 'before_credits' | 'after_credits';
  priceChange: PriceChangeClause | null;
}
export type ContractTermKey = keyof ContractTermValues;

export interface ContractRate {
  where: string;
  /** Null: every model of the vendor. */
  model: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier | null;
  meter: string | null;
  /**
   * The context band the rate is for, as the price book's threshold: 0 the
   * base band, 200000 prompts above 200k tokens; null when the rate names no
   * band (it is then the base-band rate, and a higher band pays it times the
   * list's band premium: rates.ts).
   */
  contextBand: number | null;
  /** The region the rate is for; null: every region. */
  region: string | null;
  price: Nanos;
  per: number;
  unit: PriceUnit;
}

export interface PercentDiscount {
  where: string;
  label: string;
  /** Decimal text, "15" for 15%. */
  percentOff: string;
  models: string[] | null;
  usageClasses: UsageClass[] | null;
  serviceTiers: ServiceTier[] | null;
  /** Applies on top of the discount that applies (an extra batch or model discount) instead of competing with it for the most specific. */
  stacks: boolean;
}

export type DiscountStacking = 'multiplicative' | 'additive';

/** One % discount as applied to a usage item, in the order applied; the amount is exact, what it took off. */
export interface AppliedDiscount {
  term: string;
  label: string;
  percentOff: string;
  amount: Nanos;
}

export interface VolumeTier {
  /** Where the tier starts: nano-units of spend, or tokens. */
  from: bigint;
  percentOff: string;
}

export interface VolumeDiscount {
  where: string;
  basis: 'spend' | 'tokens';
  period: 'month' | 'year';
  method: 'marginal' | 'all_units';
  tiers: VolumeTier[];
}

export interface Commitment {
  where: string;
  /** The commitment per period; with a ramp, the amount of every contract year the ramp does not list. */
  amount: Nanos;
  period: 'month' | 'year';
  takeOrPay: boolean;
  /** within_year: excess in one true-up period counts against a later period's shortfall in the same contract year. */
  carryOver: 'none' | 'excess_forward' | 'shortfall_forward' | 'within_year';
  maxCarryOver: Nanos | null;
  includesProvisionedFees: boolean;
  /** How often the shortfall is trued up: every month, quarter (3 months from the contract year's start) or contract year; never less often than the period. */
  trueUp: 'month' | 'quarter' | 'year';
  /** A ramp: the commitment per period for a numbered contract year (1 the first), overriding `amount` for that year. */
  years: CommitmentYear[];
}

export interface CommitmentYear {
  where: string;
  /** 1 for the first contract year (twelve months from the term start). */
  year: number;
  amount: Nanos;
}

export interface CreditGrant {
  where: string;
  id: string;
  amount: Nanos;
  start: string;
  /** Last usable day, inclusive. */
  expires: string;
  appliesTo: 'all_charges' | 'usage_only';
  /** The usage it may pay, when the grant names it: only these models, usage classes, tiers or publishers (null: any; every named one must match). A scoped grant pays usage only. */
  scope: CreditScope | null;
  /**
   * In a month it is valid for only some days: pay the charges of the usage dated in its valid days (valid_days), or
   * that share of the month's charges (pro_rata, the default; days valid ÷ days in the month). Usage without a day of
   * its own (a projected month) counts as spread evenly over the month.
   */
  partMonth: 'valid_days' | 'pro_rata';
}

export interface CreditScope {
  models: string[] | null;
  usageClasses: UsageClass[] | null;
  serviceTiers: ServiceTier[] | null;
  /** Publishers as the ledger spells them (provider-names.ts: "anthropic", "meta"); usage matches by publisherOfUsage (credits.ts). */
  publishers: string[] | null;
}

export interface Credits {
  burnOrder: 'earliest_expiry' | 'as_listed';
  grants: CreditGrant[];
}

export interface ProvisionedCapacity {
  where: string;
  id: string;
  units: number;
  pricePerUnitHour: Nanos | null;
  pricePerUnitMonth: Nanos | null;
  start: string;
  end: string;
  models: string[];
  /** Tokens per minute one unit serves, per model. */
  throughputPerUnit: Record<string, number>;
}

export interface PriceChangeClause {
  noticeDays: number;
  /** Largest increase over the price at the term start, percent as decimal text; null = uncapped. */
  capPercent: string | null;
}

/** One unit of usage to price: a ledger line, or a projected month's aggregate. */
export interface UsageItem {
  /** Defaults to the contract's vendor. */
  provider?: string;
  /** Who made the model when someone else sells it (the ledger's publisher, "anthropic" on AWS Bedrock); null or absent: see publisherOfUsage (credits.ts). */
  publisher?: string | null;
  model: string;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  meter?: string | null;
  region?: string | null;
  contextBand?: string | null;
  promptTokens?: number | null;
  /** In the price's unit (tokens are single tokens). */
  quantity: number | string | bigint;
  /** Calendar day of the usage; defaults to the month's first day. */
  date?: string;
  /** The ledger line (or projection key) it came from. */
  ref?: string;
  /**
   * Its list cost, exact, when the caller priced it already (a scenario's
   * own prices): the contract then takes it as given instead of looking the
   * price up in the price book.
   */
  listCost?: Nanos;
}

export const INVOICE_LINE_KINDS = [
  'usage',
  'discount',
  'volume_discount',
  'provisioned_fee',
  'commitment_shortfall',
  'minimum_fee_topup',
  'credit_applied',
  'credit_forfeited',
] as const;
export type InvoiceLineKind = (typeof INVOICE_LINE_KINDS)[number];

export interface InvoiceLine {
  kind: InvoiceLineKind;
  label: string;
  /** What the line adds to the invoice, rounded to the cent (negative for discounts and credits). */
  amount: Nanos;
  /** Shown but not billed (the balance of a credit forfeited at expiry). */
  memo: Nanos | null;
  model: string | null;
  usageClass: UsageClass | null;
  serviceTier: ServiceTier | null;
  /** Decimal text in the price's unit. */
  quantity: string | null;
  /** The contract term behind the line, as its field path ("discounts[0]", "commitment"). */
  term: string | null;
}

/** How one usage item was priced under the contract. */
export interface PricedItem {
  item: UsageItem;
  model: string;
  date: string;
  /** Decimal text in the price's unit. */
  quantity: string;
  /** Exact list cost of the whole quantity (after the price-change clause), nano-units. */
  listCost: Nanos;
  /**
   * Exact cost at contracted rates and % discounts, before volume discounts
   * and credits; the part served by provisioned capacity costs nothing here
   * (its fee is a line of its own).
   */
  contractedCost: Nanos;
  /** List price of one block of `listPer` units (listPer 0: a list cost given with the item, for its whole quantity). */
  listPrice: Nanos;
  listPer: number;
  /** Contracted price of one block of `per` units (a rate may quote a different block). */
  contractedPrice: Nanos;
  per: number;
  unit: PriceUnit;
  /** The context band the list price came from (null: base band). */
  contextAbove: number | null;
  /** The price-book row behind the list price. */
  priceRowId: string;
  /** The contract term that set the contracted price (a rate or a discount), or null for list. */
  term: string | null;
  /** Quantity served by provisioned capacity (paid by its fee), decimal text. */
  coveredQuantity: string;
  /** The reservation that covered it. */
  coveredBy: string | null;
  /** Note when the price-change clause held the list price down. */
  priceProtected: boolean;
  /** The price book has context bands for it but the usage said nothing about prompt size: priced at the base band. */
  bandAssumed: boolean;
  /** A rate naming no band, carried to the item's higher band by the list's band premium ("2"); null otherwise. */
  bandFactor: string | null;
  inTerm: boolean;
  /** The % discounts that priced its on-demand part, in the order applied (the one that applies, then those that stack on it), each with what it took off. */
  discounts: AppliedDiscount[];
}

export interface UnpricedItem {
  item: UsageItem;
  reason: string;
  message: string;
}

export interface CreditMovement {
  grantId: string;
  opening: Nanos;
  applied: Nanos;
  forfeited: Nanos;
  closing: Nanos;
}

export interface CommitmentStatus {
  /** The commitment for the period this month closes (or the month's share), prorated at term edges. */
  committed: Nanos;
  /** Spend that counts toward it so far in the period (carry-in included). */
  eligible: Nanos;
  shortfall: Nanos;
  /** Whether this month closes a commitment period (true-up month). */
  periodEnd: boolean;
  carriedForward: Nanos;
  deferredShortfall: Nanos;
  /** The commitment balance of the contract year this month belongs to (commitment.ts: commitmentBalance). */
  balance: CommitmentBalance;
}

/**
 * Where the commitment stands after a month, within its contract year:
 * what was committed to date (the year's commitment spread evenly over its
 * months, to the cent), drawn (spend that counts), billed as shortfall at
 * the true-ups so far, and what remains to be drawn or paid this year.
 */
export interface CommitmentBalance {
  /** 1 for the first contract year. */
  year: number;
  yearStart: string;
  yearEnd: string;
  /** The contract year's commitment (the period amount × 12 for a monthly commitment; prorated for a part year). */
  committedForYear: Nanos;
  committedToDate: Nanos;
  drawnToDate: Nanos;
  /** Shortfall billed at the true-ups of the contract year so far, this month's included. */
  shortfallBilledToDate: Nanos;
  /** committedForYear − drawn − billed, never below zero. */
  remaining: Nanos;
  /** Whether this month is a true-up. */
  trueUp: boolean;
}

export interface MonthSummary {
  usageAtList: Nanos;
  /** Usage after rates, % discounts and the volume discount. */
  usageNet: Nanos;
  volumeDiscount: Nanos;
  provisionedFees: Nanos;
  commitmentShortfall: Nanos;
  minimumTopUp: Nanos;
  creditsApplied: Nanos;
  creditsForfeited: Nanos;
}

/** State carried from one month to the next: credit balances and contract-year running totals. */
export interface ContractState {
  contractId: string;
  /** The last month priced, or null before the first. */
  lastMonth: string | null;
  credits: Record<string, Nanos>;
  /** Index of the contract year the running totals belong to. */
  yearIndex: number;
  /** Commitment-eligible spend so far in the contract year. */
  commitmentSpendYtd: Nanos;
  volumeSpendYtd: Nanos;
  volumeTokensYtd: bigint;
  volumeDiscountYtd: Nanos;
  /** Spend above the commitment carried into the next period (excess_forward). */
  commitmentCarry: Nanos;
  /** Shortfall rolled forward to be billed at term end (shortfall_forward). */
  deferredShortfall: Nanos;
  /** Commitment-eligible spend since the last true-up (quarterly or monthly true-ups of an annual commitment). */
  commitmentSpendInPeriod: Nanos;
  /** Shortfall billed at the true-ups of the contract year so far. */
  commitmentBilledYtd: Nanos;
}

/**
 * One reservation's month against the on-demand alternative: what its fee
 * bought (tokens served, share of capacity used) and what the same tokens
 * would have cost on demand at the contract's on-demand price (rate or %
 * discount, before volume discounts and credits).
 */
export interface ProvisionedComparison {
  id: string;
  /** The month's fee, exact (its invoice line is this to the cent). */
  fee: Nanos;
  /** Tokens the capacity served, every model together. */
  tokens: bigint;
  /** Share of the capacity held that month that was used, percent with two decimals; null when it held none. */
  utilisationPercent: string | null;
  /** The same tokens at the contract's on-demand price. */
  onDemandCost: Nanos;
  /** fee ÷ tokens × 1,000,000; null when it served nothing. */
  effectivePerMillion: Nanos | null;
  /** On demand would have cost less than the fee this month. */
  onDemandCheaper: boolean;
}

export interface ContractMonth {
  contractId: string;
  month: string;
  currency: string;
  /** The contract's version in force that month, whose terms priced it. */
  version: VersionRef;
  /** False when the month lies outside the term: usage is then priced at list, with no contract terms. */
  inTerm: boolean;
  lines: InvoiceLine[];
  /** Sum of the lines as shown (whole cents). */
  total: Nanos;
  /** The same invoice with usage and discounts at their exact amounts, before rounding: what exact billed amounts are compared with. */
  exactTotal: Nanos;
  summary: MonthSummary;
  items: PricedItem[];
  unpriced: UnpricedItem[];
  credits: CreditMovement[];
  commitment: CommitmentStatus | null;
  /** Each reservation running in the month against its on-demand alternative. */
  provisioned: ProvisionedComparison[];
  state: ContractState;
}
