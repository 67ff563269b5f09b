/**
 * Energy (kWh) and carbon (kg CO2e) of ledger lines, as estimated ranges.
 * Only output-token lines carry an estimate: each response has output, so
 * requests = output tokens ÷ tokens per response, and per-token figures
 * scale with output tokens; input tokens, cache and request-count lines add
 * nothing of their own (counting them too would count a request twice).
 * Carbon is the source's own figure where it published one, else
 * energy × the grid intensity of the line's region.
 */
import { gridFor, modelAssumption, type EnergyAssumptions, type Range } from './assumptions';

export interface Impact {
  kwh: Range;
  kgCo2e: Range;
}

export interface LineForEnergy {
  provider: string;
  model: string | null;
  usageClass: string;
  region: string | null;
  /** Null when the statement does not report it: no estimate. */
  quantity: number | null;
}

const scale = (r: Range, k: number): Range => ({ low: r.low * k, mid: r.mid * k, high: r.high * k });
const times = (a: Range, b: Range): Range => ({ low: a.low * b.low, mid: a.mid * b.mid, high: a.high * b.high });

/** The estimate for one line, with the id of the assumption that made it (null: no estimate for this line). */
export function lineImpact(a: EnergyAssumptions, line: LineForEnergy): { impact: Impact; assumptionId: string } | null {
  if (line.usageClass !== 'output' || line.model === null || line.quantity === null || line.quantity <= 0) return null;
  const m = modelAssumption(a, line.provider, line.model);
  if (!m) return null;
  const units = m.per === 'request' ? line.quantity / a.outputTokensPerRequest.value : line.quantity / 1000;
  const kwh = scale(m.wh, units / 1000);
  const kgCo2e = m.gCo2e ? scale(m.gCo2e, units / 1000) : scale(times(kwh, gridFor(a, line.region).gCo2ePerKwh), 1 / 1000);
  return { impact: { kwh, kgCo2e }, assumptionId: m.id };
}

export function addImpact(into: Impact, add: Impact, share = 1): void {
  for (const key of ['kwh', 'kgCo2e'] as const) {
    into[key].low += add[key].low * share;
    into[key].mid += add[key].mid * share;
    into[key].high += add[key].high * share;
  }
}

export function emptyImpact(): Impact {
  return { kwh: { low: 0, mid: 0, high: 0 }, kgCo2e: { low: 0, mid: 0, high: 0 } };
}
