/**
 * The monthly projection of one scenario for one set of input values.
 *
 * For each month: business units from the drivers (with volume levers), the
 * process's non-AI costs, then each workload with its levers applied in
 * order (route, cache, tier, token drift, alternative handling), then shared
 * provisioned capacity, then monthly and one-time costs. Every priced
 * quantity goes to a Sink: the exact sink prices it in integer nano-units,
 * the float sink (Monte Carlo, tornado) in float64.
 *
 * A workload month, in words:
 *   requests = business units × requests per unit
 *   alternative levers take their share (people or rules);
 *   the response cache answers its share of the rest without a model;
 *   the remainder is split between model profiles by share; each profile's
 *   attempts = requests × (1 + f + f² … f^retries) with f = 1 − success rate,
 *   and what still fails escalates once to the profile it names;
 *   each attempt sends (input × token ratio) prompt tokens, of which the
 *   cacheable share is read from the prompt cache at the hit rate (× the
 *   cache's warmth after a move) and written to it otherwise, and
 *   (output × output ratio) output tokens, split over service tiers.
 */
import { WorkbenchError } from '../domain/errors';
import { detPowInt } from './random';
import { leverModule, type LeverStep, type WorkloadMonth } from './levers';
import {
  C_CACHED,
  C_INPUT,
  C_OUTPUT,
  C_WRITE_1H,
  C_WRITE_5M,
  clamp01,
  ENGINE_CLASSES,
  PRICED_TIERS,
  type ScenarioPlan,
} from './plan';

export interface Sink {
  beginMonth(m: number): void;
  /**
   * Vendor usage: `quantity` units at price-table entry `price`, times `factor`
   * (price levers). `contract` ≥ 0 names the contract in force for the
   * vendor, `line` the usage line it is recorded under.
   */
  usage(slot: number, quantity: number, factor: number, price: number, contract: number, line: number): void;
  /** quantity × the money parameter `param` (a cost per unit, a monthly fee). */
  money(slot: number, quantity: number, param: number): void;
  businessUnits(m: number, units: number): void;
  workload(m: number, w: number, requests: number, successes: number, meanLatencyMs: number): void;
  pool(m: number, pool: number, units: number, utilisation: number, overflowShare: number): void;
  endMonth(m: number): void;
  /**
   * Float sinks may take vendor usage as one sum per month (all usage slots
   * count as AI cost and as cost per success), which keeps Monte Carlo fast.
   */
  readonly sumsUsage?: boolean;
  usageSum?(amount: number): void;
  /** An amount already worked out, booked to a slot (float sinks only). */
  amount?(slot: number, amount: number): void;
}

const CLASSES = ENGINE_CLASSES.length;
const MINUTES_PER_DAY = 1440;

export class Evaluator {
  private readonly share: Float64Array;
  private readonly warm: Float64Array;
  private readonly traffic: Float64Array;
  private readonly altMoved: Float64Array;
  private readonly tiers = new Float64Array(4);
  /** What the levers' steps act on in a workload month (its arrays are the fields above). */
  private readonly state: WorkloadMonth;
  /** Each workload lever's step function, by workload and lever. */
  private readonly steps: LeverStep<unknown>[][];
  private readonly driverUnits: Float64Array;
  private readonly effectFactor: Float64Array;
  private readonly requests: Float64Array;
  private readonly aiRequests: Float64Array;
  /** Standard-tier token quantities of pooled profiles, per (workload, profile, class), awaiting the pool's overflow share. */
  private readonly poolQ: Float64Array;
  private readonly poolBand: Int32Array;
  private readonly poolOf: Int32Array;
  /** Price-lever factor per (model, tier, class) this month. */
  private readonly classFactor: Float64Array;
  /** (model, tier, class) entries some price lever touches, with the levers. */
  private readonly factorEntries: { at: number; effects: number[] }[];
  private readonly missing: Uint8Array;
  private readonly unitPrice: Float64Array;
  private values: Float64Array = new Float64Array(0);
  private sink: Sink | null = null;
  private nonAiFactor = 1;
  private fast = false;
  private usageAcc = 0;
  /** Per workload: the last month worked out in full, to scale by units in months of the same memo class. */
  private readonly memoUnits: Float64Array;
  private readonly memoUsage: Float64Array;
  private readonly memoAlternative: Float64Array;
  private readonly memoResponse: Float64Array;
  private readonly memoResponseFixed: Float64Array;
  private readonly memoSuccesses: Float64Array;
  private readonly memoRequests: Float64Array;
  private readonly memoAiRequests: Float64Array;
  /** Per workload: the share of its business units done end to end without AI this month. */
  private readonly endToEnd: Float64Array;
  /** Per driver: the workloads whose alternatives do units end to end (none: the driver's costs are never reduced). */
  private readonly endToEndWorkloads: number[][];
  /** Per driver: the share of its units whose other per-unit costs are still paid this month. */
  private readonly unitCostsKept: Float64Array;
  /** Per workload and alternative: the share of the workload's work moved to it this month (kept for end-to-end costs). */
  private readonly movedBy: Float64Array;

  constructor(readonly plan: ScenarioPlan) {
    const W = plan.workloads.length;
    this.share = new Float64Array(plan.maxProfiles);
    this.warm = new Float64Array(plan.maxProfiles);
    this.traffic = new Float64Array(plan.maxProfiles);
    this.altMoved = new Float64Array(plan.maxAlternatives);
    this.state = { share: this.share, warm: this.warm, tiers: this.tiers, altMoved: this.altMoved, requestsPerUnit: 0, inputTokens: 0, outputTokens: 0, cacheable: 0, hitRate: 0, ttl1h: false, responseShare: 0, aiRemaining: 1 };
    this.steps = plan.workloads.map((w) =>
      w.levers.map((l) => {
        const step = leverModule(l.type).step;
        if (step === null) throw new Error(`the ${l.type} lever has no workload step, yet its compile step added one`);
        return step;
      }),
    );
    this.driverUnits = new Float64Array(plan.drivers.length);
    this.effectFactor = new Float64Array(plan.priceEffects.length);
    this.requests = new Float64Array(W);
    this.aiRequests = new Float64Array(W);
    this.poolQ = new Float64Array(W * plan.maxProfiles * CLASSES);
    this.poolBand = new Int32Array(W * plan.maxProfiles);
    this.poolOf = new Int32Array(W * plan.maxProfiles).fill(-1);
    this.classFactor = new Float64Array(plan.models.length * 4 * CLASSES).fill(1);
    this.factorEntries = plan.priceMatches.flatMap((effects, at) => (effects.length > 0 ? [{ at, effects }] : []));
    this.missing = plan.prices.missing;
    this.unitPrice = plan.prices.perUnit;
    this.memoUnits = new Float64Array(W);
    this.memoUsage = new Float64Array(W);
    this.memoAlternative = new Float64Array(W);
    this.memoResponse = new Float64Array(W);
    this.memoResponseFixed = new Float64Array(W);
    this.memoSuccesses = new Float64Array(W);
    this.memoRequests = new Float64Array(W);
    this.memoAiRequests = new Float64Array(W);
    this.endToEnd = new Float64Array(W);
    this.endToEndWorkloads = plan.drivers.map((_, d) => plan.workloads.flatMap((w, wi) => (w.driver === d && w.alternatives.some((a) => a.endToEnd) ? [wi] : [])));
    this.unitCostsKept = new Float64Array(plan.drivers.length).fill(1);
    this.movedBy = new Float64Array(W * plan.maxAlternatives);
  }

  /** Runs every month of the horizon with these input values into the sink. */
  run(values: Float64Array, sink: Sink): void {
    this.values = values;
    this.sink = sink;
    // Contracts need usage line by line, so they take the general path.
    this.fast = sink.sumsUsage === true && this.plan.contracts.length === 0;
    this.memoUnits.fill(0);
    for (let m = 0; m < this.plan.months.length; m++) this.month(m);
    this.sink = null;
  }

  private month(m: number): void {
    const plan = this.plan;
    const v = this.values;
    const sink = this.sink!;
    sink.beginMonth(m);

    // Price levers: factor per effect this month.
    this.nonAiFactor = 1;
    for (let e = 0; e < plan.priceEffects.length; e++) {
      const effect = plan.priceEffects[e]!;
      const r = effect.timing.ramp[m] as number;
      const f = r === 0 ? 1 : 1 + ((v[effect.pct] as number) * r) / 100;
      this.effectFactor[e] = f < 0 ? 0 : f;
    }
    for (const e of plan.nonAiPriceEffects) this.nonAiFactor *= this.effectFactor[e] as number;
    for (const entry of this.factorEntries) {
      let f = 1;
      for (const e of entry.effects) f *= this.effectFactor[e] as number;
      this.classFactor[entry.at] = f;
    }
    this.usageAcc = 0;

    // Business units.
    for (let d = 0; d < plan.drivers.length; d++) this.driverUnits[d] = Math.max(0, v[plan.drivers[d]!.units[m] as number] as number);
    for (const vol of plan.volume) {
      const r = vol.timing.ramp[m] as number;
      if (r === 0) continue;
      let f = 1;
      if (vol.factor >= 0) f *= 1 + ((v[vol.factor] as number) - 1) * r;
      if (vol.monthlyGrowthPct >= 0) f *= detPowInt(1 + (v[vol.monthlyGrowthPct] as number) / 100, m - vol.timing.start + 1);
      for (const d of vol.drivers) this.driverUnits[d] = (this.driverUnits[d] as number) * Math.max(0, f);
    }
    sink.businessUnits(m, this.driverUnits[plan.unitDriver] as number);

    for (let w = 0; w < plan.workloads.length; w++) this.workload(m, w);
    // Units people do end to end: the largest share any of the driver's workloads moved that way (each such
    // unit is one unit of the driver, however many of its workloads the lever names).
    for (let d = 0; d < plan.drivers.length; d++) {
      const ws = this.endToEndWorkloads[d]!;
      if (ws.length === 0) continue;
      let done = 0;
      for (const w of ws) done = Math.max(done, this.endToEnd[w] as number);
      this.unitCostsKept[d] = 1 - clamp01(done);
    }
    // People's cost of the units they do end to end: once per unit, on the largest share the lever's workloads moved.
    for (const cost of plan.endToEndCosts) {
      let share = 0;
      for (const { workload, slot } of cost.moved) share = Math.max(share, this.movedBy[workload * plan.maxAlternatives + slot] as number);
      if (share > 0) sink.money(cost.slot, (this.driverUnits[cost.driver] as number) * share, cost.costPerUnit);
    }

    // The process's own non-AI costs (after the workloads: units done end to end without AI drop their per-unit costs).
    for (let d = 0; d < plan.drivers.length; d++) {
      const driver = plan.drivers[d]!;
      for (const cost of driver.costs) {
        const perUnit = cost.perUnit[m] as number;
        const fixedMonthly = cost.fixedMonthly[m] as number;
        if (perUnit >= 0) sink.money(cost.slot, (this.driverUnits[d] as number) * (this.unitCostsKept[d] as number) * this.nonAiFactor, perUnit);
        if (fixedMonthly >= 0) sink.money(cost.slot, this.nonAiFactor, fixedMonthly);
      }
    }

    if (plan.pools.length > 0) this.pools(m);
    this.monthlyCosts(m);
    if (this.fast) sink.usageSum!(this.usageAcc);
    sink.endMonth(m);
  }

  private workload(m: number, wi: number): void {
    const plan = this.plan;
    const v = this.values;
    const sink = this.sink!;
    const w = plan.workloads[wi]!;
    const units = this.driverUnits[w.driver] as number;
    if (this.fast && m > 0) {
      const cls = w.memoClass[m] as number;
      const memoUnits = this.memoUnits[wi] as number;
      if (cls >= 0 && cls === w.memoClass[m - 1] && memoUnits > 0 && units > 0) {
        // Same levers, warmth and prices as the month worked out: everything but fixed costs scales with units.
        const scale = units / memoUnits;
        this.usageAcc += (this.memoUsage[wi] as number) * scale;
        if (this.memoAlternative[wi] !== 0 && w.alternatives.length > 0) sink.amount!(w.alternatives[0]!.costSlot, (this.memoAlternative[wi] as number) * scale);
        if (this.memoResponse[wi] !== 0 || this.memoResponseFixed[wi] !== 0) {
          sink.amount!(w.responseSlot, (this.memoResponse[wi] as number) * scale + (this.memoResponseFixed[wi] as number));
        }
        this.requests[wi] = (this.memoRequests[wi] as number) * scale;
        this.aiRequests[wi] = (this.memoAiRequests[wi] as number) * scale;
        sink.workload(m, wi, this.requests[wi] as number, (this.memoSuccesses[wi] as number) * scale, Number.NaN);
        return;
      }
    }
    const usageBefore = this.usageAcc;
    const profiles = w.profiles;
    const P = profiles.length;
    const share = this.share;
    const warm = this.warm;

    let shareSum = 0;
    for (let i = 0; i < P; i++) {
      const p = profiles[i]!.baseShare;
      share[i] = p >= 0 ? clamp01(v[p] as number) : 0;
      shareSum += share[i] as number;
      warm[i] = 1;
    }
    // Shares drawn independently may not add up to 1: normalise so traffic is neither lost nor invented.
    if (shareSum > 0 && shareSum !== 1) for (let i = 0; i < P; i++) share[i] = (share[i] as number) / shareSum;

    const tiers = this.tiers;
    let tierSum = 0;
    for (let t = 0; t < 4; t++) {
      tiers[t] = clamp01(v[w.tiers[t]!] as number);
      tierSum += tiers[t] as number;
    }
    if (tierSum > 0 && tierSum !== 1) for (let t = 0; t < 4; t++) tiers[t] = (tiers[t] as number) / tierSum;

    // The workload's own settings, then each lever's step in the file's order (shared/engine/levers).
    const s = this.state;
    s.requestsPerUnit = v[w.requestsPerUnit] as number;
    s.inputTokens = v[w.inputTokens] as number;
    s.outputTokens = v[w.outputTokens] as number;
    s.cacheable = clamp01(v[w.cacheable] as number);
    s.hitRate = clamp01(v[w.hitRate] as number);
    s.ttl1h = w.ttl1h;
    s.responseShare = clamp01(v[w.responseShare] as number);
    s.aiRemaining = 1;
    for (let j = 0; j < w.alternatives.length; j++) this.altMoved[j] = 0;
    const steps = this.steps[wi]!;
    for (let l = 0; l < w.levers.length; l++) {
      const lever = w.levers[l]!;
      const r = lever.timing.ramp[m] as number;
      if (r === 0) continue;
      steps[l]!(s, lever.data, v, r, m);
    }
    const { requestsPerUnit, inputTokens, outputTokens, cacheable, hitRate, ttl1h, responseShare, aiRemaining } = s;

    const requests = units * requestsPerUnit;
    const aiRequests = requests * aiRemaining;
    const cacheHits = aiRequests * responseShare;
    const modelRequests = aiRequests - cacheHits;
    this.requests[wi] = requests;
    this.aiRequests[wi] = aiRequests;

    const traffic = this.traffic;
    for (let i = 0; i < P; i++) traffic[i] = modelRequests * (share[i] as number);
    let successes = cacheHits;
    let latencySum = 0;
    let latencyKnown = false;
    // Highest profile first: escalation only ever points to a lower one, so its traffic is complete when reached.
    for (let i = P - 1; i >= 0; i--) {
      const t = traffic[i] as number;
      if (!(t > 0)) continue;
      const prof = profiles[i]!;
      const fail = 1 - clamp01(v[prof.success] as number);
      let attemptsPerRequest = 1;
      let failAll = fail;
      for (let j = 0; j < prof.retries; j++) {
        attemptsPerRequest += failAll;
        failAll *= fail;
      }
      const attempts = t * attemptsPerRequest;
      successes += t * (1 - failAll);
      if (prof.escalateTo >= 0) traffic[prof.escalateTo] = (traffic[prof.escalateTo] as number) + t * failAll;
      if (prof.latency >= 0) {
        latencySum += attempts * (v[prof.latency] as number);
        latencyKnown = true;
      }
      const inTokens = inputTokens * (v[prof.tokenRatio] as number);
      const outTokens = outputTokens * (v[prof.outputRatio >= 0 ? prof.outputRatio : prof.tokenRatio] as number);
      this.emitProfile(m, wi, i, attempts, inTokens, outTokens, cacheable, hitRate * (warm[i] as number), ttl1h);
    }

    let alternativeCost = 0;
    let endToEnd = 0;
    for (let j = 0; j < w.alternatives.length; j++) {
      const moved = this.altMoved[j] as number;
      this.movedBy[wi * plan.maxAlternatives + j] = moved > 0 ? moved : 0;
      if (!(moved > 0)) continue;
      const alt = w.alternatives[j]!;
      if (alt.endToEnd) endToEnd += moved;
      successes += requests * moved * clamp01(v[alt.success] as number);
      if (alt.costPerUnit >= 0) {
        sink.money(alt.costSlot, units * moved, alt.costPerUnit);
        alternativeCost += units * moved * (v[alt.costPerUnit] as number);
      }
      if (alt.costPerRequest >= 0) {
        sink.money(alt.costSlot, requests * moved, alt.costPerRequest);
        alternativeCost += requests * moved * (v[alt.costPerRequest] as number);
      }
    }
    this.endToEnd[wi] = endToEnd;
    let responseCost = 0;
    let responseFixed = 0;
    if (responseShare > 0) {
      if (w.responseMonthly >= 0) {
        sink.money(w.responseSlot, 1, w.responseMonthly);
        responseFixed = v[w.responseMonthly] as number;
      }
      if (w.responsePerRequest >= 0) {
        sink.money(w.responseSlot, aiRequests, w.responsePerRequest);
        responseCost = aiRequests * (v[w.responsePerRequest] as number);
      }
    }
    if (this.fast) {
      this.memoUnits[wi] = units;
      this.memoUsage[wi] = this.usageAcc - usageBefore;
      this.memoAlternative[wi] = alternativeCost;
      this.memoResponse[wi] = responseCost;
      this.memoResponseFixed[wi] = responseFixed;
      this.memoSuccesses[wi] = successes;
      this.memoRequests[wi] = requests;
      this.memoAiRequests[wi] = aiRequests;
    }
    sink.workload(m, wi, requests, successes, latencyKnown && modelRequests > 0 ? latencySum / modelRequests : Number.NaN);
  }

  private emitProfile(m: number, wi: number, i: number, attempts: number, inTokens: number, outTokens: number, cacheable: number, hit: number, ttl1h: boolean): void {
    const plan = this.plan;
    const v = this.values;
    const w = plan.workloads[wi]!;
    const k = w.profiles[i]!.model;
    const K = plan.models.length;
    const band = this.band(m, k, inTokens);
    const qIn = attempts * inTokens * (1 - cacheable);
    const qRead = attempts * inTokens * cacheable * hit;
    const qWrite = attempts * inTokens * cacheable * (1 - hit);
    const qOut = attempts * outTokens;
    const writeClass = ttl1h ? C_WRITE_1H : C_WRITE_5M;
    const pool = plan.pools.length > 0 ? (plan.activePool[(m * plan.workloads.length + wi) * K + k] as number) : -1;
    if (this.fast && pool < 0) {
      // Monte Carlo: one float sum, no per-line bookkeeping.
      const B = plan.prices.bands;
      let cost = 0;
      for (let t = 0; t < 4; t++) {
        const ts = this.tiers[t] as number;
        if (!(ts > 0)) continue;
        const at = (k * 4 + t) * CLASSES;
        const price = ((m * K + k) * 4 + t) * CLASSES * B + band;
        let perTier =
          this.fastCost(price, at, C_INPUT, qIn, B) + this.fastCost(price, at, C_CACHED, qRead, B) + this.fastCost(price, at, writeClass, qWrite, B) + this.fastCost(price, at, C_OUTPUT, qOut, B);
        for (const other of w.otherUnits) perTier += this.fastCost(price, at, other.usageClass, attempts * (v[other.param] as number), B);
        cost += ts * perTier;
      }
      this.usageAcc += cost;
      return;
    }
    for (let t = 0; t < 4; t++) {
      const ts = this.tiers[t] as number;
      if (!(ts > 0)) continue;
      if (t === 0 && pool >= 0) {
        // Provisioned capacity serves standard traffic; the pool decides later how much overflows to on-demand.
        const at = (wi * plan.maxProfiles + i) * CLASSES;
        this.poolQ[at + C_INPUT] = (this.poolQ[at + C_INPUT] as number) + qIn * ts;
        this.poolQ[at + C_CACHED] = (this.poolQ[at + C_CACHED] as number) + qRead * ts;
        this.poolQ[at + writeClass] = (this.poolQ[at + writeClass] as number) + qWrite * ts;
        this.poolQ[at + C_OUTPUT] = (this.poolQ[at + C_OUTPUT] as number) + qOut * ts;
        this.poolBand[wi * plan.maxProfiles + i] = band;
        this.poolOf[wi * plan.maxProfiles + i] = pool;
      } else {
        this.emit(m, wi, k, t, C_INPUT, qIn * ts, band);
        this.emit(m, wi, k, t, C_CACHED, qRead * ts, band);
        this.emit(m, wi, k, t, writeClass, qWrite * ts, band);
        this.emit(m, wi, k, t, C_OUTPUT, qOut * ts, band);
      }
      for (const other of w.otherUnits) this.emit(m, wi, k, t, other.usageClass, attempts * (v[other.param] as number) * ts, band);
    }
  }

  private band(m: number, k: number, promptTokens: number): number {
    if (this.plan.prices.bands === 1) return 0;
    const thresholds = this.plan.prices.thresholds[m * this.plan.models.length + k];
    let b = 0;
    if (thresholds) for (const th of thresholds) if (promptTokens > th) b++;
    return b;
  }

  private emit(m: number, wi: number, k: number, t: number, c: number, quantity: number, band: number): void {
    if (!(quantity > 0)) return;
    const plan = this.plan;
    const K = plan.models.length;
    const at = (k * 4 + t) * CLASSES + c;
    const price = (m * K * 4 * CLASSES + at) * plan.prices.bands + band;
    if (this.missing[price]) this.missingPrice(m, k, t, c, band);
    const factor = this.classFactor[at] as number;
    if (this.fast) {
      this.usageAcc += quantity * factor * (this.unitPrice[price] as number);
      return;
    }
    const slot = plan.usageSlots[(wi * K + k) * CLASSES + c] as number;
    const contract = plan.contracts.length > 0 ? (plan.activeContract[m * plan.providers.length + plan.models[k]!.providerIndex] as number) : -1;
    this.sink!.usage(slot, quantity, factor, price, contract, contract >= 0 ? at : -1);
  }

  private fastCost(price: number, at: number, c: number, quantity: number, bands: number): number {
    if (!(quantity > 0)) return 0;
    const i = price + c * bands;
    if (this.missing[i]) {
      const K = this.plan.models.length;
      const row = Math.floor(i / bands / CLASSES);
      this.missingPrice(Math.floor(row / 4 / K), Math.floor(row / 4) % K, row % 4, c, i % bands);
    }
    return quantity * (this.unitPrice[i] as number) * (this.classFactor[at + c] as number);
  }

  private missingPrice(m: number, k: number, t: number, c: number, band: number): never {
    const plan = this.plan;
    const mdl = plan.models[k]!;
    throw new WorkbenchError(
      'bad_input',
      `no price for ${mdl.key} ${ENGINE_CLASSES[c]} (${PRICED_TIERS[t]} tier${band > 0 ? `, context band ${band}` : ''}) in ${plan.months[m]}: add it to the price book or to the scenario's prices`,
      { field: `prices.${mdl.key}`, ...(plan.file !== null ? { file: plan.file } : {}) },
    );
  }

  /**
   * Provisioned capacity, modelled as traffic that runs at its peak rate
   * (average × peak factor) for 1/peak-factor of the month and is idle
   * otherwise: while busy, the units serve up to their throughput and the
   * rest overflows to on-demand prices. The share overflowing is therefore
   * max(0, 1 − capacity / peak rate).
   */
  private pools(m: number): void {
    const plan = this.plan;
    const v = this.values;
    const sink = this.sink!;
    const W = plan.workloads.length;
    const MP = plan.maxProfiles;
    const K = plan.models.length;
    for (let p = 0; p < plan.pools.length; p++) {
      const pool = plan.pools[p]!;
      if (pool.timing.ramp[m] === 0) continue;
      let inUse = false;
      for (let w = 0; w < W && !inUse; w++) if (plan.activePool[(m * W + w) * K + pool.model] === p) inUse = true;
      if (!inUse) continue; // superseded by a later provision lever
      let tokens = 0;
      let firstWorkload = -1;
      for (let w = 0; w < W; w++) {
        if (!pool.workloads[w]) continue;
        if (firstWorkload < 0) firstWorkload = w;
        for (let i = 0; i < MP; i++) {
          if (this.poolOf[w * MP + i] !== p) continue;
          const at = (w * MP + i) * CLASSES;
          tokens += (this.poolQ[at + C_INPUT] as number) + (this.poolQ[at + C_CACHED] as number) + (this.poolQ[at + C_WRITE_5M] as number) + (this.poolQ[at + C_WRITE_1H] as number);
          tokens += (this.poolQ[at + C_OUTPUT] as number) * pool.outputTokenWeight;
        }
      }
      const units = Math.max(0, v[pool.units] as number);
      const minutes = (plan.daysInMonth[m] as number) * MINUTES_PER_DAY;
      const capacity = units * Math.max(0, v[pool.tokensPerMinutePerUnit] as number);
      const peak = (tokens / minutes) * Math.max(1, v[pool.peakFactor] as number);
      const overflow = peak > capacity ? (peak > 0 ? 1 - capacity / peak : 0) : 0;
      const utilisation = capacity > 0 ? (tokens * (1 - overflow)) / (capacity * minutes) : 0;
      for (let w = 0; w < W; w++) {
        if (!pool.workloads[w]) continue;
        let workloadTokens = 0;
        for (let i = 0; i < MP; i++) {
          if (this.poolOf[w * MP + i] !== p) continue;
          const at = (w * MP + i) * CLASSES;
          const k = plan.workloads[w]!.profiles[i]!.model;
          const band = this.poolBand[w * MP + i] as number;
          for (let c = C_INPUT; c <= C_OUTPUT; c++) {
            const q = this.poolQ[at + c] as number;
            workloadTokens += c === C_OUTPUT ? q * pool.outputTokenWeight : q;
            if (overflow > 0) this.emit(m, w, k, 0, c, q * overflow, band);
            this.poolQ[at + c] = 0;
          }
          this.poolOf[w * MP + i] = -1;
        }
        const feeShare = tokens > 0 ? workloadTokens / tokens : w === firstWorkload ? 1 : 0;
        if (feeShare > 0) {
          const slot = pool.feeSlots[w]!;
          if (pool.pricePerUnitHour >= 0) sink.money(slot, units * (plan.daysInMonth[m] as number) * 24 * feeShare, pool.pricePerUnitHour);
          else sink.money(slot, units * feeShare, pool.pricePerUnitMonth);
        }
      }
      sink.pool(m, p, units, utilisation, overflow);
    }
  }

  private monthlyCosts(m: number): void {
    const plan = this.plan;
    const sink = this.sink!;
    for (const cost of plan.monthlyCosts) {
      const r = cost.timing.ramp[m] as number;
      if (r === 0) continue;
      const scale = cost.ramped ? r : 1;
      if (cost.oneTime >= 0 && m === cost.timing.start) sink.money(cost.slot, 1, cost.oneTime);
      if (cost.fixedMonthly >= 0) sink.money(cost.slot, scale, cost.fixedMonthly);
      if (cost.perUnit >= 0) sink.money(cost.slot, (this.driverUnits[cost.driver] as number) * (this.unitCostsKept[cost.driver] as number) * scale, cost.perUnit);
      if (cost.perRequest >= 0) {
        let reqs = 0;
        for (const w of cost.workloads) reqs += cost.aiRequestsOnly ? (this.aiRequests[w] as number) : (this.requests[w] as number);
        sink.money(cost.slot, reqs * scale, cost.perRequest);
      }
    }
  }
}
