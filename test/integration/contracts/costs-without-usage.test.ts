import { readFileSync } from 'node:fs';
import path from 'node:path';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { startBackend } from '../../helpers/backend';
import { REPO_ROOT } from '../../helpers/temp';

type Started = Awaited<ReturnType<typeof startBackend>>;

/** Worked out by hand in test/fixtures/invoice-check/README.md. */
const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'invoice-check');
const COSTS = path.join(FIXTURES, 'openai-costs-2026-04-29-to-05-02.json');
const USAGE = path.join(FIXTURES, 'openai-usage-2026-04-29-to-05-03.json');
const CONTRACT = path.join(FIXTURES, 'openai-enterprise-2026-05.yaml');

const sum = (values: readonly (string | null)[]) => values.reduce((s, v) => s.plus(v ?? 0), new Decimal(0)).toFixed();
const byCode = (run: InvoiceCheckRun, code: string) => run.findings.filter((f) => f.code === code);

describe('invoice check of an OpenAI costs export (money per line item, no token counts)', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.new', { path: path.join(s.dir, 'costs.aispend') });
    await s.client.call('contracts.save', { yaml: readFileSync(CONTRACT, 'utf8'), fileName: 'openai-enterprise.yaml' });
    const imported = await s.client.runJob('imports.run', { path: COSTS }).result;
    // 12.10 + 24.20 + 10.535 + 21.7699999999999998, the float-printed 2.72 kept to nano-units.
    expect(imported.totals).toMatchObject([{ currency: 'USD', sourceTotal: '68.6049999999999998', importedTotal: '68.605', reconciled: true }]);
  });
  afterAll(async () => s.stop());

  it('keeps the quantities the export does not give as not reported, in the ledger and its list costs', async () => {
    const page = await s.client.call('ledger.query', { limit: 100 });
    expect(page.total).toBe(21);
    expect(page.rows.every((r) => r.quantity === null && r.listCost === null)).toBe(true);
    const status = await s.client.call('pricing.listCostStatus', {});
    expect(status).toMatchObject({ priceBook: 0, missing: 21, withoutQuantity: 21 });
    const summary = await s.client.call('ledger.summary', { by: ['model'] });
    const gpt41 = summary.rows.find((r) => r.key.model === 'gpt-4.1')!;
    // 3 line items × 4 days of gpt-4.1, none with a quantity or a list cost.
    expect(gpt41).toMatchObject({ lines: 12, quantity: null, quantityMissing: 12, listCost: null, listCostMissing: 12 });
  });

  it('checked with "every vendor, every month", finds no overcharge: outside the term, and cost without usage', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', {}).result;
    expect(run.findings.map((f) => f.code).sort()).toEqual(['cost_without_usage', 'usage_outside_contract']);
    expect(run.findings.every((f) => f.overcharge === null)).toBe(true);
    expect(run.lines.every((l) => l.contracted === null && l.variance === null)).toBe(true);

    const [outside] = byCode(run, 'usage_outside_contract');
    // 2026-04-29 and 2026-04-30: 10 lines, $12.10 + $24.20.
    expect([outside!.lines, outside!.billed, outside!.month]).toEqual([10, '36.30', '2026-04']);
    expect(outside!.message).toBe('Outside the term: 10 openai lines from 2026-04-29 to 2026-04-30 (billed $36.30) fall outside every openai contract term, so no contract says what they should cost');
    const [noUsage] = byCode(run, 'cost_without_usage');
    // May: 11 lines, $10.535 + $21.77.
    expect([noUsage!.lines, noUsage!.billed, noUsage!.lineRefs.length]).toEqual([11, '32.305', 11]);
    expect(noUsage!.message).toContain('give a cost but no quantity, so they cannot be priced under the contract');

    expect(run.months.map((m) => [m.month, m.contractId, m.billed, m.contracted, m.note])).toEqual([
      ['2026-04', null, '36.30', null, 'outside_term'],
      ['2026-05', 'acme-openai-enterprise', '32.305', null, 'cost_without_usage'],
    ]);
    expect(run.totals).toEqual([{ currency: 'USD', billed: '0.00', contracted: '0.00', variance: '0.00', uncheckedMonths: 2, uncheckedBilled: '68.605' }]);
  });

  it('with the usage report of the same days, pairs them and finds the one real overcharge', async () => {
    const usage = await s.client.runJob('imports.run', { path: USAGE }).result;
    // A usage report beside the bill of the same days is not a second bill: no overlap to decide.
    expect([usage.status, usage.costBasis, usage.overlaps]).toEqual(['imported', 'list', []]);
    const run = await s.client.runJob('contracts.invoiceCheck', {}).result;
    expect(run.stats.pairedLines).toBe(20);

    const [discount] = byCode(run, 'discount_not_applied');
    // 2026-05-02 gpt-4.1 output, 1,000,000 tokens: billed $8.00 at list against $8.00 × 0.85 = $6.80.
    expect([discount!.lines, discount!.billed, discount!.overcharge, discount!.lineRef]).toEqual([1, '8.00', '1.20', '2026-05-02 openai gpt-4.1 output standard proj_lending (costs + usage)']);
    expect(discount!.message).toBe("Discount not applied: gpt-4.1 output on 2026-05-02, billed $8.00 against $6.80 contracted (billed at list, $8.00; the contract's Enterprise discount of 15% applies)");
    const flagged = run.lines.find((l) => l.ref === discount!.lineRef)!;
    expect(flagged).toMatchObject({ quantity: '1000000', pairedWithUsage: true, contracted: '6.80', variance: '1.20' });

    // Only the web search line is left without a quantity; April still lies outside the term, now at its list cost.
    expect(byCode(run, 'cost_without_usage').map((f) => [f.lines, f.billed])).toEqual([[1, '0.25']]);
    const [outside] = byCode(run, 'usage_outside_contract');
    expect(outside!.lines).toBe(10);
    expect(sum(run.lines.filter((l) => l.month === '2026-04').map((l) => l.list))).toBe('36.3');
    expect(run.findings.map((f) => f.code).sort()).toEqual(['cost_without_usage', 'discount_not_applied', 'usage_outside_contract']);
    // Every other May line agrees with the contract to the nano-unit.
    for (const l of run.lines.filter((x) => x.month === '2026-05' && x.pairedWithUsage && x.ref !== discount!.lineRef)) expect(l.variance, l.ref).toMatch(/^0\.0+$/);

    // 2026-05-03 is in the usage report only: listed, the request counts left out (nothing bills them on their own).
    expect(run.unpairedUsage.map((u) => [u.month, u.model, u.usageClass, u.days, u.quantity])).toEqual([
      ['2026-05', 'gpt-4.1', 'cached_input', 1, '1000000'],
      ['2026-05', 'gpt-4.1', 'input', 1, '2000000'],
      ['2026-05', 'gpt-4.1', 'output', 1, '500000'],
      ['2026-05', 'gpt-4.1-mini', 'input', 1, '5000000'],
      ['2026-05', 'gpt-4.1-mini', 'output', 1, '1000000'],
    ]);
    // The bill is still the costs export: nothing the usage report holds is counted as billed.
    expect(sum(run.months.map((m) => m.billed))).toBe('68.605');
  });

  it('pairs again after the usage report is removed and imported anew, with nothing stored in between', async () => {
    const { imports } = await s.client.call('imports.list', {});
    const usageImport = imports.find((i) => i.costBasis === 'list')!;
    await s.client.call('imports.remove', { importId: usageImport.id });
    const without = await s.client.runJob('contracts.invoiceCheck', {}).result;
    expect([without.stats.pairedLines, byCode(without, 'discount_not_applied').length, byCode(without, 'cost_without_usage')[0]!.lines]).toEqual([0, 0, 11]);
    await s.client.runJob('imports.run', { path: USAGE }).result;
    const again = await s.client.runJob('contracts.invoiceCheck', {}).result;
    expect([again.stats.pairedLines, byCode(again, 'discount_not_applied')[0]!.overcharge]).toEqual([20, '1.20']);
  });
});

describe('pairing an Anthropic cost report with its usage report', () => {
  let s: Started;
  beforeAll(async () => {
    s = await startBackend({ openDemo: false });
    await s.client.call('workspace.new', { path: path.join(s.dir, 'anthropic.aispend') });
    const fixtures = path.join(REPO_ROOT, 'test', 'fixtures', 'formats');
    await s.client.runJob('imports.run', { path: path.join(fixtures, 'anthropic-cost', 'cost-report.json') }).result;
    await s.client.runJob('imports.run', { path: path.join(fixtures, 'anthropic-usage', 'usage-report.json'), onRejects: 'import' }).result;
  });
  afterAll(async () => s.stop());

  it('gives the cost lines of 2026-03-01 in wrkspc_01 the usage of the same model, class, tier and band', async () => {
    const run = await s.client.runJob('contracts.invoiceCheck', { provider: 'anthropic' }).result;
    const paired = run.lines.filter((l) => l.pairedWithUsage).map((l) => [l.day, l.model, l.usageClass, l.serviceTier, l.quantity, l.billed]);
    // The fixtures' READMEs: claude-sonnet-4 input 1,500, cache read 200 and output 500 tokens that day, billed 1.2345, 0.005 and 67.89.
    expect(paired).toEqual([
      ['2026-03-01', 'claude-sonnet-4-0', 'cached_input', 'standard', '200', '0.005'],
      ['2026-03-01', 'claude-sonnet-4-0', 'input', 'standard', '1500', '1.2345'],
      ['2026-03-01', 'claude-sonnet-4-0', 'output', 'standard', '500', '67.89'],
    ]);
    // The cost report's batch cache write of claude-sonnet-4-5 has no usage of that class: left without a quantity.
    const noUsage = run.lines.filter((l) => l.findings.includes('cost_without_usage')).map((l) => [l.model, l.usageClass, l.serviceTier]);
    expect(noUsage).toContainEqual(['claude-sonnet-4-5', 'cache_write_1h', 'batch']);
  });
});
