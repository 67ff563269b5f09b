/**
 * Writes encoded line batches into ledger_rows with multi-row INSERT
 * statements (one statement per ROWS_PER_INSERT lines: far fewer calls from
 * JS into SQLite than one per line). Money is bound as BigInt nano-units
 * (binding safe integers as Numbers instead measured no faster: the BigInts'
 * allocation is about what SQLite's REAL-to-INTEGER check then costs).
 * The caller owns the transaction (one per import).
 *
 * A line's sixteen repeated text fields (its kind) arrive interned by the
 * reading thread (line-codec.ts): each kind is found in or added to
 * ledger_kinds once, on its first line, and every line then stores only the
 * kind's id (migration 011). Measured on a million FOCUS lines
 * (bench/ledger-layout.bench.ts): insert 3.2 → 1.2 s CPU, workspace 510 →
 * 310 MB.
 *
 * While writing it notes each line's (provider, billing account) and period
 * for the overlap check.
 */
import type Database from 'better-sqlite3';
import { KIND_COLUMNS, ROW_COLUMNS } from '../workspace/migrations/011-ledger-kinds';
import { epochOfInstant } from '../../../shared/domain/epoch';
import { WorkbenchError } from '../../../shared/domain/errors';
import { K, L, LINE_WIDTH, NUMBERS, moneyAt, quantityAt, type EncodedLines, type LineDecoder } from './line-codec';
import type { ScopeRow } from './import-repository';
import { noteIn, type ScopeTracker } from './scope-tracker';
import type { StageClock } from './import-profile';
import { sampleCpu, spareCores, type CpuSample } from './spare-cores';

/** The profile's stage for SQLite's own INSERT work. */
export const INSERT_STAGE = 'insert rows (SQLite)';
/** The profile's stage for the writer's own work on a batch: decoding the dictionary ids and binding parameters. */
export const DECODE_STAGE = 'decode and bind lines';

/**
 * Row columns the statement computes from the bound ones rather than
 * binding them: each is one string fewer to cross from JS per line (better-
 * sqlite3 converts every bound string to UTF-8). The vendor's own list cost
 * is marked as such here, so no pass over the ledger is needed to tell it
 * from the price book's. Measured on the 1M FOCUS Parquet's batches, the
 * writer's load alternately: 1.50-1.56 s CPU with it and the month bound,
 * 1.35-1.43 s derived (load 6-7). The month was the period text's first
 * seven characters then; since the period is epoch seconds (migration 014)
 * it is bound again, made once per period text (PeriodEpochs): SQLite's
 * strftime of the epoch cost more than binding it (1M 25-line inserts:
 * 290 against 235 ms CPU). The lines go in in the VALUES' order, so ids
 * keep the file's order.
 */
const DERIVED: Record<string, string> = {
  list_cost_source: "CASE WHEN list_cost IS NULL THEN NULL ELSE 'vendor' END",
};
/** Bound per line, in this order: the kind id and every row column but import_id (the same for the whole import, written into the SQL) and the DERIVED ones. */
const BOUND = ['kind_id', ...ROW_COLUMNS.filter((c) => c !== 'import_id' && DERIVED[c] === undefined)];
const WIDTH = BOUND.length;
/**
 * Lines per INSERT statement (WIDTH × ROWS parameters, well under SQLite's
 * 32,766). 100 rather than 25 pays only with the shared values bound once
 * a statement (SharedValueStatements): measured on the 1M-line minimal FOCUS
 * CSV's batches, the writer alone, two runs each, alternated (load 4.3):
 * 25 lines 1.15 s CPU and 100 lines 1.14-1.16 s with every value bound per
 * line; with the shared values bound once, 25 lines 1.03-1.06 s, 50 lines
 * 0.93-0.96, 100 lines 0.88-0.95, 200 and 400 no better.
 */
export const ROWS_PER_INSERT = 100;
/** source_row: never shared, so every statement's VALUES keeps a column. */
const SOURCE_ROW = BOUND.indexOf('source_row');
const BILLED = BOUND.indexOf('billed_cost');
/** A statement's set's bit for a column the same as its own line's billed cost on every line, above a bit per bound column. */
const SAME_AS_BILLED = 1 << 16;
/** Columns that may be the billed cost (list_cost may not: list_cost_source is derived from it). */
const MAY_BE_BILLED = [BOUND.indexOf('effective_cost'), BOUND.indexOf('contracted_cost')];

/**
 * The INSERT of `rows` lines. The bound columns in `set` (a bit per column,
 * BOUND's order) are bound once for the whole statement, after the lines'
 * own values, in a one-row `shared` table joined to every line; those with
 * a SAME_AS_BILLED bit are not bound but take the line's billed cost.
 */
function insertSql(rows: number, importId: number, set = 0): string {
  if (!Number.isSafeInteger(importId)) throw new TypeError('import id must be an integer');
  const own = BOUND.filter((_, b) => (set & (1 << b)) === 0 && (set & (SAME_AS_BILLED << b)) === 0);
  const once = BOUND.filter((_, b) => (set & (1 << b)) !== 0);
  const one = `(${new Array(own.length).fill('?').join(',')})`;
  const columns = ['kind_id', ...ROW_COLUMNS.filter((c) => c !== 'import_id')];
  const values = columns.map((c) => DERIVED[c] ?? (!BOUND.includes(c) ? null : (set & (SAME_AS_BILLED << BOUND.indexOf(c))) !== 0 ? 'billed_cost' : c));
  if (values.includes(null)) throw new TypeError('a ledger column is neither bound nor derived');
  const sharedTable = once.length > 0 ? `, shared (${once.join(', ')}) AS (SELECT ${once.map(() => '?').join(', ')})` : '';
  return `WITH line (${own.join(', ')}) AS (VALUES ${new Array(rows).fill(one).join(',')})${sharedTable}
    INSERT INTO ledger_rows (import_id, ${columns.join(', ')}) SELECT ${importId}, ${values.join(', ')} FROM line${once.length > 0 ? ', shared' : ''}`;
}

/**
 * A full statement's INSERT with each value all its lines share bound once
 * rather than once a line. better-sqlite3 converts every bound string to
 * UTF-8 and checks every value's type, and a file's lines mostly repeat
 * their month, billing period and tags and have no contracted cost or
 * contract: on the minimal FOCUS CSV six of the fifteen values a line are
 * the same on all 100 lines of a statement. Likewise an effective (or
 * contracted) cost that is the line's billed cost on every line, as on
 * files without discounts, is not bound at all. A statement is prepared per
 * set of such columns met (a few a file; past MAX_SHARED_SETS, statements
 * bind every value as before). Values are compared with Object.is, so what
 * is stored is the very value each line would have bound (0 apart from -0,
 * a BigInt by its value), and the rows are the same, in the same order.
 *
 * Measured on the 1M-line minimal FOCUS CSV's batches, the writer alone,
 * alternated (load 2.5-4.3): 1.14-1.16 s CPU with every value bound per
 * line, 0.88-0.95 s with the shared values bound once (100-line
 * statements), 0.87-0.89 s with the effective cost taken from the billed
 * (0.88-0.92 without, four pairs).
 */
class SharedValueStatements {
  private readonly bySet = new Map<number, { statement: Database.Statement; own: number[]; once: number[]; args: unknown[] }>();

  constructor(
    private readonly db: Database.Database,
    private readonly importId: number,
    private readonly all: Database.Statement,
  ) {}

  /** Inserts ROWS_PER_INSERT lines, `params` holding WIDTH values a line. */
  run(params: unknown[]): void {
    let set = 0;
    for (let c = 0; c < WIDTH; c += 1) {
      if (c === SOURCE_ROW) continue;
      const first = params[c];
      let at = c + WIDTH;
      while (at < params.length && Object.is(params[at], first)) at += WIDTH;
      if (at >= params.length) set |= 1 << c;
    }
    for (const c of MAY_BE_BILLED) {
      if ((set & (1 << c)) !== 0) continue;
      let at = c;
      while (at < params.length && Object.is(params[at], params[at - c + BILLED])) at += WIDTH;
      if (at >= params.length) set |= SAME_AS_BILLED << c;
    }
    const found = set === 0 ? undefined : (this.bySet.get(set) ?? this.prepare(set));
    // Spread, not the array: better-sqlite3 reads call arguments faster than an array's elements
    // (measured: binding a 25-line statement's 750 values took a fifth less time), and binding is two thirds
    // of the time an INSERT takes here.
    if (found === undefined) {
      this.all.run(...params);
      return;
    }
    const { own, once, args } = found;
    let a = 0;
    for (let line = 0; line < params.length; line += WIDTH) for (let o = 0; o < own.length; o += 1) args[a++] = params[line + (own[o] as number)];
    for (let o = 0; o < once.length; o += 1) args[a++] = params[once[o] as number];
    found.statement.run(...args);
  }

  private prepare(set: number): { statement: Database.Statement; own: number[]; once: number[]; args: unknown[] } | undefined {
    if (this.bySet.size >= MAX_SHARED_SETS) return undefined;
    const own: number[] = [];
    const once: number[] = [];
    for (let c = 0; c < WIDTH; c += 1) {
      if ((set & (1 << c)) !== 0) once.push(c);
      else if ((set & (SAME_AS_BILLED << c)) === 0) own.push(c);
    }
    const found = { statement: this.db.prepare(insertSql(ROWS_PER_INSERT, this.importId, set)), own, once, args: new Array(own.length * ROWS_PER_INSERT + once.length) };
    this.bySet.set(set, found);
    return found;
  }
}
/** Statements prepared per import for sets of shared columns (SharedValueStatements): a Map lookup a statement, and a prepare per set. */
const MAX_SHARED_SETS = 32;

/** Finds a kind (with the import's cost basis) in ledger_kinds, adding it when new. */
class KindIds {
  private readonly find: Database.Statement;
  private readonly add: Database.Statement;
  /** The workspace's kind id per kind id of the statement's encoding (line-codec.ts), which start again at 0 after a reset. */
  private ids: number[] = [];

  constructor(db: Database.Database, private readonly costBasis: 'billed' | 'list') {
    const key = [...KIND_COLUMNS, 'cost_basis'];
    this.find = db.prepare(`SELECT id FROM ledger_kinds WHERE ${key.map((c) => `${c} IS ?`).join(' AND ')} LIMIT 1`).pluck();
    this.add = db.prepare(`INSERT INTO ledger_kinds (${key.join(', ')}) VALUES (${key.map(() => '?').join(', ')})`);
  }

  /** The encoding's kinds were emptied (EncodedLines.reset): its ids name other kinds from here on. */
  reset(): void {
    this.ids = [];
  }

  /** The workspace's id of the encoding's kind `encoded`, whose values are `kind`. */
  idOf(encoded: number, kind: readonly (string | null)[]): number {
    let id = this.ids[encoded];
    if (id === undefined) {
      const values = [...kind.slice(0, KIND_COLUMNS.length), this.costBasis];
      id = (this.find.get(...values) as number | undefined) ?? Number(this.add.run(...values).lastInsertRowid);
      this.ids[encoded] = id;
    }
    return id;
  }
}

/**
 * The charge period's epoch seconds (migration 014) per dictionary id of
 * its text (line-codec.ts), each text converted once: a statement repeats
 * its periods (an hourly month has 720), and an array indexed by the id is
 * cheaper per line than a map keyed by the text (measured: decode and bind
 * 0.25 s with a Map, on the 1M-line minimal FOCUS CSV). Whole seconds are
 * bound as BigInts, so SQLite stores an INTEGER without a REAL-to-INTEGER
 * check and the ANY column cannot keep a REAL.
 */
class PeriodEpochs {
  private byId: (bigint | number | undefined)[] = [];
  private months: (string | undefined)[] = [];
  private ids: Int32Array = new Int32Array(0);
  private rows: Float64Array = new Float64Array(0);

  for(batch: EncodedLines): this {
    if (batch.reset) {
      this.byId = [];
      this.months = [];
    }
    this.ids = batch.ids;
    this.rows = batch.numbers;
    return this;
  }

  /** The month ("2026-03") of line `index`'s period start `text`, an instant in UTC: its first seven characters, as before migration 014. */
  monthOf(text: string, index: number): string {
    const id = this.ids[index * LINE_WIDTH + L.chargePeriodStart] as number;
    return (this.months[id] ??= text.slice(0, 7));
  }

  /** The epoch of line `index`'s instant `text` (its field `field`); an instant the mapper should have refused is an error naming its row. */
  of(text: string, index: number, field: 'chargePeriodStart' | 'chargePeriodEnd'): bigint | number {
    const id = this.ids[index * LINE_WIDTH + L[field]] as number;
    let epoch = this.byId[id];
    if (epoch === undefined) {
      const seconds = epochOfInstant(text);
      if (Number.isNaN(seconds)) throw new WorkbenchError('invalid_file', `the charge period "${text}" is not a UTC instant`, { row: this.rows[index * NUMBERS + 1], field });
      epoch = Number.isInteger(seconds) ? BigInt(seconds) : seconds;
      this.byId[id] = epoch;
    }
    return epoch;
  }
}

/**
 * Writes a batch in two steps: every line's values are bound into
 * statement-sized parameter arrays first, then the full statements run one
 * after the other (the lines of a last, partial statement wait for the next
 * batch or flush()). The profile's clock is read three times a batch, not
 * twice a statement: each reading is a read of /proc/thread-self/schedstat,
 * and reading it around every 25-line INSERT cost about 0.1 s CPU per
 * million lines (the writer's load, Parquet's critical path, 1.69 → 1.57 s
 * CPU measured alternately on the 1M FOCUS file's batches).
 */
export class LedgerBulkWriter {
  private readonly many: SharedValueStatements;
  private readonly one: Database.Statement;
  private readonly kinds: KindIds;
  private readonly epochs = new PeriodEpochs();
  /** Parameter arrays, one per statement; the first holds the lines not yet written (`filled` of them). */
  private statements: unknown[][] = [new Array(WIDTH * ROWS_PER_INSERT)];
  private filled = 0;
  /** The overlap check's scope per kind id of the encoding, emptied with its kinds (EncodedLines.reset). */
  private kindScopes: ScopeRow[] = [];
  written = 0;
  /** Usage lines written without a list cost: the price book's to fill. */
  withoutListCost = 0;

  constructor(
    db: Database.Database,
    importId: number,
    costBasis: 'billed' | 'list',
    private readonly scopes: ScopeTracker,
    private readonly decoder: LineDecoder,
    private readonly clock?: StageClock,
  ) {
    this.many = new SharedValueStatements(db, importId, db.prepare(insertSql(ROWS_PER_INSERT, importId)));
    this.one = db.prepare(insertSql(1, importId));
    this.kinds = new KindIds(db, costBasis === 'list' ? 'list' : 'billed');
  }

  write(batch: EncodedLines): void {
    const since = this.clock?.now();
    const full = this.bind(batch);
    const bound = since && this.clock?.add(DECODE_STAGE, since);
    const statements = this.statements;
    for (let s = 0; s < full; s += 1) this.many.run(statements[s] as unknown[]);
    if (full > 0) {
      // The partial statement's array (its lines not yet written) becomes the first.
      const partial = statements[full] as unknown[];
      statements[full] = statements[0] as unknown[];
      statements[0] = partial;
    }
    if (bound) this.clock?.add(INSERT_STAGE, bound);
    this.written += batch.count;
  }

  /** Binds the batch's lines after the `filled` ones waiting; returns how many statements are full. */
  private bind(batch: EncodedLines): number {
    if (batch.reset) {
      this.kinds.reset();
      this.kindScopes = [];
    }
    const kindScopes = this.kindScopes;
    const statements = this.statements;
    const kinds = this.kinds;
    const epochs = this.epochs.for(batch);
    const kindIds = batch.kindIds;
    const numbers = batch.numbers;
    let full = 0;
    let params = statements[0] as unknown[];
    let filled = this.filled;
    this.decoder.forEach(batch, (line, kind, i) => {
      let p = filled * WIDTH;
      const start = line[L.chargePeriodStart] as string;
      const end = line[L.chargePeriodEnd] as string;
      const listCost = moneyAt(batch, i, 2);
      const encoded = kindIds[i] as number;
      params[p++] = kinds.idOf(encoded, kind);
      params[p++] = numbers[i * NUMBERS + 1];
      params[p++] = epochs.monthOf(start, i);
      params[p++] = epochs.of(start, i, 'chargePeriodStart');
      params[p++] = epochs.of(end, i, 'chargePeriodEnd');
      params[p++] = line[L.billingPeriod];
      params[p++] = line[L.resourceId];
      params[p++] = line[L.tags];
      params[p++] = quantityAt(batch, i);
      params[p++] = moneyAt(batch, i, 0);
      params[p++] = moneyAt(batch, i, 1);
      params[p++] = listCost;
      params[p++] = moneyAt(batch, i, 3);
      params[p++] = numbers[i * NUMBERS + 2];
      params[p] = line[L.contractApplied];
      if (listCost === null && kind[K.chargeCategory] === 'usage') this.withoutListCost += 1;
      // A kind names its provider and billing account, so its scope is found once per kind, not per line.
      const scope = (kindScopes[encoded] ??= this.scopes.scopeOf(kind[K.provider] as string, kind[K.billingAccount] ?? null, start, end));
      noteIn(scope, start, end);
      filled += 1;
      if (filled === ROWS_PER_INSERT) {
        full += 1;
        filled = 0;
        if (full === statements.length) statements.push(new Array(WIDTH * ROWS_PER_INSERT));
        params = statements[full] as unknown[];
      }
    });
    this.filled = filled;
    return full;
  }

  /** Writes the lines still held back for a full statement. */
  flush(): void {
    const params = this.statements[0] as unknown[];
    for (let r = 0; r < this.filled; r += 1) this.one.run(params.slice(r * WIDTH, (r + 1) * WIDTH));
    this.filled = 0;
  }
}

/**
 * Helper threads SQLite's sorter may use while the indexes are built, when
 * the machine has a core to spare for them (sorterThreads).
 */
export const SORT_THREADS = 2;
/**
 * The spare cores (spareCores, over the load) from which the sorter gets
 * its helper threads. With them a build takes about 0.45 s more CPU in
 * all, but half the writing thread's; without a free core the helpers
 * only take turns with the writing thread and the extra CPU is wall time.
 * Re-measured on today's layout (94 MB table, migration 014), rebuilding
 * the four indexes of a 1M-line minimal FOCUS import inside one
 * transaction with the table's pages in the WAL, as an import does
 * (the table copied into a fresh workspace first; CPU of all threads, the
 * writing thread's, wall; seconds):
 *
 * | threads | CPU       | writer's  | wall, 2 cores shared (load 1.4-3)               |
 * |---------|-----------|-----------|-------------------------------------------------|
 * | 0       | 1.44-1.55 | 1.44-1.55 | 1.58-1.64 (CPU-bound: about the same quiet)     |
 * | 1       | 1.91-2.02 | 1.14-1.19 | 1.94-2.81                                       |
 * | 2       | 1.78-2.33 | 0.92-1.09 | 1.89-4.99; 1.26 in a moment both cores were free |
 * | 3       | 2.25-2.32 | 0.93-0.98 | 2.25-2.95                                       |
 * | 4       | 2.33-2.52 | 0.87-0.88 | 2.44-4.54                                       |
 *
 * (Both cores free, two threads: month × kind 0.50 s, billed 0.24, period
 * 0.21, contract applied 0.05, as in the quiet benchmark's profile; alone
 * on one core: 0.69-0.73, 0.33, 0.23, 0.05. The commit, 0.04 s, and the
 * checkpoint, 0.22-0.26 s, either way.) So the threads stay where a core
 * is free for them, as in the 2-core quiet benchmark (the reading thread
 * has finished by then), and go where other programs hold the cores:
 * whole imports paired on the 2-core machine shared with other work
 * (load 3.4-4.9; this rule against two threads always), minimal FOCUS
 * CSV 4.31-5.12 s wall and 4.83-5.00 s CPU against 4.79-6.19 and
 * 5.26-5.69, narrow 5.11-5.74 and 5.39-5.47 against 5.92-6.95 and
 * 5.99-6.15; the builds 1.32-1.37 s against 1.40-2.65. 1.5 is where the
 * model (about 1.9 s CPU over the spare cores against 1.45 s on one)
 * still favours the threads with a margin: a saturated machine's other
 * work is undercounted by the time it got.
 */
export const SPARE_CORES_FOR_SORT_THREADS = 1.5;

/** The sorter's helper threads for a build after a load that left `spare` cores to this process (null: not known, so the threads as before). */
export function sorterThreads(spare: number | null): number {
  return spare === null || spare >= SPARE_CORES_FOR_SORT_THREADS ? SORT_THREADS : 0;
}
/**
 * The connection's page cache while the indexes are built, in KiB. SQLite's
 * sorter keeps up to a cache's worth of keys in memory per sorting thread
 * before it writes a sorted run to a temporary file, so the memory of the
 * build grew with the ledger up to the import's 32 MiB cache per thread.
 * Measured on 600,000 FOCUS lines, building every ledger index alone: peak
 * RSS 135 MB with the 32 MiB cache, 103 MB with 8 MiB, in no more time
 * (5.7–7.1 s CPU against 6.2–7.3 s, of which the writing thread's own
 * 3.3–3.5 s against 3.5–3.7 s); the cache's unused pages are handed back
 * first. The inserts before keep the larger cache: they ran 10–30%
 * slower with the small one.
 *
 * 4 MiB rather than 8: each sorted run is smaller, and sorting it costs
 * less CPU than the extra runs cost to merge. Measured rebuilding the five
 * dropped indexes of a 1M-line FOCUS workspace (two sorter threads, paired
 * runs, 2 cores shared at load 7–9): CPU 3.5–3.6 s against 4.0–4.2 s (the
 * writing thread's own 1.5–1.6 s against 1.7), peak RSS 73–75 MB against
 * 85 MB; 3 MiB was no better, 2 MiB worse. In the import, the index
 * build's writing-thread CPU fell from 1.44–1.53 s to 1.18–1.38 s (CSV,
 * four pairs).
 *
 * It is also the floor: the sorter writes a run once it holds
 * max(cache, 250 pages) of keys (vdbesort.c, SQLITE_SORTER_PMASZ), 4 MiB
 * with the workspace's 16 KiB pages. Re-measured on today's layout (94 MB
 * table, the four indexes of a 1M-line minimal FOCUS import, as for
 * SPARE_CORES_FOR_SORT_THREADS, CPU of all threads): 2 MiB the same as 4;
 * 8 MiB 2.58-2.67 s against 1.78-2.33 with two threads, peak RSS 110 MB
 * against 86; 16 MiB 3.1 s; 64 MiB (one sort in memory, on the writing
 * thread) 2.6-2.8 s and 169 MB. Neither the order of the builds (month ×
 * kind first or last) nor PRAGMA mmap_size changed anything: the table's
 * pages are read from the WAL during the build, which SQLite never maps,
 * and the sorter maps its temporary files anyway. Of the checkpoint's
 * 0.23 s, 0.15 s is waiting for its syncs (0.074 s without them); syncing
 * the WAL's first 94 MB ahead, before the builds, took 0.05 s and left
 * the checkpoint as long.
 */
export const INDEX_BUILD_CACHE_KB = 4 * 1024;
/**
 * The page cache while lines are appended with the indexes dropped, in KiB:
 * the b-trees written (the table's, and the append-ordered indexes kept
 * up) only grow at their right-hand ends, so
 * the import's 32 MiB bought nothing there (200,000 FOCUS lines appended,
 * four runs each: 1.34–1.78 s CPU at 16 MiB against 1.36–1.61 s at 32 MiB),
 * and 4 MiB no less than 16: the 1M-line minimal FOCUS CSV's INSERT stage
 * 0.85–0.89 s against 0.83–0.87 s, the import 2.58–2.70 s against
 * 2.54–2.67 s, three alternated pairs (load 1.1–1.2). The cache is memory
 * the import holds from its first 200,000 lines to its last: its peak RSS
 * 190–194 MB against 200–202 MB.
 */
export const APPEND_CACHE_KB = 4 * 1024;

/**
 * The columns whose values a bulk load appends in ascending order: a line's
 * id (the table's rowid, handed out in increasing order) and its import's
 * id (the new import's id is the workspace's highest, and the same on every
 * line). An index over nothing else only ever grows at its right-hand end
 * during the load, like the table itself. (Migration 013 dropped the app's
 * own two, ledger_rows_id and ledger_rows_import: kept up line by line they
 * cost the writer more than the rows' readers gained from them. The rule
 * stays for an index a later migration adds on these columns.)
 */
const APPEND_ORDERED_COLUMNS: ReadonlySet<string> = new Set(['id', 'import_id']);

/**
 * Whether a ledger index may stay in place (maintained line by line) during
 * a bulk load rather than being dropped and built again at the end: when
 * every key column is append-ordered (APPEND_ORDERED_COLUMNS), so each line
 * adds one key at the right-hand end of a b-tree whose last page is always
 * in the cache. Keeping it moves its cost from after the last line, where
 * the import waits for it, into the load, where the writer waits for the
 * reading thread anyway; ImportWriter keeps such indexes only while the
 * writer has that spare time (writerHasSpareTime).
 *
 * Measured on a million FOCUS lines inside one transaction, as an import
 * does (CPU seconds; builds with two sorter threads and the 8 MiB cache;
 * kept: the load's extra time, INSERT … SELECT in 10,000-line steps):
 *
 * | index                        | built at the end | kept during the load |
 * |------------------------------|------------------|----------------------|
 * | import (import_id)           | 0.25-0.29        | with id: +0.18       |
 * | id (id)                      | 0.23-0.30        |                      |
 * | period (charge_period_start) | 0.84-0.96        | +0.95                |
 * | billed (billed_cost)         | 0.71-0.90        | +1.8                 |
 * | kind (kind_id, money…)       | 1.06-1.22        | +3.8                 |
 * | month × kind                 | 1.30-1.50        | +5.8                 |
 *
 * Through the import's own 25-line INSERT statements keeping import and id
 * costs more than that: 2.23-2.28 s CPU against 1.50-1.54 s for the bare
 * table (+0.73 s, three runs each), still less than the writer's 2.3 s
 * wait for lines. Keys in any other order land all over an index larger
 * than the cache, so keeping it costs as much as building it or more
 * (period's timestamps come in file order, half of them earlier than the
 * line before): those are always dropped. The rule reads the index's
 * columns, so an index another migration adds is judged the same way.
 *
 * The price: an index kept up line by line ends with its pages about 7/8
 * full (SQLite splits index pages, unlike the table's, without packing
 * the left one), a built one full: id 3,342 pages against 2,930 and import
 * 2,507 against 2,198 on a million lines, 3 MB of a 309 MB workspace, and
 * the grid's walk along the id index to its last page reads that much
 * more. Indexes of a ledger large next to the import are kept up line by
 * line anyway (ImportWriter).
 */
export function isAppendOrdered(db: Database.Database, index: string): boolean {
  const columns = db.prepare('SELECT name FROM pragma_index_info(?)').pluck().all(index) as (string | null)[];
  return columns.length > 0 && columns.every((c) => c !== null && APPEND_ORDERED_COLUMNS.has(c));
}

/**
 * The share of the lines written that a partial index (one with a WHERE
 * clause: the app's is ledger_rows_contract_applied, on the lines a
 * contract was applied to) may hold and still be kept up line by line
 * during a bulk load. A line it does not hold costs only the test of its
 * WHERE clause, and building it at the end costs a pass over every line:
 * 0.04-0.05 s on a million FOCUS lines none of which it holds (the four
 * 1M-line import benchmarks), the whole build. A line it does hold is a key
 * put into a b-tree, and a few percent of them cost about that pass.
 */
export const PARTIAL_INDEX_SHARE = 0.02;

/** The WHERE clause of a partial index's definition, or null for a full index. */
export function partialIndexWhere(sql: string): string | null {
  const where = /\)\s+WHERE\s+([\s\S]+)$/i.exec(sql);
  return where ? (where[1] as string).trim() : null;
}

/** The profile's stage for one index's build, a part of 'build the ledger indexes'. */
export function indexBuildStage(index: string): string {
  return `build the ledger indexes: ${index}`;
}

/**
 * Secondary indexes of the ledger's rows (ledger_rows), dropped for a bulk load into a ledger
 * that is small next to the import and rebuilt at the end, in the same
 * transaction. Building an index once over sorted keys is much cheaper than
 * updating it a million times, except for an index whose keys arrive in
 * order (isAppendOrdered), which may be kept and maintained during the load.
 * Definitions are read from sqlite_master, so indexes other migrations add
 * are kept too.
 */
export class LedgerIndexes {
  private dropped: { name: string; sql: string }[] = [];
  /** The connection's cache_size before drop(), given back by rebuild(). */
  private cacheSize: number | null = null;
  /** The CPU clocks when the first indexes were dropped: the load's start, for sorterThreads. */
  private loadStarted: CpuSample | null = null;

  constructor(
    private readonly db: Database.Database,
    private readonly clock?: StageClock,
    private readonly sampleCpuNow: () => CpuSample = sampleCpu,
  ) {}

  get isDropped(): boolean {
    return this.dropped.length > 0;
  }

  /** Whether append-ordered indexes are still in place while others are dropped (kept up line by line). */
  get keepsAppendOrdered(): boolean {
    return this.isDropped && this.current().some((index) => isAppendOrdered(this.db, index.name));
  }

  /**
   * Drops the ledger's indexes for the load, but for the append-ordered ones
   * when `keepAppendOrdered` (isAppendOrdered) and the partial ones when
   * `keepPartial` (PARTIAL_INDEX_SHARE; dropPartialIfCrowded drops them
   * later if the load fills them). Called again with false, it drops those
   * kept so far too; rebuild() builds every dropped index.
   */
  drop(keepAppendOrdered = true, keepPartial = false): void {
    const indexes = this.current().filter(
      (index) => !(keepAppendOrdered && isAppendOrdered(this.db, index.name)) && !(keepPartial && partialIndexWhere(index.sql) !== null),
    );
    for (const index of indexes) this.db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    this.dropped.push(...indexes);
    if (indexes.length > 0 && this.cacheSize === null) {
      this.loadStarted = this.sampleCpuNow();
      this.cacheSize = this.db.pragma('cache_size', { simple: true }) as number;
      if (cacheKb(this.db, this.cacheSize) > APPEND_CACHE_KB) this.db.pragma(`cache_size = -${APPEND_CACHE_KB}`);
    }
  }

  /**
   * Drops, to be built at the end with the others, each partial index kept
   * through the load that holds more than PARTIAL_INDEX_SHARE of the
   * `written` lines (counting stops there, so a crowded one is not read
   * through). Whether any was dropped.
   */
  dropPartialIfCrowded(written: number): boolean {
    if (!this.isDropped) return false;
    const most = Math.floor(written * PARTIAL_INDEX_SHARE);
    const crowded = this.current().filter((index) => {
      const where = partialIndexWhere(index.sql);
      if (where === null) return false;
      const name = `"${index.name.replace(/"/g, '""')}"`;
      try {
        const held = this.db.prepare(`SELECT count(*) FROM (SELECT 1 FROM ledger_rows INDEXED BY ${name} WHERE ${where} LIMIT ?)`).pluck().get(most + 1) as number;
        return held > most;
      } catch {
        return true; // an index SQLite cannot count this way is built at the end, as before
      }
    });
    for (const index of crowded) this.db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
    this.dropped.push(...crowded);
    return crowded.length > 0;
  }

  private current(): { name: string; sql: string }[] {
    return this.db
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_rows' AND sql IS NOT NULL ORDER BY name")
      .all() as { name: string; sql: string }[];
  }

  /**
   * Builds the dropped indexes again, each timed in the profile on its own
   * (indexBuildStage). SQLite's sorter may use helper threads
   * here (PRAGMA threads): measured on a million FOCUS lines of the wider
   * layout then, the writing thread's own CPU time for the build fell from
   * 5.4 s to 2.4 s (3.0 s of sorting ran beside it). They shorten the
   * build only when a core is free for them, which the CPU clocks over the
   * load tell (sorterThreads). The page cache is
   * narrowed for the load (APPEND_CACHE_KB) and for the build
   * (INDEX_BUILD_CACHE_KB). Both are restored afterwards, since the
   * connection may be the workspace's own.
   */
  rebuild(): void {
    if (this.dropped.length === 0) return;
    const threads = this.db.pragma('threads', { simple: true }) as number;
    const cacheSize = this.cacheSize;
    const spare = this.loadStarted && spareCores(this.loadStarted, this.sampleCpuNow());
    this.db.pragma(`threads = ${sorterThreads(spare)}`);
    if (cacheSize === null || cacheKb(this.db, cacheSize) > INDEX_BUILD_CACHE_KB) this.db.pragma(`cache_size = -${INDEX_BUILD_CACHE_KB}`);
    try {
      for (const index of this.dropped) {
        if (this.clock) this.clock.time(indexBuildStage(index.name), () => this.db.exec(index.sql));
        else this.db.exec(index.sql);
      }
    } finally {
      this.db.pragma(`threads = ${Number.isSafeInteger(threads) ? threads : 0}`);
      if (cacheSize !== null && Number.isSafeInteger(cacheSize)) this.db.pragma(`cache_size = ${cacheSize}`);
    }
    this.dropped = [];
    this.cacheSize = null;
    this.loadStarted = null;
  }

  /** After a ROLLBACK, which brings the dropped indexes back itself: gives the connection its cache back. */
  rolledBack(): void {
    if (this.cacheSize !== null && Number.isSafeInteger(this.cacheSize)) this.db.pragma(`cache_size = ${this.cacheSize}`);
    this.dropped = [];
    this.cacheSize = null;
    this.loadStarted = null;
  }
}

/** The cache a cache_size value stands for, in KiB: a negative value is KiB, a positive one pages. */
function cacheKb(db: Database.Database, cacheSize: number): number {
  return cacheSize < 0 ? -cacheSize : (cacheSize * (db.pragma('page_size', { simple: true }) as number)) / 1024;
}
