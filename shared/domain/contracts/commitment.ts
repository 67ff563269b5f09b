import { prorate, type Nanos } from '../money';
import { addMonths, daysInMonth, daysInMonthWithin, monthOf, monthsBetween } from '../calendar';
import { maxNanos, minNanos, toCents } from './percent';
import type { Commitment, CommitmentStatus, Contract } from './types';

/** Months from the term's first month to `month` (0 for the first). */
export function monthIndex(contract: Contract, month: string): number {
  return monthsBetween(monthOf(contract.start), month);
}

/**
 * Contract years are blocks of twelve months from the term's first month;
 * the true-up of an annual term falls in each block's last month, or in the
 * term's last month if that comes first.
 */
export function contractYear(contract: Contract, month: string): { index: number; firstMonth: string; lastMonth: string; isLastMonth: boolean } {
  const index = Math.floor(monthIndex(contract, month) / 12);
  const firstMonth = addMonths(monthOf(contract.start), index * 12);
  const blockLast = addMonths(firstMonth, 11);
  const termLast = monthOf(contract.end);
  const lastMonth = blockLast < termLast ? blockLast : termLast;
  return { index, firstMonth, lastMonth, isLastMonth: month === lastMonth };
}

/** The commitment for one period, prorated by the days of the period the term covers (partial first and last periods). */
export function committedAmount(contract: Contract, c: Commitment, month: string): Nanos {
  if (c.period === 'month') return toCents(prorate(c.amount, BigInt(daysInMonthWithin(month, contract.start, contract.end)), BigInt(daysInMonth(month))));
  const year = contractYear(contract, month);
  let full = 0;
  let covered = 0;
  for (let i = 0; i < 12; i++) {
    const m = addMonths(year.firstMonth, i);
    full += daysInMonth(m);
    covered += daysInMonthWithin(m, contract.start, contract.end);
  }
  return toCents(prorate(c.amount, BigInt(covered), BigInt(full)));
}

export interface CommitmentInput {
  /** Spend this month that counts toward the commitment. */
  eligible: Nanos;
  /** Eligible spend earlier in the contract year (annual commitments). */
  spendBeforeInYear: Nanos;
  carryIn: Nanos;
  deferredIn: Nanos;
}

export interface CommitmentOutcome {
  status: CommitmentStatus;
  /** The shortfall to bill this month (zero unless take-or-pay and a period closes). */
  billed: Nanos;
  carryOut: Nanos;
  deferredOut: Nanos;
}

/**
 * Take-or-pay true-up. At the end of each period (every month for a monthly
 * commitment; the contract year's last month for an annual one) the spend
 * that counts — plus any excess carried in from the previous period — is
 * compared with the commitment; a shortfall is billed. With excess_forward,
 * spend above the commitment counts toward the next period (up to
 * maxCarryOver). With shortfall_forward, a shortfall is not billed at once
 * but rolled forward, reduced by later excess, and billed in the term's last
 * month. Without take-or-pay the shortfall is only reported.
 */
export function settleCommitment(contract: Contract, c: Commitment, month: string, input: CommitmentInput): CommitmentOutcome {
  const committed = committedAmount(contract, c, month);
  const year = contractYear(contract, month);
  const periodEnd = c.period === 'month' || year.isLastMonth;
  const eligibleSoFar = (c.period === 'year' ? input.spendBeforeInYear : 0n) + input.eligible;
  const available = eligibleSoFar + input.carryIn;
  const termEnds = month === monthOf(contract.end);
  if (!periodEnd) {
    return {
      status: { committed, eligible: available, shortfall: 0n, periodEnd, carriedForward: input.carryIn, deferredShortfall: input.deferredIn },
      billed: 0n,
      carryOut: input.carryIn,
      deferredOut: input.deferredIn,
    };
  }
  const shortfall = maxNanos(committed - available, 0n);
  const excess = maxNanos(available - committed, 0n);
  let carryOut = 0n;
  let deferredOut = 0n;
  let billed = 0n;
  if (c.carryOver === 'excess_forward') {
    carryOut = c.maxCarryOver === null ? excess : minNanos(excess, c.maxCarryOver);
    billed = shortfall;
  } else if (c.carryOver === 'shortfall_forward') {
    // Excess this period first pays down shortfalls rolled forward from earlier periods.
    deferredOut = maxNanos(input.deferredIn - excess, 0n) + shortfall;
    if (termEnds) {
      billed = deferredOut;
      deferredOut = 0n;
    }
  } else {
    billed = shortfall;
  }
  if (!c.takeOrPay) billed = 0n;
  return {
    status: { committed, eligible: available, shortfall, periodEnd, carriedForward: carryOut, deferredShortfall: deferredOut },
    billed,
    carryOut: termEnds ? 0n : carryOut,
    deferredOut,
  };
}
