/**
 * Usage class and service tier from a vendor's meter, SKU or line-item text,
 * for formats that carry no structured token type (Azure meters, Vertex SKU
 * descriptions, FOCUS rows without SkuPriceDetails). Structured fields win
 * wherever a format has them; these keyword rules are the fallback.
 */
import type { ServiceTier, UsageClass } from '../domain/usage';

const CACHE_READ = /\b(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)\b/;
const CACHE_WRITE = /\b(cache[ -]?(write|creation|storage)|cache[ -]?writes)\b/;
const ONE_HOUR = /\b(1h|1[ -]?hour|60[ -]?min)\b/;
const INPUT = /\b(input|inp|prompt)\b/;
const OUTPUT = /\b(output|outp|completion|generated|thinking|reasoning)\b/;
const PROVISIONED = /\b(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)\b/;
const REQUEST = /\b(requests?|calls?|invocations?)\b/;
const IMAGE = /\b(images?|image generation)\b/;
const AUDIO_SECONDS = /\b(audio|speech|transcription)\b.*\b(seconds?|minutes?|hours?)\b|\b(seconds?|minutes?)\b.*\b(audio|speech)\b/;
const TOOL = /\b(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)\b/;
const SEAT = /\b(seats?|licen[cs]es?|per user)\b/;
const STORAGE = /\b(storage|gb[ -]?(month|hour)|vector store)\b/;
const TOKENS = /\b(tokens?|tkns?|characters?)\b/;

/** The usage class a piece of billing text names, or null when it names none. */
export function usageClassFromText(text: string): UsageClass | null {
  const t = text.toLowerCase().replace(/[_/]+/g, ' ');
  if (PROVISIONED.test(t)) return 'provisioned_unit_hour';
  if (CACHE_WRITE.test(t)) return ONE_HOUR.test(t) ? 'cache_write_1h' : 'cache_write_5m';
  if (CACHE_READ.test(t)) return 'cached_input';
  if (TOOL.test(t)) return 'tool_call';
  if (AUDIO_SECONDS.test(t)) return 'audio_second';
  if (OUTPUT.test(t)) return 'output';
  if (INPUT.test(t)) return 'input';
  if (IMAGE.test(t)) return 'image';
  if (REQUEST.test(t)) return 'request';
  if (SEAT.test(t)) return 'seat';
  if (STORAGE.test(t)) return 'storage';
  if (TOKENS.test(t)) return 'input';
  return null;
}

const BATCH = /\b(batch|bt)\b/;
const FLEX = /\bflex\b/;
const PRIORITY = /\bpriority\b/;

/** The service tier a piece of billing text names; standard when it names none. */
export function serviceTierFromText(text: string): ServiceTier {
  const t = text.toLowerCase().replace(/[_/-]+/g, ' ');
  if (PROVISIONED.test(t)) return 'provisioned';
  if (BATCH.test(t)) return 'batch';
  if (FLEX.test(t)) return 'flex';
  if (PRIORITY.test(t)) return 'priority';
  return 'standard';
}

/** A vendor's own tier word ("default", "scale", "auto", "batch") to ours. */
export function serviceTierFromWord(word: string | null | undefined): ServiceTier {
  if (!word) return 'standard';
  switch (word.trim().toLowerCase()) {
    case 'batch':
      return 'batch';
    case 'flex':
      return 'flex';
    case 'priority':
      return 'priority';
    case 'scale': // OpenAI Scale Tier: capacity bought in advance
    case 'provisioned':
    case 'provisioned_throughput':
    case 'ptu':
      return 'provisioned';
    default:
      return 'standard';
  }
}
