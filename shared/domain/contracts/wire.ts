import type { CommitmentBalanceWire, ContractMonthInvoice } from './schema';
import { nanosToDecimal, type Nanos } from '../money';
import type { CommitmentBalance, ContractMonth } from './types';

const m = (n: Nanos): string => nanosToDecimal(n, 2);

/** A priced month as the API sends it (ContractMonthInvoice): money as decimal strings. */
export function contractMonthToWire(month: ContractMonth): ContractMonthInvoice {
  return {
    contractId: month.contractId,
    month: month.month,
    version: month.version,
    currency: month.currency,
    inTerm: month.inTerm,
    lines: month.lines.map((l) => ({
      kind: l.kind,
      label: l.label,
      amount: m(l.amount),
      memo: l.memo === null ? null : m(l.memo),
      model: l.model,
      usageClass: l.usageClass,
      serviceTier: l.serviceTier,
      quantity: l.quantity,
      term: l.term,
    })),
    total: m(month.total),
    summary: {
      usageAtList: m(month.summary.usageAtList),
      usageNet: m(month.summary.usageNet),
      volumeDiscount: m(month.summary.volumeDiscount),
      provisionedFees: m(month.summary.provisionedFees),
      commitmentShortfall: m(month.summary.commitmentShortfall),
      minimumTopUp: m(month.summary.minimumTopUp),
      creditsApplied: m(month.summary.creditsApplied),
      creditsForfeited: m(month.summary.creditsForfeited),
    },
    unpriced: month.unpriced.map((u) => ({ model: u.item.model, usageClass: u.item.usageClass, quantity: String(u.item.quantity), reason: u.reason, message: u.message })),
  };
}

/** A commitment's balance as the API sends it. */
export function commitmentBalanceToWire(b: CommitmentBalance): CommitmentBalanceWire {
  return {
    year: b.year,
    yearStart: b.yearStart,
    yearEnd: b.yearEnd,
    committedForYear: m(b.committedForYear),
    committedToDate: m(b.committedToDate),
    drawnToDate: m(b.drawnToDate),
    shortfallBilledToDate: m(b.shortfallBilledToDate),
    remaining: m(b.remaining),
    trueUp: b.trueUp,
  };
}
