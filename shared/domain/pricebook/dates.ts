/**
 * Calendar arithmetic on plain date strings ("2026-03-01") and months
 * ("2026-03"), in UTC. Prices and contract terms are dated by calendar day;
 * keeping them as strings keeps comparisons exact and the core free of time
 * zones.
 */

const DAY_MS = 86_400_000;

export function isIsoDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(text);
}

export function isMonth(text: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(text);
}

function toMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar day of an ISO instant or date ("2026-03-01T12:00:00Z" → "2026-03-01"). */
export function dayOf(instantOrDate: string): string {
  return instantOrDate.slice(0, 10);
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** Days from `from` (inclusive) to `to` (exclusive); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const mon = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(mon).padStart(2, '0')}`;
}

export function lastDay(month: string): string {
  return addDays(firstDay(addMonths(month, 1)), -1);
}

export function daysInMonth(month: string): number {
  return daysBetween(firstDay(month), firstDay(addMonths(month, 1)));
}

/** Months from `from` to `to`, both inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The same day n years later, clamped to the month's end (Feb 29 → Feb 28). */
export function addYears(date: string, n: number): string {
  const year = Number(date.slice(0, 4)) + n;
  const month = `${String(year).padStart(4, '0')}-${date.slice(5, 7)}`;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, '0')}`;
}

/** Days of `month` that fall inside [start, endInclusive]. */
export function daysInMonthWithin(month: string, start: string, endInclusive: string): number {
  const from = firstDay(month) > start ? firstDay(month) : start;
  const to = lastDay(month) < endInclusive ? lastDay(month) : endInclusive;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

/** Whether `date` lies in [from, to) where null means open-ended. */
export function inForce(date: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= date) && (to === null || date < to);
}
