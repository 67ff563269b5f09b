import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { billedBy, fixture, importFixture, quantityBy, reconciliation } from './helpers';

/** 1-based line of the first occurrence of text in a fixture. */
function lineOf(file: string, text: string): number {
  const lines = readFileSync(file, 'utf8').split('\n');
  return lines.findIndex((l) => l.includes(text)) + 1;
}

describe('OpenAI costs API', () => {
  for (const name of ['costs-page.json', 'costs-buckets.jsonl']) {
    it(`imports ${name} with amounts parsed exactly from the JSON text`, async () => {
      const { formatId, summary, lines } = await importFixture(fixture('openai-costs', name));
      expect(formatId).toBe('openai-costs');
      expect(summary.rowsRead).toBe(6);
      expect(summary.rowsRejected).toBe(0);
      // 1.25 + 3.5 + 0.000042 + 0.06 + 0.1234567890123 + 12 = 16.9334987890123
      const usd = reconciliation(summary, 'USD');
      expect(usd.sourceTotal).toBe('16.9334987890123');
      expect(usd.importedTotal).toBe('16.933498789');
      expect(usd.reconciles).toBe(true);
      const embedding = lines.find((l) => l.model === 'text-embedding-3-small');
      expect(embedding?.billedCost).toBe(42_000n); // 4.2e-05 USD = 42,000 nano-dollars
      expect(lines.map((l) => [l.model, l.usageClass, l.serviceTier])).toEqual([
        ['gpt-4o', 'input', 'standard'],
        ['gpt-4o', 'output', 'standard'],
        ['text-embedding-3-small', 'input', 'standard'],
        [null, 'other', 'standard'],
        ['o3', 'cached_input', 'standard'],
        ['gpt-4.1-mini', 'output', 'batch'],
      ]);
      expect(lines[0]).toMatchObject({ chargePeriodStart: '2026-03-01T00:00:00Z', chargePeriodEnd: '2026-03-02T00:00:00Z', subAccount: 'proj_a', currency: 'USD', provider: 'openai' });
      expect(lines[4]?.credential).toBe('key_1');
    });
  }

  it('points every line at the line its result starts on', async () => {
    const file = fixture('openai-costs', 'costs-page.json');
    const { lines } = await importFixture(file);
    expect(lines[2]?.sourceRow).toBe(lineOf(file, 'text-embedding-3-small'));
  });
});

describe('OpenAI usage API', () => {
  it('splits cached from uncached input, keeps unknown models and rejects impossible counts', async () => {
    const file = fixture('openai-usage', 'completions-page.json');
    const { formatId, version, summary, lines } = await importFixture(file);
    expect(formatId).toBe('openai-usage');
    expect(version).toBe('completions');
    expect(summary.rowsRead).toBe(4);
    expect(summary.rowsImported).toBe(3);
    expect(summary.rowsRejected).toBe(1);
    expect(summary.rejected[0]).toMatchObject({ field: 'input_cached_tokens', row: lineOf(file, '"input_tokens": 10,') });
    expect(lines).toHaveLength(12);
    expect(summary.reconciliation).toEqual([]);
    expect(lines.every((l) => l.billedCost === 0n)).toBe(true);

    const mini = quantityBy(lines.filter((l) => l.model === 'gpt-4o-mini'), (l) => l.usageClass);
    expect(mini).toEqual({ input: 200, cached_input: 800, output: 500, request: 5 });
    const realtime = lines.filter((l) => l.model === 'gpt-4o-realtime-preview');
    expect(realtime.every((l) => l.serviceTier === 'batch')).toBe(true);
    expect(realtime.map((l) => [l.usageClass, l.quantity, l.unit])).toEqual([
      ['input', 20000, 'tokens'],
      ['output', 3000, 'tokens'],
      ['other', 100, 'audio input tokens'],
      ['other', 50, 'audio output tokens'],
      ['request', 10, 'requests'],
    ]);
    expect(realtime[0]?.tags).toEqual({ user_id: 'user_9' });
    const unknown = lines.filter((l) => l.model === 'gpt-9-preview');
    expect(unknown.map((l) => l.serviceTier)).toEqual(['flex', 'flex', 'flex']);
    expect(summary.unknownModels.map((u) => u.modelId)).toEqual(['gpt-9-preview']);
  });
});

describe('OpenAI dashboard CSV', () => {
  it('imports the Cost export with credits kept apart', async () => {
    const { formatId, version, summary, lines } = await importFixture(fixture('openai-dashboard-csv', 'costs.csv'));
    expect(formatId).toBe('openai-dashboard-csv');
    expect(version).toBe('costs');
    expect(summary.rowsRead).toBe(6);
    // 0.5 + 1.25 + 0.000035 + 0.00000025 − 10.00 + 7.7 = −0.54996475
    expect(reconciliation(summary, 'USD').sourceTotal).toBe('-0.54996475');
    expect(reconciliation(summary, 'USD').reconciles).toBe(true);
    expect(billedBy(lines, (l) => l.chargeCategory)).toEqual({ usage: '9.45003525', credit: '-10.00' });
    expect(lines.map((l) => l.usageClass)).toEqual(['input', 'output', 'cached_input', 'input', 'other', 'tool_call']);
    expect(lines[0]).toMatchObject({ model: 'gpt-4o', billingAccount: 'org_1', credential: 'key_1', sourceRow: 2, tags: { project_name: 'Lending', api_source: 'api' } });
  });

  it('imports the Activity export as usage lines with tiers', async () => {
    const { version, summary, lines } = await importFixture(fixture('openai-dashboard-csv', 'activity.csv'));
    expect(version).toBe('activity');
    expect(summary.rowsRead).toBe(3);
    expect(lines).toHaveLength(11);
    expect(quantityBy(lines.filter((l) => l.model === 'gpt-4.1'), (l) => `${l.usageClass}/${l.serviceTier}`)).toEqual({
      'input/standard': 100000,
      'cached_input/standard': 50000,
      'output/standard': 20000,
      'request/standard': 12,
      'input/batch': 9000,
      'output/batch': 1000,
      'request/batch': 3,
    });
    expect(quantityBy(lines.filter((l) => l.model === 'o4-mini'), (l) => `${l.usageClass}/${l.serviceTier}`)).toEqual({
      'input/priority': 6000,
      'cached_input/priority': 1000,
      'output/priority': 14000,
      'request/priority': 7,
    });
  });
});
