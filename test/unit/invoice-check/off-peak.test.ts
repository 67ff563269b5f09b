import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { checkLine } from '../../fixtures/invoice-check/check-line';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';

const book = bundledPriceBook();

const line = (ref: string, billed: string, extra: Partial<CheckLine> = {}): CheckLine =>
  checkLine(ref, '2026-06-15', 'input', 10_000_000, billed, { provider: 'deepseek', model: 'deepseek-chat', modelRaw: 'deepseek-chat', ...extra });

describe('invoice check: a bill below list by the off-peak discount', () => {
  // deepseek-chat input: $0.27 per M 00:30-16:30 UTC (list), $0.135 per M outside it. 10M tokens: $2.70 at list, $1.35 all off-peak.
  it('names the off-peak discount as the likely reason, in its own words, not as an error', () => {
    const check = checkInvoices(book, [], [line('all-off-peak', '1.35'), line('half', '2.025', { chargePeriodStart: '2026-06-16T00:00:00Z' })]);
    const all = check.lines.find((l) => l.ref === 'all-off-peak')!;
    expect(all).toMatchObject({ list: 2_700_000_000n, contracted: 2_700_000_000n, variance: -1_350_000_000n, findings: ['off_peak_discount'] });
    const byRef = new Map(check.findings.flatMap((f) => f.lineRefs.map((r) => [r, f] as const)));
    expect(byRef.get('all-off-peak')?.code).toBe('off_peak_discount');
    expect(byRef.get('all-off-peak')?.overcharge).toBeNull();
    // (2.70 − 2.025) / (2.70 − 1.35) = 0.675 / 1.35 = 50% of the tokens at the off-peak price ($2.025 shows as $2.02, half-even).
    const lineFinding = check.lineFindings.find((f) => f.ref === 'half')!;
    expect(lineFinding.single).toBe(
      'Below list: off-peak discount likely: deepseek-chat input on 2026-06-16, billed $2.02 against $2.70 at the standard rate; the price book lists $0.27 per M with an off-peak discount to $0.135 per M outside 00:30-16:30 UTC, which a daily line cannot show; the bill matches about 50% of it at the off-peak price (all off-peak: $1.35)',
    );
    expect(check.lineFindings.find((f) => f.ref === 'all-off-peak')!.single).toContain('the bill matches all of it at the off-peak price');
    // Two lines, one cause: one finding listed after any overcharge.
    expect(check.findings.filter((f) => f.code === 'off_peak_discount')).toHaveLength(1);
    expect(check.findings[0]!.message).toBe(
      'Below list: off-peak discount likely: deepseek-chat input on 2 lines from 2026-06-15 to 2026-06-16, billed $3.38 against $5.40 at the standard rate; the price book\'s off-peak discount outside 00:30-16:30 UTC would explain it (a daily line cannot show the hour)',
    );
  });

  it('scales with the contract: 10% off makes $2.43 expected and $1.215 all off-peak', () => {
    const contract = loadContractYaml(
      `name: DeepSeek 2026
id: deepseek-2026
vendor: deepseek
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts:
  - { percentOff: 10, label: Negotiated 10% }
`,
      { file: 'deepseek-2026.yaml', book },
    );
    // 10M × $0.27 × 0.9 = $2.43 contracted; all off-peak: $2.43 × 0.135 / 0.27 = $1.215.
    const check = checkInvoices(book, [contract], [line('contract', '1.215')]);
    const l = check.lines.find((x) => x.ref === 'contract')!;
    expect([l.contracted, l.findings]).toEqual([2_430_000_000n, ['off_peak_discount']]);
    expect(check.lineFindings[0]!.single).toContain('all of it at the off-peak price (all off-peak: $1.22)');
  });

  it('says nothing where the discount cannot explain it: below all-off-peak, or a vendor without one', () => {
    // $1.00 is below even all-off-peak ($1.35): no reason is claimed (a bill below what it should be is no finding).
    const low = checkInvoices(book, [], [line('low', '1.00')]);
    expect(low.lines[0]!.findings).toEqual([]);
    expect(low.findings).toEqual([]);
    // gpt-4.1 input at $2.00/M, 1M billed $1.00: below list, no off-peak price.
    const openai = checkInvoices(book, [], [line('openai', '1.00', { provider: 'openai', model: 'gpt-4.1', modelRaw: 'gpt-4.1', quantity: 1_000_000 })]);
    expect(openai.lines[0]!.findings).toEqual([]);
  });
});
