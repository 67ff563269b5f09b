import type { LedgerLine } from '../ledger-line';
import { chargeMonth } from '../ledger-line';
import type { Nanos } from '../money';
import { resolveModel, type PriceBook } from './book';

export interface UnknownModelReport {
  provider: string;
  /** The model as the ledger names it (normalised id, else the vendor's spelling). */
  model: string;
  modelRaw: string | null;
  lines: number;
  firstMonth: string;
  lastMonth: string;
  /** What the vendor billed for these lines, per currency. */
  billedCost: Map<string, Nanos>;
}

type Line = Pick<LedgerLine, 'provider' | 'model' | 'modelRaw' | 'chargeCategory' | 'chargePeriodStart' | 'billedCost' | 'currency'>;

/**
 * Models in the ledger the price book cannot price, for the user to add. They
 * are listed, never priced at zero: an unpriced model would otherwise vanish
 * from every comparison.
 */
export function findUnknownModels(book: PriceBook, lines: Iterable<Line>): UnknownModelReport[] {
  const out = new Map<string, UnknownModelReport>();
  for (const line of lines) {
    if (line.chargeCategory !== 'usage') continue;
    const model = line.model ?? line.modelRaw;
    if (model === null) continue;
    if (resolveModel(book, line.provider, model) !== null) continue;
    if (line.model !== null && line.modelRaw !== null && resolveModel(book, line.provider, line.modelRaw) !== null) continue;
    const key = `${line.provider}|${model}`;
    const month = chargeMonth(line.chargePeriodStart);
    const report = out.get(key) ?? { provider: line.provider, model, modelRaw: line.modelRaw, lines: 0, firstMonth: month, lastMonth: month, billedCost: new Map<string, Nanos>() };
    report.lines += 1;
    if (month < report.firstMonth) report.firstMonth = month;
    if (month > report.lastMonth) report.lastMonth = month;
    report.billedCost.set(line.currency, (report.billedCost.get(line.currency) ?? 0n) + line.billedCost);
    out.set(key, report);
  }
  return [...out.values()].sort((a, b) => a.provider.localeCompare(b.provider) || a.model.localeCompare(b.model));
}
