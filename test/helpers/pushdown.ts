/**
 * Test helpers for the push-down queries: run a generated query in embedded
 * DuckDB over a file, export its result as the engine would, and total
 * ledger lines by month, provider, model, usage class, tier and charge
 * category with exact money.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { LedgerLine } from '../../shared/domain/ledger-line';
import { nanosToDecimal } from '../../shared/domain/money';

export async function withDuckDb<T>(run: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    await connection.run("SET TimeZone = 'UTC'");
    return await run(connection);
  } finally {
    connection.closeSync();
    db.closeSync();
  }
}

/** The columns DuckDB sees in a table expression (read_parquet('…'), read_csv('…')), with a struct's fields as struct.field. */
export async function duckColumns(connection: DuckDBConnection, table: string): Promise<string[]> {
  const result = await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${table}`);
  const columns: string[] = [];
  for (const r of result.getRowObjects() as { column_name: string; column_type: string }[]) {
    columns.push(r.column_name);
    const struct = /^STRUCT\((.*)\)$/.exec(r.column_type);
    if (struct) for (const m of (struct[1] as string).matchAll(/(?:^|, )"?([A-Za-z_][A-Za-z0-9_]*)"? /g)) columns.push(`${r.column_name}.${m[1]}`);
  }
  return columns;
}

/** The query without its session preamble (the connection already runs in UTC). */
export function queryBody(sql: string): string {
  return sql
    .split('\n')
    .filter((l) => !/^SET TimeZone/.test(l))
    .join('\n');
}

export const sqlString = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export interface LedgerTotal {
  lines: number;
  billed: bigint;
  quantity: number;
}

/** Totals by month, provider, model, usage class, service tier, charge category and currency. */
export function ledgerTotals(lines: readonly LedgerLine[]): Map<string, LedgerTotal> {
  const totals = new Map<string, LedgerTotal>();
  for (const l of lines) {
    const key = [l.chargePeriodStart.slice(0, 7), l.provider, l.model ?? '-', l.usageClass, l.serviceTier, l.chargeCategory, l.currency].join(' | ');
    const t = totals.get(key) ?? { lines: 0, billed: 0n, quantity: 0 };
    t.lines += 1;
    t.billed += l.billedCost;
    t.quantity += l.quantity ?? 0;
    totals.set(key, t);
  }
  return totals;
}

export function describeTotals(totals: Map<string, LedgerTotal>): Record<string, string> {
  return Object.fromEntries([...totals].sort(([a], [b]) => a.localeCompare(b)).map(([k, t]) => [k, `${nanosToDecimal(t.billed)} / ${t.quantity}`]));
}
