/**
 * Statement columns repeat: dates, currencies, categories, SKUs, resource
 * ids, the JSON of SkuPriceDetails and Tags. The interner hands back the
 * same string object for a value it saw recently in the same column, so
 *
 * - the tokenizer does not allocate a new string per cell (nor unescape the
 *   same quoted JSON again and again),
 * - every cache downstream (dates, model details, tags, provider names) is a
 *   lookup by an object whose hash V8 has already computed, and
 * - no cached value holds a slice of the 1 MiB chunk it was read from (each
 *   kept value is a flat copy), so caches never pin old chunks in memory.
 *
 * One direct-mapped table per column, indexed by a cheap hash of a few
 * sampled characters; a hit is confirmed by comparing the text exactly.
 * Columns whose values hardly
 * repeat (amounts, quantities) switch interning off after a trial.
 */

const SLOTS = 1024;
const MASK = SLOTS - 1;
/** Lookups per column before deciding whether interning pays. */
const TRIAL = 2048;
/** Below this share of hits in the trial, a column is left alone. */
const MIN_HIT_RATE = 0.3;
/** Longer cells are not worth keeping (a free-text description, a blob). */
const MAX_INTERNED_LENGTH = 1024;

/**
 * A flat copy that shares no memory with the string it came from (V8 slices keep their parent
 * alive). Flat, not a slice of a copy: every later look at a kept value (the interner's own
 * comparisons, dates compared and cached, words trimmed and looked up, the encoder's dictionary)
 * reads its characters directly instead of through the slice. A round trip through UTF-8 makes
 * one; cell text never holds lone surrogates (the decoders replace or refuse them), and a value
 * that did not come back the same would keep the slice-of-a-copy.
 */
export function detach(value: string): string {
  if (value.length < 13) return value;
  const flat = Buffer.from(value, 'utf8').toString('utf8');
  return flat === value ? flat : `#${value}`.substring(1);
}

function hashRange(s: string, start: number, end: number): number {
  const len = end - start;
  let h = len;
  // Pairs of neighbouring characters, so that two-digit numbers inside a cell (the day of
  // "2026-03-27T00:00:00Z") are hashed whole: one digit of it left dates sharing slots, the
  // date columns missing too often to be interned, and every timestamp a new string to hash again.
  const step = len > 16 ? len >> 3 : 2;
  const last = end - 1;
  for (let i = start; i < last; i += step) h = (Math.imul(h, 961) + s.charCodeAt(i) * 31 + s.charCodeAt(i + 1)) | 0;
  h = (Math.imul(h, 31) + s.charCodeAt(end - 1)) | 0;
  return (h ^ (h >>> 15)) & MASK;
}

interface Column {
  plain: (string | undefined)[];
  /** Quoted cells with "" escapes: the raw text between the quotes, and its unescaped value. */
  raw: (string | undefined)[];
  escaped: (string | undefined)[];
  lookups: number;
  hits: number;
  on: boolean;
}

function newColumn(): Column {
  return { plain: new Array(SLOTS), raw: new Array(SLOTS), escaped: new Array(SLOTS), lookups: 0, hits: 0, on: true };
}

export class CellInterner {
  private readonly columns: Column[] = [];

  private column(index: number): Column {
    let c = this.columns[index];
    if (c === undefined) {
      c = newColumn();
      this.columns[index] = c;
    }
    return c;
  }

  private count(c: Column, hit: boolean): void {
    if (c.lookups >= TRIAL) return;
    c.lookups += 1;
    if (hit) c.hits += 1;
    if (c.lookups === TRIAL && c.hits < TRIAL * MIN_HIT_RATE) c.on = false;
  }

  /** Whether a column's cells are still being interned (a column of distinct values is left alone after its trial). */
  interning(index: number): boolean {
    return this.columns[index]?.on ?? true;
  }

  /** The first column whose interning was switched off after its trial (its values hardly repeat), or -1. */
  firstVaryingColumn(): number {
    for (let i = 0; i < this.columns.length; i += 1) if (this.columns[i]?.on === false) return i;
    return -1;
  }

  /** The last column whose interning was switched off after its trial (its values hardly repeat), or -1. */
  lastVaryingColumn(): number {
    for (let i = this.columns.length - 1; i >= 0; i -= 1) if (this.columns[i]?.on === false) return i;
    return -1;
  }

  /**
   * A cell of the given column to keep: the very string the interner hands out for its text when
   * it has one (equal cells stay one object, compared and looked up by identity downstream), else
   * a flat copy that keeps no piece of the file alive.
   */
  kept(index: number, value: string): string {
    const len = value.length;
    if (len === 0) return '';
    const c = this.columns[index];
    if (c !== undefined && c.on && len <= MAX_INTERNED_LENGTH) {
      const cached = c.plain[hashRange(value, 0, len)];
      if (cached !== undefined && cached === value) return cached;
    }
    return detach(value);
  }

  /** The text of s[start, end) as a cell of the given column. */
  text(index: number, s: string, start: number, end: number): string {
    const len = end - start;
    if (len === 0) return '';
    const c = this.column(index);
    if (!c.on || len > MAX_INTERNED_LENGTH) return s.slice(start, end);
    const slot = hashRange(s, start, end);
    const cached = c.plain[slot];
    // A slice and === compare as memory (startsWith walks characters: ten times slower on long cells).
    const text = s.slice(start, end);
    if (cached !== undefined && cached === text) {
      this.count(c, true);
      return cached;
    }
    this.count(c, false);
    const value = detach(text);
    c.plain[slot] = value;
    return value;
  }

  /**
   * The unescaped value of a quoted cell whose raw text s[start, end) is one this column already
   * unescaped, or undefined. Only raw texts read in full between their quotes are kept, so a hit
   * is a cell whose quotes all come in pairs.
   */
  repeatedEscaped(index: number, s: string, start: number, end: number): string | undefined {
    const c = this.columns[index];
    const len = end - start;
    if (c === undefined || !c.on || len === 0 || len > MAX_INTERNED_LENGTH) return undefined;
    const slot = hashRange(s, start, end);
    const raw = c.raw[slot];
    if (raw === undefined || raw.length !== len || raw !== s.slice(start, end)) return undefined;
    this.count(c, true);
    return c.escaped[slot];
  }

  /** A quoted cell whose raw text s[start, end) holds "" escapes: its unescaped value. */
  unescaped(index: number, s: string, start: number, end: number): string {
    const len = end - start;
    const c = this.column(index);
    if (!c.on || len > MAX_INTERNED_LENGTH) return s.slice(start, end).replaceAll('""', '"');
    const slot = hashRange(s, start, end);
    const raw = c.raw[slot];
    const text = s.slice(start, end);
    if (raw !== undefined && raw === text) {
      this.count(c, true);
      return c.escaped[slot] as string;
    }
    this.count(c, false);
    const rawText = detach(text);
    const value = detach(rawText.replaceAll('""', '"'));
    c.raw[slot] = rawText;
    c.escaped[slot] = value;
    return value;
  }
}
