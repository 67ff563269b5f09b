/**
 * The Monte Carlo and tornado sink: float64 sums of the few figures the
 * percentiles need. Float rounding over a run (about 1e-16 relative per
 * operation) is far below the spread of any uncertain input; the exact
 * figures come from the deterministic run.
 */
import { numberToNanos, type Nanos } from '../domain/money';
import { contractLineCount, type ContractUsageSource } from './contracts';
import type { Sink } from './evaluate';
import type { ScenarioPlan } from './plan';

export class FloatSink implements Sink, ContractUsageSource {
  readonly total: Float64Array;
  readonly ai: Float64Array;
  /** Cost of doing the work (for cost per successful outcome). */
  readonly work: Float64Array;
  readonly units: Float64Array;
  readonly successes: Float64Array;
  private readonly aiSlot: Uint8Array;
  private readonly workSlot: Uint8Array;
  private readonly contractQty: Float64Array;
  private readonly contractList: Float64Array;
  private readonly lines: number;
  private values: Float64Array = new Float64Array(0);
  private m = 0;
  /** Vendor usage arrives as one sum a month (see Sink.sumsUsage). */
  readonly sumsUsage = true;

  constructor(private readonly plan: ScenarioPlan) {
    const M = plan.months.length;
    this.total = new Float64Array(M);
    this.ai = new Float64Array(M);
    this.work = new Float64Array(M);
    this.units = new Float64Array(M);
    this.successes = new Float64Array(M);
    this.aiSlot = Uint8Array.from(plan.slots, (s) => (s.ai ? 1 : 0));
    this.workSlot = Uint8Array.from(plan.slots, (s) => (s.perSuccess ? 1 : 0));
    this.lines = contractLineCount(plan);
    const size = plan.contracts.length > 0 ? M * plan.contracts.length * this.lines : 0;
    this.contractQty = new Float64Array(size);
    this.contractList = new Float64Array(size);
  }

  /** Clears the figures for a new draw with these input values. */
  reset(values: Float64Array): void {
    this.values = values;
    this.total.fill(0);
    this.ai.fill(0);
    this.work.fill(0);
    this.units.fill(0);
    this.successes.fill(0);
    if (this.contractQty.length > 0) {
      this.contractQty.fill(0);
      this.contractList.fill(0);
    }
  }

  private add(slot: number, amount: number): void {
    const m = this.m;
    this.total[m] = (this.total[m] as number) + amount;
    if (this.aiSlot[slot]) this.ai[m] = (this.ai[m] as number) + amount;
    if (this.workSlot[slot]) this.work[m] = (this.work[m] as number) + amount;
  }

  beginMonth(m: number): void {
    this.m = m;
  }

  usage(slot: number, quantity: number, factor: number, price: number, contract: number, line: number): void {
    const amount = quantity * factor * (this.plan.prices.perUnit[price] as number);
    this.add(slot, amount);
    if (contract >= 0) {
      const at = (this.m * this.plan.contracts.length + contract) * this.lines + line;
      this.contractQty[at] = (this.contractQty[at] as number) + quantity;
      this.contractList[at] = (this.contractList[at] as number) + amount;
    }
  }

  amount(slot: number, amount: number): void {
    this.add(slot, amount);
  }

  usageSum(amount: number): void {
    const m = this.m;
    this.total[m] = (this.total[m] as number) + amount;
    this.ai[m] = (this.ai[m] as number) + amount;
    this.work[m] = (this.work[m] as number) + amount;
  }

  money(slot: number, quantity: number, param: number): void {
    this.add(slot, quantity * (this.values[param] as number));
  }

  businessUnits(m: number, units: number): void {
    this.units[m] = units;
  }

  workload(m: number, _w: number, _requests: number, successes: number): void {
    this.successes[m] = (this.successes[m] as number) + successes;
  }

  pool(): void {}

  endMonth(): void {}

  quantity(m: number, contract: number, line: number): number {
    return this.contractQty[(m * this.plan.contracts.length + contract) * this.lines + line] as number;
  }

  listCost(m: number, contract: number, line: number): Nanos {
    return numberToNanos(this.contractList[(m * this.plan.contracts.length + contract) * this.lines + line] as number);
  }

  addAdjustment(m: number, slot: number, amount: Nanos): void {
    this.m = m;
    this.add(slot, Number(amount) / 1e9);
  }
}
