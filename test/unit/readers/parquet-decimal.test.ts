/**
 * Parquet DECIMAL columns are read exactly: 38 digits do not fit a double,
 * so the reader formats the unscaled integer at its scale itself.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { openParquet } from '../../../electron/backend/imports/readers/parquet';

describe('Parquet DECIMAL cells', () => {
  it('keep every digit (FIXED_LEN_BYTE_ARRAY and INT64, negative, null)', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'aispend-decimal-')), 'decimal.parquet');
    const schema: SchemaElement[] = [
      { name: 'root', num_children: 2 },
      { name: 'BilledCost', type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', scale: 9, precision: 38, repetition_type: 'OPTIONAL' },
      { name: 'Quantity', type: 'INT64', converted_type: 'DECIMAL', scale: 2, precision: 18, repetition_type: 'OPTIONAL' },
    ];
    const writer = new ParquetWriter({ writer: fileWriter(file), schema });
    // 123456789012345678901 nano-units = 123,456,789,012.345678901: 21 digits, beyond a double's 15–17.
    writer.write({ columnData: [{ name: 'BilledCost', data: [123456789012345678901n, -5n, null] }, { name: 'Quantity', data: [12345n, -1n, 7n] }] as never, rowGroupSize: 10 });
    writer.finish();
    const source = await openParquet(file);
    const rows: (readonly string[])[] = [];
    for await (const batch of source.batches()) for (const r of batch) rows.push(r.record as readonly string[]);
    await source.close();
    expect(rows).toEqual([
      ['123456789012.345678901', '123.45'],
      ['-0.000000005', '-0.01'],
      ['', '0.07'],
    ]);
  });
});
