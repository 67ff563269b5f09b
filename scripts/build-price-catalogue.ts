/**
 * Builds data/prices/catalogue.json, the project's dated list-price catalogue,
 * from the price data embedded in the pinned npm package @pydantic/genai-prices
 * (MIT). Run: `npx tsx scripts/build-price-catalogue.ts [--as-of YYYY-MM-DD] [--check]`.
 *
 * Reproducible: the same package version gives byte-identical output (rows
 * are sorted, no clock is read). The package's bundled data is read through
 * its exported `findProvider`; its `updatePrices` (which downloads newer
 * data) is never called, so nothing touches the network.
 *
 * What the conversion does, and why:
 * - Each price key (input_mtok, cache_read_mtok, ...) becomes one row per
 *   usage class of PRODUCT.md, with its unit and block size (per 1M tokens,
 *   per 1,000 calls, per hour of audio).
 * - Long-context tiers ({base, tiers:[{start, price}]}) become context-band
 *   rows: the package bills every token of a request at the tier's rate once
 *   the request's input passes `start`, which is exactly our context band.
 * - Dated prices (start_date constraints) become rows with effective-from/to
 *   dates. Time-of-day discounts (off-peak hours) have no place in a monthly
 *   ledger and are left out; the build report lists them.
 * - Model ids: the catalogue's own ids follow the vendor's API ids
 *   ("claude-sonnet-4-5"). Resellers' ids ("regional.anthropic.claude-
 *   sonnet-4-5-20250929-v1:0" on Bedrock, "o3-2025-04-16" on Azure) are
 *   mapped to the publisher's id where the publisher's own match rules
 *   recognise them, so one model has one id across vendors; the reseller
 *   spelling is kept as an alias. Bedrock's "global." profiles become
 *   region "global" rows.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findProvider, type MatchLogic, type ModelInfo, type ModelPrice, type Provider } from '@pydantic/genai-prices';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const OUT = resolve(ROOT, 'data/prices/catalogue.json');

/** Providers converted: the six the product must cover, plus those Azure falls back to and a few common API vendors. */
const PROVIDERS = ['openai', 'anthropic', 'google', 'aws', 'azure', 'mistral', 'deepseek', 'x-ai', 'moonshotai', 'cohere'] as const;

/**
 * The catalogue's as-of date is the package version's publication date on
 * npm (looked up once with `npm view @pydantic/genai-prices time`). A new
 * version needs its date added here or passed with --as-of.
 */
const PUBLISHED: Record<string, string> = {
  '0.1.8': '2026-09-23',
};

interface KeyMapping {
  usageClass: string;
  meter: string | null;
  unit: string;
  per: number;
}

/** genai-prices price keys → our usage classes. Keys not listed are reported and skipped. */
const KEY_MAP: Record<string, KeyMapping> = {
  input_mtok: { usageClass: 'input', meter: null, unit: 'token', per: 1_000_000 },
  output_mtok: { usageClass: 'output', meter: null, unit: 'token', per: 1_000_000 },
  cache_read_mtok: { usageClass: 'cached_input', meter: null, unit: 'token', per: 1_000_000 },
  // The package's generic cache write is the 5-minute write where a vendor distinguishes TTLs.
  cache_write_mtok: { usageClass: 'cache_write_5m', meter: null, unit: 'token', per: 1_000_000 },
  cache_write_5m_mtok: { usageClass: 'cache_write_5m', meter: null, unit: 'token', per: 1_000_000 },
  cache_write_1h_mtok: { usageClass: 'cache_write_1h', meter: null, unit: 'token', per: 1_000_000 },
  input_audio_mtok: { usageClass: 'input', meter: 'audio', unit: 'token', per: 1_000_000 },
  output_audio_mtok: { usageClass: 'output', meter: 'audio', unit: 'token', per: 1_000_000 },
  cache_audio_read_mtok: { usageClass: 'cached_input', meter: 'audio', unit: 'token', per: 1_000_000 },
  input_image_mtok: { usageClass: 'input', meter: 'image', unit: 'token', per: 1_000_000 },
  output_image_mtok: { usageClass: 'output', meter: 'image', unit: 'token', per: 1_000_000 },
  cache_image_read_mtok: { usageClass: 'cached_input', meter: 'image', unit: 'token', per: 1_000_000 },
  input_video_mtok: { usageClass: 'input', meter: 'video', unit: 'token', per: 1_000_000 },
  output_video_mtok: { usageClass: 'output', meter: 'video', unit: 'token', per: 1_000_000 },
  web_searches_kcount: { usageClass: 'tool_call', meter: 'web_search', unit: 'call', per: 1_000 },
  storage_searches_kcount: { usageClass: 'tool_call', meter: 'file_search', unit: 'call', per: 1_000 },
  requests_kcount: { usageClass: 'request', meter: null, unit: 'request', per: 1_000 },
  input_document_kpages: { usageClass: 'other', meter: 'document_page', unit: 'page', per: 1_000 },
  input_annotated_document_kpages: { usageClass: 'other', meter: 'annotated_document_page', unit: 'page', per: 1_000 },
  input_audio_hours: { usageClass: 'audio_second', meter: null, unit: 'second', per: 3_600 },
  // Same meaning as input_audio_hours; used only where that key is absent.
  audio_hours: { usageClass: 'audio_second', meter: null, unit: 'second', per: 3_600 },
};

interface OutRow {
  id: string;
  provider: string;
  model: string;
  usageClass: string;
  meter: string | null;
  serviceTier: 'standard';
  contextAbove: number | null;
  region: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  currency: 'USD';
  price: string;
  per: number;
  unit: string;
  source: 'catalogue';
  note: string;
}

interface OutModel {
  provider: string;
  model: string;
  name: string | null;
  catalogueIds: string[];
  match: MatchLogic[];
  contextWindow: number | null;
  deprecated: boolean;
}

interface Skipped {
  provider: string;
  catalogueId: string;
  what: string;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'node_modules/@pydantic/genai-prices/package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Same case-insensitive semantics as the package's matcher. */
function matches(logic: MatchLogic, text: string): boolean {
  const t = text.toLowerCase();
  if ('or' in logic) return logic.or.some((l) => matches(l, text));
  if ('and' in logic) return logic.and.every((l) => matches(l, text));
  if ('equals' in logic) return t === logic.equals.toLowerCase();
  if ('starts_with' in logic) return t.startsWith(logic.starts_with.toLowerCase());
  if ('ends_with' in logic) return t.endsWith(logic.ends_with.toLowerCase());
  if ('contains' in logic) return t.includes(logic.contains.toLowerCase());
  if ('regex' in logic) return new RegExp(logic.regex).test(text);
  return false;
}

/** A JS number from the package's literal data to its shortest decimal text; rejects anything money parsing would round. */
function decimalText(value: number, where: string): string {
  if (!Number.isFinite(value) || value < 0) throw new Error(`${where}: price ${value} is not a finite non-negative number`);
  const text = String(value);
  if (/e/i.test(text)) {
    const fixed = value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
    if (Number(fixed) !== value) throw new Error(`${where}: cannot write ${value} exactly`);
    return fixed;
  }
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > 9) throw new Error(`${where}: ${text} has more than 9 decimals; nano-unit money would round it`);
  return text;
}

/** Strips a reseller's decoration from a model id: Bedrock scope prefixes and version suffixes. */
function cleanId(providerId: string, id: string): { clean: string; region: string | null; publisher: string | null } {
  let s = id.toLowerCase().trim();
  let region: string | null = null;
  let publisher: string | null = null;
  if (providerId === 'aws') {
    if (s.startsWith('global.')) {
      region = 'global';
      s = s.slice('global.'.length);
    } else if (s.startsWith('regional.')) {
      s = s.slice('regional.'.length);
    }
    s = s.replace(/-v\d+(:\d+)?$/, '').replace(/:\d+$/, '');
    const dot = s.indexOf('.');
    if (dot > 0) publisher = s.slice(0, dot);
  }
  return { clean: s, region, publisher };
}

function homeProviders(providerId: string, publisher: string | null, provider: Provider): string[] {
  if (providerId === 'aws') return publisher ? [publisher] : [];
  return provider.fallback_model_providers ?? [];
}

/** The publisher's own model id for a reseller's model, when the publisher's match rules recognise it. */
function homeModelId(providerId: string, model: ModelInfo, provider: Provider, byId: Map<string, Provider>): { id: string; region: string | null } {
  const { clean, region, publisher } = cleanId(providerId, model.id);
  const bare = publisher ? clean.slice(publisher.length + 1) : clean;
  const attempts = [bare, bare.replace(/-\d{8}$/, ''), bare.replace(/-\d+$/, '')];
  for (const home of homeProviders(providerId, publisher, provider)) {
    const hp = byId.get(home);
    if (!hp) continue;
    for (const attempt of attempts) {
      const found = hp.models.find((m) => matches(m.match, attempt));
      if (found) return { id: found.id, region };
    }
  }
  return { id: clean, region };
}

interface Period {
  from: string | null;
  to: string | null;
  prices: ModelPrice;
  /** Another price in force part of the day (the ledger's daily lines cannot tell the hour), for the row's note. */
  timeOfDay: { hours: string; prices: ModelPrice } | null;
}

/** Minutes of the UTC day a window covers ("00:30:00Z" to "16:30:00Z" is 960; a window may wrap past midnight). */
function windowMinutes(start: string, end: string): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const span = minutes(end) - minutes(start);
  return span > 0 ? span : span + 24 * 60;
}

/**
 * A model's price periods. Time-of-day prices: the list price is the one in
 * force for most of the UTC day (DeepSeek's daytime standard rate, 00:30 to
 * 16:30, not its off-peak discount); the other is named in the rows' notes,
 * so a bill below list can be explained by it, and listed in the build
 * report. Only for a model without dated prices: with both, which windows
 * apply to which dates is not said, and the variant is reported.
 */
function periods(model: ModelInfo, skipped: Skipped[], providerId: string): Period[] {
  if (!Array.isArray(model.prices)) return [{ from: null, to: null, prices: model.prices, timeOfDay: null }];
  const dated: { from: string | null; prices: ModelPrice }[] = [];
  const windows = new Map<string, { prices: ModelPrice; minutes: number; hours: string[] }>();
  for (const entry of model.prices) {
    const c = entry.constraint as { type?: string; start_date?: string; start_time?: string; end_time?: string } | undefined;
    if (c === undefined) dated.push({ from: null, prices: entry.prices });
    else if (c.start_date !== undefined && (c.type === undefined || c.type === 'start_date')) dated.push({ from: c.start_date, prices: entry.prices });
    else if (c.type === 'time_of_date' && c.start_time !== undefined && c.end_time !== undefined) {
      const key = JSON.stringify(entry.prices);
      const w = windows.get(key) ?? { prices: entry.prices, minutes: 0, hours: [] };
      w.minutes += windowMinutes(c.start_time, c.end_time);
      w.hours.push(`${c.start_time.slice(0, 5)}-${c.end_time.slice(0, 5)} UTC`);
      windows.set(key, w);
    } else skipped.push({ provider: providerId, catalogueId: model.id, what: `price variant ${JSON.stringify(c)} (not representable in a daily ledger)` });
  }
  const most = [...windows.values()].find((w) => w.minutes > 12 * 60);
  if (most && dated.length === 1 && dated[0]!.from === null) {
    const offHours = `outside ${most.hours.join(', ')}`;
    skipped.push({ provider: providerId, catalogueId: model.id, what: `time-of-day price ${offHours} ${JSON.stringify(dated[0]!.prices)} kept as a note: the list price is the one in force ${most.hours.join(', ')}` });
    return [{ from: null, to: null, prices: most.prices, timeOfDay: { hours: offHours, prices: dated[0]!.prices } }];
  }
  for (const w of windows.values()) skipped.push({ provider: providerId, catalogueId: model.id, what: `time-of-day price variant ${w.hours.join(', ')} ${JSON.stringify(w.prices)} (not representable in a daily ledger)` });
  return dated.map((d, i) => ({ from: d.from, to: dated[i + 1]?.from ?? null, prices: d.prices, timeOfDay: null }));
}

/** The other time-of-day price of a key, in the same unit, for the row's note ("; 0.135 outside 00:30-16:30 UTC (off-peak discount ...)"). */
function timeOfDayNote(period: Period, key: string): string {
  const other = period.timeOfDay?.prices[key];
  if (typeof other !== 'number') return '';
  const mine = period.prices[key];
  const kind = typeof mine === 'number' && other < mine ? 'off-peak discount' : 'peak surcharge';
  return `; ${other} ${period.timeOfDay!.hours} (${kind}: a daily line cannot tell the hour)`;
}

function rowsFor(providerId: string, modelId: string, region: string | null, catalogueId: string, period: Period, skipped: Skipped[], version: string): OutRow[] {
  const rows: OutRow[] = [];
  const keys = Object.keys(period.prices).sort();
  for (const key of keys) {
    const value = period.prices[key];
    if (value === undefined) continue;
    const map = KEY_MAP[key];
    if (!map) {
      skipped.push({ provider: providerId, catalogueId, what: `price key ${key}` });
      continue;
    }
    if (key === 'audio_hours' && period.prices.input_audio_hours !== undefined) continue;
    const bands: { above: number | null; price: number }[] =
      typeof value === 'number' ? [{ above: null, price: value }] : [{ above: null, price: value.base }, ...value.tiers.map((t) => ({ above: t.start, price: t.price }))];
    for (const band of bands) {
      const where = `${providerId}/${catalogueId}/${key}`;
      const meterPart = map.meter ? `/${map.meter}` : '';
      rows.push({
        id: `cat:${providerId}:${modelId}:${map.usageClass}${meterPart}:standard:${band.above ?? 0}:${region ?? '*'}:${period.from ?? 'start'}`,
        provider: providerId,
        model: modelId,
        usageClass: map.usageClass,
        meter: map.meter,
        serviceTier: 'standard',
        contextAbove: band.above,
        region,
        effectiveFrom: period.from,
        effectiveTo: period.to,
        currency: 'USD',
        price: decimalText(band.price, where),
        per: map.per,
        unit: map.unit,
        source: 'catalogue',
        note: `genai-prices ${version}: ${providerId} ${catalogueId} ${key}${band.above !== null ? ` (prompt > ${band.above} tokens)` : ''}${band.above === null ? timeOfDayNote(period, key) : ''}`,
      });
    }
  }
  return rows;
}

function samePrices(a: OutRow[], b: OutRow[]): boolean {
  const key = (r: OutRow) => `${r.usageClass}|${r.meter}|${r.contextAbove}|${r.effectiveFrom}|${r.effectiveTo}|${r.price}|${r.per}`;
  const sa = a.map(key).sort().join('\n');
  const sb = b.map(key).sort().join('\n');
  return sa === sb;
}

function build(): unknown {
  const version = packageVersion();
  const asOf = argValue('--as-of') ?? PUBLISHED[version];
  if (!asOf) throw new Error(`no as-of date known for @pydantic/genai-prices ${version}: pass --as-of YYYY-MM-DD (its npm publication date)`);

  const byId = new Map<string, Provider>();
  for (const id of PROVIDERS) {
    const p = findProvider({ providerId: id });
    if (!p || p.id !== id) throw new Error(`provider ${id} is not in the bundled catalogue`);
    byId.set(id, p);
  }

  const rows: OutRow[] = [];
  const models: OutModel[] = [];
  const skipped: Skipped[] = [];

  for (const providerId of PROVIDERS) {
    const provider = byId.get(providerId)!;
    // Group the provider's catalogue models by the id they will carry here; different prices under one id keep their own ids.
    const groups = new Map<string, { region: string | null; id: string; models: ModelInfo[]; rows: OutRow[][] }>();
    for (const model of provider.models) {
      const { id, region } = homeModelId(providerId, model, provider, byId);
      const periodRows = periods(model, skipped, providerId).flatMap((p) => rowsFor(providerId, id, region, model.id, p, skipped, version));
      if (periodRows.length === 0) {
        skipped.push({ provider: providerId, catalogueId: model.id, what: 'no prices (free or unpriced in the catalogue)' });
        continue;
      }
      const key = `${id}|${region ?? '*'}`;
      const group = groups.get(key) ?? { region, id, models: [], rows: [] };
      group.models.push(model);
      group.rows.push(periodRows);
      groups.set(key, group);
    }
    for (const group of groups.values()) {
      const identical = group.rows.every((r) => samePrices(r, group.rows[0]!));
      const members = identical ? [{ id: group.id, models: group.models, rows: group.rows[0]! }] : group.models.map((m, i) => ({ id: cleanId(providerId, m.id).clean, models: [m], rows: group.rows[i]! }));
      for (const member of members) {
        const memberRows = member.rows.map((r) => (r.model === member.id ? r : { ...r, model: member.id, id: r.id.replace(`:${r.model}:`, `:${member.id}:`) }));
        rows.push(...memberRows);
        const existing = models.find((m) => m.provider === providerId && m.model === member.id);
        const match = member.models.map((m) => m.match);
        if (existing) {
          existing.catalogueIds.push(...member.models.map((m) => m.id));
          existing.match.push(...match);
        } else {
          const first = member.models[0]!;
          models.push({
            provider: providerId,
            model: member.id,
            name: first.name ?? null,
            catalogueIds: member.models.map((m) => m.id),
            match,
            contextWindow: first.context_window ?? null,
            deprecated: member.models.every((m) => m.deprecated === true),
          });
        }
      }
    }
  }

  const ids = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.id)) throw new Error(`duplicate row id ${r.id}`);
    ids.add(r.id);
  }
  rows.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // Models keep the catalogue's own order: where two models' match rules both
  // accept a spelling, the first one wins, as in the package.
  skipped.sort((a, b) => `${a.provider}:${a.catalogueId}:${a.what}`.localeCompare(`${b.provider}:${b.catalogueId}:${b.what}`));

  return {
    format: 'aispend-price-catalogue/1',
    asOf,
    source: {
      package: '@pydantic/genai-prices',
      version,
      license: 'MIT',
      homepage: 'https://github.com/pydantic/genai-prices',
      note: 'Converted from the data embedded in the npm package; the package was never asked to download newer prices.',
    },
    generatedBy: 'scripts/build-price-catalogue.ts',
    currency: 'USD',
    providers: PROVIDERS.map((id) => {
      const p = byId.get(id)!;
      return { id, name: p.name, pricingUrls: p.pricing_urls ?? [], fallbackProviders: (p.fallback_model_providers ?? []).filter((f) => (PROVIDERS as readonly string[]).includes(f)), note: p.price_comments ?? null };
    }),
    models,
    rows,
    skipped,
  };
}

function main(): void {
  const catalogue = build() as { rows: unknown[]; models: unknown[]; skipped: unknown[]; asOf: string };
  const text = `${JSON.stringify(catalogue, null, 1)}\n`;
  if (process.argv.includes('--check')) {
    const current = readFileSync(OUT, 'utf8');
    if (current !== text) {
      console.error('data/prices/catalogue.json is out of date: run npx tsx scripts/build-price-catalogue.ts');
      process.exit(1);
    }
    console.log('data/prices/catalogue.json is up to date');
    return;
  }
  writeFileSync(OUT, text);
  console.log(`wrote ${OUT}: ${catalogue.rows.length} rows, ${catalogue.models.length} models, as of ${catalogue.asOf}; ${catalogue.skipped.length} items skipped (listed in the file)`);
}

main();
