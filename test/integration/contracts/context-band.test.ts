import { describe, expect, it } from 'vitest';
import type { InvoiceCheckRun } from '../../../shared/api/contracts';
import { contractCase } from '../../helpers/contract-case';
import { usageLine } from '../../helpers/ledger-workspace';

/**
 * Claude Sonnet 4.5 on the shipped price book: $3 input / $15 output per 1M
 * tokens up to 200k prompt tokens, $6 / $22.50 above (every token of a long
 * request). The contract's rates name no band: they are the base-band rates,
 * and long prompts pay them × the list's band premium (× 2 input, × 1.5 output).
 */
const CONTRACT = `name: Acme × Anthropic 2026
id: acme-anthropic-2026
vendor: anthropic
currency: USD
term: { start: 2026-03-01, end: 2026-03-31 }
rates:
  - { model: claude-sonnet-4-5, usageClass: input, price: "2.70" }
  - { model: claude-sonnet-4-5, usageClass: output, price: "13.50" }
`;

const line = (day: string, usageClass: 'input' | 'output' | 'request', quantity: number, billed: string) =>
  usageLine(day, { provider: 'anthropic', model: 'claude-sonnet-4-5', usageClass, quantity, billed, unit: usageClass === 'request' ? 'requests' : 'tokens' });

/**
 * 2 March: 2,000,000 input over 8 requests = 250,000 per request > 200k → long band:
 *   input 2M × $2.70 × 2 = $10.80, output 0.1M × $13.50 × 1.5 = $2.025; billed so.
 * 3 March: the same long-band bill (1M input $5.40, 0.1M output $2.025) but no request
 *   count: priced at the base band, input $2.70 + output $1.35 = $4.05 → "band assumed".
 * 4 March: 1,000,000 input over 10 requests = 100,000 per request → base band, $2.70; billed so.
 * Month billed: 10.80 + 2.025 + 5.40 + 2.025 + 2.70 = $22.95;
 * contracted: 10.80 + 2.025 + 2.70 + 1.35 + 2.70 = $19.575 exact.
 */
const LINES = [
  line('2026-03-02', 'input', 2_000_000, '10.80'),
  line('2026-03-02', 'output', 100_000, '2.025'),
  line('2026-03-02', 'request', 8, '0'),
  line('2026-03-03', 'input', 1_000_000, '5.40'),
  line('2026-03-03', 'output', 100_000, '2.025'),
  line('2026-03-04', 'input', 1_000_000, '2.70'),
  line('2026-03-04', 'request', 10, '0'),
];

describe('context band of lines that name none, through the CLI and the API', () => {
  const c = contractCase('bands', LINES, { yaml: CONTRACT, fileName: 'acme-anthropic-2026.yaml' });

  const expectRun = (run: InvoiceCheckRun) => {
    expect(run.findings.map((f) => [f.code, f.lines, f.billed, f.overcharge])).toEqual([['band_assumed', 2, '7.425', null]]);
    expect(run.findings[0]!.message).toContain('Band assumed: claude-sonnet-4-5 input, claude-sonnet-4-5 output on 2 lines on 2026-03-03');
    expect(run.findings[0]!.message).toContain('the bill fits the >200k band');
    const contracted = Object.fromEntries(run.lines.filter((l) => l.usageClass !== 'request').map((l) => [`${l.day} ${l.usageClass}`, l.contracted]));
    expect(contracted).toEqual({ '2026-03-02 input': '10.80', '2026-03-02 output': '2.025', '2026-03-03 input': '2.70', '2026-03-03 output': '1.35', '2026-03-04 input': '2.70' });
    const march = run.months.find((m) => m.month === '2026-03')!;
    expect([march.billed, march.contracted, march.variance]).toEqual(['22.95', '19.575', '3.375']);
    // The expected invoice, each line to the cent: long input 10.80, long output 2.025 → 2.03, base input 2M × 2.70 = 5.40, base output 1.35; 19.58.
    expect(march.invoice!.lines.map((l) => [l.term, l.amount])).toEqual([
      ['rates[0]', '10.80'],
      ['rates[1]', '2.03'],
      ['rates[0]', '5.40'],
      ['rates[1]', '1.35'],
    ]);
    expect(march.invoice!.lines[0]!.label).toBe("claude-sonnet-4-5 input tokens (prompts >200k tokens): 2,000,000 at contracted $5.40 per 1M tokens (the rates[0] base-band rate × 2, the list's band premium)");
    expect(march.invoice!.total).toBe('19.58');
  };

  it('aispend price --json', () => {
    const cli = c.price('--json');
    expect(cli.status, cli.stderr).toBe(0);
    expectRun(JSON.parse(cli.stdout) as InvoiceCheckRun);
    const text = c.price('--only-findings');
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('1 finding:');
    expect(text.stdout).toContain('- Band assumed: claude-sonnet-4-5 input, claude-sonnet-4-5 output on 2 lines on 2026-03-03');
    expect(text.stdout).not.toContain('[overcharge');
  });

  it('the API: contracts.invoiceCheck', async () => {
    expectRun(await c.viaApi());
  });
});
