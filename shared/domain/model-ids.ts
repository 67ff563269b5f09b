/**
 * One normaliser from every vendor spelling of a model to one canonical model
 * id, keeping the raw spelling.
 *
 * Canonical ids are the model ids of the @pydantic/genai-prices catalogue
 * (`gpt-4o`, `claude-sonnet-4-5`, `gemini-2.5-flash`; Bedrock-only families
 * keep their Bedrock ids such as `amazon.nova-pro-v1:0`), so the price book
 * built from that catalogue can look a normalised id up directly.
 *
 * The rules are data (model-aliases.json), applied as a ladder of ever more
 * aggressive cleanups. After each step the candidate is looked up, first
 * exactly, then by its longest known prefix whose remaining words are all
 * billing noise ("input", "glbl", "tokens", a 4-digit Azure snapshot). A
 * prefix whose remainder carries meaning never matches, so a new
 * `claude-opus-4-9` is reported unknown instead of being priced as
 * `claude-opus-4-0`.
 *
 * Examples: `gpt-4o-2024-08-06` → gpt-4o; `us.anthropic.claude-sonnet-4-5-20250929-v1:0`
 * and `USE1-Claude4.5Sonnet-input-tokens` → claude-sonnet-4-5 / claude-sonnet-4-5;
 * `gpt-4o-mini-0718-Inp-glbl Tokens` → gpt-4o-mini; "Gemini 2.5 Flash GA Text
 * Input - Predictions" → gemini-2.5-flash.
 */
import aliasData from './model-aliases.json';

export interface NormalisedModel {
  /** Canonical id when known, else the cleaned-up spelling (lower case, billing noise removed). */
  modelId: string;
  /** The vendor's own spelling, untouched. */
  raw: string;
  /** True when modelId is a model of the catalogue (or a vendor alias of one). */
  known: boolean;
  /** Who made the model ("openai", "anthropic", "amazon"), when known. */
  developer: string | null;
}

export interface NormaliseHints {
  /** Who billed it ("aws", "azure", "google", ...); reserved for vendor-specific spellings. */
  provider?: string;
}

interface ModelEntry {
  developer: string;
  aliases?: string[];
  prefixes?: string[];
}

interface AliasData {
  catalogue: string;
  vendorAliases: Record<string, string>;
  rules: {
    wrappers: [string, string][];
    developerWord: string;
    vendorPrefix: string;
    bedrockGeoPrefix: string;
    bedrockPublisherPrefix: string;
    usageTypeRegionPrefix: string;
    versions: [string, string][];
    rewrites: [string, string][];
    noiseWords: string[];
  };
  models: Record<string, ModelEntry>;
}

const data = aliasData as unknown as AliasData;

/** Which catalogue the canonical ids follow. */
export const MODEL_CATALOGUE = data.catalogue;

// Compiled once at load: the per-row cost of normalising is a Map lookup (see the cache below).
const compile = (rules: [string, string][]): [RegExp, string][] => rules.map(([p, r]) => [new RegExp(p, 'i'), r]);
const WRAPPERS = compile(data.rules.wrappers);
const VERSIONS = data.rules.versions.map(([p, r]): [RegExp, string] => [new RegExp(p, 'gi'), r]);
const REWRITES = compile(data.rules.rewrites);
const VENDOR_PREFIX = new RegExp(data.rules.vendorPrefix, 'i');
const DEVELOPER_WORD = new RegExp(data.rules.developerWord, 'i');
const GEO_PREFIX = new RegExp(data.rules.bedrockGeoPrefix, 'i');
const PUBLISHER_PREFIX = new RegExp(data.rules.bedrockPublisherPrefix, 'i');
const USAGE_TYPE_REGION = new RegExp(data.rules.usageTypeRegionPrefix);
const NOISE = new Set(data.rules.noiseWords);
const SEPARATORS = /[\s_,/]+/g;
const DASHES = /-{2,}/g;
const EDGE_DASHES = /^-+|-+$/g;
// Word boundaries inside CamelCase usage-type names; a 'V' before digits is a version ("SonnetV2"), not a word.
const CAMEL_BOUNDARY = /([a-z])(?=[A-Z])|([A-UW-Za-uw-z])(?=\d)|(\d)(?=[A-Z])/g;
const HAS_CAMEL = /[a-z\d][A-Z]/;
const CAMEL_MODEL_START = /^[A-Z][a-z]+\d/;
const SNAPSHOT_TOKEN = /^(\d{3}|\d{4}|\d{8}|v\d+)$/;

/** alias or canonical id (lower case) → canonical id. Prefix aliases only match on whole words. */
const EXACT = new Map<string, string>();
const PREFIX = new Map<string, string>();
const DEVELOPER = new Map<string, string>();

for (const [id, entry] of Object.entries(data.models)) {
  DEVELOPER.set(id, entry.developer);
  EXACT.set(id.toLowerCase(), id);
  for (const alias of entry.aliases ?? []) if (!EXACT.has(alias)) EXACT.set(alias, id);
  for (const prefix of entry.prefixes ?? []) if (!PREFIX.has(prefix)) PREFIX.set(prefix, id);
}
for (const [alias, id] of Object.entries(data.vendorAliases)) EXACT.set(alias.toLowerCase(), id);

function lookupExact(candidate: string): string | undefined {
  return EXACT.get(candidate) ?? PREFIX.get(candidate);
}

function isNoise(token: string): boolean {
  return token === '' || NOISE.has(token) || SNAPSHOT_TOKEN.test(token);
}

/** Longest known prefix (on '-' word boundaries) whose remaining words are all noise. */
function lookupPrefix(candidate: string): string | undefined {
  const tokens = candidate.split('-');
  for (let k = tokens.length - 1; k >= 1; k -= 1) {
    if (!isNoise(tokens[k] as string)) {
      // tokens[k..] must be noise for tokens[0..k) to be the model; a meaningful word ends the search.
      return undefined;
    }
    const prefix = tokens.slice(0, k).join('-');
    const hit = lookupExact(prefix);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function lookup(candidate: string): string | undefined {
  return lookupExact(candidate) ?? lookupPrefix(candidate);
}

function tidy(text: string): string {
  return text.replace(SEPARATORS, '-').replace(DASHES, '-').replace(EDGE_DASHES, '');
}

function applyAll(text: string, rules: [RegExp, string][]): string {
  let out = text;
  for (const [pattern, replacement] of rules) out = out.replace(pattern, replacement);
  return out;
}

/** The cleaned spelling of an unknown model: its words up to the first noise word. */
function cleanedUnknown(candidate: string): string {
  const tokens = candidate.split('-');
  let end = tokens.length;
  for (let i = 1; i < tokens.length; i += 1) {
    if (isNoise(tokens[i] as string)) {
      end = i;
      break;
    }
  }
  return tokens.slice(0, end).join('-');
}

function resolve(raw: string): { modelId: string; known: boolean } {
  const trimmed = raw.trim();
  if (trimmed === '') return { modelId: '', known: false };
  const candidates: string[] = [];
  const push = (c: string): void => {
    if (c !== '' && candidates[candidates.length - 1] !== c) candidates.push(c);
  };

  // Bedrock usage types ("USE1-Claude4Sonnet-input-tokens") carry the region first and the model in CamelCase.
  let text = trimmed.replace(USAGE_TYPE_REGION, '');
  if ((HAS_CAMEL.test(text) && !text.includes('.')) || CAMEL_MODEL_START.test(text)) {
    text = text.replace(CAMEL_BOUNDARY, (_m, a?: string, b?: string, c?: string) => `${a ?? b ?? c}-`);
  }
  let s = text.toLowerCase();
  push(s);
  s = applyAll(s, WRAPPERS);
  push(s);
  s = s.replace(VENDOR_PREFIX, '');
  push(s);
  s = s.replace(GEO_PREFIX, '');
  push(s);
  s = s.replace(PUBLISHER_PREFIX, '');
  push(s);
  s = tidy(s);
  push(s);
  s = applyAll(s, REWRITES);
  push(s);
  for (const [pattern, replacement] of VERSIONS) s = s.replace(pattern, replacement);
  s = tidy(s);
  push(s);
  s = applyAll(s, REWRITES);
  push(s);

  // Usage types sometimes lead with what is billed ("ProvisionedThroughput-Claude3Haiku"): try without leading noise words.
  const tokens = s.split('-');
  let lead = 0;
  while (lead < tokens.length - 1 && isNoise(tokens[lead] as string)) lead += 1;
  if (lead > 0) push(tokens.slice(lead).join('-'));
  // Marketplace product names lead with the developer ("Cohere Command R+").
  if (DEVELOPER_WORD.test(s)) push(s.replace(DEVELOPER_WORD, ''));

  for (const candidate of candidates) {
    const hit = lookup(candidate);
    if (hit !== undefined) return { modelId: hit, known: true };
  }
  const last = candidates[candidates.length - 1] ?? s;
  const cleaned = cleanedUnknown(last);
  return { modelId: cleaned === '' ? last : cleaned, known: false };
}

// A statement repeats a handful of spellings millions of times: resolve each once.
const CACHE_LIMIT = 20_000;
const cache = new Map<string, { modelId: string; known: boolean }>();

/**
 * Normalises any vendor spelling of a model to its canonical id.
 * Unknown models come back cleaned but never dropped (`known: false`), so
 * they can be listed for pricing.
 */
export function normaliseModelId(raw: string, hints?: NormaliseHints): NormalisedModel {
  void hints;
  let hit = cache.get(raw);
  if (hit === undefined) {
    hit = resolve(raw);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(raw, hit);
  }
  return { modelId: hit.modelId, raw, known: hit.known, developer: hit.known ? (DEVELOPER.get(hit.modelId) ?? null) : null };
}

/** Every canonical model id the normaliser knows (the catalogue's first-party ids plus Bedrock-only families). */
export function knownModelIds(): string[] {
  return [...DEVELOPER.keys()];
}

/** Who made a canonical model ("openai", "anthropic", ...), or null when unknown. */
export function modelDeveloper(modelId: string): string | null {
  return DEVELOPER.get(modelId) ?? null;
}

/** True when a canonical id is one the normaliser knows. */
export function isKnownModelId(modelId: string): boolean {
  return DEVELOPER.has(modelId);
}
