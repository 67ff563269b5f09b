/**
 * The CSV reader decodes a file in 64 KiB pieces cut wherever the bytes
 * fall, so characters of two, three and four bytes (and UTF-16 pairs) are
 * split between pieces all the time: however the bytes are cut, the text
 * must come out as the one-piece decode gives it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/backend/imports/readers/decode';

const RUNS = 2000;

/**
 * The bytes cut at the given points, the first piece at least 4 bytes long: the encoding is read from the
 * first piece's BOM, and the reader's first piece is the file's first 64 KiB (or the whole of a smaller file).
 */
function cut(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let last = 0;
  for (const p of points) {
    if (p > last && p >= 4) {
      parts.push(bytes.subarray(last, p));
      last = p;
    }
  }
  parts.push(bytes.subarray(last));
  return parts;
}

async function decode(parts: Uint8Array[]): Promise<string> {
  let text = '';
  for await (const t of decodeText((async function* () { yield* parts; })(), 'pieces.csv', { encoding: null })) text += t;
  return text;
}

describe('decoding in pieces', () => {
  // Text a statement may hold: ASCII cells and separators, accented letters (2 bytes), € (3 bytes), an emoji (4 bytes, a UTF-16 pair).
  const text = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r\n', 'é', '€', '😀', 'ß'), minLength: 1, maxLength: 80 });
  const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 8 });

  it(`UTF-8, with and without a BOM: any cuts give the text itself (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, fc.boolean(), async (value, at, bom) => {
        const bytes = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(value, 'utf8')]);
        expect(await decode(cut(bytes, at))).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it(`UTF-16 LE with its BOM: any cuts, odd ones through a code unit included, give the text itself (${RUNS} inputs)`, async () => {
    await fc.assert(
      fc.asyncProperty(text, cuts, async (value, at) => {
        const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]);
        expect(await decode(cut(bytes, at))).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });
});
