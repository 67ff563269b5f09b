/**
 * Every case of the README's "Bad input" list: each either imports what it
 * should (kept as the vendor wrote it) or fails with a WorkbenchError that
 * names the file, and the row and field where there is one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { prepareStatement, readStatement } from '../../../electron/backend/imports/readers';
import { readCentralDirectory } from '../../../electron/backend/imports/readers/zip-guard';
import { FORMAT_FIXTURES, csvToParquet, readFixture, rejection, tempDir, writeTemp } from './helpers';

const dir = tempDir('aispend-bad-input-');
const FOCUS_TEXT = readFixture('focus', 'focus-1.2-ai.csv');
const FOCUS_HEADER = 'BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,BilledCost,EffectiveCost,ListCost,ProviderName,ServiceName,ConsumedQuantity,ConsumedUnit,ChargeDescription,SubAccountId,Tags';

function focusFile(name: string, rows: string[]): string {
  return writeTemp(dir, name, `${FOCUS_HEADER}\n${rows.join('\n')}\n`);
}

function usage(currency: string, start: string, cost: string, extra: { quantity?: string; category?: string; description?: string; subAccount?: string; tags?: string } = {}): string {
  const cells = [currency, extra.category ?? 'Usage', start, '2026-03-02T00:00:00Z', cost, cost, '', 'OpenAI', 'OpenAI API', extra.quantity ?? '1000', 'Tokens', extra.description ?? 'gpt-4o input tokens', extra.subAccount ?? '', extra.tags ?? ''];
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

describe('encodings', () => {
  it('UTF-8 with BOM: the BOM is dropped and the header matches', async () => {
    const file = writeTemp(dir, 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(FOCUS_TEXT)]));
    const { summary } = await readStatement(file);
    expect(summary.reconciliation.find((r) => r.currency === 'USD')?.sourceTotal).toBe('988.360000042');
  });

  it('UTF-16 LE by its BOM', async () => {
    const file = writeTemp(dir, 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(FOCUS_TEXT, 'utf16le')]));
    const { summary } = await readStatement(file);
    expect(summary.rowsRead).toBe(12);
  });

  it('Latin-1 falls back from UTF-8 and reads accented text', async () => {
    const text = `${FOCUS_HEADER}\n${usage('EUR', '2026-03-01T00:00:00Z', '1.00', { description: 'Müller GmbH – Übersetzung' })}\n`;
    const file = writeTemp(dir, 'latin1.csv', Buffer.from(text.replace('–', '-'), 'latin1'));
    const prepared = await prepareStatement(file);
    expect(prepared.source.details.encoding).toBe('windows-1252');
    await prepared.source.close();
    const { lines } = await readStatement(file);
    expect(lines[0]?.description).toBe('Müller GmbH - Übersetzung');
  });

  it('a file that is UTF-8 in one place and not in another is refused, naming the row', async () => {
    const good = usage('EUR', '2026-03-01T00:00:00Z', '1.00', { description: 'Zürich' });
    const rows = Array.from({ length: 40_000 }, () => good);
    const head = Buffer.from(`${FOCUS_HEADER}\n${rows.join('\n')}\n`, 'utf8');
    const bad = Buffer.from(`${usage('EUR', '2026-03-01T00:00:00Z', '1.00', { description: 'Zxrich' })}\n`, 'latin1');
    bad[bad.indexOf('Zxrich') + 1] = 0xfc; // a Latin-1 ü after UTF-8 text
    const file = writeTemp(dir, 'mixed-encoding.csv', Buffer.concat([head, bad]));
    const error = await rejection(readStatement(file));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'mixed-encoding.csv' });
    expect(error.message).toMatch(/mixes text encodings/);
    expect(error.row).toBeGreaterThan(30_000);
  });
});

describe('locale', () => {
  it('semicolon delimiters with decimal commas and scientific notation', async () => {
    const { summary } = await readStatement(path.join(FORMAT_FIXTURES, 'focus', 'focus-1.0-decimal-comma.csv'));
    // 1.234,56 + 0,000042 + 1,5E-3 = 1234.561542
    expect(summary.reconciliation[0]).toMatchObject({ currency: 'EUR', sourceTotal: '1234.561542' });
  });

  it('numbers in scientific notation are exact', async () => {
    const file = focusFile('sci.csv', [usage('USD', '2026-03-01T00:00:00Z', '4.2e-05'), usage('USD', '2026-03-01T00:00:00Z', '1E2'), usage('USD', '2026-03-01T00:00:00Z', '-3.5E-9')]);
    const { summary, lines } = await readStatement(file);
    // 0.000042 + 100 − 0.0000000035 = 100.0000419965
    expect(summary.reconciliation[0]?.sourceTotal).toBe('100.0000419965');
    expect(lines.map((l) => l.billedCost)).toEqual([42_000n, 100_000_000_000n, -4n]);
  });
});

describe('empty and truncated files', () => {
  it('an empty file', async () => {
    const error = await rejection(readStatement(writeTemp(dir, 'empty.csv', '')));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'empty.csv', message: 'the file is empty' });
  });

  it('a blank file', async () => {
    const error = await rejection(readStatement(writeTemp(dir, 'blank.csv', '\n\n  \n')));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'blank.csv' });
  });

  it('a header with no rows', async () => {
    const error = await rejection(readStatement(writeTemp(dir, 'header-only.csv', `${FOCUS_HEADER}\n`)));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'header-only.csv', row: 2, message: 'the file has a header but no data rows' });
  });

  it('a truncated last line is rejected with a reason; the rows before it import', async () => {
    const cut = FOCUS_TEXT.slice(0, FOCUS_TEXT.lastIndexOf('\n', FOCUS_TEXT.length - 2) + 40);
    const { summary } = await readStatement(writeTemp(dir, 'truncated.csv', cut));
    expect(summary.rowsRead).toBe(12);
    expect(summary.rowsImported).toBe(11);
    expect(summary.rejected).toEqual([expect.objectContaining({ file: 'truncated.csv', row: 13, field: 'ChargeCategory', reason: 'the last row is incomplete: it has 5 of 32 cells (the file may be truncated)' })]);
    // The truncated row's amount cannot be known, so it is outside every total: 988.360000042 − (−2.50) = 990.860000042
    expect(summary.reconciliation.find((r) => r.currency === 'USD')).toMatchObject({ sourceTotal: '990.860000042', importedTotal: '990.860000042' });
  });

  it('a file cut inside a quoted cell says so', async () => {
    const at = FOCUS_TEXT.lastIndexOf('{""ModelId');
    const { summary } = await readStatement(writeTemp(dir, 'open-quote.csv', FOCUS_TEXT.slice(0, at + 10)));
    expect(summary.rejected).toEqual([expect.objectContaining({ row: 13, field: 'SkuPriceDetails', reason: expect.stringMatching(/quoted cell is not closed/) })]);
  });
});

describe('shape of rows and headers', () => {
  it('ragged rows are rejected naming the first missing field; the others import', async () => {
    const good = usage('USD', '2026-03-01T00:00:00Z', '1.00');
    const short = good.split(',').slice(0, 9).join(',');
    const long = `${good},surprise`;
    const { summary } = await readStatement(focusFile('ragged.csv', [good, short, good, long, `${good},,`]));
    expect(summary.rowsImported).toBe(3);
    expect(summary.rejected).toEqual([
      expect.objectContaining({ row: 3, field: 'ConsumedQuantity', reason: 'the row has 9 of 14 cells (ragged row)' }),
      expect.objectContaining({ row: 5, field: 'column 15', reason: 'the row has 15 cells but the header has 14', value: 'surprise' }),
    ]);
  });

  it('duplicate headers are refused, naming the column', async () => {
    const file = writeTemp(dir, 'duplicate.csv', `${FOCUS_HEADER},BilledCost\n${usage('USD', '2026-03-01T00:00:00Z', '1.00')},2.00\n`);
    const error = await rejection(readStatement(file));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'duplicate.csv', row: 1, field: 'BilledCost' });
    expect(error.message).toMatch(/appears twice \(columns 5 and 15\)/);
  });

  it('missing required headers are refused, naming the column', async () => {
    const header = FOCUS_HEADER.replace('BillingCurrency,', 'Currency,');
    const file = writeTemp(dir, 'missing.csv', `${header}\n${usage('USD', '2026-03-01T00:00:00Z', '1.00')}\n`);
    const unrecognised = await rejection(readStatement(file));
    expect(unrecognised).toMatchObject({ code: 'unrecognised_format', file: 'missing.csv' });
    const forced = await rejection(readStatement(file, { format: 'focus' }));
    expect(forced).toMatchObject({ code: 'invalid_file', file: 'missing.csv', row: 1, field: 'BillingCurrency' });
  });
});

describe('values', () => {
  it('mixed currencies in one file reconcile per currency', async () => {
    const file = focusFile('currencies.csv', [
      usage('USD', '2026-03-01T00:00:00Z', '10.10'),
      usage('EUR', '2026-03-01T00:00:00Z', '20.20'),
      usage('JPY', '2026-03-01T00:00:00Z', '3000'),
      usage('USD', '2026-03-01T00:00:00Z', '0.05'),
    ]);
    const { summary } = await readStatement(file);
    expect(summary.reconciliation.map((r) => [r.currency, r.sourceTotal, r.importedTotal, r.reconciles])).toEqual([
      ['EUR', '20.20', '20.20', true],
      ['JPY', '3000.00', '3000.00', true],
      ['USD', '10.15', '10.15', true],
    ]);
  });

  it('negative quantities and credit rows are kept, never netted into usage', async () => {
    const file = focusFile('credits.csv', [
      usage('USD', '2026-03-01T00:00:00Z', '10.00'),
      usage('USD', '2026-03-01T00:00:00Z', '-2.00', { quantity: '-200', category: 'Adjustment' }),
      usage('USD', '2026-03-01T00:00:00Z', '-5.00', { quantity: '', category: 'Credit', description: 'promotional credit' }),
    ]);
    const { summary, lines } = await readStatement(file);
    expect(summary.rowsRejected).toBe(0);
    expect(lines.map((l) => [l.chargeCategory, l.quantity, l.billedCost])).toEqual([
      ['usage', 1000, 10_000_000_000n],
      ['adjustment', -200, -2_000_000_000n],
      ['credit', null, -5_000_000_000n], // a blank quantity is not reported, never 0
    ]);
  });

  it('dates in several formats and time zones land in UTC; impossible dates are rejected with the reason', async () => {
    const file = focusFile('dates.csv', [
      usage('USD', '2026-03-01T00:00:00Z', '1'),
      usage('USD', '2026-03-01T09:00:00+09:00', '1'),
      usage('USD', '2026-03-01 00:00:00 UTC', '1'),
      usage('USD', '03/01/2026', '1'),
      usage('USD', '2026-02-30T00:00:00Z', '1'),
      usage('USD', '2026-03-01T24:00:00Z', '1'),
    ]);
    const { summary, lines } = await readStatement(file);
    expect(lines.map((l) => l.chargePeriodStart)).toEqual(['2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z']);
    expect(summary.rejected.map((r) => [r.row, r.field, r.reason])).toEqual([
      [6, 'ChargePeriodStart', 'impossible date: day 30 of 2026-02'],
      [7, 'ChargePeriodStart', 'impossible time 24:00:00'],
    ]);
    expect(summary.reconciliation[0]).toMatchObject({ sourceTotal: '6.00', importedTotal: '4.00', rejectedTotal: '2.00', reconciles: true });
  });

  it('cells of megabytes stop the read with a clear error naming the row and field', async () => {
    const huge = 'x'.repeat(2 << 20);
    const file = focusFile('huge-cell.csv', [usage('USD', '2026-03-01T00:00:00Z', '1'), usage('USD', '2026-03-01T00:00:00Z', '1', { description: huge })]);
    const error = await rejection(readStatement(file));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'huge-cell.csv', row: 3, field: 'ChargeDescription' });
    expect(error.message).toMatch(/larger than the 1 MB limit/);
  });

  it('formula-injection strings are kept as plain text, never evaluated', async () => {
    const payloads = ['=HYPERLINK("http://evil.example","click")', '@SUM(A1:A9)', "+cmd|' /C calc'!A0", '-2+3'];
    const file = focusFile('injection.csv', payloads.map((p) => usage('USD', '2026-03-01T00:00:00Z', '1', { description: p, subAccount: p, tags: JSON.stringify({ note: p }) })));
    const { lines } = await readStatement(file);
    expect(lines.map((l) => [l.description, l.subAccount, l.tags.note])).toEqual(payloads.map((p) => [p, p, p]));
  });
});

describe('files that are not statements', () => {
  it('binary garbage renamed .csv', async () => {
    const garbage = randomBytes(4096);
    garbage[10] = 0;
    const error = await rejection(readStatement(writeTemp(dir, 'garbage.csv', garbage)));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'garbage.csv' });
    expect(error.message).toMatch(/not a text file/);
  });

  it('an old binary Excel or a PDF renamed .csv', async () => {
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(512)]);
    expect(await rejection(readStatement(writeTemp(dir, 'old.csv', xls)))).toMatchObject({ code: 'unrecognised_format', file: 'old.csv' });
    expect(await rejection(readStatement(writeTemp(dir, 'bill.csv', '%PDF-1.7\n...')))).toMatchObject({ code: 'unrecognised_format', file: 'bill.csv' });
  });

  it('text that matches no format', async () => {
    const error = await rejection(readStatement(writeTemp(dir, 'notes.csv', 'name,age\nada,36\n')));
    expect(error).toMatchObject({ code: 'unrecognised_format', file: 'notes.csv' });
  });

  it('JSON that is not JSON names the line', async () => {
    const error = await rejection(readStatement(writeTemp(dir, 'broken.json', '{"data": [\n  {"a": 1},\n  {"a": tru}\n]}')));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'broken.json', row: 3 });
  });
});

describe('XLSX zip bombs are rejected before inflating', () => {
  function workbook(): Uint8Array {
    const sheet = XLSX.utils.aoa_to_sheet([FOCUS_HEADER.split(','), usage('USD', '2026-03-01T00:00:00Z', '1').split(',')]);
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'focus');
    return new Uint8Array(XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer);
  }

  it('a real workbook passes the guard and imports', async () => {
    const file = writeTemp(dir, 'ok.xlsx', workbook());
    const { summary } = await readStatement(file);
    expect(summary.reconciliation[0]).toMatchObject({ currency: 'USD', sourceTotal: '1.00' });
  });

  it('an entry declaring a 1000× expansion', async () => {
    const bomb = zipSync({ '[Content_Types].xml': new TextEncoder().encode('<Types/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(20 << 20) }, { level: 9 });
    const error = await rejection(readStatement(writeTemp(dir, 'bomb.xlsx', bomb)));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'bomb.xlsx' });
    expect(error.message).toMatch(/would expand \d+× when unpacked \(zip bomb\?\)/);
  });

  it('a directory that lies about sizes', async () => {
    const bytes = workbook();
    const entries = readCentralDirectory(bytes, 'x');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Find the sheet's central-directory record and make it declare 10 bytes.
    let p = bytes.byteLength - 22;
    while (view.getUint32(p, true) !== 0x06054b50) p -= 1;
    let cd = view.getUint32(p + 16, true);
    for (const e of entries) {
      if (e.name === 'xl/worksheets/sheet1.xml') view.setUint32(cd + 24, 10, true);
      cd += 46 + view.getUint16(cd + 28, true) + view.getUint16(cd + 30, true) + view.getUint16(cd + 32, true);
    }
    const error = await rejection(readStatement(writeTemp(dir, 'liar.xlsx', bytes)));
    expect(error.message).toMatch(/unpacks to more than the 10 bytes it declares/);
  });

  it('a directory declaring more than the unpacked-size limit', async () => {
    const bytes = workbook();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let p = bytes.byteLength - 22;
    while (view.getUint32(p, true) !== 0x06054b50) p -= 1;
    view.setUint32(view.getUint32(p + 16, true) + 24, 0xfffffff0, true);
    const error = await rejection(readStatement(writeTemp(dir, 'huge.xlsx', bytes)));
    expect(error.message).toMatch(/unpacks to more than 512 MB \(zip bomb\?\)/);
  });
});

describe('Parquet with a lying footer is rejected within bounded memory and time', () => {
  async function parquet(): Promise<Buffer> {
    const file = path.join(dir, 'good.parquet');
    await csvToParquet(path.join(FORMAT_FIXTURES, 'focus', 'focus-1.2-ai.csv'), file);
    return readFileSync(file);
  }

  it('a footer length larger than the file', async () => {
    const bytes = Buffer.from(await parquet());
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 8);
    const error = await rejection(readStatement(writeTemp(dir, 'footer-length.parquet', bytes)));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'footer-length.parquet' });
    expect(error.message).toMatch(/footer claims 2147483647 bytes/);
  });

  it('a truncated file', async () => {
    const bytes = await parquet();
    const file = writeTemp(dir, 'truncated.parquet', bytes.subarray(0, bytes.length - 100));
    const error = await rejection(readStatement(file));
    expect(error.message).toMatch(/PAR1 markers are missing/);
  });

  it("another file's footer pointing past the end of this one", async () => {
    const bytes = await parquet();
    const footerLength = bytes.readUInt32LE(bytes.length - 8);
    const footer = bytes.subarray(bytes.length - 8 - footerLength);
    const liar = Buffer.concat([Buffer.from('PAR1'), bytes.subarray(4, 60), footer]);
    const error = await rejection(readStatement(writeTemp(dir, 'liar.parquet', liar)));
    expect(error.message).toMatch(/outside the file \(lying or truncated footer\)/);
  });

  it('a footer of garbage', async () => {
    const bytes = Buffer.from(await parquet());
    const footerLength = bytes.readUInt32LE(bytes.length - 8);
    randomBytes(footerLength).copy(bytes, bytes.length - 8 - footerLength);
    const error = await rejection(readStatement(writeTemp(dir, 'garbage-footer.parquet', bytes)));
    expect(error).toMatchObject({ code: 'invalid_file', file: 'garbage-footer.parquet' });
  });
});

