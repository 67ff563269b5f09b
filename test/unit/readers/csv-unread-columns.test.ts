/**
 * A CSV reader told which columns the mapping reads hands the other cells
 * over blank (no string made for them). That must change nothing else: the
 * same records, row and line numbers, kept cells, problems, and for FOCUS
 * the same ledger lines and reconciliation as reading every cell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateStatement } from '../../../bench/generate';
import { CsvTokenizer, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';
import { openStatement, readStatement } from '../../../electron/backend/imports/readers';
import { openCsv } from '../../../electron/backend/imports/readers/csv';
import { awsCurFormat } from '../../../shared/formats/aws-cur';
import type { FormatModule, SourceRecord } from '../../../shared/formats/types';
import { focusFormat } from '../../../shared/formats/focus';
import { mapRecords } from '../../../shared/formats/run';
import { tempDir, writeTemp } from './helpers';

function tokenize(text: string, cuts: number[], skipped: Uint8Array | null): RawRecord[] {
  const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'f.csv' });
  tokenizer.skipped = skipped;
  const out: RawRecord[] = [];
  let last = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
    tokenizer.push(text.slice(last, cut), out);
    last = cut;
  }
  tokenizer.push(text.slice(last), out);
  tokenizer.finish(out);
  return out;
}

async function allRecords(file: string, options: { batchSize?: number; read?: readonly number[] } = {}): Promise<SourceRecord[]> {
  const source = await openCsv(file, { batchSize: options.batchSize });
  try {
    await source.sample();
    if (options.read) source.readColumns?.(options.read);
    const records: SourceRecord[] = [];
    for await (const batch of source.batches()) records.push(...batch);
    return records;
  } finally {
    await source.close();
  }
}

describe('CSV cells of columns nobody reads', () => {
  // Cells with delimiters, quotes, "" escapes, LF and CRLF inside quotes, blanks; rows of uneven width; CRLF or LF line ends.
  const cellArb = fc.oneof(
    fc.constantFrom('', 'a', 'USD', '2026-03-27T00:00:00Z', '0.3199239', 'x y'),
    fc.string({ maxLength: 6 }).map((s) => s.replace(/[",\r\n]/g, '')),
    fc.constantFrom('"a,b"', '"say ""hi"""', '"two\nlines"', '"crlf\r\nin"', '""', '"q"tail'),
  );
  const csvArb = fc.record({
    rows: fc.array(fc.array(cellArb, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 12 }),
    eol: fc.constantFrom('\n', '\r\n'),
    trailing: fc.boolean(),
    cuts: fc.array(fc.nat(400), { maxLength: 6 }),
    skip: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  });

  it('blanks only unquoted cells of skipped columns (never the first) and keeps everything else, however the text is cut', () => {
    fc.assert(
      fc.property(csvArb, ({ rows, eol, trailing, cuts, skip }) => {
        const text = rows.map((r) => r.join(',')).join(eol) + (trailing ? eol : '');
        const skipped = Uint8Array.from(skip, (s) => (s ? 1 : 0));
        const full = tokenize(text, [], null);
        const fast = tokenize(text, cuts, skipped);
        expect(fast.map(({ record, line, unterminated, atEof, fields }) => ({ record, line, unterminated, atEof, width: fields.length }))).toEqual(
          full.map(({ record, line, unterminated, atEof, fields }) => ({ record, line, unterminated, atEof, width: fields.length })),
        );
        fast.forEach((r, i) => {
          const cells = (full[i] as RawRecord).fields;
          r.fields.forEach((value, c) => {
            if (value !== cells[c]) {
              // Blanked: a skipped column other than the first, whose cell in the text was not quoted.
              expect(value).toBe('');
              expect(c > 0 && skipped[c] === 1).toBe(true);
            }
          });
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the rows tokenised before the mapping was bound in full and blanks the rest, keeping ragged rows and extra cells as problems', async () => {
    const dir = tempDir();
    const pad = 'p'.repeat(40);
    // 3,000 rows of ~70 bytes: the first 64 KiB piece is tokenised while sampling, later pieces after readColumns.
    const body = Array.from({ length: 3000 }, (_, i) => (i === 2500 ? `r${i},b,c` : i === 2501 ? `r${i},b,c,d,extra` : `r${i},b${i % 3},"c,${i}",${pad}`));
    const file = writeTemp(dir, 'cut.csv', `\uFEFFA,B,C,D\r\n${body.join('\r\n')}\r\n`);
    const full = await allRecords(file, { batchSize: 100 });
    const fast = await allRecords(file, { batchSize: 100, read: [0, 2] });
    expect(fast.map((r) => [r.row, r.problem])).toEqual(full.map((r) => [r.row, r.problem]));
    expect((fast[0] as SourceRecord).record).toEqual(['r0', 'b0', 'c,0', pad]);
    expect((fast[2600] as SourceRecord).record).toEqual(['r2600', '', 'c,2600', '']);
    expect((full[2600] as SourceRecord).record).toEqual(['r2600', 'b2', 'c,2600', pad]);
    expect((fast[2500] as SourceRecord).problem?.reason).toBe('the row has 3 of 4 cells (ragged row)');
    expect((fast[2501] as SourceRecord).problem).toEqual({ field: 'column 5', reason: 'the row has 5 cells but the header has 4', value: 'extra' });
  });

  /** Reads a file through the import path (the reader told what the mapper reads) and again from records holding every cell. */
  async function bothWays(file: string, format: FormatModule) {
    const fast = await readStatement(file, { batchSize: 500 });
    const source = await openStatement(file, { batchSize: 500 });
    const sample = await source.sample();
    await source.close();
    const mapper = format.createMapper(sample, { fileName: path.basename(file), version: fast.chosen.detection.version }, fast.chosen.detection);
    const every = mapRecords(mapper, path.basename(file), await allRecords(file, { batchSize: 500 }));
    return { fast, every, mapper, header: sample.kind === 'tabular' ? sample.header : [] };
  }

  it('imports a FOCUS file to the same lines and totals as reading every cell', async () => {
    const file = path.join(tempDir(), 'focus.csv');
    await generateStatement({ format: 'focus', rows: 3000, seed: 5, out: file });
    const { fast, every, mapper, header } = await bothWays(file, focusFormat);
    expect(fast.chosen.format.id).toBe('focus');
    // BillingAccountName, ChargeClass, ServiceName … are not read.
    expect(mapper.columnsRead).not.toContain(header.indexOf('BillingAccountName'));
    expect(fast.summary.rowsRejected).toBe(0);
    expect(fast.lines).toEqual(every.lines);
    expect(fast.summary.reconciliation).toEqual(every.summary.reconciliation);
  });

  it('imports a CUR 2.0 file with columns the mapping does not read and tag columns to the same lines as reading every cell', async () => {
    const dir = tempDir();
    const generated = path.join(dir, 'cur-generated.csv');
    await generateStatement({ format: 'aws-cur', rows: 3000, seed: 5, out: generated });
    // Two columns nobody reads and a resource tag column (copied into the line's tags), as real CUR exports carry.
    const [head, ...rows] = readFileSync(generated, 'utf8').trimEnd().split('\n');
    const file = writeTemp(dir, 'cur.csv', [`${head},identity_line_item_id,bill_invoice_id,resourceTags/user:team`, ...rows.map((r, i) => `${r},id-${i},inv-${i % 7},team-${i % 3}`)].join('\n') + '\n');
    const { fast, every, mapper, header } = await bothWays(file, awsCurFormat);
    expect(fast.chosen.format.id).toBe('aws-cur');
    expect(mapper.columnsRead).not.toContain(header.indexOf('bill_invoice_id'));
    expect(fast.summary.rowsRejected).toBe(0);
    expect(fast.lines[2999]?.tags['user:team']).toBe('team-2');
    expect(fast.lines).toEqual(every.lines);
    expect(fast.summary.reconciliation).toEqual(every.summary.reconciliation);
  });
});
