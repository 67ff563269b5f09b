import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANTED_OVERCHARGE } from '../../../scripts/make-demo-ledger';
import { startBackend } from '../../helpers/backend';
import { DEMO_DIR } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** The planted line, read straight from the demo statement with decimal.js, independently of the app. */
function plantedLine(): { quantity: Decimal; billed: Decimal } {
  const rows = parse(readFileSync(path.join(DEMO_DIR, 'ledger', 'openai-2026-05-to-10.csv')), { columns: true, bom: true }) as Record<string, string>[];
  const p = PLANTED_OVERCHARGE;
  const hits = rows.filter((r) => r.chargePeriodStart!.startsWith(p.day) && r.model === p.model && r.usageClass === p.usageClass && r.serviceTier === p.serviceTier);
  expect(hits).toHaveLength(1);
  return { quantity: new Decimal(hits[0]!.quantity!), billed: new Decimal(hits[0]!.billedCost!) };
}

describe('invoice check over the demo (API)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('stores the two demo contracts with the workspace', async () => {
    const { contracts } = await s.client.call('contracts.list', {});
    expect(contracts.map((c) => [c.id, c.vendor, c.start, c.end])).toEqual([
      ['acme-anthropic-2026', 'anthropic', '2026-03-01', '2027-02-28'],
      ['acme-openai-enterprise', 'openai', '2026-05-01', '2027-04-30'],
    ]);
    expect(contracts[1]!.highlights).toContain('15% off list');
  });

  it('finds exactly the planted overcharge in October 2026, and nothing else', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { month: '2026-10' }).result;
    const { quantity, billed } = plantedLine();
    // Contracted: the day's gpt-4.1 input tokens at $2.00 per 1M less 15% = $1.70 per 1M.
    const contracted = quantity.times('1.70').dividedBy(1_000_000);
    expect(billed.equals(quantity.times('2.00').dividedBy(1_000_000))).toBe(true);

    expect(run.findings).toHaveLength(1);
    const f = run.findings[0]!;
    expect(f).toMatchObject({ code: 'discount_not_applied', month: '2026-10', provider: 'openai' });
    expect(new Decimal(f.overcharge!).equals(billed.minus(contracted))).toBe(true);
    expect(f.message).toContain('gpt-4.1 input on 2026-10-14');
    expect(f.message).toContain('Enterprise discount of 15%');

    const flagged = run.lines.filter((l) => l.findings.length > 0);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ day: PLANTED_OVERCHARGE.day, model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard', ledgerLines: 1, findings: ['discount_not_applied'] });
    expect(f.lineRef).toBe(flagged[0]!.ref);
    expect(new Decimal(flagged[0]!.contracted!).equals(contracted)).toBe(true);
    // Every other line agrees with the contract to the nano-unit.
    for (const l of run.lines) if (l !== flagged[0]) expect(l.variance, l.ref).toMatch(/^-?0\.0+$/);
    // October: 31 days × 14 streams, one line each.
    expect(run.stats).toMatchObject({ ledgerLines: 434, checkLines: 434 });
    expect(run.months.map((m) => [m.provider, m.contractId])).toEqual([
      ['anthropic', 'acme-anthropic-2026'],
      ['openai', 'acme-openai-enterprise'],
    ]);
  });

  it('ties out: billed − contracted is the planted overcharge to the nano-unit, every other month agrees exactly (one rounding rule)', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' }).result;
    const overcharge = run.findings[0]!.overcharge!;
    // Contracted is the exact invoice, so October's variance is the one line's overcharge, 2.6650659: shown 2.67 in both places
    // (it read 2.66 beside the finding's 2.67 while the contracted side was the sum of lines rounded one by one).
    expect(run.totals.map((t) => t.variance)).toEqual([overcharge]);
    const all = await s.client.runJob('contracts.invoiceCheck', {}).result;
    for (const m of all.months) expect([m.month, m.provider, m.variance]).toEqual([m.month, m.provider, m.month === '2026-10' && m.provider === 'openai' ? overcharge : '0.00']);
  });

  it('finds nothing else over all six months either', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', {}).result;
    expect(run.findings.map((f) => [f.code, f.lineRef])).toEqual([['discount_not_applied', `${PLANTED_OVERCHARGE.day} openai gpt-4.1 input standard us`]]);
    expect(run.stats.ledgerLines).toBe(184 * 14);
  });

  it('keeps the run, exports it as CSV, and finds it again by scope', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' }).result;
    expect(run.runId).toBeGreaterThan(0);
    expect(run.scope).toMatchObject({ contractId: 'acme-openai-enterprise', month: '2026-10', provider: 'openai' });
    // Only OpenAI lines under the OpenAI contract: 31 days × 8 streams.
    expect(run.lines).toHaveLength(248);
    const last = await s.client.call('contracts.lastInvoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' });
    expect(last.run?.runId).toBe(run.runId);
    const csv = await s.client.call('contracts.exportInvoiceCheckCsv', { runId: run.runId });
    expect(csv.lines).toBe(248);
    expect(csv.fileName).toBe('invoice-check-acme-openai-enterprise-openai-2026-10.csv');
    const rows = parse(csv.csv, { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.findings !== '')).toEqual([expect.objectContaining({ day: '2026-10-14', model: 'gpt-4.1', usage_class: 'input', findings: 'discount_not_applied' })]);
    const audit = await s.client.call('workspace.audit', { limit: 5 });
    expect(audit.entries[0]).toMatchObject({ action: 'invoiceCheck.run', details: { runId: run.runId, findings: 1 } });
  });

  it('prices a contract month by month from the ledger: the pilot credit forfeited in April, usage from May', async () => {
    const { months } = await s.client.call('contracts.priceMonths', { id: 'acme-anthropic-2026', through: '2026-06' });
    expect(months.map((m) => [m.month, m.creditsForfeited, m.creditBalance])).toEqual([
      ['2026-03', '0.00', '1500.00'],
      ['2026-04', '1500.00', '0.00'],
      ['2026-05', '0.00', '0.00'],
      ['2026-06', '0.00', '0.00'],
    ]);
    // May's Anthropic usage at list, to the cent, is what the statement billed (428.33627215 → 428.34).
    expect(months[2]!.usageAtList).toBe('428.34');
    const may = await s.client.call('contracts.priceMonth', { id: 'acme-openai-enterprise', month: '2026-05' });
    // 15% off list on May's OpenAI usage; above the $500 commitment, so no shortfall line.
    expect(may.summary.commitmentShortfall).toBe('0.00');
    expect(may.lines.some((l) => l.kind === 'discount')).toBe(true);
    expect(new Decimal(may.total).minus('511.49').abs().lessThanOrEqualTo('0.05')).toBe(true);
  });
});
