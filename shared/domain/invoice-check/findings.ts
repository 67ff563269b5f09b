import type { FINDING_CODES } from './schema';

export type FindingCode = (typeof FINDING_CODES)[number];

/** Each finding in plain words, as procurement would say it to the vendor. */
export const FINDING_TEXT: Record<FindingCode, string> = {
  rate_above_contract: 'Rate above contract',
  rate_above_list: 'Rate above list price',
  discount_not_applied: 'Discount not applied',
  credits_not_applied: 'Credits not applied',
  credits_expired_early: 'Credits expired early',
  cached_billed_as_uncached: 'Cached tokens billed as uncached',
  usage_outside_contract: 'Outside the term',
  cost_without_usage: 'Cost without usage: cannot re-price',
  unknown_model: 'Unknown model',
  missing_invoice_month: 'Missing invoice month',
};

/** Why a month of the check has no contracted amount, as a month table says it. */
export const MONTH_NOTE_TEXT: Record<'outside_term' | 'cost_without_usage' | 'unpriced', string> = {
  outside_term: 'no contract in force: outside the term',
  cost_without_usage: 'not known: lines with a cost but no quantity',
  unpriced: 'not known: usage the price book cannot price',
};
