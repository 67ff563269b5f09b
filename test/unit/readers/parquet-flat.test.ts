/**
 * Flat Parquet columns are decoded by the reader itself (parquet-flat.ts),
 * nested ones by hyparquet: both must give exactly what hyparquet's own row
 * reader gives, across pages, row groups, dictionaries and nulls.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { ParquetWriter, fileWriter, parquetWriteBuffer } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openParquet } from '../../../electron/backend/imports/readers/parquet';

const ROWS = 2_500;

describe('Parquet flat columns', () => {
  it('read cell for cell as hyparquet reads them: pages, row groups, dictionaries, nulls and a nested column beside', async () => {
    // Deterministic values: a repeating provider (dictionary-encoded), a number with every 7th missing,
    // a distinct text per row (plain-encoded), a flag with every 5th missing, and a list column (nested).
    const provider = Array.from({ length: ROWS }, (_, i) => ['OpenAI', 'Anthropic', 'Google'][i % 3] as string);
    const tokens = Array.from({ length: ROWS }, (_, i) => (i % 7 === 0 ? null : i * 1000 + 1));
    const note = Array.from({ length: ROWS }, (_, i) => (i % 11 === 0 ? null : `row ${i} of the statement`));
    const flag = Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0));
    const cost = Array.from({ length: ROWS }, (_, i) => i / 8);
    const labels = Array.from({ length: ROWS }, (_, i) => (i % 4 === 0 ? [] : [`team-${i % 3}`, `env-${i % 2}`]));
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'provider', data: provider, type: 'STRING' },
        { name: 'tokens', data: tokens, type: 'INT32', nullable: true },
        { name: 'note', data: note, type: 'STRING', nullable: true },
        { name: 'flag', data: flag, type: 'BOOLEAN', nullable: true },
        { name: 'cost', data: cost, type: 'DOUBLE', nullable: false },
        { name: 'labels', data: labels },
      ],
      // Row groups of 1,000 (three groups, the last short) and pages of about 2 KB (several pages a chunk).
      rowGroupSize: 1000,
      pageSize: 2048,
    });
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'aispend-flat-')), 'flat.parquet');
    writeFileSync(file, new Uint8Array(bytes));

    const expected = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    const source = await openParquet(file, { batchSize: 300 });
    const rows: (readonly string[])[] = [];
    for await (const batch of source.batches()) for (const r of batch) rows.push(r.record as readonly string[]);
    await source.close();

    expect(source.header).toEqual(['provider', 'tokens', 'note', 'flag', 'cost', 'labels']);
    expect(rows).toHaveLength(ROWS);
    const cell = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'boolean' ? String(v) : Array.isArray(v) ? JSON.stringify(v) : String(v));
    expect(rows).toEqual(expected.map((r) => [r.provider, r.tokens, r.note, r.flag, r.cost, r.labels].map(cell)));
    // Spot checks written out: row 0 has no tokens (0 % 7 = 0) nor note (0 % 11 = 0) nor flag (0 % 5 = 0); row 14 no tokens;
    // row 8 is Google (8 % 3 = 2), 8 × 1000 + 1 = 8,001 tokens, flag true (even), cost 8 / 8 = 1; row 1,003 (second row group)
    // is Anthropic (1003 % 3 = 1) with 1,003,001 tokens.
    expect(rows[0]).toEqual(['OpenAI', '', '', '', '0', '[]']);
    expect(rows[8]?.slice(0, 5)).toEqual(['Google', '8001', 'row 8 of the statement', 'true', '1']);
    expect(rows[14]?.[1]).toBe('');
    expect(rows[1003]?.slice(0, 3)).toEqual(['Anthropic', '1003001', 'row 1003 of the statement']);
  });

  it('numbers with nulls between them keep their exact text: doubles, INT64 at both ends, and an unsigned INT64 above the signed range', async () => {
    // Numeric columns are held as typed arrays until their batch is formatted (parquet.ts unboxedNumbers);
    // what comes out must be what the formatter makes of each value, and '' for a null.
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'aispend-numbers-')), 'numbers.parquet');
    const schema: SchemaElement[] = [
      { name: 'root', num_children: 4 },
      { name: 'cost', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'listCost', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'tokens', type: 'INT64', repetition_type: 'OPTIONAL' },
      { name: 'huge', type: 'INT64', converted_type: 'UINT_64', repetition_type: 'OPTIONAL' },
    ];
    const writer = new ParquetWriter({ writer: fileWriter(file), schema });
    writer.write({
      columnData: [
        { name: 'cost', data: [0.1 + 0.2, null, -0, 1e-7, 3] },
        // Mostly the cost again (its text is reused), then a different value, a value where cost had none, and 0 after −0.
        { name: 'listCost', data: [0.1 + 0.2, 2.5, 0, 1e-7, 4] },
        { name: 'tokens', data: [-(2n ** 63n), 42n, null, 2n ** 63n - 1n, 0n] },
        { name: 'huge', data: [1n, null, 2n ** 64n - 1n, 2n ** 63n, 5n] },
      ] as never,
      rowGroupSize: 3,
    });
    writer.finish();
    const source = await openParquet(file, { batchSize: 2 });
    const rows: (readonly string[])[] = [];
    for await (const batch of source.batches()) for (const r of batch) rows.push(r.record as readonly string[]);
    await source.close();
    // 0.1 + 0.2 is the double 0.30000000000000004; -0 prints as "0" (String(-0)); 2^63 − 1 = 9223372036854775807,
    // −2^63 = −9223372036854775808, 2^64 − 1 = 18446744073709551615, 2^63 = 9223372036854775808.
    expect(rows).toEqual([
      ['0.30000000000000004', '0.30000000000000004', '-9223372036854775808', '1'],
      ['', '2.5', '42', ''],
      ['0', '0', '', '18446744073709551615'],
      ['1e-7', '1e-7', '9223372036854775807', '9223372036854775808'],
      ['3', '4', '0', '5'],
    ]);
  });

  it('version 1 data pages (as DuckDB writes them) read cell for cell as hyparquet reads them: nulls, dictionaries, booleans, an all-null column', async () => {
    // 5,000 rows in row groups of 2,048: a cycling provider (dictionary), tokens missing every 7th row, a distinct note
    // missing every 11th, a flag missing every 5th, a double, and a column with no value at all.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-v1-'));
    const file = path.join(dir, 'v1.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      await connection.run(`COPY (SELECT
          (['OpenAI', 'Anthropic', 'Google'])[i % 3 + 1] AS provider,
          CASE WHEN i % 7 = 0 THEN NULL ELSE i * 1000 + 1 END::BIGINT AS tokens,
          CASE WHEN i % 11 = 0 THEN NULL ELSE 'row ' || i END AS note,
          CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
          i / 8 AS cost,
          NULL::VARCHAR AS nothing
        FROM range(5000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`);
    } finally {
      connection.closeSync();
    }
    const expected = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    const source = await openParquet(file, { batchSize: 300 });
    const rows: (readonly string[])[] = [];
    for await (const batch of source.batches()) for (const r of batch) rows.push(r.record as readonly string[]);
    await source.close();

    expect(rows).toHaveLength(5000);
    const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
    expect(rows).toEqual(expected.map((r) => [r.provider, r.tokens, r.note, r.flag, r.cost, r.nothing].map(cell)));
    // Row 14: Google (14 % 3 = 2), no tokens (14 % 7 = 0), note "row 14", flag true (even), cost 14 / 8 = 1.75, nothing.
    expect(rows[14]).toEqual(['Google', '', 'row 14', 'true', '1.75', '']);
  });
});
