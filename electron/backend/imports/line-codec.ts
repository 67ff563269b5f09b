/**
 * Ledger lines in a compact form that crosses from the parsing worker to the
 * writing worker cheaply. Structured-cloning a million line objects would
 * cost more than mapping them. Instead:
 *
 * - text fields are ids into a string dictionary both sides keep: a batch
 *   carries only the strings not sent before (statements repeat dates,
 *   providers, models, SKUs, tags), and the writer binds the same string
 *   objects again and again;
 * - numbers and money travel in typed arrays that are moved, not copied.
 *
 * Money is nano-units in a BigInt64Array, NULL_MONEY for null (±9.2 × 10^9
 * currency units per line, the same bound as SQLite's INTEGER column). The
 * dictionary starts over (`reset`) once it holds MAX_DICTIONARY strings, so
 * columns of unique values cannot grow it without bound.
 */
import { WorkbenchError } from '../../../shared/domain/errors';
import { LEDGER_TEXT_FIELDS, type LedgerLine, type LedgerTextField } from '../../../shared/domain/ledger-line';

/** The ledger's text fields, then the FOCUS ContractApplied a line may carry (not a field of the ledger CSV). */
export const TEXT_FIELDS: readonly (LedgerTextField | 'contractApplied')[] = [...LEDGER_TEXT_FIELDS, 'contractApplied'];
export const TEXT_FIELD_COUNT = TEXT_FIELDS.length;
/** Index of each text field in a decoded row. */
export const F = Object.fromEntries(TEXT_FIELDS.map((f, i) => [f, i])) as { [K in LedgerTextField | 'contractApplied']: number };

export const NULL_MONEY = -(2n ** 63n);
const NULL_ID = -1;
const MAX_MONEY = 2n ** 63n - 1n;
const MAX_DICTIONARY = 100_000;
/** Numbers per line in EncodedLines.numbers. */
export const NUMBERS = 3;

export interface EncodedLines {
  count: number;
  /** How far into the file (bytes) the parser had read when it made this batch: the writer's progress. */
  bytes: number;
  /** The dictionary was emptied before this batch (ids start again at 0). */
  reset: boolean;
  /** Strings first used in this batch, in id order, continuing the dictionary. */
  strings: string[];
  /** count × TEXT_FIELD_COUNT dictionary ids, NULL_ID for null. */
  ids: Int32Array;
  /** count × NUMBERS: quantity (NaN when not reported), source row, source lines it stands for. */
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

/** The parsing side: one per statement, because the dictionary spans its batches. */
export class LineEncoder {
  private readonly dictionary = new Map<string, number>();
  private pendingReset = false;

  constructor(private readonly fileName = 'statement') {}

  encode(lines: readonly LedgerLine[], bytes = 0): EncodedLines {
    if (this.dictionary.size > MAX_DICTIONARY) {
      this.dictionary.clear();
      this.pendingReset = true;
    }
    const n = lines.length;
    const ids = new Int32Array(n * TEXT_FIELD_COUNT);
    const numbers = new Float64Array(n * NUMBERS);
    const money = new BigInt64Array(n * 4);
    const strings: string[] = [];
    const dictionary = this.dictionary;
    let k = 0;
    const id = (value: string | null): number => {
      if (value === null) return NULL_ID;
      let found = dictionary.get(value);
      if (found === undefined) {
        found = dictionary.size;
        dictionary.set(value, found);
        strings.push(value);
      }
      return found;
    };
    for (let i = 0; i < n; i += 1) {
      const l = lines[i] as LedgerLine;
      ids[k++] = id(l.chargePeriodStart);
      ids[k++] = id(l.chargePeriodEnd);
      ids[k++] = id(l.billingPeriod);
      ids[k++] = id(l.chargeCategory);
      ids[k++] = id(l.provider);
      ids[k++] = id(l.publisher);
      ids[k++] = id(l.billingAccount);
      ids[k++] = id(l.subAccount);
      ids[k++] = id(l.credential);
      ids[k++] = id(l.model);
      ids[k++] = id(l.modelRaw);
      ids[k++] = id(l.usageClass);
      ids[k++] = id(l.serviceTier);
      ids[k++] = id(l.contextBand);
      ids[k++] = id(l.region);
      ids[k++] = id(l.resourceId);
      ids[k++] = id(l.sku);
      ids[k++] = id(l.description);
      ids[k++] = id(tagsJson(l.tags));
      ids[k++] = id(l.unit);
      ids[k++] = id(l.currency);
      ids[k++] = l.contractApplied === undefined || l.contractApplied === null ? NULL_ID : id(l.contractApplied);
      numbers[i * NUMBERS] = l.quantity ?? Number.NaN; // NaN: not reported
      numbers[i * NUMBERS + 1] = l.sourceRow;
      numbers[i * NUMBERS + 2] = l.sourceLines ?? 1;
      const m = i * 4;
      money[m] = checkedMoney(l.billedCost, 'billedCost', l, this.fileName);
      money[m + 1] = l.effectiveCost === null ? NULL_MONEY : checkedMoney(l.effectiveCost, 'effectiveCost', l, this.fileName);
      money[m + 2] = l.listCost === null ? NULL_MONEY : checkedMoney(l.listCost, 'listCost', l, this.fileName);
      money[m + 3] = l.contractedCost === null ? NULL_MONEY : checkedMoney(l.contractedCost, 'contractedCost', l, this.fileName);
    }
    const reset = this.pendingReset;
    this.pendingReset = false;
    return { count: n, bytes, reset, strings, ids, numbers, money };
  }
}

/** The buffers to move (not copy) with postMessage. */
export function transferables(batch: EncodedLines): ArrayBuffer[] {
  return [batch.ids.buffer as ArrayBuffer, batch.numbers.buffer as ArrayBuffer, batch.money.buffer as ArrayBuffer];
}

/** A line's quantity, or null when the statement did not report it. */
export function quantityAt(batch: EncodedLines, index: number): number | null {
  const q = batch.numbers[index * NUMBERS]!;
  return Number.isNaN(q) ? null : q;
}

/** Money at a line index and column (0 billed, 1 effective, 2 list, 3 contracted), null when absent. */
export function moneyAt(batch: EncodedLines, index: number, column: number): bigint | null {
  const v = batch.money[index * 4 + column] as bigint;
  return v === NULL_MONEY ? null : v;
}

/** The writing side's half of the dictionary: one per statement, fed every batch in order. */
export class LineDecoder {
  private dictionary: string[] = [];

  /**
   * Walks a batch line by line, filling one reused array of text fields (no
   * object per line); `visit` reads the numbers and money at the line index.
   */
  forEach(batch: EncodedLines, visit: (row: readonly (string | null)[], index: number) => void): void {
    if (batch.reset) this.dictionary = [];
    for (const s of batch.strings) this.dictionary.push(s);
    const dictionary = this.dictionary;
    const row: (string | null)[] = new Array<string | null>(TEXT_FIELD_COUNT).fill(null);
    const { ids, count } = batch;
    let k = 0;
    for (let i = 0; i < count; i += 1) {
      for (let f = 0; f < TEXT_FIELD_COUNT; f += 1) {
        const id = ids[k++] as number;
        row[f] = id === NULL_ID ? null : (dictionary[id] as string);
      }
      visit(row, i);
    }
  }

  /** Turns a batch back into ledger lines (tests). */
  decode(batch: EncodedLines): LedgerLine[] {
    const out: LedgerLine[] = [];
    this.forEach(batch, (row, i) => {
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
        quantity: quantityAt(batch, i),
        unit: row[F.unit] as string,
        billedCost: moneyAt(batch, i, 0) ?? 0n,
        effectiveCost: moneyAt(batch, i, 1),
        listCost: moneyAt(batch, i, 2),
        contractedCost: moneyAt(batch, i, 3),
        currency: row[F.currency] as string,
        sourceRow: batch.numbers[i * NUMBERS + 1] as number,
        ...(batch.numbers[i * NUMBERS + 2] !== 1 ? { sourceLines: batch.numbers[i * NUMBERS + 2] as number } : {}),
        ...(row[F.contractApplied] !== null && row[F.contractApplied] !== undefined ? { contractApplied: row[F.contractApplied] } : {}),
      });
    });
    return out;
  }
}
