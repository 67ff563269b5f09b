/**
 * Runs one compiled scenario for one set of inputs: the exact projection
 * (base values, money in bigint nano-units) or a float projection (a Monte
 * Carlo draw or a tornado point). Contracts are priced after the months,
 * because credits and commitments run across them.
 */
import { numberToNanos } from '../domain/money';
import { priceContracts, type ContractRun } from './contracts';
import { Evaluator } from './evaluate';
import { ExactSink } from './exact-sink';
import { FloatSink } from './float-sink';
import type { ParamSpec } from './params';
import type { ScenarioPlan } from './plan';
import type { ContractPricer } from './pricing';

export interface ExactProjection {
  plan: ScenarioPlan;
  sink: ExactSink;
  contracts: ContractRun[];
}

export function projectExact(plan: ScenarioPlan, specs: readonly ParamSpec[], pricer: ContractPricer | null): ExactProjection {
  const sink = new ExactSink(plan, specs);
  new Evaluator(plan).run(Float64Array.from(specs, (s) => s.base), sink);
  const contracts = priceContracts(plan, sink, { money: (p) => specs[p]?.baseNanos ?? null, number: (p) => specs[p]?.base ?? 0 }, pricer);
  for (const run of contracts) {
    run.months.forEach((m, j) => sink.addAdjustment(m, run.terms.adjustmentSlot, run.prices[j]!.total - run.listTotals[j]!));
  }
  return { plan, sink, contracts };
}

/** A reusable float projection of one plan (one per scenario per worker). */
export class FloatProjector {
  private readonly evaluator: Evaluator;
  readonly sink: FloatSink;

  constructor(
    readonly plan: ScenarioPlan,
    private readonly pricer: ContractPricer | null,
  ) {
    this.evaluator = new Evaluator(plan);
    this.sink = new FloatSink(plan);
  }

  run(values: Float64Array): FloatSink {
    this.sink.reset(values);
    this.evaluator.run(values, this.sink);
    if (this.plan.contracts.length > 0) {
      const runs = priceContracts(this.plan, this.sink, { money: (p) => numberToNanos(values[p] as number), number: (p) => values[p] as number }, this.pricer);
      for (const run of runs) {
        run.months.forEach((m, j) => this.sink.addAdjustment(m, run.terms.adjustmentSlot, run.prices[j]!.total - run.listTotals[j]!));
      }
    }
    return this.sink;
  }
}
