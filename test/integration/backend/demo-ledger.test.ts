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

  it('shows group amounts that add up to the total as shown, whatever the sort', async () => {
    // October 2026 by provider and model, exact billed sums (as the summary returns them):
    //   claude-haiku-4-5 31.152591, claude-sonnet-4-5 531.17088015, gpt-4.1 668.4312821, gpt-4o-mini 3.590461771
    //   total 1,234.345215021 → 1,234.35 (rounded once, half to even).
    // Each rounded alone: 31.15 + 531.17 + 668.43 + 3.59 = 1,234.34 — a cent short of the total.
    // Footed: the floors are the same 1,234.34; the cent left goes to the largest remainder,
    // haiku's 0.002591 (against 0.00088015, 0.0012821, 0.000461771): 31.16.
    const october = [{ field: 'month', op: 'eq', value: '2026-10' }] as const;
    for (const dir of ['asc', 'desc'] as const) {
      const summary = await s.client.call('ledger.summary', { by: ['provider', 'model'], filters: [...october], sort: [{ field: 'billedCost', dir }] });
      const shown = Object.fromEntries(summary.rows.map((r) => [r.key.model, r.shown.billedCost]));
      expect(shown).toEqual({ 'claude-haiku-4-5': '31.16', 'claude-sonnet-4-5': '531.17', 'gpt-4.1': '668.43', 'gpt-4o-mini': '3.59' });
      expect(summary.totals[0]!.shown.billedCost).toBe('1234.35');
      expect(summary.totals[0]!.billedCost).toBe('1234.345215021');
    }
    // List costs: 31.152591 + 531.17088015 + 783.254372 + 4.224072675 = 1,349.801915825 → 1,349.80;
    // own roundings 31.15 + 531.17 + 783.25 + 4.22 = 1,349.79; the cent goes to gpt-4.1 (remainder 0.004372).
    const list = await s.client.call('ledger.summary', { by: ['model'], filters: [...october] });
    expect(list.rows.map((r) => r.shown.listCost)).toEqual(['31.15', '531.17', '783.26', '4.22']);
    expect(list.totals[0]!.shown.listCost).toBe('1349.80');
    expect(list.totals[0]!.linesWithoutListCost).toBe(0);
  });

  it('grouped by month, each month is rounded on its own and the groups inside it foot to it; the total says what the months add up to', async () => {
    // Exact month sums: May 939.828038484, Jun 978.970410725, Jul 1,040.345360695, Aug 1,088.112503119,
    // Sep 1,160.003318840, Oct 1,234.345215021. Rounded alone: 939.83 + 978.97 + 1,040.35 + 1,088.11 + 1,160.00
    // + 1,234.35 = 6,441.61; the exact total 6,441.604846884 rounds to 6,441.60.
    const byMonth = await s.client.call('ledger.summary', { by: ['month'] });
    expect(byMonth.rows.map((r) => r.shown.billedCost)).toEqual(['939.83', '978.97', '1040.35', '1088.11', '1160.00', '1234.35']);
    expect(byMonth.totals[0]!.shown.billedCost).toBe('6441.60');
    expect(byMonth.totals[0]!.groupsAddUpTo.billedCost).toBe('6441.61');
    // October by month and model: the same models as by provider and model above, footed to October's 1,234.35.
    const octoberModels = await s.client.call('ledger.summary', { by: ['month', 'model'], filters: [{ field: 'month', op: 'eq', value: '2026-10' }] });
    expect(octoberModels.rows.map((r) => r.shown.billedCost)).toEqual(['31.16', '531.17', '668.43', '3.59']);
  });

  it('every grouping of the demo foots to its total as shown (months: to each month)', async () => {
    for (const by of [['month'], ['model'], ['usageClass'], ['month', 'model'], ['model', 'usageClass']] as const) {
      const summary = await s.client.call('ledger.summary', { by: [...by] });
      for (const field of ['billedCost', 'effectiveCost'] as const) {
        const sum = summary.rows.reduce((a, r) => a.plus(r.shown[field]), new Decimal(0));
        expect(sum.toFixed(2), `${by.join('›')} ${field}`).toBe(summary.totals[0]!.groupsAddUpTo[field]);
        if (!by.includes('month' as never)) expect(summary.totals[0]!.groupsAddUpTo[field]).toBe(summary.totals[0]!.shown[field]);
        // The shown total is the exact total rounded once.
        expect(new Decimal(summary.totals[0]![field]).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).toFixed(2)).toBe(summary.totals[0]!.shown[field]);
      }
    }
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
