import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { aispend } from '../../helpers/cli';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/** An AWS Bedrock agreement whose credits pay named publishers' models only (names as the contract writes them; matched as the ledger spells them). */
const CONTRACT = `name: Acme × AWS Bedrock 2027
id: acme-bedrock-2027
vendor: aws
currency: USD
term: { start: 2027-01-01, end: 2027-12-31 }
credits:
  grants:
    - { id: anthropic-pack, amount: "1000", start: 2027-01-01, expires: 2027-12-31, publishers: [Anthropic] }
    - { id: nova-trial, amount: "100", start: 2027-01-01, expires: 2027-12-31, publishers: [Amazon] }
    - { id: meta-output, amount: "500", start: 2027-01-01, expires: 2027-12-31, publishers: [meta], usageClasses: [output] }
    - { id: nvidia-pack, amount: "20", start: 2027-01-01, expires: 2027-12-31, publishers: [NVIDIA] }
`;

/**
 * March 2027 on the shipped price book's Bedrock list prices, billed at list:
 *   Claude Sonnet 4.5 (global, publisher anthropic): input 100M × $3.00/M = $300.00; output 20M × $15.00/M = $300.00
 *   Llama 3.3 70B (publisher meta): input 500M × $0.72/M = $360.00
 *   Nova Pro (Amazon's own: the line names no publisher): output 50M × $3.20/M = $160.00
 *   Nemotron Nano 9B (publisher nvidia, known only from the ledger's line): input 200M × $0.06/M = $12.00
 *   usage $1,132.00.
 * All four grants expire on the same day, so they are used as listed:
 *   anthropic-pack pays Anthropic's $600.00 (balance $1,000.00 → $400.00);
 *   nova-trial pays $100.00 of Nova's $160.00 (Amazon is AWS, the provider of a line without a publisher; balance → $0.00);
 *   meta-output pays nothing: its publisher and its class must both match, and Meta's usage is input only (balance $500.00);
 *   nvidia-pack pays Nemotron's $12.00 (balance $20.00 → $8.00).
 *   Credits $712.00; invoice $1,132.00 − $712.00 = $420.00, the bill's own credit line being −$712.00.
 */
const LINES = [
  usageLine('2027-03-04', { provider: 'aws', publisher: 'anthropic', model: 'claude-sonnet-4-5', region: 'global', usageClass: 'input', quantity: 100_000_000, billed: '300.00' }),
  usageLine('2027-03-04', { provider: 'aws', publisher: 'anthropic', model: 'claude-sonnet-4-5', region: 'global', usageClass: 'output', quantity: 20_000_000, billed: '300.00' }),
  usageLine('2027-03-04', { provider: 'aws', publisher: 'meta', model: 'meta.llama3-3-70b-instruct', usageClass: 'input', quantity: 500_000_000, billed: '360.00' }),
  usageLine('2027-03-04', { provider: 'aws', model: 'amazon.nova-pro', usageClass: 'output', quantity: 50_000_000, billed: '160.00' }),
  usageLine('2027-03-04', { provider: 'aws', publisher: 'nvidia', model: 'nvidia.nemotron-nano-9b', usageClass: 'input', quantity: 200_000_000, billed: '12.00' }),
  usageLine('2027-03-31', { provider: 'aws', chargeCategory: 'credit', model: null, usageClass: 'other', quantity: null, unit: 'credit', billed: '-712.00' }),
];

describe('credits scoped by publisher, through the CLI and the API', () => {
  const c = contractCase('publisher-credits', LINES, { yaml: CONTRACT, fileName: 'acme-bedrock-2027.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    const march = run.months.find((m) => m.month === '2027-03')!;
    const inv = march.invoice!;
    expect(inv.lines.filter((l) => l.kind === 'usage').reduce((sum, l) => sum + Number(l.amount), 0)).toBe(1132);
    expect(inv.lines.filter((l) => l.kind === 'credit_applied').map((l) => [l.label, l.amount, l.term])).toEqual([
      ['Credit anthropic-pack applied (Anthropic only)', '-600.00', 'credits.grants[0]'],
      ['Credit nova-trial applied (AWS only)', '-100.00', 'credits.grants[1]'],
      ['Credit nvidia-pack applied (nvidia only)', '-12.00', 'credits.grants[3]'],
    ]);
    expect(inv.total).toBe('420.00');
    expect(inv.credits).toEqual([
      { grantId: 'anthropic-pack', opening: '1000.00', applied: '600.00', forfeited: '0.00', closing: '400.00' },
      { grantId: 'nova-trial', opening: '100.00', applied: '100.00', forfeited: '0.00', closing: '0.00' },
      { grantId: 'meta-output', opening: '500.00', applied: '0.00', forfeited: '0.00', closing: '500.00' },
      { grantId: 'nvidia-pack', opening: '20.00', applied: '12.00', forfeited: '0.00', closing: '8.00' },
    ]);
    expect([march.billed, march.contracted]).toEqual(['420.00', '420.00']);
    expect(run.findings).toEqual([]);
  };

  it('aispend price --json and its table', () => {
    const cli = c.price('--month', '2027-03', '--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--month', '2027-03');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Credit anthropic-pack applied \(Anthropic only\) +credit applied +credits\.grants\[0\] +-600\.00/);
    expect(text.stdout).toMatch(/Credit nova-trial applied \(AWS only\) +credit applied +credits\.grants\[1\] +-100\.00/);
    expect(text.stdout).toContain('Balance after: credit anthropic-pack 400.00; credit nova-trial 0.00; credit meta-output 500.00; credit nvidia-pack 8.00');
  });

  it('the API: contracts.invoiceCheck', async () => {
    expectRun(await c.viaApi({ month: '2027-03' }));
  });

  it('aispend contracts months: the stored contract prices the ledger the same way', () => {
    const env = { AISPEND_HOME: `${c.workspace}.home` };
    const file = `${c.workspace}.contract.yaml`;
    writeFileSync(file, CONTRACT);
    const added = aispend(['contracts', 'add', '--workspace', c.workspace, file, '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    const run = aispend(['contracts', 'months', '--workspace', c.workspace, '--id', 'acme-bedrock-2027', '--through', '2027-03', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const march = (JSON.parse(run.stdout) as { months: { month: string; usageAtList: string; creditsApplied: string; creditBalance: string; total: string }[] }).months.find((m) => m.month === '2027-03')!;
    expect([march.usageAtList, march.creditsApplied, march.creditBalance, march.total]).toEqual(['1132.00', '712.00', '908.00', '420.00']);
  });
});
