import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { DEMO_LOANS } from '../../../scripts/make-demo';
import { Baseline, WorkloadMapping, type DerivedWorkloads } from '../../../shared/api/scenarios';
import type { LedgerLine } from '../../../shared/domain/ledger-line';
import { nanosToDecimal, nanosToNumber } from '../../../shared/domain/money';
import { runDeterministic } from '../../../shared/engine/run';
import { resolveScenarioFile } from '../../../shared/engine/scenario-file';
import { deriveWorkloads, type LedgerAggregate } from '../../../shared/engine/workloads-from-ledger';
import { importFixture } from '../formats/helpers';

const row = (over: Partial<LedgerAggregate>): LedgerAggregate => ({
  month: '2026-06',
  provider: 'openai',
  model: 'mini',
  usageClass: 'input',
  serviceTier: 'standard',
  tags: { workload: 'support' },
  project: null,
  apiKey: null,
  quantity: 0,
  cost: '0',
  ...over,
});

describe('workloads from aggregated ledger rows', () => {
  it('reads request counts, token ratios and escalation from the rows', () => {
    // 500 loans; mini: 1,000 requests, 3M input (1M of it cache reads), 400k output;
    // haiku (escalation target): 300 requests, 1.8M input, 240k output.
    const rows = [
      row({ usageClass: 'request', quantity: 1000 }),
      row({ usageClass: 'input', quantity: 2_000_000, cost: '0.30' }),
      row({ usageClass: 'cached_input', quantity: 1_000_000, cost: '0.075' }),
      row({ usageClass: 'output', quantity: 400_000, cost: '0.24' }),
      row({ provider: 'anthropic', model: 'haiku', usageClass: 'request', quantity: 300 }),
      row({ provider: 'anthropic', model: 'haiku', usageClass: 'input', quantity: 1_800_000, cost: '1.80' }),
      row({ provider: 'anthropic', model: 'haiku', usageClass: 'output', quantity: 240_000, cost: '1.20' }),
      row({ tags: { workload: 'mystery' }, usageClass: 'input', quantity: 10, cost: '0.000123' }),
    ];
    const mapping = WorkloadMapping.parse({
      rules: [{ match: { tag: { key: 'workload', value: 'support' } }, workload: 'support' }],
      workloads: [{ id: 'support', name: 'Support', driver: 'loans', models: [{ provider: 'openai', model: 'mini', escalateTo: 'anthropic/haiku', latencyMs: 900 }] }],
    });
    const out = deriveWorkloads({ rows, mapping, driverUnits: { loans: { '2026-06': 500 } } });
    expect(out.unmapped).toEqual([{ provider: 'openai', model: 'mini', cost: '0.000123' }]);
    expect(out.workloads).toHaveLength(1);
    const w = out.workloads[0]!;
    // first attempts: 1,000 mini requests / 500 loans = 2 a loan; mini prompt 3,000 tokens, output 400
    expect(w).toMatchObject({ id: 'support', name: 'Support', driver: 'loans', requestsPerUnit: 2, tokensPerRequest: { input: 3000, output: 400 } });
    // cache: reads 1M of 4.8M prompt tokens → cacheable 0.208333, hit rate 1
    expect(w.promptCache).toEqual({ cacheableShare: 0.208333, hitRate: 1, ttl: '5m' });
    expect(w.models).toEqual([
      // 300 of 1,000 escalated → mini succeeds 70%
      { provider: 'openai', model: 'mini', share: 1, successRate: 0.7, maxRetries: 0, tokenRatio: 1, escalateTo: 'anthropic/haiku', latencyMs: 900 },
      // haiku: 6,000 prompt tokens a request = 2 × mini's; 800 output = 2 ×
      { provider: 'anthropic', model: 'haiku', share: 0, successRate: 1, maxRetries: 0, tokenRatio: 2 },
    ]);
  });

  it('falls back to one request per business unit, and says so', () => {
    const out = deriveWorkloads({
      rows: [row({ quantity: 1_000_000 }), row({ usageClass: 'output', quantity: 100_000 })],
      mapping: WorkloadMapping.parse({ rules: [{ match: { model: 'mini' }, workload: 'support' }], workloads: [{ id: 'support', driver: 'loans' }] }),
      driverUnits: { loans: { '2026-06': 1000 } },
    });
    expect(out.workloads[0]).toMatchObject({ requestsPerUnit: 1, tokensPerRequest: { input: 1000, output: 100 } });
    expect(out.notes[0]).toMatch(/one request per loans unit assumed/);
  });
});

describe('workloads from the demo ledger', () => {
  const dir = path.resolve(__dirname, '../../../scenarios');
  const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] as const;
  const loans = Object.fromEntries(months.map((m) => [m, DEMO_LOANS[m]]));
  const mapping = WorkloadMapping.parse(parseYaml(readFileSync(path.join(dir, 'demo', 'workload-mapping.yaml'), 'utf8')));
  let lines: LedgerLine[] = [];
  let derived: DerivedWorkloads;
  let byId: Record<string, DerivedWorkloads['workloads'][number]> = {};

  beforeAll(async () => {
    // The demo's statements through the importers' mappers, May to October 2026.
    const statements = path.join(dir, 'demo', 'statements');
    for (const f of readdirSync(statements).sort()) lines.push(...(await importFixture(path.join(statements, f))).lines);
    lines = lines.filter((l) => (months as readonly string[]).includes(l.chargePeriodStart.slice(0, 7)));
    // What the backend's SQL does: group usage by month, provider, model, class, tier and the mapping keys.
    const groups = new Map<string, LedgerAggregate & { nanos: bigint }>();
    for (const l of lines) {
      if (l.chargeCategory !== 'usage') continue;
      const key = JSON.stringify([l.chargePeriodStart.slice(0, 7), l.provider, l.model, l.usageClass, l.serviceTier, l.tags, l.subAccount, l.credential]);
      const g = groups.get(key) ?? { month: l.chargePeriodStart.slice(0, 7), provider: l.provider, model: l.model, usageClass: l.usageClass, serviceTier: l.serviceTier, tags: l.tags, project: l.subAccount, apiKey: l.credential, quantity: 0, cost: '0', nanos: 0n };
      g.quantity += l.quantity ?? 0; // SQL's sum skips lines that report none
      g.nanos += l.billedCost;
      groups.set(key, g);
    }
    const rows = [...groups.values()].map(({ nanos, ...g }) => ({ ...g, cost: nanosToDecimal(nanos) }));
    derived = deriveWorkloads({ rows, mapping, driverUnits: { loans } });
    byId = Object.fromEntries(derived.workloads.map((w) => [w.id, w]));
  }, 60_000);

  it('recovers the profiles the demo was generated from (within its ±5% daily noise)', () => {
    // extraction: 300k standard + 30k batch + 15k priority prompt tokens a loan, OpenAI's request counts at 25k
    // a request → 13.8 requests; 20.7k output / 13.8 = 1,500; batch share 30/345, priority 15/345; cache reads
    // (120k + 6k) of 345k cacheable, all hits
    const x = byId['loan-document-extraction']!;
    expect(x.requestsPerUnit as number).toBeCloseTo(13.8, 0);
    expect(Math.abs((x.tokensPerRequest.output as number) / 1500 - 1)).toBeLessThan(0.02);
    expect(Math.abs((x.tiers!.batch as number) / (30 / 345) - 1)).toBeLessThan(0.03);
    expect(Math.abs((x.tiers!.priority as number) / (15 / 345) - 1)).toBeLessThan(0.03);
    expect(Math.abs((x.promptCache!.cacheableShare as number) / (126 / 345) - 1)).toBeLessThan(0.02);
    expect(x.promptCache!.hitRate).toBe(1);
    // underwriting: 180k prompt a loan / 60k = 3 requests; cache (120k + 15k) / 180k = 0.75, hit 120/135 = 0.889
    const u = byId['underwriting-summary']!;
    expect(u.requestsPerUnit as number).toBeCloseTo(3, 1);
    expect(u.promptCache!.cacheableShare as number).toBeCloseTo(0.75, 2);
    expect(u.promptCache!.hitRate as number).toBeCloseTo(0.889, 2);
    // support: 16.8k prompt tokens a loan on gpt-4o-mini in 5.6 requests (OpenAI's counts); 14.4k ÷ 6k = 2.4
    // escalations to haiku (Anthropic reports no requests) → mini takes every first attempt and succeeds
    // 1 − 2.4/5.6 = 0.571; haiku's requests are twice mini's size
    const s = byId['customer-support']!;
    expect(s.requestsPerUnit as number).toBeCloseTo(5.6, 1);
    const mini = s.models.find((m) => m.model === 'gpt-4o-mini')!;
    const haiku = s.models.find((m) => m.model === 'claude-haiku-4-5')!;
    expect([mini.share, mini.escalateTo, haiku.share, haiku.escalateTo ?? null]).toEqual([1, 'anthropic/claude-haiku-4-5', 0, null]);
    expect(mini.successRate as number).toBeCloseTo(0.571, 2);
    expect(haiku.tokenRatio as number).toBeCloseTo(2, 1);
    // fraud screening on Bedrock: 20k prompt tokens a loan / 20k = 1 request, 1k output; the runaway retries of
    // 16 September ran 8× a weekday's calls (about 57 loans' worth), so 7 × 57 ≈ 400 extra requests over the
    // 6,820 loans of May to October: about 6% more.
    const f = byId['fraud-screening']!;
    expect(f.requestsPerUnit as number).toBeGreaterThan(1.03);
    expect(f.requestsPerUnit as number).toBeLessThan(1.09);
    expect(Math.abs((f.tokensPerRequest.output as number) / 1000 - 1)).toBeLessThan(0.02);
    expect(derived.unmapped).toEqual([]);
  });

  it('reprices the demo ledger to within 2% when run as a baseline', () => {
    const acme = resolveScenarioFile({ path: 'acme.yaml', text: readFileSync(path.join(dir, 'acme-baseline.yaml'), 'utf8') }, () => {
      throw new Error('no extends');
    });
    const baseline = Baseline.parse({
      start: '2026-05',
      months: 6,
      drivers: [{ id: 'loans', unit: 'loan', unitsPerMonth: loans }],
      workloads: derived.workloads,
      // Bedrock's regional (us-east-1) Haiku 4.5 rate, which the stand-alone baseline does not list.
      prices: [...(acme.baseline.prices ?? []), { provider: 'aws', model: 'claude-haiku-4-5', input: '1.10', output: '5.50' }],
    });
    const result = runDeterministic({ name: 'demo', path: 'demo.yaml', baseline, scenarios: [] });
    const ledgerByMonth = new Map<string, number>();
    // The baseline prices at list; the demo's OpenAI lines are billed 15% below list (its enterprise agreement), so
    // compare list costs (the credit and the refund are not usage).
    for (const l of lines) {
      if (l.chargeCategory !== 'usage') continue;
      const atList = nanosToNumber(l.billedCost) / (l.provider === 'openai' ? 0.85 : 1);
      ledgerByMonth.set(l.chargePeriodStart.slice(0, 7), (ledgerByMonth.get(l.chargePeriodStart.slice(0, 7)) ?? 0) + atList);
    }
    for (const m of result.scenarios[0]!.months) {
      const billed = ledgerByMonth.get(m.month)!;
      expect(Math.abs(Number(m.aiCost) / billed - 1)).toBeLessThan(0.02);
    }
  });
});
