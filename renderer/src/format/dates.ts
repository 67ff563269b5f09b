import { addDays, dayOf, isIsoDate, isMonth, monthsBetween as monthsApart } from '../../../shared/domain/calendar';
import { dateFormat, userLocale } from './locale';

/**
 * Month names in the user's locale ("May 2026" in en-US, "Mai 2026" in
 * de-DE). Days stay ISO 8601 ("2026-05-01"): ledger periods are UTC days and
 * read the same in every locale.
 */
function monthStart(month: string): Date | null {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  const n = m ? Number(m[2]) : 0;
  return m && n >= 1 && n <= 12 ? new Date(Date.UTC(Number(m[1]), n - 1, 1)) : null;
}

function monthText(month: string, key: string, options: Intl.DateTimeFormatOptions): string {
  const start = monthStart(month);
  return start ? dateFormat(key, options).format(start) : month;
}

/** "2026-05" → "May 2026". */
export function formatMonth(month: string): string {
  return monthText(month, 'month-year', { month: 'short', year: 'numeric' });
}

/** "2026-05" → "May" (chart axes, where the year is in the title). */
export function shortMonth(month: string): string {
  return monthText(month, 'month-short', { month: 'short' });
}

/** Whole months from first to last inclusive, as the overview counts a ledger's span: 2026-05..2026-10 → 6. */
export function monthsBetween(first: string, last: string): number {
  return isMonth(first) && isMonth(last) ? monthsApart(first, last) + 1 : 0;
}

/** "2026-05-01T00:00:00Z" → "2026-05-01": ledger periods are UTC days, shown as such. */
export function formatDay(instant: string | null | undefined): string {
  return instant ? instant.slice(0, 10) : '';
}

/** A local date-time for "imported at" stamps. */
export function formatTimestamp(instant: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return d.toLocaleString(userLocale(), { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

/**
 * The last day a period covers. Ledger periods end exclusively at midnight
 * ("2026-11-01T00:00:00Z" ends October), but people read ranges inclusively.
 */
export function formatLastDay(exclusiveEnd: string | null | undefined): string {
  if (!exclusiveEnd) return '';
  const day = dayOf(exclusiveEnd);
  if (!/T00:00:00(\.0+)?Z$/.test(exclusiveEnd) || !isIsoDate(day)) return formatDay(exclusiveEnd);
  return addDays(day, -1);
}

/** "2026-10" → "October". */
export function monthName(month: string): string {
  return monthText(month, 'month-long', { month: 'long' });
}

/** "2026-10" → "October 2026". */
export function formatMonthLong(month: string): string {
  return monthText(month, 'month-year-long', { month: 'long', year: 'numeric' });
}

/** Days as people read a range: "1–31 Oct 2026", "28 Sep – 3 Oct 2026", "1 Oct 2026" for one day. */
export function formatDayRange(from: string, to: string): string {
  const day = (d: string) => String(Number(d.slice(8, 10)));
  const mon = (d: string) => shortMonth(d.slice(0, 7));
  if (from === to) return `${day(from)} ${mon(from)} ${from.slice(0, 4)}`;
  if (from.slice(0, 7) === to.slice(0, 7)) return `${day(from)}–${day(to)} ${mon(to)} ${to.slice(0, 4)}`;
  if (from.slice(0, 4) === to.slice(0, 4)) return `${day(from)} ${mon(from)} – ${day(to)} ${mon(to)} ${to.slice(0, 4)}`;
  return `${day(from)} ${mon(from)} ${from.slice(0, 4)} – ${day(to)} ${mon(to)} ${to.slice(0, 4)}`;
}
