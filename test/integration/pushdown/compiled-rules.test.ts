/**
 * The importers' keyword rules and their compiled SQL agree: every rule set
 * and word table is evaluated by the importer's code (TypeScript) and by the
 * CASE the push-down compiler writes for DuckDB, over the same seeded texts.
 */
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../shared/formats/pushdown/dialects';
import { compileTextRules, compileWordTable, portablePattern } from '../../../shared/formats/pushdown/compile-rules';
import { AZURE_CHARGE_CATEGORY, CUR_CHARGE_CATEGORY, FOCUS_CHARGE_CATEGORY, GCP_CHARGE_CATEGORY } from '../../../shared/formats/rules/charge-categories';
import { lookupWord, matchTextRules } from '../../../shared/formats/rules/text-rules';
import { SERVICE_TIER_WORD_TABLE } from '../../../shared/formats/rules/usage-rules';
import { withDuckDb } from '../../helpers/pushdown';
import { RULE_SETS, ruleSamples } from '../../helpers/rule-samples';

const d = DIALECTS.duckdb;

describe('portable rule patterns', () => {
  it('rewrites \\b at word-group edges and between two groups, and refuses it anywhere else', () => {
    expect(portablePattern(String.raw`\b(input|inp)\b`)).toBe('(^|[^a-z0-9_])(input|inp)([^a-z0-9_]|$)');
    expect(portablePattern(String.raw`\b(a)\b.*\b(b)\b`)).toBe('(^|[^a-z0-9_])(a)[^a-z0-9_](.*[^a-z0-9_])?(b)([^a-z0-9_]|$)');
    expect(portablePattern(String.raw`\btokens?\b|\bptu`)).toBe('(^|[^a-z0-9_])tokens?([^a-z0-9_]|$)|(^|[^a-z0-9_])ptu');
    expect(portablePattern(String.raw`1\s*h|60\s*m`)).toBe(String.raw`1\s*h|60\s*m`);
    expect(() => portablePattern(String.raw`a\bb`)).toThrow(/edge of a word group/);
    expect(() => portablePattern('a(?=b)')).toThrow(/lookaround/);
  });
});

describe('compiled rules give the importer\'s answer in DuckDB', () => {
  const samples = ruleSamples(1500, 42);

  it('for every keyword rule set, on 1,500 seeded texts each', async () => {
    await withDuckDb(async (connection) => {
      await connection.run('CREATE TABLE t (i INTEGER, s VARCHAR)');
      const appender = await connection.createAppender('t');
      samples.forEach((s, i) => {
        appender.appendInteger(i);
        appender.appendVarchar(s);
        appender.endRow();
      });
      appender.closeSync();
      for (const set of RULE_SETS) {
        const result = await connection.runAndReadAll(`SELECT i, ${compileTextRules(d, set, 's')} AS v FROM t ORDER BY i`);
        const sql = (result.getRowObjects() as { i: number; v: string | null }[]).map((r) => r.v);
        const ts = samples.map((s) => matchTextRules(set, s));
        const differing = ts.map((v, i) => [samples[i], v, sql[i]]).filter(([, a, b]) => a !== b);
        expect(differing, set.name).toEqual([]);
        // The samples reach the rules: a good share of them name something in the larger sets.
        if (set.rules.length > 3) expect(ts.filter((v) => v !== null && v !== set.otherwise).length, set.name).toBeGreaterThan(samples.length / 10);
      }
    });
  });

  it('for every word table, on its own words in any case and padding and on words it lacks', async () => {
    const tables = [FOCUS_CHARGE_CATEGORY, CUR_CHARGE_CATEGORY, AZURE_CHARGE_CATEGORY, GCP_CHARGE_CATEGORY, SERVICE_TIER_WORD_TABLE];
    await withDuckDb(async (connection) => {
      for (const table of tables) {
        const words = [...Object.keys(table.table).flatMap((w) => [w, w.toUpperCase(), ` ${w} `]), '', '  ', 'unheard-of', 'Usage2'];
        const values = words.map((w) => `(${d.string(w)})`).join(', ');
        const result = await connection.runAndReadAll(`SELECT ${compileWordTable(d, table, 'w')} AS v FROM (VALUES ${values}) AS x(w)`);
        const sql = (result.getRowObjects() as { v: string | null }[]).map((r) => r.v);
        expect(sql, table.name).toEqual(words.map((w) => lookupWord(table, w) ?? null));
      }
    });
  });
});

describe('money read exactly in DuckDB, whatever the column type', () => {
  it('gives each value the decimal it prints as (DOUBLE below and above 1000, text, DECIMAL, integer)', async () => {
    // What the importer reads from each of these cells, to 12 decimals.
    const cases: [string, string, string][] = [
      ['DOUBLE', '999.123456789012', '999.123456789012'],
      ['DOUBLE', '13929.28160095', '13929.281600950000'],
      ['DOUBLE', '0.0000000025', '0.000000002500'],
      ['DOUBLE', '-4567890.1234567891', '-4567890.123456789000'], // 17 digits: a double holds -4567890.123456789, as the importer reads it too
      ['VARCHAR', ' 12.5 ', '12.500000000000'],
      ['VARCHAR', '', 'NULL'],
      ['DECIMAL(18, 9)', '123456789.123456789', '123456789.123456789000'],
      ['BIGINT', '1267558', '1267558.000000000000'],
    ];
    await withDuckDb(async (connection) => {
      for (const [type, value, want] of cases) {
        const column = `CAST(${d.string(value)} AS ${type})`;
        const result = await connection.runAndReadAll(`SELECT CAST(${d.decimal('v')} AS VARCHAR) AS t FROM (SELECT ${column} AS v) AS x`);
        expect(String((result.getRowObjects()[0] as { t: string | null }).t ?? 'NULL'), `${type} ${value}`).toBe(want);
      }
    });
  });
});
