import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../helpers/backend';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** The statement each demo vendor bills in. */
const BILLS: Record<string, string> = { openai: 'openai-costs-', anthropic: 'anthropic-cost-report-', aws: 'aws-cur2-' };
const plus = (amounts: string[]): string => amounts.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed(2);

describe('ledger.overview on the demo', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('each provider’s model rows add up to the provider’s total as shown, and that total is its import’s to within the footing cent', async () => {
    const o = await s.client.call('ledger.overview', { today: '2026-12-06' });
    const imports = await s.client.call('imports.list', {});
    for (const p of o.providers) {
      const parts = [...p.models.map((m) => m.billed.shown), ...(p.otherModels ? [p.otherModels.billed.shown] : [])];
      expect(plus(parts), p.provider).toBe(new Decimal(p.billed.shown).toFixed(2));
      // Each demo provider bills in one statement (its usage report beside it carries no cost): the bill's reconciled
      // total is what the Overview shows, to within the one cent footing to the grand total may move.
      const own = imports.imports.find((i) => i.fileName.startsWith(BILLS[p.provider]!));
      expect(new Decimal(own!.totals[0]!.importedTotal).minus(p.billed.shown).abs().lte('0.01'), p.provider).toBe(true);
    }
    // The providers foot to the grand total, 12,687.709235544 → 12,687.71. Exact: OpenAI 6,962.536100744, Anthropic
    // 5,400.98633480, AWS 324.1868; rounded one by one 6,962.54 + 5,400.99 + 324.19 = 12,687.72, a cent over. Footed: the
    // floors 6,962.53 + 5,400.98 + 324.18 = 12,687.69 and the two cents left go to the largest remainders, AWS's 0.0068
    // and Anthropic's 0.00633 (OpenAI's is 0.006100744): OpenAI shows 6,962.53, a cent under its costs export's 6,962.54.
    expect(o.providers.map((p) => [p.provider, p.billed.shown])).toEqual([
      ['openai', '6962.53'],
      ['anthropic', '5400.99'],
      ['aws', '324.19'],
    ]);
    // OpenAI's models rounded one by one (gpt-4.1 6,928.07, gpt-4o-mini 34.46) add up to it as shown.
    const openai = o.providers.find((p) => p.provider === 'openai')!;
    expect(openai.models.map((m) => m.billed.shown)).toEqual(['6928.07', '34.46']);
    expect(plus(o.providers.map((p) => p.billed.shown))).toBe(new Decimal(o.total.billed.shown).toFixed(2));
    for (const m of o.months) expect(plus(m.providers.map((p) => p.billed.shown)), m.month).toBe(new Decimal(m.billed!.shown).toFixed(2));
  });

  it('answers what we spend and whether it is going up', async () => {
    const o = await s.client.call('ledger.overview', { today: '2026-12-06' });
    // Twelve months of statements, November 2025 to October 2026.
    expect(o.months.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    // October 1,309.466165653 → 1,309.47 (September 1,259.617125299 → 1,259.62): up 49.85, 49.85 ÷ 1,259.62 = 3.96 % → 4.0.
    expect(o.latest).toMatchObject({ month: '2026-10', billed: { exact: '1309.466165653', shown: '1309.47' }, covered: { days: 31, complete: true } });
    expect(o.change).toMatchObject({ previousMonth: '2026-09', amount: '49.85', percent: '4.0' });
    // December has no lines: October's pace, 1,309.466165653 ÷ 31 = 42.2408 a day, over December's 31 days.
    expect(o.runRate).toMatchObject({ month: '2026-12', basis: 'latest-pace', basedOn: { month: '2026-10', days: 31 }, perDay: '42.24', projected: '1309.47' });
    // Least squares through the last six complete months' exact totals (May 1,015.215400069, Jun 1,053.382009751,
    // Jul 1,115.030010714, Aug 1,169.145064329, Sep 1,259.617125299, Oct 1,309.466165653): 61.2593 a month, 5.31 % of the mean.
    expect(o.trend).toMatchObject({ from: '2026-05', to: '2026-10', months: 6, perMonth: '61.26', percentPerMonth: '5.3', direction: 'rising' });
  });
});

describe('ledger.overview on a ledger with a gap and a month in progress', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    const file = path.join(s.dir, 'gap.aispend');
    // June 2025 (30 days × 10.00), nothing from July 2025 to April 2026, May 2026 1–10 (10 days × 12.50).
    const lines = [
      ...Array.from({ length: 30 }, (_, i) => usageLine(`2025-06-${String(i + 1).padStart(2, '0')}`, { billed: '10' })),
      ...Array.from({ length: 10 }, (_, i) => usageLine(`2026-05-${String(i + 1).padStart(2, '0')}`, { billed: '12.5' })),
    ];
    createLedgerWorkspace(file, lines);
    await s.client.call('workspace.open', { path: file });
  });
  afterAll(async () => s.stop());

  it('months run continuously: Jun 2025 is never next to May 2026', async () => {
    const o = await s.client.call('ledger.overview', { today: '2026-05-11' });
    expect(o.months).toHaveLength(12);
    expect(o.months.map((m) => [m.month, m.billed?.shown ?? null])).toEqual([
      ['2025-06', '300.00'],
      ...['2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'].map((m) => [m, null]),
      ['2026-05', '125.00'],
    ]);
    // May is in progress: 125.00 over 10 days = 12.50 a day × 31 = 387.50. June 2025 is the latest complete month; its month before has nothing.
    expect(o.runRate).toMatchObject({ month: '2026-05', basis: 'month-to-date', basedOn: { from: '2026-05-01', to: '2026-05-10', days: 10 }, soFar: { shown: '125.00' }, projected: '387.50' });
    expect(o.latest?.month).toBe('2025-06');
    expect(o.change).toEqual({ previousMonth: '2025-05', previous: null, amount: null, percent: null });
    expect(o.trend).toBeNull();
  });
});
