/**
 * The deterministic run's sink: every priced quantity is converted once to
 * integer nano-units and summed in bigint, so money never accumulates in
 * floating point over months or workloads. Quantities are estimates (requests
 * × tokens × shares) and may be fractional; each is priced exactly as written
 * in its shortest decimal form and rounded once, half to even.
 */
import { divideRoundHalfEven, priceQuantity, type Nanos } from '../domain/money';
import { checkComputedQuantity } from './computed-bounds';
import { contractLineCount, type ContractUsageSource } from './contracts';
import type { Sink } from './evaluate';
import type { ParamSpec } from './params';
import type { ScenarioPlan } from './plan';

/** quantity × (nanos per `per` units), rounded once to a nano-unit. */
export function priceEstimate(quantity: number, nanos: Nanos, per: bigint): Nanos {
  if (quantity === 0 || nanos === 0n) return 0n;
  checkComputedQuantity(quantity, 'usage (tokens, requests or units)');
  if (Number.isSafeInteger(quantity)) return divideRoundHalfEven(BigInt(quantity) * nanos, per);
  return priceQuantity(quantity, nanos, per);
}

export interface WorkloadMonth {
  requests: number;
  successes: number;
  meanLatencyMs: number;
}

export interface PoolMonth {
  pool: number;
  units: number;
  utilisation: number;
  overflowShare: number;
}

export class ExactSink implements Sink, ContractUsageSource {
  /** Cost per month and slot, nano-units. */
  readonly cost: Nanos[][];
  readonly businessUnitsByMonth: number[];
  readonly workloads: WorkloadMonth[][];
  readonly poolMonths: PoolMonth[][];
  private readonly contractQty: Float64Array;
  private readonly contractList: Nanos[];
  private readonly lines: number;
  /** Price entries used where the input price stood in for a missing cache price. */
  readonly fallbacksUsed = new Set<number>();
  private m = 0;

  constructor(
    private readonly plan: ScenarioPlan,
    private readonly specs: readonly ParamSpec[],
  ) {
    const M = plan.months.length;
    this.cost = Array.from({ length: M }, () => new Array<Nanos>(plan.slots.length).fill(0n));
    this.businessUnitsByMonth = new Array<number>(M).fill(0);
    this.workloads = Array.from({ length: M }, () => []);
    this.poolMonths = Array.from({ length: M }, () => []);
    this.lines = contractLineCount(plan);
    const size = M * plan.contracts.length * this.lines;
    this.contractQty = new Float64Array(size);
    this.contractList = new Array<Nanos>(size).fill(0n);
  }

  beginMonth(m: number): void {
    this.m = m;
  }

  usage(slot: number, quantity: number, factor: number, price: number, contract: number, line: number): void {
    const prices = this.plan.prices;
    const amount = priceEstimate(quantity * factor, prices.nanos[price]!, prices.per[price]!);
    if (prices.fallback[price]) this.fallbacksUsed.add(price);
    const row = this.cost[this.m]!;
    row[slot] = row[slot]! + amount;
    if (contract >= 0) {
      const at = (this.m * this.plan.contracts.length + contract) * this.lines + line;
      this.contractQty[at] = (this.contractQty[at] as number) + quantity;
      this.contractList[at] = this.contractList[at]! + amount;
    }
  }

  money(slot: number, quantity: number, param: number): void {
    const amount = priceEstimate(quantity, this.specs[param]!.baseNanos ?? 0n, 1n);
    const row = this.cost[this.m]!;
    row[slot] = row[slot]! + amount;
  }

  businessUnits(m: number, units: number): void {
    this.businessUnitsByMonth[m] = units;
  }

  workload(m: number, w: number, requests: number, successes: number, meanLatencyMs: number): void {
    this.workloads[m]![w] = { requests, successes, meanLatencyMs };
  }

  pool(m: number, pool: number, units: number, utilisation: number, overflowShare: number): void {
    this.poolMonths[m]!.push({ pool, units, utilisation, overflowShare });
  }

  endMonth(): void {}

  quantity(m: number, contract: number, line: number): number {
    return this.contractQty[(m * this.plan.contracts.length + contract) * this.lines + line] as number;
  }

  listCost(m: number, contract: number, line: number): Nanos {
    return this.contractList[(m * this.plan.contracts.length + contract) * this.lines + line]!;
  }

  /** Books a contract's invoice minus list as the month's adjustment. */
  addAdjustment(m: number, slot: number, amount: Nanos): void {
    const row = this.cost[m]!;
    row[slot] = row[slot]! + amount;
  }
}
