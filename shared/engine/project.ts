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
import type { ContractAsOffer, ContractPricer } from './pricing';

export interface ExactProjection {
  plan: ScenarioPlan;
  sink: ExactSink;
  contracts: ContractRun[];
}

export function projectExact(plan: ScenarioPlan, specs: readonly ParamSpec[], pricer: ContractPricer | null): ExactProjection {
  const sink = new ExactSink(plan, specs);
  new Evaluator(plan).run(Float64Array.from(specs, (s) => s.base), sink);
  const contracts = priceContracts(plan, sink, { money: (p) => specs[p]?.baseNanos ?? null, number: (p) => specs[p]?.base ?? 0 }, pricer, [], true);
  for (const run of contracts) {
    run.months.forEach((m, j) => sink.addAdjustment(m, run.terms.adjustmentSlot, run.prices[j]!.total - run.listTotals[j]!));
  }
  return { plan, sink, contracts };
}

/** A reusable float projection of one plan (one per scenario per worker). */
export class FloatProjector {
  private readonly evaluator: Evaluator;
  readonly sink: FloatSink;
  /** Per contract lever: its offer form, when the pricer has one that agrees with it on the base inputs. */
  private readonly surrogates: (ContractAsOffer | null)[];

  constructor(
    readonly plan: ScenarioPlan,
    private readonly pricer: ContractPricer | null,
    specs?: readonly ParamSpec[],
  ) {
    this.evaluator = new Evaluator(plan);
    this.sink = new FloatSink(plan);
    this.surrogates = specs ? this.checkedSurrogates(specs) : [];
  }

  /**
   * Offer forms of workspace contracts, each kept only if it prices every
   * month of the base inputs exactly as the contract pricer does (both round
   * each invoice line to the cent), so a draw at the base values equals the
   * exact run. Decided from the base inputs alone, so every worker decides
   * alike.
   */
  private checkedSurrogates(specs: readonly ParamSpec[]): (ContractAsOffer | null)[] {
    const pricer = this.pricer;
    const asOffer = pricer?.asOffer;
    if (!pricer || !asOffer || this.plan.contracts.every((t) => t.contractId === null)) return [];
    const candidates = this.plan.contracts.map((t) => (t.contractId === null ? null : asOffer.call(pricer, t.contractId, t.provider, this.plan.currency)));
    if (candidates.every((c) => c === null)) return [];
    const values = Float64Array.from(specs, (s) => s.base);
    this.sink.reset(values);
    this.evaluator.run(values, this.sink);
    const resolve = { money: (p: number) => numberToNanos(values[p] as number), number: (p: number) => values[p] as number };
    const exact = priceContracts(this.plan, this.sink, resolve, pricer);
    const offered = priceContracts(this.plan, this.sink, resolve, pricer, candidates);
    return candidates.map((candidate, c) => {
      if (!candidate) return null;
      const a = exact.find((r) => r.index === c);
      const b = offered.find((r) => r.index === c);
      if (!a || !b) return null;
      const agrees = a.prices.every((p, j) => p.total === b.prices[j]!.total);
      return agrees ? candidate : null;
    });
  }

  run(values: Float64Array): FloatSink {
    this.sink.reset(values);
    this.evaluator.run(values, this.sink);
    if (this.plan.contracts.length > 0) {
      const runs = priceContracts(this.plan, this.sink, { money: (p) => numberToNanos(values[p] as number), number: (p) => values[p] as number }, this.pricer, this.surrogates);
      for (const run of runs) {
        run.months.forEach((m, j) => this.sink.addAdjustment(m, run.terms.adjustmentSlot, run.prices[j]!.total - run.listTotals[j]!));
      }
    }
    return this.sink;
  }
}
