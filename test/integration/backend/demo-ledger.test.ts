import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nanosToDecimal } from '../../../shared/domain/money';
import { startBackend } from '../../helpers/backend';
import { demoBilledLines } from '../../helpers/demo-statements';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Per (month, provider) totals of the demo statements, summed independently of the app with decimal.js. */
function independentTotals(): Map<string, Decimal> {
  const totals = new Map<string, Decimal>();
  for (const l of demoBilledLines()) {
    const key = `${l.month}|${l.provider}`;
    totals.set(key, (totals.get(key) ?? new Decimal(0)).plus(nanosToDecimal(l.billedCost)));
  }
  return totals;
}

describe('demo workspace and ledger API', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('opens the demo on first start with three providers over twelve months', async () => {
    const info = await s.client.call('workspace.info', {});
    expect(info.isDemo).toBe(true);
    expect(info.providers).toEqual(['anthropic', 'aws', 'openai']);
    expect(info.firstMonth).toBe('2025-11');
    expect(info.lastMonth).toBe('2026-10');
    expect(info.imports).toBe(5);
    // 365 days, November 2025 to October 2026, a line per day of each:
    //   OpenAI costs: 11 line items (gpt-4.1 standard 3, batch 2, priority 3; gpt-4o-mini 3)      4,015
    //   OpenAI usage: standard, priority and support 4 each (input, cached, output, requests),
    //                 batch 3 (no cached input): 15                                                5,475
    //   Anthropic cost report: Sonnet 4 token types + Haiku 2                                       2,190
    //   Anthropic usage report: the same 6 counts                                                  2,190
    //   AWS CUR: Haiku input and output 730, one credit and one refund                                732
    expect(info.ledgerLines).toBe(4015 + 5475 + 2190 + 2190 + 732);
  });

  it('sums each month and provider exactly as the statements do', async () => {
    const summary = await s.client.call('ledger.summary', { by: ['month', 'provider'] });
    const expected = independentTotals();
    expect(summary.rows).toHaveLength(expected.size);
    for (const row of summary.rows) {
      const want = expected.get(`${row.key.month}|${row.key.provider}`);
      expect(want, `${row.key.month} ${row.key.provider}`).toBeDefined();
      expect(new Decimal(row.billedCost).equals(want!)).toBe(true);
      expect(row.currency).toBe('USD');
    }
    const grand = [...expected.values()].reduce((a, b) => a.plus(b), new Decimal(0));
    expect(summary.totals).toHaveLength(1);
    expect(new Decimal(summary.totals[0]!.billedCost).equals(grand)).toBe(true);
  });

  it('pages, sorts and filters lines on the server', async () => {
    const page = await s.client.call('ledger.query', {
      offset: 0,
      limit: 5,
      sort: [{ field: 'billedCost', dir: 'desc' }],
      filters: [{ field: 'provider', op: 'eq', value: 'anthropic' }],
    });
    // 365 days × 6 cost-report lines + 365 × 6 usage-report lines
    expect(page.total).toBe(365 * 12);
    expect(page.rows).toHaveLength(5);
    const costs = page.rows.map((r) => new Decimal(r.billedCost));
    for (let i = 1; i < costs.length; i++) expect(costs[i - 1]!.gte(costs[i]!)).toBe(true);
    expect(page.rows.every((r) => r.provider === 'anthropic')).toBe(true);
    // The most expensive Anthropic line is Sonnet output (12k tokens a loan at $15/M).
    expect(page.rows[0]!.model).toBe('claude-sonnet-4-5');
    expect(page.rows[0]!.usageClass).toBe('output');

    const next = await s.client.call('ledger.query', { offset: 5, limit: 5, sort: [{ field: 'billedCost', dir: 'desc' }], filters: [{ field: 'provider', op: 'eq', value: 'anthropic' }] });
    expect(new Set([...page.rows, ...next.rows].map((r) => r.id)).size).toBe(10);
  });

  it('filters by tag, money and text without SQL injection', async () => {
    const tagged = await s.client.call('ledger.summary', { by: ['provider'], filters: [{ field: 'tag', op: 'tagEquals', key: 'user_workload', value: 'fraud-screening' }] });
    expect(tagged.rows.map((r) => r.key.provider)).toEqual(['aws']);
    const big = await s.client.call('ledger.query', { limit: 1, filters: [{ field: 'billedCost', op: 'gte', value: '1000000' }] });
    expect(big.total).toBe(0);
    const sneaky = await s.client.call('ledger.query', { limit: 1, filters: [{ field: 'model', op: 'contains', value: "x' OR 1=1 --" }] });
    expect(sneaky.total).toBe(0);
  });

  it('rejects input that fails the schema with a field-level error', async () => {
    await expect(s.client.call('ledger.query', { limit: 0 } as never)).rejects.toMatchObject({ code: 'bad_input', field: 'limit' });
    await expect(s.client.call('ledger.query', { sort: [{ field: 'drop table', dir: 'asc' }] } as never)).rejects.toMatchObject({ code: 'bad_input' });
  });

  it('lists distinct values with counts for filter pickers', async () => {
    const values = await s.client.call('ledger.values', { field: 'model' });
    expect(values.values.map((v) => v.value).sort()).toEqual(['claude-haiku-4-5', 'claude-sonnet-4-5', 'gpt-4.1', 'gpt-4o-mini', null]);
  });
});
