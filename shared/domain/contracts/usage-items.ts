import type { LedgerLine } from '../ledger-line';
import { dayOf } from '../calendar';
import type { UnpricedItem, UsageItem } from './types';

export type LedgerUsageLine = Pick<LedgerLine, 'chargePeriodStart' | 'chargeCategory' | 'provider' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'contextBand' | 'region'> & {
  /** The ledger's publisher (null or absent: the provider's own, or not told; see publisherOfUsage). */
  publisher?: string | null;
  /** A quantity the statement reported (lines without one cannot be priced: see hasQuantity). */
  quantity: number;
  /** The stored line's id, kept on the usage item so results point back at it. */
  ref: string;
  meter?: string | null;
  /** Prompt tokens per request the day's usage implies (implied-prompt.ts), for a line without a band. */
  promptTokens?: number | null;
};

/** Whether the statement reported the line's quantity; a line without one can be shown, never priced. */
export function hasQuantity<T extends { quantity: number | null }>(l: T): l is T & { quantity: number } {
  return l.quantity !== null;
}

/** Whether a ledger line is usage a contract prices (a model's usage; capacity fee lines are compared at month level). */
export function isPriceableUsage(l: Pick<LedgerLine, 'chargeCategory' | 'model' | 'modelRaw' | 'usageClass'>): boolean {
  return l.chargeCategory === 'usage' && (l.model ?? l.modelRaw) !== null && l.usageClass !== 'provisioned_unit_hour';
}

/** A ledger line as a usage item for contract pricing, dated by the day its charge period starts. */
export function usageItemFromLedgerLine(l: LedgerUsageLine): UsageItem & { date: string } {
  return {
    provider: l.provider,
    ...(l.publisher ? { publisher: l.publisher } : {}),
    model: (l.model ?? l.modelRaw) ?? '',
    usageClass: l.usageClass,
    serviceTier: l.serviceTier,
    meter: l.meter ?? null,
    region: l.region,
    contextBand: l.contextBand,
    ...(l.promptTokens !== undefined && l.promptTokens !== null ? { promptTokens: l.promptTokens } : {}),
    quantity: l.quantity,
    date: dayOf(l.chargePeriodStart),
    ref: l.ref,
  };
}

/**
 * Whether an item the contract could not price is still a charge the month is
 * missing. A vendor's capacity fee line is replaced by the contract's own fee,
 * and a known model's meter nobody prices (request counts reported beside the
 * tokens) that was billed nothing costs nothing: neither leaves a gap.
 */
export function leavesPriceGap(u: Pick<UnpricedItem, 'reason'>, billedCost: bigint | null): boolean {
  if (u.reason === 'capacity_fee_line') return false;
  return !(u.reason === 'no_price' && billedCost === 0n);
}
