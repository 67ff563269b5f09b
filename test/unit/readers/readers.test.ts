import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStatement, prepareStatement, previewStatement, readStatement, sniffFileKind } from '../../../electron/backend/imports/readers';
import { CsvTokenizer, sniffDelimiter, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';
import { JsonTokenizer, type JsonRecordOut } from '../../../electron/backend/imports/readers/json-tokenizer';
import { toPlain } from '../../../shared/formats/values/json';
import { FORMAT_FIXTURES, csvToParquet, readFixture, tempDir, writeTemp } from './helpers';

const FOCUS = path.join(FORMAT_FIXTURES, 'focus', 'focus-1.2-ai.csv');
const dir = tempDir();

function usd(summary: { reconciliation: { currency: string; sourceTotal: string; importedTotal: string }[] }) {
  return summary.reconciliation.find((r) => r.currency === 'USD');
}

describe('CSV reader', () => {
  it('reads gzip by its magic bytes, whatever the extension, with the same totals', async () => {
    const file = writeTemp(dir, 'focus-export.csv', gzipSync(readFixture('focus', 'focus-1.2-ai.csv')));
    expect(await sniffFileKind(file)).toBe('csv');
    const { summary } = await readStatement(file);
    expect(usd(summary)?.sourceTotal).toBe('988.360000042');
    expect(summary.rowsRead).toBe(12);
  });

  it('numbers rows as a spreadsheet does: header row 1, a quoted line break keeps its row, blank lines count', async () => {
    const text = 'a,b\n1,"two\nlines"\n\n3,4\n';
    const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 't.csv' });
    const out: RawRecord[] = [];
    tokenizer.push(text, out);
    tokenizer.finish(out);
    expect(out.map((r) => [r.record, r.line, r.fields])).toEqual([
      [1, 1, ['a', 'b']],
      [2, 2, ['1', 'two\nlines']],
      [4, 5, ['3', '4']],
    ]);
  });

  it('reads a file larger than its 64 KiB decoding pieces with the records of one whole-text parse, a character split between pieces included', async () => {
    // Rows with quoted line breaks, "" escapes and accented cells, then padding so that a 3-byte "€" starts
    // one byte before the first 64 KiB boundary: the reader decodes in 64 KiB pieces and must join it again.
    const rows: string[] = ['id,note,word'];
    for (let i = 0; rows.join('\n').length < 60_000; i += 1) rows.push(`${i},"line ${i}\nnext, ""quoted""",é${'x'.repeat(i % 37)}`);
    const before = Buffer.byteLength(`${rows.join('\n')}\nsplit,`);
    rows.push(`split,${'y'.repeat(65_535 - before)}€,end`);
    for (let i = 0; i < 2000; i += 1) rows.push(`${i},"two\r\nlines",€${i}`);
    const text = `${rows.join('\n')}\n`;
    const bytes = Buffer.from(text, 'utf8');
    expect(bytes.subarray(65_535, 65_538).toString('utf8')).toBe('€');
    const file = writeTemp(dir, 'pieces.csv', bytes);

    const source = await openStatement(file);
    const read: { row: number; record: unknown }[] = [];
    for await (const batch of source.batches()) for (const r of batch) read.push({ row: r.row, record: r.record });
    await source.close();

    const whole: RawRecord[] = [];
    const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'pieces.csv' });
    tokenizer.push(text, whole);
    tokenizer.finish(whole);
    expect(read).toEqual(whole.slice(1).map((r) => ({ row: r.record, record: r.fields })));
    expect(read.length).toBeGreaterThan(3000);
  });

  it('sniffs the delimiter from the header line', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
    expect(sniffDelimiter('"x;y",b,c\n')).toBe(',');
    expect(sniffDelimiter('single\n1\n')).toBe(',');
  });

  it('previews the first rows as they will land without reading the rest', async () => {
    const preview = await previewStatement(FOCUS, { rows: 3 });
    expect(preview.chosen.detection).toMatchObject({ formatId: 'focus', version: '1.2' });
    expect(preview.lines.map((l) => l.sourceRow)).toEqual([2, 3, 4]);
    expect(preview.header[0]).toBe('BillingAccountId');
  });
});

describe('Parquet reader', () => {
  it('reads a FOCUS export written by DuckDB (typed columns) with the CSV totals', async () => {
    const file = path.join(dir, 'focus-typed.parquet');
    await csvToParquet(FOCUS, file);
    expect(await sniffFileKind(file)).toBe('parquet');
    const source = await openStatement(file);
    expect(source.details).toMatchObject({ rowGroups: 1, rows: 12 });
    await source.close();
    const { summary, lines } = await readStatement(file);
    expect(summary.rowsRead).toBe(12);
    expect(usd(summary)).toMatchObject({ sourceTotal: '988.360000042', importedTotal: '988.360000042' });
    expect(lines.map((l) => l.sourceRow)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(lines[0]).toMatchObject({ chargePeriodStart: '2026-03-01T00:00:00Z', model: 'gpt-4o', quantity: 5_000_000 });
    expect(lines[9]?.quantity).toBe(1_234_500);
  });

  it('reads the same file written as all-text columns identically', async () => {
    const file = path.join(dir, 'focus-text.parquet');
    await csvToParquet(FOCUS, file, { allVarchar: true });
    const { summary } = await readStatement(file);
    expect(usd(summary)?.sourceTotal).toBe('988.360000042');
  });
});

describe('JSON reader', () => {
  it('streams the data array of a page across any chunking, numbers kept as text', () => {
    const text = readFixture('openai-costs', 'costs-page.json');
    const whole: JsonRecordOut[] = [];
    const t1 = new JsonTokenizer({ fileName: 'p.json' });
    t1.push(text, whole);
    t1.finish(whole);
    for (const size of [1, 7, 64]) {
      const parts: JsonRecordOut[] = [];
      const t = new JsonTokenizer({ fileName: 'p.json' });
      for (let i = 0; i < text.length; i += size) t.push(text.slice(i, i + size), parts);
      t.finish(parts);
      expect(parts.map((r) => [r.line, toPlain(r.value)])).toEqual(whole.map((r) => [r.line, toPlain(r.value)]));
    }
    expect(whole).toHaveLength(3);
    expect(JSON.stringify(toPlain(whole[0]!.value))).toContain('"value":"4.2e-05"');
  });

  it('sniffs JSON by its first character, also inside gzip', async () => {
    const file = writeTemp(dir, 'costs.bin', gzipSync(readFixture('openai-costs', 'costs-page.json')));
    expect(await sniffFileKind(file)).toBe('json');
    const { summary } = await readStatement(file);
    expect(usd(summary)?.sourceTotal).toBe('16.9334987890123');
  });
});

describe('encodings', () => {
  const text = readFixture('focus', 'focus-1.2-ai.csv');

  it.each([
    ['UTF-16 LE with BOM', 'utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 BE with BOM', 'utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-8 with BOM', 'utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
  ])('%s reads to the same totals', async (_name, encoding, bytes) => {
    const file = writeTemp(dir, `focus-${encoding}.csv`, bytes);
    const prepared = await prepareStatement(file);
    expect(prepared.source.details.encoding).toBe(encoding);
    expect(prepared.source.header[0]).toBe('BillingAccountId');
    await prepared.source.close();
    const { summary } = await readStatement(file);
    expect(usd(summary)?.sourceTotal).toBe('988.360000042');
  });
});
