/**
 * How close a recalculated workbook must come to the engine.
 *
 * Money: 1e-9 relative, and never more than two nano-units apart. The engine
 * prices each quantity's shortest decimal exactly and rounds half to even to
 * a nano-unit; Excel and LibreOffice multiply in doubles and ROUND on the
 * value shown to 15 significant digits, half away from zero. Where a
 * product lands within a double's width of half a nano-unit the two round
 * apart by one nano-unit (4 of 1,107 priced quantities in the every-lever
 * test scenario). On sums of dollars that is far inside 1e-9 relative; on a
 * figure of a cent or less (a contract adjustment in a month outside the
 * term) it is not, so the absolute floor.
 *
 * Counts (business units, requests, successes): the engine reports them to
 * six decimals.
 */
export const NANO = 1e-9;

export function agreesWithEngine(kind: 'money' | 'count' | 'text', engine: number | string, workbook: unknown): boolean {
  if (typeof engine === 'string' || kind === 'text') return workbook === engine || (engine === '' && (workbook === undefined || workbook === null));
  if (typeof workbook !== 'number') return false;
  const d = Math.abs(workbook - engine);
  if (kind === 'count') return d <= 5e-7 + 1e-9 * Math.abs(engine);
  return d <= 1e-9 * Math.max(Math.abs(workbook), Math.abs(engine)) || d <= 2 * NANO + 1e-15;
}

/** Relative difference of two numbers (0 when equal). */
export function relativeDifference(a: number, b: number): number {
  const d = Math.abs(a - b);
  return d === 0 ? 0 : d / Math.max(Math.abs(a), Math.abs(b));
}
