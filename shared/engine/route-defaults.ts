/**
 * What a new route lever starts as, so the first thing the form shows is the
 * move an analyst would try first: the model the baseline spends most on,
 * routed to a cheaper model of the same provider, from next month.
 *
 * - **From**: the model with the largest baseline cost over the horizon
 *   (exact sums of the baseline's cost by model); before the baseline has run,
 *   the first model the workloads use.
 * - **To**: a model of the same provider whose list price per token is lower,
 *   input and output tokens together (standard tier, text meter, no context
 *   band). One the workloads already use comes first (its success rate and
 *   prompts are known); otherwise the price book's model sharing the longest
 *   name prefix with the from-model (its smaller sibling: gpt-4.1 →
 *   gpt-4.1-mini), and of those the dearest, the smallest step down. When no
 *   cheaper model is known, another model of the workloads (the user picks).
 * - **Start**: the month after today, never a month already past, and inside
 *   the horizon (its first month when the horizon starts later, its last when
 *   it has ended).
 */
import { addMonths, monthOf } from '../domain/calendar';
import { parseMoney, type Nanos } from '../domain/money';

export interface TokenPrice {
  provider: string;
  model: string;
  usageClass: string;
  meter: string | null;
  serviceTier: string;
  contextAbove: number | null;
  region: string | null;
  unit: string;
  price: string;
  per: number;
}

export interface RouteDefaultsInput {
  /** "provider/model" of every model the baseline's workloads use, in the file's order. */
  models: readonly string[];
  /** The baseline's cost by model ("provider/model" → exact decimal), one record per month; empty before it has run. */
  baselineByModel: readonly Readonly<Record<string, string>>[];
  /** Price rows in force today (any provider; rows that are not a plain per-token text price are ignored). */
  prices: readonly TokenPrice[];
  /** Today, YYYY-MM-DD. */
  today: string;
  horizonStart: string;
  horizonMonths: number;
}

export interface RouteDefaults {
  from: string;
  to: string;
  start: string;
}

const PER_MILLION = 1_000_000n;

/** Input plus output list price per million tokens, in nano-units, per "provider/model"; models without both are left out. */
export function blendedTokenPrices(prices: readonly TokenPrice[]): Map<string, Nanos> {
  const parts = new Map<string, { input?: Nanos; output?: Nanos }>();
  for (const p of prices) {
    if (p.unit !== 'token' || p.meter !== null || p.serviceTier !== 'standard' || p.contextAbove !== null || p.region !== null) continue;
    if (p.usageClass !== 'input' && p.usageClass !== 'output') continue;
    const key = `${p.provider}/${p.model}`;
    const entry = parts.get(key) ?? {};
    entry[p.usageClass] = (parseMoney(p.price) * PER_MILLION) / BigInt(p.per);
    parts.set(key, entry);
  }
  const out = new Map<string, Nanos>();
  for (const [key, { input, output }] of parts) if (input !== undefined && output !== undefined) out.set(key, input + output);
  return out;
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** The month a new lever starts: next month, clamped to the horizon. */
export function nextLeverMonth(today: string, horizonStart: string, horizonMonths: number): string {
  const next = addMonths(monthOf(today), 1);
  const last = addMonths(horizonStart, Math.max(horizonMonths, 1) - 1);
  if (next < horizonStart) return horizonStart;
  if (next > last) return last;
  return next;
}

export function routeDefaults(input: RouteDefaultsInput): RouteDefaults | null {
  const start = nextLeverMonth(input.today, input.horizonStart, input.horizonMonths);
  if (input.models.length === 0) return null;

  const spend = new Map<string, Nanos>();
  for (const month of input.baselineByModel) for (const [model, amount] of Object.entries(month)) spend.set(model, (spend.get(model) ?? 0n) + parseMoney(amount));
  let from = input.models[0]!;
  for (const model of input.models) if ((spend.get(model) ?? 0n) > (spend.get(from) ?? 0n)) from = model;

  const provider = from.split('/')[0]!;
  const name = from.slice(provider.length + 1);
  const blended = blendedTokenPrices(input.prices);
  const fromPrice = blended.get(from);
  const cheaper = (model: string) => model !== from && model.split('/')[0] === provider && fromPrice !== undefined && (blended.get(model) ?? fromPrice) < fromPrice;
  const byPriceDesc = (a: string, b: string) => {
    const pa = blended.get(a)!;
    const pb = blended.get(b)!;
    return pa > pb ? -1 : pa < pb ? 1 : a.localeCompare(b);
  };

  const used = input.models.filter(cheaper).sort(byPriceDesc);
  if (used[0]) return { from, to: used[0], start };
  const book = [...blended.keys()].filter(cheaper).sort((a, b) => commonPrefix(b.slice(provider.length + 1), name) - commonPrefix(a.slice(provider.length + 1), name) || byPriceDesc(a, b));
  if (book[0]) return { from, to: book[0], start };
  const other = input.models.find((m) => m !== from && m.split('/')[0] === provider) ?? input.models.find((m) => m !== from) ?? from;
  return { from, to: other, start };
}
