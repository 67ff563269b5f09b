/**
 * Seeded randomness that gives the same numbers on every machine and in the
 * browser: sfc32 (Chris Doty-Humphrey's Small Fast Counter, 128-bit state,
 * passes PractRand) driven with 32-bit integer arithmetic only, and a log and
 * exp written with + − × ÷ alone. JavaScript's Math.log/Math.exp are
 * "implementation-approximated" by the language spec, so two engines may
 * differ in the last bit; IEEE 754 basic operations and Math.sqrt may not.
 *
 * Every (seed, draw, input) gets its own stream, so a draw's numbers do not
 * depend on which other inputs or scenarios are in the run, nor on how the
 * draws are split between workers.
 */

/** Murmur3's 32-bit finaliser: spreads every input bit over the output. */
export function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of a string: a stable 32-bit key for an input's name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** sfc32 with a 53-bit uniform on top. */
export class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // The author recommends discarding the first outputs so close seeds diverge.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** A stream for one (seed, draw, input) triple. */
  static stream(seed: number, draw: number, key: number): Sfc32 {
    const s = seed >>> 0;
    return new Sfc32(mix32(s ^ 0x9e3779b9), mix32(draw + 0x7f4a7c15), mix32(key ^ 0x632be5ab), 1);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on the open interval (0, 1) with 53 random bits (never 0 or 1, so inverse CDFs stay finite). */
  nextUniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo + 0.5) / TWO_POW_53;
  }
}

/** A seed from user text or number: numbers up to 2^32 are used as they are, anything else is hashed. */
export function seedFrom(value: number | string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < TWO_POW_32) return value;
  return hashString(String(value));
}

// ---------------------------------------------------------------------------
// Deterministic log and exp (fdlibm's argument reduction, series evaluated
// with basic operations only). Accurate to a few units in the last place,
// which is far finer than any input distribution needs.

const LN2_HI = 6.93147180369123816490e-1; // ln 2 with its low bits zeroed, so k × LN2_HI is exact
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;
const SQRT2 = 1.4142135623730951;

const scratch = new DataView(new ArrayBuffer(8));

function setExponentToZero(x: number): { mantissa: number; exponent: number } {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const exponent = ((hi >>> 20) & 0x7ff) - 1023;
  scratch.setUint32(0, (hi & 0x800fffff) | 0x3ff00000);
  return { mantissa: scratch.getFloat64(0), exponent };
}

function powerOfTwo(k: number): number {
  // k in [-1022, 1023]: build the double 2^k from its bits.
  scratch.setUint32(0, ((k + 1023) << 20) >>> 0);
  scratch.setUint32(4, 0);
  return scratch.getFloat64(0);
}

/** Natural logarithm using only IEEE basic operations. */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return Number.NaN;
  if (x === 0) return Number.NEGATIVE_INFINITY;
  if (x === Number.POSITIVE_INFINITY) return x;
  let k = 0;
  let v = x;
  if (v < 2.2250738585072014e-308) {
    v *= 18014398509481984; // 2^54 lifts subnormals into the normal range
    k -= 54;
  }
  const parts = setExponentToZero(v);
  let m = parts.mantissa;
  k += parts.exponent;
  if (m > SQRT2) {
    m /= 2;
    k += 1;
  }
  // log(m) = 2·atanh(s) with s = (m−1)/(m+1), |s| ≤ 0.1716: an odd series in s.
  const s = (m - 1) / (m + 1);
  const z = s * s;
  const series =
    z *
    (1 / 3 +
      z *
        (1 / 5 +
          z * (1 / 7 + z * (1 / 9 + z * (1 / 11 + z * (1 / 13 + z * (1 / 15 + z * (1 / 17 + z * (1 / 19 + z * (1 / 21 + z / 23))))))))));
  const logM = 2 * s + 2 * s * series;
  return k * LN2_HI + (logM + k * LN2_LO);
}

/** e^x using only IEEE basic operations. */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return x;
  if (x > 709.782712893384) return Number.POSITIVE_INFINITY;
  if (x < -745.1332191019411) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ln2/2
  // Taylor series to r^17/17!: below 1e-19 for |r| ≤ 0.35.
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 17; n++) {
    term = (term * r) / n;
    sum += term;
  }
  if (k > 1023) return sum * powerOfTwo(1023) * powerOfTwo(k - 1023);
  if (k < -1022) return sum * powerOfTwo(-1022) * powerOfTwo(k + 1022);
  return sum * powerOfTwo(k);
}

/** x^n for a whole n by repeated squaring (Math.pow is implementation-approximated). */
export function detPowInt(x: number, n: number): number {
  if (n < 0) return 1 / detPowInt(x, -n);
  let result = 1;
  let base = x;
  let e = n;
  while (e > 0) {
    if (e & 1) result *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return result;
}

/** x^y for x > 0 and any y, deterministic. */
export function detPow(x: number, y: number): number {
  if (Number.isInteger(y) && Math.abs(y) < 1024) return detPowInt(x, y);
  if (x === 0) return y > 0 ? 0 : Number.POSITIVE_INFINITY;
  return detExp(y * detLog(x));
}
