import { CatalogueFileSchema, PriceRowSchema, SupplementFileSchema, type CatalogueFile, type PriceRowWire, type SupplementFile, type TierMultiplierWire } from './schema';
import { WorkbenchError } from '../errors';
import { nanosToDecimal, parseMoney } from '../money';
import { dashedDateVariant, matchesRule } from './match';
import { ANY_MODEL, type ModelInfo, type PriceBookSourceInfo, type PriceRow, type ProviderInfo, type ResolveModelId, type TierMultiplier } from './types';

/**
 * The price book: the shipped catalogue, the project's supplement and the
 * user's own rows (overrides from a date, added models), indexed for lookup.
 * Immutable: an edit produces rows, and the caller builds a new book.
 */
export interface PriceBook {
  readonly info: PriceBookSourceInfo;
  readonly providers: ReadonlyMap<string, ProviderInfo>;
  readonly models: readonly ModelInfo[];
  readonly rows: readonly PriceRow[];
  readonly multipliers: readonly TierMultiplier[];
  /** Rows by provider|model|usageClass|meter|tier. */
  readonly byKey: ReadonlyMap<string, readonly PriceRow[]>;
  readonly byId: ReadonlyMap<string, PriceRow>;
  /** Models that have at least one price row, per provider. */
  readonly pricedModels: ReadonlyMap<string, ReadonlySet<string>>;
  readonly resolveModelId: ResolveModelId | null;
  /** Memo of resolved spellings: provider|raw → model id or null. */
  readonly resolved: Map<string, string | null>;
}

export interface PriceBookInput {
  /** data/prices/catalogue.json, parsed JSON (validated here). */
  catalogue: unknown;
  /** data/prices/supplement.json, parsed JSON (validated here). */
  supplement?: unknown;
  /** The workspace's user rows (overrides and added models). */
  userRows?: readonly PriceRowWire[];
  /**
   * The importers' normaliser from vendor spellings to canonical model ids
   * (shared/domain/model-ids.ts). Tried before the catalogue's own match rules.
   */
  resolveModelId?: ResolveModelId;
}

export function rowKey(provider: string, model: string, usageClass: string, meter: string | null, tier: string): string {
  return `${provider}|${model}|${usageClass}|${meter ?? ''}|${tier}`;
}

export function rowFromWire(wire: PriceRowWire): PriceRow {
  return { ...wire, model: wire.model.toLowerCase() === ANY_MODEL ? ANY_MODEL : wire.model, price: parseMoney(wire.price) };
}

export function rowToWire(row: PriceRow): PriceRowWire {
  return { ...row, price: nanosToDecimal(row.price, 0) };
}

function multiplierFromWire(wire: TierMultiplierWire): TierMultiplier {
  return { ...wire };
}

function invalidData(file: string, error: { issues: { path: PropertyKey[]; message: string }[] }): WorkbenchError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') ?? '';
  return new WorkbenchError('invalid_file', `price data does not match its schema: ${issue?.message ?? 'invalid'}`, { file, field });
}

export function createPriceBook(input: PriceBookInput): PriceBook {
  const cat = CatalogueFileSchema.safeParse(input.catalogue);
  if (!cat.success) throw invalidData('data/prices/catalogue.json', cat.error);
  let sup: SupplementFile | null = null;
  if (input.supplement !== undefined) {
    const parsed = SupplementFileSchema.safeParse(input.supplement);
    if (!parsed.success) throw invalidData('data/prices/supplement.json', parsed.error);
    sup = parsed.data;
  }
  const user = (input.userRows ?? []).map((r, i) => {
    const parsed = PriceRowSchema.safeParse({ ...r, source: 'user' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new WorkbenchError('bad_input', `user price row ${r.id ?? i + 1}: ${issue?.message ?? 'invalid'}`, { row: i + 1, field: issue?.path.map(String).join('.') });
    }
    return parsed.data;
  });
  return buildBook(cat.data, sup, user, input.resolveModelId ?? null);
}

function buildBook(catalogue: CatalogueFile, supplement: SupplementFile | null, userRows: PriceRowWire[], resolveModelId: ResolveModelId | null): PriceBook {
  const rows: PriceRow[] = [];
  const byId = new Map<string, PriceRow>();
  for (const wire of [...catalogue.rows, ...(supplement?.rows ?? []), ...userRows]) {
    const row = rowFromWire(wire);
    // A user row with a catalogue row's id replaces it (re-imported CSV); otherwise ids are unique by construction.
    const previous = byId.get(row.id);
    if (previous) rows.splice(rows.indexOf(previous), 1);
    byId.set(row.id, row);
    rows.push(row);
  }
  const byKey = new Map<string, PriceRow[]>();
  const pricedModels = new Map<string, Set<string>>();
  for (const row of rows) {
    const key = rowKey(row.provider, row.model, row.usageClass, row.meter, row.serviceTier);
    const list = byKey.get(key) ?? [];
    list.push(row);
    byKey.set(key, list);
    const set = pricedModels.get(row.provider) ?? new Set<string>();
    set.add(row.model);
    pricedModels.set(row.provider, set);
  }
  const providers = new Map<string, ProviderInfo>();
  for (const p of catalogue.providers) providers.set(p.id, { ...p });
  for (const row of rows) {
    if (!providers.has(row.provider)) providers.set(row.provider, { id: row.provider, name: row.provider, pricingUrls: [], fallbackProviders: [], note: null });
  }
  return {
    info: {
      catalogueAsOf: catalogue.asOf,
      cataloguePackage: catalogue.source.package,
      catalogueVersion: catalogue.source.version,
      supplementAsOf: supplement?.asOf ?? null,
      userRows: userRows.length,
    },
    providers,
    models: catalogue.models.map((m) => ({ ...m })),
    rows,
    multipliers: (supplement?.tierMultipliers ?? []).map(multiplierFromWire),
    byKey,
    byId,
    pricedModels,
    resolveModelId,
    resolved: new Map(),
  };
}

/** The provider itself, then the providers whose list prices it falls back to. */
export function providerChain(book: PriceBook, provider: string): string[] {
  return [provider, ...(book.providers.get(provider)?.fallbackProviders ?? [])];
}

function hasRows(book: PriceBook, providers: readonly string[], model: string): boolean {
  return providers.some((p) => book.pricedModels.get(p)?.has(model) === true);
}

/**
 * Resolves a vendor's spelling of a model to the id the price book prices,
 * or null when no rule recognises it (the caller reports it as unknown; it
 * is never priced at zero). In order: the id as written; the importers'
 * normaliser; a catalogue id (dated snapshot, reseller id); the catalogue's
 * match rules, in the catalogue's order.
 */
export function resolveModel(book: PriceBook, provider: string, raw: string): string | null {
  const memoKey = `${provider}|${raw}`;
  if (book.resolved.has(memoKey)) return book.resolved.get(memoKey) ?? null;
  const result = resolveUncached(book, provider, raw);
  book.resolved.set(memoKey, result);
  return result;
}

function resolveUncached(book: PriceBook, provider: string, raw: string): string | null {
  // The provider's own catalogue first: on Azure "ada" is Azure's embedding model, not OpenAI's GPT-3 "ada".
  return resolveWithin(book, [provider], raw) ?? resolveWithin(book, providerChain(book, provider), raw);
}

function resolveWithin(book: PriceBook, chain: readonly string[], raw: string): string | null {
  const provider = chain[0]!;
  const text = raw.trim();
  if (text === '') return null;
  if (hasRows(book, chain, text)) return text;
  const lower = text.toLowerCase();
  if (hasRows(book, chain, lower)) return lower;
  // The importers' canonical id; where the catalogue files that model under another id (Bedrock-only
  // families: "amazon.nova-pro-v1:0" is the catalogue's "amazon.nova-pro"), its catalogue ids find it.
  const canonical = book.resolveModelId?.(provider, text) ?? null;
  if (canonical !== null && hasRows(book, chain, canonical)) return canonical;
  return byCatalogue(book, chain, lower) ?? (canonical !== null ? byCatalogue(book, chain, canonical.toLowerCase()) : null);
}

/** A model by the catalogue's own ids (dated snapshots, reseller ids), then by its match rules, in the catalogue's order. */
function byCatalogue(book: PriceBook, chain: readonly string[], lower: string): string | null {
  const variants = [lower, dashedDateVariant(lower)].filter((v): v is string => v !== null);
  for (const p of chain) {
    const models = book.models.filter((m) => m.provider === p);
    const byCatalogueId = models.find((m) => m.catalogueIds.some((c) => variants.includes(c.toLowerCase())));
    if (byCatalogueId) return byCatalogueId.model;
    for (const v of variants) {
      const found = models.find((m) => m.match.some((rule) => matchesRule(rule, v)));
      if (found && hasRows(book, chain, found.model)) return found.model;
    }
  }
  return null;
}

/** Every model the book can price for a provider (its own and those it falls back to). */
export function modelsOf(book: PriceBook, provider: string): string[] {
  const out = new Set<string>();
  for (const p of providerChain(book, provider)) for (const m of book.pricedModels.get(p) ?? []) if (m !== ANY_MODEL) out.add(m);
  return [...out].sort();
}
