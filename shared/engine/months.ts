/**
 * Calendar months as the engine counts them: "2027-01" on the wire, a plain
 * month number inside (year × 12 + month − 1) so months add and subtract.
 */

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function monthNumber(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month such as 2027-01`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

export function monthText(monthNo: number): string {
  const year = Math.floor(monthNo / 12);
  const month = monthNo - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function addMonths(month: string, count: number): string {
  return monthText(monthNumber(month) + count);
}

/** Months from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthNumber(to) - monthNumber(from);
}

/** The months of a horizon, in order. */
export function horizonMonths(start: string, count: number): string[] {
  const first = monthNumber(start);
  return Array.from({ length: count }, (_, i) => monthText(first + i));
}

/** Days in a calendar month (Gregorian), without Date so it is the same everywhere. */
export function daysInMonth(month: string): number {
  const n = monthNumber(month);
  const year = Math.floor(n / 12);
  const m = n - year * 12 + 1;
  if (m === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
