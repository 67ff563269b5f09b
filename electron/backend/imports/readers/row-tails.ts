/**
 * The end of a statement row repeats: after the amounts and quantities come
 * the unit, invoice, provider, region, resource, service, SKU and account,
 * and a million FOCUS rows hold a few hundred such ends (362 in the narrow
 * 1M-line benchmark file). The tokeniser splits each cell with a search and
 * an interner lookup (hash, slice, compare); a row end it has split before
 * is instead recognised whole, text to the line feed, and its cells are
 * handed out again.
 *
 * Where the end starts: after the last column whose values hardly repeat
 * (the interner's trial switched it off), decided once a few thousand rows
 * have been read. A direct-mapped table of row ends, found by a hash of
 * sampled characters and confirmed by comparing the text exactly, so a hit
 * is the very text whose cells are kept. A file whose row ends do not repeat
 * switches the table off after a trial.
 *
 * Tokenising a row end depends only on its text and the column it starts
 * at (the cells nobody reads are blanks by column): the tokeniser looks a
 * row end up at one column only and forgets them all when the unread
 * columns change. Only row ends that the tokeniser read to their first line
 * feed are kept (no line break inside a quoted cell), so line numbers do not
 * change.
 */
import { detach, type CellInterner } from './cell-interner';
import { sampledHash } from './sampled-hash';

const SLOTS = 8192;
const MASK = SLOTS - 1;
/**
 * Lookups counted at a time: below MIN_HIT_RATE hits in one of them (in the first, its second half: the table is
 * empty at first), the table is dropped for the rest of the file. A miss costs several hits' savings (the cells
 * and text kept, an old-generation object replaced): measured on the wide 1M FOCUS CSV, 55% hits made the reading
 * thread 1 s slower, and 92% on the narrow one 0.15 s faster.
 */
export const WINDOW = 4096;
export const MIN_HIT_RATE = 0.8;
/** Longer row ends are not kept (memory: the table holds at most SLOTS of them). */
const MAX_TAIL_LENGTH = 2048;
/** Records read before the column is chosen: the interner's trial (2,048 lookups a column) is over by then. */
export const DEFAULT_TAILS_FROM_RECORD = 2200;

export interface RowTail {
  /** The raw text from the first cell of the end to the line feed (a flat copy). */
  readonly text: string;
  readonly cells: readonly string[];
}

export class RowTails {
  /** The column row ends start at; -1 while undecided or when the table is off. */
  from = -1;
  private decided = false;
  private table: (RowTail | undefined)[] = [];
  private lookups = 0;
  private hits = 0;
  private warm = false;
  /** Misses that found their slot taken: only every fourth takes the slot over, so two ends sharing a slot do not keep replacing each other. */
  private collisions = 0;

  constructor(
    private readonly interner: CellInterner,
    readonly decideAtRecord = DEFAULT_TAILS_FROM_RECORD,
  ) {}

  /** Chooses the column after the last one whose values hardly repeat (-1: none, the table starts at column 1). */
  decide(lastVaryingColumn: number, width: number): void {
    this.decided = true;
    const from = Math.max(1, lastVaryingColumn + 1);
    if (from >= width) return;
    this.from = from;
    this.table = new Array<RowTail | undefined>(SLOTS);
  }

  get undecided(): boolean {
    return !this.decided;
  }

  /** Forgets every row end (the cells they hold were read for other unread columns). */
  clear(): void {
    if (this.from >= 0) this.table = new Array<RowTail | undefined>(SLOTS);
  }

  /** The row end whose text is s[start, end), or undefined. */
  find(s: string, start: number, end: number): RowTail | undefined {
    const len = end - start;
    if (len > MAX_TAIL_LENGTH) return undefined;
    const tail = this.table[sampledHash(s, start, end, MASK)];
    const hit = tail !== undefined && tail.text.length === len && tail.text === s.slice(start, end);
    this.lookups += 1;
    if (hit && (this.warm || this.lookups > WINDOW / 2)) this.hits += 1;
    if (this.lookups === WINDOW) {
      if (this.hits < (this.warm ? WINDOW : WINDOW / 2) * MIN_HIT_RATE) {
        this.from = -1;
        this.table = [];
      }
      this.warm = true;
      this.lookups = 0;
      this.hits = 0;
    }
    return hit ? tail : undefined;
  }

  /** Keeps the cells the tokeniser read from s[start, end), to the line feed. */
  keep(s: string, start: number, end: number, cells: string[]): void {
    if (this.from < 0 || end - start > MAX_TAIL_LENGTH) return;
    const at = sampledHash(s, start, end, MASK);
    if (this.table[at] !== undefined && (++this.collisions & 3) !== 0) return;
    // The interner's own strings where it has them (one object per value across row ends), else flat copies.
    for (let i = 0; i < cells.length; i += 1) cells[i] = this.interner.kept(this.from + i, cells[i] as string);
    this.table[at] = { text: detach(s.slice(start, end)), cells };
  }
}
