import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/** OpenAI gpt-4o on the shipped price book: input $2.50, output $10 per 1M; batch half of that. */
const CONTRACT = `name: Acme × OpenAI stacked 2026
id: acme-openai-stacked
vendor: openai
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts:
  - { label: Enterprise discount, percentOff: "15" }
  - { label: Batch discount, percentOff: "10", serviceTiers: [batch], stacks: true }
`;

/**
 * March 2026, multiplicative stacking (the default):
 *   standard input 400M at $2.50/M = $1,000.00 → −15% ($150.00) = $850.00;
 *   batch input 200M at $1.25/M = $250.00 → −15% ($37.50) = $212.50 → −10% ($21.25) = $191.25;
 *   batch output 30M at $5/M = $150.00 → −15% ($22.50) = $127.50 → −10% ($12.75) = $114.75.
 * Expected invoice: $1,400.00 at list, Enterprise −$210.00, Batch (stacked) −$34.00, total $1,156.00.
 * The bill charges batch input at list ($250.00): the stacked discounts are missing there, $58.75 over.
 */
const LINES = [
  usageLine('2026-03-05', { model: 'gpt-4o', usageClass: 'input', quantity: 400_000_000, billed: '850.00' }),
  usageLine('2026-03-05', { model: 'gpt-4o', usageClass: 'input', serviceTier: 'batch', quantity: 200_000_000, billed: '250.00' }),
  usageLine('2026-03-06', { model: 'gpt-4o', usageClass: 'output', serviceTier: 'batch', quantity: 30_000_000, billed: '114.75' }),
];

describe('stacked discounts, through the CLI and the API', () => {
  const c = contractCase('stacked', LINES, { yaml: CONTRACT, fileName: 'acme-openai-stacked.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    const line = (tier: string, cls: string) => run.lines.find((l) => l.serviceTier === tier && l.usageClass === cls)!;
    expect(line('standard', 'input').discounts).toEqual([{ term: 'discounts[0]', label: 'Enterprise discount', percentOff: '15', amount: '150.00' }]);
    expect(line('batch', 'input').discounts).toEqual([
      { term: 'discounts[0]', label: 'Enterprise discount', percentOff: '15', amount: '37.50' },
      { term: 'discounts[1]', label: 'Batch discount', percentOff: '10', amount: '21.25' },
    ]);
    expect(line('batch', 'output').discounts.map((d) => d.amount)).toEqual(['22.50', '12.75']);
    expect([line('batch', 'input').contracted, line('batch', 'output').contracted]).toEqual(['191.25', '114.75']);
    const march = run.months.find((m) => m.month === '2026-03')!;
    expect(march.invoice!.lines.filter((l) => l.kind === 'discount').map((l) => [l.label, l.amount, l.term])).toEqual([
      ['Enterprise discount', '-210.00', 'discounts[0]'],
      ['Batch discount (stacked multiplicatively)', '-34.00', 'discounts[1]'],
    ]);
    expect(march.invoice!.total).toBe('1156.00');
    expect([march.billed, march.contracted, march.variance]).toEqual(['1214.75', '1156.00', '58.75']);
    expect(run.findings.map((f) => [f.code, f.message])).toEqual([
      [
        'discount_not_applied',
        "Discount not applied: gpt-4o input (batch) on 2026-03-05, billed $250.00 against $191.25 contracted (billed at list, $250.00; the contract's Enterprise discount of 15% and Batch discount of 10% (stacked multiplicatively) apply)",
      ],
    ]);
  };

  it('aispend price --json and its table', () => {
    const cli = c.price('--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--month', '2026-03');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('discounts applied');
    expect(text.stdout).toContain('Enterprise discount 15% -$37.50, then Batch discount 10% -$21.25');
    expect(text.stdout).toMatch(/Batch discount \(stacked multiplicatively\) +discount +discounts\[1\] +-34\.00/);
    expect(text.stdout).toMatch(/Total +1,156\.00/);
  });

  it('the API: contracts.invoiceCheck', async () => {
    expectRun(await c.viaApi());
  });
});
