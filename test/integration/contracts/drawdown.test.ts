import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DrawdownRow } from '../../../shared/api/contracts';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { startBackend } from '../../helpers/backend';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * Draw-down per commitment: the vendor's FOCUS ContractApplied beside the
 * contract pricer's own count, through the CLI and the API.
 *
 * Hand case: contract hand-2026 with OpenAI, March–April 2026, 20% off list,
 * $100 a month committed, take-or-pay. The vendor's FOCUS file (gpt-4o at
 * $2.50 / $10.00 per million input / output tokens):
 *   Mar 2: 4,000,000 input  → list $10.00, net 10.00 × 0.8 = $8.00,  applied 8.00
 *   Mar 3: 2,000,000 output → list $20.00, net $16.00,                applied 16.00
 *   Mar 4: 1,000,000 output → list $10.00, net $8.00,                 applied 10.00 (planted: the vendor drew list)
 *   Apr 10: 2,000,000 input → list $5.00,  net $4.00,                 applied 4.000000001
 *   Apr 11: a Purchase row naming the April commitment, applied 100.00 (bought, not drawn)
 * Workbench: March draws 8 + 16 + 8 = $32.00, April $4.00.
 * Vendor:    March 8 + 16 + 10 = $34.00 (difference +2.00), April $4.000000001 (difference +0.000000001).
 * Remaining after the month: March 100 − 32 − 68 shortfall billed = 0 … the monthly commitment is trued up
 * each month, so the year's balance is what the pricer says: committed to date 100 / 200, drawn 32 / 36.
 */
const CONTRACT = `schema: aispend-contract/1
id: hand-2026
name: Hand-made draw-down case
vendor: openai
currency: USD
term: { start: 2026-03-01, end: 2026-04-30 }
discounts:
  - { label: Twenty off, percentOff: "20" }
commitment:
  amount: "100"
  period: month
  takeOrPay: true
`;

const HEADER =
  'BilledCost,BillingCurrency,BillingPeriodStart,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,ServiceProviderName,HostProviderName,PublisherName,SkuPriceDetails,ContractApplied';
const details = (direction: string) => `"{""ModelDeveloper"":""OpenAI"",""ModelId"":""gpt-4o"",""TokenDirection"":""${direction}"",""TokenCacheAction"":""Uncached""}"`;
const applied = (period: string, cost: string) =>
  `"{""Elements"":[{""ContractId"":""hand-2026"",""ContractCommitmentId"":""hand-2026/commitment/${period}"",""ContractCommitmentAppliedCost"":${cost}}]}"`;
const row = (billed: string, day: string, next: string, quantity: string, direction: string, cost: string, category = 'Usage') =>
  `${billed},USD,${day.slice(0, 7)}-01T00:00:00Z,${category},${day}T00:00:00Z,${next}T00:00:00Z,${category === 'Usage' ? quantity : ''},${category === 'Usage' ? 'Tokens' : ''},OpenAI,OpenAI,OpenAI,${category === 'Usage' ? details(direction) : ''},${applied(`${day.slice(0, 7)}-01`, cost)}`;
const VENDOR_FILE = [
  HEADER,
  row('8.00', '2026-03-02', '2026-03-03', '4000000', 'Input', '8.00'),
  row('16.00', '2026-03-03', '2026-03-04', '2000000', 'Output', '16.00'),
  row('8.00', '2026-03-04', '2026-03-05', '1000000', 'Output', '10.00'),
  row('4.00', '2026-04-10', '2026-04-11', '2000000', 'Input', '4.000000001'),
  row('100.00', '2026-04-11', '2026-04-12', '', '', '100.00', 'Purchase'),
].join('\n');

/** a − b for decimal texts, exactly (nine places), as the API writes it. */
function decimalMinus(a: string, b: string): string {
  return nanosToDecimal(parseMoney(a) - parseMoney(b));
}

function expectHandCase(result: { rows: DrawdownRow[]; linesWithContractApplied: number }): void {
  expect(result.linesWithContractApplied).toBe(5);
  expect(result.rows.map((r) => [r.commitmentId, r.month, r.vendorLines, r.vendorApplied, r.vendorPurchased, r.workbench?.drawn ?? null, r.difference, r.matchedBy])).toEqual([
    ['hand-2026/commitment/2026-03-01', '2026-03', 3, '34.00', null, '32.00', '2.00', 'commitment'],
    ['hand-2026/commitment/2026-04-01', '2026-04', 1, '4.000000001', '100.00', '4.00', '0.000000001', 'commitment'],
  ]);
  // The contract year's balance after April: 2 × 100 committed to date, 32 + 4 drawn.
  expect(result.rows[1]!.workbench).toMatchObject({ commitmentId: 'hand-2026/commitment/2026-04-01', committedToDate: '200.00', drawnToDate: '36.00' });
}

describe('draw-down per commitment: hand-made vendor file', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, 'hand.aispend');
  beforeAll(() => {
    writeFileSync(path.join(dir, 'vendor-focus.csv'), VENDOR_FILE);
    writeFileSync(path.join(dir, 'hand-2026.yaml'), CONTRACT);
    expect(aispend(['workspace', 'new', workspace], env).status).toBe(0);
    const imported = aispend(['import', path.join(dir, 'vendor-focus.csv'), '--workspace', workspace, '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    const added = aispend(['contracts', 'add', path.join(dir, 'hand-2026.yaml'), '--workspace', workspace], env);
    expect(added.status, added.stderr).toBe(0);
  });
  afterAll(cleanup);

  it('CLI: aispend contracts drawdown --json and the table', () => {
    const run = aispend(['contracts', 'drawdown', '--workspace', workspace, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    expectHandCase(JSON.parse(run.stdout) as { rows: DrawdownRow[]; linesWithContractApplied: number });
    const table = aispend(['contracts', 'drawdown', '--workspace', workspace, '--id', 'hand-2026', '--through', '2026-03'], env);
    expect(table.status, table.stderr).toBe(0);
    // Vendor 34.00, workbench 32.00, difference 2.00, the contract year's 200 − 32 drawn − 68 shortfall billed = 100.00 remaining.
    expect(table.stdout).toMatch(/hand-2026\/commitment\/2026-03-01\s+2026-03\s+3\s+34\.00\s+32\.00\s+2\.00\s+100\.00/);
    expect(table.stdout).not.toContain('2026-04');
  });

  it('API: contracts.drawdown, and its input is validated', async () => {
    const s = await startBackend({ openDemo: false });
    try {
      await s.client.call('workspace.open', { path: workspace });
      expectHandCase(await s.client.call('contracts.drawdown', {}));
      expect((await s.client.call('contracts.drawdown', { contractId: 'someone-else' })).rows).toEqual([]);
      await expect(s.client.call('contracts.drawdown', { from: 'March' } as never)).rejects.toMatchObject({ code: 'bad_input' });
    } finally {
      await s.stop();
    }
  });
});

describe('draw-down per commitment: the demo exported as FOCUS and read back', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const demo = path.join(dir, 'demo.aispend');
  const back = path.join(dir, 'back.aispend');
  beforeAll(() => {
    expect(aispend(['demo', '--workspace', demo], env).status).toBe(0);
    const out = path.join(dir, 'focus');
    expect(aispend(['export-focus', '--workspace', demo, '--out', out], env).status).toBe(0);
    const files = readdirSync(out).map((folder) => path.join(out, folder, readdirSync(path.join(out, folder))[0]!));
    expect(aispend(['workspace', 'new', back], env).status).toBe(0);
    const imported = aispend(['import', ...files, '--workspace', back], env);
    expect(imported.status, imported.stderr).toBe(0);
    const contracts = path.join(process.cwd(), 'scenarios', 'demo', 'contracts');
    const added = aispend(['contracts', 'add', ...readdirSync(contracts).filter((f) => f.endsWith('.yaml')).map((f) => path.join(contracts, f)), '--workspace', back], env);
    expect(added.status, added.stderr).toBe(0);
  }, 300_000);
  afterAll(cleanup);

  it('gives the pricer’s draw-down for every commitment and month, within the bill’s own rounding, and finds October’s planted difference', async () => {
    const run = aispend(['contracts', 'drawdown', '--workspace', back, '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const { rows } = JSON.parse(run.stdout) as { rows: DrawdownRow[] };
    // Anthropic: 12 months of the $4,000-a-year commitment (two contract-year periods); OpenAI phase 1: 12 monthly periods.
    expect(rows.map((r) => r.contractId).filter((c) => c === 'acme-anthropic-2025')).toHaveLength(12);
    expect(rows.filter((r) => r.contractId === 'acme-openai-enterprise').map((r) => r.commitmentId)).toEqual(
      ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'].map((m) => `acme-openai-enterprise/commitment/${m}-01`),
    );
    expect(rows.every((r) => r.matchedBy === 'commitment' && r.workbench !== null)).toBe(true);

    // The vendor's side is the ledger's billed usage of the month (the export writes each line's billed cost), exactly.
    const ledger = aispend(['ledger', 'summary', '--workspace', demo, '--by', 'month,provider', '--filter', 'provider=openai', '--json'], env);
    const groups = (JSON.parse(ledger.stdout) as { rows: { month: string; billedCost: string }[] }).rows;
    const october = rows.find((r) => r.commitmentId === 'acme-openai-enterprise/commitment/2026-10-01')!;
    expect(october.vendorApplied).toBe(groups.find((g) => g.month === '2026-10')!.billedCost);

    // The pricer's side is `contracts months`' drawn-to-date growth: October 6,959.84 − 6,240.94 = 718.90.
    expect(october.workbench).toMatchObject({ drawn: '718.90', drawnToDate: '6959.84' });
    // Every month agrees within five cents (the bill is summed exactly from its lines; the pricer rounds each usage
    // line and the discount line to the cent), except October, where the demo plants a bill above the contract:
    // 721.58 billed − 718.90 = 2.68.
    const far = rows.filter((r) => Math.abs(Number(r.difference)) > 0.05).map((r) => [r.commitmentId, r.difference?.slice(0, 4)]);
    expect(october.difference).toBe(decimalMinus(october.vendorApplied!, '718.90'));
    expect(far).toEqual([['acme-openai-enterprise/commitment/2026-10-01', '2.68']]);
  }, 300_000);
});
