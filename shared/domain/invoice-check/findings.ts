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
  band_assumed: 'Band assumed',
};

/**
 * How much a finding says. overcharge: billed above what the contract (or
 * list) says, to raise with the vendor. assumption: the bill may be right, but
 * the check had to assume something the ledger does not say (the context
 * band) — lower, never counted as an overcharge. unchecked: what could not be
 * checked at all.
 */
export type FindingSeverity = 'overcharge' | 'assumption' | 'unchecked';
export const FINDING_SEVERITY: Record<FindingCode, FindingSeverity> = {
  rate_above_contract: 'overcharge',
  rate_above_list: 'overcharge',
  discount_not_applied: 'overcharge',
  credits_not_applied: 'overcharge',
  credits_expired_early: 'overcharge',
  cached_billed_as_uncached: 'overcharge',
  missing_invoice_month: 'overcharge',
  band_assumed: 'assumption',
  usage_outside_contract: 'unchecked',
  cost_without_usage: 'unchecked',
  unknown_model: 'unchecked',
};

/** Why a month of the check has no contracted amount, as a month table says it. */
export const MONTH_NOTE_TEXT: Record<'outside_term' | 'cost_without_usage' | 'unpriced', string> = {
  outside_term: 'no contract in force: outside the term',
  cost_without_usage: 'not known: lines with a cost but no quantity',
  unpriced: 'not known: usage the price book cannot price',
};
