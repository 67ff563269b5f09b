/**
 * Writes allocated lines to CSV or Parquet as the allocation streams them,
 * in batches, so a million-line ledger exports in constant memory. Parquet
 * is written with hyparquet-writer (MIT, pure JavaScript, from the authors
 * of the hyparquet reader the import already uses, and it writes DECIMAL
 * from bigint without a float in between): money is DECIMAL(38, 9), exact.
 * The file is written beside its target and renamed at the end, so a failed
 * or cancelled export leaves no half-written file.
 */
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { SchemaElement } from 'hyparquet';
import { ALLOCATED_LINE_COLUMNS, ALLOCATED_MONEY_COLUMNS, ALLOCATED_NUMBER_COLUMNS, type AllocatedRecord } from '../../../shared/domain/allocation/focus-columns';
import { CSV_LINE_END, csvLine } from '../../../shared/domain/csv-text';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal } from '../../../shared/domain/money';

const BATCH = 50_000;

export interface AllocatedLineSink {
  write(record: AllocatedRecord): void;
  /** Finishes the file and moves it into place; returns its size. */
  finish(): number;
  abort(): void;
}

function target(file: string, overwrite: boolean): { final: string; temp: string } {
  const final = path.resolve(file);
  if (!existsSync(path.dirname(final))) throw new WorkbenchError('not_found', `the folder ${path.dirname(final)} does not exist`, { file: final });
  if (existsSync(final) && !overwrite) throw new WorkbenchError('conflict', 'the file already exists; choose another name or overwrite it', { file: final });
  return { final, temp: `${final}.writing-${process.pid}` };
}

export function csvSink(file: string, overwrite: boolean): AllocatedLineSink {
  const { final, temp } = target(file, overwrite);
  const fd = openSync(temp, 'w');
  let buffer: string[] = [csvLine(ALLOCATED_LINE_COLUMNS)];
  const flush = () => {
    writeSync(fd, `${buffer.join(CSV_LINE_END)}${CSV_LINE_END}`);
    buffer = [];
  };
  return {
    write(record) {
      buffer.push(csvLine(ALLOCATED_LINE_COLUMNS.map((c) => (ALLOCATED_MONEY_COLUMNS.has(c) && typeof record[c] === 'bigint' ? nanosToDecimal(record[c]) : record[c]))));
      if (buffer.length >= BATCH) flush();
    },
    finish() {
      flush();
      closeSync(fd);
      renameSync(temp, final);
      return statSync(final).size;
    },
    abort() {
      closeSync(fd);
      rmSync(temp, { force: true });
    },
  };
}

function schema(): SchemaElement[] {
  return [
    { name: 'root', num_children: ALLOCATED_LINE_COLUMNS.length },
    ...ALLOCATED_LINE_COLUMNS.map((name): SchemaElement => {
      if (ALLOCATED_MONEY_COLUMNS.has(name)) return { name, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', scale: 9, precision: 38, repetition_type: 'OPTIONAL' };
      if (name === 'ConsumedQuantity') return { name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
      if (ALLOCATED_NUMBER_COLUMNS.has(name)) return { name, type: 'INT64', repetition_type: 'OPTIONAL' };
      const json = name === 'Tags' || name === 'AllocatedMethodDetails' || name === 'AllocatedTags';
      return { name, type: 'BYTE_ARRAY', converted_type: json ? 'JSON' : 'UTF8', repetition_type: 'OPTIONAL' };
    }),
  ];
}

export function parquetSink(file: string, overwrite: boolean): AllocatedLineSink {
  const { final, temp } = target(file, overwrite);
  const writer = fileWriter(temp);
  const parquet = new ParquetWriter({ writer, schema: schema(), createdBy: 'AI Spend Workbench' });
  let columns: Map<string, unknown[]> = new Map(ALLOCATED_LINE_COLUMNS.map((c) => [c, []]));
  let rows = 0;
  const flush = () => {
    if (rows === 0) return;
    parquet.write({
      columnData: ALLOCATED_LINE_COLUMNS.map((name) => {
        const data = columns.get(name)!;
        return { name, data: ALLOCATED_NUMBER_COLUMNS.has(name) && name !== 'ConsumedQuantity' ? data.map((v) => (v === null ? null : BigInt(v as number))) : data };
      }) as never,
      rowGroupSize: BATCH,
    });
    columns = new Map(ALLOCATED_LINE_COLUMNS.map((c) => [c, []]));
    rows = 0;
  };
  return {
    write(record) {
      for (const c of ALLOCATED_LINE_COLUMNS) columns.get(c)!.push(record[c]);
      rows += 1;
      if (rows >= BATCH) flush();
    },
    finish() {
      flush();
      parquet.finish();
      renameSync(temp, final);
      return statSync(final).size;
    },
    abort() {
      rmSync(temp, { force: true });
    },
  };
}
