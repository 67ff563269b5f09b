/**
 * Context bands. Some vendors bill every token of a request (output too) at a
 * higher rate once the request's prompt passes a threshold: Claude Sonnet 4.5
 * at $6/$22.50 per M instead of $3/$15 when the prompt has more than 200,000
 * tokens. A price row's `contextAbove` is that threshold; null is the base band.
 */

/** A band's label as vendors write it: null → "base", 200000 → ">200k". */
export function contextBandLabel(contextAbove: number | null): string {
  if (contextAbove === null || contextAbove === 0) return 'base';
  return `>${compactTokens(contextAbove)}`;
}

function compactTokens(n: number): string {
  if (n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n % 1_000 === 0) return `${n / 1_000}k`;
  return String(n);
}

/**
 * The smallest prompt size a vendor's band label stands for: "0-200k" → 0,
 * "200k-1M" → 200000, ">272k" → 272000, "base" → 0. Null when the label is
 * not understood (the caller then prices at the base band and says so).
 */
export function bandLowerBound(label: string): number | null {
  const text = label.trim().toLowerCase();
  if (text === '' || text === 'base' || text === 'standard' || text === 'default') return 0;
  const m = /^(?:>\s*|over\s+|above\s+)?(\d+(?:\.\d+)?)\s*([km]?)(?:\s*(?:-|–|to)\s*(?:\d+(?:\.\d+)?\s*[km]?|\+|max))?\+?$/.exec(text);
  if (!m) return null;
  const scale = m[2] === 'k' ? 1_000 : m[2] === 'm' ? 1_000_000 : 1;
  return Math.round(Number(m[1]) * scale);
}

/**
 * Picks the band for a request: the highest threshold the prompt passes.
 * `promptTokens` counts every input token of one request (uncached, cache
 * reads and cache writes), as vendors do when they apply the band.
 */
export function bandForPrompt(thresholds: readonly (number | null)[], promptTokens: number): number | null {
  let best: number | null = null;
  for (const t of thresholds) {
    if (t === null) continue;
    if (promptTokens > t && (best === null || t > best)) best = t;
  }
  return best;
}

/** Picks the band a vendor's label falls in: the highest threshold at or below the label's lower bound. */
export function bandForLabel(thresholds: readonly (number | null)[], label: string): number | null | undefined {
  const lower = bandLowerBound(label);
  if (lower === null) return undefined;
  let best: number | null = null;
  for (const t of thresholds) {
    if (t === null) continue;
    if (t <= lower && lower > 0 && (best === null || t > best)) best = t;
  }
  return best;
}
