/**
 * Prices every (provider, model spelling, usage type, context band, dated
 * change) shared between the shipped price book and @pydantic/genai-prices,
 * both ways: our lookup over catalogue + supplement, and the package's own
 * calcPrice over its bundled data. Each point is a price per `per` units
 * (per 1M tokens, per 1,000 calls) as each side computes it.
 *
 * "Both ways": the points come from the package's models and price keys
 * (every key the catalogue converts, every tier threshold, every start date)
 * and from the book's rows (every model, usage class, band and effective-from
 * date, supplement rows included); each point is then priced on both sides.
 */
import { calcPrice, findProvider, type MatchLogic, type ModelInfo as PkgModel, type ModelPrice, type Usage } from '@pydantic/genai-prices';
import { matchesRule } from '../../shared/domain/pricebook/match';
import type { PriceBook } from '../../shared/domain/pricebook/book';
import { lookupPrice } from '../../shared/domain/pricebook/lookup';
import type { UsageClass } from '../../shared/domain/usage';

/** A price key the catalogue converts: our usage class and meter, the package's usage keys (the key's own and its ancestors), its block size. */
interface SharedKey {
  key: string;
  usageClass: UsageClass;
  meter: string | null;
  usage: string[];
  per: number;
  direction: 'input' | 'output' | 'none';
}

/** Usage keys as the package's unit hierarchy nests them: a cache read is also an input token. */
export const SHARED_KEYS: readonly SharedKey[] = [
  { key: 'input_mtok', usageClass: 'input', meter: null, usage: ['input_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'cache_read_mtok', usageClass: 'cached_input', meter: null, usage: ['input_tokens', 'cache_read_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'cache_write_mtok', usageClass: 'cache_write_5m', meter: null, usage: ['input_tokens', 'cache_write_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'cache_write_1h_mtok', usageClass: 'cache_write_1h', meter: null, usage: ['input_tokens', 'cache_write_tokens', 'cache_write_1h_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'output_mtok', usageClass: 'output', meter: null, usage: ['output_tokens'], per: 1_000_000, direction: 'output' },
  { key: 'input_audio_mtok', usageClass: 'input', meter: 'audio', usage: ['input_tokens', 'input_audio_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'output_audio_mtok', usageClass: 'output', meter: 'audio', usage: ['output_tokens', 'output_audio_tokens'], per: 1_000_000, direction: 'output' },
  { key: 'cache_audio_read_mtok', usageClass: 'cached_input', meter: 'audio', usage: ['input_tokens', 'cache_read_tokens', 'input_audio_tokens', 'cache_audio_read_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'input_image_mtok', usageClass: 'input', meter: 'image', usage: ['input_tokens', 'input_image_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'output_image_mtok', usageClass: 'output', meter: 'image', usage: ['output_tokens', 'output_image_tokens'], per: 1_000_000, direction: 'output' },
  { key: 'cache_image_read_mtok', usageClass: 'cached_input', meter: 'image', usage: ['input_tokens', 'cache_read_tokens', 'input_image_tokens', 'cache_image_read_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'input_video_mtok', usageClass: 'input', meter: 'video', usage: ['input_tokens', 'input_video_tokens'], per: 1_000_000, direction: 'input' },
  { key: 'output_video_mtok', usageClass: 'output', meter: 'video', usage: ['output_tokens', 'output_video_tokens'], per: 1_000_000, direction: 'output' },
  { key: 'web_searches_kcount', usageClass: 'tool_call', meter: 'web_search', usage: ['web_searches'], per: 1_000, direction: 'none' },
  { key: 'storage_searches_kcount', usageClass: 'tool_call', meter: 'file_search', usage: ['storage_searches'], per: 1_000, direction: 'none' },
  { key: 'input_document_kpages', usageClass: 'other', meter: 'document_page', usage: ['input_document_pages'], per: 1_000, direction: 'none' },
  { key: 'input_audio_hours', usageClass: 'audio_second', meter: null, usage: ['audio_seconds', 'input_audio_seconds'], per: 3_600, direction: 'none' },
];

/** One comparison point. */
export interface PricePoint {
  provider: string;
  /** The spelling priced on both sides (the package's model id). */
  model: string;
  key: string;
  /** Prompt tokens above which the band applies; null = base band. */
  band: number | null;
  /** The day priced (the package is asked at 12:00 UTC). */
  date: string;
}

export interface PointResult extends PricePoint {
  /** Price per `per` units, as decimal numbers; null = that side cannot price it. */
  ours: number | null;
  theirs: number | null;
  /** The package has no price for the key and bills it at its parent's rate (cache reads as input). */
  theirsImplicit: boolean;
  per: number;
  /** How ours was priced: the row's source, and the provider it was borrowed from. */
  oursSource: string | null;
  oursVia: string | null;
  oursBorrowScope: 'model' | 'usage_class' | null;
  oursModel: string | null;
  oursFailure: string | null;
}

/** The day every undated price is compared on; dated changes add their own days. */
export const REFERENCE_DATE = '2026-09-01';

function pkgThresholds(prices: ModelPrice, key: string): number[] {
  const v = prices[key];
  return v !== undefined && typeof v === 'object' ? v.tiers.map((t) => t.start) : [];
}

function pkgPeriods(model: PkgModel): { date: string | null; prices: ModelPrice }[] {
  if (!Array.isArray(model.prices)) return [{ date: null, prices: model.prices }];
  return model.prices
    .filter((p) => p.constraint === undefined || p.constraint.type === 'start_date')
    .map((p) => ({ date: p.constraint && p.constraint.type === 'start_date' ? p.constraint.start_date.slice(0, 10) : null, prices: p.prices }));
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function literals(rule: MatchLogic): string[] {
  if ('or' in rule) return rule.or.flatMap(literals);
  if ('and' in rule) return rule.and.flatMap(literals);
  if ('equals' in rule) return [rule.equals];
  if ('starts_with' in rule) return [rule.starts_with];
  if ('contains' in rule) return [rule.contains];
  if ('ends_with' in rule) return [rule.ends_with];
  return [];
}

/**
 * A spelling the package resolves to this very model: its id where its own
 * rules accept it, else the first literal of its rules that does (Bedrock's
 * "regional." ids are not accepted by their own rules; "us.anthropic..." is).
 * Null when no literal reaches the model (an earlier model's rule wins).
 */
export function spellingFor(providerId: string, model: PkgModel): string | null {
  for (const candidate of [model.id, ...literals(model.match)]) {
    if (!matchesRule(model.match as never, candidate)) continue;
    const r = calcPrice({}, candidate, { providerId, timestamp: new Date(`${REFERENCE_DATE}T12:00:00Z`) });
    if (r?.model.id === model.id) return candidate;
  }
  return null;
}

/** Every point the package's data names, for the providers the catalogue converts. */
export function packagePoints(providers: readonly string[]): PricePoint[] {
  const out: PricePoint[] = [];
  for (const providerId of providers) {
    const provider = findProvider({ providerId });
    if (!provider) continue;
    for (const model of provider.models) {
      const spelling = spellingFor(providerId, model);
      if (spelling === null) continue;
      const periods = pkgPeriods(model);
      const dates = new Set<string>([REFERENCE_DATE]);
      for (const p of periods) {
        if (p.date === null) continue;
        dates.add(p.date);
        dates.add(dayBefore(p.date));
      }
      for (const date of dates) {
        const prices = periods.filter((p) => p.date === null || p.date <= date).at(-1)?.prices ?? periods[0]!.prices;
        // Every shared key, priced or not: a key one side prices and the other does not is a difference too (a reseller borrowing the publisher's price).
        for (const k of SHARED_KEYS) {
          for (const band of [null, ...pkgThresholds(prices, k.key)]) out.push({ provider: providerId, model: spelling, key: k.key, band, date });
        }
      }
    }
  }
  return out;
}

/** Every point the book's standard-tier token/call rows name, priced through a spelling the package knows (the model's catalogue ids). */
export function bookPoints(book: PriceBook): PricePoint[] {
  const out: PricePoint[] = [];
  for (const row of book.rows) {
    if (row.serviceTier !== 'standard' || row.model === '*') continue;
    const k = SHARED_KEYS.find((s) => s.usageClass === row.usageClass && s.meter === row.meter);
    if (!k) continue;
    const info = book.models.find((m) => m.provider === row.provider && m.model === row.model);
    const pkg = findProvider({ providerId: row.provider });
    const spellings = (info ? info.catalogueIds : [row.model]).map((id) => {
      const m = pkg?.models.find((x) => x.id === id);
      return (m && spellingFor(row.provider, m)) ?? id;
    });
    const date = row.effectiveFrom ?? REFERENCE_DATE;
    for (const model of spellings) out.push({ provider: row.provider, model, key: k.key, band: row.contextAbove, date });
  }
  return out;
}

function pointKey(p: PricePoint): string {
  return `${p.provider}|${p.model}|${p.key}|${p.band ?? 0}|${p.date}`;
}

/** Tokens in one test request: enough to pass the band, few enough to stay in the base band otherwise. */
function quantityFor(band: number | null): number {
  return band === null ? 1_000 : band + 1;
}

function packageUsage(k: SharedKey, n: number, prompt: number): { with: Usage; without: Usage } {
  const withUsage: Usage = {};
  for (const u of k.usage) withUsage[u] = n;
  if (k.direction === 'output' && prompt > 0) {
    withUsage.input_tokens = prompt;
    return { with: withUsage, without: { input_tokens: prompt } };
  }
  return { with: withUsage, without: {} };
}

/**
 * The package's price per `per` units of one key at a band on a day (its
 * total with the usage minus its total without). A key the model has no
 * price for is null, unless the package bills it at its parent's rate (a
 * cache read of a model without a cache price is billed as input): then the
 * price is returned with `implicit` set.
 */
export function theirPrice(p: PricePoint): { value: number | null; implicit: boolean } {
  const k = SHARED_KEYS.find((s) => s.key === p.key)!;
  const n = k.direction === 'none' ? 1 : quantityFor(p.band);
  const prompt = p.band === null ? 0 : p.band + 1;
  const usage = packageUsage(k, n, prompt);
  const options = { providerId: p.provider, timestamp: new Date(`${p.date}T12:00:00Z`) };
  const a = calcPrice(usage.with, p.model, options);
  const b = calcPrice(usage.without, p.model, options);
  if (a === null || b === null) return { value: null, implicit: false };
  const value = ((a.total_price - b.total_price) / n) * k.per;
  if (a.model_price[k.key] !== undefined) return { value, implicit: false };
  return value > 0 ? { value, implicit: true } : { value: null, implicit: false };
}

export function ourPrice(book: PriceBook, p: PricePoint): Pick<PointResult, 'ours' | 'oursSource' | 'oursVia' | 'oursBorrowScope' | 'oursModel' | 'oursFailure'> {
  const k = SHARED_KEYS.find((s) => s.key === p.key)!;
  const prompt = k.direction === 'none' ? null : k.direction === 'input' ? quantityFor(p.band) : p.band === null ? 0 : p.band + 1;
  const r = lookupPrice(book, { provider: p.provider, model: p.model, usageClass: k.usageClass, meter: k.meter, date: p.date, promptTokens: prompt });
  if (!r.ok) return { ours: null, oursSource: null, oursVia: null, oursBorrowScope: null, oursModel: r.model, oursFailure: r.reason };
  // Nanos per `per` of the row → a number per the key's block (rows and keys agree on per for every shared key).
  const perRow = Number(r.price) / 1e9 / r.per;
  return { ours: perRow * k.per, oursSource: r.row.source, oursVia: r.pricedAsProvider, oursBorrowScope: r.borrowed?.scope ?? null, oursModel: r.model, oursFailure: null };
}

/** Prices every point both ways; the union of both sides' points, each once. */
export function compareAll(book: PriceBook, providers: readonly string[]): PointResult[] {
  const points = new Map<string, PricePoint>();
  for (const p of [...packagePoints(providers), ...bookPoints(book)]) points.set(pointKey(p), p);
  const out: PointResult[] = [];
  for (const p of [...points.values()].sort((a, b) => pointKey(a).localeCompare(pointKey(b)))) {
    const k = SHARED_KEYS.find((s) => s.key === p.key)!;
    const theirs = theirPrice(p);
    const ours = ourPrice(book, p);
    // A usage type is shared when either side prices it explicitly; the package billing an unpriced kind at its parent's rate is not a price.
    if (ours.ours === null && (theirs.value === null || theirs.implicit)) continue;
    out.push({ ...p, ...ours, theirs: theirs.value, theirsImplicit: theirs.implicit, per: k.per });
  }
  return out;
}

/** Same price to a billionth of the larger, or both unable to price. */
export function agrees(r: PointResult): boolean {
  if (r.ours === null || r.theirs === null) return r.ours === r.theirs;
  return Math.abs(r.ours - r.theirs) <= 1e-9 * Math.max(1, Math.abs(r.theirs));
}

/** One reviewed entry of data/prices/genai-prices-differences.json. */
export interface ReviewedDifference {
  id: string;
  kind: 'supplement_band' | 'supplement_row' | 'borrowed';
  provider: string;
  /** Our canonical model ids. */
  models: string[];
  keys: string[];
  band: number | null;
  /** For `borrowed`: the publisher whose price the book borrows. */
  from?: string;
  reason: string;
}

/** Whether an entry explains a difference: same provider, model, key and band, and ours priced the way the entry says. */
function explains(entry: ReviewedDifference, r: PointResult): boolean {
  if (entry.provider !== r.provider || !entry.models.includes(r.oursModel ?? '') || !entry.keys.includes(r.key) || entry.band !== r.band) return false;
  if (entry.kind === 'borrowed') return r.oursVia === entry.from && r.oursBorrowScope === 'usage_class';
  return r.oursSource === 'supplement' && (entry.kind === 'supplement_row' || r.band !== null);
}

export interface Explained {
  explained: { result: PointResult; entry: ReviewedDifference }[];
  unexplained: PointResult[];
  /** Entries that explain nothing any more (the data changed: review and remove them). */
  unused: ReviewedDifference[];
}

export function explainDifferences(results: readonly PointResult[], table: readonly ReviewedDifference[]): Explained {
  const out: Explained = { explained: [], unexplained: [], unused: [] };
  const used = new Set<string>();
  for (const r of results) {
    if (agrees(r)) continue;
    const entry = table.find((e) => explains(e, r));
    if (entry) {
      out.explained.push({ result: r, entry });
      used.add(entry.id);
    } else out.unexplained.push(r);
  }
  out.unused = table.filter((e) => !used.has(e.id));
  return out;
}

/** "aws claude-sonnet-4-0 input_mtok >200000 on 2026-09-01: ours 6 / theirs 3 per 1000000" */
export function describePoint(r: PointResult): string {
  return `${r.provider} ${r.model} (ours: ${r.oursModel ?? 'unknown'}) ${r.key}${r.band === null ? '' : ` >${r.band}`} on ${r.date}: ours ${r.ours ?? r.oursFailure} / theirs ${r.theirs ?? 'none'}${r.theirsImplicit ? ' (billed at its parent rate)' : ''} per ${r.per}${r.oursVia ? `, ours borrowed from ${r.oursVia}` : ''}`;
}
