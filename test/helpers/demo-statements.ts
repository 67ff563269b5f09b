import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { nanosToDecimal, parseMoney, roundNanos, sumNanos, type Nanos } from '../../shared/domain/money';

/**
 * The demo's billed lines read straight from its statements
 * (scenarios/demo/statements/, each in its vendor's format) with a few lines
 * of parsing per format, independently of the app's importers, so tests
 * compare what the app says with the files themselves. Usage-only reports
 * (OpenAI usage, Anthropic usage report) bill nothing and are left out.
 */
export interface DemoBilledLine {
  file: string;
  provider: 'openai' | 'anthropic' | 'aws';
  /** OpenAI project, Anthropic workspace or AWS linked account. */
  project: string;
  /** The model without its date ("gpt-4.1", "claude-sonnet-4-5"), or null for a line that names none (an AWS credit). */
  model: string | null;
  day: string;
  month: string;
  chargeCategory: 'usage' | 'credit' | 'refund';
  billedCost: Nanos;
  currency: string;
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios', 'demo');
export const DEMO_STATEMENTS = path.join(ROOT, 'statements');
export const DEMO_INBOX = path.join(ROOT, 'inbox');

const dayOfUnix = (seconds: number): string => new Date(seconds * 1000).toISOString().slice(0, 10);
const undated = (model: string): string => model.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-\d{8}$/, '');
/** Bedrock usage types the demo uses ("USE1-Claude4.5Haiku-input-tokens"). */
const bedrockModel = (usageType: string): string | null => (/Claude4\.5Haiku/.test(usageType) ? 'claude-haiku-4-5' : null);

interface Bucket<R> {
  start_time?: number;
  starting_at?: string;
  results: R[];
}

function readStatement(dir: string, file: string): DemoBilledLine[] {
  const text = readFileSync(path.join(dir, file), 'utf8');
  if (file.startsWith('openai-costs')) {
    const page = JSON.parse(text) as { data: Bucket<{ amount: { value: number; currency: string }; line_item: string; project_id: string }>[] };
    return page.data.flatMap((b) =>
      b.results.map((r) => {
        const day = dayOfUnix(b.start_time!);
        // Amounts have at most nine decimals and twelve digits, so the number's shortest text is the file's text.
        return { file, provider: 'openai' as const, project: r.project_id, model: undated(r.line_item.split(',')[0]!), day, month: day.slice(0, 7), chargeCategory: 'usage' as const, billedCost: parseMoney(String(r.amount.value)), currency: r.amount.currency.toUpperCase() };
      }),
    );
  }
  if (file.startsWith('anthropic-cost-report')) {
    const page = JSON.parse(text) as { data: Bucket<{ amount: string; currency: string; model: string; workspace_id: string }>[] };
    return page.data.flatMap((b) =>
      b.results.map((r) => {
        const day = b.starting_at!.slice(0, 10);
        // Amounts are cents as decimal text.
        return { file, provider: 'anthropic' as const, project: r.workspace_id, model: undated(r.model), day, month: day.slice(0, 7), chargeCategory: 'usage' as const, billedCost: parseMoney(r.amount) / 100n, currency: r.currency };
      }),
    );
  }
  if (file.startsWith('aws-cur2')) {
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    return rows.map((r) => {
      const day = r.line_item_usage_start_date!.slice(0, 10);
      const type = r.line_item_line_item_type!;
      return {
        file,
        provider: 'aws' as const,
        project: r.line_item_usage_account_id!,
        // A refund names the usage type it refunds; a credit none.
        model: bedrockModel(r.line_item_usage_type!),
        day,
        month: day.slice(0, 7),
        chargeCategory: type === 'Credit' ? ('credit' as const) : type === 'Refund' ? ('refund' as const) : ('usage' as const),
        billedCost: parseMoney(r.line_item_unblended_cost!),
        currency: r.line_item_currency_code!,
      };
    });
  }
  return [];
}

/** Every billed line of the demo's twelve months. */
export function demoBilledLines(): DemoBilledLine[] {
  return readdirSync(DEMO_STATEMENTS)
    .sort()
    .flatMap((f) => readStatement(DEMO_STATEMENTS, f));
}

/** The billed lines of the statement waiting in inbox/ (November 2026's CUR). */
export function inboxBilledLines(): { file: string; lines: DemoBilledLine[] } {
  const file = readdirSync(DEMO_INBOX).find((f) => f.endsWith('.csv'))!;
  return { file: path.join(DEMO_INBOX, file), lines: readStatement(DEMO_INBOX, file) };
}

export function totalOf(lines: readonly DemoBilledLine[]): Nanos {
  return sumNanos(lines.map((l) => l.billedCost));
}

/** A usage-only line (tokens or requests, no cost) of the OpenAI usage export or the Anthropic usage report. */
export interface DemoUsageLine {
  file: string;
  provider: 'openai' | 'anthropic';
  model: string;
  day: string;
  month: string;
}

/**
 * The usage-only lines of the demo's usage reports, counted from the files: a line per non-zero count of a
 * usage result (OpenAI: uncached input, cached input, output, requests; Anthropic: uncached input, cache reads,
 * cache writes, output, web searches).
 */
export function demoUsageLines(): DemoUsageLine[] {
  const out: DemoUsageLine[] = [];
  const nonZero = (values: unknown[]): number => values.filter((v) => typeof v === 'number' && v !== 0).length;
  for (const file of readdirSync(DEMO_STATEMENTS).sort()) {
    const provider = file.startsWith('openai-usage') ? 'openai' : file.startsWith('anthropic-usage') ? 'anthropic' : null;
    if (provider === null) continue;
    const page = JSON.parse(readFileSync(path.join(DEMO_STATEMENTS, file), 'utf8')) as { data: Bucket<Record<string, unknown>>[] };
    for (const b of page.data) {
      const day = b.start_time !== undefined ? dayOfUnix(b.start_time) : b.starting_at!.slice(0, 10);
      for (const r of b.results) {
        let n: number;
        if (provider === 'openai') n = nonZero([(r.input_tokens as number) - (r.input_cached_tokens as number), r.input_cached_tokens, r.output_tokens, r.num_model_requests]);
        else {
          const write = r.cache_creation as Record<string, number>;
          const tools = r.server_tool_use as Record<string, number>;
          n = nonZero([r.uncached_input_tokens, r.cache_read_input_tokens, write.ephemeral_5m_input_tokens, write.ephemeral_1h_input_tokens, r.output_tokens, tools.web_search_requests]);
        }
        for (let i = 0; i < n; i++) out.push({ file, provider, model: undated(r.model as string), day, month: day.slice(0, 7) });
      }
    }
  }
  return out;
}

/** How many ledger lines the demo's statements make: every billed line and every usage-only line. */
export function demoLedgerLineCount(): number {
  return demoBilledLines().length + demoUsageLines().length;
}

/**
 * Borrower servicing's month in the demo's allocation, to the cent, from the statements: the support bot's OpenAI
 * project and 70% of the escalation workspace (Anthropic), rounded half to even once.
 */
export function servicingMonth(month: string): string {
  const lines = demoBilledLines().filter((l) => l.month === month);
  const bot = totalOf(lines.filter((l) => l.project === 'proj_customer_support'));
  const escalations = totalOf(lines.filter((l) => l.project === 'wrkspc_support'));
  return nanosToDecimal(roundNanos(bot + (escalations * 7n) / 10n, 2), 2);
}
