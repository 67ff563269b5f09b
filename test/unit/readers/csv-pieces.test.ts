/**
 * The CSV reader cuts each read chunk into pieces that end just after a line
 * feed (pieceEnd), so the tokeniser is usually handed whole rows. A line feed
 * can sit inside a quoted cell, a piece can hold no line feed at all, and a
 * cut without one can fall inside a cell, a CR LF or a multi-byte character:
 * whatever the cuts, the records must be the ones a whole-text parse gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pieceEnd } from '../../../electron/backend/imports/readers/csv';
import { CsvTokenizer, type RawRecord } from '../../../electron/backend/imports/readers/csv-tokenizer';
import { decodeText } from '../../../electron/backend/imports/readers/decode';

const RUNS = 2000;

/** The bytes as the reader cuts them: the first piece as it stands, then pieces ending after their last line feed. */
function pieces(bytes: Uint8Array, firstSize: number, size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let at = 0;
  let first = true;
  while (at < bytes.length) {
    const end = first ? Math.min(bytes.length, at + firstSize) : pieceEnd(bytes, at, size);
    first = false;
    out.push(bytes.subarray(at, end));
    at = end;
  }
  return out;
}

async function records(parts: Uint8Array[]): Promise<RawRecord[]> {
  const tokenizer = new CsvTokenizer({ delimiter: ',', fileName: 'pieces.csv' });
  const out: RawRecord[] = [];
  for await (const text of decodeText((async function* () { yield* parts; })(), 'pieces.csv', { encoding: null })) tokenizer.push(text, out);
  tokenizer.finish(out);
  return out;
}

describe('pieceEnd', () => {
  it('ends a piece just after its last line feed, or at the piece size when it holds none', () => {
    const bytes = Buffer.from('ab\ncd\nef');
    // Window [0, 4) = "ab\nc": its last line feed is byte 2, so the piece is "ab\n".
    expect(pieceEnd(bytes, 0, 4)).toBe(3);
    // Window [3, 7) = "cd\ne": line feed at 3 + 2, the piece is "cd\n".
    expect(pieceEnd(bytes, 3, 4)).toBe(6);
    // Window [6, 10) runs past the end: the rest of the bytes.
    expect(pieceEnd(bytes, 6, 4)).toBe(8);
    // No line feed in "abcd": cut at the size.
    expect(pieceEnd(Buffer.from('abcdef'), 0, 4)).toBe(4);
    // A line feed only at the window's first byte would leave a one-byte piece: cut at the size instead.
    expect(pieceEnd(Buffer.from('\nabcdef'), 0, 4)).toBe(4);
  });
});

describe('CSV read in pieces cut at line feeds', () => {
  const plain = fc.string({ unit: fc.constantFrom('a', '1', ' ', '.', 'é', '€', '😀'), maxLength: 6 });
  const quoted = fc
    .array(fc.constantFrom('a', ',', '\n', '\r\n', '""', 'ß', '€', ' '), { maxLength: 6 })
    .map((parts) => `"${parts.join('')}"`);
  const cell = fc.oneof(plain, quoted, fc.constant(''));
  const row = fc.array(cell, { minLength: 1, maxLength: 5 }).map((cells) => cells.join(','));
  const file = fc.record({
    rows: fc.array(row, { minLength: 1, maxLength: 30 }),
    crlf: fc.boolean(),
    bom: fc.boolean(),
    lastBreak: fc.boolean(),
    firstSize: fc.integer({ min: 4, max: 64 }),
    size: fc.integer({ min: 1, max: 48 }),
  });

  it(`gives the records, rows and lines of a whole-text parse, whatever the piece sizes (${RUNS} files)`, async () => {
    await fc.assert(
      fc.asyncProperty(file, async ({ rows, crlf, bom, lastBreak, firstSize, size }) => {
        const text = rows.join(crlf ? '\r\n' : '\n') + (lastBreak ? (crlf ? '\r\n' : '\n') : '');
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
        const whole = await records([bytes]);
        const cut = await records(pieces(bytes, firstSize, size));
        expect(cut).toEqual(whole);
      }),
      { numRuns: RUNS },
    );
  });
});
