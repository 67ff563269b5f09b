import { describe, expect, it } from 'vitest';
import { bundledPriceBook, bundledPriceData } from '../../../shared/domain/pricebook/bundled';
import { describeLookup, lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { priceLookupToWire } from '../../../shared/domain/pricebook/wire';
import { SupplementFileSchema } from '../../../shared/api/pricing';
import { nanosToNumber } from '../../../shared/domain/money';

const book = bundledPriceBook();
const q = { date: '2026-09-01' } as const;

describe('reseller prices borrowed from the publisher: explicit, marked, only for the same model', () => {
  it("prices Azure's ada as Azure's embedding model and never borrows OpenAI's GPT-3 ada output price", () => {
    // Azure "ada" = text-embedding-ada-002 at $0.10 per M input; OpenAI "ada" = GPT-3 at $0.40 in / $0.40 out.
    const input = lookupPrice(book, { ...q, provider: 'azure', model: 'ada', usageClass: 'input' });
    expect(input.ok && [nanosToNumber(input.price), input.borrowed]).toEqual([0.1, null]);
    const output = lookupPrice(book, { ...q, provider: 'azure', model: 'ada', usageClass: 'output' });
    expect(output.ok).toBe(false);
    expect(!output.ok && output.message).toContain("azure ada is not openai's ada (same name, different model)");
    const gpt3 = lookupPrice(book, { ...q, provider: 'openai', model: 'ada', usageClass: 'output' });
    expect(gpt3.ok && nanosToNumber(gpt3.price)).toBe(0.4);
    // Same for davinci: Azure's is davinci-002 at $2 per M, OpenAI's is GPT-3 davinci at $20.
    expect(lookupPrice(book, { ...q, provider: 'azure', model: 'davinci', usageClass: 'output' }).ok).toBe(false);
    const models = (bundledPriceData.catalogue as { models: { provider: string; model: string; publisherModel: unknown }[] }).models;
    expect(models.find((m) => m.provider === 'azure' && m.model === 'ada')?.publisherModel).toBeNull();
  });

  it('marks a usage class the reseller does not list, borrowed from the same model at the publisher', () => {
    // Azure o4-mini lists no web-search price; OpenAI's o4-mini: $10 per 1,000 calls.
    const search = lookupPrice(book, { ...q, provider: 'azure', model: 'o4-mini', usageClass: 'tool_call', meter: 'web_search' });
    expect(search.ok && [nanosToNumber(search.price), search.per, search.borrowed?.from, search.borrowed?.scope]).toEqual([10, 1000, 'openai', 'usage_class']);
    expect(search.ok && describeLookup(search)).toContain("borrowed from openai's list (no tool_call price listed)");
    const wire = priceLookupToWire(search);
    expect(wire.ok && wire.borrowed).toMatchObject({ from: 'openai', model: 'o4-mini', scope: 'usage_class' });
    // Its own input price is Azure's, not borrowed.
    const own = lookupPrice(book, { ...q, provider: 'azure', model: 'o4-mini', usageClass: 'input' });
    expect(own.ok && own.borrowed).toBeNull();
  });

  it("marks a model the reseller's catalogue does not list at all as priced from the publisher's list", () => {
    const azure = lookupPrice(book, { ...q, provider: 'azure', model: 'gpt-4o-2024-08-06', usageClass: 'input' });
    expect(azure.ok && [azure.model, azure.pricedAsProvider, azure.borrowed?.scope, nanosToNumber(azure.price)]).toEqual(['gpt-4o', 'openai', 'model', 2.5]);
  });

  it('never borrows across providers a reseller does not fall back to (Bedrock prices only its own rows)', () => {
    const bedrock = lookupPrice(book, { ...q, provider: 'aws', model: 'claude-sonnet-4-0', usageClass: 'cache_write_1h' });
    expect(bedrock.ok).toBe(false);
  });
});

describe('hand-kept supplement rows', () => {
  it('every row and tier rule names its source and the day it was checked', () => {
    const sup = SupplementFileSchema.parse(bundledPriceData.supplement);
    for (const item of [...sup.rows, ...sup.tierMultipliers]) {
      expect(item.sourceUrl, item.id).toMatch(/^https:\/\//);
      expect(item.checkedOn, item.id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('has the Claude Sonnet 4 and 4.5 long-context band on every vendor and region', () => {
    // Sonnet 4 and 4.5 over 200k prompt tokens: $6 in / $22.50 out per M (Bedrock regional Sonnet 4.5: +10% = $6.60 / $24.75).
    const cases = [
      ['anthropic', 'claude-sonnet-4-0', null, 6, 22.5],
      ['anthropic', 'claude-sonnet-4-5', null, 6, 22.5],
      ['google', 'claude-sonnet-4-0', null, 6, 22.5],
      ['google', 'claude-sonnet-4-5', null, 6, 22.5],
      ['aws', 'claude-sonnet-4-0', null, 6, 22.5],
      ['aws', 'claude-sonnet-4-0', 'global', 6, 22.5],
      ['aws', 'claude-sonnet-4-5', null, 6.6, 24.75],
      ['aws', 'claude-sonnet-4-5', 'global', 6, 22.5],
    ] as const;
    for (const [provider, model, region, input, output] of cases) {
      const at = (usageClass: 'input' | 'output') => lookupPrice(book, { ...q, provider, model, region, usageClass, promptTokens: 250_000 });
      const i = at('input');
      const o = at('output');
      expect([i.ok && nanosToNumber(i.price), o.ok && nanosToNumber(o.price)], `${provider} ${model} ${region}`).toEqual([input, output]);
    }
  });
});

describe('price CSV: provenance and off-peak columns', () => {
  it('round-trips source_url, checked_on and the off-peak price, and names the column of a bad one', async () => {
    const { priceRowsFromCsv, priceRowsToCsv } = await import('../../../shared/domain/pricebook/csv');
    const header = 'provider,model,usage_class,service_tier,context_above,region,meter,effective_from,effective_to,currency,price,per,unit,source_url,checked_on,off_peak_price,off_peak_hours';
    const rows = priceRowsFromCsv(`${header}\nacme,m,input,standard,,,,2026-01-01,,USD,0.27,1000000,token,https://acme.example/pricing,2026-12-01,0.135,outside 00:30-16:30 UTC\n`, 'prices.csv');
    expect(rows[0]).toMatchObject({ sourceUrl: 'https://acme.example/pricing', checkedOn: '2026-12-01', offPeak: { price: '0.135', hours: 'outside 00:30-16:30 UTC' } });
    expect(priceRowsToCsv(rows).split('\n')[0]).toContain('source_url,checked_on,off_peak_price,off_peak_hours');
    const bad = () => priceRowsFromCsv(`${header}\nacme,m,input,standard,,,,2026-01-01,,USD,0.27,1000000,token,,2026-13-01,,\n`, 'prices.csv');
    expect(bad).toThrow(expect.objectContaining({ file: 'prices.csv', row: 2, field: 'checked_on' }));
  });
});
