import type { MethodOutput } from '../../../shared/api';
import type { ContractMonthSummary } from '../../../shared/api/contracts';
import { commitmentBalanceToWire, contractMonthToWire } from '../../../shared/domain/contracts/wire';
import { WorkbenchError } from '../../../shared/domain/errors';
import { monthOf } from '../../../shared/domain/calendar';
import { byMonth } from '../../../shared/domain/contracts/price-months';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { Contract, ContractMonth } from '../../../shared/domain/contracts/types';
import { hasQuantity, isPriceableUsage, leavesPriceGap, usageItemFromLedgerLine } from '../../../shared/domain/contracts/usage-items';
import { nanosToDecimal } from '../../../shared/domain/money';
import type { PriceBook } from '../../../shared/domain/pricebook/book';
import { priceBookFor } from '../pricing/price-book-service';
import type { Workspace } from '../workspace/workspace';
import { contractFor } from './contract-service';
import { ledgerUsage } from './ledger-usage';

/**
 * A stored contract's months priced from the ledger's usage within its term
 * (grouped by day in SQL first), state carried from the term's first month.
 * Quantities come from the bills, from a usage report paired with a costs
 * report, or from a usage report alone; costed lines with no quantity cannot
 * be priced and are counted per month instead.
 */
export function priceContractFromLedger(
  workspace: Workspace,
  contract: Contract,
  book: PriceBook,
  options: { from?: string; through?: string } = {},
): { months: ContractMonth[]; withoutQuantity: Map<string, number>; priceGaps: Map<string, number> } {
  const usage = ledgerUsage(workspace.db, { providers: [contract.vendor], from: contract.start, through: contract.end });
  const withoutQuantity = new Map<string, number>();
  for (const l of usage.lines) {
    if (isPriceableUsage(l) && !hasQuantity(l)) withoutQuantity.set(monthOf(l.chargePeriodStart), (withoutQuantity.get(monthOf(l.chargePeriodStart)) ?? 0) + (l.ledgerLines ?? 1));
  }
  const priceable = [...usage.lines.filter(hasQuantity), ...usage.usageOnly].filter(isPriceableUsage);
  const billedByRef = new Map(priceable.map((l) => [l.ref, l.billedCost]));
  const months = priceContractMonths(contract, book, byMonth(priceable.map((l) => usageItemFromLedgerLine(l))), options);
  // Per month, the items that leave the expected invoice short (as the invoice check counts them), not request counts nobody bills.
  const priceGaps = new Map(months.map((m) => [m.month, m.unpriced.filter((u) => leavesPriceGap(u, u.item.ref === undefined ? null : (billedByRef.get(u.item.ref) ?? null))).length]));
  return { months, withoutQuantity, priceGaps };
}

const m = (n: bigint): string => nanosToDecimal(n, 2);

function monthSummary(month: ContractMonth, hasCredits: boolean, linesWithoutQuantity: number, unpricedLines: number): ContractMonthSummary {
  const s = month.summary;
  return {
    month: month.month,
    version: month.version,
    inTerm: month.inTerm,
    usageAtList: m(s.usageAtList),
    usageNet: m(s.usageNet),
    provisionedFees: m(s.provisionedFees),
    commitmentShortfall: m(s.commitmentShortfall),
    minimumTopUp: m(s.minimumTopUp),
    creditsApplied: m(s.creditsApplied),
    creditsForfeited: m(s.creditsForfeited),
    creditBalance: hasCredits ? m(Object.values(month.state.credits).reduce((sum, v) => sum + v, 0n)) : null,
    commitmentEligible: month.commitment ? m(month.commitment.eligible) : null,
    commitmentCommitted: month.commitment ? m(month.commitment.committed) : null,
    commitmentBalance: month.commitment ? commitmentBalanceToWire(month.commitment.balance) : null,
    total: m(month.total),
    unpricedLines,
    linesWithoutQuantity,
  };
}

/** One month of a stored contract in full (lines, fees, credits), for the month view. */
export function priceStoredContractMonth(workspace: Workspace, id: string, month: string): MethodOutput<'contracts.priceMonth'> {
  const { contract } = contractFor(workspace, id);
  const { months } = priceContractFromLedger(workspace, contract, priceBookFor(workspace), { from: month, through: month });
  const priced = months.find((m) => m.month === month);
  if (!priced) throw new WorkbenchError('bad_input', `${month} could not be priced under ${id}`, { field: 'month' });
  return contractMonthToWire(priced);
}

/** Credits in the terms as signed or in any later version (a version may bring the contract's first grants). */
function hasCreditTerms(contract: Contract): boolean {
  return contract.credits !== null || (contract.versions ?? []).some((v) => v.terms.credits !== null);
}

/** Every month of a stored contract's term (or the months asked for) in summary. */
export function priceStoredContractMonths(workspace: Workspace, id: string, range: { from?: string | undefined; through?: string | undefined }): MethodOutput<'contracts.priceMonths'> {
  const { contract } = contractFor(workspace, id);
  const { months, withoutQuantity, priceGaps } = priceContractFromLedger(workspace, contract, priceBookFor(workspace), { from: range.from ?? monthOf(contract.start), through: range.through ?? monthOf(contract.end) });
  return { contractId: contract.id, currency: contract.currency, months: months.map((m) => monthSummary(m, hasCreditTerms(contract), withoutQuantity.get(m.month) ?? 0, priceGaps.get(m.month) ?? 0)) };
}
