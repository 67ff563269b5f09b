/**
 * A workload's month as formulas, in the engine's order (evaluate.ts):
 * requests from business units, the levers in order (route, cache, tier,
 * token drift, alternatives), the response cache, the split over models with
 * retries and escalations, and the token quantities each model's attempts
 * send, by usage class. Costs are priced later (costs.ts), once provisioned
 * capacity has decided how much of the standard tier overflows.
 *
 * Each lever type's formulas live in WORKLOAD_LEVERS, keyed by lever type:
 * a new lever without workbook formulas does not compile.
 */
import type { LeverType } from '../../engine/levers';
import { stepOf, type StepData } from '../../engine/levers/step-data';
import { C_CACHED, C_INPUT, C_OUTPUT, C_WRITE_1H, C_WRITE_5M, type PlanWorkload, type WorkloadLever } from '../../engine/plan';
import { add, cmp, div, iff, max, min, mul, num, sub, ZERO, ONE, type Expr } from '../expr';
import type { MonthlyContext } from './context';

export type Getter = (m: number) => Expr;

/** A workload's figures that later blocks (capacity, costs, contracts, key figures) refer to. */
export interface WorkloadFigures {
  index: number;
  requests: string;
  aiRequests: Getter;
  /** Share answered from the response cache after levers. */
  responseShare: Getter;
  successes: string;
  /** Per profile: attempts and token quantities (before the tier split), prompt tokens per attempt, cache TTL per month. */
  profiles: {
    index: number;
    model: number;
    qIn: string;
    qRead: string | null;
    qWrite: string | null;
    qOut: string;
    attempts: string;
    promptTokens: Getter;
  }[];
  /** Tier shares after levers (standard, batch, flex, priority); null where a tier cannot be reached. */
  tiers: (Getter | null)[];
  /** The cache write class each month (5-minute or 1-hour TTL). */
  writeClass: (m: number) => number;
  otherUnits: { usageClass: number; perRequest: Getter }[];
  /** Per alternative of the workload: the share of its work moved to it. */
  altMoved: Getter[];
}

interface State {
  ctx: MonthlyContext;
  w: PlanWorkload;
  wi: number;
  block: string;
  share: Getter[];
  tiers: (Getter | null)[];
  rpu: Getter;
  inTok: Getter;
  outTok: Getter;
  cacheable: Getter;
  hitRate: Getter;
  response: Getter;
  aiRemaining: Getter;
  altMoved: Getter[];
  warm: (Getter | null)[];
  seq: number;
}

/** A new column for a state variable a lever changes; the variable then reads it. */
function step(s: State, what: string, header: string, style: 'number' | 'share' | 'count', compute: Getter): Getter {
  const id = `w${s.wi}:${what}:${s.seq++}`;
  s.ctx.cols.add({ id, block: s.block, header, style, compute });
  return (m) => s.ctx.cols.at(id, m);
}

/** A lever's formulas on a workload month, given its compiled step data (the same the engine's step gets). */
type WorkbookStep<D> = (s: State, lever: WorkloadLever & { data: D }, label: string) => void;

/**
 * Formulas of each lever type acting on a workload, as its module's step in
 * shared/engine/levers applies it (null: the lever acts through the plan's
 * shared phases, whose formulas are the Monthly sheet's other blocks). Keyed
 * by lever type: a new lever without workbook formulas does not compile.
 */
export const WORKLOAD_LEVERS: { [K in LeverType]: [StepData<K>] extends [never] ? null : WorkbookStep<StepData<K>> } = {
  route(s, lever, label) {
    const d = lever.data;
    const ramp = s.ctx.ramp(lever.timing);
    const r = (m: number) => s.ctx.cols.at(ramp, m);
    const moved = (m: number) => mul(s.ctx.share(d.share), r(m));
    const target = d.target;
    for (const src of d.sources) {
      const before = s.share[src]!;
      const targetBefore = s.share[target]!;
      const srcModel = s.ctx.modelLabel(s.w.profiles[src]!.model);
      s.share[target] = step(s, 'share', `${label}: share to ${s.ctx.modelLabel(s.w.profiles[target]!.model)}`, 'share', (m) => add(targetBefore(m), mul(before(m), moved(m))));
      s.share[src] = step(s, 'share', `${label}: share left on ${srcModel}`, 'share', (m) => sub(before(m), mul(before(m), moved(m))));
    }
    // The moved traffic's prompt cache warms up from empty: a month's share of the full hit rate.
    if (d.warm.some((x, m) => x !== 1 && lever.timing.ramp[m] !== 0)) {
      const id = `w${s.wi}:warm:${s.seq++}`;
      s.ctx.cols.add({
        id,
        block: s.block,
        header: `${label}: prompt-cache warmth`,
        style: 'shareInput',
        compute: (m) => ({ input: lever.timing.ramp[m] !== 0 ? (d.warm[m] as number) : 1 }),
        note: 'Average warmth of the moved traffic’s prompt cache: the hit rate grows from zero over cacheWarmupMonths (from the scenario file).',
      });
      s.warm[target] = (m) => s.ctx.cols.at(id, m);
    }
  },
  cache(s, lever, label) {
    const d = lever.data;
    const ramp = s.ctx.ramp(lever.timing);
    const r = (m: number) => s.ctx.cols.at(ramp, m);
    const toward = (prev: Getter, param: number): Getter => (m) => add(prev(m), mul(sub(s.ctx.share(param), prev(m)), r(m)));
    if (d.cacheable >= 0) s.cacheable = step(s, 'cacheable', `${label}: cacheable share of the prompt`, 'share', toward(s.cacheable, d.cacheable));
    if (d.hitRate >= 0) s.hitRate = step(s, 'hit', `${label}: prompt-cache hit rate`, 'share', toward(s.hitRate, d.hitRate));
    if (d.responseShare >= 0) s.response = step(s, 'response', `${label}: share answered from the response cache`, 'share', toward(s.response, d.responseShare));
  },
  tier(s, lever, label) {
    const d = lever.data;
    const ramp = s.ctx.ramp(lever.timing);
    const r = (m: number) => s.ctx.cols.at(ramp, m);
    const standard = s.tiers[0]!;
    const targets = ([
      [1, d.batch],
      [2, d.flex],
      [3, d.priority],
    ] as const).filter(([, p]) => p >= 0);
    const to = (p: number) => (m: number) => mul(standard(m), s.ctx.share(p), r(m));
    const total = (m: number) => add(...targets.map(([, p]) => to(p)(m)));
    const movedId = `w${s.wi}:tiermoved:${s.seq++}`;
    s.ctx.cols.add({ id: movedId, block: s.block, header: `${label}: share of traffic moved off standard`, style: 'share', compute: (m) => min(standard(m), total(m)) });
    const moved = (m: number) => s.ctx.cols.at(movedId, m);
    const scale = (m: number) => iff(cmp(total(m), '>', ZERO), div(moved(m), total(m)), ZERO);
    for (const [t, p] of targets) {
      const before = s.tiers[t] ?? (() => ZERO);
      s.tiers[t] = step(s, `tier${t}`, `${label}: ${s.ctx.tierLabel(t)} tier share`, 'share', (m) => add(before(m), mul(to(p)(m), scale(m))));
    }
    s.tiers[0] = step(s, 'tier0', `${label}: standard tier share`, 'share', (m) => sub(standard(m), moved(m)));
  },
  volume(s, lever, label) {
    const d = lever.data;
    const ramp = s.ctx.ramp(lever.timing);
    const r = (m: number) => s.ctx.cols.at(ramp, m);
    const drift = (prev: Getter, param: number): Getter => (m) => mul(prev(m), max(ZERO, add(ONE, div(mul(s.ctx.param(param), r(m)), num(100)))));
    if (d.inputPct >= 0) s.inTok = step(s, 'in', `${label}: input tokens per request`, 'count', drift(s.inTok, d.inputPct));
    if (d.outputPct >= 0) s.outTok = step(s, 'out', `${label}: output tokens per request`, 'count', drift(s.outTok, d.outputPct));
    if (d.requestsPerUnitPct >= 0) s.rpu = step(s, 'rpu', `${label}: requests per unit`, 'number', drift(s.rpu, d.requestsPerUnitPct));
  },
  alternative(s, lever, label) {
    const d = lever.data;
    const ramp = s.ctx.ramp(lever.timing);
    const r = (m: number) => s.ctx.cols.at(ramp, m);
    const remaining = s.aiRemaining;
    const before = s.altMoved[d.slot] ?? (() => ZERO);
    const movedId = `w${s.wi}:alt${d.slot}:${s.seq++}`;
    s.ctx.cols.add({ id: movedId, block: s.block, header: `${label}: share handled without AI`, style: 'share', compute: (m) => mul(remaining(m), s.ctx.share(d.share), r(m)) });
    const moved = (m: number) => s.ctx.cols.at(movedId, m);
    s.altMoved[d.slot] = d.slot in s.altMoved ? (m) => add(before(m), moved(m)) : moved;
    s.aiRemaining = step(s, 'ai', `${label}: share left to AI`, 'share', (m) => sub(remaining(m), moved(m)));
  },
  contract: null,
  provision: null,
  price: null,
  adjacent: null,
};

function applyLever(s: State, lever: WorkloadLever, label: string): void {
  const formulas = WORKLOAD_LEVERS[lever.type] as WorkbookStep<unknown> | null;
  if (!formulas) throw new Error(`the ${lever.type} lever has no workload step to write as formulas`);
  formulas(s, lever, label);
}

/** Shares as the engine normalises them: each clamped to 0–1, then divided by their sum when that is neither 0 nor 1. */
function normalised(ctx: MonthlyContext, block: string, id: string, params: number[], labels: string[]): (Getter | null)[] {
  const named = params.map((p) => p >= 0 && ctx.catalogue.paramRef(p) !== null);
  if (!named.some(Boolean)) return params.map((p) => (p >= 0 ? () => ctx.param(p) : null));
  const clamped = (i: number) => (params[i]! >= 0 ? ctx.share(params[i]!) : ZERO);
  const total = () => add(...params.map((_, i) => clamped(i)));
  return params.map((p, i) => {
    if (p < 0) return null;
    const col = `${id}:${i}`;
    ctx.cols.add({ id: col, block, header: labels[i]!, style: 'share', compute: () => iff(cmp(total(), '>', ZERO), div(clamped(i), total()), clamped(i)) });
    return (m: number) => ctx.cols.at(col, m);
  });
}

export function workloadFigures(ctx: MonthlyContext, wi: number, leverLabel: (lever: WorkloadLever) => string): WorkloadFigures {
  const plan = ctx.plan;
  const w = plan.workloads[wi]!;
  const block = `Workload: ${w.id}`;
  const cols = ctx.cols;
  const units = (m: number) => cols.at(`units:${plan.drivers[w.driver]!.id}`, m);

  const shares = normalised(
    ctx,
    block,
    `w${wi}:share0`,
    w.profiles.map((p) => p.baseShare),
    w.profiles.map((p) => `share of requests to ${ctx.modelLabel(p.model)}`),
  );
  const tierNames = ['standard', 'batch', 'flex', 'priority'];
  const tiers = normalised(
    ctx,
    block,
    `w${wi}:tier0`,
    w.tiers.map((p, t) => (t > 0 && ctx.specs[p]?.key.startsWith('const:') && ctx.specs[p]?.base === 0 ? -1 : p)),
    tierNames.map((t) => `${t} tier share`),
  );
  const s: State = {
    ctx,
    w,
    wi,
    block,
    share: shares.map((g) => g ?? (() => ZERO)),
    tiers,
    rpu: () => ctx.param(w.requestsPerUnit),
    inTok: () => ctx.param(w.inputTokens),
    outTok: () => ctx.param(w.outputTokens),
    cacheable: () => ctx.share(w.cacheable),
    hitRate: () => ctx.share(w.hitRate),
    response: () => ctx.share(w.responseShare),
    aiRemaining: () => ONE,
    altMoved: [],
    warm: w.profiles.map(() => null),
    seq: 0,
  };
  for (const lever of w.levers) applyLever(s, lever, leverLabel(lever));

  const requests = `w${wi}:requests`;
  cols.add({ id: requests, block, header: 'requests', style: 'count', level: 0, compute: (m) => mul(units(m), s.rpu(m)) });
  const req = (m: number) => cols.at(requests, m);
  let aiRequests: Getter = req;
  if (w.alternatives.length > 0) {
    const id = `w${wi}:aiRequests`;
    const remaining = s.aiRemaining;
    cols.add({ id, block, header: 'requests handled by AI', style: 'count', compute: (m) => mul(req(m), remaining(m)) });
    aiRequests = (m) => cols.at(id, m);
  }
  const hasResponseCache = w.responseShare >= 0 && (ctx.catalogue.paramRef(w.responseShare) !== null || w.levers.some((l) => (stepOf(l, 'cache')?.data.responseShare ?? -1) >= 0));
  let cacheHits: Getter = () => ZERO;
  if (hasResponseCache) {
    const id = `w${wi}:cacheHits`;
    const response = s.response;
    cols.add({ id, block, header: 'answered from the response cache', style: 'count', compute: (m) => mul(aiRequests(m), response(m)) });
    cacheHits = (m) => cols.at(id, m);
  }
  const modelRequestsId = `w${wi}:modelRequests`;
  cols.add({ id: modelRequestsId, block, header: 'requests sent to models', style: 'count', compute: (m) => (hasResponseCache ? sub(aiRequests(m), cacheHits(m)) : aiRequests(m)) });
  const modelRequests = (m: number) => cols.at(modelRequestsId, m);

  // Profiles from the last to the first: escalation only points to an earlier one, so its traffic is complete when reached.
  const P = w.profiles.length;
  const failAll = (i: number, _m: number): Expr => {
    const f = sub(ONE, ctx.share(w.profiles[i]!.success));
    let all = f;
    for (let j = 0; j < w.profiles[i]!.retries; j++) all = mul(all, f);
    return all;
  };
  const attemptsPerRequest = (i: number, _m: number): Expr => {
    const f = sub(ONE, ctx.share(w.profiles[i]!.success));
    let per: Expr = ONE;
    let all = f;
    for (let j = 0; j < w.profiles[i]!.retries; j++) {
      per = add(per, all);
      all = mul(all, f);
    }
    return per;
  };
  const traffic: string[] = new Array<string>(P);
  const attempts: string[] = new Array<string>(P);
  for (let i = P - 1; i >= 0; i--) {
    const prof = w.profiles[i]!;
    const from = w.profiles.flatMap((p, j) => (j > i && p.escalateTo === i ? [j] : []));
    const share = s.share[i]!;
    traffic[i] = `w${wi}:p${i}:traffic`;
    cols.add({
      id: traffic[i]!,
      block,
      header: `requests to ${ctx.modelLabel(prof.model)}${from.length > 0 ? ' (escalations included)' : ''}`,
      style: 'count',
      compute: (m) => add(mul(modelRequests(m), share(m)), ...from.map((j) => mul(cols.at(traffic[j]!, m), failAll(j, m)))),
    });
    attempts[i] = `w${wi}:p${i}:attempts`;
    const t = traffic[i]!;
    cols.add({ id: attempts[i]!, block, header: `attempts on ${ctx.modelLabel(prof.model)}${prof.retries > 0 ? ` (${prof.retries} retries)` : ''}`, style: 'count', compute: (m) => mul(cols.at(t, m), attemptsPerRequest(i, m)) });
  }

  // Alternative handling (people, rules): successes and costs of the moved share.
  const successes = `w${wi}:successes`;
  cols.add({
    id: successes,
    block,
    header: 'successful outcomes',
    style: 'count',
    compute: (m) =>
      add(
        ...(hasResponseCache ? [cacheHits(m)] : []),
        ...[...w.profiles.keys()].reverse().map((i) => mul(cols.at(traffic[i]!, m), sub(ONE, failAll(i, m)))),
        ...w.alternatives.map((alt, j) => mul(req(m), (s.altMoved[j] ?? (() => ZERO))(m), ctx.share(alt.success))),
      ),
  });

  // Token quantities each profile's attempts send, before the split over tiers.
  const writeClass = (m: number): number => {
    let ttl1h = w.ttl1h;
    for (const l of w.levers) {
      const c = stepOf(l, 'cache');
      if (c && c.data.ttl1h !== null && l.timing.ramp[m] !== 0) ttl1h = c.data.ttl1h;
    }
    return ttl1h ? C_WRITE_1H : C_WRITE_5M;
  };
  const hasCache = !ctx.catalogue.paramRef(w.cacheable) ? ctx.specs[w.cacheable]!.base !== 0 || w.levers.some((l) => (stepOf(l, 'cache')?.data.cacheable ?? -1) >= 0) : true;
  const profiles: WorkloadFigures['profiles'] = [];
  for (let i = 0; i < P; i++) {
    const prof = w.profiles[i]!;
    const model = ctx.modelLabel(prof.model);
    const att = (m: number) => cols.at(attempts[i]!, m);
    const inTokens = (m: number) => mul(s.inTok(m), ctx.param(prof.tokenRatio));
    const outTokens = (m: number) => mul(s.outTok(m), ctx.param(prof.outputRatio >= 0 ? prof.outputRatio : prof.tokenRatio));
    const warm = s.warm[i];
    const hit = (m: number) => (warm ? mul(s.hitRate(m), warm(m)) : s.hitRate(m));
    const cacheable = s.cacheable;
    const id = (what: string) => `w${wi}:p${i}:${what}`;
    cols.add({ id: id('in'), block, header: `${model}: uncached input tokens`, style: 'count', compute: (m) => (hasCache ? mul(att(m), inTokens(m), sub(ONE, cacheable(m))) : mul(att(m), inTokens(m))) });
    if (hasCache) {
      cols.add({ id: id('read'), block, header: `${model}: prompt-cache reads`, style: 'count', compute: (m) => mul(att(m), inTokens(m), cacheable(m), hit(m)) });
      cols.add({ id: id('write'), block, header: `${model}: prompt-cache writes`, style: 'count', compute: (m) => mul(att(m), inTokens(m), cacheable(m), sub(ONE, hit(m))) });
    }
    cols.add({ id: id('out'), block, header: `${model}: output tokens`, style: 'count', compute: (m) => mul(att(m), outTokens(m)) });
    profiles.push({ index: i, model: prof.model, qIn: id('in'), qRead: hasCache ? id('read') : null, qWrite: hasCache ? id('write') : null, qOut: id('out'), attempts: attempts[i]!, promptTokens: inTokens });
  }
  void C_INPUT;
  void C_CACHED;
  void C_OUTPUT;
  return {
    index: wi,
    requests,
    aiRequests,
    responseShare: s.response,
    successes,
    profiles,
    tiers: s.tiers,
    writeClass,
    otherUnits: w.otherUnits.map((o) => ({ usageClass: o.usageClass, perRequest: () => ctx.param(o.param) })),
    altMoved: s.altMoved,
  };
}
