import { snappyUncompress } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { snappyDecompress } from '../../../electron/backend/imports/readers/snappy';

const bytes = (...b: (number | string)[]) => new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x, 'latin1')] : [x])));
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/**
 * "abcabcabcabc" (12 bytes): preamble 0x0c (12); a literal of 3 bytes, tag
 * (3 − 1) << 2 = 0x08, "abc"; a 1-byte-offset copy of 9 bytes from 3 back,
 * tag ((9 − 4) << 2) | 1 = 0x15 with offset byte 0x03 — overlapping, so the
 * 3 bytes repeat three times.
 */
const REPEATED = bytes(0x0c, 0x08, 'abc', 0x15, 0x03);

describe('snappy pages, every length and offset checked', () => {
  it('decodes literals and overlapping and plain copies as hyparquet does', () => {
    const out = new Uint8Array(12);
    snappyDecompress(REPEATED, out);
    expect(text(out)).toBe('abcabcabcabc');
    const theirs = new Uint8Array(12);
    snappyUncompress(REPEATED, theirs);
    expect(out).toEqual(theirs);

    // 70 bytes: a 61-byte literal needs the 1-byte length form (tag 60 << 2 = 0xf0, length − 1 = 60),
    // then a 2-byte-offset copy of 9 bytes from 61 back (tag (9 − 1) << 2 | 2 = 0x22, offset 61, 0).
    const literal = 'x'.repeat(30) + 'y'.repeat(31);
    const long = bytes(70, 0xf0, 60, literal, 0x22, 61, 0);
    const decoded = new Uint8Array(70);
    snappyDecompress(long, decoded);
    expect(text(decoded)).toBe(literal + 'x'.repeat(9));
  });

  it('refuses a literal whose four-byte length is past 2^31, where hyparquet loops forever', () => {
    // Preamble 10, tag 63 << 2 = 0xfc (length in the next 4 bytes), length 0x80000000.
    expect(() => snappyDecompress(bytes(0x0a, 0xfc, 0x00, 0x00, 0x00, 0x80, 'abc'), new Uint8Array(10))).toThrow('a snappy literal runs past the stream or the page');
  });

  it('names a copy from before the start, a stream shorter than its page and a length that disagrees with the page', () => {
    expect(() => snappyDecompress(bytes(0x0c, 0x08, 'abc', 0x15, 0x04), new Uint8Array(12))).toThrow('a snappy copy reaches outside the page');
    expect(() => snappyDecompress(bytes(0x0c, 0x08, 'abc'), new Uint8Array(12))).toThrow('the snappy stream ends after 3 of the page’s 12 bytes');
    expect(() => snappyDecompress(REPEATED, new Uint8Array(13))).toThrow('the snappy stream holds 12 bytes where the page says 13');
    expect(() => snappyDecompress(bytes(0x0c, 0x08, 'abc', 0x15), new Uint8Array(12))).toThrow('a snappy copy runs past the stream');
  });

  it('ends every corrupted stream promptly, with the page or an error', () => {
    // Seeded byte flips of a valid stream: each either decodes to the page's size or throws; none runs away.
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const valid = bytes(70, 0xf0, 60, 'x'.repeat(30) + 'y'.repeat(31), 0x22, 61, 0);
    for (let i = 0; i < 5000; i++) {
      const mutated = valid.slice();
      for (let k = 0; k < 3; k++) mutated[Math.floor(random() * mutated.length)] = Math.floor(random() * 256);
      const out = new Uint8Array(70);
      try {
        snappyDecompress(mutated, out);
      } catch (e) {
        expect((e as Error).message).toMatch(/snappy/);
      }
    }
  });
});
