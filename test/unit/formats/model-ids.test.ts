import * as catalogue from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { isKnownModelId, knownModelIds, normaliseModelId } from '../../../shared/domain/model-ids';

type Match = { equals?: string; starts_with?: string; contains?: string; or?: Match[]; and?: Match[] };
function equalsOf(match: Match, out: string[] = []): string[] {
  if (match.equals !== undefined) out.push(match.equals);
  for (const m of match.or ?? []) equalsOf(m, out);
  return out;
}

const PROVIDERS = ['openai', 'anthropic', 'google', 'mistral', 'azure', 'aws', 'cohere', 'deepseek', 'x-ai'];
const catalogueIds = new Set(PROVIDERS.flatMap((id) => catalogue.findProvider({ providerId: id })?.models.map((m) => m.id) ?? []));

describe('model-id normaliser', () => {
  it('only knows canonical ids that are model ids of the @pydantic/genai-prices catalogue', () => {
    const ids = knownModelIds();
    expect(ids.length).toBeGreaterThan(250);
    expect(ids.filter((id) => !catalogueIds.has(id))).toEqual([]);
  });

  it("resolves every first-party catalogue spelling (its 'equals' aliases) to the catalogue's own id", () => {
    const wrong: string[] = [];
    for (const providerId of ['openai', 'anthropic', 'google', 'mistral']) {
      for (const model of catalogue.findProvider({ providerId })?.models ?? []) {
        if (providerId === 'google' && model.id.startsWith('claude')) continue; // Vertex's Claude entries resolve to Anthropic's ids
        for (const alias of equalsOf(model.match as Match)) {
          const got = normaliseModelId(alias).modelId;
          if (got !== model.id) wrong.push(`${alias} → ${got}, expected ${model.id}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['gpt-4o-2024-05-13', 'gpt-4o-2024-05-13'],
    ['GPT-4o mini', 'gpt-4o-mini'],
    ['gpt-4o-mini-2024-07-18, cached input', 'gpt-4o-mini'],
    ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0', 'claude-3-haiku'],
    ['USE1-Claude4Sonnet-input-tokens', 'claude-sonnet-4-0'],
    ['USE1-Claude4.5Sonnet-output-tokens', 'claude-sonnet-4-5'],
    ['USW2-Claude3.5SonnetV2-cache-read-input-token-count', 'claude-3-5-sonnet'],
    ['USE1-ProvisionedThroughput-Claude3Haiku', 'claude-3-haiku'],
    ['USE1-NovaPro-input-tokens', 'amazon.nova-pro-v1:0'],
    ['us.amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0'],
    ['gpt-4o-mini-0718-Inp-glbl Tokens', 'gpt-4o-mini'],
    ['gpt 4o 0513 Input global Tokens', 'gpt-4o-2024-05-13'],
    ['gpt-4o-0806-cchd-Inp-glbl Tokens', 'gpt-4o'],
    ['Gemini 2.5 Flash GA Text Input - Predictions', 'gemini-2.5-flash'],
    ['Gemini 2.0 Flash Lite Input Text', 'gemini-2.0-flash-lite'],
    ['publishers/google/models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['claude-sonnet-4@20250514', 'claude-sonnet-4-0'],
    ['Claude Sonnet 4.5 Input Tokens', 'claude-sonnet-4-5'],
    ['anthropic/claude-3.5-sonnet', 'claude-3-5-sonnet'],
    ['ft:gpt-4o-mini-2024-07-18:acme::abc123', 'ft:gpt-4o-mini'],
    ['Cohere Command R+ (Amazon Bedrock Edition)', 'command-r-plus'],
    ['mistral-large-2411', 'mistral-large'],
  ])('%s → %s', (raw, expected) => {
    const result = normaliseModelId(raw);
    expect(result).toMatchObject({ modelId: expected, raw, known: true });
  });

  it('keeps unknown models, cleaned but never silently mapped to a neighbour', () => {
    expect(normaliseModelId('claude-opus-4-9')).toEqual({ modelId: 'claude-opus-4-9', raw: 'claude-opus-4-9', known: false, developer: null });
    expect(normaliseModelId('gpt-9-turbo-0101-Inp-glbl Tokens')).toMatchObject({ modelId: 'gpt-9-turbo', known: false });
    expect(normaliseModelId('acme-llm-9')).toMatchObject({ modelId: 'acme-llm-9', known: false });
    expect(normaliseModelId('')).toMatchObject({ modelId: '', known: false });
    expect(isKnownModelId('claude-opus-4-9')).toBe(false);
    expect(isKnownModelId('claude-sonnet-4-5')).toBe(true);
  });

  it('names the developer of a known model', () => {
    expect(normaliseModelId('USE1-Claude4Sonnet-input-tokens').developer).toBe('anthropic');
    expect(normaliseModelId('gpt-4o').developer).toBe('openai');
    expect(normaliseModelId('gemini-2.5-flash').developer).toBe('google');
  });
});
