import { monthRange } from '../../../shared/domain/calendar';
import { shortMonth } from './dates';

/**
 * Every month chart's x-axis: continuous from the first month to the last,
 * so a month with nothing in it is drawn as a gap in its place, never
 * closed up (June 2025 never sits next to May 2026).
 */
export function continuousMonths(months: Iterable<string>): string[] {
  const sorted = [...new Set(months)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  return first && last ? monthRange(first, last) : [];
}

/** Axis labels: "May" within one year, "May 26" when the months span years. */
export function monthAxisLabels(months: readonly string[]): string[] {
  const years = new Set(months.map((m) => m.slice(0, 4))).size > 1;
  return months.map((m) => (years ? `${shortMonth(m)} ${m.slice(2, 4)}` : shortMonth(m)));
}
