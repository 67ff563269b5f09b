import type { PercentileMethod } from './schema';

/**
 * How a run's P10/P50/P90 were worked out, in words for the screens, the
 * CLI and the workbook: nothing to say when they are exact order statistics
 * of every draw; for runs too large to keep every draw, the bound on their
 * error (one bin width: at most 2 / (bins − 2) of the spread between a
 * figure's lowest and highest draw, see binned-columns.ts).
 */
export function percentileNote(method: PercentileMethod | undefined): string | null {
  if (!method || method.method === 'exact') return null;
  const within = Math.floor((method.bins - 2) / 2);
  return `P10/P50/P90 from histograms of ${method.bins.toLocaleString('en-US')} bins a figure (too many draws to keep each): each within 1/${within.toLocaleString('en-US')} of the range between that figure's lowest and highest draw`;
}
