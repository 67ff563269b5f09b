import { dayOf } from '../calendar';
import type { LedgerLine } from '../ledger-line';
import { TOKEN_CLASSES, type UsageClass } from '../usage';

/**
 * The prompt size a bill line without a context band implies.
 *
 * Long-context prices (Claude Sonnet 4.5 above 200,000 prompt tokens) apply
 * per request, by the request's prompt: every input token of it, uncached,
 * cache reads and cache writes. A daily line that names no band cannot say
 * which band it was billed at, but where the same day's usage of the model,
 * tier and region also reports its request count (OpenAI's
 * num_model_requests, Bedrock's invocations) the ledger can tell the prompt
 * tokens per request: the day's prompt tokens ÷ its requests, rounded down.
 * That average is the band the usage implies. It is an average: a day that
 * mixes short and long prompts is billed by the vendor in lines of their own
 * per band, which name it, and then the vendor's band is used instead.
 *
 * Lines with a band, with no request count beside them, or in a stream
 * whose requests are zero are left out: the price book then takes the base
 * band and says the band was assumed (lookup.ts), which the invoice check
 * reports as "band assumed", never as a rate above contract.
 */

/** The input side of a request: what vendors count toward a context band. */
const PROMPT_CLASSES: ReadonlySet<UsageClass> = new Set(['input', 'cached_input', 'cache_write_5m', 'cache_write_1h']);

type Line = Pick<LedgerLine, 'chargePeriodStart' | 'chargeCategory' | 'provider' | 'model' | 'modelRaw' | 'usageClass' | 'serviceTier' | 'contextBand' | 'region' | 'quantity'> & { ref: string };

const streamKey = (l: Line): string => `${l.provider}|${dayOf(l.chargePeriodStart)}|${l.model ?? l.modelRaw ?? ''}|${l.serviceTier}|${l.region ?? ''}`;

/** Prompt tokens per request for each token line without a band whose day, model, tier and region also report requests; by the line's ref. */
export function impliedPromptTokens(lines: readonly Line[]): Map<string, number> {
  const requests = new Map<string, number>();
  for (const l of lines) {
    if (l.usageClass !== 'request' || l.chargeCategory !== 'usage' || l.quantity === null || l.quantity <= 0) continue;
    const key = streamKey(l);
    requests.set(key, (requests.get(key) ?? 0) + l.quantity);
  }
  const implied = new Map<string, number>();
  // Most ledgers report no requests beside their tokens: nothing to imply, and no second pass over a million lines.
  if (requests.size === 0) return implied;
  const prompt = new Map<string, number>();
  const unbanded: Line[] = [];
  for (const l of lines) {
    if (l.chargeCategory !== 'usage' || l.quantity === null || !TOKEN_CLASSES.includes(l.usageClass)) continue;
    const key = streamKey(l);
    if (!requests.has(key)) continue;
    if (PROMPT_CLASSES.has(l.usageClass)) prompt.set(key, (prompt.get(key) ?? 0) + l.quantity);
    if (l.contextBand === null || l.contextBand.trim() === '') unbanded.push(l);
  }
  for (const l of unbanded) {
    const key = streamKey(l);
    implied.set(l.ref, Math.floor((prompt.get(key) ?? 0) / requests.get(key)!));
  }
  return implied;
}
