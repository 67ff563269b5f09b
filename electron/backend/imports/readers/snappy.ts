/**
 * Snappy block decompression (Parquet's SNAPPY codec) with every length and
 * offset checked against what is left of the input and the output. hyparquet's
 * decoder trusts the stream: a literal's four-byte length past 2^31 turns
 * negative and walks its position backwards forever, so one corrupt page of a
 * Parquet file hung the reading thread (found by the bad-input fuzzing). Here
 * a corrupt stream is an error naming what is wrong, in time linear in the page.
 */
export function snappyDecompress(input: Uint8Array, output: Uint8Array): void {
  const end = input.length;
  const size = output.length;
  let pos = 0;
  // The preamble: the uncompressed length as a little-endian base-128 varint (at most 5 bytes for 32 bits).
  let declared = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= end || shift > 28) throw new Error('the snappy stream has no valid length');
    const b = input[pos++]!;
    declared += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) break;
  }
  if (declared !== size) throw new Error(`the snappy stream holds ${declared} bytes where the page says ${size}`);
  let out = 0;
  while (pos < end) {
    const tag = input[pos++]!;
    const type = tag & 3;
    if (type === 0) {
      // A literal: its length minus one in the tag, or in the 1–4 bytes after it.
      let length = tag >>> 2;
      if (length >= 60) {
        const bytes = length - 59;
        if (pos + bytes > end) throw new Error('a snappy literal’s length runs past the stream');
        length = 0;
        for (let i = 0; i < bytes; i++) length += input[pos + i]! * 2 ** (8 * i);
        pos += bytes;
      }
      length += 1;
      if (pos + length > end || out + length > size) throw new Error('a snappy literal runs past the stream or the page');
      output.set(input.subarray(pos, pos + length), out);
      pos += length;
      out += length;
      continue;
    }
    // A copy of `length` bytes from `offset` bytes back in what is written.
    let length: number;
    let offset: number;
    if (type === 1) {
      if (pos + 1 > end) throw new Error('a snappy copy runs past the stream');
      length = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | input[pos]!;
      pos += 1;
    } else if (type === 2) {
      if (pos + 2 > end) throw new Error('a snappy copy runs past the stream');
      length = (tag >>> 2) + 1;
      offset = input[pos]! | (input[pos + 1]! << 8);
      pos += 2;
    } else {
      if (pos + 4 > end) throw new Error('a snappy copy runs past the stream');
      length = (tag >>> 2) + 1;
      offset = (input[pos]! | (input[pos + 1]! << 8) | (input[pos + 2]! << 16)) + input[pos + 3]! * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > out || out + length > size) throw new Error('a snappy copy reaches outside the page');
    if (offset >= length) output.copyWithin(out, out - offset, out - offset + length);
    else for (let i = 0; i < length; i++) output[out + i] = output[out - offset + i]!; // overlapping: repeats the last `offset` bytes
    out += length;
  }
  if (out !== size) throw new Error(`the snappy stream ends after ${out} of the page’s ${size} bytes`);
}
