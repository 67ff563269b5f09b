import type { Nanos } from '../money';
import type { ServiceTier, UsageClass } from '../usage';

/** What one price is quoted per: tokens, requests, unit-hours... `per` says how many of them (1,000,000 tokens). */
export const PRICE_UNITS = ['token', 'request', 'call', 'image', 'second', 'page', 'character', 'unit_hour', 'unit_month', 'seat_month', 'gb_month', 'unit'] as const;
export type PriceUnit = (typeof PRICE_UNITS)[number];

/** Where a price row came from. User rows win over supplement rows, which win over catalogue rows. */
export const PRICE_SOURCES = ['catalogue', 'supplement', 'user'] as const;
export type PriceSource = (typeof PRICE_SOURCES)[number];

/** A model id that stands for every model of a provider (Azure PTUs are bought per deployment type, not per model). */
export const ANY_MODEL = '*';

/**
 * One list price: what one `per` block of `unit` costs for a provider's model,
 * usage class and service tier, in a context band and region, over a span of
 * dates. Dates are calendar days (YYYY-MM-DD): `effectiveFrom` inclusive,
 * `effectiveTo` exclusive, null meaning open-ended.
 */
export interface PriceRow {
  /** Stable id; a price lookup names the row that priced a line by it. */
  id: string;
  provider: string;
  /** Canonical model id, or {@link ANY_MODEL}. */
  model: string;
  usageClass: UsageClass;
  /** A finer meter within the usage class (audio tokens, web search calls); null is the class's default meter (text tokens). */
  meter: string | null;
  serviceTier: ServiceTier;
  /**
   * Context band: the row applies to requests whose prompt (all input tokens,
   * cached or not) has MORE than this many tokens; every token of such a request,
   * output included, bills at the band's rate. Null is the base band.
   */
  contextAbove: number | null;
  /** A region or endpoint scope ("global" for Bedrock global inference profiles); null applies in any region. */
  region: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  /** ISO 4217. */
  currency: string;
  /** Price of one block of `per` units, in nano-units. */
  price: Nanos;
  per: number;
  unit: PriceUnit;
  source: PriceSource;
  /** Where the number comes from, in words. */
  note: string;
  /** Where it can be checked, and the day it last was (supplement rows always say; catalogue rows come from the package). */
  sourceUrl?: string | null;
  checkedOn?: string | null;
  /** A lower price in force part of the UTC day (DeepSeek's off-peak discount), as decimal text, and when ("outside 00:30-16:30 UTC"). */
  offPeak?: { price: string; hours: string };
}

/**
 * A service tier priced as a factor of the standard price (batch at 0.5 of
 * standard) where a vendor publishes the rule rather than a price per model.
 * An explicit price row for the tier always wins over a multiplier.
 */
export interface TierMultiplier {
  id: string;
  provider: string;
  /** Models it applies to; null means every model of the provider. */
  models: string[] | null;
  serviceTier: ServiceTier;
  /** Exact decimal factor ("0.5"). */
  factor: string;
  /** Usage classes it applies to; null means the token classes. */
  usageClasses: UsageClass[] | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  note: string;
  sourceUrl?: string | null;
  checkedOn?: string | null;
}

/** A rule recognising a vendor's spelling of a model, as the catalogue writes it. */
export type MatchRule =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchRule[] }
  | { and: MatchRule[] };

export interface ModelInfo {
  provider: string;
  model: string;
  /**
   * The publisher's model this reseller model is (Azure "o4-mini" is OpenAI
   * "o4-mini"); null for the provider's own models and for a model that only
   * shares a name with a publisher's (Azure "ada" is an embedding model,
   * OpenAI "ada" is GPT-3). A usage class the reseller does not price is
   * borrowed from the publisher only through this link.
   */
  publisherModel: { provider: string; model: string } | null;
  /** A publisher's different model of the same name, and the price evidence; nothing is borrowed between them. */
  sharesNameWith: { provider: string; model: string; why: string } | null;
  name: string | null;
  /** The catalogue's own ids for this model (dated snapshots, reseller ids). */
  catalogueIds: string[];
  /** Spellings that resolve to this model. */
  match: MatchRule[];
  contextWindow: number | null;
  deprecated: boolean;
}

export interface ProviderInfo {
  id: string;
  name: string;
  pricingUrls: string[];
  /** Providers whose list prices apply when this one has no row (Azure resells OpenAI models at OpenAI's prices). */
  fallbackProviders: string[];
  note: string | null;
}

/** Where the book's prices came from and as of when. */
export interface PriceBookSourceInfo {
  catalogueAsOf: string;
  cataloguePackage: string;
  catalogueVersion: string;
  supplementAsOf: string | null;
  userRows: number;
}

/** Turns a vendor's spelling into a canonical model id (the importers' normaliser, shared/domain/model-ids.ts). */
export type ResolveModelId = (provider: string, raw: string) => string | null;
