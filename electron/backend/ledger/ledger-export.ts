import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type * as Excelts from '@cj-tech-master/excelts';
import type { JobParsedInput } from '../../../shared/api';
import { LEDGER_DIMENSION_LABELS, type LedgerExportResult } from '../../../shared/api/ledger-export';
import { LEDGER_FIELDS, type LedgerDimension, type LedgerField, type LedgerFilter } from '../../../shared/api/ledger';
import { WorkbenchError } from '../../../shared/domain/errors';
import { nanosToDecimal, nanosToNumber, parseMoney } from '../../../shared/domain/money';
import { csvField, csvText } from '../../../shared/domain/spreadsheet-text';
import type { BackendContext } from '../context';
import { downloadPath } from '../files/downloads';
import type { JobContext } from '../jobs/job-runner';
import { onFirstUse } from '../lazy-require';
import { lineOrderSql } from './columns';
import { instantTexts } from '../../../shared/domain/epoch';
import { linesWithKind } from './filters';
import { summariseLedger } from './ledger-summary';

type ExportInput = JobParsedInput<'ledger.export'>;

/** excelts, loaded with the first workbook exported (lazy-require.ts). */
const excelts = onFirstUse<typeof Excelts>('@cj-tech-master/excelts');

/** Data rows an Excel sheet holds below its header row. */
export const XLSX_MAX_ROWS = 1_048_575;
/** Rows between progress reports, cancel checks and turns of the event loop. */
const BATCH = 2_000;

type Kind = 'text' | 'money' | 'number' | 'integer';
type Value = string | number | null;

interface Column {
  label: string;
  kind: Kind;
  width: number;
}

/** Money as exact decimal text (CSV) or a number (XLSX cells). */
const money = (nanosText: string | null): Value => (nanosText === null ? null : nanosToDecimal(BigInt(nanosText)));

/**
 * The lines, in the grid's order (what was billed, then where it came from),
 * with every field a line holds. Money is read as text so no amount passes
 * through a double before the XLSX cell.
 */
const LINE_COLUMNS: readonly (Column & { sql: string; instant?: true })[] = [
  // Epoch seconds (migration 014), written as the instant's text, made once per distinct instant (instantTexts).
  { label: 'Charge period start', kind: 'text', width: 22, sql: 'l.charge_period_start', instant: true },
  { label: 'Charge period end', kind: 'text', width: 22, sql: 'l.charge_period_end', instant: true },
  { label: 'Provider', kind: 'text', width: 12, sql: 'l.provider' },
  { label: 'Model', kind: 'text', width: 24, sql: 'l.model' },
  { label: 'Usage class', kind: 'text', width: 16, sql: 'l.usage_class' },
  { label: 'Service tier', kind: 'text', width: 12, sql: 'l.service_tier' },
  { label: 'Quantity', kind: 'number', width: 16, sql: 'l.quantity' },
  { label: 'Unit', kind: 'text', width: 10, sql: 'l.unit' },
  { label: 'Billed cost', kind: 'money', width: 18, sql: "CASE WHEN l.cost_basis = 'list' THEN NULL ELSE CAST(l.billed_cost AS TEXT) END" },
  { label: 'Effective cost', kind: 'money', width: 18, sql: 'CAST(l.effective_cost AS TEXT)' },
  { label: 'List cost', kind: 'money', width: 18, sql: 'CAST(l.list_cost AS TEXT)' },
  { label: 'Contracted cost', kind: 'money', width: 18, sql: 'CAST(l.contracted_cost AS TEXT)' },
  { label: 'Currency', kind: 'text', width: 9, sql: 'l.currency' },
  { label: 'Cost basis', kind: 'text', width: 12, sql: "CASE WHEN l.cost_basis = 'list' THEN 'usage only' ELSE 'billed' END" },
  { label: 'Project', kind: 'text', width: 20, sql: 'l.sub_account' },
  { label: 'API key', kind: 'text', width: 20, sql: 'l.credential' },
  { label: 'Billing account', kind: 'text', width: 18, sql: 'l.billing_account' },
  { label: 'Region', kind: 'text', width: 12, sql: 'l.region' },
  { label: 'Month', kind: 'text', width: 9, sql: 'l.month' },
  { label: 'Billing period', kind: 'text', width: 12, sql: 'l.billing_period' },
  { label: 'Charge category', kind: 'text', width: 12, sql: 'l.charge_category' },
  { label: 'Vendor model id', kind: 'text', width: 26, sql: 'l.model_raw' },
  { label: 'Publisher', kind: 'text', width: 12, sql: 'l.publisher' },
  { label: 'Context band', kind: 'text', width: 12, sql: 'l.context_band' },
  { label: 'Resource', kind: 'text', width: 20, sql: 'l.resource_id' },
  { label: 'SKU', kind: 'text', width: 20, sql: 'l.sku' },
  { label: 'Description', kind: 'text', width: 30, sql: 'l.description' },
  { label: 'Tags', kind: 'text', width: 30, sql: "CASE WHEN l.tags = '{}' THEN NULL ELSE l.tags END" },
  { label: 'Import', kind: 'integer', width: 8, sql: 'l.import_id' },
  { label: 'Import file', kind: 'text', width: 30, sql: 'i.file_name' },
  { label: 'Source row', kind: 'integer', width: 10, sql: 'l.source_row' },
  { label: 'Line id', kind: 'integer', width: 10, sql: 'l.id' },
];

const GROUP_MEASURES: readonly Column[] = [
  { label: 'Currency', kind: 'text', width: 9 },
  { label: 'Lines', kind: 'integer', width: 10 },
  { label: 'Quantity', kind: 'number', width: 18 },
  { label: 'Billed cost', kind: 'money', width: 18 },
  { label: 'Effective cost', kind: 'money', width: 18 },
  { label: 'List cost', kind: 'money', width: 18 },
];

const EXTENSIONS = { csv: '.csv', xlsx: '.xlsx' } as const;

/** The rows of a view, with their columns and how many there are, read from a connection of their own. */
interface Rows {
  columns: readonly Column[];
  count: number;
  rows(): Iterable<Value[]>;
}

function lineRows(db: Database.Database, input: ExportInput): Rows {
  for (const s of input.sort) {
    if (!(LEDGER_FIELDS as readonly string[]).includes(s.field)) throw new WorkbenchError('bad_input', `lines cannot be sorted by ${s.field}`, { field: 'sort' });
  }
  const { from, where } = linesWithKind(input.filters as LedgerFilter[]);
  const order = lineOrderSql(input.sort as { field: LedgerField; dir: 'asc' | 'desc' }[], 'l.');
  const count = (db.prepare(`SELECT count(*) AS n FROM ${from} ${where.sql}`).get(...where.params) as { n: number }).n;
  // The filters name bare columns: they are applied in a subquery over the lines, then joined to their import.
  const sql = `SELECT ${LINE_COLUMNS.map((c) => c.sql).join(', ')}
    FROM (SELECT * FROM ${from} ${where.sql}) AS l LEFT JOIN imports i ON i.id = l.import_id
    ORDER BY ${order}`;
  const statement = db.prepare(sql).raw(true);
  return {
    columns: LINE_COLUMNS,
    count,
    *rows() {
      const instantText = instantTexts();
      for (const raw of statement.iterate(...where.params) as Iterable<Value[]>) {
        yield raw.map((v, i) => (LINE_COLUMNS[i]!.kind === 'money' ? money(v as string | null) : LINE_COLUMNS[i]!.instant ? instantText(v as number) : v));
      }
    },
  };
}

function groupRows(db: Database.Database, input: ExportInput): Rows {
  const by = input.by as LedgerDimension[];
  const summary = summariseLedger(db, { by, filters: input.filters as LedgerFilter[], sort: input.sort as never, offset: 0, limit: Number.MAX_SAFE_INTEGER });
  const dims: Column[] = by.map((d) => ({ label: LEDGER_DIMENSION_LABELS[d], kind: d === 'importId' ? 'integer' : 'text', width: d === 'model' ? 24 : 16 }));
  return {
    columns: [...dims, ...GROUP_MEASURES],
    count: summary.rows.length,
    *rows() {
      for (const r of summary.rows) yield [...by.map((d) => r.key[d] ?? null), r.currency, r.lines, r.quantity, r.billedCost, r.effectiveCost, r.listCost];
    },
  };
}

/** A CSV cell: text formula-safe and quoted, numbers and amounts as written. */
function csvCell(value: Value, kind: Kind): string {
  if (value === null) return '';
  return kind === 'text' ? csvText(String(value)) : csvField(String(value));
}

async function writeCsv(file: string, rows: Rows, job: JobContext): Promise<number> {
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  // A byte-order mark: Excel then reads the file as UTF-8 (project and model names are not all ASCII).
  out.write(`\ufeff${rows.columns.map((c) => csvField(c.label)).join(',')}\r\n`);
  let n = 0;
  let chunk: string[] = [];
  for (const row of rows.rows()) {
    chunk.push(row.map((v, i) => csvCell(v, rows.columns[i]!.kind)).join(','));
    n++;
    if (chunk.length === BATCH) {
      const more = out.write(`${chunk.join('\r\n')}\r\n`);
      chunk = [];
      job.progress(n, rows.count, 'Writing rows');
      job.throwIfCancelled();
      await (more ? new Promise((r) => setImmediate(r)) : Promise.race([once(out, 'drain'), failed]));
    }
  }
  if (chunk.length > 0) out.write(`${chunk.join('\r\n')}\r\n`);
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  return n;
}

const NUMBER_FORMATS: Record<Kind, string | undefined> = {
  text: undefined,
  money: '#,##0.00#######',
  number: '#,##0.######',
  integer: '0',
};

async function writeXlsx(file: string, rows: Rows, about: [string, string][], job: JobContext): Promise<number> {
  if (rows.count > XLSX_MAX_ROWS) {
    throw new WorkbenchError('bad_input', `this view has ${rows.count.toLocaleString('en-US')} rows, more than an Excel sheet holds (${XLSX_MAX_ROWS.toLocaleString('en-US')}): export it as CSV, or filter or group it first`, { field: 'format' });
  }
  const workbook = new (excelts().WorkbookWriter)({ filename: file, useSharedStrings: false, useStyles: true, zip: { zlib: { level: 3 } } });
  const sheet = workbook.addWorksheet('Ledger', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = rows.columns.map((c) => ({ header: c.label, width: c.width, style: NUMBER_FORMATS[c.kind] ? { numFmt: NUMBER_FORMATS[c.kind] } : {} }));
  sheet.getRow(1).font = { bold: true };
  sheet.autoFilter = { from: { row: 1, col: 1 }, to: { row: 1, col: rows.columns.length } };
  let n = 0;
  for (const row of rows.rows()) {
    // Text goes in as text cells, never as formulas, whatever it starts with; money becomes a number for Excel to add up.
    sheet.addRow(row.map((v, i) => (v !== null && rows.columns[i]!.kind === 'money' ? nanosToNumber(parseMoney(String(v))) : v))).commit();
    n++;
    if (n % BATCH === 0) {
      job.progress(n, rows.count, 'Writing rows');
      job.throwIfCancelled();
      await new Promise((r) => setImmediate(r));
    }
  }
  sheet.commit();
  const info = workbook.addWorksheet('About this export');
  info.columns = [
    { header: 'What', width: 22 },
    { header: 'Value', width: 90 },
  ];
  info.getRow(1).font = { bold: true };
  for (const pair of about) info.addRow(pair).commit();
  info.commit();
  await workbook.commit();
  return n;
}

function describeFilters(filters: readonly LedgerFilter[]): string {
  if (filters.length === 0) return 'none: every line';
  return filters
    .map((f) => {
      if (f.op === 'tagEquals') return `tag ${f.key} = ${f.value}`;
      if (f.op === 'in') return `${f.field} in ${f.values.join(', ')}`;
      if (!('value' in f)) return `${f.field} ${f.op === 'blank' ? 'is blank' : 'is not blank'}`;
      const words: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gte: '≥', lt: '<', lte: '≤', contains: 'contains', startsWith: 'starts with' };
      return `${f.field} ${words[f.op] ?? f.op} ${f.value}`;
    })
    .join('; ');
}

function defaultName(workspaceName: string, input: ExportInput): string {
  const stem = `${workspaceName} ledger${input.by.length > 0 ? ` by ${input.by.join(' and ')}` : ''}`.replace(/[^\w.\- ]+/g, '').trim().replace(/\s+/g, '-');
  return `${stem || 'ledger'}${EXTENSIONS[input.format]}`;
}

/**
 * Writes the ledger view to a file, row by row from a read-only connection of
 * its own (the app keeps answering while it runs), into a temporary file
 * that is renamed into place only when complete: a cancelled or failed
 * export leaves nothing half-written behind.
 */
export async function exportLedgerView(backend: BackendContext, input: ExportInput, job: JobContext): Promise<LedgerExportResult> {
  const workspace = backend.workspace();
  const info = workspace.info();
  const extension = EXTENSIONS[input.format];
  const target = input.out ? path.resolve(input.out) : downloadPath(defaultName(info.name, input));
  if (path.extname(target).toLowerCase() !== extension) {
    throw new WorkbenchError('bad_input', `a ${input.format.toUpperCase()} export is written to a ${extension} file`, { file: target, field: 'out' });
  }
  if (!existsSync(path.dirname(target))) throw new WorkbenchError('not_found', `the folder ${path.dirname(target)} does not exist`, { file: target, field: 'out' });
  const partial = `${target}.part`;
  const db = new Database(workspace.path, { readonly: true, fileMustExist: true, ...(backend.options.nativeBinding ? { nativeBinding: backend.options.nativeBinding } : {}) });
  try {
    db.pragma('busy_timeout = 5000');
    const grouped = input.by.length > 0;
    const rows = grouped ? groupRows(db, input) : lineRows(db, input);
    job.progress(0, rows.count, 'Writing rows');
    const about: [string, string][] = [
      ['Workspace', `${info.name} (${info.path})`],
      ['Exported at', new Date().toISOString()],
      ['View', input.title ?? (grouped ? `Grouped by ${input.by.map((d) => LEDGER_DIMENSION_LABELS[d as LedgerDimension]).join(' › ')}` : 'Every line')],
      ['Filters', describeFilters(input.filters as LedgerFilter[])],
      ['Sort', input.sort.length > 0 ? input.sort.map((s) => `${s.field} ${s.dir === 'desc' ? 'descending' : 'ascending'}`).join(', ') : grouped ? 'by the grouping' : 'by line id'],
      ['Rows', String(rows.count)],
      ['Amounts', 'Excel holds amounts as numbers to 15 significant digits; the CSV export of the same view keeps every digit the ledger holds.'],
    ];
    const written = input.format === 'csv' ? await writeCsv(partial, rows, job) : await writeXlsx(partial, rows, about, job);
    job.throwIfCancelled();
    renameSync(partial, target);
    job.progress(written, rows.count, 'Done');
    return { file: target, fileName: path.basename(target), format: input.format, rows: written, grouped, bytes: statSync(target).size };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
}

