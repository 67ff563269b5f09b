/**
 * The import's writing thread on two ledger layouts (issue 15), fed the same
 * encoded batches, so the comparison leaves the reading thread out:
 *
 * - wide: the ledger before migration 011 — a workspace of schema 10, whose
 *   ledger_lines table has thirty-odd columns and migrations 002/009's
 *   indexes, written as the import's writer wrote it then (kept here, below);
 * - narrow: the app's ImportWriter into a fresh workspace: ledger_rows keeps
 *   each line's own values (dates, resource, tags, quantity, money, source
 *   row) and a kind id; ledger_kinds holds the sixteen repeated text fields
 *   once per kind (migration 011). The kinds come from the reading thread
 *   with the batches (line-codec.ts), so the writer only maps each new kind
 *   to a row of ledger_kinds (one lookup per kind, not per line).
 *
 * The earlier narrow prototype, measured alone, wrote far less, but in the
 * real pipeline its per-line kind lookup on the writing thread ate the gain:
 * this measures the writer once the kind travels with the line. Rounds
 * alternate wide and narrow (the machine is shared); each stage reports the
 * writing thread's own CPU and wall seconds, the best round kept. Then the
 * readers' heaviest groupings run on both: the value list of models, the
 * overview's month × provider × model, the invoice check's day grouping — on
 * the narrow layout through the ledger_lines view joining the kinds, and
 * grouped by kind first, then joined (as the app's readers do).
 *
 * Run: npx tsx bench/ledger-layout.bench.ts [lines]   (default 300,000 FOCUS lines, seed 7)
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportStage } from '../shared/api/imports';
import { ImportWriter } from '../electron/backend/imports/import-writer';
import { StageClock } from '../electron/backend/imports/import-profile';
import { K, LineDecoder, L, NUMBERS, moneyAt, quantityAt, type EncodedLines } from '../electron/backend/imports/line-codec';
import type { StatementMeta } from '../electron/backend/imports/protocol';
import { createWorkspaceDatabase } from '../electron/backend/workspace/database';
import { MIGRATIONS } from '../electron/backend/workspace/migrations';
import type { ImportSummary } from '../shared/formats/accumulator';
import { readEncodedStatement } from './lib/encoded-batches';
import { peakRssMb, writeBenchResult } from './lib/result';

const LINES = Number(process.argv[2] ?? 300_000);
const SEED = 7;
const ROUNDS = 2;

interface Run {
  layout: 'wide' | 'narrow';
  wallSeconds: number;
  /** The whole process's CPU (SQLite's sorter threads included). */
  cpuSeconds: number;
  workspaceMb: number;
  /** MB per ledger table and index (SQLite's dbstat), largest first. */
  objectsMb: Record<string, number>;
  stages: ImportStage[];
}

/** The wide ledger_lines' columns as the import wrote them before migration 011 (import_id and cost_basis written into the SQL). */
const WIDE_COLUMNS = [
  'source_row', 'month', 'charge_period_start', 'charge_period_end', 'billing_period', 'charge_category', 'provider', 'publisher',
  'billing_account', 'sub_account', 'credential', 'model', 'model_raw', 'usage_class', 'service_tier', 'context_band', 'region',
  'resource_id', 'sku', 'description', 'tags', 'quantity', 'unit', 'billed_cost', 'effective_cost', 'list_cost', 'contracted_cost',
  'currency', 'list_cost_source', 'source_lines', 'contract_applied',
];
const ROWS_PER_INSERT = 25;

function openFresh(file: string, layout: 'wide' | 'narrow'): Database.Database {
  const db = layout === 'wide' ? createWorkspaceDatabase(file, {}, MIGRATIONS.slice(0, 10)) : createWorkspaceDatabase(file);
  db.pragma('cache_size = -32768');
  return db;
}

function finishRun(layout: Run['layout'], db: Database.Database, file: string, clock: StageClock, cpu: NodeJS.CpuUsage, started: number): Run {
  clock.time('checkpoint (WAL into the workspace file)', () => db.pragma('wal_checkpoint(TRUNCATE)'));
  const used = process.cpuUsage(cpu);
  const measured = { wallSeconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  const objects = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'ledger%' GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[];
  const objectsMb = Object.fromEntries(objects.map((o) => [o.name, Math.round(o.bytes / 1e5) / 10]));
  return { layout, ...measured, workspaceMb: Math.round(statSync(file).size / 1e5) / 10, objectsMb, stages: clock.stages() };
}

/** The app's writer (the narrow layout of migration 011). */
function writeNarrow(db: Database.Database, file: string, meta: StatementMeta, batches: EncodedLines[], summary: ImportSummary): Run {
  const clock = new StageClock('write');
  const cpu = process.cpuUsage();
  const started = performance.now();
  const writer = new ImportWriter(db, { onRejects: 'import', onOverlap: 'keep', dryRun: false }, clock);
  writer.start(meta);
  for (const b of batches) writer.write(b);
  writer.finish(summary, 'f'.repeat(64));
  return finishRun('narrow', db, file, clock, cpu, started);
}

/** The import's writer as it was before migration 011, into the wide ledger_lines: its indexes dropped, the lines inserted, the indexes built. */
function writeWide(db: Database.Database, file: string, batches: EncodedLines[]): Run {
  db.prepare("INSERT INTO imports (id, file_name, sha256, format, rows_read, rows_imported, rows_rejected, lines_written, started_at, finished_at) VALUES (1, 'focus.csv', 'f', 'focus', 0, 0, 0, 0, 'x', 'x')").run();
  const clock = new StageClock('write');
  const cpu = process.cpuUsage();
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  const indexes = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ledger_lines' AND sql IS NOT NULL").all() as { name: string; sql: string }[];
  for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
  db.pragma('cache_size = -16384');
  const width = WIDE_COLUMNS.length;
  const one = `(1, ${new Array(width).fill('?').join(',')}, 'billed')`;
  const insert = `INSERT INTO ledger_lines (import_id, ${WIDE_COLUMNS.join(', ')}, cost_basis) VALUES `;
  const many = db.prepare(insert + new Array(ROWS_PER_INSERT).fill(one).join(','));
  const single = db.prepare(insert + one);
  const decoder = new LineDecoder();
  const params: unknown[] = new Array(width * ROWS_PER_INSERT);
  let filled = 0;
  for (const batch of batches) {
    const since = clock.now();
    decoder.forEach(batch, (line, kind, i) => {
      let p = filled * width;
      const start = line[L.chargePeriodStart] as string;
      const list = moneyAt(batch, i, 2);
      params[p++] = batch.numbers[i * NUMBERS + 1];
      params[p++] = start.slice(0, 7);
      params[p++] = start;
      params[p++] = line[L.chargePeriodEnd];
      params[p++] = line[L.billingPeriod];
      for (const f of ['chargeCategory', 'provider', 'publisher', 'billingAccount', 'subAccount', 'credential', 'model', 'modelRaw', 'usageClass', 'serviceTier', 'contextBand', 'region'] as const) params[p++] = kind[K[f]];
      params[p++] = line[L.resourceId];
      params[p++] = kind[K.sku];
      params[p++] = kind[K.description];
      params[p++] = line[L.tags];
      params[p++] = quantityAt(batch, i);
      params[p++] = kind[K.unit];
      params[p++] = moneyAt(batch, i, 0);
      params[p++] = moneyAt(batch, i, 1);
      params[p++] = list;
      params[p++] = moneyAt(batch, i, 3);
      params[p++] = kind[K.currency];
      params[p++] = list === null ? null : 'vendor';
      params[p++] = batch.numbers[i * NUMBERS + 2];
      params[p] = line[L.contractApplied];
      filled += 1;
      if (filled === ROWS_PER_INSERT) {
        many.run(...params);
        filled = 0;
      }
    });
    clock.add('insert rows (decode, bind, SQLite)', since);
  }
  clock.time('insert rows (decode, bind, SQLite)', () => {
    for (let r = 0; r < filled; r += 1) single.run(params.slice(r * width, (r + 1) * width));
  });
  clock.time('build the ledger indexes', () => {
    db.pragma('threads = 2');
    db.pragma('cache_size = -8192');
    for (const i of indexes) db.exec(i.sql);
  });
  clock.time('commit', () => db.exec('COMMIT'));
  return finishRun('wide', db, file, clock, cpu, started);
}

/** Best of three, milliseconds of wall and of this process's CPU. */
function query(db: Database.Database, sql: string): { ms: number; cpuMs: number; rows: number } {
  let best = { ms: Infinity, cpuMs: Infinity, rows: 0 };
  for (let i = 0; i < 3; i += 1) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const rows = db.prepare(sql).all().length;
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (ms < best.ms) best = { ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), rows };
  }
  return best;
}

const KIND_TOTALS = 'count(*) AS n, total(quantity) AS q, sum(billed_cost) AS billed';
const READS: { name: string; wide: string; view: string; direct: string }[] = [
  {
    name: 'value list of models',
    wide: 'SELECT model AS value, count(*) AS lines FROM ledger_lines GROUP BY model ORDER BY lines DESC, value ASC LIMIT 200',
    view: 'SELECT model AS value, count(*) AS lines FROM ledger_lines GROUP BY model ORDER BY lines DESC, value ASC LIMIT 200',
    direct: `SELECT k.model AS value, sum(g.n) AS lines FROM (SELECT kind_id, count(*) AS n FROM ledger_rows GROUP BY kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id
             GROUP BY k.model ORDER BY lines DESC, value ASC LIMIT 200`,
  },
  {
    name: 'overview month × provider × model',
    wide: "SELECT month, provider, model, count(*), CAST(sum(billed_cost) AS TEXT) FROM ledger_lines WHERE currency = 'USD' GROUP BY month, provider, model",
    view: "SELECT month, provider, model, count(*), CAST(sum(billed_cost) AS TEXT) FROM ledger_lines WHERE currency = 'USD' GROUP BY month, provider, model",
    direct: `SELECT g.month, k.provider, k.model, sum(g.n), CAST(sum(g.billed) AS TEXT) FROM (SELECT month, kind_id, ${KIND_TOTALS} FROM ledger_rows GROUP BY month, kind_id) g
             JOIN ledger_kinds k ON k.id = g.kind_id WHERE k.currency = 'USD' GROUP BY g.month, k.provider, k.model`,
  },
  {
    name: 'invoice check day grouping',
    wide: `SELECT provider, model, usage_class, service_tier, substr(charge_period_start, 1, 10) AS day, count(*), total(quantity), sum(billed_cost)
           FROM ledger_lines GROUP BY provider, model, usage_class, service_tier, day`,
    view: `SELECT provider, model, usage_class, service_tier, substr(charge_period_start, 1, 10) AS day, count(*), total(quantity), sum(billed_cost)
           FROM ledger_lines GROUP BY provider, model, usage_class, service_tier, day`,
    direct: `SELECT k.provider, k.model, k.usage_class, k.service_tier, g.day, sum(g.n), total(g.q), sum(g.billed)
             FROM (SELECT kind_id, substr(charge_period_start, 1, 10) AS day, ${KIND_TOTALS} FROM ledger_rows GROUP BY kind_id, day) g
             JOIN ledger_kinds k ON k.id = g.kind_id GROUP BY k.provider, k.model, k.usage_class, k.service_tier, g.day`,
  },
];

/** Lines per slice, as the invoice check reads a year (contracts/ledger-usage.ts): each slice's sort stays in memory. */
const SLICE = 32_768;
const INVOICE_DIMS = ['provider', 'model', 'usage_class', 'service_tier'] as const;

/**
 * The invoice check's grouping as the app runs it: slices of line ids, each
 * grouped in SQL and merged here. Wide: by the text columns and day. Narrow:
 * by kind and day over ledger_rows alone, the kinds' text joined here (a few
 * hundred kinds read once). Best of three, milliseconds of wall and CPU; the
 * merged groups' count and billed total, to show both agree.
 */
function slicedInvoiceGrouping(db: Database.Database, layout: 'wide' | 'narrow'): { ms: number; cpuMs: number; rows: number; billed: string } {
  let best = { ms: Infinity, cpuMs: Infinity, rows: 0, billed: '' };
  for (let i = 0; i < 3; i += 1) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const table = layout === 'wide' ? 'ledger_lines' : 'ledger_rows';
    const span = db.prepare(`SELECT min(id) AS first, max(id) AS last FROM ${table}`).get() as { first: number; last: number };
    const kinds = new Map<number, string>();
    if (layout === 'narrow') {
      for (const k of db.prepare(`SELECT id, ${INVOICE_DIMS.join(', ')} FROM ledger_kinds`).all() as Record<string, string | number | null>[]) {
        kinds.set(k.id as number, INVOICE_DIMS.map((d) => k[d] ?? '').join('|'));
      }
    }
    const read =
      layout === 'wide'
        ? db.prepare(`SELECT ${INVOICE_DIMS.map((d) => `coalesce(${d}, '')`).join(" || '|' || ")} AS dims, substr(charge_period_start, 1, 10) AS day, ${KIND_TOTALS} FROM ledger_lines WHERE id BETWEEN ? AND ? GROUP BY ${INVOICE_DIMS.join(', ')}, day`)
        : db.prepare(`SELECT kind_id, substr(charge_period_start, 1, 10) AS day, ${KIND_TOTALS} FROM ledger_rows WHERE id BETWEEN ? AND ? GROUP BY kind_id, day`);
    const groups = new Map<string, { n: number; q: number; billed: bigint }>();
    for (let first = span.first; first <= span.last; first += SLICE) {
      for (const r of read.safeIntegers(true).all(first, first + SLICE - 1) as { dims?: string; kind_id?: bigint; day: string; n: bigint; q: number; billed: bigint }[]) {
        const key = `${r.dims ?? kinds.get(Number(r.kind_id))}|${r.day}`;
        const g = groups.get(key);
        if (g) {
          g.n += Number(r.n);
          g.q += r.q;
          g.billed += r.billed;
        } else groups.set(key, { n: Number(r.n), q: r.q, billed: r.billed });
      }
    }
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    let billed = 0n;
    for (const g of groups.values()) billed += g.billed;
    if (ms < best.ms) best = { ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), rows: groups.size, billed: billed.toString() };
  }
  return best;
}

/**
 * The ledger grid's paths (ledger-query.ts: a page's ids first, then its
 * rows): sorted by billed cost at a deep offset; filtered by the commonest
 * model and sorted by billed cost; the filter's count and billed total (the
 * status bar). Narrow: the filter names the model's kinds.
 */
function gridReads(wide: Database.Database, narrow: Database.Database): { query: string; wide: ReturnType<typeof query>; narrow: ReturnType<typeof query> }[] {
  const model = (wide.prepare('SELECT model FROM ledger_lines WHERE model IS NOT NULL GROUP BY model ORDER BY count(*) DESC LIMIT 1').pluck().get() as string).replace(/'/g, "''");
  const kinds = `kind_id IN (SELECT id FROM ledger_kinds WHERE model = '${model}')`;
  const deep = Math.floor((wide.prepare('SELECT count(*) FROM ledger_lines').pluck().get() as number) / 2);
  const page = (table: string, where: string, order: string, offset: number) =>
    `SELECT * FROM ${table} WHERE id IN (SELECT id FROM ${table} ${where} ORDER BY ${order} LIMIT 100 OFFSET ${offset}) ORDER BY ${order}`;
  return [
    { query: 'page by billed cost, half way down', wide: query(wide, page('ledger_lines', '', 'billed_cost DESC, id DESC', deep)), narrow: query(narrow, page('ledger_rows', '', 'billed_cost DESC, id DESC', deep)) },
    { query: 'page in id order, half way down', wide: query(wide, page('ledger_lines', '', 'id ASC', deep)), narrow: query(narrow, page('ledger_rows', '', 'id ASC', deep)) },
    {
      query: 'commonest model, by billed cost, line 500',
      wide: query(wide, page('ledger_lines', `WHERE model = '${model}'`, 'billed_cost DESC, id DESC', 500)),
      narrow: query(narrow, page('ledger_rows', `WHERE ${kinds}`, 'billed_cost DESC, id DESC', 500)),
    },
    {
      query: 'commonest model: count and billed total',
      wide: query(wide, `SELECT count(*), sum(billed_cost) FROM ledger_lines WHERE model = '${model}'`),
      narrow: query(narrow, `SELECT count(*), sum(billed_cost) FROM ledger_rows WHERE ${kinds}`),
    },
  ];
}

function stageCpu(run: Run, prefix: string): number {
  return run.stages.filter((s) => s.stage.startsWith(prefix)).reduce((sum, s) => sum + (s.cpuSeconds ?? 0), 0);
}

async function main(): Promise<void> {
  const { generateStatement } = await import('./generate');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aispend-layout-bench-'));
  try {
    const file = await generateStatement({ format: 'focus', rows: LINES, seed: SEED, out: path.join(dir, 'focus.csv') });
    const { meta, batches, summary } = await readEncodedStatement(file.path);
    const kinds = new Set<number>();
    for (const b of batches) for (const k of b.kindIds) kinds.add(k);
    const runs: Run[] = [];
    const last: Partial<Record<Run['layout'], { db: Database.Database; file: string }>> = {};
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const layout of ['wide', 'narrow'] as const) {
        const ws = path.join(dir, `${layout}-${round}.aispend`);
        const db = openFresh(ws, layout);
        runs.push(layout === 'wide' ? writeWide(db, ws, batches) : writeNarrow(db, ws, meta, batches, summary));
        const r = runs.at(-1)!;
        process.stderr.write(`round ${round + 1} ${layout}: ${r.wallSeconds.toFixed(2)} s, CPU ${r.cpuSeconds.toFixed(2)} s, ${r.workspaceMb} MB\n`);
        last[layout]?.db.close();
        last[layout] = { db, file: ws };
      }
    }
    const best = (layout: Run['layout']) => runs.filter((r) => r.layout === layout).reduce((a, b) => (b.cpuSeconds < a.cpuSeconds ? b : a));
    const wide = best('wide');
    const narrow = best('narrow');
    const reads = READS.map((q) => ({
      query: q.name,
      wide: query(last.wide!.db, q.wide),
      narrowView: query(last.narrow!.db, q.view),
      narrowDirect: query(last.narrow!.db, q.direct),
    }));
    const grid = gridReads(last.wide!.db, last.narrow!.db);
    const slicedInvoice = { wide: slicedInvoiceGrouping(last.wide!.db, 'wide'), narrow: slicedInvoiceGrouping(last.narrow!.db, 'narrow') };
    for (const l of Object.values(last)) l?.db.close();
    const round2 = (n: number) => Math.round(n * 100) / 100;
    writeBenchResult({
      name: `ledger-layout-focus-${LINES / 1000}k`,
      value: round2(narrow.cpuSeconds),
      unit: 's CPU (narrow layout, writing thread and its sorter threads)',
      anchor: 'the wide ledger_lines of schema 10, written as the import wrote it before migration 011, from the same batches',
      anchorValue: round2(wide.cpuSeconds),
      ratio: round2(narrow.cpuSeconds / wide.cpuSeconds),
      peakRssMb: peakRssMb(),
      rows: LINES,
      extra: {
        kinds: kinds.size,
        insertCpu: { wide: round2(stageCpu(wide, 'insert rows')), narrow: round2(stageCpu(narrow, 'insert rows') + stageCpu(narrow, 'decode and bind')) },
        indexCpu: { wide: round2(stageCpu(wide, 'build the ledger indexes')), narrow: round2(stageCpu(narrow, 'build the ledger indexes')) },
        commitCpu: { wide: round2(stageCpu(wide, 'commit')), narrow: round2(stageCpu(narrow, 'commit')) },
        workspaceMb: { wide: wide.workspaceMb, narrow: narrow.workspaceMb },
        objectsMb: { wide: wide.objectsMb, narrow: narrow.objectsMb },
        wallSeconds: { wide: round2(wide.wallSeconds), narrow: round2(narrow.wallSeconds) },
        runs: runs.map((r) => ({ layout: r.layout, wallSeconds: round2(r.wallSeconds), cpuSeconds: round2(r.cpuSeconds), workspaceMb: r.workspaceMb })),
        stages: { wide: wide.stages, narrow: narrow.stages },
        reads,
        slicedInvoice,
        grid,
      },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
