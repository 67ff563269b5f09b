/**
 * Collects what a mapper makes of a file: accepted lines (drained in batches
 * by the importer), rejections, and the exact reconciliation per currency.
 *
 * Reconciliation (per file and currency):
 *   sourceTotal   = the file's own cost column summed exactly, as decimals,
 *                   over every item whose amount parsed;
 *   importedTotal = the billed cost of the lines that landed;
 *   rejectedTotal = the source amounts of rejected items;
 *   difference    = sourceTotal − importedTotal − rejectedTotal.
 * The file reconciles when the difference is below half a cent. An item
 * whose cost text does not parse cannot be summed: it is rejected and listed
 * with its raw text, outside every total.
 *
 * Keeping `ai` (shared/formats/keep.ts), the lines not kept are summed into
 * aggregates before they are counted here: the totals and each category's
 * line count are the same as keeping every line (a category counts the
 * source lines its ledger lines stand for).
 */
import { ExactDecimalSum, agreesToTheCent, nanosToDecimal, rescale, NANO_DECIMALS, type Nanos, type ScaledDecimal } from '../domain/money';
import type { LedgerLine } from '../domain/ledger-line';
import { CHARGE_CATEGORIES, type ChargeCategory } from '../domain/usage';
import { isKnownModelId } from '../domain/model-ids';
import type { Rejection, RowSink } from './types';
import { DecimalSum } from './values/numbers';
import { LineAggregator, keepsLineByLine, type KeepChoice, type LineHint } from './keep';

export interface CurrencyReconciliation {
  currency: string;
  sourceTotal: string;
  importedTotal: string;
  rejectedTotal: string;
  difference: string;
  reconciles: boolean;
  /** What landed, by charge category (usage, tax, credits, refunds… each its own line under the total), exact; in CHARGE_CATEGORIES order. */
  categories: { category: ChargeCategory; importedTotal: string; lines: number }[];
  /** Items that carried an amount in this currency. */
  sourceItems: number;
  /** Source lines that landed (an aggregate counts the lines it stands for). */
  importedLines: number;
  rejectedItems: number;
}

export interface UnknownModel {
  modelId: string;
  raw: string;
  lines: number;
}

export interface ImportSummary {
  fileName: string;
  /** Items read (CSV rows; results inside JSON buckets). */
  rowsRead: number;
  rowsImported: number;
  rowsRejected: number;
  /** Ledger lines to write: each kept line, and each aggregate once. */
  linesImported: number;
  /** What was kept line by line: every line, or the AI lines with the rest aggregated. */
  keep: KeepChoice;
  /** Source lines summed into aggregates (keep `ai`), and the aggregates they became (counted in linesImported). */
  linesAggregated: number;
  aggregateLines: number;
  /** The first rejections (at most maxListedRejections); rowsRejected counts all. */
  rejected: Rejection[];
  rejectedTruncated: boolean;
  reconciliation: CurrencyReconciliation[];
  /** Earliest charge start and latest charge end among imported lines. */
  period: { start: string; end: string } | null;
  billingPeriods: string[];
  billingAccounts: string[];
  providers: string[];
  /** Models not in the catalogue, imported as they are and listed for pricing. */
  unknownModels: UnknownModel[];
}

interface CategoryTotal {
  amount: Nanos;
  lines: number;
}

interface CurrencyTotals {
  source: DecimalSum;
  rejected: DecimalSum;
  /**
   * What landed, by category; the currency's imported total is their sum, taken at the end (one exact addition a
   * line, not two: each is a new BigInt).
   */
  byCategory: Map<ChargeCategory, CategoryTotal>;
  /** The category of the last line that landed, and its entry: lines mostly repeat it (one Map lookup fewer a line). */
  lastCategory: ChargeCategory | null;
  lastCategoryTotal: CategoryTotal | null;
  sourceItems: number;
  importedLines: number;
  rejectedItems: number;
}

export const MAX_LISTED_REJECTIONS = 10_000;
/** Currencies whose totals are found by a search of a short list (more go through the Map only). */
const FEW_CURRENCIES = 4;

export class ImportAccumulator implements RowSink {
  private readonly fileName: string;
  private readonly maxListed: number;

  private row = 0;
  private open = false;
  // The current item, in arrays reused from item to item (a million rows must not allocate a million arrays),
  // with counts rather than emptied: setting an array's length is a call out of optimised code, four a row.
  private readonly itemLines: LedgerLine[] = [];
  private readonly itemHints: (LineHint | undefined)[] = [];
  private itemLineCount = 0;
  private readonly itemCurrencies: string[] = [];
  private readonly itemAmounts: ScaledDecimal[] = [];
  private itemSourceCount = 0;
  private itemRejections: Rejection[] = [];

  private pending: LedgerLine[] = [];
  private readonly totals = new Map<string, CurrencyTotals>();
  /** The first few currencies' totals, searched in order before the Map (a statement has one or two: no hash a row). */
  private readonly fewCurrencies: string[] = [];
  private readonly fewTotals: CurrencyTotals[] = [];
  private readonly rejectedList: Rejection[] = [];
  private rowsRead = 0;
  private rowsImported = 0;
  private rowsRejected = 0;
  private rejectionCount = 0;
  private linesImported = 0;
  private periodStart: string | null = null;
  private periodEnd: string | null = null;
  private readonly billingPeriods = new Set<string>();
  private readonly billingAccounts = new Set<string>();
  private readonly providers = new Set<string>();
  private readonly unknown = new Map<string, UnknownModel>();
  private lastPeriod: string | null = null;
  private lastAccount: string | null = null;
  private lastProvider: string | null = null;
  private readonly aggregator: LineAggregator | null;

  constructor(fileName: string, options: { maxListedRejections?: number; keep?: KeepChoice } = {}) {
    this.fileName = fileName;
    this.maxListed = options.maxListedRejections ?? MAX_LISTED_REJECTIONS;
    this.aggregator = options.keep === 'ai' ? new LineAggregator() : null;
  }

  begin(row: number): void {
    if (this.open) this.commit();
    this.row = row;
    this.open = true;
  }

  line(line: LedgerLine, hint?: LineHint): void {
    this.itemLines[this.itemLineCount] = line;
    this.itemHints[this.itemLineCount] = hint;
    this.itemLineCount += 1;
  }

  source(currency: string, amount: ScaledDecimal): void {
    this.itemCurrencies[this.itemSourceCount] = currency;
    this.itemAmounts[this.itemSourceCount] = amount;
    this.itemSourceCount += 1;
  }

  reject(field: string, reason: string, value?: string): void {
    const rejection: Rejection = { file: this.fileName, row: this.row, field, reason };
    if (value !== undefined) rejection.value = value.length > 200 ? `${value.slice(0, 200)}…` : value;
    this.itemRejections.push(rejection);
  }

  /** Lines accepted since the last call, for the importer to write in batches. */
  takeLines(): LedgerLine[] {
    const lines = this.pending;
    this.pending = [];
    return lines;
  }

  get pendingLines(): number {
    return this.pending.length;
  }

  /** The totals of a currency already met, or undefined. */
  private knownTotals(currency: string): CurrencyTotals | undefined {
    const few = this.fewCurrencies;
    for (let i = 0; i < few.length; i += 1) if (few[i] === currency) return this.fewTotals[i];
    return few.length < FEW_CURRENCIES ? undefined : this.totals.get(currency);
  }

  private totalsFor(currency: string): CurrencyTotals {
    let t = this.knownTotals(currency);
    if (!t) {
      t = { source: new DecimalSum(), rejected: new DecimalSum(), byCategory: new Map(), lastCategory: null, lastCategoryTotal: null, sourceItems: 0, importedLines: 0, rejectedItems: 0 };
      this.totals.set(currency, t);
      if (this.fewCurrencies.length < FEW_CURRENCIES) {
        this.fewCurrencies.push(currency);
        this.fewTotals.push(t);
      }
    }
    return t;
  }

  private commit(): void {
    this.open = false;
    this.rowsRead += 1;
    const rejected = this.itemRejections.length > 0;
    const sources = this.itemSourceCount;
    for (let i = 0; i < sources; i += 1) {
      const t = this.totalsFor(this.itemCurrencies[i] as string);
      const amount = this.itemAmounts[i] as ScaledDecimal;
      t.source.add(amount);
      t.sourceItems += 1;
      if (rejected) {
        t.rejected.add(amount);
        t.rejectedItems += 1;
      }
    }
    if (rejected) {
      this.rowsRejected += 1;
      const currency = sources > 0 ? this.itemCurrencies[0] : undefined;
      let amount: string | undefined;
      if (currency !== undefined) {
        const sum = new DecimalSum();
        for (let i = 0; i < sources; i += 1) if (this.itemCurrencies[i] === currency) sum.add(this.itemAmounts[i] as ScaledDecimal);
        amount = decimalText(sum.value);
      }
      for (const r of this.itemRejections) {
        if (currency !== undefined && amount !== undefined) {
          r.amount = amount;
          r.currency = currency;
        }
        this.rejectionCount += 1;
        if (this.rejectedList.length < this.maxListed) this.rejectedList.push(r);
      }
      this.itemRejections = [];
    } else {
      this.rowsImported += 1;
      for (let i = 0; i < this.itemLineCount; i += 1) this.accept(this.itemLines[i] as LedgerLine, this.itemHints[i]);
    }
    this.itemLineCount = 0;
    this.itemSourceCount = 0;
  }

  private accept(l: LedgerLine, hint: LineHint | undefined): void {
    if (this.aggregator === null || keepsLineByLine(l, hint)) {
      this.pending.push(l);
      this.linesImported += 1;
    } else this.aggregator.add(l, hint);
    // Usage-only formats carry no cost: their zero-cost lines open no reconciliation entry.
    const t = l.billedCost === 0n ? this.knownTotals(l.currency) : this.totalsFor(l.currency);
    if (t) {
      t.importedLines += 1;
      const category = l.chargeCategory;
      let c = t.lastCategory === category ? t.lastCategoryTotal : t.byCategory.get(category);
      if (c) {
        c.amount += l.billedCost;
        c.lines += 1;
      } else t.byCategory.set(category, (c = { amount: l.billedCost, lines: 1 }));
      t.lastCategory = category;
      t.lastCategoryTotal = c;
    }
    if (this.periodStart === null || l.chargePeriodStart < this.periodStart) this.periodStart = l.chargePeriodStart;
    if (this.periodEnd === null || l.chargePeriodEnd > this.periodEnd) this.periodEnd = l.chargePeriodEnd;
    // Consecutive lines mostly share these: skip the set when the value repeats.
    if (l.billingPeriod !== null && l.billingPeriod !== this.lastPeriod) this.billingPeriods.add((this.lastPeriod = l.billingPeriod));
    if (l.billingAccount !== null && l.billingAccount !== this.lastAccount) this.billingAccounts.add((this.lastAccount = l.billingAccount));
    if (l.provider !== this.lastProvider) this.providers.add((this.lastProvider = l.provider));
    if (l.model !== null && !isKnownModelId(l.model)) {
      const u = this.unknown.get(l.model);
      if (u) u.lines += 1;
      else this.unknown.set(l.model, { modelId: l.model, raw: l.modelRaw ?? l.model, lines: 1 });
    }
  }

  /** Closes the last item and returns the file's summary (lines not yet taken stay available via takeLines). */
  finish(): ImportSummary {
    if (this.open) this.commit();
    const aggregates = this.aggregator?.lines() ?? [];
    for (const a of aggregates) this.pending.push(a);
    this.linesImported += aggregates.length;
    const reconciliation: CurrencyReconciliation[] = [];
    for (const [currency, t] of [...this.totals.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const source = rescale(t.source.value, NANO_DECIMALS);
      const rejected = rescale(t.rejected.value, NANO_DECIMALS);
      let imported = 0n;
      for (const c of t.byCategory.values()) imported += c.amount;
      const difference = source - imported - rejected;
      reconciliation.push({
        currency,
        sourceTotal: decimalText(t.source.value),
        importedTotal: nanosToDecimal(imported),
        rejectedTotal: decimalText(t.rejected.value),
        difference: nanosToDecimal(difference),
        reconciles: agreesToTheCent(source, imported + rejected),
        categories: CHARGE_CATEGORIES.flatMap((category) => {
          const c = t.byCategory.get(category);
          return c ? [{ category, importedTotal: nanosToDecimal(c.amount), lines: c.lines }] : [];
        }),
        sourceItems: t.sourceItems,
        importedLines: t.importedLines,
        rejectedItems: t.rejectedItems,
      });
    }
    return {
      fileName: this.fileName,
      rowsRead: this.rowsRead,
      rowsImported: this.rowsImported,
      rowsRejected: this.rowsRejected,
      linesImported: this.linesImported,
      keep: this.aggregator === null ? 'all' : 'ai',
      linesAggregated: this.aggregator?.folded ?? 0,
      aggregateLines: aggregates.length,
      rejected: this.rejectedList.slice(),
      rejectedTruncated: this.rejectionCount > this.rejectedList.length,
      reconciliation,
      period: this.periodStart !== null && this.periodEnd !== null ? { start: this.periodStart, end: this.periodEnd } : null,
      billingPeriods: [...this.billingPeriods].sort(),
      billingAccounts: [...this.billingAccounts].sort(),
      providers: [...this.providers].sort(),
      unknownModels: [...this.unknown.values()].sort((a, b) => b.lines - a.lines || a.modelId.localeCompare(b.modelId)),
    };
  }
}

/** An exact decimal as text, trailing zeros trimmed, at least two decimals ("1.2345", "10.00"). */
function decimalText(value: ScaledDecimal): string {
  const sum = new ExactDecimalSum();
  sum.addScaled(value);
  return sum.toString();
}
