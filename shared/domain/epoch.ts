/**
 * A ledger line's charge period as the workspace stores it (migration 014):
 * Unix epoch seconds, UTC, an integer for a whole-second instant and a
 * number with the milliseconds as its fraction otherwise. The importers'
 * instants ("2026-03-01T00:00:00Z", or "…00.123Z" when a file gave
 * milliseconds: shared/formats/values/dates.ts) go in and come back out as
 * the same text, so nothing a user sees or exports changes. An integer key
 * is 4–5 bytes where the text was 20: on a million lines the table and its
 * period index are 50 MB smaller.
 */

const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Epoch seconds of a UTC instant ("2026-03-01T00:00:00Z" → 1772323200); NaN for text that is not one. */
export function epochOfInstant(instant: string): number {
  if (!CANONICAL.test(instant)) return Number.NaN;
  // Whole seconds divide to an integer; milliseconds become the fraction, the same double as SQLite's unixepoch(…, 'subsec').
  return Date.parse(instant) / 1000;
}

/** The UTC instant of epoch seconds (1772323200 → "2026-03-01T00:00:00Z"), with milliseconds only when there are some. */
export function instantOfEpoch(seconds: number): string {
  const iso = new Date(Math.round(seconds * 1000)).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** Epoch seconds of a UTC day's midnight ("2026-03-01" → 1772323200); NaN for text that is not a day. */
export function epochOfDay(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) / 1000 : Number.NaN;
}

/** The UTC day of epoch seconds (1772409599 → "2026-03-01"). */
export function dayOfEpoch(seconds: number): string {
  return instantOfEpoch(seconds).slice(0, 10);
}

/**
 * instantOfEpoch (or dayOfEpoch) for a pass over many lines: each distinct epoch's text is
 * made once (a statement repeats its periods) and kept while there are
 * fewer than 100,000 of them. Takes a BigInt too (a safeIntegers read).
 */
export function instantTexts(form: 'instant' | 'day' = 'instant'): (seconds: number | bigint) => string {
  let known = new Map<number, string>();
  const textOf = form === 'day' ? dayOfEpoch : instantOfEpoch;
  return (seconds) => {
    const n = Number(seconds);
    let text = known.get(n);
    if (text === undefined) {
      if (known.size >= 100_000) known = new Map();
      text = textOf(n);
      known.set(n, text);
    }
    return text;
  };
}

/**
 * Epoch seconds as a query parameter: whole seconds as a BigInt, which
 * better-sqlite3 binds as an INTEGER (a Number is bound as a REAL, and
 * SQLite compares an INTEGER column with a REAL more slowly).
 */
export function epochParam(seconds: number): bigint | number {
  return Number.isInteger(seconds) ? BigInt(seconds) : seconds;
}
