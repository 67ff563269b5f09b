/** Cache: prompt caching (cacheable share, hit rate, lifetime) and a response cache that answers requests without a model. */
import { z } from 'zod';
import { SHARE } from '../params';
import { clamp01 } from '../plan';
import { PromptCacheInput, ResponseCacheInput } from '../schema/baseline';
import { A_MONTH, SHARE_UNIT } from './form';
import { LeverCommon, type LeverModule } from './lever';

const schema = z
  .object({
    type: z.literal('cache'),
    ...LeverCommon,
    prompt: PromptCacheInput.partial().optional(),
    response: ResponseCacheInput.optional(),
  })
  .strict();

/** Parameters of the new cacheable share, hit rate and response-cache share (-1: unchanged), and the cache lifetime (null: unchanged). */
interface CacheStep {
  cacheable: number;
  hitRate: number;
  ttl1h: boolean | null;
  responseShare: number;
}

export const cacheLever: LeverModule<typeof schema, CacheStep> = {
  schema,
  compile(lever, { num, money, addStep, timing, scope, single, plan }) {
    const p = lever.prompt;
    const cacheable = p?.cacheableShare === undefined ? -1 : num(p.cacheableShare, 0, 'prompt.cacheableShare', 'cacheable share of the prompt', SHARE);
    const hitRate = p?.hitRate === undefined ? -1 : num(p.hitRate, 0, 'prompt.hitRate', 'prompt cache hit rate', SHARE);
    const responseShare = lever.response === undefined ? -1 : num(lever.response.share, 0, 'response.share', 'share answered from the response cache', SHARE);
    for (const wi of scope) addStep(wi, { cacheable, hitRate, ttl1h: p?.ttl === undefined ? null : p.ttl === '1h', responseShare });
    if (lever.response) {
      const monthly = money(lever.response.monthlyCost, 'response.monthlyCost', 'response cache per month');
      const perRequest = money(lever.response.costPerRequest, 'response.costPerRequest', 'response cache per request');
      if (monthly >= 0 || perRequest >= 0) {
        plan.monthlyCosts.push({ timing, oneTime: -1, fixedMonthly: monthly, perUnit: -1, driver: -1, perRequest, workloads: scope.slice(), aiRequestsOnly: true, slot: plan.slotFor(single, null, null, 'response_cache'), ramped: false });
      }
    }
  },
  step(s, d, v, r) {
    if (d.cacheable >= 0) s.cacheable += (clamp01(v[d.cacheable] as number) - s.cacheable) * r;
    if (d.hitRate >= 0) s.hitRate += (clamp01(v[d.hitRate] as number) - s.hitRate) * r;
    if (d.ttl1h !== null) s.ttl1h = d.ttl1h;
    if (d.responseShare >= 0) s.responseShare += (clamp01(v[d.responseShare] as number) - s.responseShare) * r;
  },
  form: {
    title: 'Cache',
    summary: 'Prompt caching (cacheable share, hit rate, lifetime) and response caching.',
    fields: [
      { path: ['prompt', 'cacheableShare'], label: 'Cacheable share of the prompt', kind: 'share', unit: SHARE_UNIT, help: 'Share of each prompt that is a stable prefix (system prompt, documents) the cache can hold.' },
      { path: ['prompt', 'hitRate'], label: 'Hit rate', kind: 'share', unit: SHARE_UNIT, help: 'Share of cacheable prefixes found in the cache; the rest are written to it.' },
      {
        path: ['prompt', 'ttl'],
        label: 'Cache lifetime',
        kind: 'enum',
        unit: '',
        help: 'Decides the write price: 5 minutes (about 1.25× input) or 1 hour (about 2× input).',
        options: [
          { value: '', label: '(as now)' },
          { value: '5m', label: '5 minutes' },
          { value: '1h', label: '1 hour' },
        ],
      },
      { path: ['response', 'share'], label: 'Response cache share', kind: 'share', unit: SHARE_UNIT, help: 'Share of requests answered from a response cache without calling a model.' },
      { path: ['response', 'monthlyCost'], label: 'Response cache cost', kind: 'money', unit: A_MONTH, help: 'Infrastructure cost of the response cache per month.' },
      { path: ['response', 'costPerRequest'], label: 'Cost per lookup', kind: 'money', unit: 'per request', help: 'Cost of each request looked up in the response cache.' },
    ],
  },
  example: ({ start }) => ({ type: 'cache', name: 'Longer prompt cache', start, prompt: { hitRate: 0.9, ttl: '1h' } }),
  label: null,
};
