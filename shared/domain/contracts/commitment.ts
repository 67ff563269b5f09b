import { prorate, type Nanos } from '../money';
import { addMonths, daysInMonth, daysInMonthWithin, firstDay, lastDay, monthOf, monthsBetween } from '../calendar';
import { maxNanos, minNanos, toCents } from './percent';
import type { Commitment, CommitmentBalance, CommitmentStatus, Contract } from './types';
import { termsInForce, versionRef } from './versions';

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

/** The commitment per period in a contract year (0 the first): the ramp's amount for that year, else the commitment's amount. */
export function yearAmount(c: Commitment, yearIndex: number): Nanos {
  return c.years.find((y) => y.year === yearIndex + 1)?.amount ?? c.amount;
}

/** The commitment for one period (the month, or the contract year), prorated by the days of the period the term covers (partial first and last periods). */
export function committedAmount(contract: Contract, c: Commitment, month: string): Nanos {
  const year = contractYear(contract, month);
  const amount = yearAmount(c, year.index);
  if (c.period === 'month') return toCents(prorate(amount, BigInt(daysInMonthWithin(month, contract.start, contract.end)), BigInt(daysInMonth(month))));
  let full = 0;
  let covered = 0;
  for (let i = 0; i < 12; i++) {
    const m = addMonths(year.firstMonth, i);
    full += daysInMonth(m);
    covered += daysInMonthWithin(m, contract.start, contract.end);
  }
  return toCents(prorate(amount, BigInt(covered), BigInt(full)));
}

/** Whether a month closes a true-up period: every month; every third month of the contract year (quarters from its start); or the year's last month. The contract year's last month always does. */
export function isTrueUpMonth(contract: Contract, c: Commitment, month: string): boolean {
  const year = contractYear(contract, month);
  if (year.isLastMonth || c.trueUp === 'month') return true;
  if (c.trueUp === 'quarter') return monthsBetween(year.firstMonth, month) % 3 === 2;
  return false;
}

/**
 * The commitment of the contract year through a month (by its place in the
 * year, 0 the first month): a monthly commitment adds up its months; an
 * annual one is spread evenly over the year's months in the term, to the
 * cent, so the year's true-ups add up to the year's commitment exactly.
 */
function committedThrough(contract: Contract, c: Commitment, firstMonth: string, lastMonth: string, indexInYear: number): Nanos {
  if (indexInYear < 0) return 0n;
  if (contract.versions?.some((v) => v.effectiveFrom.slice(0, 7) > firstMonth && v.effectiveFrom.slice(0, 7) <= lastMonth)) return committedThroughVersions(contract, firstMonth, lastMonth, indexInYear);
  if (c.period === 'month') {
    let sum = 0n;
    for (let i = 0; i <= indexInYear; i++) sum += committedAmount(contract, c, addMonths(firstMonth, i));
    return sum;
  }
  const months = monthsBetween(firstMonth, lastMonth) + 1;
  return toCents(prorate(committedAmount(contract, c, firstMonth), BigInt(indexInYear + 1), BigInt(months)));
}

/**
 * The same for a contract year a version change falls in: each month commits
 * at the version in force that month — a monthly commitment its month's
 * amount, an annual one its amount ÷ the year's months — so a ramp from
 * $1,200,000 to $1,800,000 a year after six months commits $1,500,000 that year.
 */
function committedThroughVersions(contract: Contract, firstMonth: string, lastMonth: string, indexInYear: number): Nanos {
  const months = BigInt(monthsBetween(firstMonth, lastMonth) + 1);
  let cents = 0n;
  const annual = new Map<Nanos, bigint>();
  for (let i = 0; i <= indexInYear; i++) {
    const month = addMonths(firstMonth, i);
    const inForce = termsInForce(contract, month);
    const c = inForce.commitment;
    if (!c) continue;
    if (c.period === 'month') cents += committedAmount(inForce, c, month);
    else {
      // Months at one annual amount are counted together, so a year with no change is spread exactly as before.
      const amount = committedAmount(inForce, c, month);
      annual.set(amount, (annual.get(amount) ?? 0n) + 1n);
    }
  }
  let exact = 0n;
  for (const [amount, count] of annual) exact += prorate(amount, count, months);
  return cents + toCents(exact);
}

/** The last true-up month before `month` in its contract year, as its place in the year (−1: none). */
function previousTrueUpIndex(c: Commitment, indexInYear: number): number {
  if (c.trueUp === 'month') return indexInYear - 1;
  if (c.trueUp === 'quarter') return indexInYear - (indexInYear % 3) - 1;
  return -1;
}

/** The last month of the true-up period `month` is in. */
function periodEndIndex(c: Commitment, indexInYear: number, monthsInYear: number): number {
  const end = c.trueUp === 'month' ? indexInYear : c.trueUp === 'quarter' ? indexInYear - (indexInYear % 3) + 2 : monthsInYear - 1;
  return Math.min(end, monthsInYear - 1);
}

/** The true-up period a month belongs to: its first and last month and its commitment. */
export function trueUpPeriodOf(contract: Contract, c: Commitment, month: string): { firstMonth: string; lastMonth: string; committed: Nanos } {
  const year = contractYear(contract, month);
  const monthsInYear = monthsBetween(year.firstMonth, year.lastMonth) + 1;
  const end = periodEndIndex(c, monthsBetween(year.firstMonth, month), monthsInYear);
  const before = previousTrueUpIndex(c, end);
  return {
    firstMonth: addMonths(year.firstMonth, before + 1),
    lastMonth: addMonths(year.firstMonth, end),
    committed: committedThrough(contract, c, year.firstMonth, year.lastMonth, end) - committedThrough(contract, c, year.firstMonth, year.lastMonth, before),
  };
}

/**
 * Every true-up period of the term, in order, with its days (inclusive) and
 * commitment. A contract with versions follows the commitment in force at
 * each period's start (months no version commits are skipped); a period a
 * version change falls in commits each month at its own version (committedThrough).
 */
export function trueUpPeriods(contract: Contract, c: Commitment): { start: string; end: string; yearIndex: number; committed: Nanos; commitment: Commitment; version: number }[] {
  const out: { start: string; end: string; yearIndex: number; committed: Nanos; commitment: Commitment; version: number }[] = [];
  let month = monthOf(contract.start);
  const last = monthOf(contract.end);
  while (month <= last) {
    const inForce = contract.versions ? termsInForce(contract, month) : contract;
    const k = contract.versions ? inForce.commitment : c;
    if (!k) {
      month = addMonths(month, 1);
      continue;
    }
    const p = trueUpPeriodOf(inForce, k, month);
    const start = firstDay(p.firstMonth) < contract.start ? contract.start : firstDay(p.firstMonth);
    const end = lastDay(p.lastMonth) > contract.end ? contract.end : lastDay(p.lastMonth);
    out.push({ start, end, yearIndex: contractYear(contract, month).index, committed: p.committed, commitment: k, version: versionRef(contract, month).number });
    month = addMonths(p.lastMonth, 1);
  }
  return out;
}

export interface CommitmentInput {
  /** Spend this month that counts toward the commitment. */
  eligible: Nanos;
  /** Eligible spend earlier in the contract year. */
  spendBeforeInYear: Nanos;
  /** Eligible spend earlier in the true-up period. */
  spendBeforeInPeriod: Nanos;
  /** Shortfall billed at earlier true-ups of the contract year. */
  billedBeforeInYear: Nanos;
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
 * Take-or-pay true-up. The commitment is per month or per contract year
 * (a ramp may set each year's amount). At each true-up (every month,
 * quarter or contract year, as the contract says; the year's last month
 * always) the spend that counts in the period just closed — plus any excess
 * carried in — is compared with the period's commitment; a shortfall is
 * billed. A year's commitment is spread over its months to the cent, so a
 * quarterly true-up of $1,200,000 a year commits $300,000 a quarter. With
 * excess_forward, spend above the commitment counts toward the next period
 * (up to maxCarryOver), across years until the term ends; within_year does
 * the same inside the contract year only (over-use in one quarter counts
 * against a later quarter's shortfall, and what is left at the year's end
 * is lost). With shortfall_forward, a shortfall is not billed at once but
 * rolled forward, reduced by later excess, and billed in the term's last
 * month. Without take-or-pay the shortfall is only reported.
 */
export function settleCommitment(contract: Contract, c: Commitment, month: string, input: CommitmentInput): CommitmentOutcome {
  const year = contractYear(contract, month);
  const monthsInYear = monthsBetween(year.firstMonth, year.lastMonth) + 1;
  const indexInYear = monthsBetween(year.firstMonth, month);
  const periodEnd = isTrueUpMonth(contract, c, month);
  const { committed } = trueUpPeriodOf(contract, c, month);
  const drawnInPeriod = input.spendBeforeInPeriod + input.eligible;
  // Excess carried within the year does not cross into the next one.
  const carryIn = c.carryOver === 'within_year' && indexInYear === 0 ? 0n : input.carryIn;
  const available = drawnInPeriod + carryIn;
  const termEnds = month === monthOf(contract.end);
  const balance = (billed: Nanos): CommitmentBalance => {
    const committedForYear = committedThrough(contract, c, year.firstMonth, year.lastMonth, monthsInYear - 1);
    const drawnToDate = input.spendBeforeInYear + input.eligible;
    const shortfallBilledToDate = input.billedBeforeInYear + billed;
    return {
      year: year.index + 1,
      yearStart: year.index === 0 ? contract.start : firstDay(year.firstMonth),
      yearEnd: year.lastMonth === monthOf(contract.end) ? contract.end : lastDay(year.lastMonth),
      committedForYear,
      committedToDate: committedThrough(contract, c, year.firstMonth, year.lastMonth, indexInYear),
      drawnToDate,
      shortfallBilledToDate,
      remaining: maxNanos(committedForYear - drawnToDate - shortfallBilledToDate, 0n),
      trueUp: periodEnd,
    };
  };
  if (!periodEnd) {
    return {
      status: { committed, eligible: available, shortfall: 0n, periodEnd, carriedForward: carryIn, deferredShortfall: input.deferredIn, balance: balance(0n) },
      billed: 0n,
      carryOut: carryIn,
      deferredOut: input.deferredIn,
    };
  }
  const shortfall = maxNanos(committed - available, 0n);
  const excess = maxNanos(available - committed, 0n);
  let carryOut = 0n;
  let deferredOut = 0n;
  let billed = 0n;
  if (c.carryOver === 'excess_forward' || c.carryOver === 'within_year') {
    carryOut = c.carryOver === 'within_year' && year.isLastMonth ? 0n : c.maxCarryOver === null ? excess : minNanos(excess, c.maxCarryOver);
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
    status: { committed, eligible: available, shortfall, periodEnd, carriedForward: carryOut, deferredShortfall: deferredOut, balance: balance(billed) },
    billed,
    carryOut: termEnds ? 0n : carryOut,
    deferredOut,
  };
}
