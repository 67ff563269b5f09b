/**
 * Sensitivity: which uncertain input moves the horizon's cost per unit most.
 * Each input in turn is set to its P10 and then its P90 with every other
 * input at its base value; inputs are ranked by the swing between the two.
 */
import { quantile } from './distributions';
import { FLOAT, ratio } from './kpis';
import type { ParamSpec } from './params';
import type { ScenarioPlan } from './plan';
import type { ContractPricer } from './pricing';
import { FloatProjector } from './project';

export interface TornadoRow {
  param: number;
  key: string;
  label: string;
  lowInput: number;
  highInput: number;
  /** Horizon cost per unit with the input at its P10 and its P90. */
  low: number;
  high: number;
  swing: number;
}

export interface TornadoNumbers {
  base: number;
  rows: TornadoRow[];
}

function clampTo(spec: ParamSpec, x: number): number {
  return x < spec.domain.lo ? spec.domain.lo : x > spec.domain.hi ? spec.domain.hi : x;
}

/** Cost per unit over the horizon: all-in cost ÷ business units. */
function horizonCostPerUnit(projector: FloatProjector, values: Float64Array): number {
  const sink = projector.run(values);
  let total = 0;
  let units = 0;
  for (let m = 0; m < sink.total.length; m++) {
    total += sink.total[m] as number;
    units += sink.units[m] as number;
  }
  return ratio(FLOAT, 'costPerUnit', { totalCost: total, businessUnits: units });
}

export function tornado(plan: ScenarioPlan, specs: readonly ParamSpec[], pricer: ContractPricer | null, signal?: AbortSignal): TornadoNumbers {
  const projector = new FloatProjector(plan, pricer, specs);
  const values = Float64Array.from(specs, (s) => s.base);
  const base = horizonCostPerUnit(projector, values);
  const rows: TornadoRow[] = [];
  specs.forEach((spec, i) => {
    if (spec.dist === null) return;
    if (signal?.aborted) return;
    const lowInput = clampTo(spec, quantile(spec.dist, 0.1));
    const highInput = clampTo(spec, quantile(spec.dist, 0.9));
    values[i] = lowInput;
    const low = horizonCostPerUnit(projector, values);
    values[i] = highInput;
    const high = horizonCostPerUnit(projector, values);
    values[i] = spec.base;
    const swing = Math.abs(high - low);
    // Inputs of other scenarios do not move this one: leave them out.
    if (swing > Math.abs(base) * 1e-12) rows.push({ param: i, key: spec.key, label: spec.label, lowInput, highInput, low, high, swing });
  });
  rows.sort((a, b) => b.swing - a.swing || a.key.localeCompare(b.key));
  return { base, rows };
}
