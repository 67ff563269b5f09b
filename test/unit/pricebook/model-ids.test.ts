import { describe, expect, it } from 'vitest';
import { normaliseModelId, knownModelIds } from '../../../shared/domain/model-ids';
import { resolveModel } from '../../../shared/domain/pricebook/book';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { rowToWire } from '../../../shared/domain/pricebook/book';
import { priceRowsFromCsv, priceRowsToCsv } from '../../../shared/domain/pricebook/csv';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';

const book = bundledPriceBook();

describe('the price book and the importers name models alike', () => {
  it('every first-party model the price book prices is its own canonical id for the importers’ normaliser', () => {
    const disagree: string[] = [];
    for (const [provider, models] of book.pricedModels) {
      // Resellers (Bedrock, Azure) are covered by the spellings below.
      if (provider === 'aws' || provider === 'azure') continue;
      for (const model of models) {
        const n = normaliseModelId(model, { provider });
        if (n.known && n.modelId !== model) disagree.push(`${provider}:${model} → ${n.modelId}`);
      }
    }
    expect(disagree).toEqual([]);
  });

  it('resolves vendor spellings through the normaliser to the model the ledger names', () => {
    const spellings: [string, string, string, string][] = [
      // provider, vendor spelling, the ledger's canonical id, the price book's model
      ['openai', 'gpt-4o-2024-08-06', 'gpt-4o', 'gpt-4o'],
      ['azure', 'gpt-4o-mini-0718-Inp-glbl Tokens', 'gpt-4o-mini', 'gpt-4o-mini'],
      ['aws', 'USE1-Claude4.5Sonnet-input-tokens', 'claude-sonnet-4-5', 'claude-sonnet-4-5'],
      ['aws', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'claude-sonnet-4-5', 'claude-sonnet-4-5'],
      ['google', 'Gemini 2.5 Flash GA Text Input - Predictions', 'gemini-2.5-flash', 'gemini-2.5-flash'],
      // Bedrock-only families: the ledger keeps the Bedrock id, the price book files it under the family.
      ['aws', 'USE1-NovaPro-input-tokens', 'amazon.nova-pro-v1:0', 'amazon.nova-pro'],
    ];
    for (const [provider, raw, canonical, priced] of spellings) {
      expect(normaliseModelId(raw, { provider }).modelId, raw).toBe(canonical);
      expect(resolveModel(book, provider, raw), raw).toBe(priced);
      expect(resolveModel(book, provider, canonical), canonical).toBe(priced);
    }
    // Without the normaliser the usage-type spelling is not recognised: the wiring is what prices it.
    const bare = bundledPriceBook({ resolveModelId: () => null });
    expect(resolveModel(bare, 'aws', 'USE1-Claude4.5Sonnet-input-tokens')).toBeNull();
  });

  it('can price every canonical id the normaliser knows, where the catalogue has a price for it', () => {
    const providers = [...book.pricedModels.keys()];
    const unpriced = knownModelIds().filter((id) => !providers.some((p) => resolveModel(book, p, id) !== null));
    // What is left are models the catalogue lists without a price (free tiers, open-weights Gemma).
    expect(unpriced.every((id) => id.endsWith(':free') || id.startsWith('gemma-')), unpriced.join(', ')).toBe(true);
    const nova = lookupPrice(book, { provider: 'aws', model: 'amazon.nova-pro-v1:0', usageClass: 'input', date: '2026-07-01' });
    expect(nova.ok && nova.model).toBe('amazon.nova-pro');
  });
});

describe('the shipped book as CSV', () => {
  it('exports and reads back every row unchanged', () => {
    const rows = book.rows.map(rowToWire);
    const back = priceRowsFromCsv(priceRowsToCsv(rows), 'book.csv');
    expect(back).toHaveLength(rows.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const r of back) {
      const original = byId.get(r.id)!;
      // Prices are written with at least two decimals ("2.50"); the value is the same.
      expect({ ...r, price: Number(r.price) }, r.id).toEqual({ ...original, price: Number(original.price) });
    }
  });
});
