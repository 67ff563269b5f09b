/**
 * Writes the workspace's ledger as a FOCUS 1.3 cost and usage dataset: one
 * folder per billing period (BillingPeriod=2026-03/, the Hive-style layout
 * Spark, Athena, BigQuery external tables and DuckDB read as a partition),
 * each with one CSV or Parquet file. Lines stream from SQLite in id order
 * within each period, so memory stays flat whatever the ledger's size.
 *
 * Parquet is written with hyparquet-writer (MIT, pure JavaScript, from the
 * author of the hyparquet reader the importer uses; it writes DECIMAL from
 * bigint with no float in between): money is DECIMAL(38, 9), exact;
 * quantities DOUBLE; date/times TIMESTAMP (UTC, milliseconds); JSON columns
 * UTF-8 text annotated JSON. CSV is RFC 4180 with empty cells for null and
 * values as they are: a FOCUS file is data for a warehouse, so text is not
 * prefixed against spreadsheet formulas (the board workbook does that).
 *
 * The caller hands it a connection of its own (read-only, WAL): the app
 * keeps reading and writing the workspace while the export streams.
 *
 * Everything is written into a hidden folder beside the target, the billed
 * cost written per currency is checked against the ledger's own sum, and only
 * then is the folder moved into place: a failed, cancelled or unreconciled
 * export leaves nothing behind.
 *
 * It reads ledger_rows, not the ledger_lines view: each line's kind (its
 * provider, model, account, currency…) comes from a map of the few hundred
 * kinds read once, and the ledger's totals are summed per kind first.
 */
import { instantTexts } from '../../../shared/domain/epoch';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { SchemaElement } from 'hyparquet';
import { ParquetWriter, fileWriter } from 'hyparquet-writer';
import type { FocusExportResult } from '../../../shared/api/warehouse';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { validateContract } from '../../../shared/domain/contracts/load';
import type { Contract } from '../../../shared/domain/contracts/types';
import { commitmentIdOn } from '../../../shared/formats/focus-commitments';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { focusColumns, type FocusColumnRule, type FocusRow } from '../../../shared/formats/focus-out/columns';
import { focusRows, type ContractTerm, type FocusRowOptions } from '../../../shared/formats/focus-out/row';
import { ContractRepository } from '../contracts/contract-repository';
import { LedgerKinds, type LedgerKind } from '../ledger/ledger-kinds';
import type { JobContext } from '../jobs/job-runner';

const BATCH = 25_000;
export const FOCUS_FILE_NAME = 'focus-cost-and-usage';

/** A line's own values as ledger_rows holds them (its kind's fields are in ledger_kinds). */
interface RowRecord {
  id: bigint;
  period: string;
  kind_id: bigint;
  /** Epoch seconds (migration 014): a BigInt when whole, read with safeIntegers. */
  charge_period_start: bigint | number;
  charge_period_end: bigint | number;
  billing_period: string | null;
  resource_id: string | null;
  tags: string;
  quantity: number | null;
  billed_cost: bigint;
  effective_cost: bigint | null;
  list_cost: bigint | null;
  contracted_cost: bigint | null;
  source_row: bigint;
}

const ROW_SELECT = `SELECT id, coalesce(billing_period, month) AS period, kind_id, charge_period_start, charge_period_end, billing_period, resource_id, tags,
  quantity, billed_cost, effective_cost, list_cost, contracted_cost, source_row FROM ledger_rows`;

/** The period's text as the importers wrote it, made once per distinct instant for the whole export. */
const instantText = instantTexts();

function toLine(r: RowRecord, k: LedgerKind): LedgerLine {
  return {
    chargePeriodStart: instantText(r.charge_period_start),
    chargePeriodEnd: instantText(r.charge_period_end),
    billingPeriod: r.billing_period,
    chargeCategory: k.chargeCategory,
    provider: k.provider,
    publisher: k.publisher,
    billingAccount: k.billingAccount,
    subAccount: k.subAccount,
    credential: k.credential,
    model: k.model,
    modelRaw: k.modelRaw,
    usageClass: k.usageClass,
    serviceTier: k.serviceTier,
    contextBand: k.contextBand,
    region: k.region,
    resourceId: r.resource_id,
    sku: k.sku,
    description: k.description,
    tags: JSON.parse(r.tags) as Record<string, string>,
    // NULL is a quantity the statement does not report: it stays unknown, never 0.
    quantity: r.quantity === null ? null : Number(r.quantity),
    unit: k.unit,
    billedCost: r.billed_cost,
    effectiveCost: r.effective_cost,
    listCost: r.list_cost,
    contractedCost: r.contracted_cost,
    currency: k.currency,
    sourceRow: Number(r.source_row),
  };
}

/**
 * The stored contracts as FOCUS contract terms: a contract with a commitment applies each charge to the commitment
 * period of its day, the row of the Contract Commitment dataset (`aispend contracts export-focus`) with that id.
 */
export function contractTerms(db: Database.Database): ContractTerm[] {
  return new ContractRepository(db).list().map((c) => {
    let contract: Contract | null = null;
    try {
      const checked = validateContract(parseExactYaml(c.yaml, c.fileName), { file: c.fileName });
      if (checked.ok) contract = checked.contract;
    } catch {
      // A stored contract that no longer parses still applies; only its commitment is unknown.
    }
    const term: ContractTerm = { contractId: c.id, provider: c.vendor, start: c.start, end: c.end, commitmentId: contract?.commitment ? `${c.id}/commitment` : c.id };
    if (contract?.commitment) {
      const known = contract;
      term.commitmentIdOn = (day) => commitmentIdOn(known, day);
    }
    return term;
  });
}

interface PeriodWriter {
  write(row: FocusRow): void;
  finish(): void;
}

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csvWriter(file: string, columns: readonly FocusColumnRule[]): PeriodWriter {
  const fd = openSync(file, 'w');
  let buffer: string[] = [columns.map((c) => c.name).join(',')];
  const flush = (): void => {
    if (buffer.length === 0) return;
    writeSync(fd, `${buffer.join('\n')}\n`);
    buffer = [];
  };
  return {
    write(row) {
      buffer.push(columns.map((c) => csvCell(row[c.name] ?? null)).join(','));
      if (buffer.length >= BATCH) flush();
    },
    finish() {
      flush();
      closeSync(fd);
    },
  };
}

function parquetSchema(columns: readonly FocusColumnRule[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c): SchemaElement => {
      if (c.type === 'Decimal' && c.name.endsWith('Cost')) return { name: c.name, type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, converted_type: 'DECIMAL', scale: 9, precision: 38, repetition_type: 'OPTIONAL' };
      if (c.type === 'Decimal') return { name: c.name, type: 'DOUBLE', repetition_type: 'OPTIONAL' };
      if (c.type === 'DateTime') return { name: c.name, type: 'INT64', converted_type: 'TIMESTAMP_MILLIS', repetition_type: 'OPTIONAL' };
      return { name: c.name, type: 'BYTE_ARRAY', converted_type: c.type === 'JSON' ? 'JSON' : 'UTF8', repetition_type: 'OPTIONAL' };
    }),
  ];
}

function parquetWriter(file: string, columns: readonly FocusColumnRule[]): PeriodWriter {
  const writer = new ParquetWriter({ writer: fileWriter(file), schema: parquetSchema(columns), createdBy: 'AI Spend Workbench' });
  let data = columns.map(() => [] as unknown[]);
  let rows = 0;
  const convert = columns.map((c): ((v: string) => unknown) => {
    if (c.type === 'Decimal' && c.name.endsWith('Cost')) return (v) => parseMoney(v);
    if (c.type === 'Decimal') return (v) => Number(v);
    if (c.type === 'DateTime') return (v) => new Date(v);
    // hyparquet-writer encodes a JSON column from a value: hand it the parsed object so the bytes are the same JSON text.
    if (c.type === 'JSON') return (v) => JSON.parse(v) as unknown;
    return (v) => v;
  });
  const flush = (): void => {
    if (rows === 0) return;
    writer.write({ columnData: columns.map((c, i) => ({ name: c.name, data: data[i] as unknown[] })) as never, rowGroupSize: BATCH });
    data = columns.map(() => []);
    rows = 0;
  };
  return {
    write(row) {
      columns.forEach((c, i) => {
        const v = row[c.name] ?? null;
        (data[i] as unknown[]).push(v === null ? null : (convert[i] as (v: string) => unknown)(v));
      });
      rows += 1;
      if (rows >= BATCH) flush();
    },
    finish() {
      flush();
      writer.finish();
    },
  };
}

export interface FocusExportOptions {
  out: string;
  format: 'csv' | 'parquet';
  month?: string;
  overwrite: boolean;
  /** Allocation of lines to teams, when the workspace has one (not yet: the allocation area plugs in here). */
  allocation?: FocusRowOptions['allocation'];
}

export async function exportFocus(db: Database.Database, options: FocusExportOptions, job?: JobContext): Promise<FocusExportResult> {
  const folder = path.resolve(options.out);
  const parent = path.dirname(folder);
  if (!existsSync(parent)) throw new WorkbenchError('not_found', `the folder ${parent} does not exist`, { file: folder, field: 'out' });
  if (existsSync(folder) && !options.overwrite) throw new WorkbenchError('conflict', 'the export folder already exists; choose another or overwrite it', { file: folder, field: 'out' });
  const month = options.month ?? null;
  const where = month === null ? '' : 'WHERE coalesce(billing_period, month) = ?';
  const params = month === null ? [] : [month];
  const total = (db.prepare(`SELECT count(*) AS n FROM ledger_rows ${where}`).get(...params) as { n: number }).n;
  if (total === 0) throw new WorkbenchError('bad_input', month === null ? 'the ledger has no lines to export' : `the ledger has no lines billed in ${month}`, { field: month === null ? 'workspace' : 'month' });
  const ledgerTotals = new Map(
    (
      db
        .prepare(`SELECT k.currency, sum(g.billed) AS billed FROM (SELECT kind_id, sum(billed_cost) AS billed FROM ledger_rows ${where} GROUP BY month, kind_id) g JOIN ledger_kinds k ON k.id = g.kind_id GROUP BY k.currency`)
        .safeIntegers(true)
        .all(...params) as { currency: string; billed: bigint }[]
    ).map((r) => [r.currency, r.billed]),
  );

  const columns = focusColumns(options.allocation !== undefined);
  const contracts = contractTerms(db);
  const rowOptions: FocusRowOptions = { contracts, allocation: options.allocation };
  const staging = path.join(parent, `.${path.basename(folder)}.writing-${process.pid}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const files: FocusExportResult['files'] = [];
  const written = new Map<string, bigint>();
  let rows = 0;
  let lines = 0;
  let contractsApplied = 0;
  try {
    const kinds = new LedgerKinds(db);
    const statement = db.prepare(`${ROW_SELECT} ${where} ORDER BY period, id`).safeIntegers(true);
    let current: { period: string; writer: PeriodWriter; file: string; rows: number; totals: Map<string, bigint> } | null = null;
    const close = (): void => {
      if (!current) return;
      current.writer.finish();
      files.push({
        billingPeriod: current.period,
        path: path.join(folder, path.relative(staging, current.file)),
        rows: current.rows,
        bytes: statSync(current.file).size,
        totals: [...current.totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, billed]) => ({ currency, billedCost: nanosToDecimal(billed) })),
      });
      current = null;
    };
    for (const record of statement.iterate(...params) as IterableIterator<RowRecord>) {
      if (!current || current.period !== record.period) {
        close();
        const dir = path.join(staging, `BillingPeriod=${record.period}`);
        mkdirSync(dir, { recursive: true });
        const file = path.join(dir, `${FOCUS_FILE_NAME}.${options.format}`);
        current = { period: record.period, writer: options.format === 'csv' ? csvWriter(file, columns) : parquetWriter(file, columns), file, rows: 0, totals: new Map() };
      }
      const line = toLine(record, kinds.get(Number(record.kind_id)));
      for (const row of focusRows(line, rowOptions)) {
        current.writer.write(row);
        current.rows += 1;
        rows += 1;
        if (row.ContractApplied !== null) contractsApplied += 1;
        const billed = parseMoney(row.BilledCost as string);
        current.totals.set(line.currency, (current.totals.get(line.currency) ?? 0n) + billed);
        written.set(line.currency, (written.get(line.currency) ?? 0n) + billed);
      }
      lines += 1;
      if ((lines & 4095) === 0) {
        job?.throwIfCancelled();
        job?.progress(lines, total, `${lines.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} ledger lines written`);
        // Let other work run between batches: the export reads on its own connection (see the handler).
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    close();
    for (const [currency, billed] of ledgerTotals) {
      if (written.get(currency) !== billed) {
        throw new WorkbenchError('internal', `the FOCUS export wrote ${nanosToDecimal(written.get(currency) ?? 0n)} ${currency} but the ledger holds ${nanosToDecimal(billed)}`);
      }
    }
    if (existsSync(folder)) rmSync(folder, { recursive: true, force: true });
    renameSync(staging, folder);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    folder,
    format: options.format,
    focusVersion: '1.3',
    files,
    rows,
    lines,
    totals: [...written].sort(([a], [b]) => a.localeCompare(b)).map(([currency, billed]) => ({ currency, billedCost: nanosToDecimal(billed) })),
    contractsApplied,
  };
}
