/**
 * Writes the demo's statements (scenarios/demo/statements/) and business
 * drivers (scenarios/demo/drivers.csv), deterministically: the same seed
 * always gives the same bytes. Each statement is in its vendor's own export
 * format, the way Acme's finance team downloads it, so the demo goes through
 * the same importers as a user's files.
 *
 * The story: Acme Lending processes about 1,000 loans a month (900 in
 * November 2025, 1,300 by October 2026) at about $8 a loan all-in: about $1 of
 * AI and $7 of manual processing and review. AI reads the loan documents
 * (OpenAI gpt-4.1: prompt-cached, a nightly Batch re-extraction, rush loans on
 * the priority tier), writes underwriting summaries (Anthropic
 * claude-sonnet-4-5 with prompt caching), answers borrowers (gpt-4o-mini,
 * escalating hard questions to claude-haiku-4-5) and screens applications
 * for fraud (Claude Haiku 4.5 on Amazon Bedrock). Costs are the vendors'
 * list prices under Acme's contracts (scenarios/demo/contracts/), computed
 * exactly, with these events planted for the checks to find:
 *  - the OpenAI overcharge below (the invoice check);
 *  - a runaway retry loop in fraud screening on 16 September 2026 (the
 *    anomaly check), refunded by AWS in October;
 *  - an AWS Activate credit in January 2026.
 *
 * Statements (twelve months, November 2025 to October 2026):
 *  - OpenAI Admin API costs (daily buckets by line item and project) and
 *    completions usage (by model, project, key, batch and service tier);
 *  - Anthropic Admin API cost report (amounts in cents) and usage report;
 *  - AWS CUR 2.0 (Data Exports CSV) with the Bedrock lines, a credit and a refund.
 * And inbox/: November 2026's CUR, the month that just closed, to import by hand.
 *
 * Run: npx tsx scripts/make-demo.ts
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { multiplyMoney, nanosToDecimal, parseMoney, priceQuantity, sumNanos, type Nanos } from '../shared/domain/money';
import { mulberry32 } from '../shared/domain/seeded';

export const DEMO_MONTHS = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'] as const;
export type DemoMonth = (typeof DEMO_MONTHS)[number];
/** The month after the demo's twelve: its AWS statement waits in inbox/ to be imported by hand. */
export const INBOX_MONTH = '2026-11';

/** Loans processed per month: the business driver the scenarios use. */
export const DEMO_LOANS: Record<DemoMonth | typeof INBOX_MONTH, number> = {
  '2025-11': 900,
  '2025-12': 920,
  '2026-01': 950,
  '2026-02': 960,
  '2026-03': 980,
  '2026-04': 1000,
  '2026-05': 1000,
  '2026-06': 1040,
  '2026-07': 1100,
  '2026-08': 1150,
  '2026-09': 1230,
  '2026-10': 1300,
  '2026-11': 1320,
};
/** Non-AI cost per loan (USD): manual processing and human review. With about $1 of AI, about $8 a loan. */
export const NON_AI_PER_LOAN = { 'manual processing per loan': '6.17', 'human review per loan': '0.80' } as const;

type Provider = 'openai' | 'anthropic' | 'aws';
type TokenClass = 'input' | 'cached_input' | 'cache_write_5m' | 'output';
type Tier = 'standard' | 'batch' | 'priority';

interface Stream {
  provider: Provider;
  /** The vendor's spelling of the model, as its statement writes it. */
  modelRaw: string;
  /** Project (OpenAI), workspace (Anthropic) or linked account (AWS). */
  project: string;
  apiKey: string;
  usageClass: TokenClass;
  tier: Tier;
  /** Tokens per loan processed. */
  tokensPerLoan: number;
  /** List price per 1M tokens (USD) as the vendor publishes it, and as the workbench's price book holds it. */
  listPrice: string;
}

const AWS_PAYER = '210987654321';
const AWS_LINKED_ACCOUNT = '443322110099';
const AWS_TAGS = { user_team: 'credit-risk', user_workload: 'fraud-screening' };

const cls = <T extends TokenClass>(classes: readonly T[], each: (c: T) => Omit<Stream, 'usageClass'>): Stream[] => classes.map((usageClass) => ({ ...each(usageClass), usageClass }));

const STREAMS: Stream[] = [
  // Extraction: 12 documents × 25k tokens a loan, 40% served from the prompt cache; 12 × 1.5k output.
  ...cls(['input', 'cached_input', 'output'] as const, (c) => ({
    provider: 'openai', modelRaw: 'gpt-4.1-2025-04-14', project: 'proj_loan_extraction', apiKey: 'key_extraction_prod', tier: 'standard',
    tokensPerLoan: { input: 180_000, cached_input: 120_000, output: 18_000 }[c], listPrice: { input: '2.00', cached_input: '0.50', output: '8.00' }[c],
  })),
  // Nightly re-extraction of 10% of loans through the Batch API (half price, no cache).
  ...cls(['input', 'output'] as const, (c) => ({
    provider: 'openai', modelRaw: 'gpt-4.1-2025-04-14', project: 'proj_loan_extraction', apiKey: 'key_extraction_batch', tier: 'batch',
    tokensPerLoan: { input: 30_000, output: 1_800 }[c], listPrice: { input: '1.00', output: '4.00' }[c],
  })),
  // Rush loans (5%) on the priority tier, for a same-hour answer.
  ...cls(['input', 'cached_input', 'output'] as const, (c) => ({
    provider: 'openai', modelRaw: 'gpt-4.1-2025-04-14', project: 'proj_loan_extraction', apiKey: 'key_extraction_rush', tier: 'priority',
    tokensPerLoan: { input: 9_000, cached_input: 6_000, output: 900 }[c], listPrice: { input: '3.50', cached_input: '0.875', output: '14.00' }[c],
  })),
  // 8 borrower conversations a loan, 70% answered by gpt-4o-mini: 1.5k fresh + 1.5k cached input, 400 output.
  ...cls(['input', 'cached_input', 'output'] as const, (c) => ({
    provider: 'openai', modelRaw: 'gpt-4o-mini-2024-07-18', project: 'proj_customer_support', apiKey: 'key_support_bot', tier: 'standard',
    tokensPerLoan: { input: 8_400, cached_input: 8_400, output: 2_240 }[c], listPrice: { input: '0.15', cached_input: '0.075', output: '0.60' }[c],
  })),
  // Three underwriting summaries a loan on Sonnet: 15k fresh, 40k cache read, 5k cache write, 4k output each.
  ...cls(['input', 'cached_input', 'cache_write_5m', 'output'] as const, (c) => ({
    provider: 'anthropic', modelRaw: 'claude-sonnet-4-5-20250929', project: 'wrkspc_underwriting', apiKey: 'apikey_underwriting', tier: 'standard',
    tokensPerLoan: { input: 45_000, cached_input: 120_000, cache_write_5m: 15_000, output: 12_000 }[c],
    listPrice: { input: '3.00', cached_input: '0.30', cache_write_5m: '3.75', output: '15.00' }[c],
  })),
  // 30% of conversations escalate to Haiku: 6k input, 800 output each (8 × 0.3 = 2.4 a loan).
  ...cls(['input', 'output'] as const, (c) => ({
    provider: 'anthropic', modelRaw: 'claude-haiku-4-5-20251001', project: 'wrkspc_support', apiKey: 'apikey_support_escalation', tier: 'standard',
    tokensPerLoan: { input: 14_400, output: 1_920 }[c], listPrice: { input: '1.00', output: '5.00' }[c],
  })),
  // Fraud screening of every application on Claude Haiku 4.5 in Bedrock (us-east-1, regional endpoint at 1.1 × the global price): 20k input, 1k output.
  ...cls(['input', 'output'] as const, (c) => ({
    provider: 'aws', modelRaw: { input: 'USE1-Claude4.5Haiku-input-tokens', output: 'USE1-Claude4.5Haiku-output-tokens' }[c], project: AWS_LINKED_ACCOUNT, apiKey: '', tier: 'standard',
    tokensPerLoan: { input: 20_000, output: 1_000 }[c], listPrice: { input: '1.10', output: '5.50' }[c],
  })),
];

/**
 * What the contracts bill: OpenAI at 15% off list on each line (the enterprise agreement, one contract: phase 1
 * and its phase-2 version from November 2026, 15% off in both),
 * Anthropic and AWS at list.
 */
const CONTRACT_FACTOR: Record<Provider, string> = { openai: '0.85', anthropic: '1', aws: '1' };

/**
 * The one billing error planted for the invoice check to find: on Wednesday 14 October 2026 OpenAI billed
 * that day's gpt-4.1 input tokens at list, without the enterprise discount.
 */
export const PLANTED_OVERCHARGE = { day: '2026-10-14', provider: 'openai', model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard' } as const;

/** The usage spike planted for the anomaly check: a retry loop in fraud screening ran eight times the day's calls. */
export const PLANTED_SPIKE = { day: '2026-09-16', provider: 'aws', model: 'claude-haiku-4-5', factor: 8, refundedIn: '2026-10' } as const;

/** The AWS Activate credit applied to January 2026's Bedrock bill. */
export const AWS_CREDIT = { month: '2026-01', amount: '-20.00' } as const;

export interface DayUsage {
  day: string;
  stream: Stream;
  tokens: number;
  cost: Nanos;
}

function daysIn(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function dayOf(month: string, day: number): string {
  return `${month}-${String(day).padStart(2, '0')}`;
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}

/** Average prompt tokens (cached or not) a request in each OpenAI project: the number of requests its usage rows report. */
const TOKENS_PER_REQUEST: Record<string, number> = { proj_loan_extraction: 25_000, proj_customer_support: 3_000 };

/** Every stream's tokens and cost, day by day, for the given months. */
export function demoUsage(months: readonly string[] = DEMO_MONTHS, seed = 20251101): DayUsage[] {
  const random = mulberry32(seed);
  const out: DayUsage[] = [];
  for (const month of months) {
    const days = daysIn(month);
    // Weekdays carry the work; weekends a fifth of it.
    const weights = Array.from({ length: days }, (_, i) => {
      const weekday = new Date(`${dayOf(month, i + 1)}T00:00:00Z`).getUTCDay();
      return (weekday === 0 || weekday === 6 ? 0.2 : 1) * (0.85 + 0.3 * random());
    });
    const weightSum = weights.reduce((a, b) => a + b, 0);
    const loans = DEMO_LOANS[month as DemoMonth];
    for (let d = 1; d <= days; d++) {
      const day = dayOf(month, d);
      const loansToday = (loans * (weights[d - 1] ?? 0)) / weightSum;
      for (const s of STREAMS) {
        const jitter = 0.95 + 0.1 * random();
        const spike = s.provider === PLANTED_SPIKE.provider && day === PLANTED_SPIKE.day ? PLANTED_SPIKE.factor : 1;
        const tokens = Math.round(loansToday * s.tokensPerLoan * jitter * spike);
        // Bedrock bills whole thousands of tokens ("1K tokens" is its pricing unit).
        const billed = s.provider === 'aws' ? Math.round(tokens / 1000) * 1000 : tokens;
        const p = PLANTED_OVERCHARGE;
        const planted = day === p.day && s.provider === p.provider && s.modelRaw.startsWith(p.model) && s.usageClass === p.usageClass && s.tier === p.serviceTier;
        const price = planted ? parseMoney(s.listPrice) : multiplyMoney(parseMoney(s.listPrice), CONTRACT_FACTOR[s.provider]);
        out.push({ day, stream: s, tokens: billed, cost: priceQuantity(billed, price, 1_000_000n) });
      }
    }
  }
  return out;
}

const unix = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
/** Nano-units as a plain decimal without trailing zeros ("0.012345678"), the way the vendors' JSON writes numbers. */
const plain = (n: Nanos): string => nanosToDecimal(n, 0).replace(/\.$/, '');

function groupByDay(usage: readonly DayUsage[], provider: Provider): Map<string, DayUsage[]> {
  const byDay = new Map<string, DayUsage[]>();
  for (const u of usage) {
    if (u.stream.provider !== provider) continue;
    const list = byDay.get(u.day) ?? [];
    list.push(u);
    byDay.set(u.day, list);
  }
  return byDay;
}

const OPENAI_CLASS_WORD: Record<TokenClass, string> = { input: 'input', cached_input: 'cached input', cache_write_5m: 'cache write', output: 'output' };

/** OpenAI `GET /v1/organization/costs?group_by=line_item,project_id`: one page of daily buckets. */
export function openaiCosts(usage: readonly DayUsage[]): string {
  const buckets = [...groupByDay(usage, 'openai')].map(([day, items]) => {
    const results = items.map((u) => {
      const tier = u.stream.tier === 'standard' ? '' : ` (${u.stream.tier})`;
      const lineItem = `${u.stream.modelRaw}, ${OPENAI_CLASS_WORD[u.stream.usageClass]}${tier}`;
      return `{"object": "organization.costs.result", "amount": {"value": ${plain(u.cost)}, "currency": "usd"}, "line_item": ${JSON.stringify(lineItem)}, "project_id": "${u.stream.project}"}`;
    });
    return bucket(day, results);
  });
  return page(buckets);
}

/** OpenAI `GET /v1/organization/usage/completions?group_by=model,project_id,api_key_id,batch,service_tier`. */
export function openaiUsage(usage: readonly DayUsage[]): string {
  const buckets = [...groupByDay(usage, 'openai')].map(([day, items]) => {
    const groups = new Map<string, DayUsage[]>();
    for (const u of items) {
      const key = `${u.stream.modelRaw}|${u.stream.project}|${u.stream.apiKey}|${u.stream.tier}`;
      groups.set(key, [...(groups.get(key) ?? []), u]);
    }
    const results = [...groups.values()].map((g) => {
      const s = g[0]!.stream;
      const tokens = (c: TokenClass) => g.filter((u) => u.stream.usageClass === c).reduce((a, u) => a + u.tokens, 0);
      // input_tokens INCLUDES the cached ones.
      const input = tokens('input') + tokens('cached_input');
      const requests = Math.max(1, Math.round(input / TOKENS_PER_REQUEST[s.project]!));
      return (
        `{"object": "organization.usage.completions.result", "input_tokens": ${input}, "input_cached_tokens": ${tokens('cached_input')}, "output_tokens": ${tokens('output')}, ` +
        `"input_audio_tokens": 0, "output_audio_tokens": 0, "num_model_requests": ${requests}, "project_id": "${s.project}", "user_id": null, "api_key_id": "${s.apiKey}", ` +
        `"model": "${s.modelRaw}", "batch": ${s.tier === 'batch'}, "service_tier": "${s.tier === 'priority' ? 'priority' : 'default'}"}`
      );
    });
    return bucket(day, results);
  });
  return page(buckets);
}

function bucket(day: string, results: string[]): string {
  return `    {\n      "object": "bucket",\n      "start_time": ${unix(day)},\n      "end_time": ${unix(nextDay(day))},\n      "results": [\n${results.map((r) => `        ${r}`).join(',\n')}\n      ]\n    }`;
}

function page(buckets: string[]): string {
  return `{\n  "object": "page",\n  "data": [\n${buckets.join(',\n')}\n  ],\n  "has_more": false,\n  "next_page": null\n}\n`;
}

const ANTHROPIC_TOKEN_TYPE: Record<TokenClass, string> = {
  input: 'uncached_input_tokens',
  cached_input: 'cache_read_input_tokens',
  cache_write_5m: 'cache_creation.ephemeral_5m_input_tokens',
  output: 'output_tokens',
};
const ANTHROPIC_DESCRIPTION: Record<TokenClass, string> = { input: 'Input Tokens', cached_input: 'Cache Read', cache_write_5m: 'Cache Write (5m)', output: 'Output Tokens' };
const ANTHROPIC_MODEL_NAME: Record<string, string> = { 'claude-sonnet-4-5-20250929': 'Claude Sonnet 4.5', 'claude-haiku-4-5-20251001': 'Claude Haiku 4.5' };

/** Anthropic `GET /v1/organizations/cost_report?group_by[]=workspace_id&group_by[]=description`: amounts in cents, as decimal strings. */
export function anthropicCostReport(usage: readonly DayUsage[]): string {
  const buckets = [...groupByDay(usage, 'anthropic')].map(([day, items]) => {
    const results = items.map((u) => {
      const s = u.stream;
      const cents = plain(u.cost * 100n);
      return (
        `{ "currency": "USD", "amount": "${cents}", "workspace_id": "${s.project}", "description": "${ANTHROPIC_MODEL_NAME[s.modelRaw]} Usage - ${ANTHROPIC_DESCRIPTION[s.usageClass]}", ` +
        `"cost_type": "tokens", "context_window": "0-200k", "model": "${s.modelRaw}", "service_tier": "standard", "token_type": "${ANTHROPIC_TOKEN_TYPE[s.usageClass]}" }`
      );
    });
    return anthropicBucket(day, results);
  });
  return anthropicPage(buckets);
}

/** Anthropic `GET /v1/organizations/usage_report/messages?group_by[]=model&group_by[]=workspace_id&group_by[]=api_key_id`. */
export function anthropicUsageReport(usage: readonly DayUsage[]): string {
  const buckets = [...groupByDay(usage, 'anthropic')].map(([day, items]) => {
    const groups = new Map<string, DayUsage[]>();
    for (const u of items) groups.set(`${u.stream.modelRaw}|${u.stream.project}`, [...(groups.get(`${u.stream.modelRaw}|${u.stream.project}`) ?? []), u]);
    const results = [...groups.values()].map((g) => {
      const s = g[0]!.stream;
      const tokens = (c: TokenClass) => g.filter((u) => u.stream.usageClass === c).reduce((a, u) => a + u.tokens, 0);
      return (
        `{ "uncached_input_tokens": ${tokens('input')}, "cache_creation": { "ephemeral_1h_input_tokens": 0, "ephemeral_5m_input_tokens": ${tokens('cache_write_5m')} }, ` +
        `"cache_read_input_tokens": ${tokens('cached_input')}, "output_tokens": ${tokens('output')}, "server_tool_use": { "web_search_requests": 0 }, ` +
        `"api_key_id": "${s.apiKey}", "workspace_id": "${s.project}", "model": "${s.modelRaw}", "service_tier": "standard", "context_window": "0-200k" }`
      );
    });
    return anthropicBucket(day, results);
  });
  return anthropicPage(buckets);
}

function anthropicBucket(day: string, results: string[]): string {
  return `    {\n      "starting_at": "${day}T00:00:00Z",\n      "ending_at": "${nextDay(day)}T00:00:00Z",\n      "results": [\n${results.map((r) => `        ${r}`).join(',\n')}\n      ]\n    }`;
}

function anthropicPage(buckets: string[]): string {
  return `{\n  "data": [\n${buckets.join(',\n')}\n  ],\n  "has_more": false,\n  "next_page": null\n}\n`;
}

const CUR_COLUMNS = [
  'bill_billing_period_start_date', 'bill_payer_account_id', 'line_item_usage_account_id', 'line_item_line_item_type', 'line_item_usage_start_date', 'line_item_usage_end_date',
  'line_item_product_code', 'line_item_usage_type', 'line_item_operation', 'line_item_resource_id', 'line_item_usage_amount', 'line_item_currency_code', 'line_item_unblended_cost',
  'line_item_net_unblended_cost', 'line_item_line_item_description', 'pricing_unit', 'pricing_public_on_demand_cost', 'product', 'product_region_code', 'resource_tags',
] as const;

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const awsInstant = (day: string): string => `${day}T00:00:00.000Z`;
/** Exact dollars with at least two decimals ("0.80", "12.345"). */
const dollars = (n: Nanos): string => nanosToDecimal(n, 2);

/** AWS Data Exports, CUR 2.0 (CSV): the Bedrock lines of the given months, with the credit and the refund. */
export function awsCur(usage: readonly DayUsage[], months: readonly string[]): string {
  const rows: string[][] = [];
  const product = JSON.stringify({ product_name: 'Amazon Bedrock', region: 'us-east-1' }).replace(/:/g, ': ').replace(/,/g, ', ');
  const tags = JSON.stringify(AWS_TAGS).replace(/:/g, ': ').replace(/,/g, ', ');
  for (const month of months) {
    const periodStart = awsInstant(`${month}-01`);
    const periodEnd = awsInstant(`${nextMonth(month)}-01`);
    for (const u of usage.filter((x) => x.stream.provider === 'aws' && x.day.startsWith(month))) {
      const cost = dollars(u.cost);
      const what = u.stream.usageClass === 'input' ? 'input' : 'output';
      rows.push([
        periodStart, AWS_PAYER, AWS_LINKED_ACCOUNT, 'Usage', awsInstant(u.day), awsInstant(nextDay(u.day)), 'AmazonBedrock', u.stream.modelRaw, 'InvokeModelInference', '',
        String(u.tokens / 1000), 'USD', cost, cost, `Claude Haiku 4.5 ${what} tokens`, '1K tokens', cost, product, 'us-east-1', tags,
      ]);
    }
    if (month === AWS_CREDIT.month) {
      rows.push([periodStart, AWS_PAYER, AWS_LINKED_ACCOUNT, 'Credit', periodStart, periodEnd, 'AmazonBedrock', '', 'InvokeModelInference', '', '', 'USD', AWS_CREDIT.amount, AWS_CREDIT.amount, 'AWS Activate credit', '', '', '', '', '']);
    }
    if (month === PLANTED_SPIKE.refundedIn) {
      // AWS refunds the spike's excess: what the day cost beyond one normal day (7/8 of it).
      const spikeDay = usage.filter((x) => x.stream.provider === 'aws' && x.day === PLANTED_SPIKE.day);
      const spikeCost = sumNanos(spikeDay.map((x) => x.cost));
      const refund = -(((spikeCost * BigInt(PLANTED_SPIKE.factor - 1)) / BigInt(PLANTED_SPIKE.factor) + 5_000_000n) / 10_000_000n) * 10_000_000n;
      const amount = dollars(refund);
      rows.push([
        periodStart, AWS_PAYER, AWS_LINKED_ACCOUNT, 'Refund', periodStart, periodEnd, 'AmazonBedrock', 'USE1-Claude4.5Haiku-input-tokens', 'InvokeModelInference', '', '', 'USD',
        amount, amount, `Refund for runaway retries on ${PLANTED_SPIKE.day}`, '', '', '', '', '',
      ]);
    }
  }
  return `${[CUR_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n')}\n`;
}

function driversCsv(): string {
  const header = ['month', 'loans', ...Object.keys(NON_AI_PER_LOAN)];
  const rows = DEMO_MONTHS.map((m) => [m, String(DEMO_LOANS[m]), ...Object.values(NON_AI_PER_LOAN)].join(','));
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

const PERIOD = `${DEMO_MONTHS[0]}-to-${DEMO_MONTHS[DEMO_MONTHS.length - 1]}`;

/** Every file the demo is built from, by its path under scenarios/demo. */
export function demoFiles(): Record<string, string> {
  const usage = demoUsage();
  const inbox = demoUsage([INBOX_MONTH], 20261101);
  return {
    [`statements/openai-costs-${PERIOD}.json`]: openaiCosts(usage),
    [`statements/openai-usage-completions-${PERIOD}.json`]: openaiUsage(usage),
    [`statements/anthropic-cost-report-${PERIOD}.json`]: anthropicCostReport(usage),
    [`statements/anthropic-usage-report-${PERIOD}.json`]: anthropicUsageReport(usage),
    [`statements/aws-cur2-bedrock-${PERIOD}.csv`]: awsCur(usage, DEMO_MONTHS),
    [`inbox/aws-cur2-bedrock-${INBOX_MONTH}.csv`]: awsCur(inbox, [INBOX_MONTH]),
    'drivers.csv': driversCsv(),
  };
}

function main(): void {
  const root = path.resolve('scenarios/demo');
  for (const dir of ['statements', 'inbox']) {
    mkdirSync(path.join(root, dir), { recursive: true });
    for (const f of readdirSync(path.join(root, dir))) rmSync(path.join(root, dir, f));
  }
  for (const [file, text] of Object.entries(demoFiles())) {
    writeFileSync(path.join(root, file), text);
    process.stderr.write(`wrote ${file} (${text.length.toLocaleString('en-US')} bytes)\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) main();
