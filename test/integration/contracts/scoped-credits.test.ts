import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/** OpenAI gpt-4o on the shipped price book: input $2.50, output $10 per 1M tokens. */
const CONTRACT = `name: Acme × OpenAI credits 2026
id: acme-openai-credits
vendor: openai
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
credits:
  grants:
    - { id: output-pack, amount: "300", start: 2026-01-01, expires: 2026-12-31, usageClasses: [output] }
    - { id: late-march, amount: "1000", start: 2026-03-21, expires: 2026-04-30, appliesTo: usage_only, partMonth: valid_days }
`;

/**
 * March 2026: input 100M on the 5th ($250.00), output 20M on the 5th ($200.00), input 40M on the 25th ($100.00), output
 * 5M on the 26th ($50.00): $600.00 at list, billed at list, and a credit line of −$350.00.
 * Burnt earliest expiry first: late-march (valid from the 21st, 11 of 31 days, by valid days) may pay the 25th and the
 * 26th, $150.00, and pays both: the input first (no later grant could pay it), then the output. output-pack (output only)
 * then pays what is left of the output, the 5th's $200.00 (the 26th's is paid). Credits $350.00, invoice $250.00;
 * balances after: late-march $850.00, output-pack $100.00.
 */
const LINES = [
  usageLine('2026-03-05', { model: 'gpt-4o', usageClass: 'input', quantity: 100_000_000, billed: '250.00' }),
  usageLine('2026-03-05', { model: 'gpt-4o', usageClass: 'output', quantity: 20_000_000, billed: '200.00' }),
  usageLine('2026-03-25', { model: 'gpt-4o', usageClass: 'input', quantity: 40_000_000, billed: '100.00' }),
  usageLine('2026-03-26', { model: 'gpt-4o', usageClass: 'output', quantity: 5_000_000, billed: '50.00' }),
  usageLine('2026-03-31', { chargeCategory: 'credit', model: null, usageClass: 'other', quantity: null, unit: 'credit', billed: '-350.00' }),
];

describe('scoped and part-month credits, through the CLI and the API', () => {
  const c = contractCase('credits', LINES, { yaml: CONTRACT, fileName: 'acme-openai-credits.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    const march = run.months.find((m) => m.month === '2026-03')!;
    const inv = march.invoice!;
    expect(inv.lines.filter((l) => l.kind === 'credit_applied').map((l) => [l.label, l.amount, l.term])).toEqual([
      ['Credit late-march applied (charges of its 11 valid days)', '-150.00', 'credits.grants[1]'],
      ['Credit output-pack applied (output only)', '-200.00', 'credits.grants[0]'],
    ]);
    expect(inv.total).toBe('250.00');
    expect(inv.credits).toEqual([
      { grantId: 'late-march', opening: '1000.00', applied: '150.00', forfeited: '0.00', closing: '850.00' },
      { grantId: 'output-pack', opening: '300.00', applied: '200.00', forfeited: '0.00', closing: '100.00' },
    ]);
    expect([march.billed, march.contracted]).toEqual(['250.00', '250.00']);
    expect(run.findings).toEqual([]);
  };

  it('aispend price --json and its table', () => {
    const cli = c.price('--month', '2026-03', '--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--month', '2026-03');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Credit late-march applied \(charges of its 11 valid days\) +credit applied +credits\.grants\[1\] +-150\.00/);
    expect(text.stdout).toMatch(/Credit output-pack applied \(output only\) +credit applied +credits\.grants\[0\] +-200\.00/);
    expect(text.stdout).toContain('Balance after: credit late-march 850.00; credit output-pack 100.00');
  });

  it('the API: contracts.invoiceCheck', async () => {
    expectRun(await c.viaApi({ month: '2026-03' }));
  });
});
