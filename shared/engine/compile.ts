/**
 * Turns a baseline and a scenario (as parsed from a scenario file) into a
 * ScenarioPlan: validates references, registers every number as a parameter,
 * looks prices up, and has each lever's module (shared/engine/levers) put the
 * lever's effects into the phase in which they act.
 */
import { leverModule, type Lever, type PlanBuilder } from './levers';
import { modelRefParts, type Baseline, type CostComponent, type MonthlyMoney, type Scenario, type Workload } from './schema';
import { WorkbenchError } from '../domain/errors';
import { NON_NEGATIVE, SHARE, type ParamTable } from './params';
import { daysInMonth, horizonMonths, monthNumber } from '../domain/calendar';
import {
  ENGINE_CLASSES,
  makeTiming,
  PRICED_TIERS,
  type EndToEndCost,
  type MonthlyCost,
  type PlanDriver,
  type PlanModel,
  type PlanWorkload,
  type Pool,
  type PriceTable,
  type Profile,
  type ScenarioPlan,
  type Slot,
  type Timing,
  type VolumeEffect,
  type ContractTerms,
} from './plan';
import type { RateCard } from './pricing';

export interface CompileInput {
  baseline: Baseline;
  /** null compiles the baseline itself (its own levers only). */
  scenario: Scenario | null;
  /** Horizon length in months (the baseline's unless the run overrides it). */
  months: number;
  params: ParamTable;
  rateCard: RateCard;
  file?: string;
}

// The cost of doing the work: vendor usage (after contract terms), capacity, caches and alternative handling; not one-off or overhead costs.
const PER_SUCCESS: ReadonlySet<CostComponent> = new Set(['input', 'cached_input', 'cache_write', 'output', 'other_usage', 'provisioned', 'contract_adjustment', 'response_cache', 'alternative']);

function componentOfClass(c: number): CostComponent {
  const cls = ENGINE_CLASSES[c];
  if (cls === 'input' || cls === 'cached_input' || cls === 'output') return cls;
  if (cls === 'cache_write_5m' || cls === 'cache_write_1h') return 'cache_write';
  return 'other_usage';
}

/** A month → value record (not a number, range or distribution). */
function isMonthRecord(series: unknown): series is Record<string, unknown> {
  return typeof series === 'object' && series !== null && !Array.isArray(series) && !('min' in series) && !('dist' in series);
}

/** Per horizon month, the parameter of the latest entry at or before it (the first entry before any). */
function holdByMonth(entries: readonly { month: string; param: number }[], months: readonly string[]): Int32Array {
  const sorted = [...entries].sort((a, b) => monthNumber(a.month) - monthNumber(b.month));
  const out = new Int32Array(months.length);
  months.forEach((month, m) => {
    const n = monthNumber(month);
    let chosen = sorted[0]?.param ?? -1;
    for (const e of sorted) if (monthNumber(e.month) <= n) chosen = e.param;
    out[m] = chosen;
  });
  return out;
}

function approxOne(x: number): boolean {
  return Math.abs(x - 1) < 1e-6;
}

export function compileScenario(input: CompileInput): ScenarioPlan {
  const { baseline, scenario, params, rateCard, file } = input;
  const fail = (message: string, field: string): never => {
    throw new WorkbenchError('bad_input', message, { file, field });
  };
  const months = horizonMonths(baseline.start, input.months);
  const horizonStart = monthNumber(baseline.start);
  const warnings: string[] = [];

  // Models and providers ------------------------------------------------------
  const models: PlanModel[] = [];
  const providers: string[] = [];
  const modelIndex = new Map<string, number>();
  const providerIndexOf = (provider: string): number => {
    let i = providers.indexOf(provider);
    if (i < 0) {
      i = providers.length;
      providers.push(provider);
    }
    return i;
  };
  const modelOf = (provider: string, model: string): number => {
    const key = `${provider}/${model}`;
    let i = modelIndex.get(key);
    if (i === undefined) {
      i = models.length;
      models.push({ provider, model, key, providerIndex: providerIndexOf(provider) });
      modelIndex.set(key, i);
    }
    return i;
  };

  // Cost slots ----------------------------------------------------------------
  const slots: Slot[] = [];
  const slotIndex = new Map<string, number>();
  const slotFor = (workload: string | null, provider: string | null, model: string | null, component: CostComponent): number => {
    const key = `${workload}|${provider}|${model}|${component}`;
    let i = slotIndex.get(key);
    if (i === undefined) {
      i = slots.length;
      slots.push({ workload, provider, model, component, ai: component !== 'alternative' && component !== 'non_ai', perSuccess: PER_SUCCESS.has(component) });
      slotIndex.set(key, i);
    }
    return i;
  };

  // Drivers -------------------------------------------------------------------
  if (baseline.fromWorkspace !== undefined) {
    fail('this baseline takes drivers or workloads from a workspace (fromWorkspace): run it in the app or with aispend run --workspace', 'baseline.fromWorkspace');
  }
  if (baseline.drivers.length === 0) fail('the baseline has no business drivers: write them under baseline.drivers or take the workspace’s (fromWorkspace.drivers)', 'baseline.drivers');
  const driverIndex = new Map<string, number>();
  const drivers: PlanDriver[] = baseline.drivers.map((d, di) => {
    if (driverIndex.has(d.id)) fail(`driver ${d.id} is defined twice`, `baseline.drivers[${di}].id`);
    driverIndex.set(d.id, di);
    const pfx = `baseline.drivers.${d.id}`;
    const label = d.name ?? d.id;
    const units = new Int32Array(months.length);
    const series = d.unitsPerMonth;
    if (Array.isArray(series)) {
      const idx = series.map((v, i) => params.number(v, undefined, `${pfx}.unitsPerMonth.${i}`, `${label}: ${d.unit}s in month ${i + 1}`, NON_NEGATIVE));
      months.forEach((_, m) => {
        units[m] = idx[Math.min(m, idx.length - 1)] as number;
      });
    } else if (isMonthRecord(series)) {
      const idx = Object.entries(series)
        .sort(([a], [b]) => monthNumber(a) - monthNumber(b))
        .map(([month, v]) => ({
        month,
        param: params.number(v as never, undefined, `${pfx}.unitsPerMonth.${month}`, `${label}: ${d.unit}s in ${month}`, NON_NEGATIVE),
      }));
      units.set(holdByMonth(idx, months));
    } else {
      const p = params.number(series as never, undefined, `${pfx}.unitsPerMonth`, `${label}: ${d.unit}s per month`, NON_NEGATIVE);
      units.fill(p);
    }
    // A cost may be one amount or a monthly series (costs as the workspace records them).
    const moneyByMonth = (input: MonthlyMoney | undefined, key: string, what: string): Int32Array => {
      if (input === undefined) return new Int32Array(months.length).fill(-1);
      if (isMonthRecord(input)) {
        const idx = Object.entries(input).map(([month, v]) => ({ month, param: params.money(v as never, `${key}.${month}`, `${what} in ${month}`) }));
        return holdByMonth(idx, months);
      }
      return new Int32Array(months.length).fill(params.money(input as never, key, what));
    };
    const costs = d.costs.map((c, ci) => ({
      perUnit: moneyByMonth(c.perUnit, `${pfx}.costs.${ci}.perUnit`, `${label}: ${c.name} per ${d.unit}`),
      fixedMonthly: moneyByMonth(c.fixedMonthly, `${pfx}.costs.${ci}.fixedMonthly`, `${label}: ${c.name} per month`),
      slot: slotFor(null, null, null, 'non_ai'),
    }));
    return { id: d.id, unit: d.unit, units, costs };
  });
  const unitDriver = baseline.unitDriver === undefined ? 0 : (driverIndex.get(baseline.unitDriver) ?? fail(`unitDriver ${baseline.unitDriver} is not a driver`, 'baseline.unitDriver'));
  const driverOf = (id: string, field: string): number => driverIndex.get(id) ?? fail(`no driver called ${id}`, field);

  // Workloads -----------------------------------------------------------------
  const workloadIndex = new Map<string, number>();
  const zero = params.constant(0);
  const one = params.constant(1);
  const workloads: PlanWorkload[] = baseline.workloads.map((w: Workload, wi) => {
    if (workloadIndex.has(w.id)) fail(`workload ${w.id} is defined twice`, `baseline.workloads[${wi}].id`);
    workloadIndex.set(w.id, wi);
    const pfx = `baseline.workloads.${w.id}`;
    const label = w.name ?? w.id;
    const driver = driverOf(w.driver, `${pfx}.driver`);
    const unit = baseline.drivers[driver]?.unit ?? 'unit';

    // Profiles in an order where escalation always points to an earlier one.
    const keys = w.models.map((m) => `${m.provider}/${m.model}`);
    keys.forEach((k, i) => {
      if (keys.indexOf(k) !== i) fail(`${label} lists ${k} twice`, `${pfx}.models[${i}]`);
    });
    const escalation = w.models.map((m, i) => {
      if (m.escalateTo === undefined) return -1;
      const ref = modelRefParts(m.escalateTo);
      const target = keys.indexOf(`${ref.provider}/${ref.model}`);
      if (target < 0) fail(`${label}: ${keys[i]} escalates to ${ref.provider}/${ref.model}, which is not one of this workload's models (add it with share 0)`, `${pfx}.models[${i}].escalateTo`);
      if (target === i) fail(`${label}: ${keys[i]} escalates to itself`, `${pfx}.models[${i}].escalateTo`);
      return target;
    });
    const order: number[] = [];
    const state = new Array<number>(w.models.length).fill(0);
    const visit = (i: number): void => {
      if (state[i] === 2) return;
      if (state[i] === 1) fail(`${label}: escalation between models goes round in a circle`, `${pfx}.models[${i}].escalateTo`);
      state[i] = 1;
      const t = escalation[i] as number;
      if (t >= 0) visit(t);
      state[i] = 2;
      order.push(i);
    };
    w.models.forEach((_, i) => visit(i));
    const position = new Array<number>(w.models.length);
    order.forEach((orig, pos) => {
      position[orig] = pos;
    });
    const profiles: Profile[] = order.map((orig) => {
      const m = w.models[orig]!;
      const mp = `${pfx}.models.${m.provider}/${m.model}`;
      const ml = `${label}: ${m.provider}/${m.model}`;
      const tokenRatio = params.number(m.tokenRatio, 1, `${mp}.tokenRatio`, `${ml} token ratio`, NON_NEGATIVE);
      return {
        model: modelOf(m.provider, m.model),
        tokenRatio,
        outputRatio: m.outputTokenRatio === undefined ? -1 : params.number(m.outputTokenRatio, 1, `${mp}.outputTokenRatio`, `${ml} output token ratio`, NON_NEGATIVE),
        success: params.number(m.successRate, 1, `${mp}.successRate`, `${ml} success rate`, SHARE),
        retries: m.maxRetries,
        latency: m.latencyMs === undefined ? -1 : params.number(m.latencyMs, undefined, `${mp}.latencyMs`, `${ml} latency (ms)`, NON_NEGATIVE),
        escalateTo: (escalation[orig] as number) < 0 ? -1 : (position[escalation[orig] as number] as number),
        baseShare: params.number(m.share, undefined, `${mp}.share`, `${ml} share of requests`, SHARE),
        label: ml,
      };
    });
    const shareSum = profiles.reduce((s, p) => s + (params.specs[p.baseShare]?.base ?? 0), 0);
    if (!approxOne(shareSum)) fail(`${label}: model shares add up to ${shareSum}, not 1`, `${pfx}.models`);

    const tierParam = (t: (typeof PRICED_TIERS)[number]): number => {
      const v = w.tiers?.[t];
      if (w.tiers === undefined) return t === 'standard' ? one : zero;
      return v === undefined ? zero : params.number(v, 0, `${pfx}.tiers.${t}`, `${label}: ${t} tier share`, SHARE);
    };
    const tiers: [number, number, number, number] = [tierParam('standard'), tierParam('batch'), tierParam('flex'), tierParam('priority')];
    const tierSum = tiers.reduce((s, p) => s + (params.specs[p]?.base ?? 0), 0);
    if (!approxOne(tierSum)) fail(`${label}: tier shares add up to ${tierSum}, not 1`, `${pfx}.tiers`);

    const pc = w.promptCache;
    const rc = w.responseCache;
    const otherUnits = Object.entries(w.unitsPerRequest ?? {}).map(([cls, v]) => ({
      usageClass: ENGINE_CLASSES.indexOf(cls as never),
      param: params.number(v, 0, `${pfx}.unitsPerRequest.${cls}`, `${label}: ${cls} per request`, NON_NEGATIVE),
    }));
    return {
      id: w.id,
      driver,
      requestsPerUnit: params.number(w.requestsPerUnit, undefined, `${pfx}.requestsPerUnit`, `${label}: requests per ${unit}`, NON_NEGATIVE),
      inputTokens: params.number(w.tokensPerRequest.input, undefined, `${pfx}.tokensPerRequest.input`, `${label}: input tokens per request`, NON_NEGATIVE),
      outputTokens: params.number(w.tokensPerRequest.output, undefined, `${pfx}.tokensPerRequest.output`, `${label}: output tokens per request`, NON_NEGATIVE),
      otherUnits,
      profiles,
      tiers,
      cacheable: pc ? params.number(pc.cacheableShare, 0, `${pfx}.promptCache.cacheableShare`, `${label}: cacheable share of the prompt`, SHARE) : zero,
      hitRate: pc ? params.number(pc.hitRate, 0, `${pfx}.promptCache.hitRate`, `${label}: prompt cache hit rate`, SHARE) : zero,
      ttl1h: pc?.ttl === '1h',
      responseShare: rc ? params.number(rc.share, 0, `${pfx}.responseCache.share`, `${label}: share answered from the response cache`, SHARE) : zero,
      responseMonthly: params.money(rc?.monthlyCost, `${pfx}.responseCache.monthlyCost`, `${label}: response cache per month`),
      responsePerRequest: params.money(rc?.costPerRequest, `${pfx}.responseCache.costPerRequest`, `${label}: response cache per request`),
      responseSlot: slotFor(w.id, null, null, 'response_cache'),
      levers: [],
      alternatives: [],
      qualityFloor: w.guardrails?.qualityFloor ?? null,
      latencyCeilingMs: w.guardrails?.latencyCeilingMs ?? null,
      memoClass: new Int32Array(months.length),
    };
  });

  // Levers --------------------------------------------------------------------
  const volume: VolumeEffect[] = [];
  const priceEffects: PlanBuilder['priceEffects'] = [];
  const contracts: ContractTerms[] = [];
  const pools: Pool[] = [];
  const monthlyCosts: MonthlyCost[] = [];
  const endToEndCosts: EndToEndCost[] = [];
  const plan: PlanBuilder = {
    baseline,
    months,
    params,
    workloads,
    unitDriver,
    modelOf,
    providerIndexOf,
    slotFor,
    driverOf,
    volume,
    priceEffects,
    contracts,
    pools,
    monthlyCosts,
    endToEndCosts,
  };

  const levers: { lever: Lever; key: string; label: string; field: string }[] = [
    ...baseline.levers.map((lever, i) => ({ lever, key: `baseline.levers.${i}`, label: lever.name ?? `Baseline lever ${i + 1} (${lever.type})`, field: `baseline.levers[${i}]` })),
    ...(scenario?.levers ?? []).map((lever, i) => ({
      lever,
      key: `${scenario!.id}.levers.${i}`,
      label: lever.name ?? `${scenario!.name}, lever ${i + 1} (${lever.type})`,
      field: `scenarios.${scenario!.id}.levers[${i}]`,
    })),
  ];

  // Each lever's module compiles it into the plan, in the file's order.
  for (const { lever, key, label, field } of levers) {
    const timing: Timing = makeTiming(monthNumber(lever.start) - horizonStart, lever.rampMonths, months.length);
    const scope: number[] = (lever.workloads ?? baseline.workloads.map((w) => w.id)).map((id, i) => workloadIndex.get(id) ?? fail(`no workload called ${id}`, `${field}.workloads[${i}]`));
    leverModule(lever.type).compile(lever, {
      key,
      label,
      field,
      timing,
      scope,
      single: scope.length === 1 ? (baseline.workloads[scope[0] as number]?.id ?? null) : null,
      num: (v, fallback, name, what, domain = NON_NEGATIVE) => params.number(v, fallback, `${key}.${name}`, `${label}: ${what}`, domain),
      money: (v, name, what) => params.money(v, `${key}.${name}`, `${label}: ${what}`),
      base: (param) => params.specs[param]?.base ?? 0,
      fail,
      warn: (message) => warnings.push(message),
      addStep: (workload, data, varies) => workloads[workload]!.levers.push({ type: lever.type, timing, data, varies: varies ?? null }),
      plan,
    });
  }
  const tokenEffectsExist = workloads.some((w) => w.levers.some((l) => l.type === 'volume'));

  // Prices --------------------------------------------------------------------
  const prices = buildPriceTable(months, models, rateCard);

  const C = ENGINE_CLASSES.length;
  const K = models.length;
  const priceMatches: number[][] = Array.from({ length: K * 4 * C }, () => []);
  const nonAiPriceEffects: number[] = [];
  priceEffects.forEach((e, ei) => {
    if (e.nonAi) nonAiPriceEffects.push(ei);
    if (!e.ai) return;
    const f = e.filter;
    models.forEach((mdl, k) => {
      if (f.provider !== undefined && f.provider !== mdl.provider) return;
      if (f.model !== undefined && f.model !== mdl.model) return;
      PRICED_TIERS.forEach((tier, t) => {
        if (f.tiers !== undefined && !f.tiers.includes(tier)) return;
        ENGINE_CLASSES.forEach((cls, c) => {
          if (f.classes !== undefined && !f.classes.includes(cls)) return;
          priceMatches[(k * 4 + t) * C + c]!.push(ei);
        });
      });
    });
  });

  const P = providers.length;
  const activeContract = new Int32Array(months.length * P).fill(-1);
  contracts.forEach((c, ci) => {
    for (let m = Math.max(0, c.timing.start); m < months.length; m++) activeContract[m * P + c.providerIndex] = ci;
  });
  const W = workloads.length;
  const activePool = new Int32Array(months.length * W * K).fill(-1);
  pools.forEach((p, pi) => {
    for (let m = Math.max(0, p.timing.start); m < months.length; m++) {
      for (let w = 0; w < W; w++) if (p.workloads[w]) activePool[(m * W + w) * K + p.model] = pi;
    }
  });

  // Months whose prices equal the month before's, then per workload the runs of months that only differ in volume.
  const rowSize = K * 4 * C * prices.bands;
  const samePrices = months.map((_, m) => {
    if (m === 0) return false;
    for (let i = m * rowSize; i < (m + 1) * rowSize; i++) {
      if (prices.nanos[i] !== prices.nanos[i - rowSize] || prices.per[i] !== prices.per[i - rowSize] || prices.missing[i] !== prices.missing[i - rowSize]) return false;
    }
    return true;
  });
  workloads.forEach((w, wi) => {
    let id = 0;
    let previous = '';
    months.forEach((_, m) => {
      let pooled = false;
      for (let k = 0; k < K; k++) if ((activePool[(m * W + wi) * K + k] as number) >= 0) pooled = true;
      if (pooled) {
        w.memoClass[m] = -1;
        previous = '';
        return;
      }
      const signature = [
        ...w.levers.map((l) => `${l.timing.ramp[m]}${l.varies ? `/${l.varies[m]}` : ''}`),
        ...priceEffects.map((e) => e.timing.ramp[m]),
      ].join(',');
      w.memoClass[m] = m > 0 && signature === previous && samePrices[m] && (w.memoClass[m - 1] as number) >= 0 ? (w.memoClass[m - 1] as number) : ++id;
      previous = signature;
    });
  });

  const usageSlots = new Int32Array(W * K * C);
  workloads.forEach((w, wi) => {
    models.forEach((mdl, k) => {
      for (let c = 0; c < C; c++) usageSlots[(wi * K + k) * C + c] = slotFor(w.id, mdl.provider, mdl.key, componentOfClass(c));
    });
  });

  return {
    file: file ?? null,
    id: scenario?.id ?? 'baseline',
    name: scenario?.name ?? 'Baseline',
    isBaseline: scenario === null,
    months,
    leversActFrom: (scenario?.levers ?? []).reduce((first, lever) => Math.min(first, Math.max(0, monthNumber(lever.start) - horizonStart)), months.length),
    daysInMonth: months.map(daysInMonth),
    currency: baseline.currency,
    models,
    providers,
    prices,
    drivers,
    unitDriver,
    workloads,
    volume,
    tokenEffectsExist,
    priceEffects: priceEffects.map(({ timing, pct, ai, nonAi }) => ({ timing, pct, ai, nonAi })),
    priceMatches,
    nonAiPriceEffects,
    contracts,
    activeContract,
    pools,
    activePool,
    monthlyCosts,
    endToEndCosts,
    slots,
    usageSlots,
    guardrails: { ...(baseline.guardrails ?? {}), ...(scenario?.guardrails ?? {}) },
    warnings,
    maxProfiles: Math.max(1, ...workloads.map((w) => w.profiles.length)),
    maxAlternatives: Math.max(1, ...workloads.map((w) => w.alternatives.length)),
  };
}

/** Looks up every (month, model, tier, class, band) price once. Missing prices are marked; the evaluator refuses to use them. */
function buildPriceTable(months: readonly string[], models: readonly PlanModel[], rateCard: RateCard): PriceTable {
  const C = ENGINE_CLASSES.length;
  const thresholds: number[][] = [];
  let bands = 1;
  const bandNames: string[][] = [];
  for (const month of months) {
    for (const mdl of models) {
      const list = [...(rateCard.contextBands?.(mdl.provider, mdl.model, month) ?? [])].sort((a, b) => a.abovePromptTokens - b.abovePromptTokens);
      thresholds.push(list.map((b) => b.abovePromptTokens));
      bandNames.push(list.map((b) => b.band));
      bands = Math.max(bands, list.length + 1);
    }
  }
  const size = months.length * models.length * 4 * C * bands;
  const nanos = new Array<bigint>(size).fill(0n);
  const per = new Array<bigint>(size).fill(1n);
  const perUnit = new Float64Array(size);
  const missing = new Uint8Array(size).fill(1);
  const fallback = new Uint8Array(size);
  months.forEach((month, m) => {
    models.forEach((mdl, k) => {
      const names = bandNames[m * models.length + k] ?? [];
      PRICED_TIERS.forEach((tier, t) => {
        for (let b = 0; b <= names.length; b++) {
          const contextBand = b === 0 ? null : (names[b - 1] ?? null);
          const look = (c: number) => rateCard.unitPrice({ provider: mdl.provider, model: mdl.model, usageClass: ENGINE_CLASSES[c]!, serviceTier: tier, month, contextBand });
          const input = look(0);
          for (let c = 0; c < C; c++) {
            let price = c === 0 ? input : look(c);
            let fellBack = false;
            if (!price && input && c >= 1 && c <= 3) {
              // No cache price: vendors without a cache discount or write premium bill these tokens as input.
              price = input;
              fellBack = true;
            }
            if (!price) continue;
            const i = (((m * models.length + k) * 4 + t) * C + c) * bands + b;
            nanos[i] = price.nanos;
            per[i] = price.per;
            perUnit[i] = Number(price.nanos) / 1e9 / Number(price.per);
            missing[i] = 0;
            if (fellBack) fallback[i] = 1;
          }
        }
      });
    });
  });
  return { bands, nanos, per, perUnit, missing, fallback, thresholds };
}
