/**
 * Push-down queries for the API: the catalogue of sources and dialects, and
 * the SQL for one choice, with the table's columns taken from what the
 * caller lists, or from a sample of the export (its header; a Parquet or
 * JSON column holding objects also gives its nested fields, struct.field),
 * or else the vendor's standard export.
 */
import type { PushdownCatalogue, PushdownQuery } from '../../../shared/api/warehouse';
import type { z } from 'zod';
import type { PushdownRequest } from '../../../shared/api/warehouse';
import { DIALECTS, DIALECT_IDS, type DialectId } from '../../../shared/formats/pushdown/dialects';
import { pushdownQuery, SOURCES } from '../../../shared/formats/pushdown/query';
import { PUSHDOWN_SOURCES } from '../../../shared/formats/pushdown/types';
import { openStatement } from '../imports/readers';

/** How each dialect's SQL is checked in this project's tests. */
const CHECKED: Record<DialectId, { checked: 'executed' | 'parsed'; checkedWith: string }> = {
  duckdb: { checked: 'executed', checkedWith: 'DuckDB 1.5 embedded (@duckdb/node-api), over generated FOCUS, CUR and Google Parquet and Azure CSV' },
  clickhouse: { checked: 'executed', checkedWith: 'ClickHouse 18.16 (Debian clickhouse-server), two shards behind a Distributed table' },
  trino: { checked: 'parsed', checkedWith: "dt-sql-parser's Trino grammar" },
  spark: { checked: 'parsed', checkedWith: "dt-sql-parser's Spark SQL grammar" },
  bigquery: { checked: 'parsed', checkedWith: "sql-parser-cst's BigQuery dialect" },
  snowflake: { checked: 'parsed', checkedWith: "node-sql-parser's Snowflake grammar" },
};

export function pushdownCatalogue(): PushdownCatalogue {
  return {
    sources: PUSHDOWN_SOURCES.map((id) => {
      const spec = SOURCES[id];
      return {
        id,
        label: spec.label,
        defaultTable: spec.defaultTable,
        unsupported: Object.entries(spec.unsupported ?? {}).map(([dialect, reason]) => ({ dialect: dialect as DialectId, reason: reason as string })),
      };
    }),
    dialects: DIALECT_IDS.map((id) => ({ id, label: DIALECTS[id].label, engines: DIALECTS[id].engines, ...CHECKED[id] })),
  };
}

/** A sample file's columns, with struct.field for columns whose cells hold JSON objects. */
async function sampleColumns(file: string): Promise<string[]> {
  const source = await openStatement(file);
  try {
    const sample = await source.sample(50);
    if (sample.kind === 'json') {
      const columns = new Set<string>();
      for (const record of sample.records) {
        if (record && typeof record === 'object' && !Array.isArray(record)) {
          for (const [key, value] of Object.entries(record)) {
            columns.add(key);
            if (value && typeof value === 'object' && !Array.isArray(value)) for (const inner of Object.keys(value)) columns.add(`${key}.${inner}`);
          }
        }
      }
      return [...columns];
    }
    const columns = [...sample.header];
    sample.header.forEach((name, i) => {
      const nested = new Set<string>();
      for (const row of sample.rows) {
        const text = (row[i] ?? '').trim();
        if (!text.startsWith('{')) continue;
        try {
          const value: unknown = JSON.parse(text);
          if (value && typeof value === 'object' && !Array.isArray(value)) for (const key of Object.keys(value)) nested.add(`${name}.${key}`);
        } catch {
          // not JSON: a plain text column
        }
      }
      columns.push(...nested);
    });
    return columns;
  } finally {
    await source.close();
  }
}

export async function writePushdownQuery(input: z.output<typeof PushdownRequest>): Promise<PushdownQuery> {
  let columns = input.columns;
  let columnsFrom: PushdownQuery['columnsFrom'] = columns && columns.length > 0 ? 'given' : 'standard';
  if ((!columns || columns.length === 0) && input.like) {
    columns = await sampleColumns(input.like);
    columnsFrom = 'sample';
  }
  const query = pushdownQuery({ ...input, columns });
  return { ...query, columnsFrom };
}
