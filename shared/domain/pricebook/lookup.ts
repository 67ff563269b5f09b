import { multiplyMoney, type Nanos } from '../money';
import { moneyText } from '../money-text';
import { TOKEN_CLASSES, type ServiceTier, type UsageClass } from '../usage';
import { providerChain, resolveModel, rowKey, type PriceBook } from './book';
import { bandForLabel, bandForPrompt, contextBandLabel } from './context-band';
import { inForce } from '../calendar';
import { ANY_MODEL, type ModelInfo, type PriceRow, type PriceUnit, type TierMultiplier } from './types';

export interface PriceQuery {
  provider: string;
  /** The model as the vendor spelled it or its canonical id. */
  model: string;
  usageClass: UsageClass;
  serviceTier?: ServiceTier;
  meter?: string | null;
  region?: string | null;
  /** The calendar day of the usage ("2026-03-14"); prices are dated. */
  date: string;
  /** The vendor's band label for aggregated lines ("200k-1M"). */
  contextBand?: string | null;
  /** All input tokens of one request, for request-level pricing; wins over `contextBand`. */
  promptTokens?: number | null;
}

export type PriceLookupFailure = 'unknown_model' | 'no_price' | 'no_tier_price' | 'not_in_force';

export type PriceLookup =
  | {
      ok: true;
      /** The canonical model id the spelling resolved to. */
      model: string;
      /** The row that priced it (for a tier priced by rule, the standard row the factor applied to). */
      row: PriceRow;
      multiplier: TierMultiplier | null;
      /** Set when a reseller's line was priced from the publisher's list (Azure → OpenAI). */
      pricedAsProvider: string | null;
      /** How and why a price was borrowed from the publisher; null when the provider's own row priced it. */
      borrowed: BorrowedPrice | null;
      /** Price of one block of `per` units after any tier factor, in nano-units. */
      price: Nanos;
      per: number;
      unit: PriceUnit;
      currency: string;
      contextAbove: number | null;
      /** True when the row has context bands but the line said nothing about prompt size, so the base band was used. */
      bandAssumed: boolean;
    }
  | { ok: false; reason: PriceLookupFailure; model: string | null; message: string };

/**
 * A reseller's price taken from the publisher's list, always marked:
 * `model` when the reseller's catalogue does not list the model at all (its
 * spelling is the publisher's: Azure "gpt-4o" at OpenAI's price); `usage_class`
 * when the reseller lists the model but not this usage class, and the
 * catalogue records the reseller's model as the publisher's very model.
 */
export interface BorrowedPrice {
  from: string;
  /** The publisher's model id the price is from. */
  model: string;
  scope: 'model' | 'usage_class';
  reason: string;
}

const SOURCE_RANK: Record<string, number> = { user: 0, supplement: 1, catalogue: 2 };

/** Bedrock's global cross-region profiles are priced apart from regional ones; their ids say so. */
export function impliedRegion(provider: string, raw: string): string | null {
  return provider === 'aws' && raw.trim().toLowerCase().startsWith('global.') ? 'global' : null;
}

interface RowSearch {
  provider: string;
  model: string;
  usageClass: UsageClass;
  meter: string | null;
  tier: ServiceTier;
  region: string | null;
  date: string;
  contextBand: string | null;
  promptTokens: number | null;
}

type RowFound = { row: PriceRow; bandAssumed: boolean } | { row: null; anyRows: boolean };

/** A book's models by provider and id (the first the catalogue lists), built once per book: a lookup per check line must not walk the catalogue. */
const modelIndex = new WeakMap<PriceBook, Map<string, ModelInfo>>();
function modelInfo(book: PriceBook, provider: string, model: string): ModelInfo | undefined {
  let index = modelIndex.get(book);
  if (!index) {
    index = new Map();
    for (const m of book.models) if (!index.has(`${m.provider}|${m.model}`)) index.set(`${m.provider}|${m.model}`, m);
    modelIndex.set(book, index);
  }
  return index.get(`${provider}|${model}`);
}

/**
 * The row in force for one key on a day. Among rows that fit, the most
 * specific wins: the exact model over the provider-wide "*", the exact region
 * over "any region", a user row over the supplement over the catalogue, and
 * the latest effective-from date.
 */
function findRow(book: PriceBook, s: RowSearch): RowFound {
  const candidates = [
    ...(book.byKey.get(rowKey(s.provider, s.model, s.usageClass, s.meter, s.tier)) ?? []),
    ...(s.model === ANY_MODEL ? [] : (book.byKey.get(rowKey(s.provider, ANY_MODEL, s.usageClass, s.meter, s.tier)) ?? [])),
  ];
  if (candidates.length === 0) return { row: null, anyRows: false };
  const fitting = candidates.filter((r) => inForce(s.date, r.effectiveFrom, r.effectiveTo) && (r.region === null || r.region === s.region));
  if (fitting.length === 0) return { row: null, anyRows: true };
  // Prefer the exact region when it has rows at all, so a region's bands are not mixed with another's.
  const regional = fitting.filter((r) => r.region !== null && r.region === s.region);
  const pool = regional.length > 0 ? regional : fitting;
  const thresholds = [...new Set(pool.map((r) => r.contextAbove))];
  const hasBands = thresholds.some((t) => t !== null);
  let band: number | null = null;
  let bandAssumed = false;
  if (hasBands) {
    if (s.promptTokens !== null) band = bandForPrompt(thresholds, s.promptTokens);
    else if (s.contextBand !== null) {
      const b = bandForLabel(thresholds, s.contextBand);
      if (b === undefined) bandAssumed = true;
      else band = b;
    } else bandAssumed = true;
  }
  const inBand = pool.filter((r) => r.contextAbove === band);
  if (inBand.length === 0) return { row: null, anyRows: true };
  inBand.sort(
    (a, b) =>
      Number(a.model === ANY_MODEL) - Number(b.model === ANY_MODEL) ||
      (SOURCE_RANK[a.source] ?? 9) - (SOURCE_RANK[b.source] ?? 9) ||
      (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? '') ||
      a.id.localeCompare(b.id),
  );
  return { row: inBand[0]!, bandAssumed };
}

/** The tier rule for a provider's model on a day, user and supplement alike (multipliers come only from data). */
export function findMultiplier(book: PriceBook, provider: string, model: string, tier: ServiceTier, usageClass: UsageClass, date: string): TierMultiplier | null {
  const fits = book.multipliers.filter(
    (m) =>
      m.provider === provider &&
      m.serviceTier === tier &&
      (m.models === null || m.models.includes(model)) &&
      (m.usageClasses === null ? TOKEN_CLASSES.includes(usageClass) : m.usageClasses.includes(usageClass)) &&
      inForce(date, m.effectiveFrom, m.effectiveTo),
  );
  // A rule naming the model beats a provider-wide rule.
  fits.sort((a, b) => Number(a.models === null) - Number(b.models === null) || (b.effectiveFrom ?? '').localeCompare(a.effectiveFrom ?? ''));
  return fits[0] ?? null;
}

/**
 * Looks up the list price for one usage class of a model on a day.
 *
 * Standard tier: the provider's own row, else the row of a provider it falls
 * back to (Azure → OpenAI). Other tiers: the provider's own explicit row for
 * the tier (OpenAI's published priority prices), else the provider's tier
 * rule (batch = 0.5 × standard) applied to the standard price. A tier with
 * neither is reported (`no_tier_price`), never guessed. Tokens served by
 * provisioned capacity have no per-token price: the capacity fee pays them.
 */
export function lookupPrice(book: PriceBook, q: PriceQuery): PriceLookup {
  const model = resolveModel(book, q.provider, q.model);
  if (model === null) {
    return { ok: false, reason: 'unknown_model', model: null, message: `${q.provider} model "${q.model}" is not in the price book; add it (clone a similar model) to price it` };
  }
  const tier = q.serviceTier ?? 'standard';
  const base: Omit<RowSearch, 'provider' | 'tier'> = {
    model,
    usageClass: q.usageClass,
    meter: q.meter ?? null,
    region: q.region ?? impliedRegion(q.provider, q.model),
    date: q.date,
    contextBand: q.contextBand ?? null,
    promptTokens: q.promptTokens ?? null,
  };
  let sawRows = false;
  let refused: string | null = null;
  const own = book.pricedModels.get(q.provider)?.has(model) === true;
  const info = own ? modelInfo(book, q.provider, model) : undefined;
  const standard = (): { found: Extract<RowFound, { row: PriceRow }>; provider: string; borrowed: BorrowedPrice | null } | null => {
    for (const provider of providerChain(book, q.provider)) {
      let borrowed: BorrowedPrice | null = null;
      let searchModel = model;
      if (provider !== q.provider) {
        if (!own) {
          borrowed = { from: provider, model, scope: 'model', reason: `${q.provider} lists no ${model}; priced at ${provider}'s list price, as the catalogue falls back` };
        } else if (info?.publisherModel?.provider === provider) {
          searchModel = info.publisherModel.model;
          borrowed = { from: provider, model: searchModel, scope: 'usage_class', reason: `${q.provider} lists ${model} without a ${q.usageClass} price; ${provider}'s list price for the same model` };
        } else {
          // The reseller's model only shares a name with the publisher's (or is not known to be the same): never borrow.
          if (book.pricedModels.get(provider)?.has(model) === true) refused ??= `${q.provider} ${model} is not ${provider}'s ${model} (same name, different model), so ${provider}'s price is not borrowed`;
          continue;
        }
      }
      const found = findRow(book, { ...base, model: searchModel, provider, tier: 'standard' });
      if (found.row) return { found, provider, borrowed };
      sawRows ||= found.anyRows;
    }
    return null;
  };
  const ok = (found: { row: PriceRow; bandAssumed: boolean }, provider: string, multiplier: TierMultiplier | null, borrowed: BorrowedPrice | null): PriceLookup => ({
    ok: true,
    model,
    row: found.row,
    multiplier,
    pricedAsProvider: provider === q.provider ? null : provider,
    borrowed,
    price: multiplier ? multiplyMoney(found.row.price, multiplier.factor) : found.row.price,
    per: found.row.per,
    unit: found.row.unit,
    currency: found.row.currency,
    contextAbove: found.row.contextAbove,
    bandAssumed: found.bandAssumed,
  });

  if (tier === 'standard') {
    const s = standard();
    if (s) return ok(s.found, s.provider, null, s.borrowed);
  } else {
    const explicit = findRow(book, { ...base, provider: q.provider, tier });
    if (explicit.row) return ok(explicit, q.provider, null, null);
    sawRows ||= explicit.anyRows;
    const s = standard();
    const multiplier = findMultiplier(book, q.provider, model, tier, q.usageClass, q.date);
    if (s && multiplier) return ok(s.found, s.provider, multiplier, s.borrowed);
    if (s) {
      return {
        ok: false,
        reason: 'no_tier_price',
        model,
        message:
          tier === 'provisioned'
            ? `${q.provider} ${model} ${q.usageClass} on provisioned capacity has no per-unit list price: the capacity fee pays for it`
            : `${q.provider} publishes no ${tier} price or ${tier} rule for ${model} ${q.usageClass} in the price book; add a ${tier} row`,
      };
    }
  }
  if (sawRows) {
    return { ok: false, reason: 'not_in_force', model, message: `${q.provider} ${model} has no ${q.usageClass} price in force on ${q.date}${q.meter ? ` (${q.meter})` : ''}` };
  }
  const why = refused ? `; ${refused}` : '';
  return { ok: false, reason: 'no_price', model, message: `${q.provider} ${model} has no ${q.usageClass}${q.meter ? ` (${q.meter})` : ''} price in the price book${why}` };
}

/** "$2.50 per 1M tokens (base band) — catalogue row cat:openai:gpt-4o:input:…" — what the UI shows next to a priced line. */
export function describeLookup(result: Extract<PriceLookup, { ok: true }>): string {
  const per = result.per === 1 ? result.unit.replace('_', '-') : `${compactCount(result.per)} ${result.unit.replace('_', '-')}s`;
  const band = result.contextAbove === null ? '' : ` (prompts ${contextBandLabel(result.contextAbove)} tokens)`;
  const tier = result.multiplier ? ` × ${result.multiplier.factor} for ${result.multiplier.serviceTier}` : '';
  const via = result.borrowed ? ` borrowed from ${result.borrowed.from}'s list (${result.borrowed.scope === 'model' ? 'model not listed' : `no ${result.row.usageClass} price listed`})` : '';
  return `${moneyText(result.price, result.currency, { exact: true })} per ${per}${band}${tier}${via} — ${result.row.source} row ${result.row.id}`;
}

function compactCount(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}
