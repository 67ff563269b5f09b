/**
 * Workload profiles from what vendors billed. The backend aggregates the
 * ledger in SQL (one row per month, provider, model, usage class, tier and
 * mapping keys) and hands the rows here with the saved mapping and the
 * business units of the period; this module decides what the rows mean.
 *
 * Per workload:
 *  - first-attempt requests per model come from the vendor's request counts
 *    (`request` usage lines or a requests column), else from prompt tokens ÷
 *    the mapping's inputTokensPerRequest, else one request per business unit;
 *  - a model the mapping names as an escalation target gets share 0, and the
 *    models escalating to it a success rate of 1 − (its requests ÷ theirs),
 *    unless the mapping states one;
 *  - tokens per request are the reference model's (the busiest first-attempt
 *    model); other models get token ratios against it;
 *  - tiers are shares of prompt tokens; the prompt cache is read from cache
 *    reads and writes: cacheable share = (reads + writes) ÷ all prompt tokens,
 *    hit rate = reads ÷ (reads + writes).
 * Success rates and latency the ledger cannot tell come from the mapping.
 */
import { modelRefParts, type DerivedWorkloads, type Workload, type WorkloadMapping } from './schema';
import { nanosToDecimal, parseMoney, type Nanos } from '../domain/money';
import type { ServiceTier, UsageClass } from '../domain/usage';

export interface LedgerAggregate {
  month: string;
  provider: string;
  model: string | null;
  usageClass: UsageClass;
  serviceTier: ServiceTier;
  /** Mapping keys: tags, project (sub-account) and API key (credential). */
  tags: Record<string, string>;
  project: string | null;
  apiKey: string | null;
  /** Summed quantity in the class's unit (single tokens for token classes). */
  quantity: number;
  /** Summed billed cost, exact (decimal text or nano-units). */
  cost: string | Nanos;
  /** Request count where the vendor reports one alongside token lines. */
  requests?: number | null;
}

export interface DeriveInput {
  rows: readonly LedgerAggregate[];
  mapping: WorkloadMapping;
  /** Business units per driver and month for the period the rows cover. */
  driverUnits: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

type Rule = WorkloadMapping['rules'][number];

function matches(rule: Rule, row: LedgerAggregate): boolean {
  const m = rule.match;
  if (m.tag !== undefined && row.tags[m.tag.key] !== m.tag.value) return false;
  if (m.project !== undefined && row.project !== m.project) return false;
  if (m.apiKey !== undefined && row.apiKey !== m.apiKey) return false;
  if (m.provider !== undefined && row.provider !== m.provider) return false;
  if (m.model !== undefined && row.model !== m.model) return false;
  return true;
}

interface ModelTotals {
  provider: string;
  model: string;
  prompt: number;
  cached: number;
  write5m: number;
  write1h: number;
  output: number;
  requestLines: number;
  requestColumn: number;
  hasRequestColumn: boolean;
  other: Partial<Record<'image' | 'audio_second' | 'tool_call' | 'other', number>>;
  promptByTier: Record<'standard' | 'batch' | 'flex' | 'priority', number>;
}

const round = (x: number, digits = 6): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export function deriveWorkloads(input: DeriveInput): DerivedWorkloads {
  const { rows, mapping } = input;
  const notes: string[] = [];
  const byWorkload = new Map<string, Map<string, ModelTotals>>();
  const monthsByWorkload = new Map<string, Set<string>>();
  const unmapped = new Map<string, { provider: string; model: string | null; cost: Nanos }>();

  for (const row of rows) {
    const rule = mapping.rules.find((r) => matches(r, row));
    if (!rule || row.model === null) {
      const key = `${row.provider}/${row.model ?? ''}`;
      const entry = unmapped.get(key) ?? { provider: row.provider, model: row.model, cost: 0n };
      entry.cost += typeof row.cost === 'bigint' ? row.cost : parseMoney(row.cost);
      unmapped.set(key, entry);
      continue;
    }
    const models = byWorkload.get(rule.workload) ?? new Map<string, ModelTotals>();
    byWorkload.set(rule.workload, models);
    const months = monthsByWorkload.get(rule.workload) ?? new Set<string>();
    months.add(row.month);
    monthsByWorkload.set(rule.workload, months);
    const key = `${row.provider}/${row.model}`;
    let t = models.get(key);
    if (!t) {
      t = {
        provider: row.provider,
        model: row.model,
        prompt: 0,
        cached: 0,
        write5m: 0,
        write1h: 0,
        output: 0,
        requestLines: 0,
        requestColumn: 0,
        hasRequestColumn: false,
        other: {},
        promptByTier: { standard: 0, batch: 0, flex: 0, priority: 0 },
      };
      models.set(key, t);
    }
    const q = row.quantity;
    const tier = row.serviceTier === 'provisioned' ? 'standard' : row.serviceTier;
    switch (row.usageClass) {
      case 'input':
      case 'cached_input':
      case 'cache_write_5m':
      case 'cache_write_1h':
        t.prompt += q;
        t.promptByTier[tier] += q;
        if (row.usageClass === 'cached_input') t.cached += q;
        if (row.usageClass === 'cache_write_5m') t.write5m += q;
        if (row.usageClass === 'cache_write_1h') t.write1h += q;
        break;
      case 'output':
        t.output += q;
        break;
      case 'request':
        t.requestLines += q;
        break;
      case 'image':
      case 'audio_second':
      case 'tool_call':
      case 'other':
        t.other[row.usageClass] = (t.other[row.usageClass] ?? 0) + q;
        break;
      default:
        break;
    }
    if (row.requests !== undefined && row.requests !== null && (row.usageClass === 'input' || row.usageClass === 'output')) {
      // A requests column repeats on each token line of the same calls: count it once, on input lines (or output-only models).
      if (row.usageClass === 'input') {
        t.requestColumn += row.requests;
        t.hasRequestColumn = true;
      }
    }
  }

  const workloads: Workload[] = [];
  for (const [id, models] of byWorkload) {
    const settings = mapping.workloads.find((w) => w.id === id);
    const driver = settings?.driver ?? Object.keys(input.driverUnits)[0];
    if (!driver) {
      notes.push(`${id}: no driver to relate it to; left out`);
      continue;
    }
    if (!settings) notes.push(`${id}: no settings in the mapping; using driver ${driver}, success rate 1`);
    const months = [...(monthsByWorkload.get(id) ?? [])].sort();
    const units = months.reduce((s, m) => s + (input.driverUnits[driver]?.[m] ?? 0), 0);
    if (!(units > 0)) {
      notes.push(`${id}: the driver ${driver} has no units in ${months.join(', ')}; left out`);
      continue;
    }

    const list = [...models.values()];
    const requestsOf = new Map<string, number>();
    let estimated = false;
    for (const t of list) {
      const key = `${t.provider}/${t.model}`;
      let r = t.requestLines > 0 ? t.requestLines : t.hasRequestColumn ? t.requestColumn : Number.NaN;
      const assumed = settings?.models.find((m) => `${m.provider}/${m.model}` === key)?.inputTokensPerRequest ?? settings?.inputTokensPerRequest;
      if (!(r > 0) && assumed) {
        r = t.prompt / assumed;
        estimated = true;
      }
      requestsOf.set(key, r);
    }
    if ([...requestsOf.values()].some((r) => !(r > 0))) {
      // Without counts or an assumption, a business unit is one request.
      notes.push(`${id}: no request counts in the ledger and no inputTokensPerRequest in the mapping; one request per ${driver} unit assumed`);
      const totalPrompt = list.reduce((s, t) => s + t.prompt, 0);
      for (const t of list) requestsOf.set(`${t.provider}/${t.model}`, totalPrompt > 0 ? (units * t.prompt) / totalPrompt : units / list.length);
    } else if (estimated) {
      notes.push(`${id}: requests estimated from prompt tokens and the mapping's tokens per request`);
    }

    // Escalation targets named by the mapping.
    const escalatesTo = new Map<string, string>();
    for (const m of settings?.models ?? []) {
      if (m.escalateTo !== undefined) {
        const ref = modelRefParts(m.escalateTo);
        escalatesTo.set(`${m.provider}/${m.model}`, `${ref.provider}/${ref.model}`);
      }
    }
    const targets = new Set(escalatesTo.values());
    const firstAttempt = list.filter((t) => !targets.has(`${t.provider}/${t.model}`));
    if (firstAttempt.length === 0) {
      notes.push(`${id}: every model is an escalation target; left out`);
      continue;
    }
    const reference = firstAttempt.reduce((best, t) => ((requestsOf.get(`${t.provider}/${t.model}`) ?? 0) > (requestsOf.get(`${best.provider}/${best.model}`) ?? 0) ? t : best));
    const refRequests = requestsOf.get(`${reference.provider}/${reference.model}`)!;
    const inputPerRequest = reference.prompt / refRequests;
    const outputPerRequest = reference.output / refRequests;
    const firstRequests = firstAttempt.reduce((s, t) => s + (requestsOf.get(`${t.provider}/${t.model}`) ?? 0), 0);

    const wModels: Workload['models'] = list.map((t) => {
      const key = `${t.provider}/${t.model}`;
      const r = requestsOf.get(key)!;
      const set = settings?.models.find((m) => `${m.provider}/${m.model}` === key);
      const isTarget = targets.has(key);
      let successRate = set?.successRate;
      const target = escalatesTo.get(key);
      if (successRate === undefined && target !== undefined) {
        const sources = [...escalatesTo.entries()].filter(([, to]) => to === target).map(([from]) => requestsOf.get(from) ?? 0);
        const escalated = requestsOf.get(target) ?? 0;
        const sourceTotal = sources.reduce((s, x) => s + x, 0);
        successRate = sourceTotal > 0 ? Math.min(1, Math.max(0, 1 - escalated / sourceTotal)) : 1;
      }
      const tokenRatio = inputPerRequest > 0 ? t.prompt / r / inputPerRequest : 1;
      const outRatio = outputPerRequest > 0 ? t.output / r / outputPerRequest : tokenRatio;
      const entry: Workload['models'][number] = {
        provider: t.provider,
        model: t.model,
        share: isTarget ? 0 : round(r / firstRequests),
        successRate: round(successRate ?? 1),
        maxRetries: set?.maxRetries ?? 0,
        tokenRatio: round(tokenRatio, 4),
      };
      if (Math.abs(outRatio - tokenRatio) > 0.01 * Math.max(tokenRatio, 1e-9)) entry.outputTokenRatio = round(outRatio, 4);
      if (set?.escalateTo !== undefined) entry.escalateTo = set.escalateTo;
      if (set?.latencyMs !== undefined) entry.latencyMs = set.latencyMs;
      return entry;
    });
    // Rounded shares must still add up to 1: give the rest to the reference model.
    const shareSum = wModels.reduce((s, m) => s + (m.share as number), 0);
    const refEntry = wModels.find((m) => m.provider === reference.provider && m.model === reference.model)!;
    refEntry.share = round((refEntry.share as number) + (1 - shareSum), 9);

    const prompt = list.reduce((s, t) => s + t.prompt, 0);
    const cached = list.reduce((s, t) => s + t.cached, 0);
    const write5m = list.reduce((s, t) => s + t.write5m, 0);
    const write1h = list.reduce((s, t) => s + t.write1h, 0);
    const tiers = { standard: 0, batch: 0, flex: 0, priority: 0 };
    for (const t of list) for (const k of Object.keys(tiers) as (keyof typeof tiers)[]) tiers[k] += t.promptByTier[k];
    const tierShares = Object.fromEntries(Object.entries(tiers).filter(([, v]) => v > 0).map(([k, v]) => [k, round(v / prompt)])) as Record<string, number>;
    const tierSum = Object.values(tierShares).reduce((s, v) => s + v, 0);
    if (tierShares.standard !== undefined) tierShares.standard = round(tierShares.standard + (1 - tierSum), 9);

    const other: Record<string, number> = {};
    for (const t of list) for (const [k, v] of Object.entries(t.other)) other[k] = (other[k] ?? 0) + (v ?? 0);

    const workload: Workload = {
      id,
      driver,
      requestsPerUnit: round(firstRequests / units),
      tokensPerRequest: { input: round(inputPerRequest, 2), output: round(outputPerRequest, 2) },
      models: wModels,
    };
    if (settings?.name !== undefined) workload.name = settings.name;
    if (prompt > 0 && Object.keys(tierShares).length > 0 && !(Object.keys(tierShares).length === 1 && tierShares.standard !== undefined)) workload.tiers = tierShares;
    if (cached + write5m + write1h > 0 && prompt > 0) {
      workload.promptCache = { cacheableShare: round((cached + write5m + write1h) / prompt), hitRate: round(cached / (cached + write5m + write1h)), ttl: write1h > write5m ? '1h' : '5m' };
    }
    if (Object.keys(other).length > 0) workload.unitsPerRequest = Object.fromEntries(Object.entries(other).map(([k, v]) => [k, round(v / firstRequests)]));
    workloads.push(workload);
  }
  for (const w of mapping.workloads) if (!byWorkload.has(w.id)) notes.push(`${w.id}: no ledger lines mapped to it in this period`);

  return {
    workloads,
    unmapped: [...unmapped.values()].filter((u) => u.cost !== 0n).map((u) => ({ provider: u.provider, model: u.model, cost: nanosToDecimal(u.cost) })),
    notes,
  };
}
