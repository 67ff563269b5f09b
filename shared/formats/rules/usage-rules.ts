/**
 * The keyword rules the importers classify billing text with, as data (see
 * text-rules.ts): usage classes and service tiers from meters and SKU
 * descriptions, Bedrock usage types, which lines are AI at all, and the
 * long-context band. Structured fields win wherever a format has them; these
 * rules are the fallback. The push-down compiler reads the same objects.
 */
import type { ServiceTier, UsageClass } from '../../domain/usage';
import type { TextRuleSet, WordTable } from './text-rules';

const PROVISIONED = String.raw`\b(provisioned|ptu|ptus|model[ -]?units?|managed[ -]?units?|reserved capacity)\b`;

/** Usage class named by a meter, SKU or line-item text (null: it names none). */
export const USAGE_CLASS_WORDS: TextRuleSet<UsageClass> = {
  name: 'usage class from billing words',
  lower: true,
  replace: [['[_/]+', ' ']],
  rules: [
    { value: 'provisioned_unit_hour', all: [PROVISIONED] },
    { value: 'cache_write_1h', all: [String.raw`\b(cache[ -]?(write|creation|storage)|cache[ -]?writes)\b`, String.raw`\b(1h|1[ -]?hour|60[ -]?min)\b`] },
    { value: 'cache_write_5m', all: [String.raw`\b(cache[ -]?(write|creation|storage)|cache[ -]?writes)\b`] },
    { value: 'cached_input', all: [String.raw`\b(cache[ds]?[ -]?read|cached|cchd|cache[ -]?hit)\b`] },
    { value: 'tool_call', all: [String.raw`\b(web[ -]?search|search queries|tool calls?|grounding|code[ -]?interpreter|file[ -]?search)\b`] },
    {
      value: 'audio_second',
      all: [String.raw`\b(audio|speech|transcription)\b.*\b(seconds?|minutes?|hours?)\b|\b(seconds?|minutes?)\b.*\b(audio|speech)\b`],
    },
    { value: 'output', all: [String.raw`\b(output|outp|completion|generated|thinking|reasoning)\b`] },
    { value: 'input', all: [String.raw`\b(input|inp|prompt)\b`] },
    { value: 'image', all: [String.raw`\b(images?|image generation)\b`] },
    { value: 'request', all: [String.raw`\b(requests?|calls?|invocations?)\b`] },
    { value: 'seat', all: [String.raw`\b(seats?|licen[cs]es?|per user)\b`] },
    { value: 'storage', all: [String.raw`\b(storage|gb[ -]?(month|hour)|vector store)\b`] },
    { value: 'input', all: [String.raw`\b(tokens?|tkns?|characters?)\b`] },
  ],
  otherwise: null,
};

/** Service tier named by billing text; standard when it names none. */
export const SERVICE_TIER_WORDS: TextRuleSet<ServiceTier> = {
  name: 'service tier from billing words',
  lower: true,
  replace: [['[_/-]+', ' ']],
  rules: [
    { value: 'provisioned', all: [PROVISIONED] },
    { value: 'batch', all: [String.raw`\b(batch|bt)\b`] },
    { value: 'flex', all: [String.raw`\bflex\b`] },
    { value: 'priority', all: [String.raw`\bpriority\b`] },
  ],
  otherwise: 'standard',
};

/** A vendor's own tier word ("default", "scale", "auto", "batch") to ours. */
export const SERVICE_TIER_WORD_TABLE: WordTable<ServiceTier> = {
  name: 'service tier word',
  table: {
    batch: 'batch',
    flex: 'flex',
    priority: 'priority',
    scale: 'provisioned', // OpenAI Scale Tier: capacity bought in advance
    provisioned: 'provisioned',
    provisioned_throughput: 'provisioned',
    ptu: 'provisioned',
  },
  blank: 'standard',
  otherwise: 'standard',
};

/** Usage class of a Bedrock or Marketplace usage type (`USE1-Claude4Sonnet-cache-read-input-token-count`); null: not an AI usage type. */
export const BEDROCK_USAGE_TYPE_CLASS: TextRuleSet<UsageClass> = {
  name: 'Bedrock usage type',
  lower: true,
  replace: [],
  rules: [
    { value: 'cached_input', all: ['cache-?read|cachereadinput'] },
    { value: 'cache_write_1h', all: ['cache-?write|cachewriteinput', '1h|1-?hour'] },
    { value: 'cache_write_5m', all: ['cache-?write|cachewriteinput'] },
    { value: 'input', all: ['input-?tokens?|inputtokencount|input-token-count'] },
    { value: 'output', all: ['output-?tokens?|outputtokencount|output-token-count'] },
    { value: 'provisioned_unit_hour', all: ['provisioned|model-?units?|modelunit|-pt-|throughput'] },
    { value: 'image', all: ['-images?(-|$)|imagecount|image-generation'] },
  ],
  otherwise: null,
};

/** A yes/no test on text: true when the pattern matches the lower-cased text. */
export type TextTest = TextRuleSet<'yes'>;

function test(name: string, pattern: string): TextTest {
  return { name, lower: true, replace: [], rules: [{ value: 'yes', all: [pattern] }], otherwise: null };
}

/** Azure: a meter category, subcategory or consumed service that is Azure OpenAI / AI Foundry. */
export const AZURE_AI_CATEGORY = test('Azure AI meter category', 'openai|cognitive services|foundry|ai services|azure ai');
/** Azure: a meter name that bills tokens or PTUs. */
export const AZURE_TOKEN_METER = test('Azure token meter', String.raw`\btokens?\b|\binp\b|\boutp\b|\bcchd\b|\bcached\b|provisioned managed|\bptu`);
/** Azure: a PTU meter, which names capacity, not a model. */
export const AZURE_PTU_METER = test('Azure PTU meter', String.raw`provisioned managed|\bptu`);
/** Google: a service that sells models. */
export const GCP_AI_SERVICE = test('Google AI service', 'vertex|gemini|generative language|ai platform|agent builder');
/** Google: a SKU that names a model or bills tokens. */
export const GCP_AI_SKU = test('Google AI SKU', String.raw`gemini|claude|imagen|veo|palm|chirp|llama|mistral|\btokens?\b|predictions`);
/** Google: a long-context SKU (billed at the >200k band). */
export const GCP_LONG_CONTEXT = test('Google long-context SKU', String.raw`long context|>\s*200\s*k|over 200\s*k|above 200\s*k`);
/** AWS: a product name that is Bedrock. */
export const AWS_BEDROCK_PRODUCT = test('AWS Bedrock product', 'bedrock');
/** AWS: a Marketplace usage type (`USW2-MP:USW2_InputTokenCount-Units`). */
export const AWS_MARKETPLACE_USAGE_TYPE = test('AWS Marketplace usage type', '(^|-)mp:');

/** The context band a long-context Google SKU is billed at. */
export const GCP_LONG_CONTEXT_BAND = '>200k';

/**
 * FOCUS SkuPriceDetails model-identity keys (the FOCUS working group's AI
 * billing examples; draft 1.5): TokenDirection and TokenCacheAction to a usage
 * class. A cache write whose TTL names an hour is the 1-hour write.
 */
export const FOCUS_TOKEN_CLASS: readonly { direction: string; cache: string | null; ttl?: string; value: UsageClass }[] = [
  { direction: 'output', cache: null, value: 'output' },
  { direction: 'input', cache: 'read', value: 'cached_input' },
  { direction: 'input', cache: 'write', ttl: String.raw`1\s*h|60\s*m|hour`, value: 'cache_write_1h' },
  { direction: 'input', cache: 'write', value: 'cache_write_5m' },
  { direction: 'input', cache: null, value: 'input' },
];

/** The SkuPriceDetails keys, matched without case and with or without an x_ prefix. */
export const FOCUS_DETAIL_KEYS = {
  modelId: 'ModelId',
  family: 'ModelFamily',
  version: 'ModelVersion',
  developer: 'ModelDeveloper',
  direction: 'TokenDirection',
  cache: 'TokenCacheAction',
  /** The later spelling of the cache action, accepted beside TokenCacheAction. */
  cacheAlt: 'CacheAction',
  ttl: ['TokenCacheTtl', 'CacheTtl', 'CacheDuration'],
  tier: 'ServiceTier',
  /** The workbench's own keys (x_UsageClass, x_ContextBand), for classes with no token direction and for bands. */
  usageClass: 'UsageClass',
  contextBand: 'ContextBand',
  /** The workbench's own x_QuantityNotReported: the PricingQuantity FOCUS requires is a placeholder, the statement gave none. */
  quantityNotReported: 'QuantityNotReported',
} as const;
