/**
 * What every block of a Monthly sheet needs: the plan, its inputs as named
 * cells of the Assumptions sheet, ramp columns, price references, and the
 * list of cost columns by the engine's cost slot.
 */
import type { AssumptionCatalogue } from '../../engine/assumptions';
import type { ParamSpec } from '../../engine/params';
import { ENGINE_CLASSES, PRICED_TIERS, type ScenarioPlan, type Timing } from '../../engine/plan';
import { clamp01, div, iff, cmp, mul, naIf, num, ref, round, type Expr } from '../expr';

import type { Columns } from './columns';

export interface LeverTiming {
  label: string;
  start: number;
  rampMonths: number;
}

export class MonthlyContext {
  /** Cost columns by the engine's cost slot. */
  readonly costColumns = new Map<number, string[]>();
  private readonly rampColumns = new Map<string, string>();
  /** Per driver with units done end to end: the column of the share of its units still paying per-unit costs. */
  readonly unitCostsKept = new Map<number, string>();

  constructor(
    readonly plan: ScenarioPlan,
    readonly specs: readonly ParamSpec[],
    readonly catalogue: AssumptionCatalogue,
    readonly cols: Columns,
    readonly levers: readonly LeverTiming[],
  ) {}

  get months(): number {
    return this.plan.months.length;
  }

  /** An input: its name on the Assumptions sheet (INDEX for a name of several cells), or the fixed number the model uses. */
  param(p: number): Expr {
    const spec = this.specs[p]!;
    const r = this.catalogue.paramRef(p);
    if (!r) return num(spec.base);
    return ref(r.cells === 1 ? r.name : `INDEX(${r.name},${r.cell})`, spec.base);
  }

  /** A driver's units that pay per-unit costs this month: all of them, less any done end to end without AI. */
  keptUnits(driver: number, m: number): Expr {
    const units = this.cols.at(`units:${this.plan.drivers[driver]!.id}`, m);
    const kept = this.unitCostsKept.get(driver);
    return kept ? mul(units, this.cols.at(kept, m)) : units;
  }

  /** A share or rate, clamped to 0–1 as the engine clamps it (a constant needs no clamp). */
  share(p: number): Expr {
    return this.catalogue.paramRef(p) ? clamp01(this.param(p)) : this.param(p);
  }

  /** The column of a lever's ramp (share of its full effect each month): inputs from the lever's start and ramp months. */
  ramp(timing: Timing): string {
    const key = `${timing.start}|${timing.rampMonths}`;
    let id = this.rampColumns.get(key);
    if (id) return id;
    id = `ramp:${key}`;
    const labels = this.levers.filter((l) => l.start === timing.start && Math.max(l.rampMonths, 1) === Math.max(timing.rampMonths, 1)).map((l) => l.label);
    const startMonth = this.plan.months[Math.max(0, Math.min(this.months - 1, timing.start))] ?? '';
    this.cols.add({
      id,
      block: 'Lever timing',
      header: `Ramp: ${labels.length > 0 ? labels.join('; ') : `from ${startMonth}`}`,
      style: 'shareInput',
      compute: (m) => ({ input: timing.ramp[m] as number }),
      note: `Share of the lever's full effect each month: 0 before it starts${timing.rampMonths > 1 ? `, then rising over ${timing.rampMonths} months` : ', then 1'} (from the scenario's start and rampMonths).`,
    });
    this.rampColumns.set(key, id);
    return id;
  }

  addCost(slot: number, column: string): void {
    const list = this.costColumns.get(slot) ?? [];
    list.push(column);
    this.costColumns.set(slot, list);
  }

  /**
   * quantity × price-lever factor × list price, rounded to a nano-unit as
   * the engine rounds each priced quantity; NA() where the price book has no
   * price but the quantity is not zero (the engine refuses such a run).
   */
  pricedUsage(m: number, k: number, t: number, c: number, quantity: Expr, factor: Expr | null, band: Expr | number): Expr {
    const price = this.listPrice(m, k, t, c, band);
    if (!price) return naIf(cmp(quantity, '>', num(0)));
    const q = factor ? mul(quantity, factor) : quantity;
    return round(div(mul(q, price.price), num(Number(price.per))), 9);
  }

  /** The list price in force (long-context band chosen by the prompt size where the model has bands), or null when none. */
  listPrice(m: number, k: number, t: number, c: number, band: Expr | number): { price: Expr; per: bigint } | null {
    const mdl = this.plan.models[k]!;
    const month = this.plan.months[m]!;
    const at = (b: number) => this.catalogue.priceRef(mdl.provider, mdl.model, t, c, b, month);
    const base = at(0);
    if (typeof band === 'number' || !base) {
      const r = at(typeof band === 'number' ? band : 0);
      return r ? { price: ref(r.cells === 1 ? r.name : `INDEX(${r.name},${r.cell})`, r.value), per: r.per } : null;
    }
    // Every token of a request bills at the band its prompt reaches: the highest threshold it passes.
    const thresholds = this.plan.prices.thresholds[m * this.plan.models.length + k] ?? [];
    let expr: Expr = ref(base.cells === 1 ? base.name : `INDEX(${base.name},${base.cell})`, base.value);
    thresholds.forEach((th, i) => {
      const r = at(i + 1);
      if (!r || r.per !== base.per) return;
      const p = ref(r.cells === 1 ? r.name : `INDEX(${r.name},${r.cell})`, r.value);
      expr = iff(cmp(band, '>', num(th)), p, expr);
    });
    return { price: expr, per: base.per };
  }

  /** The product of the price levers' factors for (model, tier, class) this month, or null when none applies. */
  priceFactor(m: number, k: number, t: number, c: number, effectColumn: (e: number) => string): Expr | null {
    const effects = this.plan.priceMatches[(k * 4 + t) * ENGINE_CLASSES.length + c] ?? [];
    if (effects.length === 0) return null;
    return mul(...effects.map((e) => this.cols.at(effectColumn(e), m)));
  }

  modelLabel(k: number): string {
    return this.plan.models[k]!.key;
  }

  tierLabel(t: number): string {
    return PRICED_TIERS[t]!;
  }
}
