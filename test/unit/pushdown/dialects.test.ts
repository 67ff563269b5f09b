/**
 * Every push-down query the compiler writes is the reviewed golden file for
 * its source and dialect, and the dialects that cannot run here are parsed by
 * a real parser for that dialect: Trino and Spark SQL by dt-sql-parser's
 * ANTLR grammars, BigQuery by sql-parser-cst, Snowflake by node-sql-parser.
 * DuckDB and ClickHouse are not parsed here: they are executed
 * (test/integration/pushdown). Each parser must also refuse the FOCUS query
 * with one parenthesis missing, so a parser that accepts anything cannot pass.
 */
import { readFileSync } from 'node:fs';
import { SparkSQL, TrinoSQL } from 'dt-sql-parser';
import nodeSqlParser from 'node-sql-parser';
import { parse as parseCst } from 'sql-parser-cst';
import { describe, expect, it } from 'vitest';
import type { DialectId } from '../../../shared/formats/pushdown/dialects';
import { goldenCases } from '../../helpers/pushdown-golden';

/** The SELECT without the session statements written above it. */
function statement(sql: string): string {
  return sql
    .split('\n')
    .filter((l) => !/^(SET |ALTER SESSION )/.test(l))
    .join('\n');
}

const trino = new TrinoSQL();
const spark = new SparkSQL();
const snowflake = new nodeSqlParser.Parser();

/** The parser's complaints about the SQL (empty: it parses). */
const PARSERS: Partial<Record<DialectId, (sql: string) => string[]>> = {
  trino: (sql) => trino.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`),
  spark: (sql) => spark.validate(sql).map((e) => `${e.startLine}:${e.startColumn} ${e.message}`),
  bigquery: (sql) => {
    try {
      parseCst(sql, { dialect: 'bigquery' });
      return [];
    } catch (error) {
      return [(error as Error).message];
    }
  },
  snowflake: (sql) => {
    try {
      snowflake.astify(sql, { database: 'snowflake' });
      return [];
    } catch (error) {
      return [(error as Error).message.slice(0, 500)];
    }
  },
};

describe('push-down queries: golden files and dialect parsers', () => {
  const cases = goldenCases();

  it('covers every source in every dialect but the two the Google export cannot be read in', () => {
    expect(cases.length).toBe(4 * 6 - 2);
  });

  for (const c of cases) {
    it(`${c.source} in ${c.dialect} is its golden file${PARSERS[c.dialect] ? ' and parses' : ''}`, () => {
      expect(c.sql).toBe(readFileSync(c.file, 'utf8'));
      const parser = PARSERS[c.dialect];
      if (!parser) return;
      const sql = statement(c.sql);
      expect(parser(sql)).toEqual([]);
      if (c.source !== 'focus') return;
      const broken = sql.replace(/\) AS aispend_keys|\) AS `aispend_keys`|\) AS "aispend_keys"/, ' AS aispend_keys');
      expect(broken).not.toBe(sql);
      expect(parser(broken).length).toBeGreaterThan(0);
    }, 60_000);
  }
});
