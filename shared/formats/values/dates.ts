/**
 * Timestamps as vendors write them, to UTC ISO instants.
 *
 * Accepted: ISO 8601 / RFC 3339 with or without time, "T" or space, fraction,
 * "Z", "UTC", "GMT" or a numeric offset; "MM/DD/YYYY" or "DD/MM/YYYY" (the
 * file's date order decides) and "DD.MM.YYYY", each with an optional time
 * and AM/PM; "YYYY/MM/DD"; Unix seconds or milliseconds. A time without a
 * zone is UTC (every vendor here bills in UTC). Impossible dates
 * (2026-02-30, 13/45/2026, 25:00) are rejected with a reason, never rolled
 * over the way `new Date()` would.
 */
import { daysInYearMonth as daysInMonth } from '../../domain/calendar';
import type { DateOrder } from '../types';

export type InstantResult = { ok: true; iso: string; dateOnly: boolean } | { ok: false; reason: string };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASH =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]\.?M\.?)?)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT)?$/i;
const EPOCH = /^\d{9,13}$/;
const CANONICAL_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === '') return 0;
  const upper = zone.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  if (hours > 14 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: string | undefined,
  zone: string | undefined,
  dateOnly: boolean,
): InstantResult {
  if (year < 1900 || year > 2999) return { ok: false, reason: `year ${year} is out of range` };
  if (month < 1 || month > 12) return { ok: false, reason: `impossible date: month ${month}` };
  if (day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: `impossible date: day ${day} of ${year}-${pad2(month)}` };
  if (hour > 23 || minute > 59 || second > 59) return { ok: false, reason: `impossible time ${pad2(hour)}:${pad2(minute)}:${pad2(second)}` };
  const offset = offsetMinutes(zone);
  if (offset === null) return { ok: false, reason: `impossible time-zone offset ${zone}` };
  const millis = fraction ? Number(fraction.slice(0, 3).padEnd(3, '0')) : 0;
  if (offset === 0 && millis === 0) {
    // The common case builds the text directly instead of through Date.
    const yyyy = String(year);
    return { ok: true, iso: `${yyyy}-${pad2(month)}-${pad2(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}Z`, dateOnly };
  }
  const epoch = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000;
  const iso = new Date(epoch).toISOString();
  return { ok: true, iso: millis === 0 ? `${iso.slice(0, 19)}Z` : iso, dateOnly };
}

/** Parses a timestamp to a UTC ISO instant ("2026-03-01T00:00:00Z"). */
export function parseInstant(raw: string, order: DateOrder = 'mdy'): InstantResult {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'date is blank' };
  if (text.length === 20 && CANONICAL_INSTANT.test(text)) {
    const y = Number(text.slice(0, 4));
    const mo = Number(text.slice(5, 7));
    const d = Number(text.slice(8, 10));
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && text[11]! <= '2' && Number(text.slice(11, 13)) <= 23 && text[14]! <= '5' && text[17]! <= '5' && y >= 1900) {
      return { ok: true, iso: text, dateOnly: false };
    }
  }
  let m = ISO.exec(text);
  if (m) {
    const hasTime = m[4] !== undefined;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), hasTime ? Number(m[4]) : 0, hasTime ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0, m[7], m[8], !hasTime);
  }
  m = SLASH.exec(text);
  if (m) {
    const first = Number(m[1]);
    const second = Number(m[3]);
    // Dots are a day-first convention everywhere ("31.03.2026").
    const dayFirst = m[2] === '.' || order === 'dmy';
    const month = dayFirst ? second : first;
    const day = dayFirst ? first : second;
    const hasTime = m[5] !== undefined;
    let hour = hasTime ? Number(m[5]) : 0;
    const meridiem = m[9]?.toUpperCase().replace(/\./g, '');
    if (meridiem) {
      if (hour < 1 || hour > 12) return { ok: false, reason: `impossible time: hour ${hour} with ${meridiem}` };
      if (meridiem === 'AM' && hour === 12) hour = 0;
      else if (meridiem === 'PM' && hour !== 12) hour += 12;
    }
    return build(Number(m[4]), month, day, hour, hasTime ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0, m[8], m[10], !hasTime);
  }
  m = YMD_SLASH.exec(text);
  if (m) {
    const hasTime = m[4] !== undefined;
    return build(Number(m[1]), Number(m[2]), Number(m[3]), hasTime ? Number(m[4]) : 0, hasTime ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0, undefined, m[7], !hasTime);
  }
  if (EPOCH.test(text)) return parseEpoch(text);
  return { ok: false, reason: `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}" is not a date this importer knows` };
}

/** Unix seconds (10 digits or fewer) or milliseconds (12-13 digits) to an ISO instant. */
export function parseEpoch(text: string): InstantResult {
  const trimmed = text.trim();
  if (!/^\d{1,13}$/.test(trimmed)) return { ok: false, reason: `"${trimmed.slice(0, 40)}" is not a Unix timestamp` };
  const n = Number(trimmed);
  const millis = trimmed.length >= 12 ? n : n * 1000;
  const date = new Date(millis);
  const year = date.getUTCFullYear();
  if (year < 1970 || year > 2999) return { ok: false, reason: `Unix timestamp ${trimmed} is out of range` };
  const iso = date.toISOString();
  return { ok: true, iso: iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso, dateOnly: false };
}

/** "2026-03" from an instant, or from "202603" (Google's invoice.month). */
export function monthOf(text: string): string | null {
  const t = text.trim();
  if (/^\d{6}$/.test(t)) {
    const month = Number(t.slice(4));
    return month >= 1 && month <= 12 ? `${t.slice(0, 4)}-${t.slice(4)}` : null;
  }
  if (/^\d{4}-\d{2}/.test(t)) {
    const month = Number(t.slice(5, 7));
    return month >= 1 && month <= 12 ? t.slice(0, 7) : null;
  }
  return null;
}

/**
 * Day/month order of slash dates from samples: a first part above 12 means
 * day first, a second part above 12 month first; otherwise the vendor's
 * usual order (Azure writes MM/DD/YYYY).
 */
export function inferDateOrder(cells: Iterable<string>, fallback: DateOrder = 'mdy'): DateOrder {
  for (const raw of cells) {
    const m = /^(\d{1,2})\/(\d{1,2})\/\d{4}/.exec(raw.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) return 'dmy';
    if (Number(m[2]) > 12) return 'mdy';
  }
  return fallback;
}
