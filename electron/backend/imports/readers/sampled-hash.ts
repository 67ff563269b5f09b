/**
 * A hash of s[start, end) from sampled characters (a pair every `len / 16`
 * characters, every other one when short) and its last four (or
 * `wholeLast`) whole: cheap
 * on long row texts, and the last characters are often what differs (tags,
 * accounts, a model's name). For the direct-mapped tables of repeated row
 * starts and ends (row-heads.ts, row-tails.ts), which confirm a hit by an
 * exact compare: a collision costs a miss, never a wrong answer.
 */
export function sampledHash(s: string, start: number, end: number, mask: number, wholeLast = 4): number {
  const len = end - start;
  let h = len;
  const step = len > 32 ? len >> 4 : 2;
  const last = end - 1;
  for (let i = start; i < last; i += step) h = (Math.imul(h, 961) + s.charCodeAt(i) * 31 + s.charCodeAt(i + 1)) | 0;
  for (let i = Math.max(start, end - wholeLast); i < end; i += 1) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h ^ (h >>> 15)) & mask;
}
