/**
 * Quoted cells with "" escapes that repeat in a column (the JSON of FOCUS
 * SkuPriceDetails and Tags on every row) are recognised by the tokenizer
 * without stepping over every escape: it guesses where the cell closes and
 * takes the guess only when the text up to it is a cell it already read in
 * full. Cells built to fool the guess (a quote before a delimiter inside the
 * cell, quote runs at either end, line breaks inside, ragged rows) must still
 * come out as csv-parse reads them, whole or fed in small pieces.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';

const RUNS = 1000;

/** Cell values that repeat in a column, each written quoted with its quotes doubled. */
const QUOTED = [
  '{"ModelId":"gpt-4.1","TokenDirection":"Input"}',
  '{"team":"search","project":"a,b"}',
  'a",b',
  '",',
  '"',
  '""',
  'x"',
  '"x',
  'say "hi", then "bye"',
  'two\nlines "quoted"',
  'crlf\r\n"inside"',
  ',"",',
];
const PLAIN = ['1', 'abc', '2026-03-01T00:00:00Z', 'a b', ''];

function quote(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

function tokenize(pieces: string[]): string[][] {
  const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'repeats.csv' });
  const out: RawRecord[] = [];
  for (const piece of pieces) tokenizer.push(piece, out);
  tokenizer.finish(out);
  return out.map((r) => r.fields);
}

describe('repeated quoted cells', () => {
  const cell = fc.oneof(
    fc.constantFrom(...QUOTED).map(quote),
    fc.constantFrom(...PLAIN),
  );
  // Mostly three cells a row, sometimes two or four (ragged rows move the last cell).
  const row = fc
    .tuple(fc.nat({ max: 999 }), fc.array(cell, { minLength: 1, maxLength: 3 }))
    .map(([id, cells]) => [`r${id}`, ...cells].join(','));
  const file = fc.record({
    rows: fc.array(row, { minLength: 1, maxLength: 40 }),
    crlf: fc.boolean(),
    lastBreak: fc.boolean(),
    cuts: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
  });

  it(`read as csv-parse reads them, whole and in pieces (${RUNS} files)`, () => {
    fc.assert(
      fc.property(file, ({ rows, crlf, lastBreak, cuts }) => {
        const text = rows.join(crlf ? '\r\n' : '\n') + (lastBreak ? (crlf ? '\r\n' : '\n') : '');
        const expected = parse(text, { relax_column_count: true }) as string[][];
        expect(tokenize([text])).toEqual(expected);
        const pieces: string[] = [];
        for (let at = 0, i = 0; at < text.length; i += 1) {
          const size = cuts[i % cuts.length] as number;
          pieces.push(text.slice(at, at + size));
          at += size;
        }
        expect(tokenize(pieces)).toEqual(expected);
      }),
      { numRuns: RUNS },
    );
  });

  it('a cell that repeats with a quote before a delimiter inside it keeps its text', () => {
    // Row 2 repeats row 1's cells; `"a"",b"` holds `",` after an escaped quote (a run of two: not a close).
    const text = 'id,note,tags\nr1,"a"",b","{""k"":""v""}"\nr2,"a"",b","{""k"":""v""}"\n';
    expect(tokenize([text])).toEqual([
      ['id', 'note', 'tags'],
      ['r1', 'a",b', '{"k":"v"}'],
      ['r2', 'a",b', '{"k":"v"}'],
    ]);
  });
});
