import type { MatchRule } from './types';

/**
 * Evaluates the catalogue's model-matching rules, with the same meaning as
 * @pydantic/genai-prices (case-insensitive text tests; regex as written), so
 * a vendor spelling resolves here to the model the catalogue meant.
 */
export function matchesRule(rule: MatchRule, text: string): boolean {
  const t = text.toLowerCase();
  if ('or' in rule) return rule.or.some((r) => matchesRule(r, text));
  if ('and' in rule) return rule.and.every((r) => matchesRule(r, text));
  if ('equals' in rule) return t === rule.equals.toLowerCase();
  if ('starts_with' in rule) return t.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return t.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return t.includes(rule.contains.toLowerCase());
  if ('regex' in rule) return safeRegex(rule.regex)?.test(text) ?? false;
  return false;
}

const regexCache = new Map<string, RegExp | null>();

function safeRegex(source: string): RegExp | null {
  if (!regexCache.has(source)) {
    try {
      regexCache.set(source, new RegExp(source));
    } catch {
      regexCache.set(source, null);
    }
  }
  return regexCache.get(source) ?? null;
}

/** Dated snapshots written compactly ("-20250514") are also tried in the catalogue's dashed form ("-2025-05-14"). */
export function dashedDateVariant(id: string): string | null {
  const out = id.replace(/-(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g, '-$1-$2-$3');
  return out === id ? null : out;
}
