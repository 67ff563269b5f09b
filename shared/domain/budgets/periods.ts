/**
 * Budget periods: calendar months, and quarters and years of a fiscal year
 * that starts in any month. A fiscal year is named by the calendar year it
 * ends in (a year starting in October 2026 is FY2027), the usual convention;
 * with a January start the names are plain ("2026-Q3", "2026").
 */
import { addDays, addMonths, firstDay, lastDay, monthOf } from '../calendar';
import type { BudgetPeriod } from '../allocation/policy-file';

export interface Period {
  kind: BudgetPeriod;
  /** "2026-07", "2026-Q3" / "FY2027-Q1", "2026" / "FY2027". */
  id: string;
  /** First day, inclusive. */
  start: string;
  /** Last day, inclusive. */
  end: string;
}

/** The period of `kind` that contains `day`, for a fiscal year starting in month `fiscalYearStart` (1–12). */
export function periodOf(day: string, kind: BudgetPeriod, fiscalYearStart = 1): Period {
  const month = monthOf(day);
  if (kind === 'month') return { kind, id: month, start: firstDay(month), end: lastDay(month) };
  const m = Number(month.slice(5, 7));
  const offset = (m - fiscalYearStart + 12) % 12; // months since the fiscal year began
  const fyStartMonth = addMonths(month, -offset);
  const fyEndYear = Number(addMonths(fyStartMonth, 11).slice(0, 4));
  const fyName = fiscalYearStart === 1 ? `${fyEndYear}` : `FY${fyEndYear}`;
  if (kind === 'year') return { kind, id: fyName, start: firstDay(fyStartMonth), end: lastDay(addMonths(fyStartMonth, 11)) };
  const q = Math.floor(offset / 3);
  const qStart = addMonths(fyStartMonth, 3 * q);
  return { kind, id: `${fyName}-Q${q + 1}`, start: firstDay(qStart), end: lastDay(addMonths(qStart, 2)) };
}

/** Every day of a period, in order. */
export function daysOf(period: { start: string; end: string }): string[] {
  const out: string[] = [];
  for (let d = period.start; d <= period.end; d = addDays(d, 1)) out.push(d);
  return out;
}
