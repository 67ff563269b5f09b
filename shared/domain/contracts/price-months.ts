import type { PriceBook } from '../pricebook/book';
import { monthOf, monthRange } from '../calendar';
import { initialState, priceContractMonth } from './price-month';
import type { Contract, ContractMonth, UsageItem } from './types';

export interface PriceMonthsOptions {
  /** First month to price; defaults to the earlier of the term's first month and the first month with usage. */
  from?: string;
  /** Last month to price; defaults to the later of the term's last month and the last month with usage. */
  through?: string;
}

/**
 * Prices consecutive months under a contract, carrying credit balances,
 * contract-year totals and commitment carry-over from each month to the
 * next. Months without usage are priced too: fees, true-ups, minimum fees
 * and credit expiry happen whether or not anything was used. State always
 * starts at the term's first month (or earlier), so credits and annual
 * terms are right however late the caller's interest begins.
 */
export function priceContractMonths(contract: Contract, book: PriceBook, usageByMonth: ReadonlyMap<string, readonly UsageItem[]>, options: PriceMonthsOptions = {}): ContractMonth[] {
  const usageMonths = [...usageByMonth.keys()].sort();
  const termFirst = monthOf(contract.start);
  const termLast = monthOf(contract.end);
  const first = [termFirst, usageMonths[0] ?? termFirst].sort()[0]!;
  const last = [termLast, usageMonths[usageMonths.length - 1] ?? termLast].sort().reverse()[0]!;
  const from = options.from && options.from < first ? options.from : first;
  const through = options.through ?? last;
  const out: ContractMonth[] = [];
  let state = initialState(contract);
  for (const month of monthRange(from, through)) {
    const result = priceContractMonth(contract, month, usageByMonth.get(month) ?? [], book, state);
    state = result.state;
    if (!options.from || month >= options.from) out.push(result);
  }
  return out;
}

/** Groups usage items by the month of their date. */
export function byMonth(items: Iterable<UsageItem & { date: string }>): Map<string, UsageItem[]> {
  const out = new Map<string, UsageItem[]>();
  for (const item of items) {
    const m = monthOf(item.date);
    const list = out.get(m) ?? [];
    list.push(item);
    out.set(m, list);
  }
  return out;
}
