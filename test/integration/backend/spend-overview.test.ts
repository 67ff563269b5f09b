import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../helpers/backend';
import { createLedgerWorkspace, usageLine } from '../../helpers/ledger-workspace';

type Started = Awaited<ReturnType<typeof startBackend>>;

const plus = (amounts: string[]): string => amounts.reduce((a, b) => a.plus(b), new Decimal(0)).toFixed(2);

describe('ledger.overview on the demo', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('each provider’s model rows add up to the provider’s total as shown, and that total is its import’s', async () => {
    const o = await s.client.call('ledger.overview', { today: '2026-12-06' });
    const imports = await s.client.call('imports.list', {});
    for (const p of o.providers) {
      const parts = [...p.models.map((m) => m.billed.shown), ...(p.otherModels ? [p.otherModels.billed.shown] : [])];
      expect(plus(parts), p.provider).toBe(new Decimal(p.billed.shown).toFixed(2));
      // Each demo provider is one import: its reconciled total, rounded to the cent, is what the Overview shows.
      const own = imports.imports.find((i) => i.fileName.startsWith(p.provider));
      expect(new Decimal(own!.totals[0]!.importedTotal).toFixed(2), p.provider).toBe(new Decimal(p.billed.shown).toFixed(2));
    }
    // The case: Anthropic's rows read 2,935.77 rounded one by one; the import total is 2,935.76.
    const anthropic = o.providers.find((p) => p.provider === 'anthropic')!;
    expect(anthropic.billed.shown).toBe('2935.76');
    expect(plus(o.providers.map((p) => p.billed.shown))).toBe(new Decimal(o.total.billed.shown).toFixed(2));
    for (const m of o.months) expect(plus(m.providers.map((p) => p.billed.shown)), m.month).toBe(new Decimal(m.billed!.shown).toFixed(2));
  });

  it('answers what we spend and whether it is going up', async () => {
    const o = await s.client.call('ledger.overview', { today: '2026-12-06' });
    expect(o.months.map((m) => m.month)).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    // October 1,234.345215021 → 1,234.35 (September 1,160.00331884 → 1,160.00): up 74.35, 6.4 %.
    expect(o.latest).toMatchObject({ month: '2026-10', billed: { exact: '1234.345215021', shown: '1234.35' }, covered: { days: 31, complete: true } });
    expect(o.change).toMatchObject({ previousMonth: '2026-09', amount: '74.35', percent: '6.4' });
    // December has no lines: October's pace, 1,234.345215021 ÷ 31 = 39.8176 a day, over December's 31 days.
    expect(o.runRate).toMatchObject({ month: '2026-12', basis: 'latest-pace', basedOn: { month: '2026-10', days: 31 }, perDay: '39.82', projected: '1234.35' });
    // Least squares through May–October's exact totals: 58.9558 a month, 5.49 % of the mean.
    expect(o.trend).toMatchObject({ from: '2026-05', to: '2026-10', months: 6, perMonth: '58.96', percentPerMonth: '5.5', direction: 'rising' });
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
