/**
 * A flat Parquet column chunk is held compactly while its row group is read
 * (parquet-flat.ts): dictionary-encoded pages as the dictionary and one
 * small index per row, numbers as a typed array and its nulls, anything else
 * (or a chunk whose pages change form) as one array of values. Whatever the
 * form, every row must read back as the value written, and the formatted
 * cells must be what hyparquet's own reader gives.
 *
 * Chunks whose pages change form (a writer that falls back from a dictionary
 * to plain pages, or starts a second dictionary) are made by joining the
 * pages of two single-column files: pages carry their own headers, so the
 * second file's pages follow the first's as they would in one chunk.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects, type ColumnChunk, type FileMetaData } from 'hyparquet';
import { writeFileSync } from 'node:fs';
import { parquetWriteBuffer, type ColumnSource } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { openParquet } from '../../../electron/backend/imports/readers/parquet';
import { RowArrays, flatColumnPath, readFlatColumn, type FlatColumn } from '../../../electron/backend/imports/readers/parquet-flat';

/** One column written alone, as a file's bytes, its footer and its only chunk. */
function oneColumn(column: ColumnSource, pageSize = 1 << 20): { bytes: Uint8Array; metadata: FileMetaData; chunk: ColumnChunk } {
  const buffer = parquetWriteBuffer({ columnData: [column], pageSize, rowGroupSize: column.data.length });
  const metadata = parquetMetadata(buffer);
  const chunk = metadata.row_groups[0]?.columns[0] as ColumnChunk;
  return { bytes: new Uint8Array(buffer), metadata, chunk };
}

/** The chunk's pages (its dictionary page first, if any). */
function pagesOf({ bytes, chunk }: { bytes: Uint8Array; chunk: ColumnChunk }, withDictionary = true): Uint8Array {
  const meta = chunk.meta_data!;
  const dataStart = Number(meta.data_page_offset);
  const start = withDictionary && meta.dictionary_page_offset !== undefined ? Number(meta.dictionary_page_offset) : dataStart;
  const end = Number(meta.dictionary_page_offset ?? meta.data_page_offset) + Number(meta.total_compressed_size);
  return bytes.slice(start, end);
}

function joined(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads `pages` as the chunk of `first`'s column, `rows` rows long. */
function read(first: { metadata: FileMetaData; chunk: ColumnChunk }, pages: Uint8Array, rows: number): FlatColumn {
  const name = first.chunk.meta_data!.path_in_schema[0] as string;
  return readFlatColumn(pages, first.chunk, flatColumnPath(first.metadata, name)!, rows, {});
}

/** Row r's value, whatever form the column is held in (null where the row has none). */
function rowsOf(column: FlatColumn): unknown[] {
  switch (column.kind) {
    case 'dictionary':
      return Array.from(column.indices, (i) => (i < column.dictionary.length ? column.dictionary[i] : null));
    case 'numbers':
    case 'bigints':
      return Array.from(column.data as ArrayLike<number | bigint>, (v, i) => (column.nulls[i] === 1 ? null : v));
    case 'values':
      return column.values;
  }
}

async function cellsOf(file: string, batchSize: number): Promise<string[][]> {
  const source = await openParquet(file, { batchSize });
  const rows: string[][] = [];
  for await (const batch of source.batches()) for (const r of batch) rows.push([...(r.record as readonly string[])]);
  await source.close();
  return rows;
}

const tmp = (name: string): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'aispend-compact-')), name);

describe('Parquet flat columns held compactly', () => {
  it('a dictionary-encoded column becomes its dictionary and one index per row, nulls pointing past the dictionary', () => {
    // 1,000 rows cycling through three providers, every 4th row empty (rows 0, 4, 8…): 750 values, 250 nulls.
    const data = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? null : ['OpenAI', 'Anthropic', 'Google'][i % 3]));
    const file = oneColumn({ name: 'provider', data, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' }, 1024);
    const column = read(file, pagesOf(file), 1000);
    expect(column.kind).toBe('dictionary');
    if (column.kind !== 'dictionary') return;
    // Three entries, so one byte per row: index 3 (= the dictionary's length) marks a row without a value.
    expect(column.indices).toBeInstanceOf(Uint8Array);
    expect(column.dictionary).toHaveLength(3);
    expect(column.indices[0]).toBe(3);
    expect(rowsOf(column)).toEqual(data);
  });

  it('the index is one byte up to 255 entries, two up to 65,535, four beyond: the entry past the last still means no value', () => {
    // 255, 256, 65,535 and 65,536 distinct names, each once, then a null.
    for (const [distinct, type] of [
      [255, Uint8Array],
      [256, Uint16Array],
      [65535, Uint16Array],
      [65536, Uint32Array],
    ] as const) {
      const data = [...Array.from({ length: distinct }, (_, i) => `model-${i}`), null];
      const file = oneColumn({ name: 'model', data, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' });
      const column = read(file, pagesOf(file), data.length);
      expect(column.kind).toBe('dictionary');
      if (column.kind !== 'dictionary') return;
      expect(column.indices).toBeInstanceOf(type);
      // The null row's index is the dictionary's length: 255 still fits a byte, 256 needs two, 65,535 still fits two, 65,536 needs four.
      expect(column.indices[distinct]).toBe(distinct);
      expect(rowsOf(column)).toEqual(data);
    }
  });

  it('numbers are a typed array with their nulls: doubles as Float64Array, INT64 as BigInt64Array', () => {
    const costs = [0.5, null, -2.25, 1e-7];
    const tokens = [7n, 2n ** 62n, null, -1n];
    const cost = oneColumn({ name: 'cost', data: costs, type: 'DOUBLE', nullable: true, encoding: 'PLAIN' });
    const token = oneColumn({ name: 'tokens', data: tokens, type: 'INT64', nullable: true, encoding: 'PLAIN' });
    const costColumn = read(cost, pagesOf(cost), 4);
    const tokenColumn = read(token, pagesOf(token), 4);
    expect(costColumn.kind).toBe('numbers');
    expect(tokenColumn.kind).toBe('bigints');
    expect(rowsOf(costColumn)).toEqual(costs);
    expect(rowsOf(tokenColumn)).toEqual(tokens);
  });

  it('a chunk that falls back from a dictionary to plain pages (v2 pages) keeps every row: dictionary rows, then plain ones, nulls in both', () => {
    // Rows 0–599 dictionary-encoded (two regions, every 5th null), rows 600–999 plain (a distinct id each, every 7th null).
    const head = Array.from({ length: 600 }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0 ? 'us-east-1' : 'eu-west-1'));
    const tail = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? null : `resource-${600 + i}`));
    const first = oneColumn({ name: 'region', data: head, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' }, 512);
    const second = oneColumn({ name: 'region', data: tail, type: 'STRING', nullable: true, encoding: 'PLAIN' }, 512);
    const column = read(first, joined(pagesOf(first), pagesOf(second, false)), 1000);
    expect(column.kind).toBe('values');
    const rows = rowsOf(column);
    expect(rows).toEqual([...head, ...tail]);
    // Row 0 is null (0 % 5 = 0), row 2 us-east-1, row 601 resource-601 (1 % 7 ≠ 0), row 607 null (7 % 7 = 0).
    expect([rows[0], rows[2], rows[601], rows[607]]).toEqual([null, 'us-east-1', 'resource-601', null]);
  });

  it('a second dictionary in the same chunk, and numbers followed by dictionary pages, keep every row', () => {
    // Two dictionary-encoded runs with different dictionaries: rows 0–299 ['a', 'b'], rows 300–499 ['c', 'd', 'e'].
    const a = Array.from({ length: 300 }, (_, i) => (i % 2 === 0 ? 'a' : 'b'));
    const b = Array.from({ length: 200 }, (_, i) => (i % 9 === 0 ? null : ['c', 'd', 'e'][i % 3]));
    const firstDictionary = oneColumn({ name: 'label', data: a, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' });
    const secondDictionary = oneColumn({ name: 'label', data: b, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' });
    const labels = read(firstDictionary, joined(pagesOf(firstDictionary), pagesOf(secondDictionary)), 500);
    expect(labels.kind).toBe('values');
    expect(rowsOf(labels)).toEqual([...a, ...b]);

    // Plain doubles (rows 0–2), then dictionary-encoded doubles (rows 3–8): a typed array until the dictionary's pages.
    const plain = [1.5, null, 3];
    const repeated = [0.25, 0.25, null, 0.75, 0.25, 0.75];
    const numbers = oneColumn({ name: 'cost', data: plain, type: 'DOUBLE', nullable: true, encoding: 'PLAIN' });
    const dictionary = oneColumn({ name: 'cost', data: repeated, type: 'DOUBLE', nullable: true, encoding: 'RLE_DICTIONARY' });
    const costs = read(numbers, joined(pagesOf(numbers), pagesOf(dictionary)), 9);
    expect(costs.kind).toBe('values');
    expect(rowsOf(costs)).toEqual([...plain, ...repeated]);
  });

  it('pages without a value are one byte a row, in an empty dictionary; values after them, of any form, keep every row', () => {
    // A column nobody filled in: 500 nulls, held as indices into an empty dictionary (index 0 = no value).
    const empty = Array.from({ length: 500 }, () => null);
    const nothing = oneColumn({ name: 'note', data: empty, type: 'STRING', nullable: true, encoding: 'PLAIN' });
    const column = read(nothing, pagesOf(nothing), 500);
    expect(column.kind).toBe('dictionary');
    if (column.kind === 'dictionary') {
      expect(column.dictionary).toHaveLength(0);
      expect(column.indices).toBeInstanceOf(Uint8Array);
    }
    expect(rowsOf(column)).toEqual(empty);

    // 500 empty rows, then 300 dictionary-encoded (every 3rd null), then 200 plain (every 4th null).
    const repeated = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? null : i % 2 === 0 ? 'team-a' : 'team-b'));
    const distinct = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? null : `line ${i}`));
    const dictionary = oneColumn({ name: 'note', data: repeated, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' });
    const plain = oneColumn({ name: 'note', data: distinct, type: 'STRING', nullable: true, encoding: 'PLAIN' });
    const mixed = read(nothing, joined(pagesOf(nothing), pagesOf(dictionary), pagesOf(plain)), 1000);
    expect(rowsOf(mixed)).toEqual([...empty, ...repeated, ...distinct]);

    // Doubles, then an empty page, then doubles again: still one typed array, the empty rows marked as nulls.
    const before = oneColumn({ name: 'cost', data: [1.25, 2.5], type: 'DOUBLE', nullable: true, encoding: 'PLAIN' });
    const gap = oneColumn({ name: 'cost', data: [null, null, null], type: 'DOUBLE', nullable: true, encoding: 'PLAIN' });
    const after = oneColumn({ name: 'cost', data: [null, 4], type: 'DOUBLE', nullable: true, encoding: 'PLAIN' });
    const costs = read(before, joined(pagesOf(before), pagesOf(gap), pagesOf(after)), 7);
    expect(costs.kind).toBe('numbers');
    expect(rowsOf(costs)).toEqual([1.25, 2.5, null, null, null, null, 4]);
  });

  it('a chunk with more values than it claims is refused, whatever form it is held in', () => {
    // The same dictionary pages read as a chunk of 999 rows: the page holds 1,000.
    const data = Array.from({ length: 1000 }, (_, i) => ['x', 'y'][i % 2]);
    const file = oneColumn({ name: 'x', data, type: 'STRING', nullable: false, encoding: 'RLE_DICTIONARY' });
    expect(() => read(file, pagesOf(file), 999)).toThrow(/claims 1000 values where 999 rows are left/);
  });

  it("a row group's arrays are lent to the next: same size or smaller as a view of the same memory, an eighth larger still fits, what is not taken is let go", () => {
    const arrays = new RowArrays();
    // A fresh array has an eighth to spare: 1,000 rows get 1,000 + 1,000 / 8 = 1,125 elements, lent as a view of 1,000.
    const first = arrays.take(Float64Array, 1000);
    expect(first.length).toBe(1000);
    expect(first.buffer.byteLength).toBe(1125 * 8);
    const nulls = arrays.take(Uint8Array, 1000);
    arrays.recycle([{ kind: 'numbers', data: first, nulls }]);
    // The next group has 1,125 rows: the same memory, now lent whole.
    const second = arrays.take(Float64Array, 1125);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(1125);
    // The Uint8Array of 1,000 was not taken in that group (its nulls came from elsewhere): recycling the group lets it go,
    // so the next 1,000 are new memory.
    arrays.recycle([{ kind: 'numbers', data: second, nulls: new RowArrays().take(Uint8Array, 10) }]);
    expect(arrays.take(Float64Array, 900).buffer).toBe(first.buffer);
    expect(arrays.take(Uint8Array, 1000).buffer).not.toBe(nulls.buffer);
  });

  it('row groups of different sizes, read with arrays lent from group to group, read cell for cell as hyparquet reads them', async () => {
    // Row groups of 1,000, 1,100 (fits the first's spare eighth), 1,200 (does not) and 900 rows: 4,200 rows, batches of 250.
    // A dictionary-encoded provider with nulls, a double with nulls, an INT64.
    const rows = 4200;
    const provider = Array.from({ length: rows }, (_, i) => (i % 6 === 0 ? null : ['OpenAI', 'Anthropic', 'Google', 'Mistral'][i % 4]));
    const cost = Array.from({ length: rows }, (_, i) => (i % 10 === 0 ? null : i / 4));
    const tokens = Array.from({ length: rows }, (_, i) => BigInt(i) * 1000n);
    const bytes = parquetWriteBuffer({
      columnData: [
        { name: 'provider', data: provider, type: 'STRING', nullable: true, encoding: 'RLE_DICTIONARY' },
        { name: 'cost', data: cost, type: 'DOUBLE', nullable: true, encoding: 'PLAIN' },
        { name: 'tokens', data: tokens, type: 'INT64', nullable: false, encoding: 'PLAIN' },
      ],
      rowGroupSize: [1000, 1100, 1200, 900],
    });
    const file = tmp('groups.parquet');
    writeFileSync(file, new Uint8Array(bytes));
    const expected = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    const cells = await cellsOf(file, 250);
    const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
    expect(cells).toEqual(expected.map((r) => [r.provider, r.cost, r.tokens].map(cell)));
    // Row 3,301 (last group): Anthropic (3301 % 4 = 1; 3301 % 6 ≠ 0), cost 3301 / 4 = 825.25, tokens 3,301,000.
    // Row 3,300 has neither provider (3300 % 6 = 0) nor cost (3300 % 10 = 0).
    expect(cells[3301]).toEqual(['Anthropic', '825.25', '3301000']);
    expect(cells[3300]).toEqual(['', '', '3300000']);
  });

  it('version 1 pages from DuckDB, dictionary and plain chunks, read cell for cell as hyparquet reads them, across row groups and batches', async () => {
    // 70,000 rows in row groups of 30,000 (the last 10,000), batches of 7,000 (cutting row groups at 30,000 and 60,000 mid-batch):
    // a 300-entry dictionary (two-byte indices), a distinct text per row (DuckDB writes it plain), a timestamp that repeats
    // (dictionary-encoded INT64), a double and an INT64, each with nulls.
    const file = tmp('v1.parquet');
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      await connection.run(`COPY (SELECT
          CASE WHEN i % 13 = 0 THEN NULL ELSE 'sku-' || (i % 300) END AS sku,
          CASE WHEN i % 17 = 0 THEN NULL ELSE 'resource-' || i END AS resource,
          CASE WHEN i % 19 = 0 THEN NULL ELSE TIMESTAMP '2026-10-01' + to_hours(i % 48) END AS period,
          CASE WHEN i % 23 = 0 THEN NULL ELSE i / 16 END AS cost,
          CASE WHEN i % 29 = 0 THEN NULL ELSE i * 1000 END::BIGINT AS tokens
        FROM range(70000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 30000)`);
    } finally {
      connection.closeSync();
    }
    const expected = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
    const rows = await cellsOf(file, 7000);
    const iso = (d: Date): string => `${d.toISOString().slice(0, 19)}Z`;
    const cell = (v: unknown): string => (v === null || v === undefined ? '' : v instanceof Date ? iso(v) : String(v));
    expect(rows).toHaveLength(70000);
    expect(rows).toEqual(expected.map((r) => [r.sku, r.resource, r.period, r.cost, r.tokens].map(cell)));
    // Row 30,002 (second row group; 30002 is a multiple of none of 13, 17, 19, 23, 29): sku-2 (30002 % 300 = 2), resource-30002,
    // 2026-10-01 + 2 h (30002 % 48 = 2), cost 30002 / 16 = 1875.125, tokens 30,002,000. Row 30,001 = 19 × 1579 has no period.
    // Row 0 has none of them (0 is a multiple of each).
    expect(rows[30002]).toEqual(['sku-2', 'resource-30002', '2026-10-01T02:00:00Z', '1875.125', '30002000']);
    expect(rows[30001]?.[2]).toBe('');
    expect(rows[0]).toEqual(['', '', '', '', '']);
  });
});
