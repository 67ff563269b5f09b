/**
 * What an import keeps of a big cloud export (AWS CUR, Azure cost details,
 * GCP billing export): every line (`all`), or the AI lines line by line and
 * everything else summed per day × service × account × charge category ×
 * currency (`ai`). Most of such a file is compute, storage and network the
 * workbench has no question about; summing it keeps the file reconciling to
 * the cent (each aggregate's billed cost is the exact sum of its lines'
 * nano-units) and counts the lines each aggregate stands for, at a fraction
 * of the ledger's size.
 *
 * Kept line by line whatever the choice: a line the format's mapper calls AI
 * (a Bedrock, Azure OpenAI or Vertex AI service, meter or SKU, its tax,
 * credits and refunds included) and any line with a model, which is what
 * the invoice check and the price book read.
 */
import type { LedgerLine } from '../domain/ledger-line';
import type { Nanos } from '../domain/money';

export const KEEP_CHOICES = ['all', 'ai'] as const;
export type KeepChoice = (typeof KEEP_CHOICES)[number];

/** The formats that offer `ai`: the cloud providers' whole-account exports. */
export const KEEP_AI_FORMATS: readonly string[] = ['aws-cur', 'azure-cost', 'gcp-billing'];

export function offersKeepAi(formatId: string): boolean {
  return KEEP_AI_FORMATS.includes(formatId);
}

/** What a cloud export's mapper knows about a line beyond the ledger's fields. */
export interface LineHint {
  /** The provider's service ("AmazonEC2", "Virtual Machines", "Compute Engine"). */
  service: string | null;
  /** The line belongs to an AI service, meter or SKU. */
  ai: boolean;
}

export function keepsLineByLine(line: LedgerLine, hint: LineHint | undefined): boolean {
  return hint === undefined || hint.ai || line.model !== null;
}

interface Aggregate {
  line: LedgerLine;
  /** Lines whose effective, list or contracted cost was not given: that sum is then unknown (null), never a partial sum. */
  effectiveMissing: boolean;
  listMissing: boolean;
  contractedMissing: boolean;
}

const EMPTY_TAGS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function addOptional(sum: Nanos | null, value: Nanos | null): Nanos | null {
  return sum === null || value === null ? sum : sum + value;
}

/**
 * Sums the lines not kept, one aggregate per day (of the charge's start, UTC)
 * × service × billing and sub-account × charge category × currency (and the
 * invoice month and provider, which a day of one file shares). An aggregate
 * spans its lines' earliest start and latest end, carries the first line's
 * source row, and `sourceLines` says how many lines it stands for.
 */
export class LineAggregator {
  /**
   * Aggregates by their key's parts, one Map level per part. A 20-million-line
   * export asks for an aggregate once a line: looking up a few short strings
   * (most of them the very strings the reader interned, their hashes cached)
   * costs far less than building and hashing one long key string per line.
   */
  private readonly root = new Map<string, unknown>();
  /** Every aggregate, in the order of its first line. */
  private readonly all: Aggregate[] = [];
  /** Source lines folded into aggregates. */
  folded = 0;

  add(line: LedgerLine, hint: LineHint | undefined): void {
    const service = hint?.service ?? null;
    this.folded += 1;
    let level = step(this.root, dayOf(line.chargePeriodStart));
    level = step(level, service ?? '');
    level = step(level, line.billingAccount ?? '');
    level = step(level, line.subAccount ?? '');
    level = step(level, line.chargeCategory);
    level = step(level, line.currency);
    level = step(level, line.billingPeriod ?? '');
    const a = level.get(line.provider) as Aggregate | undefined;
    if (a === undefined) {
      const created: Aggregate = {
        line: {
          chargePeriodStart: line.chargePeriodStart,
          chargePeriodEnd: line.chargePeriodEnd,
          billingPeriod: line.billingPeriod,
          chargeCategory: line.chargeCategory,
          provider: line.provider,
          publisher: null,
          billingAccount: line.billingAccount,
          subAccount: line.subAccount,
          credential: null,
          model: null,
          modelRaw: null,
          usageClass: 'other',
          serviceTier: 'standard',
          contextBand: null,
          region: null,
          resourceId: null,
          sku: null,
          description: service,
          tags: EMPTY_TAGS,
          quantity: null,
          unit: 'units',
          billedCost: line.billedCost,
          effectiveCost: line.effectiveCost ?? 0n,
          listCost: line.listCost ?? 0n,
          contractedCost: line.contractedCost ?? 0n,
          currency: line.currency,
          sourceRow: line.sourceRow,
          sourceLines: 1,
        },
        effectiveMissing: line.effectiveCost === null,
        listMissing: line.listCost === null,
        contractedMissing: line.contractedCost === null,
      };
      level.set(line.provider, created);
      this.all.push(created);
      return;
    }
    const l = a.line;
    if (line.chargePeriodStart < l.chargePeriodStart) l.chargePeriodStart = line.chargePeriodStart;
    if (line.chargePeriodEnd > l.chargePeriodEnd) l.chargePeriodEnd = line.chargePeriodEnd;
    if (line.sourceRow < l.sourceRow) l.sourceRow = line.sourceRow;
    l.billedCost += line.billedCost;
    l.effectiveCost = addOptional(l.effectiveCost, line.effectiveCost);
    l.listCost = addOptional(l.listCost, line.listCost);
    l.contractedCost = addOptional(l.contractedCost, line.contractedCost);
    a.effectiveMissing ||= line.effectiveCost === null;
    a.listMissing ||= line.listCost === null;
    a.contractedMissing ||= line.contractedCost === null;
    l.sourceLines = (l.sourceLines ?? 1) + 1;
  }

  /** Aggregates so far. */
  get size(): number {
    return this.all.length;
  }

  /** The aggregates as ledger lines, in the order of their first source row. */
  lines(): LedgerLine[] {
    const out: LedgerLine[] = [];
    for (const a of this.all) {
      const l = a.line;
      out.push({ ...l, effectiveCost: a.effectiveMissing ? null : l.effectiveCost, listCost: a.listMissing ? null : l.listCost, contractedCost: a.contractedMissing ? null : l.contractedCost });
    }
    return out.sort((x, y) => x.sourceRow - y.sourceRow);
  }
}

/** The next level of the aggregator's key, made on first use. */
function step(level: Map<string, unknown>, key: string): Map<string, unknown> {
  let next = level.get(key) as Map<string, unknown> | undefined;
  if (next === undefined) {
    next = new Map<string, unknown>();
    level.set(key, next);
  }
  return next;
}

const days = new Map<string, string>();

/** "2026-03-01T04:00:00Z" → "2026-03-01", one string per distinct start (an export has a few thousand). */
function dayOf(start: string): string {
  let day = days.get(start);
  if (day === undefined) {
    if (days.size > 100_000) days.clear();
    day = start.slice(0, 10);
    days.set(start, day);
  }
  return day;
}

const hints = new Map<string, LineHint>();

/** One shared hint per service and AI flag (a 20-million-line export must not allocate one per line). */
export function lineHint(service: string | null, ai: boolean): LineHint {
  const key = `${ai ? '1' : '0'}${service ?? ''}`;
  let hint = hints.get(key);
  if (hint === undefined) {
    if (hints.size > 10_000) hints.clear();
    hint = Object.freeze({ service: service === '' ? null : service, ai });
    hints.set(key, hint);
  }
  return hint;
}
