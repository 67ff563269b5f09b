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
    // October 2026 by provider and model, exact billed sums (as the summary returns them; the statements summed
    // with Python's decimal give the same): OpenAI gpt-4o-mini 3.561912868, gpt-4.1 718.020073085; AWS Bedrock
    // claude-haiku-4-5 24.3596 (usage 35.8996 less the 11.54 refund); Anthropic claude-haiku-4-5 31.228469,
    // claude-sonnet-4-5 532.2961107. Total 1,309.466165653 → 1,309.47 (rounded once, half to even), and each
    // rounded alone, 3.56 + 24.36 + 31.23 + 532.30 + 718.02 = 1,309.47: footing moves no cent here.
    const october = [{ field: 'month', op: 'eq', value: '2026-10' }] as const;
    for (const dir of ['asc', 'desc'] as const) {
      const summary = await s.client.call('ledger.summary', { by: ['provider', 'model'], filters: [...october], sort: [{ field: 'billedCost', dir }] });
      const shown = Object.fromEntries(summary.rows.map((r) => [`${r.key.provider} ${r.key.model}`, r.shown.billedCost]));
      expect(shown).toEqual({ 'openai gpt-4o-mini': '3.56', 'aws claude-haiku-4-5': '24.36', 'anthropic claude-haiku-4-5': '31.23', 'anthropic claude-sonnet-4-5': '532.30', 'openai gpt-4.1': '718.02' });
      const order = summary.rows.map((r) => r.shown.billedCost);
      expect(order).toEqual(dir === 'asc' ? ['3.56', '24.36', '31.23', '532.30', '718.02'] : ['718.02', '532.30', '31.23', '24.36', '3.56']);
      expect(summary.totals[0]!.shown.billedCost).toBe('1309.47');
      expect(summary.totals[0]!.billedCost).toBe('1309.466165653');
    }
    // List costs by model: claude-haiku-4-5 31.228469 (Anthropic bills at list) + 35.8996 (Bedrock usage at list; the refund
    // has none) = 67.128069; claude-sonnet-4-5 532.2961107; gpt-4.1 841.58176575 and gpt-4o-mini 4.190485725 (the expected
    // invoice's usage lines before the 15% discount: 6.86 + 77.80 + 38.89 + 41.14 + 465.02 + 9.28 + 16.34 + 186.25 and
    // 0.82 + 1.63 + 1.74). Total 1,445.196431175 → 1,445.20 = 67.13 + 532.30 + 841.58 + 4.19.
    const list = await s.client.call('ledger.summary', { by: ['model'], filters: [...october] });
    expect(list.rows.map((r) => r.shown.listCost)).toEqual(['67.13', '532.30', '841.58', '4.19']);
    expect(list.totals[0]!.shown.listCost).toBe('1445.20');
    // Lines without a list cost: the usage reports' lines, which bill nothing (31 days × (15 OpenAI + 6 Anthropic) = 651),
    // and the refund.
    expect(list.totals[0]!.linesWithoutListCost).toBe(31 * (15 + 6) + 1);
  });

  it('grouped by month, each month is rounded on its own and the groups inside it foot to it; the total says what the months add up to', async () => {
    // Exact month sums from the statements (Python's decimal): Nov 912.848194910, Dec 929.853773703, Jan 944.070087256,
    // Feb 972.885838791, Mar 993.330851235, Apr 1,012.864713834, May 1,015.215400069, Jun 1,053.382009751,
    // Jul 1,115.030010714, Aug 1,169.145064329, Sep 1,259.617125299, Oct 1,309.466165653. Rounded alone they add up
    // to 12,687.72; the exact total 12,687.709235544 rounds to 12,687.71.
    const byMonth = await s.client.call('ledger.summary', { by: ['month'] });
    expect(byMonth.rows.map((r) => r.shown.billedCost)).toEqual(['912.85', '929.85', '944.07', '972.89', '993.33', '1012.86', '1015.22', '1053.38', '1115.03', '1169.15', '1259.62', '1309.47']);
    expect(byMonth.totals[0]!.shown.billedCost).toBe('12687.71');
    expect(byMonth.totals[0]!.groupsAddUpTo.billedCost).toBe('12687.72');
    // October by month and model: Anthropic's and Bedrock's Haiku together (31.228469 + 24.3596 = 55.588069), footed to October's 1,309.47.
    const octoberModels = await s.client.call('ledger.summary', { by: ['month', 'model'], filters: [{ field: 'month', op: 'eq', value: '2026-10' }] });
    expect(octoberModels.rows.map((r) => r.shown.billedCost)).toEqual(['55.59', '532.30', '718.02', '3.56']);
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
