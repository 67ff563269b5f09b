/**
 * The workbench's own ledger CSV (shared/domain/ledger-csv.ts): one column
 * per LedgerLine field, money as exact decimal text, tags as a JSON object.
 * The demo statements are written in it, and it moves ledger lines between
 * workspaces without loss. Recognised when the header has every column.
 *
 * Source total: billedCost per currency. A row whose value does not parse
 * (an unknown usage class, a date that is not a UTC instant) is rejected
 * with the field and the reason, like any vendor row.
 */
import { WorkbenchError } from '../domain/errors';
import { LEDGER_CSV_COLUMNS, ledgerLineFromCsv } from '../domain/ledger-csv';
import { Columns, cell, presentColumns } from './columns';
import type { Detection, FormatModule, FormatSample, MapOptions, RecordMapper } from './types';
import { parseDecimal } from './values/numbers';
import { clip } from './values/text';

/** The columns that tell this format from a vendor's: no vendor writes these camel-case names together. */
const DECIDING = ['chargePeriodStart', 'usageClass', 'serviceTier', 'billedCost', 'modelRaw'];

function detect(sample: FormatSample): Detection | null {
  if (sample.kind !== 'tabular') return null;
  const present = presentColumns(sample.header, LEDGER_CSV_COLUMNS);
  if (present.length < LEDGER_CSV_COLUMNS.length) return null;
  return { formatId: 'aispend-ledger', version: '1', confidence: 1, decidedBy: DECIDING, kind: 'tabular' };
}

function createMapper(sample: FormatSample, options: MapOptions): RecordMapper {
  if (sample.kind !== 'tabular') throw new TypeError('the ledger CSV is tabular');
  const c = new Columns(sample.header, options.fileName);
  const indexes = LEDGER_CSV_COLUMNS.map((name) => [name, c.require(name)] as const);
  const billed = c.require('billedCost');
  const currency = c.require('currency');
  return {
    map(record, row, sink) {
      const values = record as readonly string[];
      sink.begin(row);
      const currencyText = cell(values, currency);
      const amount = parseDecimal(cell(values, billed), '.');
      if (amount !== null && /^[A-Z]{3}$/.test(currencyText)) sink.source(currencyText, amount);
      const byName: Record<string, string> = {};
      for (const [name, i] of indexes) byName[name] = cell(values, i);
      try {
        sink.line(ledgerLineFromCsv(byName, row, options.fileName));
      } catch (error) {
        if (!(error instanceof WorkbenchError)) throw error;
        const field = error.field ?? 'row';
        sink.reject(field, error.message, clip(byName[field] ?? ''));
      }
    },
  };
}

export const aispendLedgerFormat: FormatModule<'aispend-ledger'> = {
  id: 'aispend-ledger',
  label: 'AI Spend Workbench ledger CSV',
  kinds: ['tabular'],
  costBasis: 'billedCost per currency',
  detect,
  createMapper,
};
