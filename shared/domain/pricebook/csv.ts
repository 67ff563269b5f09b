import { parse } from 'csv-parse/browser/esm/sync';
import { PriceRowSchema, type PriceRowWire } from './schema';
import { csvDocument, unguardFormula } from '../csv-text';
import { WorkbenchError } from '../errors';
import { isDecimalText, nanosToDecimal, parseMoney } from '../money';
import { amountProblem } from '../bounds';

/**
 * The price book as CSV, for people who keep prices in a spreadsheet: one row
 * per price row, the same columns both ways, so an exported file imports back
 * unchanged. Pure text ⇄ rows; reading and writing files is the shell's job.
 */

export const PRICE_CSV_COLUMNS = [
  'id',
  'provider',
  'model',
  'usage_class',
  'meter',
  'service_tier',
  'context_above',
  'region',
  'effective_from',
  'effective_to',
  'currency',
  'price',
  'per',
  'unit',
  'source',
  'note',
] as const;

type Column = (typeof PRICE_CSV_COLUMNS)[number];

const FIELD_OF: Record<Column, keyof PriceRowWire> = {
  id: 'id',
  provider: 'provider',
  model: 'model',
  usage_class: 'usageClass',
  meter: 'meter',
  service_tier: 'serviceTier',
  context_above: 'contextAbove',
  region: 'region',
  effective_from: 'effectiveFrom',
  effective_to: 'effectiveTo',
  currency: 'currency',
  price: 'price',
  per: 'per',
  unit: 'unit',
  source: 'source',
  note: 'note',
};

function cellOf(row: PriceRowWire, column: Column): string {
  const value = row[FIELD_OF[column]];
  if (value === null || value === undefined) return '';
  if (column === 'price') return nanosToDecimal(parseMoney(String(value)), 2);
  return String(value);
}

export function priceRowsToCsv(rows: readonly PriceRowWire[]): string {
  return csvDocument(PRICE_CSV_COLUMNS, rows.map((row) => PRICE_CSV_COLUMNS.map((c) => cellOf(row, c))));
}

function fail(file: string, row: number, field: string, message: string): never {
  throw new WorkbenchError('invalid_file', message, { file, row, field });
}

/** Columns a price list must have (`id`, `source` and `note` may be left out). */
const REQUIRED_COLUMNS = PRICE_CSV_COLUMNS.filter((c) => c !== 'note' && c !== 'id' && c !== 'source');

/**
 * Reads a price list one record at a time, so a file is checked as it
 * streams: the header first (a file without the price-book columns is
 * refused before any row is read), then each row into a validated price
 * row. Every problem names the file, the line (the spreadsheet row; the
 * header is line 1) and the column; one bad row rejects the whole file,
 * so an import never lands half a price list.
 */
export class PriceCsvReader {
  private columns: string[] | null = null;
  private readonly ids = new Set<string>();

  constructor(private readonly file: string) {}

  /** The header row: every required column once. */
  header(cells: readonly string[]): void {
    const header = cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim().toLowerCase());
    if (header.every((h) => h === '')) fail(this.file, 1, '', 'the file is empty: expected a header row');
    for (const column of REQUIRED_COLUMNS) {
      if (!header.includes(column)) fail(this.file, 1, column, `missing column ${column}: a price list has the columns ${PRICE_CSV_COLUMNS.join(', ')}`);
    }
    const duplicate = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
    if (duplicate) fail(this.file, 1, duplicate, `column ${duplicate} appears twice`);
    this.columns = header;
  }

  /** One data row at its line; throws naming the line and column of the first problem. */
  row(record: readonly string[], line: number): PriceRowWire {
    const header = this.columns;
    if (header === null) throw new Error('PriceCsvReader.row before header');
    const file = this.file;
    const get = (column: Column): string => {
      const i = header.indexOf(column);
      return i < 0 ? '' : unguardFormula((record[i] ?? '').trim());
    };
    const price = get('price');
    if (price === '') fail(file, line, 'price', 'price is missing');
    if (!isDecimalText(price)) fail(file, line, 'price', `price "${price.slice(0, 40)}" is not a decimal number such as 2.50`);
    const priceProblem = amountProblem(price);
    if (priceProblem) fail(file, line, 'price', priceProblem);
    const per = get('per');
    const contextAbove = get('context_above');
    const candidate = {
      id: get('id'),
      provider: get('provider'),
      model: get('model'),
      usageClass: get('usage_class'),
      meter: get('meter') || null,
      serviceTier: get('service_tier') || 'standard',
      contextAbove: contextAbove === '' ? null : /^\d+$/.test(contextAbove) ? Number(contextAbove) : contextAbove,
      region: get('region') || null,
      effectiveFrom: get('effective_from') || null,
      effectiveTo: get('effective_to') || null,
      currency: get('currency').toUpperCase(),
      price: nanosToDecimal(parseMoney(price), 0),
      per: /^\d+$/.test(per) ? Number(per) : per,
      unit: get('unit'),
      source: get('source') || 'user',
      note: get('note'),
    };
    if (candidate.id === '') {
      candidate.id = `user:${candidate.provider}:${candidate.model}:${candidate.usageClass}${candidate.meter ? `/${candidate.meter}` : ''}:${candidate.serviceTier}:${candidate.contextAbove ?? 0}:${candidate.region ?? '*'}:${candidate.effectiveFrom ?? 'start'}`;
    }
    const parsed = PriceRowSchema.safeParse(candidate);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      const column = (Object.keys(FIELD_OF) as Column[]).find((c) => FIELD_OF[c] === field) ?? field;
      fail(file, line, column, `${column}: ${issue.message}`);
    }
    if (this.ids.has(parsed.data.id)) fail(file, line, 'id', `row id ${parsed.data.id} appears twice`);
    this.ids.add(parsed.data.id);
    return parsed.data;
  }
}

/** Parses price-book CSV text into rows (the whole text at once: for small lists; the backend streams files through PriceCsvReader). */
export function priceRowsFromCsv(text: string, file: string): PriceRowWire[] {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true, bom: true }) as string[][];
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return fail(file, e.lines ?? 1, '', `not readable as CSV: ${e.message ?? String(error)}`);
  }
  const reader = new PriceCsvReader(file);
  if (!records[0]) return fail(file, 1, '', 'the file is empty: expected a header row');
  reader.header(records[0]);
  return records.slice(1).map((record, index) => reader.row(record, index + 2));
}
