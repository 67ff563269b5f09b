/**
 * Texts to hold the importers' rules and their compiled SQL against each
 * other: seeded mixes of the words the rules look for (in any case, glued
 * or split by the separators vendors use) with noise, so every rule and every
 * word boundary is exercised.
 */
import fc from 'fast-check';
import { AWS_BEDROCK_PRODUCT, AWS_MARKETPLACE_USAGE_TYPE, AZURE_AI_CATEGORY, AZURE_PTU_METER, AZURE_TOKEN_METER, BEDROCK_USAGE_TYPE_CLASS, GCP_AI_SERVICE, GCP_AI_SKU, GCP_LONG_CONTEXT, SERVICE_TIER_WORDS, USAGE_CLASS_WORDS } from '../../shared/formats/rules/usage-rules';
import type { TextRuleSet } from '../../shared/formats/rules/text-rules';

export const RULE_SETS: readonly TextRuleSet<string>[] = [
  USAGE_CLASS_WORDS,
  SERVICE_TIER_WORDS,
  BEDROCK_USAGE_TYPE_CLASS,
  AZURE_AI_CATEGORY,
  AZURE_TOKEN_METER,
  AZURE_PTU_METER,
  GCP_AI_SERVICE,
  GCP_AI_SKU,
  GCP_LONG_CONTEXT,
  AWS_BEDROCK_PRODUCT,
  AWS_MARKETPLACE_USAGE_TYPE,
];

const WORDS = [
  'input', 'Inp', 'output', 'Outp', 'prompt', 'completion', 'reasoning', 'thinking', 'tokens', 'Tokens', 'token', 'tkns', 'characters',
  'cache', 'cached', 'cchd', 'read', 'write', 'writes', 'creation', 'storage', 'hit', '1h', '1 hour', '60 min', '5m', 'provisioned',
  'PTU', 'ptus', 'model units', 'managed unit', 'reserved capacity', 'web search', 'search queries', 'tool calls', 'grounding',
  'code interpreter', 'file search', 'audio', 'speech', 'transcription', 'seconds', 'minutes', 'hours', 'images', 'image generation',
  'requests', 'calls', 'invocations', 'seats', 'licences', 'per user', 'GB month', 'vector store', 'batch', 'bt', 'flex', 'priority',
  'USE1', 'Claude4Sonnet', 'input-tokens', 'output-token-count', 'cache-read-input-token-count', 'cache-write', 'InputTokenCount',
  'MP:USW2', 'images-', 'ProvisionedThroughput', '-pt-', 'ModelUnit', 'gemini', 'claude', 'imagen', 'llama', 'predictions', 'Vertex AI',
  'long context', '>200k', '> 200 k', 'over 200k', 'Azure OpenAI', 'Cognitive Services', 'foundry', 'gpt-4o-mini-0718', 'glbl', 'bedrock',
  'Amazon Bedrock', 'Ünïcödé', 'x', '2', '_',
];
const SEPARATORS = [' ', '-', '_', '/', '', ':', '.', ',', '  '];

/** `count` seeded texts made of rule words, separators and noise. */
export function ruleSamples(count: number, seed: number): string[] {
  const text = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS), fc.boolean()), { minLength: 0, maxLength: 5 })
    .map((parts) => parts.map(([w, sep, upper]) => `${upper ? w.toUpperCase() : w}${sep}`).join(''));
  return fc.sample(fc.oneof({ arbitrary: text, weight: 9 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 }), { numRuns: count, seed });
}
