import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aispend } from '../../helpers/cli';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/** OpenAI gpt-4o on the shipped price book: input $2.50 per 1M tokens. */
const CONTRACT = `name: Acme × OpenAI, renewed
id: acme-openai-versioned
vendor: openai
currency: USD
term: { start: 2026-01-01, end: 2026-03-31 }
discounts: [{ label: Enterprise discount, percentOff: "10" }]
credits:
  grants: [{ id: signing, amount: "100", start: 2026-01-01, expires: 2026-12-31, appliesTo: usage_only }]
versions:
  - effectiveFrom: 2026-04-01
    reason: renewal, phase 2
    end: 2026-06-30
    discounts: [{ label: Renewal discount, percentOff: "20" }]
    credits:
      grants: [{ id: ramp, amount: "50", start: 2026-04-01, expires: 2026-06-30, appliesTo: usage_only }]
`;

/**
 * January (version 1): 40M input = $100.00 at list, 10% off → $90.00, paid by the signing credit ($100 → $10 left).
 * April (version 2, the renewal): 40M input = $100.00, 20% off → $80.00. Earliest expiry first: ramp (to 30 June)
 * pays $50.00, then signing (granted in version 1, still burning) its last $10.00; the invoice is $20.00.
 * The vendor billed the usage at the contracted price and the credits on their own line.
 */
const LINES = [
  usageLine('2026-01-10', { model: 'gpt-4o', usageClass: 'input', quantity: 40_000_000, billed: '90.00' }),
  usageLine('2026-01-31', { chargeCategory: 'credit', model: null, usageClass: 'other', quantity: null, unit: 'credit', billed: '-90.00' }),
  usageLine('2026-04-10', { model: 'gpt-4o', usageClass: 'input', quantity: 40_000_000, billed: '80.00' }),
  usageLine('2026-04-30', { chargeCategory: 'credit', model: null, usageClass: 'other', quantity: null, unit: 'credit', billed: '-60.00' }),
];

describe('a renewed contract, priced version by version through the CLI and the API', () => {
  const c = contractCase('versions', LINES, { yaml: CONTRACT, fileName: 'acme-openai-versioned.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    const jan = run.months.find((m) => m.month === '2026-01')!;
    const apr = run.months.find((m) => m.month === '2026-04')!;
    expect(jan.contractVersion).toEqual({ number: 1, effectiveFrom: '2026-01-01', reason: null, where: null });
    expect(apr.contractVersion).toEqual({ number: 2, effectiveFrom: '2026-04-01', reason: 'renewal, phase 2', where: 'versions[0]' });
    expect([jan.invoice!.total, apr.invoice!.total]).toEqual(['0.00', '20.00']);
    expect(apr.invoice!.lines.map((l) => [l.kind, l.amount, l.term])).toEqual([
      ['usage', '100.00', 'versions[0].discounts[0]'],
      ['discount', '-20.00', 'versions[0].discounts[0]'],
      ['credit_applied', '-50.00', 'versions[0].credits.grants[0]'],
      ['credit_applied', '-10.00', 'credits.grants[0]'],
    ]);
    expect(apr.invoice!.credits).toEqual([
      { grantId: 'ramp', opening: '50.00', applied: '50.00', forfeited: '0.00', closing: '0.00' },
      { grantId: 'signing', opening: '10.00', applied: '10.00', forfeited: '0.00', closing: '0.00' },
    ]);
    expect([apr.billed, apr.contracted, apr.variance]).toEqual(['20.00', '20.00', '0.00']);
    expect(run.lines.filter((l) => l.model === 'gpt-4o').map((l) => [l.day, l.contracted, l.contractVersion])).toEqual([
      ['2026-01-10', '90.00', 1],
      ['2026-04-10', '80.00', 2],
    ]);
    expect(run.findings).toEqual([]);
  };

  it('aispend price --json names the version per month and per line; the table says it too', () => {
    const cli = c.price('--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--month', '2026-04');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2026-04 +openai +acme-openai-versioned v2 +USD +20\.00 +20\.00 +0\.00/);
    expect(text.stdout).toContain('Expected invoice 2026-04, openai under acme-openai-versioned, version 2 from 2026-04-01 (renewal, phase 2) (USD):');
  });

  it('stored: aispend contracts months names the version per month, as JSON and in its table', () => {
    const env = { AISPEND_HOME: path.join(path.dirname(c.workspace), 'home') };
    const file = path.join(path.dirname(c.workspace), 'acme-openai-versioned.yaml');
    const added = aispend(['contracts', 'add', '--workspace', c.workspace, file, '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    const run = aispend(['contracts', 'months', '--workspace', c.workspace, '--id', 'acme-openai-versioned', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { months: { month: string; version: { number: number }; total: string }[] };
    // The term runs to the renewal's end: January to June, three months each version.
    expect(doc.months.map((m) => [m.month, m.version.number, m.total])).toEqual([
      ['2026-01', 1, '0.00'],
      ['2026-02', 1, '0.00'],
      ['2026-03', 1, '0.00'],
      ['2026-04', 2, '20.00'],
      ['2026-05', 2, '0.00'],
      ['2026-06', 2, '0.00'],
    ]);
    const text = aispend(['contracts', 'months', '--workspace', c.workspace, '--id', 'acme-openai-versioned'], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2026-04 +100\.00 +80\.00 +0\.00 +60\.00 +20\.00 +v2 \(renewal, phase 2\)/);
  });

  it('contracts.invoiceCheck through the API gives the same', async () => {
    expectRun(await c.viaApi());
  });
});
