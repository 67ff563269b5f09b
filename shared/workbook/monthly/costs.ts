/**
 * Money in a Monthly sheet, as the engine books it: provisioned capacity
 * (how much of the standard tier it serves, its fee), each usage quantity at
 * its list price and price-lever factor by tier and class, alternative
 * handling, response caches, and the monthly and one-time costs of levers.
 * Every amount is rounded to a nano-unit (ROUND(…, 9)) where the engine
 * rounds it.
 */
import { C_CACHED, C_INPUT, C_OUTPUT, C_WRITE_1H, C_WRITE_5M, ENGINE_CLASSES } from '../../engine/plan';
import { add, cmp, div, iff, max, mul, num, round, sub, ZERO, ONE, type Expr } from '../expr';
import type { MonthlyContext } from './context';
import type { Getter, WorkloadFigures } from './workloads';

const CLASS_WORDS: Record<string, string> = {
  input: 'input',
  cached_input: 'cache reads',
  cache_write_5m: 'cache writes',
  cache_write_1h: 'cache writes',
  output: 'output',
  request: 'request fees',
  image: 'images',
  audio_second: 'audio',
  tool_call: 'tool calls',
  other: 'other units',
};

/** A priced usage column: what the contract blocks re-price (its unfactored quantity) and the engine's list cost. */
export interface UsageColumn {
  model: number;
  tier: number;
  /** The usage class each month (cache writes are 5-minute or 1-hour by month). */
  usageClass: (m: number) => number;
  cost: string;
  /** The quantity billed (before price levers), when a contract needs it. */
  quantity: string | null;
}

export interface PoolFigures {
  overflow: (m: number) => Expr | null;
  utilisation: string;
  tokens: string;
}

/** Provisioned capacity: tokens the pool sees, overflow at peak, utilisation and the fee shared by tokens served. */
export function poolBlocks(ctx: MonthlyContext, workloads: readonly WorkloadFigures[]): PoolFigures[] {
  const plan = ctx.plan;
  const cols = ctx.cols;
  const W = plan.workloads.length;
  const K = plan.models.length;
  return plan.pools.map((pool, p) => {
    const block = `Provisioned: ${pool.label}`;
    const inUse = (m: number): boolean => pool.timing.ramp[m] !== 0 && plan.workloads.some((_, w) => plan.activePool[(m * W + w) * K + pool.model] === p);
    const pooledProfiles = (m: number, w: number) => workloads[w]!.profiles.filter((pr) => pr.model === pool.model && plan.activePool[(m * W + w) * K + pool.model] === p);
    const standard = (w: number) => workloads[w]!.tiers[0]!;
    // Standard-tier token quantities the pool serves for workload w this month (output weighted by the vendor's factor).
    const workloadTokens = (m: number, w: number): Expr => {
      const terms: Expr[] = [];
      for (const pr of pooledProfiles(m, w)) {
        const ts = standard(w)(m);
        const q = (id: string | null) => (id ? mul(cols.at(id, m), ts) : null);
        for (const x of [q(pr.qIn), q(pr.qRead), q(pr.qWrite)]) if (x) terms.push(x);
        terms.push(mul(cols.at(pr.qOut, m), ts, num(pool.outputTokenWeight)));
      }
      return terms.length > 0 ? add(...terms) : ZERO;
    };
    const tokens = `pool${p}:tokens`;
    cols.add({ id: tokens, block, header: 'tokens on provisioned capacity (output weighted)', style: 'count', compute: (m) => (inUse(m) ? add(...plan.workloads.map((_, w) => workloadTokens(m, w))) : null) });
    const units = (_m: number) => max(ZERO, ctx.param(pool.units));
    const days = (m: number) => cols.at('days', m);
    const minutes = (m: number) => mul(days(m), num(1440));
    const capacityId = `pool${p}:capacity`;
    cols.add({ id: capacityId, block, header: 'capacity (tokens per minute)', style: 'count', compute: (m) => (inUse(m) ? mul(units(m), max(ZERO, ctx.param(pool.tokensPerMinutePerUnit))) : null) });
    const peakId = `pool${p}:peak`;
    cols.add({ id: peakId, block, header: 'peak rate (tokens per minute)', style: 'count', compute: (m) => (inUse(m) ? mul(div(cols.at(tokens, m), minutes(m)), max(ONE, ctx.param(pool.peakFactor))) : null) });
    const overflowId = `pool${p}:overflow`;
    cols.add({
      id: overflowId,
      block,
      header: 'share overflowing to on-demand',
      style: 'share',
      level: 0,
      compute: (m) => {
        if (!inUse(m)) return null;
        const peak = cols.at(peakId, m);
        const cap = cols.at(capacityId, m);
        return iff(cmp(peak, '>', cap), iff(cmp(peak, '>', ZERO), sub(ONE, div(cap, peak)), ZERO), ZERO);
      },
    });
    const utilisation = `pool${p}:utilisation`;
    cols.add({
      id: utilisation,
      block,
      header: 'utilisation',
      style: 'share',
      level: 0,
      compute: (m) => {
        if (!inUse(m)) return null;
        const cap = cols.at(capacityId, m);
        return iff(cmp(cap, '>', ZERO), div(mul(cols.at(tokens, m), sub(ONE, cols.at(overflowId, m))), mul(cap, minutes(m))), ZERO);
      },
    });
    const first = pool.workloads.indexOf(true);
    plan.workloads.forEach((wl, w) => {
      if (!pool.workloads[w]) return;
      const id = `pool${p}:fee:${w}`;
      const slot = pool.feeSlots[w]!;
      cols.add({
        id,
        block,
        header: `fee: ${wl.id}`,
        style: 'money',
        slot,
        compute: (m) => {
          if (!inUse(m)) return null;
          const total = cols.at(tokens, m);
          const share = iff(cmp(total, '>', ZERO), div(workloadTokens(m, w), total), num(w === first ? 1 : 0));
          if (pool.pricePerUnitHour >= 0) return round(mul(units(m), days(m), num(24), share, ctx.param(pool.pricePerUnitHour)), 9);
          return round(mul(units(m), share, ctx.param(pool.pricePerUnitMonth)), 9);
        },
      });
      ctx.addCost(slot, id);
    });
    return { overflow: (m: number) => (inUse(m) ? cols.at(overflowId, m) : null), utilisation, tokens };
  });
}

/** Usage costs of every workload: each quantity × tier share × price-lever factor × list price, by tier and class. */
export function usageCosts(ctx: MonthlyContext, workloads: readonly WorkloadFigures[], pools: readonly PoolFigures[], effectColumn: (e: number) => string, needsQuantity: (k: number) => boolean): UsageColumn[] {
  const plan = ctx.plan;
  const cols = ctx.cols;
  const C = ENGINE_CLASSES.length;
  const K = plan.models.length;
  const W = plan.workloads.length;
  const out: UsageColumn[] = [];
  for (const wf of workloads) {
    const w = plan.workloads[wf.index]!;
    const block = `Costs: ${w.id}`;
    const tiers = wf.tiers.flatMap((g, t) => (g ? [{ t, g }] : []));
    for (const pr of wf.profiles) {
      const k = pr.model;
      const model = ctx.modelLabel(k);
      const pool = (m: number) => {
        const p = plan.pools.length > 0 ? (plan.activePool[(m * W + wf.index) * K + k] as number) : -1;
        return p >= 0 ? pools[p]!.overflow(m) : null;
      };
      const classes: { cls: (m: number) => number; q: Getter; label: string; token: boolean }[] = [
        { cls: () => C_INPUT, q: (m) => cols.at(pr.qIn, m), label: 'input', token: true },
        ...(pr.qRead ? [{ cls: () => C_CACHED, q: (m: number) => cols.at(pr.qRead!, m), label: 'cache reads', token: true }] : []),
        ...(pr.qWrite ? [{ cls: wf.writeClass, q: (m: number) => cols.at(pr.qWrite!, m), label: 'cache writes', token: true }] : []),
        { cls: () => C_OUTPUT, q: (m) => cols.at(pr.qOut, m), label: 'output', token: true },
        ...wf.otherUnits.map((o) => ({ cls: () => o.usageClass, q: (m: number) => mul(cols.at(pr.attempts, m), o.perRequest(m)), label: CLASS_WORDS[ENGINE_CLASSES[o.usageClass]!]!, token: false })),
      ];
      for (const { t, g } of tiers) {
        for (const c of classes) {
          const tierWord = t === 0 ? '' : ` (${ctx.tierLabel(t)})`;
          // The quantity billed on demand: the tier's share, less what provisioned capacity serves of the standard tier.
          const quantity = (m: number): Expr => {
            const base = mul(c.q(m), g(m));
            const overflow = t === 0 && c.token ? pool(m) : null;
            return overflow ? mul(base, overflow) : base;
          };
          let qty: string | null = null;
          if (needsQuantity(k)) {
            qty = `q:${wf.index}:${pr.index}:${t}:${c.label}`;
            cols.add({ id: qty, block, header: `${model} ${c.label}${tierWord}: quantity`, style: 'count', compute: quantity });
          }
          const id = `c:${wf.index}:${pr.index}:${t}:${c.label}`;
          const slotOf = (m: number) => plan.usageSlots[(wf.index * K + k) * C + c.cls(m)]!;
          const slot = slotOf(0);
          cols.add({
            id,
            block,
            header: `${model} ${c.label}${tierWord}`,
            style: 'money',
            slot,
            compute: (m) => {
              const q = qty ? cols.at(qty, m) : quantity(m);
              return ctx.pricedUsage(m, k, t, c.cls(m), q, ctx.priceFactor(m, k, t, c.cls(m), effectColumn), pr.promptTokens(m));
            },
          });
          ctx.addCost(slot, id);
          out.push({ model: k, tier: t, usageClass: c.cls, cost: id, quantity: qty });
        }
      }
    }
    // Work handled by people or rules, and the response cache's own costs.
    w.alternatives.forEach((alt, j) => {
      const moved = wf.altMoved[j];
      if (!moved) return;
      const id = `alt:${wf.index}:${j}`;
      cols.add({
        id,
        block,
        header: 'handled without AI',
        style: 'money',
        slot: alt.costSlot,
        compute: (m) => {
          const terms: Expr[] = [];
          if (alt.costPerUnit >= 0) terms.push(round(mul(cols.at(`units:${plan.drivers[w.driver]!.id}`, m), moved(m), ctx.param(alt.costPerUnit)), 9));
          if (alt.costPerRequest >= 0) terms.push(round(mul(cols.at(wf.requests, m), moved(m), ctx.param(alt.costPerRequest)), 9));
          return terms.length > 0 ? add(...terms) : ZERO;
        },
      });
      ctx.addCost(alt.costSlot, id);
    });
    if (w.responseMonthly >= 0 || w.responsePerRequest >= 0) {
      const id = `resp:${wf.index}`;
      const response = cols.has(`w${wf.index}:cacheHits`);
      if (response) {
        cols.add({
          id,
          block,
          header: 'response cache',
          style: 'money',
          slot: w.responseSlot,
          compute: (m) => {
            const terms: Expr[] = [];
            if (w.responseMonthly >= 0) terms.push(round(ctx.param(w.responseMonthly), 9));
            if (w.responsePerRequest >= 0) terms.push(round(mul(wf.aiRequests(m), ctx.param(w.responsePerRequest)), 9));
            // Paid while the workload answers any share from the cache.
            return iff(cmp(wf.responseShare(m), '>', ZERO), add(...terms), ZERO);
          },
        });
        ctx.addCost(w.responseSlot, id);
      }
    }
  }
  void C_WRITE_1H;
  void C_WRITE_5M;
  return out;
}

/** Adjacent costs, response-cache infrastructure, migrations and alternatives' fixed costs: fixed, per unit, per request or once. */
export function monthlyCosts(ctx: MonthlyContext, workloads: readonly WorkloadFigures[], label: (i: number) => string): void {
  const plan = ctx.plan;
  const cols = ctx.cols;
  plan.monthlyCosts.forEach((cost, i) => {
    const ramp = ctx.ramp(cost.timing);
    const id = `mc:${i}`;
    cols.add({
      id,
      block: 'Other costs',
      header: label(i),
      style: 'money',
      slot: cost.slot,
      compute: (m) => {
        const r = cols.at(ramp, m);
        // Adjacent costs grow with the ramp; a cache's infrastructure is paid in full once the lever starts.
        const scale: Expr = cost.ramped ? r : iff(cmp(r, '=', ZERO), ZERO, ONE);
        const terms: Expr[] = [];
        if (cost.oneTime >= 0 && m === cost.timing.start) terms.push(round(ctx.param(cost.oneTime), 9));
        if (cost.fixedMonthly >= 0) terms.push(round(mul(scale, ctx.param(cost.fixedMonthly)), 9));
        if (cost.perUnit >= 0) terms.push(round(mul(ctx.keptUnits(cost.driver, m), scale, ctx.param(cost.perUnit)), 9));
        if (cost.perRequest >= 0) {
          const reqs = cost.workloads.map((w) => (cost.aiRequestsOnly ? workloads[w]!.aiRequests(m) : cols.at(workloads[w]!.requests, m)));
          terms.push(round(mul(reqs.length > 0 ? add(...reqs) : ZERO, scale, ctx.param(cost.perRequest)), 9));
        }
        return terms.length > 0 ? add(...terms) : ZERO;
      },
    });
    ctx.addCost(cost.slot, id);
  });
}
