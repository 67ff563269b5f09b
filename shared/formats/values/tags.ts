/**
 * Tags and labels as vendors write them, to a flat string map.
 *
 * FOCUS Tags and CUR 2.0 resource_tags are JSON objects; Azure's older
 * exports drop the braces (`"team": "a","env": "prod"`); Google labels are
 * an array of {key, value}; Parquet/Athena maps print as `{k=v, k2=v2}`.
 * Tags are kept as text: nothing here is ever evaluated.
 */

const EMPTY: Readonly<Record<string, string>> = Object.freeze({});
const cache = new Map<string, Record<string, string> | null>();
const CACHE_LIMIT = 10_000;

function flatten(value: unknown): Record<string, string> | null {
  if (Array.isArray(value)) {
    const out: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const item of value) {
      if (item && typeof item === 'object' && 'key' in item) {
        const entry = item as { key: unknown; value?: unknown };
        out[String(entry.key)] = entry.value === undefined || entry.value === null ? '' : scalar(entry.value);
      }
    }
    return { ...out };
  }
  if (value && typeof value === 'object') {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === '__proto__') continue;
      out[k] = v === null || v === undefined ? '' : scalar(v);
    }
    return out;
  }
  return null;
}

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

function parseUncached(text: string): Record<string, string> | null {
  const t = text.trim();
  if (t === '' || t === '{}' || t === '[]' || t === 'null') return EMPTY;
  const first = t[0];
  if (first === '{' || first === '[') {
    try {
      return flatten(JSON.parse(t));
    } catch {
      // fall through to the other spellings
    }
  }
  if (first === '"') {
    try {
      return flatten(JSON.parse(`{${t}}`));
    } catch {
      return null;
    }
  }
  if (first === '{' && t.endsWith('}') && t.includes('=')) {
    const out: Record<string, string> = {};
    for (const pair of t.slice(1, -1).split(/,\s*/)) {
      const eq = pair.indexOf('=');
      if (eq <= 0) return null;
      const key = pair.slice(0, eq).trim();
      if (key !== '__proto__') out[key] = pair.slice(eq + 1).trim();
    }
    return out;
  }
  return null;
}

/** Parses a tags cell; null when it is not any tag spelling we know (the caller keeps it under one key). */
export function parseTags(text: string): Readonly<Record<string, string>> | null {
  let hit = cache.get(text);
  if (hit === undefined) {
    hit = parseUncached(text);
    if (hit) Object.freeze(hit);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, hit);
  }
  return hit;
}

/** Tags with extra entries; the result is a fresh object so cached tag maps are never mutated. */
export function withTags(base: Readonly<Record<string, string>> | null, extra: Record<string, string> | null): Record<string, string> {
  if (!extra) return base ? { ...base } : {};
  return base ? { ...base, ...extra } : { ...extra };
}
