/**
 * Ledger lines in a compact form that crosses from the parsing worker to the
 * writing worker cheaply: one string holding every text field back to back,
 * and typed arrays (moved, not copied) for lengths, numbers and money.
 * Structured-cloning a million line objects would cost more than mapping
 * them; a string and three buffers cost a memcpy.
 *
 * A text field's length is -1 for null and -2 for "same as the line before"
 * (provider, currency, category and dates repeat from line to line).
 * Money is nano-units in a BigInt64Array, NULL_MONEY for null (±9.2 × 10^9
 * currency units per line, the same bound as SQLite's INTEGER column).
 */
import { WorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine } from '../../../shared/domain/ledger-line';

export const TEXT_FIELDS = [
  'chargePeriodStart',
  'chargePeriodEnd',
  'billingPeriod',
  'chargeCategory',
  'provider',
  'publisher',
  'billingAccount',
  'subAccount',
  'credential',
  'model',
  'modelRaw',
  'usageClass',
  'serviceTier',
  'contextBand',
  'region',
  'resourceId',
  'sku',
  'description',
  'tags',
  'unit',
  'currency',
] as const;
export const TEXT_FIELD_COUNT = TEXT_FIELDS.length;
/** Index of each text field in a decoded row. */
export const F = Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, i])) as { [K in (typeof TEXT_FIELDS)[number]]: number };

export const NULL_MONEY = -(2n ** 63n);
const NULL_LENGTH = -1;
const SAME_LENGTH = -2;
const MAX_MONEY = 2n ** 63n - 1n;

export interface EncodedLines {
  count: number;
  text: string;
  /** count × TEXT_FIELD_COUNT lengths. */
  lengths: Int32Array;
  /** count × 2: quantity, source row. */
  numbers: Float64Array;
  /** count × 4: billed, effective, list, contracted. */
  money: BigInt64Array;
}

const EMPTY_TAGS = '{}';
const tagText = new WeakMap<object, string>();

/** Tags as stored: '{}' or a JSON object. Mappers hand out cached, frozen tag objects, so each distinct one is stringified once. */
function tagsJson(tags: Record<string, string>): string {
  const known = tagText.get(tags);
  if (known !== undefined) return known;
  let json = EMPTY_TAGS;
  for (const _ in tags) {
    json = JSON.stringify(tags);
    break;
  }
  if (Object.isFrozen(tags)) tagText.set(tags, json);
  return json;
}

function checkedMoney(value: bigint, field: string, line: LedgerLine, fileName: string): bigint {
  if (value > MAX_MONEY || value <= NULL_MONEY) {
    throw new WorkbenchError('invalid_file', `${field} is beyond what the ledger holds (±9.2 billion per line)`, { file: fileName, row: line.sourceRow, field });
  }
  return value;
}

/** Packs lines for transfer; `buffers()` of the result are the transferables. */
export function encodeLines(lines: readonly LedgerLine[], fileName = 'statement'): EncodedLines {
  const n = lines.length;
  const lengths = new Int32Array(n * TEXT_FIELD_COUNT);
  const numbers = new Float64Array(n * 2);
  const money = new BigInt64Array(n * 4);
  const parts: string[] = [];
  const previous: (string | null)[] = new Array<string | null>(TEXT_FIELD_COUNT).fill(null);
  let li = 0;
  const text = (value: string | null, field: number): void => {
    if (value === null) {
      lengths[li++] = NULL_LENGTH;
    } else if (value === previous[field]) {
      lengths[li++] = SAME_LENGTH;
    } else {
      lengths[li++] = value.length;
      parts.push(value);
    }
    previous[field] = value;
  };
  for (let i = 0; i < n; i += 1) {
    const l = lines[i] as LedgerLine;
    text(l.chargePeriodStart, 0);
    text(l.chargePeriodEnd, 1);
    text(l.billingPeriod, 2);
    text(l.chargeCategory, 3);
    text(l.provider, 4);
    text(l.publisher, 5);
    text(l.billingAccount, 6);
    text(l.subAccount, 7);
    text(l.credential, 8);
    text(l.model, 9);
    text(l.modelRaw, 10);
    text(l.usageClass, 11);
    text(l.serviceTier, 12);
    text(l.contextBand, 13);
    text(l.region, 14);
    text(l.resourceId, 15);
    text(l.sku, 16);
    text(l.description, 17);
    text(tagsJson(l.tags), 18);
    text(l.unit, 19);
    text(l.currency, 20);
    numbers[i * 2] = l.quantity;
    numbers[i * 2 + 1] = l.sourceRow;
    const m = i * 4;
    money[m] = checkedMoney(l.billedCost, 'billedCost', l, fileName);
    money[m + 1] = l.effectiveCost === null ? NULL_MONEY : checkedMoney(l.effectiveCost, 'effectiveCost', l, fileName);
    money[m + 2] = l.listCost === null ? NULL_MONEY : checkedMoney(l.listCost, 'listCost', l, fileName);
    money[m + 3] = l.contractedCost === null ? NULL_MONEY : checkedMoney(l.contractedCost, 'contractedCost', l, fileName);
  }
  return { count: n, text: parts.join(''), lengths, numbers, money };
}

/** The buffers to move (not copy) with postMessage. */
export function transferables(batch: EncodedLines): ArrayBuffer[] {
  return [batch.lengths.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer, batch.money.buffer as ArrayBuffer];
}

/**
 * Walks an encoded batch line by line, filling one reused array of text
 * fields (no object per line). `visit` reads `row` and the numbers and money
 * at the given line index.
 */
export function forEachEncodedLine(batch: EncodedLines, visit: (row: readonly (string | null)[], index: number) => void): void {
  const row: (string | null)[] = new Array<string | null>(TEXT_FIELD_COUNT).fill(null);
  const { text, lengths, count } = batch;
  let pos = 0;
  let li = 0;
  for (let i = 0; i < count; i += 1) {
    for (let f = 0; f < TEXT_FIELD_COUNT; f += 1) {
      const len = lengths[li++] as number;
      if (len === SAME_LENGTH) continue;
      if (len === NULL_LENGTH) {
        row[f] = null;
        continue;
      }
      row[f] = text.substring(pos, pos + len);
      pos += len;
    }
    visit(row, i);
  }
}

/** Money at a line index and column (0 billed, 1 effective, 2 list, 3 contracted), null when absent. */
export function moneyAt(batch: EncodedLines, index: number, column: number): bigint | null {
  const v = batch.money[index * 4 + column] as bigint;
  return v === NULL_MONEY ? null : v;
}

/** Turns an encoded batch back into ledger lines (tests, previews). */
export function decodeLines(batch: EncodedLines): LedgerLine[] {
  const out: LedgerLine[] = [];
  forEachEncodedLine(batch, (row, i) => {
    out.push({
      chargePeriodStart: row[F.chargePeriodStart] as string,
      chargePeriodEnd: row[F.chargePeriodEnd] as string,
      billingPeriod: row[F.billingPeriod] ?? null,
      chargeCategory: row[F.chargeCategory] as LedgerLine['chargeCategory'],
      provider: row[F.provider] as string,
      publisher: row[F.publisher] ?? null,
      billingAccount: row[F.billingAccount] ?? null,
      subAccount: row[F.subAccount] ?? null,
      credential: row[F.credential] ?? null,
      model: row[F.model] ?? null,
      modelRaw: row[F.modelRaw] ?? null,
      usageClass: row[F.usageClass] as LedgerLine['usageClass'],
      serviceTier: row[F.serviceTier] as LedgerLine['serviceTier'],
      contextBand: row[F.contextBand] ?? null,
      region: row[F.region] ?? null,
      resourceId: row[F.resourceId] ?? null,
      sku: row[F.sku] ?? null,
      description: row[F.description] ?? null,
      tags: JSON.parse(row[F.tags] ?? '{}') as Record<string, string>,
      quantity: batch.numbers[i * 2] as number,
      unit: row[F.unit] as string,
      billedCost: moneyAt(batch, i, 0) ?? 0n,
      effectiveCost: moneyAt(batch, i, 1),
      listCost: moneyAt(batch, i, 2),
      contractedCost: moneyAt(batch, i, 3),
      currency: row[F.currency] as string,
      sourceRow: batch.numbers[i * 2 + 1] as number,
    });
  });
  return out;
}
