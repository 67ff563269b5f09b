/**
 * The result of a push-down query (shared/formats/pushdown): a vendor export
 * aggregated in a warehouse to the ledger's grain, as the engine exported it
 * (CSV, Parquet or JSON Lines), detected by its columns (aispend_row,
 * aispend_source, aispend_source_rows, billed_cost, currency).
 *
 * Each group row is turned back into a row of the source's own format (the
 * summed costs and quantities, the day's first start and last end, the raw
 * values the query grouped on, the chosen tags) and mapped by that format's
 * own importer: the model names, accounts, classes and tiers are the ones the
 * raw file would get, by the same code. The usage class, tier, band and
 * charge category the warehouse compiled from the same rules must agree with
 * the importer's, group by group: a group where they differ is rejected with
 * both values (a rule the engine reads differently, to be reported).
 *
 * Reconciliation: the groups' billed cost per currency, exactly, against the
 * control row the query wrote for that currency from the rows it read, and
 * the groups' source rows against the control's. A result that does not
 * reconcile (a truncated export, a missing part file, a filter applied to the
 * result) is refused with the numbers, and nothing is imported.
 */
import { WorkbenchError } from '../domain/errors';
import type { LedgerLine } from '../domain/ledger-line';
import type { ScaledDecimal } from '../domain/money';
import { awsCurFormat } from './aws-cur';
import { azureCostFormat } from './azure-cost';
import { Columns, cell, presentColumns } from './columns';
import { focusFormat } from './focus';
import { gcpBillingFormat } from './gcp-billing';
import { SOURCES } from './pushdown/query';
import { RESULT, TAG_COLUMN_PREFIX, isPushdownSource, type SourceSpec } from './pushdown/types';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper, RowSink } from './types';
import { isJsonObject, member, textOf, type JsonValue } from './values/json';
import { DecimalSum, parseDecimal } from './values/numbers';
import { clip } from './values/text';

const REQUIRED = [RESULT.row, RESULT.source, RESULT.rows, RESULT.billed, RESULT.currency];

function detect(sample: FormatSample): Detection | null {
  const keys = sample.kind === 'tabular' ? sample.header : jsonKeys(sample.records);
  const found = presentColumns(keys, REQUIRED);
  if (found.length < REQUIRED.length) return null;
  const sourceIndex = keys.findIndex((k) => k.trim().toLowerCase() === RESULT.source);
  const first = sample.kind === 'tabular' ? (sample.rows[0]?.[sourceIndex] ?? '') : (textOf(member(sample.records[0] ?? null, keys[sourceIndex] ?? '')) ?? '');
  return { formatId: 'ledger-aggregate', version: first.trim() || 'unknown', confidence: 1, decidedBy: found, kind: sample.kind };
}

function jsonKeys(records: readonly JsonValue[]): string[] {
  const keys = new Set<string>();
  for (const r of records) if (isJsonObject(r)) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}

/** Exact per-currency sums and row counts. */
class Totals {
  readonly billed = new Map<string, DecimalSum>();
  readonly rows = new Map<string, bigint>();
  add(currency: string, amount: ScaledDecimal, rows: bigint): void {
    let sum = this.billed.get(currency);
    if (!sum) this.billed.set(currency, (sum = new DecimalSum()));
    sum.add(amount);
    this.rows.set(currency, (this.rows.get(currency) ?? 0n) + rows);
  }
}

function decimalText(sum: DecimalSum | undefined): string {
  if (!sum) return '0';
  const { digits, scale } = sum.value;
  const negative = digits < 0n;
  const abs = (negative ? -digits : digits).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? abs : `${abs.slice(0, abs.length - scale)}.${abs.slice(abs.length - scale)}`;
  return `${negative ? '-' : ''}${text}`;
}

function same(a: DecimalSum | undefined, b: DecimalSum | undefined): boolean {
  const x = a?.value ?? { digits: 0n, scale: 0 };
  const y = b?.value ?? { digits: 0n, scale: 0 };
  const scale = Math.max(x.scale, y.scale);
  return x.digits * 10n ** BigInt(scale - x.scale) === y.digits * 10n ** BigInt(scale - y.scale);
}

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  const header = sample.kind === 'tabular' ? [...sample.header] : jsonKeys(sample.records);
  const c = new Columns(header, options.fileName);
  const at = (name: string): number => c.index(name);
  const rowKind = c.require(RESULT.row);
  const sourceIndex = c.require(RESULT.source);
  const rowsIndex = c.require(RESULT.rows);
  const billedIndex = c.require(RESULT.billed);
  const currencyIndex = c.require(RESULT.currency);
  const versionIndex = at(RESULT.version);
  const tagIndexes: [number, string][] = [];
  header.forEach((h, i) => {
    if (h.trim().toLowerCase().startsWith(TAG_COLUMN_PREFIX)) tagIndexes.push([i, h.trim().slice(TAG_COLUMN_PREFIX.length)]);
  });
  // ClickHouse, Hive and Spark write a null cell as \N in CSV; every cell of this result that can be null is ours.
  const fromJson = sample.kind === 'json';
  const toValues = (record: readonly string[] | JsonValue): readonly string[] => {
    if (!fromJson) {
      const cells = record as readonly string[];
      return cells.includes('\\N') ? cells.map((v) => (v === '\\N' ? '' : v)) : cells;
    }
    // A JSON record that is not an object has none of the result's keys: every cell is blank, and the row is rejected.
    return header.map((k) => (isJsonObject(record as JsonValue) ? (textOf(member(record as JsonValue, k)) ?? '') : ''));
  };
  const sampleValues = sample.kind === 'tabular' ? sample.rows.map(toValues) : sample.records.map(toValues);
  const groupSample = sampleValues.filter((v) => cell(v, rowKind).trim() === 'group');
  const sourceId = (groupSample[0] ?? sampleValues[0]) ? cell((groupSample[0] ?? sampleValues[0]) as readonly string[], sourceIndex).trim() : '';
  if (!isPushdownSource(sourceId)) {
    throw new WorkbenchError('invalid_file', `aispend_source is "${clip(sourceId)}"; the push-down query writes focus, aws-cur, gcp-billing or azure-cost`, {
      file: options.fileName,
      row: 2,
      field: RESULT.source,
    });
  }
  const spec: SourceSpec = SOURCES[sourceId];
  const version = (groupSample[0] && versionIndex >= 0 ? cell(groupSample[0], versionIndex).trim() : '') || spec.defaultVersion;
  const format = sourceFormat(spec.formatId);

  const groupCells = (values: readonly string[]) => ({
    get: (column: string): string => cell(values, at(column)),
    tags: tagIndexes.flatMap(([i, name]): [string, string][] => {
      const v = values[i];
      return v === undefined || v === '' ? [] : [[name, v]];
    }),
  });
  const inner = format.createMapper(
    { kind: 'tabular', fileName: options.fileName, header: spec.sourceHeader, rows: groupSample.map((v) => spec.sourceRow(groupCells(v))) },
    { fileName: options.fileName, version, decimal: '.', dateOrder: options.dateOrder },
    { formatId: spec.formatId, version, confidence: 1, decidedBy: [], kind: 'tabular' },
  );

  const groups = new Totals();
  const control = new Totals();
  let controlRows = 0;
  let badControl: { row: number; field: string; currency: string } | null = null;
  const compiled: [string, keyof Pick<LedgerLine, 'chargeCategory' | 'usageClass' | 'serviceTier' | 'contextBand'>][] = [
    [RESULT.chargeCategory, 'chargeCategory'],
    [RESULT.usageClass, 'usageClass'],
    [RESULT.serviceTier, 'serviceTier'],
    [RESULT.contextBand, 'contextBand'],
  ];

  return {
    map(record, row, sink) {
      const values = toValues(record);
      const kind = cell(values, rowKind).trim();
      const currency = cell(values, currencyIndex).trim().toUpperCase();
      const billedText = cell(values, billedIndex);
      const billed = parseDecimal(billedText, '.');
      const rowsText = cell(values, rowsIndex).trim();
      const rows = /^\d+$/.test(rowsText) ? BigInt(rowsText) : null;
      if (kind === 'control') {
        controlRows += 1;
        // A control row that cannot be read makes the whole file unreadable: finish() refuses it, naming the row.
        if (billed === null || rows === null) badControl ??= { row, field: billed === null ? RESULT.billed : RESULT.rows, currency };
        else control.add(currency, billed, rows);
        return;
      }
      if (kind !== 'group') {
        sink.begin(row);
        return sink.reject(RESULT.row, 'aispend_row is neither group nor control', clip(kind));
      }
      if (billed !== null && rows !== null) groups.add(currency, billed, rows);
      else if (rows === null) {
        sink.begin(row);
        return sink.reject(RESULT.rows, 'aispend_source_rows is not a whole number', clip(rowsText));
      }
      let first = true;
      const checked: RowSink = {
        begin: (r) => sink.begin(r),
        source: (cur, amount) => sink.source(cur, amount),
        reject: (field, reason, value) => sink.reject(field, reason, value),
        line: (line) => {
          if (first) {
            first = false;
            for (const [column, field] of compiled) {
              const index = at(column);
              if (index < 0) continue;
              const warehouse = cell(values, index).trim();
              const importer = line[field] ?? '';
              if (warehouse !== importer) {
                sink.reject(column, `the warehouse's compiled rules say ${column} "${warehouse}", the importer's say "${importer}"`, warehouse);
                return;
              }
            }
          }
          sink.line(line);
        },
      };
      inner.map(spec.sourceRow(groupCells(values)), row, checked);
    },
    finish() {
      if (badControl !== null) {
        throw new WorkbenchError('invalid_file', `the control row for ${badControl.currency || 'a currency'} has no billed cost or row count`, {
          file: options.fileName,
          row: badControl.row,
          field: badControl.field,
        });
      }
      if (controlRows === 0) {
        throw new WorkbenchError('invalid_file', 'the query result has no control rows; export the whole result of the push-down query, control rows included', { file: options.fileName, field: RESULT.row });
      }
      const currencies = [...new Set([...groups.billed.keys(), ...control.billed.keys()])].sort();
      const problems: string[] = [];
      for (const currency of currencies) {
        const g = groups.billed.get(currency);
        const k = control.billed.get(currency);
        const gRows = groups.rows.get(currency) ?? 0n;
        const kRows = control.rows.get(currency) ?? 0n;
        if (!same(g, k) || gRows !== kRows) {
          problems.push(`${currency}: the groups sum to ${decimalText(g)} over ${gRows} source rows, the control row says ${decimalText(k)} over ${kRows} rows`);
        }
      }
      if (problems.length > 0) {
        throw new WorkbenchError('invalid_file', `the query result does not reconcile to its control totals (${problems.join('; ')}); export the whole result again`, {
          file: options.fileName,
          field: RESULT.billed,
        });
      }
    },
  };
}

const SOURCE_FORMATS: Readonly<Record<string, FormatModule | undefined>> = {
  focus: focusFormat,
  'aws-cur': awsCurFormat,
  'gcp-billing': gcpBillingFormat,
  'azure-cost': azureCostFormat,
};

function sourceFormat(id: string): FormatModule {
  const format = SOURCE_FORMATS[id];
  if (!format) throw new WorkbenchError('internal', `no importer for ${id}`);
  return format;
}

export const ledgerAggregateFormat: FormatModule<'ledger-aggregate'> = {
  id: 'ledger-aggregate',
  label: 'Warehouse aggregate (push-down query result)',
  kinds: ['tabular', 'json'],
  costBasis: 'billed_cost per currency, reconciled to the control rows the query wrote',
  detect,
  createMapper,
};
