/**
 * Route: move a share of one model's traffic to another (move), or send it to
 * the other model first and escalate what fails there once to the first
 * (cascade). The moved traffic's prompt cache starts cold and warms up.
 */
import { z } from 'zod';
import { SHARE } from '../params';
import { clamp01, warmth } from '../plan';
import { modelRefParts, ModelRef, MoneyInput, NumberInput, ShareInput } from '../schema/inputs';
import { SHARE_UNIT } from './form';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('route'),
    ...LeverCommon,
    from: ModelRef,
    to: ModelRef,
    /** Share of the from-model's traffic that moves. */
    share: ShareInput,
    /** move: the share runs on the new model; cascade: the new model goes first and its failures escalate once to the from-model. */
    mode: z.enum(['move', 'cascade']).default('move'),
    successRate: ShareInput.optional(),
    maxRetries: z.number().int().min(0).max(10).optional(),
    tokenRatio: NumberInput.default(1),
    outputTokenRatio: NumberInput.optional(),
    latencyMs: NumberInput.optional(),
    /** Months for the moved traffic's prompt cache to warm up from empty (its hit rate ramps up, writes are paid again). */
    cacheWarmupMonths: z.number().min(0).max(24).default(1),
    /** One-time cost of the move (evals, prompt rework), in the start month. */
    migrationCost: MoneyInput.optional(),
  })
  .strict();

/** Per workload: the profiles traffic moves from, the profile it moves to, the share parameter and the target's warmth by month. */
interface RouteStep {
  sources: number[];
  target: number;
  share: number;
  warm: Float64Array;
}

const refText = (ref: z.output<typeof ModelRef>): string => (typeof ref === 'string' ? ref : `${ref.provider}/${ref.model}`);

export const routeLever: LeverModule<typeof schema, RouteStep> = {
  schema,
  compile(lever, { num, money, warn, fail, addStep, label, field, timing, scope, single, plan }) {
    const from = modelRefParts(lever.from);
    const to = modelRefParts(lever.to);
    const fromK = plan.modelOf(from.provider, from.model);
    const toK = plan.modelOf(to.provider, to.model);
    const share = num(lever.share, undefined, 'share', `share moved from ${from.provider}/${from.model}`, SHARE);
    const tokenRatio = num(lever.tokenRatio, 1, 'tokenRatio', `${to.provider}/${to.model} token ratio`);
    const outputRatio = lever.outputTokenRatio === undefined ? -1 : num(lever.outputTokenRatio, 1, 'outputTokenRatio', `${to.provider}/${to.model} output token ratio`);
    let matched = false;
    for (const wi of scope) {
      const w = plan.workloads[wi]!;
      const sources = w.profiles.flatMap((p, i) => (p.model === fromK ? [i] : []));
      if (sources.length === 0) continue;
      matched = true;
      const source = w.profiles[sources[0] as number]!;
      const existing = w.profiles.find((p) => p.model === toK && p.baseShare >= 0);
      let success: number;
      if (lever.successRate !== undefined) success = num(lever.successRate, 1, 'successRate', `${to.provider}/${to.model} success rate`, SHARE);
      else if (existing) success = existing.success;
      else {
        success = source.success;
        warn(`${label}: no success rate given for ${to.provider}/${to.model}; ${w.id} assumes ${from.provider}/${from.model}'s`);
      }
      const target = w.profiles.length;
      w.profiles.push({
        model: toK,
        tokenRatio,
        outputRatio,
        success,
        retries: lever.maxRetries ?? existing?.retries ?? 0,
        latency: lever.latencyMs !== undefined ? num(lever.latencyMs, undefined, 'latencyMs', `${to.provider}/${to.model} latency (ms)`) : (existing?.latency ?? -1),
        escalateTo: lever.mode === 'cascade' ? (sources[0] as number) : source.escalateTo,
        baseShare: -1,
        label: `${w.id}: ${to.provider}/${to.model} (${label})`,
      });
      const warm = Float64Array.from(plan.months, (_, m) => warmth(m - timing.start, lever.cacheWarmupMonths));
      addStep(wi, { sources, target, share, warm }, warm);
    }
    if (!matched) fail(`${label} moves traffic from ${from.provider}/${from.model}, but no workload it applies to uses that model`, `${field}.from`);
    const migration = money(lever.migrationCost, 'migrationCost', 'migration cost');
    if (migration >= 0) {
      plan.monthlyCosts.push({ timing, oneTime: migration, fixedMonthly: -1, perUnit: -1, driver: -1, perRequest: -1, workloads: [], aiRequestsOnly: true, slot: plan.slotFor(single, null, null, 'migration'), ramped: false });
    }
  },
  step(s, d, v, r, m) {
    const moving = clamp01(v[d.share] as number) * r;
    for (const src of d.sources) {
      const moved = (s.share[src] as number) * moving;
      s.share[src] = (s.share[src] as number) - moved;
      s.share[d.target] = (s.share[d.target] as number) + moved;
    }
    s.warm[d.target] = d.warm[m] as number;
  },
  form: {
    title: 'Route',
    summary: 'Move a share of one model’s traffic to another, or try a cheaper model first and escalate its failures.',
    fields: [
      { path: ['from'], label: 'From model', kind: 'model', unit: 'provider/model', help: 'The model whose traffic moves.', required: true },
      { path: ['to'], label: 'To model', kind: 'model', unit: 'provider/model', help: 'The model that takes it.', required: true },
      {
        path: ['mode'],
        label: 'Mode',
        kind: 'enum',
        unit: '',
        help: 'Move: the share runs on the new model. Cascade: the new model goes first and what it fails escalates once to the old one.',
        options: [
          { value: 'move', label: 'move' },
          { value: 'cascade', label: 'cascade' },
        ],
      },
      { path: ['share'], label: 'Share moved', kind: 'share', unit: SHARE_UNIT, help: 'Share of the from-model’s requests that move.', required: true },
      { path: ['successRate'], label: 'Success rate', kind: 'share', unit: SHARE_UNIT, help: 'Share of the new model’s attempts that succeed (default: as the from-model).' },
      { path: ['maxRetries'], label: 'Retries', kind: 'int', unit: 'per request', help: 'Retries on the new model after a failure.' },
      { path: ['tokenRatio'], label: 'Token ratio', kind: 'number', unit: '× tokens', help: 'Tokens the new model uses relative to the old one (tokenizers and verbosity differ); 1.1 is 10% more.' },
      { path: ['outputTokenRatio'], label: 'Output token ratio', kind: 'number', unit: '× output tokens', help: 'Output tokens relative to the old model, when they differ from the token ratio.' },
      { path: ['latencyMs'], label: 'Latency', kind: 'number', unit: 'ms per attempt', help: 'Typical latency of one attempt, for the latency guardrail.' },
      { path: ['cacheWarmupMonths'], label: 'Cache warm-up', kind: 'number', unit: 'months', help: 'Moved traffic starts with an empty prompt cache: its hit rate rises from zero over these months, and prefixes are written (and paid for) again.' },
      { path: ['migrationCost'], label: 'Migration cost', kind: 'money', unit: 'once', help: 'One-time cost of the move (evals, prompt rework), paid in the start month; it sets the break-even month.' },
    ],
  },
  example: ({ start, model, otherModel }) => ({ type: 'route', name: 'Route to a cheaper model', start, from: model, to: otherModel, share: 0.5 }),
  label: (lever) => `Route ${refText(lever.from)} → ${refText(lever.to)}`,
};
