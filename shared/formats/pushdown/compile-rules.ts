/**
 * Compiles the importers' rules (shared/formats/rules) into SQL expressions
 * for one dialect: a word table becomes a CASE over the trimmed, lower-cased
 * word; a keyword rule set becomes a CASE over regular-expression tests on
 * the text normalised as the importer normalises it.
 *
 * JavaScript's `\b` (a boundary between [A-Za-z0-9_] and anything else) is
 * rewritten for engines without it (Snowflake) and kept exact for the rest:
 * at the start of a word group it becomes `(^|[^a-z0-9_])`, at its end
 * `([^a-z0-9_]|$)`, and `\b.*\b` between two word groups becomes
 * `[^a-z0-9_](.*[^a-z0-9_])?`. On lower-cased text these match exactly
 * where the JavaScript pattern matches. Any other use of `\b` is refused
 * when the rules are compiled, so a rule the engines would read differently
 * cannot slip in.
 */
import type { TextRuleSet, WordTable } from '../rules/text-rules';
import type { Dialect } from './dialects';

const NON_WORD = '[^a-z0-9_]';

/** A rule pattern in the portable flavour every dialect reads the same way. */
export function portablePattern(pattern: string): string {
  let p = pattern.split(String.raw`\b.*\b`).join(`${NON_WORD}(.*${NON_WORD})?`);
  let out = '';
  for (let i = 0; i < p.length; i += 1) {
    if (p.startsWith(String.raw`\b`, i)) {
      const before = i === 0 ? '' : p[i - 1];
      const after = p[i + 2];
      if (before === '' || before === '(' || before === '|') out += `(^|${NON_WORD})`;
      else if (after === undefined || after === ')' || after === '|') out += `(${NON_WORD}|$)`;
      else throw new Error(`rule pattern ${pattern}: \\b is only allowed at the edge of a word group`);
      i += 1;
      continue;
    }
    if (p[i] === '\\') {
      out += p.slice(i, i + 2);
      i += 1;
      continue;
    }
    out += p[i];
  }
  p = out;
  if (/\(\?[=!<]/.test(p)) throw new Error(`rule pattern ${pattern}: lookaround is not portable`);
  return p;
}

/** The text a rule set tests, normalised in SQL as the importer normalises it. */
export function normalisedText(d: Dialect, set: TextRuleSet<string>, text: string): string {
  let t = set.lower ? d.lower(text) : text;
  for (const [pattern, replacement] of set.replace) t = d.replaceAll(t, portablePattern(pattern), replacement);
  return t;
}

/** A CASE giving the first matching rule's value (or the set's otherwise, or NULL). `text` must not be null. */
export function compileTextRules(d: Dialect, set: TextRuleSet<string>, text: string): string {
  const t = normalisedText(d, set, text);
  const whens = set.rules.map((rule) => `WHEN ${rule.all.map((p) => d.matches(t, portablePattern(p))).join(' AND ')} THEN ${d.string(rule.value)}`);
  const otherwise = set.otherwise === null ? d.nullText : d.string(set.otherwise);
  return `CASE ${whens.join(' ')} ELSE ${otherwise} END`;
}

/** True when the yes/no test matches. `text` must not be null. */
export function compileTextTest(d: Dialect, set: TextRuleSet<'yes'>, text: string): string {
  const t = normalisedText(d, set, text);
  return `(${set.rules.map((rule) => `(${rule.all.map((p) => d.matches(t, portablePattern(p))).join(' AND ')})`).join(' OR ')})`;
}

/**
 * A CASE looking the trimmed, lower-cased word up; NULL where the importer
 * would reject the row. A searched CASE with IN lists: ClickHouse 18.16
 * answers a simple CASE (CASE x WHEN …) with NULL when a branch is NULL.
 */
export function compileWordTable(d: Dialect, table: WordTable<string>, text: string): string {
  const word = d.lower(d.trim(`coalesce(${text}, '')`));
  const byValue = new Map<string, string[]>();
  for (const [k, v] of Object.entries(table.table)) byValue.set(v, [...(byValue.get(v) ?? []), k]);
  const whens = [...byValue].map(([v, words]) => `WHEN ${word} IN (${words.map((w) => d.string(w)).join(', ')}) THEN ${d.string(v)}`);
  const blank = table.blank === null ? d.nullText : d.string(table.blank);
  const otherwise = table.otherwise === null ? d.nullText : d.string(table.otherwise);
  return `CASE WHEN ${word} = '' THEN ${blank} ${whens.join(' ')} ELSE ${otherwise} END`;
}
