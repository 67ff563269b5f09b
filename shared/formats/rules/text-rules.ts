/**
 * Keyword rules as data: the one description of how billing text (a meter,
 * a SKU description, a usage type) names a usage class, a service tier or a
 * context band. The TypeScript importers evaluate these rules row by row
 * (`matchTextRules`), and the push-down compiler (shared/formats/pushdown)
 * turns the very same rules into a CASE expression for each SQL dialect, so
 * a warehouse that aggregates a bill classifies it as the importer would.
 *
 * Patterns are regular expressions in a portable subset that RE2 (DuckDB,
 * BigQuery, ClickHouse), Java (Trino, Spark), POSIX ERE with Perl classes
 * (Snowflake) and JavaScript read alike: alternation, groups, `?`, `*`,
 * character classes, `.`, `\s`, `\d`, and `\b` only at the edge of a word
 * group (the compiler rewrites it; Snowflake has no `\b`). No lookaround, no
 * back-references, no flags: the text is lower-cased first (`lower`), then
 * each `replace` pair is applied to every match.
 */

/** A rule: the value applies when every pattern matches the normalised text. */
export interface TextRule<T extends string> {
  value: T;
  all: readonly string[];
}

export interface TextRuleSet<T extends string> {
  /** Name in errors and in the compiled SQL's comments. */
  name: string;
  /** Lower-case the text before matching (patterns are written in lower case). */
  lower: boolean;
  /** [pattern, replacement] applied in order to the (lower-cased) text, every match. */
  replace: readonly (readonly [string, string])[];
  /** First matching rule wins. */
  rules: readonly TextRule<T>[];
  /** The value when no rule matches (null: none). */
  otherwise: T | null;
}

interface Compiled<T extends string> {
  replace: [RegExp, string][];
  rules: { value: T; all: RegExp[] }[];
}

const compiled = new WeakMap<TextRuleSet<string>, Compiled<string>>();

function compile<T extends string>(set: TextRuleSet<T>): Compiled<T> {
  let hit = compiled.get(set) as Compiled<T> | undefined;
  if (hit === undefined) {
    hit = {
      replace: set.replace.map(([p, r]): [RegExp, string] => [new RegExp(p, 'g'), r]),
      rules: set.rules.map((rule) => ({ value: rule.value, all: rule.all.map((p) => new RegExp(p)) })),
    };
    compiled.set(set, hit as Compiled<string>);
  }
  return hit;
}

/** The text as the rules see it: lower-cased and with the set's replacements applied. */
export function normaliseRuleText(set: TextRuleSet<string>, text: string): string {
  let t = set.lower ? text.toLowerCase() : text;
  for (const [pattern, replacement] of compile(set).replace) t = t.replace(pattern, replacement);
  return t;
}

/** The value of the first rule whose patterns all match the text, else the set's `otherwise`. */
export function matchTextRules<T extends string>(set: TextRuleSet<T>, text: string): T | null {
  const t = normaliseRuleText(set, text);
  for (const rule of compile(set).rules) {
    let ok = true;
    for (const pattern of rule.all) {
      if (!pattern.test(t)) {
        ok = false;
        break;
      }
    }
    if (ok) return rule.value;
  }
  return set.otherwise;
}

/** A lookup of exact words (trimmed, lower-cased) to values, with the value for blank and for anything else. */
export interface WordTable<T extends string> {
  name: string;
  table: Readonly<Record<string, T>>;
  /** The value for a blank cell; null when blank is not allowed (the row is rejected). */
  blank: T | null;
  /** The value for a word the table lacks; null when such a row is rejected. */
  otherwise: T | null;
}

/** Looks a cell up in a word table: undefined means the row is to be rejected. */
export function lookupWord<T extends string>(table: WordTable<T>, text: string | null | undefined): T | undefined {
  const raw = text ?? '';
  // A column of words repeats a handful of spellings on every row: each is trimmed and folded once.
  let seen = wordCache.get(table) as Map<string, T | typeof NOT_A_WORD> | undefined;
  if (seen === undefined) wordCache.set(table, (seen = new Map()));
  const known = seen.get(raw);
  if (known !== undefined) return known === NOT_A_WORD ? undefined : known;
  const t = raw.trim();
  const folded = t.toLowerCase();
  const hit = t === '' ? (table.blank ?? undefined) : ((Object.prototype.hasOwnProperty.call(table.table, folded) ? table.table[folded] : undefined) ?? table.otherwise ?? undefined);
  if (seen.size >= WORD_CACHE_LIMIT) seen.clear();
  seen.set(raw, hit ?? NOT_A_WORD);
  return hit;
}

const NOT_A_WORD = Symbol('not a word');
const WORD_CACHE_LIMIT = 256;
const wordCache = new WeakMap<WordTable<string>, Map<string, string | typeof NOT_A_WORD>>();
