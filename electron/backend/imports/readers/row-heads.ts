/**
 * The start of a statement row repeats too: account, currency, billing
 * period, category, description come before the dates and amounts (308
 * distinct starts in the narrow 1M-line FOCUS CSV). Like a row end
 * (row-tails.ts), a row start the tokeniser has split before is recognised
 * whole and its cells are handed out again.
 *
 * A row start is the text of its first `cells` cells with the delimiter
 * after them, so its end is not known before it is found: the table is
 * indexed by a hash of the row's first `keyLength` characters, the length of
 * the shortest row start seen, and a hit is confirmed by comparing the whole
 * row start exactly. How many cells: the most, up to the first column whose
 * values hardly repeat, whose starts still repeat (dates right after the
 * description multiply the starts: each count is tried in turn, fewer cells
 * after a failed trial); none at all when even two cells do not repeat.
 *
 * Tokenising a row start depends only on its text (the cells nobody read are
 * blanks by column, and the tokeniser forgets every start when they change);
 * only starts without a line break are kept.
 */
import { detach, type CellInterner } from './cell-interner';
import { sampledHash } from './sampled-hash';
// Lookups counted at a time, and the share of hits each must have, as for row ends.
import { MIN_HIT_RATE, WINDOW } from './row-tails';

const SLOTS = 2048;
/** Row starts kept per slot: starts that share their first keyLength characters ("…,gemini-2.5-fl") share a slot. */
const WAYS = 4;
const MASK = SLOTS - 1;
/** Row starts read, for each count of cells tried, to learn the shortest before looking any up. */
const LEARN = 256;
const MAX_HEAD_LENGTH = 2048;
/** A key shorter than this would not tell row starts apart. */
const MIN_KEY_LENGTH = 8;
/**
 * Characters at the end of the key hashed whole, not sampled: what tells row starts apart is mostly at their end, in
 * the dates before the first column whose values hardly repeat. With four, row starts of the 1M-line minimal FOCUS
 * CSV that differ only in the charge period's day shared their slots (the days fell between the samples), so the
 * 7-cell starts failed their trial (46% hits) and the tokeniser split the end date of every row itself.
 */
const KEY_WHOLE_LAST = 24;

export interface RowHead {
  /** The row's first cells as written, with the delimiter after them (a flat copy). */
  readonly text: string;
  readonly cells: readonly string[];
}

export class RowHeads {
  /** Cells in a row start: where to keep one (at the delimiter after that many cells); -1 when off. */
  cells = -1;
  /** Whether row starts are looked up (after learning the key length for the current count of cells). */
  looking = false;
  private keyLength = 0;
  private shortest = Number.POSITIVE_INFINITY;
  private seen = 0;
  private table: (RowHead[] | undefined)[] = [];
  private lookups = 0;
  private hits = 0;
  private trialDone = false;
  /** Misses that found their slot full: only every fourth replaces its oldest start. */
  private collisions = 0;

  constructor(
    private readonly interner: CellInterner,
    private readonly learn = LEARN,
  ) {}

  /** Starts with as many cells as come before the first column whose values hardly repeat, at most `most`. */
  start(firstVarying: number, most: number): void {
    const cells = Math.min(firstVarying < 0 ? most : firstVarying, most);
    this.tryCells(cells);
  }

  private tryCells(cells: number): void {
    this.table = [];
    this.looking = false;
    if (cells < 2) {
      this.cells = -1;
      return;
    }
    this.cells = cells;
    this.shortest = Number.POSITIVE_INFINITY;
    this.seen = 0;
    this.lookups = 0;
    this.hits = 0;
  }

  /** Forgets every row start (the cells they hold were read for other unread columns). */
  clear(): void {
    if (this.looking) this.table = new Array<RowHead[] | undefined>(SLOTS);
  }

  /** The row start of the row at `start` whose first line feed is at `nl`, or undefined. */
  find(s: string, start: number, nl: number): RowHead | undefined {
    if (nl - start < this.keyLength) return undefined;
    const slot = this.table[sampledHash(s, start, start + this.keyLength, MASK, KEY_WHOLE_LAST)];
    let head: RowHead | undefined;
    if (slot !== undefined) {
      for (let i = 0; i < slot.length; i += 1) {
        const candidate = slot[i] as RowHead;
        const text = candidate.text;
        const length = text.length;
        // Its last two characters (the delimiter after its cells) first: starts that share the key mostly differ in length.
        if (
          length <= nl - start &&
          s.charCodeAt(start + length - 1) === text.charCodeAt(length - 1) &&
          s.charCodeAt(start + length - 2) === text.charCodeAt(length - 2) &&
          text === s.slice(start, start + length)
        ) {
          head = candidate;
          // The start found moves ahead of the one before it: the frequent ones are compared first.
          if (i > 0) {
            slot[i] = slot[i - 1] as RowHead;
            slot[i - 1] = candidate;
          }
          break;
        }
      }
    }
    const hit = head !== undefined;
    // The first window, warming up, counts its second half; a count of cells that fails it gives way to one fewer, and a later
    // window that fails turns the table off.
    this.lookups += 1;
    if (hit && (this.trialDone || this.lookups > WINDOW / 2)) this.hits += 1;
    if (this.lookups === WINDOW) {
      if (this.hits >= (this.trialDone ? WINDOW : WINDOW / 2) * MIN_HIT_RATE) {
        this.trialDone = true;
        this.lookups = 0;
        this.hits = 0;
      } else this.tryCells(this.trialDone ? -1 : this.cells - 1);
    }
    return hit ? head : undefined;
  }

  /** Keeps the cells of the row start s[start, end) (end just after the delimiter that closes them). */
  keep(s: string, start: number, end: number, cells: string[]): void {
    const length = end - start;
    if (length > MAX_HEAD_LENGTH) return;
    if (!this.looking) {
      // Learning the shortest row start: the key is that long, so that it never reaches past a row start's own text.
      if (length < this.shortest) this.shortest = length;
      this.seen += 1;
      if (this.seen >= this.learn) {
        if (this.shortest < MIN_KEY_LENGTH) return this.tryCells(-1);
        this.keyLength = this.shortest;
        this.table = new Array<RowHead[] | undefined>(SLOTS);
        this.looking = true;
      }
      return;
    }
    if (length < this.keyLength) return;
    const at = sampledHash(s, start, start + this.keyLength, MASK, KEY_WHOLE_LAST);
    let slot = this.table[at];
    if (slot === undefined) this.table[at] = slot = [];
    if (slot.length >= WAYS && (++this.collisions & 3) !== 0) return;
    for (let i = 0; i < cells.length; i += 1) cells[i] = this.interner.kept(i, cells[i] as string);
    // The newest first; the oldest goes.
    if (slot.length >= WAYS) slot.pop();
    slot.unshift({ text: detach(s.slice(start, end)), cells });
  }
}
