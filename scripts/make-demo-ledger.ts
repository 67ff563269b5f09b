/**
 * Writes the demo workspace's statements (scenarios/demo/ledger/*.csv),
 * deterministically: the same seed always gives the same bytes.
 *
 * The story: Acme Lending processes about 1,000 loans a month (growing to
 * 1,300 by October 2026). AI reads the loan documents (OpenAI gpt-4.1, with a
 * nightly batch re-extraction), writes underwriting summaries (Anthropic
 * claude-sonnet-4-5 with prompt caching), and answers borrowers (gpt-4o-mini,
 * escalating hard questions to claude-haiku-4-5). Costs are at public list
 * prices, computed exactly.
 *
 * Run: npx tsx scripts/make-demo-ledger.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ledgerCsvHeader, ledgerLineToCsv } from '../shared/domain/ledger-csv';
import type { LedgerLine } from '../shared/domain/ledger-line';
import { multiplyMoney, parseMoney, priceQuantity } from '../shared/domain/money';
import type { ServiceTier, UsageClass } from '../shared/domain/usage';

/** mulberry32: a tiny, well-known seeded PRNG, good enough for demo noise. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DEMO_MONTHS = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] as const;
/** Loans processed per month: the business driver the scenarios use. */
export const DEMO_LOANS: Record<(typeof DEMO_MONTHS)[number], number> = {
  '2026-05': 1000,
  '2026-06': 1040,
  '2026-07': 1100,
  '2026-08': 1150,
  '2026-09': 1230,
  '2026-10': 1300,
};

/** List prices per 1M tokens (USD) as published by the vendors for these models. */
const PRICES: Record<string, Partial<Record<`${UsageClass}/${ServiceTier}`, string>>> = {
  'gpt-4.1': { 'input/standard': '2.00', 'cached_input/standard': '0.50', 'output/standard': '8.00', 'input/batch': '1.00', 'output/batch': '4.00' },
  'gpt-4o-mini': { 'input/standard': '0.15', 'cached_input/standard': '0.075', 'output/standard': '0.60' },
  'claude-sonnet-4-5': { 'input/standard': '3.00', 'cached_input/standard': '0.30', 'cache_write_5m/standard': '3.75', 'output/standard': '15.00' },
  'claude-haiku-4-5': { 'input/standard': '1.00', 'output/standard': '5.00' },
};

interface Stream {
  provider: 'openai' | 'anthropic';
  model: string;
  modelRaw: string;
  billingAccount: string;
  subAccount: string;
  credential: string;
  tags: Record<string, string>;
  usageClass: UsageClass;
  tier: ServiceTier;
  /** Tokens per loan processed. */
  tokensPerLoan: number;
}

const extraction = { workload: 'loan-document-extraction', team: 'lending-ops' };
const underwriting = { workload: 'underwriting-summary', team: 'credit-risk' };
const support = { workload: 'customer-support', team: 'servicing' };

const STREAMS: Stream[] = [
  // 12 documents × 25k tokens a loan, 40% served from the prompt cache; 12 × 1.5k output.
  ...(['input', 'cached_input', 'output'] as const).map((usageClass) => ({
    provider: 'openai' as const, model: 'gpt-4.1', modelRaw: 'gpt-4.1-2025-04-14', billingAccount: 'org-acmelending', subAccount: 'proj_loan_extraction',
    credential: 'key_extraction_prod', tags: extraction, usageClass, tier: 'standard' as const,
    tokensPerLoan: { input: 180_000, cached_input: 120_000, output: 18_000 }[usageClass],
  })),
  // Nightly re-extraction of 10% of loans through the Batch API (half price, no cache).
  ...(['input', 'output'] as const).map((usageClass) => ({
    provider: 'openai' as const, model: 'gpt-4.1', modelRaw: 'gpt-4.1-2025-04-14', billingAccount: 'org-acmelending', subAccount: 'proj_loan_extraction',
    credential: 'key_extraction_batch', tags: extraction, usageClass, tier: 'batch' as const,
    tokensPerLoan: { input: 30_000, output: 1_800 }[usageClass],
  })),
  // 8 borrower conversations a loan, 70% answered by gpt-4o-mini: 1.5k fresh + 1.5k cached input, 400 output.
  ...(['input', 'cached_input', 'output'] as const).map((usageClass) => ({
    provider: 'openai' as const, model: 'gpt-4o-mini', modelRaw: 'gpt-4o-mini-2024-07-18', billingAccount: 'org-acmelending', subAccount: 'proj_customer_support',
    credential: 'key_support_bot', tags: support, usageClass, tier: 'standard' as const,
    tokensPerLoan: { input: 8_400, cached_input: 8_400, output: 2_240 }[usageClass],
  })),
  // Three underwriting summaries a loan on Sonnet: 15k fresh, 40k cache read, 5k cache write, 4k output each.
  ...(['input', 'cached_input', 'cache_write_5m', 'output'] as const).map((usageClass) => ({
    provider: 'anthropic' as const, model: 'claude-sonnet-4-5', modelRaw: 'claude-sonnet-4-5-20250929', billingAccount: 'acme-lending', subAccount: 'wrkspc_underwriting',
    credential: 'apikey_underwriting', tags: underwriting, usageClass, tier: 'standard' as const,
    tokensPerLoan: { input: 45_000, cached_input: 120_000, cache_write_5m: 15_000, output: 12_000 }[usageClass],
  })),
  // 30% of conversations escalate to Haiku: 6k input, 800 output each (8 × 0.3 = 2.4 a loan).
  ...(['input', 'output'] as const).map((usageClass) => ({
    provider: 'anthropic' as const, model: 'claude-haiku-4-5', modelRaw: 'claude-haiku-4-5-20251001', billingAccount: 'acme-lending', subAccount: 'wrkspc_support',
    credential: 'apikey_support_escalation', tags: support, usageClass, tier: 'standard' as const,
    tokensPerLoan: { input: 14_400, output: 1_920 }[usageClass],
  })),
];

/**
 * What the demo's contracts (scenarios/demo/contracts/) bill: OpenAI at 15% off list on each line (the
 * enterprise agreement's discount), Anthropic at list. The list cost stays on every line.
 */
const CONTRACT_FACTOR: Record<Stream['provider'], string> = { openai: '0.85', anthropic: '1' };

/**
 * The one billing error planted for the invoice check to find: on Wednesday 14 October 2026 OpenAI billed
 * that day's gpt-4.1 input tokens at list, without the enterprise discount.
 */
export const PLANTED_OVERCHARGE = { day: '2026-10-14', provider: 'openai', model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard' } as const;

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isoDay(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}T00:00:00Z`;
}

function nextDay(month: string, day: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, day + 1)).toISOString().replace('.000Z', 'Z');
}

export function demoLines(seed = 20260501): Record<'openai' | 'anthropic', LedgerLine[]> {
  const random = mulberry32(seed);
  const out: Record<'openai' | 'anthropic', LedgerLine[]> = { openai: [], anthropic: [] };
  for (const month of DEMO_MONTHS) {
    const days = daysIn(month);
    // Weekdays carry the work; weekends a fifth of it.
    const weights = Array.from({ length: days }, (_, i) => {
      const weekday = new Date(`${month}-${String(i + 1).padStart(2, '0')}T00:00:00Z`).getUTCDay();
      return (weekday === 0 || weekday === 6 ? 0.2 : 1) * (0.85 + 0.3 * random());
    });
    const weightSum = weights.reduce((a, b) => a + b, 0);
    for (let day = 1; day <= days; day++) {
      const loansToday = (DEMO_LOANS[month] * (weights[day - 1] ?? 0)) / weightSum;
      for (const s of STREAMS) {
        const jitter = 0.95 + 0.1 * random();
        const quantity = Math.round(loansToday * s.tokensPerLoan * jitter);
        const price = PRICES[s.model]?.[`${s.usageClass}/${s.tier}`];
        if (!price) throw new Error(`no demo price for ${s.model} ${s.usageClass} ${s.tier}`);
        const listCost = priceQuantity(quantity, parseMoney(price), 1_000_000n);
        const p = PLANTED_OVERCHARGE;
        const planted = isoDay(month, day).startsWith(p.day) && s.provider === p.provider && s.model === p.model && s.usageClass === p.usageClass && s.tier === p.serviceTier;
        const cost = planted ? listCost : priceQuantity(quantity, multiplyMoney(parseMoney(price), CONTRACT_FACTOR[s.provider]), 1_000_000n);
        const lines = out[s.provider];
        lines.push({
          chargePeriodStart: isoDay(month, day),
          chargePeriodEnd: nextDay(month, day),
          billingPeriod: month,
          chargeCategory: 'usage',
          provider: s.provider,
          publisher: null,
          billingAccount: s.billingAccount,
          subAccount: s.subAccount,
          credential: s.credential,
          model: s.model,
          modelRaw: s.modelRaw,
          usageClass: s.usageClass,
          serviceTier: s.tier,
          contextBand: null,
          region: s.provider === 'openai' ? 'us' : 'global',
          resourceId: null,
          sku: null,
          description: null,
          tags: s.tags,
          quantity,
          unit: 'tokens',
          billedCost: cost,
          effectiveCost: cost,
          listCost,
          contractedCost: null,
          currency: 'USD',
          sourceRow: lines.length + 2,
        });
      }
    }
  }
  return out;
}

function main(): void {
  const dir = path.resolve('scenarios/demo/ledger');
  mkdirSync(dir, { recursive: true });
  const lines = demoLines();
  for (const provider of ['openai', 'anthropic'] as const) {
    const body = [ledgerCsvHeader(), ...lines[provider].map(ledgerLineToCsv)].join('\n');
    const file = path.join(dir, `${provider}-2026-05-to-10.csv`);
    writeFileSync(file, `${body}\n`);
    process.stderr.write(`wrote ${lines[provider].length} lines to ${file}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
