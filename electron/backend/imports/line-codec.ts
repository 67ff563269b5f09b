/**
 * Ledger lines in a compact form that crosses from the parsing worker to the
 * writing worker cheaply. Structured-cloning a million line objects would
 * cost more than mapping them. Instead:
 *
 * - text fields are ids into a string dictionary both sides keep: a batch
 *   carries only the strings not sent before (statements repeat dates,
 *   providers, models, SKUs, tags), and the writer binds the same string
 *   objects again and again;
 * - the text fields that repeat together (who billed, for what, how: see
 *   KIND_FIELDS) are one id per line, the line's kind, interned here on the
 *   parsing side: a batch carries each kind first used in it once (as
 *   dictionary ids), so the writer never looks a kind up. A million FOCUS
 *   lines hold a few thousand kinds; the writer resolves each kind's strings
 *   once, and a narrow ledger can store the kind id instead of its sixteen
 *   columns;
 * - numbers and money travel in typed arrays that are moved, not copied.
 *
 * Money is nano-units in a BigInt64Array, NULL_MONEY for null (±9.2 × 10^9
 * currency units per line, the same bound as SQLite's INTEGER column). The
 * dictionary and the kinds start over together (`reset`) once the
 * dictionary holds MAX_DICTIONARY strings or there are MAX_KINDS kinds, so
 * columns of unique values cannot grow them without bound.
 */
import { WorkbenchError } from '../../../shared/domain/errors';
import type { LedgerLine, LedgerTextField } from '../../../shared/domain/ledger-line';

/**
 * The text fields that make a line's kind: values many lines share. Dates,
 * the resource, tags and contract applications belong to the line (they
 * multiply the kinds by days or resources).
 */
export const KIND_FIELDS = [
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
  'sku',
  'description',
  'unit',
  'currency',
] as const satisfies readonly LedgerTextField[];
/** The line's own text fields, then the FOCUS ContractApplied a line may carry (not a field of the ledger CSV). */
export const LINE_FIELDS = ['chargePeriodStart', 'chargePeriodEnd', 'billingPeriod', 'resourceId', 'tags', 'contractApplied'] as const;
export const KIND_WIDTH = KIND_FIELDS.length;
export const LINE_WIDTH = LINE_FIELDS.length;
/** Index of each field in a kind's values. */
export const K = Object.fromEntries(KIND_FIELDS.map((f, i) => [f, i])) as { [Key in (typeof KIND_FIELDS)[number]]: number };
/** Index of each field in a line's own text values. */
export const L = Object.fromEntries(LINE_FIELDS.map((f, i) => [f, i])) as { [Key in (typeof LINE_FIELDS)[number]]: number };

export const NULL_MONEY = -(2n ** 63n);
const NULL_ID = -1;
const MAX_MONEY = 2n ** 63n - 1n;
const MAX_DICTIONARY = 100_000;
const MAX_KINDS = 100_000;
/** Numbers per line in EncodedLines.numbers. */
export const NUMBERS = 3;

export interface EncodedLines {
  count: number;
  /** How far into the file (bytes) the parser had read when it made this batch: the writer's progress. */
  bytes: number;
  /** The dictionary and the kinds were emptied before this batch (ids start again at 0). */
  reset: boolean;
  /** Strings first used in this batch, in id order, continuing the dictionary. */
  strings: string[];
  /** Kinds first used in this batch, in kind id order: KIND_WIDTH dictionary ids each, NULL_ID for null. */
  kinds: Int32Array;
  /** count kind ids, one per line. */
  kindIds: Int32Array;
  /** count × LINE_WIDTH dictionary ids, NULL_ID for null. */
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

/**
 * The kinds met so far, as tuples of dictionary ids in one growing array,
 * found again by an open-addressing hash table over the tuple (no string
 * key built per line: this runs for every line on the parsing thread).
 */
class KindTable {
  private tuples = new Int32Array(KIND_WIDTH * 1024);
  /** Kind id + 1 per slot, 0 when empty; a power of two at least twice the kinds. */
  private slots = new Int32Array(4096);
  size = 0;

  /** The kind of the tuple in `key`, or -1 when it is new (then `add` it). */
  find(key: Int32Array, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = slots[s] as number;
      if (entry === 0) return -1;
      const at = (entry - 1) * KIND_WIDTH;
      let same = true;
      for (let f = 0; f < KIND_WIDTH; f += 1) {
        if (this.tuples[at + f] !== key[f]) {
          same = false;
          break;
        }
      }
      if (same) return entry - 1;
    }
  }

  add(key: Int32Array, hash: number): number {
    const id = this.size;
    if ((id + 1) * KIND_WIDTH > this.tuples.length) {
      const grown = new Int32Array(this.tuples.length * 2);
      grown.set(this.tuples);
      this.tuples = grown;
    }
    this.tuples.set(key, id * KIND_WIDTH);
    this.size += 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(id, hash);
    return id;
  }

  clear(): void {
    this.slots.fill(0);
    this.size = 0;
  }

  private place(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = id + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.size; id += 1) this.place(id, hashOf(this.tuples, id * KIND_WIDTH));
  }
}

/** FNV-1a over a kind's dictionary ids. */
function hashOf(ids: Int32Array, at: number): number {
  let h = 0x811c9dc5;
  for (let f = 0; f < KIND_WIDTH; f += 1) h = Math.imul(h ^ (ids[at + f] as number), 0x01000193);
  return h >>> 0;
}

/** A kind met lately: its values (KIND_FIELDS order) and its id. */
interface RecentKind {
  values: readonly (string | null)[];
  kind: number;
}

/** Kinds remembered per SKU (a SKU is billed to a few accounts, regions, credentials). */
const RECENT_PER_SKU = 16;
/** SKUs remembered before starting over. */
const MAX_RECENT_SKUS = 10_000;
/**
 * Lines counted at a time: when fewer than half of them were of a kind met lately (a kind field that differs on every
 * line), remembering kinds costs more than it saves and the encoder stops for the rest of the statement.
 */
const RECENT_WINDOW = 4096;
/** Charge periods remembered before starting over. */
const MAX_PERIODS = 10_000;

function kindValues(l: LedgerLine): (string | null)[] {
  return [l.chargeCategory, l.provider, l.publisher, l.billingAccount, l.subAccount, l.credential, l.model, l.modelRaw, l.usageClass, l.serviceTier, l.contextBand, l.region, l.sku, l.description, l.unit, l.currency];
}

/** Whether a line is of a kind: its text fields compared (the ones that differ most within a SKU first). */
function isOfKind(v: readonly (string | null)[], l: LedgerLine): boolean {
  return (
    v[4] === l.subAccount &&
    v[3] === l.billingAccount &&
    v[5] === l.credential &&
    v[11] === l.region &&
    v[13] === l.description &&
    v[15] === l.currency &&
    v[12] === l.sku &&
    v[0] === l.chargeCategory &&
    v[1] === l.provider &&
    v[2] === l.publisher &&
    v[6] === l.model &&
    v[7] === l.modelRaw &&
    v[8] === l.usageClass &&
    v[9] === l.serviceTier &&
    v[10] === l.contextBand &&
    v[14] === l.unit
  );
}

/** The parsing side: one per statement, because the dictionary and the kinds span its batches. */
export class LineEncoder {
  private readonly dictionary = new Map<string, number>();
  private readonly kinds = new KindTable();
  private readonly key = new Int32Array(KIND_WIDTH);
  /**
   * Kinds met lately, by the line's SKU (or description): a line of one of them is known by
   * comparing its sixteen fields to theirs (mostly the very same strings) instead of sixteen
   * dictionary lookups and a search of the kind table (a sixth of the reading thread's encoding
   * and mapping time on a million FOCUS lines).
   */
  private readonly recent = new Map<string, RecentKind[]>();
  private remembering = true;
  private recentLines = 0;
  private recentHits = 0;
  private pendingReset = false;
  /**
   * Charge periods met, by their start, with the end that came with it last and the two ids: one lookup for a line's
   * two dates (a statement's periods are a few hundred, the end mostly following the start). Emptied with the dictionary.
   */
  private readonly periodIds = new Map<string, { end: string; startId: number; endId: number }>();

  constructor(private readonly fileName = 'statement') {}

  encode(lines: readonly LedgerLine[], bytes = 0): EncodedLines {
    if (this.dictionary.size > MAX_DICTIONARY || this.kinds.size > MAX_KINDS) {
      this.dictionary.clear();
      this.kinds.clear();
      this.recent.clear();
      this.periodIds.clear();
      this.pendingReset = true;
    }
    const n = lines.length;
    const ids = new Int32Array(n * LINE_WIDTH);
    const kindIds = new Int32Array(n);
    const numbers = new Float64Array(n * NUMBERS);
    const money = new BigInt64Array(n * 4);
    const strings: string[] = [];
    const newKinds: number[] = [];
    const dictionary = this.dictionary;
    const kinds = this.kinds;
    const key = this.key;
    const recent = this.recent;
    const remembering = this.remembering;
    const periodIds = this.periodIds;
    let hits = 0;
    let k = 0;
    // Ids of the previous line's repeating fields, per batch (the dictionary may start over between batches).
    let lastPeriod: string | null | undefined;
    let lastPeriodId = NULL_ID;
    let lastResource: string | null | undefined;
    let lastResourceId = NULL_ID;
    let lastTags: Record<string, string> | undefined;
    let lastTagsId = NULL_ID;
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
      const recentKey = remembering ? (l.sku ?? l.description ?? '') : '';
      let known = remembering ? recent.get(recentKey) : undefined;
      let kind = -1;
      if (known !== undefined) {
        for (let r = 0; r < known.length; r += 1) {
          const candidate = known[r] as RecentKind;
          if (isOfKind(candidate.values, l)) {
            kind = candidate.kind;
            hits += 1;
            break;
          }
        }
      }
      if (kind < 0) {
        // KIND_FIELDS order.
        key[0] = id(l.chargeCategory);
        key[1] = id(l.provider);
        key[2] = id(l.publisher);
        key[3] = id(l.billingAccount);
        key[4] = id(l.subAccount);
        key[5] = id(l.credential);
        key[6] = id(l.model);
        key[7] = id(l.modelRaw);
        key[8] = id(l.usageClass);
        key[9] = id(l.serviceTier);
        key[10] = id(l.contextBand);
        key[11] = id(l.region);
        key[12] = id(l.sku);
        key[13] = id(l.description);
        key[14] = id(l.unit);
        key[15] = id(l.currency);
        const hash = hashOf(key, 0);
        kind = kinds.find(key, hash);
        if (kind < 0) {
          kind = kinds.add(key, hash);
          for (let f = 0; f < KIND_WIDTH; f += 1) newKinds.push(key[f] as number);
        }
        if (remembering) {
          if (known === undefined) {
            if (recent.size >= MAX_RECENT_SKUS) recent.clear();
            known = [];
            recent.set(recentKey, known);
          }
          // The newest first; the oldest goes when a SKU has more kinds than are kept.
          if (known.length >= RECENT_PER_SKU) known.pop();
          known.unshift({ values: kindValues(l), kind });
        }
      }
      kindIds[i] = kind;
      const periodStart = l.chargePeriodStart;
      const periodEnd = l.chargePeriodEnd;
      let period = periodIds.get(periodStart);
      if (period === undefined || period.end !== periodEnd) {
        period = { end: periodEnd, startId: id(periodStart), endId: id(periodEnd) };
        if (periodIds.size >= MAX_PERIODS) periodIds.clear();
        periodIds.set(periodStart, period);
      }
      ids[k++] = period.startId;
      ids[k++] = period.endId;
      // The billing period, the resource, the tags and the contract mostly repeat the previous line's
      // (the very same string or object): its id again without a dictionary lookup.
      if (l.billingPeriod !== lastPeriod) {
        lastPeriod = l.billingPeriod;
        lastPeriodId = id(lastPeriod);
      }
      ids[k++] = lastPeriodId;
      if (l.resourceId !== lastResource) {
        lastResource = l.resourceId;
        lastResourceId = id(lastResource);
      }
      ids[k++] = lastResourceId;
      if (l.tags !== lastTags) {
        lastTags = l.tags;
        lastTagsId = id(tagsJson(lastTags));
      }
      ids[k++] = lastTagsId;
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
    if (remembering) {
      this.recentLines += n;
      this.recentHits += hits;
      if (this.recentLines >= RECENT_WINDOW) {
        if (this.recentHits * 2 < this.recentLines) {
          this.remembering = false;
          this.recent.clear();
        }
        this.recentLines = 0;
        this.recentHits = 0;
      }
    }
    const reset = this.pendingReset;
    this.pendingReset = false;
    return { count: n, bytes, reset, strings, kinds: Int32Array.from(newKinds), kindIds, ids, numbers, money };
  }
}

/** The buffers to move (not copy) with postMessage. */
export function transferables(batch: EncodedLines): ArrayBuffer[] {
  return [batch.kinds.buffer, batch.kindIds.buffer, batch.ids.buffer, batch.numbers.buffer, batch.money.buffer] as ArrayBuffer[];
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

/** A kind's values, KIND_FIELDS order; shared by every line of the kind, never to be changed. */
export type KindValues = readonly (string | null)[];

/** The writing side's half of the dictionary and the kinds: one per statement, fed every batch in order. */
export class LineDecoder {
  private dictionary: string[] = [];
  private kinds: KindValues[] = [];

  /** Takes in the batch's new strings and kinds (each kind's strings are resolved once, here). */
  private receive(batch: EncodedLines): void {
    if (batch.reset) {
      this.dictionary = [];
      this.kinds = [];
    }
    const dictionary = this.dictionary;
    for (const s of batch.strings) dictionary.push(s);
    const tuples = batch.kinds;
    for (let at = 0; at < tuples.length; at += KIND_WIDTH) {
      // Pushed, not preallocated: a packed array, read without hole checks for every line of the kind.
      const values: (string | null)[] = [];
      for (let f = 0; f < KIND_WIDTH; f += 1) {
        const id = tuples[at + f] as number;
        values.push(id === NULL_ID ? null : (dictionary[id] as string));
      }
      this.kinds.push(values);
    }
  }

  /**
   * Walks a batch line by line: the line's own text fields in one reused
   * array (no object per line) and its kind's values; `visit` reads the
   * numbers and money at the line index.
   */
  forEach(batch: EncodedLines, visit: (line: readonly (string | null)[], kind: KindValues, index: number) => void): void {
    this.receive(batch);
    const dictionary = this.dictionary;
    const kinds = this.kinds;
    const line: (string | null)[] = [];
    for (let f = 0; f < LINE_WIDTH; f += 1) line.push(null);
    const { ids, kindIds, count } = batch;
    let k = 0;
    for (let i = 0; i < count; i += 1) {
      for (let f = 0; f < LINE_WIDTH; f += 1) {
        const id = ids[k++] as number;
        line[f] = id === NULL_ID ? null : (dictionary[id] as string);
      }
      visit(line, kinds[kindIds[i] as number] as KindValues, i);
    }
  }

  /** Turns a batch back into ledger lines (tests). */
  decode(batch: EncodedLines): LedgerLine[] {
    const out: LedgerLine[] = [];
    this.forEach(batch, (line, kind, i) => {
      out.push({
        chargePeriodStart: line[L.chargePeriodStart] as string,
        chargePeriodEnd: line[L.chargePeriodEnd] as string,
        billingPeriod: line[L.billingPeriod] ?? null,
        chargeCategory: kind[K.chargeCategory] as LedgerLine['chargeCategory'],
        provider: kind[K.provider] as string,
        publisher: kind[K.publisher] ?? null,
        billingAccount: kind[K.billingAccount] ?? null,
        subAccount: kind[K.subAccount] ?? null,
        credential: kind[K.credential] ?? null,
        model: kind[K.model] ?? null,
        modelRaw: kind[K.modelRaw] ?? null,
        usageClass: kind[K.usageClass] as LedgerLine['usageClass'],
        serviceTier: kind[K.serviceTier] as LedgerLine['serviceTier'],
        contextBand: kind[K.contextBand] ?? null,
        region: kind[K.region] ?? null,
        resourceId: line[L.resourceId] ?? null,
        sku: kind[K.sku] ?? null,
        description: kind[K.description] ?? null,
        tags: JSON.parse(line[L.tags] ?? '{}') as Record<string, string>,
        quantity: quantityAt(batch, i),
        unit: kind[K.unit] as string,
        billedCost: moneyAt(batch, i, 0) ?? 0n,
        effectiveCost: moneyAt(batch, i, 1),
        listCost: moneyAt(batch, i, 2),
        contractedCost: moneyAt(batch, i, 3),
        currency: kind[K.currency] as string,
        sourceRow: batch.numbers[i * NUMBERS + 1] as number,
        ...(batch.numbers[i * NUMBERS + 2] !== 1 ? { sourceLines: batch.numbers[i * NUMBERS + 2] as number } : {}),
        ...(line[L.contractApplied] !== null && line[L.contractApplied] !== undefined ? { contractApplied: line[L.contractApplied] } : {}),
      });
    });
    return out;
  }
}
