import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_CREDIT, PLANTED_OVERCHARGE, PLANTED_SPIKE } from '../../../scripts/make-demo';
import { startBackend } from '../../helpers/backend';
import { formatMoneyFixed, nanosToDecimal } from '../../../shared/domain/money';
import { DEMO_STATEMENTS, demoBilledLines } from '../../helpers/demo-statements';

type Started = Awaited<ReturnType<typeof startBackend>>;

interface Bucket<R> {
  start_time: number;
  results: R[];
}

/**
 * The planted line, read straight from the demo's OpenAI statements with decimal.js, independently of the
 * app: the tokens from the usage export (input_tokens include the cached ones), the cost from the costs export.
 */
function plantedLine(): { quantity: Decimal; billed: Decimal; project: string } {
  const p = PLANTED_OVERCHARGE;
  const onDay = <R>(file: string): R[] => {
    const page = JSON.parse(readFileSync(path.join(DEMO_STATEMENTS, file), 'utf8')) as { data: Bucket<R>[] };
    return page.data.filter((b) => new Date(b.start_time * 1000).toISOString().startsWith(p.day)).flatMap((b) => b.results);
  };
  const usage = onDay<{ model: string; batch: boolean; service_tier: string; input_tokens: number; input_cached_tokens: number }>('openai-usage-completions-2025-11-to-2026-10.json').filter(
    (r) => r.model.startsWith(`${p.model}-`) && !r.batch && r.service_tier === 'default',
  );
  const costs = onDay<{ line_item: string; amount: { value: number }; project_id: string }>('openai-costs-2025-11-to-2026-10.json').filter((r) => r.line_item === 'gpt-4.1-2025-04-14, input');
  expect(usage).toHaveLength(1);
  expect(costs).toHaveLength(1);
  return { quantity: new Decimal(usage[0]!.input_tokens - usage[0]!.input_cached_tokens), billed: new Decimal(String(costs[0]!.amount.value)), project: costs[0]!.project_id };
}

describe('invoice check over the demo (API)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend();
  });
  afterAll(async () => s.stop());

  it('stores the demo contracts with the workspace: Anthropic, and OpenAI with its ramped commitment as a phase-2 version', async () => {
    const { contracts } = await s.client.call('contracts.list', {});
    // One OpenAI contract: phase 1 from November 2025, renewed as version 2 (phase 2) from November 2026 to April 2027.
    expect(contracts.map((c) => [c.id, c.vendor, c.start, c.end])).toEqual([
      ['acme-anthropic-2025', 'anthropic', '2025-09-01', '2027-08-31'],
      ['acme-openai-enterprise', 'openai', '2025-11-01', '2027-04-30'],
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
    // Two ledger lines: the cost from the costs export, the tokens from the usage export.
    expect(flagged[0]).toMatchObject({ day: PLANTED_OVERCHARGE.day, model: 'gpt-4.1', usageClass: 'input', serviceTier: 'standard', ledgerLines: 2, findings: ['discount_not_applied'] });
    expect(f.lineRef).toBe(flagged[0]!.ref);
    expect(new Decimal(flagged[0]!.contracted!).equals(contracted)).toBe(true);
    // Every other line agrees with the contract to the nano-unit.
    for (const l of run.lines) if (l !== flagged[0]) expect(l.variance, l.ref).toMatch(/^-?0\.0+$/);
    // October, 31 days. OpenAI: 11 cost lines a day, each paired with its usage line (2 ledger lines a check
    // line; the 4 request counts a day price nothing and are listed as usage no bill pairs with); Anthropic: 6
    // cost lines paired with 6 usage lines; AWS (no contract: at list): 2 usage lines a day (its refund is not usage).
    // Ledger lines 31 × (22 + 12 + 2) = 1,116; check lines 31 × (11 + 6 + 2) = 589.
    expect(run.stats).toMatchObject({ ledgerLines: 31 * 36, checkLines: 31 * 19 });
    expect(run.months.map((m) => [m.provider, m.contractId])).toEqual([
      ['anthropic', 'acme-anthropic-2025'],
      ['aws', null],
      ['openai', 'acme-openai-enterprise'],
    ]);
  });

  it('ties out: billed − contracted is the planted overcharge to the nano-unit, every other month agrees exactly (one rounding rule)', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' }).result;
    const overcharge = run.findings[0]!.overcharge!;
    // Contracted is the exact invoice, so October's variance is the one line's overcharge, rounded once in both places
    // (it read 2.66 beside the finding's 2.67 while the contracted side was the sum of lines rounded one by one).
    expect(run.totals.map((t) => t.variance)).toEqual([overcharge]);
    const all = await s.client.runJob('contracts.invoiceCheck', {}).result;
    // Every other month agrees exactly, but AWS's two with money that is not usage (no contract, so compared at list):
    // January's $20.00 credit and October's $11.54 refund of the spike (the CUR's Credit and Refund lines) are billed below list.
    const expected = (month: string, provider: string) =>
      month === '2026-10' && provider === 'openai' ? overcharge : month === AWS_CREDIT.month && provider === 'aws' ? '-20.00' : month === PLANTED_SPIKE.refundedIn && provider === 'aws' ? '-11.54' : '0.00';
    for (const m of all.months) expect([m.month, m.provider, m.variance]).toEqual([m.month, m.provider, expected(m.month, m.provider)]);
    const aws = demoBilledLines().filter((l) => l.provider === 'aws' && l.chargeCategory !== 'usage');
    expect(aws.map((l) => [l.month, l.chargeCategory, formatMoneyFixed(l.billedCost, 2)])).toEqual([
      [AWS_CREDIT.month, 'credit', '-20.00'],
      [PLANTED_SPIKE.refundedIn, 'refund', '-11.54'],
    ]);
  });

  it('finds nothing else over all twelve months either', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', {}).result;
    // The line names its day, vendor, model, class, tier and OpenAI project, and that the costs export's line took its tokens from the usage export.
    expect(run.findings.map((f) => [f.code, f.lineRef])).toEqual([['discount_not_applied', `${PLANTED_OVERCHARGE.day} openai gpt-4.1 input standard ${plantedLine().project} (costs + usage)`]]);
    // Every vendor: 365 days × (22 OpenAI + 12 Anthropic + 2 AWS ledger lines), as in October.
    expect(run.stats.ledgerLines).toBe(365 * 36);
  });

  it('keeps the run, exports it as CSV, and finds it again by scope', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' }).result;
    expect(run.runId).toBeGreaterThan(0);
    expect(run.scope).toMatchObject({ contractId: 'acme-openai-enterprise', month: '2026-10', provider: 'openai' });
    // Only OpenAI lines under the OpenAI contract: 31 days × 11 check lines.
    expect(run.lines).toHaveLength(31 * 11);
    const last = await s.client.call('contracts.lastInvoiceCheck', { contractId: 'acme-openai-enterprise', month: '2026-10' });
    expect(last.run?.runId).toBe(run.runId);
    const csv = await s.client.call('contracts.exportInvoiceCheckCsv', { runId: run.runId });
    expect(csv.lines).toBe(31 * 11);
    expect(csv.fileName).toBe('invoice-check-acme-openai-enterprise-openai-2026-10.csv');
    const rows = parse(csv.csv, { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.findings !== '')).toEqual([expect.objectContaining({ day: '2026-10-14', model: 'gpt-4.1', usage_class: 'input', findings: 'discount_not_applied' })]);
    const audit = await s.client.call('workspace.audit', { limit: 5 });
    expect(audit.entries[0]).toMatchObject({ action: 'invoiceCheck.run', details: { runId: run.runId, findings: 1 } });
  });

  it('a version that brings the first credits shows their balance month by month (the demo OpenAI agreement’s phase 2)', async () => {
    const { months } = await s.client.call('contracts.priceMonths', { id: 'acme-openai-enterprise', from: '2026-10', through: '2027-04' });
    // Phase 1 has no credits (balance 0.00); phase 2 grants 2,000.00 from 2026-11-01, expiring 2027-04-30. The demo's
    // statements end in October 2026, so no usage draws it: 2,000.00 left each month through April, forfeited at expiry.
    expect(months.map((m) => [m.month, m.creditsApplied, m.creditsForfeited, m.creditBalance])).toEqual([
      ['2026-10', '0.00', '0.00', '0.00'],
      ['2026-11', '0.00', '0.00', '2000.00'],
      ['2026-12', '0.00', '0.00', '2000.00'],
      ['2027-01', '0.00', '0.00', '2000.00'],
      ['2027-02', '0.00', '0.00', '2000.00'],
      ['2027-03', '0.00', '0.00', '2000.00'],
      ['2027-04', '0.00', '2000.00', '0.00'],
    ]);
  });

  it('prices a contract month by month from the ledger: the pilot credit forfeited in October 2025, usage from November', async () => {
    const { months } = await s.client.call('contracts.priceMonths', { id: 'acme-anthropic-2025', through: '2025-12' });
    expect(months.map((m) => [m.month, m.creditsForfeited, m.creditBalance])).toEqual([
      ['2025-09', '0.00', '1500.00'],
      ['2025-10', '1500.00', '0.00'],
      ['2025-11', '0.00', '0.00'],
      ['2025-12', '0.00', '0.00'],
    ]);
    // November's Anthropic usage at list, to the cent, is what the cost report billed (Anthropic bills at list).
    const billed = (provider: string, month: string) =>
      demoBilledLines()
        .filter((l) => l.provider === provider && l.month === month)
        .reduce((a, l) => a.plus(nanosToDecimal(l.billedCost)), new Decimal(0));
    // Usage at list is the expected invoice's usage lines at list, each rounded to the cent as the invoice rounds
    // them; Anthropic bills at list and the contract has no discount, so usage net is the same figure, never a cent
    // above it (it was: Sep read 526.84 net against 526.83 at list when list was rounded once).
    const nov = await s.client.call('contracts.priceMonth', { id: 'acme-anthropic-2025', month: '2025-11' });
    const usageLines = nov.lines.filter((l) => l.kind === 'usage');
    const linesTotal = usageLines.reduce((a, l) => a.plus(l.amount), new Decimal(0));
    expect(months[2]!.usageAtList).toBe(linesTotal.toFixed(2));
    expect(nov.summary.usageAtList).toBe(months[2]!.usageAtList);
    expect(months.map((m) => m.usageNet)).toEqual(months.map((m) => m.usageAtList));
    // ...and to the statement's exact total within the lines' rounding: at most half a cent a line.
    expect(linesTotal.minus(billed('anthropic', '2025-11')).abs().lessThanOrEqualTo(new Decimal('0.005').times(usageLines.length))).toBe(true);
    const may = await s.client.call('contracts.priceMonth', { id: 'acme-openai-enterprise', month: '2026-05' });
    // 15% off list on May's OpenAI usage; above the $400 commitment, so no shortfall line.
    expect(may.summary.commitmentShortfall).toBe('0.00');
    expect(may.lines.some((l) => l.kind === 'discount')).toBe(true);
    expect(new Decimal(may.total).minus(billed('openai', '2026-05')).abs().lessThanOrEqualTo('0.05')).toBe(true);
  });

  it('does not count request counts nobody bills as unpriced lines in the months table, as the invoice check does not', async () => {
    // OpenAI's usage export reports num_model_requests beside the tokens; the price book prices gpt-4.1 and
    // gpt-4o-mini by the token only and the costs export bills no request line, so the requests cost nothing.
    const may = await s.client.call('contracts.priceMonth', { id: 'acme-openai-enterprise', month: '2026-05' });
    expect(may.unpriced.length).toBeGreaterThan(0);
    expect(new Set(may.unpriced.map((u) => `${u.usageClass} ${u.reason}`))).toEqual(new Set(['request no_price']));
    const { months } = await s.client.call('contracts.priceMonths', { id: 'acme-openai-enterprise', through: '2026-10' });
    expect(months).toHaveLength(12);
    expect(months.map((m) => m.unpricedLines)).toEqual(months.map(() => 0));
    // ...and the invoice check agrees: every OpenAI month is fully priced (no 'unpriced' note).
    const check = await s.client.runJob('contracts.invoiceCheck', { contractId: 'acme-openai-enterprise' }).result;
    expect(check.months.map((m) => [m.month, m.note])).toEqual(months.map((m) => [m.month, null]));
  });
});
