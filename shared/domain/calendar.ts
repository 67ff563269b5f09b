/**
 * The calendar, once for the whole workbench: months ("2026-03"), days
 * ("2026-03-01") and UTC instants ("2026-03-01T00:00:00Z") as plain strings,
 * Gregorian and in UTC. Prices, contract terms, ledger periods and scenario
 * horizons are all dated by calendar day or month; keeping them as strings
 * keeps comparisons exact (text order is date order) and the core free of
 * time zones.
 *
 * Month arithmetic goes through a month number (year × 12 + month − 1) so
 * months add and subtract without `Date`; day arithmetic goes through UTC
 * midnights, where every day has 24 hours. Reading dates as vendors write
 * them is not here: that is the importers' business (shared/formats/values).
 */

const DAY_MS = 86_400_000;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Days of each month in a common year. */
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in month `month` (1–12) of `year`; 0 for a month that does not exist. */
export function daysInYearMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return MONTH_LENGTHS[month - 1] ?? 0;
}

// ---------------------------------------------------------------------------
// Months

/** Whether text is a month such as "2026-03". */
export function isMonth(text: string): boolean {
  return MONTH_PATTERN.test(text);
}

/** "2027-01" → a month number (year × 12 + month − 1), so months add and subtract; throws on anything else. */
export function monthNumber(month: string): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`"${month}" is not a month such as 2027-01`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

/** A month number back to "2027-01". */
export function monthText(monthNo: number): string {
  const year = Math.floor(monthNo / 12);
  const month = monthNo - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${pad2(month)}`;
}

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  return monthText(monthNumber(month) + count);
}

/** Months from `from` to `to` (0 when equal, negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthNumber(to) - monthNumber(from);
}

/** Months from `from` to `to`, both included; empty when `to` is earlier. */
export function monthRange(from: string, to: string): string[] {
  return horizonMonths(from, monthsBetween(from, to) + 1);
}

/** `count` months in order from `start` (a scenario's horizon). */
export function horizonMonths(start: string, count: number): string[] {
  const first = monthNumber(start);
  return Array.from({ length: Math.max(0, count) }, (_, i) => monthText(first + i));
}

/** Days in a calendar month ("2024-02" → 29). */
export function daysInMonth(month: string): number {
  const n = monthNumber(month);
  const year = Math.floor(n / 12);
  return daysInYearMonth(year, n - year * 12 + 1);
}

/** "2026-03" → "2026-03-01". */
export function firstDay(month: string): string {
  return `${month}-01`;
}

/** "2026-02" → "2026-02-28". */
export function lastDay(month: string): string {
  return `${month}-${pad2(daysInMonth(month))}`;
}

// ---------------------------------------------------------------------------
// Days

/** Whether text is a day that exists, such as "2024-02-29" (not "2026-02-29", not "2026-3-1"). */
export function isIsoDate(text: string): boolean {
  const match = DAY_PATTERN.exec(text);
  if (!match) return false;
  const day = Number(match[3]);
  return day >= 1 && day <= daysInYearMonth(Number(match[1]), Number(match[2]));
}

/** The calendar day of an ISO instant or day ("2026-03-01T12:00:00Z" → "2026-03-01"). */
export function dayOf(instantOrDate: string): string {
  return instantOrDate.slice(0, 10);
}

/** The month of a day or instant ("2026-03-15" → "2026-03"). */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function isFirstDayOfMonth(day: string): boolean {
  return day === firstDay(monthOf(day));
}

export function isLastDayOfMonth(day: string): boolean {
  return day === lastDay(monthOf(day));
}

function toMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return fromMs(toMs(date) + days * DAY_MS);
}

/** The day of the week, Monday first: 0 = Monday … 6 = Sunday ("2026-03-01", a Sunday, → 6). */
export function weekdayOf(day: string): number {
  return (new Date(toMs(day)).getUTCDay() + 6) % 7;
}

/** The day after: "2026-12-31" → "2027-01-01". */
export function nextDay(date: string): string {
  return addDays(date, 1);
}

/** Days from `from` (inclusive) to `to` (exclusive); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMs(to) - toMs(from)) / DAY_MS);
}

/** Days of `month` that fall inside [start, endInclusive]. */
export function daysInMonthWithin(month: string, start: string, endInclusive: string): number {
  const first = firstDay(month);
  const last = lastDay(month);
  const from = first > start ? first : start;
  const to = last < endInclusive ? last : endInclusive;
  return to < from ? 0 : daysBetween(from, to) + 1;
}

/** Whether `date` lies in [from, to), where null means open-ended (a price row's effective dates). */
export function inForce(date: string, from: string | null, to: string | null): boolean {
  return (from === null || from <= date) && (to === null || date < to);
}

// ---------------------------------------------------------------------------
// Instants

/** The UTC instant a day starts: "2026-05-24" → "2026-05-24T00:00:00Z" (ledger periods are stored so). */
export function startOfDay(day: string): string {
  return `${day}T00:00:00Z`;
}

/**
 * An instant `days` whole days later, as "…Z" without milliseconds unless it
 * has some: a date-only charge period [day, next day) ends here.
 */
export function addDaysToInstant(instant: string, days: number): string {
  const iso = new Date(Date.parse(instant) + days * DAY_MS).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}
