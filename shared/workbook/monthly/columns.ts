/**
 * The columns of a Monthly sheet, defined once and filled month by month.
 *
 * Columns are declared in the order the engine works a month out (drivers,
 * workloads and their levers, provisioned capacity, monthly costs,
 * contracts, key figures), which is the order cells are computed: a cell may
 * refer to any column declared before it in the same row, and to any column
 * in an earlier row (balances carried from month to month). They are shown
 * in another order: key figures first, then each block left to right.
 */
import { a1 } from '../grid';
import { num, ref, type Expr } from '../expr';
import type { StyleName } from '../styles';

export type Computed = Expr | { input: number } | { text: string } | null;

export interface ColumnDef {
  id: string;
  /** The block it belongs to (a header band over its columns). */
  block: string;
  header: string;
  style: StyleName;
  width: number;
  /** 0: shown; 1: detail, folded under the block's outline. */
  level: 0 | 1;
  /** Shown before the blocks (key figures). */
  front: boolean;
  compute: (m: number) => Computed;
  /** The engine's cost slot this column's money goes to, if it is a cost. */
  slot?: number;
  note?: string;
}

export class Columns {
  /** In declaration order: the order cells are computed. */
  readonly declared: ColumnDef[] = [];
  /** In display order, after layout(). */
  displayed: ColumnDef[] = [];
  private readonly byId = new Map<string, ColumnDef>();
  private position = new Map<string, number>();
  private readonly values = new Map<string, Float64Array>();
  private readonly done = new Map<string, Uint8Array>();
  private readonly cells = new Map<string, Computed[]>();

  constructor(
    private readonly months: number,
    /** Sheet row (zero-based) of the first month. */
    readonly firstRow: number,
  ) {}

  add(def: Omit<ColumnDef, 'level' | 'front' | 'width'> & Partial<Pick<ColumnDef, 'level' | 'front' | 'width'>>): string {
    if (this.byId.has(def.id)) throw new Error(`column ${def.id} declared twice`);
    const full: ColumnDef = { level: 1, front: false, width: 13, ...def };
    this.declared.push(full);
    this.byId.set(def.id, full);
    return def.id;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Fixes the column letters: key figures first, then blocks in declaration order. */
  layout(firstColumn: number, frontOrder: readonly string[] = []): void {
    const rank = (d: ColumnDef) => {
      const i = frontOrder.indexOf(d.id);
      return i < 0 ? frontOrder.length : i;
    };
    const front = this.declared.filter((d) => d.front).sort((a, b) => rank(a) - rank(b));
    // A block's columns stay together even when some are declared later (costs that need the workloads' figures).
    const blockOrder = new Map<string, number>();
    for (const d of this.declared) if (!d.front && !blockOrder.has(d.block)) blockOrder.set(d.block, blockOrder.size);
    const rest = this.declared.filter((d) => !d.front).map((d, i) => ({ d, i }));
    rest.sort((a, b) => blockOrder.get(a.d.block)! - blockOrder.get(b.d.block)! || a.i - b.i);
    const ordered = [...front, ...rest.map((x) => x.d)];
    this.displayed = ordered;
    this.position = new Map(ordered.map((d, i) => [d.id, firstColumn + i]));
  }

  column(id: string): number {
    const c = this.position.get(id);
    if (c === undefined) throw new Error(`column ${id} has no position (layout first)`);
    return c;
  }

  row(m: number): number {
    return this.firstRow + m;
  }

  /** The cell of a column in month m, as a reference carrying its value. */
  at(id: string, m: number): Expr {
    const values = this.values.get(id);
    if (!values || m < 0 || m >= this.months || this.done.get(id)![m] !== 1) throw new Error(`column ${id} month ${m} is not computed yet`);
    return ref(a1(this.row(m), this.column(id)), values[m] as number);
  }

  value(id: string, m: number): number {
    return this.values.get(id)?.[m] ?? Number.NaN;
  }

  /** Computes every cell, month by month, in declaration order. */
  fill(): void {
    const order = this.declared;
    for (const d of order) {
      this.done.set(d.id, new Uint8Array(this.months));
      this.values.set(d.id, new Float64Array(this.months).fill(Number.NaN));
      this.cells.set(d.id, new Array<Computed>(this.months).fill(null));
    }
    for (let m = 0; m < this.months; m++) {
      for (const d of order) {
        const c = d.compute(m) ?? num(0);
        this.cells.get(d.id)![m] = c;
        const v = 'input' in c ? c.input : 'text' in c ? Number.NaN : c.v;
        this.values.get(d.id)![m] = v;
        this.done.get(d.id)![m] = 1;
      }
    }
  }

  computed(id: string, m: number): Computed {
    return this.cells.get(id)?.[m] ?? null;
  }
}
