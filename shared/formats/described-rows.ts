/**
 * What a statement row says about itself, besides its dates, amounts and
 * quantity, repeats: a million FOCUS rows hold a few hundred combinations of
 * account, provider, SKU, meter, unit, resource and tags (368 in the 1M-line
 * minimal benchmark file). A mapper works out what one combination means
 * (the provider's slug, the model and usage class, the unit, the tags) once,
 * and finds it again for a later row with the same cells in those columns.
 *
 * Found by the cell of the first column, then every column's cell compared
 * exactly. The readers hand repeated cells out as the same string (see
 * cell-interner.ts), so a comparison is mostly of one object with itself; any
 * other reader's cells compare by their text, which is as exact. The cells
 * are kept as they come, not copied: a copy is another object, and comparing
 * each row's cells with copies by their text cost more than working the
 * description out again (measured on the 1M-line minimal FOCUS CSV: reading
 * thread +0.1 s of CPU with copies, −0.06 s with the cells themselves). Like
 * the mappers' other caches keyed by cells (dates, descriptions, contract
 * texts), a kept cell that is a slice of a read piece keeps that piece alive
 * until the table starts over; the interner's cells, the usual ones, are
 * flat copies that keep nothing.
 *
 * Rows looked up are counted in windows: a window with too few hits turns
 * the table off, so a file whose rows hardly repeat does not pay a miss's
 * work (a lookup and a kept entry) on every row.
 *
 * The columns after the first are compared in the order that tells rows
 * apart soonest in this file: during the first window, each candidate
 * passed over counts the column that told it apart, and after it the
 * columns (and the kept cells) are put in order of those counts, once. Every
 * column is still compared before a description is found (a row of the
 * 1M-line minimal FOCUS CSV has a dozen candidates under its SKU, told apart
 * by account and category, the fourth and fifth columns of the mapper's
 * order).
 */
import { cell } from './columns';

/** Rows looked up in a window, and the share of them that must be hits for the table to stay on. */
const WINDOW = 4096;
const MIN_HIT_RATE = 0.5;
/** Combinations kept before the table starts over (memory), and per cell of the first column. */
const MAX_KEPT = 4096;
const MAX_PER_FIRST = 64;

interface Described<T> {
  readonly cells: readonly string[];
  readonly value: T;
}

export class DescribedRows<T> {
  private readonly byFirst = new Map<string, Described<T>[]>();
  private kept = 0;
  private lookups = 0;
  private hits = 0;
  /** Whether rows are still looked up (off after a trial with too few hits). */
  on = true;
  /** The columns whose cells decide, the lookup first; the others reordered once (see above). */
  private columns: readonly number[];
  /** Per position in `columns`, candidates it told apart during the first window; null once the columns are ordered. */
  private toldApart: number[] | null;

  /** `columns`: the columns whose cells decide the description (absent ones, index −1, left out); the first is the lookup. */
  constructor(columns: readonly number[]) {
    this.columns = columns.filter((i) => i >= 0);
    this.toldApart = this.columns.map(() => 0);
    if (this.columns.length === 0) this.on = false;
  }

  /** The columns in the order they are compared (the lookup first). */
  get comparedColumns(): readonly number[] {
    return this.columns;
  }

  /** The description kept for a row with these very cells, or undefined. */
  find(values: readonly string[]): T | undefined {
    const columns = this.columns;
    const list = this.byFirst.get(cell(values, columns[0] as number));
    let found: T | undefined;
    if (list !== undefined) {
      const toldApart = this.toldApart;
      candidates: for (let i = 0; i < list.length; i += 1) {
        const described = list[i] as Described<T>;
        const cells = described.cells;
        for (let k = 1; k < columns.length; k += 1) {
          if (cells[k] !== (values[columns[k] as number] ?? '')) {
            if (toldApart !== null) toldApart[k] = (toldApart[k] as number) + 1;
            continue candidates;
          }
        }
        found = described.value;
        break;
      }
    }
    this.lookups += 1;
    if (found !== undefined) this.hits += 1;
    if (this.lookups === WINDOW) {
      if (this.hits < WINDOW * MIN_HIT_RATE) {
        this.on = false;
        this.byFirst.clear();
      } else if (this.toldApart !== null) this.order(this.toldApart);
      this.toldApart = null;
      this.lookups = 0;
      this.hits = 0;
    }
    return found;
  }

  /** Puts the columns after the first, and every kept row's cells, in order of how many candidates each told apart. */
  private order(toldApart: readonly number[]): void {
    const positions = this.columns.map((_, k) => k).slice(1);
    positions.sort((a, b) => (toldApart[b] as number) - (toldApart[a] as number) || a - b);
    const permutation = [0, ...positions];
    const columns = this.columns;
    this.columns = permutation.map((k) => columns[k] as number);
    for (const list of this.byFirst.values()) {
      for (let i = 0; i < list.length; i += 1) {
        const described = list[i] as Described<T>;
        list[i] = { cells: permutation.map((k) => described.cells[k] as string), value: described.value };
      }
    }
  }

  /** Keeps the description of a row (one that find did not know). */
  keep(values: readonly string[], value: T): void {
    if (!this.on) return;
    if (this.kept >= MAX_KEPT) {
      this.byFirst.clear();
      this.kept = 0;
    }
    const cells = this.columns.map((i) => cell(values, i));
    const first = cells[0] as string;
    let list = this.byFirst.get(first);
    if (list === undefined) this.byFirst.set(first, (list = []));
    else if (list.length >= MAX_PER_FIRST) {
      list.shift();
      this.kept -= 1;
    }
    list.push({ cells, value });
    this.kept += 1;
  }
}
