/**
 * The push-down path gives the ledger the raw file gives: for every generated
 * vendor statement the push-down queries cover, aggregating it with the
 * DuckDB query and importing the result yields the same totals by month,
 * provider, model, usage class, tier and charge category as importing the raw
 * file. Quantities are equal; billed cost is equal to the cent and, exactly,
 * within half a nano-unit per raw line: the raw import rounds each line to
 * the nano-unit, the aggregate rounds each group's exact sum once. Source
 * totals (the reconciliation) are equal to the last digit.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateStatement, type GeneratedFormat } from '../../../bench/generate';
import { readStatement } from '../../../electron/backend/imports/readers';
import { agreesToTheCent } from '../../../shared/domain/money';
import { pushdownQuery } from '../../../shared/formats/pushdown/query';
import type { PushdownSource } from '../../../shared/formats/pushdown/types';
import { duckColumns, ledgerTotals, queryBody, sqlString, withDuckDb } from '../../helpers/pushdown';

const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-pushdown-'));

interface Case {
  format: GeneratedFormat;
  source: PushdownSource;
  file: string;
  reader: (file: string) => string;
  tags: string[];
  /** How the engine exports the result. */
  export: 'csv' | 'parquet' | 'json';
}

const parquet = (f: string): string => `read_parquet(${sqlString(f)})`;
const csv = (f: string): string => `read_csv(${sqlString(f)})`;

const CASES: Case[] = [
  { format: 'focus', source: 'focus', file: 'focus.parquet', reader: parquet, tags: ['team'], export: 'csv' },
  { format: 'focus', source: 'focus', file: 'focus-2.parquet', reader: parquet, tags: [], export: 'parquet' },
  { format: 'aws-cur', source: 'aws-cur', file: 'cur.parquet', reader: parquet, tags: ['user_team'], export: 'parquet' },
  { format: 'aws-cur-legacy', source: 'aws-cur', file: 'cur-legacy.parquet', reader: parquet, tags: ['user:Team'], export: 'csv' },
  { format: 'gcp', source: 'gcp-billing', file: 'gcp.parquet', reader: parquet, tags: ['team'], export: 'json' },
  { format: 'azure', source: 'azure-cost', file: 'azure.csv', reader: csv, tags: ['team'], export: 'csv' },
  { format: 'azure-amortized', source: 'azure-cost', file: 'azure-amortized.csv', reader: csv, tags: [], export: 'parquet' },
];

const COPY: Record<Case['export'], string> = { csv: '(HEADER)', parquet: '(FORMAT parquet)', json: '(FORMAT json)' };
const EXT: Record<Case['export'], string> = { csv: 'csv', parquet: 'parquet', json: 'jsonl' };

describe('DuckDB push-down and the raw import give the same ledger', () => {
  for (const c of CASES) {
    it(`${c.format} → ${c.source} (result as ${c.export})`, async () => {
      const raw = path.join(dir, c.file);
      const generated = await generateStatement({ format: c.format, rows: 1500, seed: 5, out: raw });
      const direct = await readStatement(raw);
      expect(direct.summary.rowsRejected).toBe(0);

      const result = path.join(dir, `${c.file}.result.${EXT[c.export]}`);
      const table = c.reader(raw);
      await withDuckDb(async (connection) => {
        const columns = await duckColumns(connection, table);
        const query = pushdownQuery({ source: c.source, dialect: 'duckdb', table, tags: c.tags, columns, sourceVersion: c.format === 'azure-amortized' ? 'amortized' : undefined });
        await connection.run(`COPY (${queryBody(query.sql)}) TO ${sqlString(result)} ${COPY[c.export]}`);
      });

      const aggregated = await readStatement(result);
      expect(aggregated.chosen.format.id).toBe('ledger-aggregate');
      expect(aggregated.chosen.detection.version).toBe(c.source);
      expect(aggregated.summary.rowsRejected).toBe(0);
      // Fewer lines than the raw file: that is the point (1,500 rows of a month into day × model × class groups).
      expect(aggregated.lines.length).toBeLessThan(direct.lines.length);

      // The reconciliation: the same exact source total per currency as the raw file and the generator.
      const sources = (s: typeof direct.summary) => Object.fromEntries(s.reconciliation.map((r) => [r.currency, r.sourceTotal]));
      expect(sources(aggregated.summary)).toEqual(generated.expected.totals());
      expect(sources(direct.summary)).toEqual(generated.expected.totals());
      for (const r of aggregated.summary.reconciliation) expect(r.reconciles).toBe(true);

      const a = ledgerTotals(aggregated.lines);
      const b = ledgerTotals(direct.lines);
      expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
      for (const [key, t] of b) {
        const g = a.get(key)!;
        expect(g.quantity, key).toBe(t.quantity);
        expect(agreesToTheCent(g.billed, t.billed), `${key}: ${g.billed} vs ${t.billed}`).toBe(true);
        const drift = g.billed > t.billed ? g.billed - t.billed : t.billed - g.billed;
        expect(drift * 2n <= BigInt(t.lines), `${key}: ${drift} nano-units over ${t.lines} lines`).toBe(true);
      }
      // Tags chosen in the query survive on the aggregated lines.
      if (c.tags.length > 0 && c.source !== 'aws-cur') {
        const tagged = aggregated.lines.filter((l) => l.chargeCategory === 'usage' && Object.keys(l.tags).length > 0);
        expect(tagged.length).toBeGreaterThan(0);
      }
    });
  }
});
