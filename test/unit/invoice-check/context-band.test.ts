import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { impliedPromptTokens } from '../../../shared/domain/contracts/implied-prompt';
import { checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { FINDING_SEVERITY } from '../../../shared/domain/invoice-check/findings';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { checkLine } from '../../fixtures/invoice-check/check-line';

/**
 * acme-long (price fixture): $3 input / $15 output per 1M tokens for prompts
 * up to 200,000 tokens, $6 / $22.50 above. The contract takes 20% off list.
 */
const book = fixtureBook();
const usd = (n: bigint | null) => (n === null ? null : nanosToDecimal(n, 2));
const contract = loadContractYaml(
  `name: Acme 2026
id: acme-2026
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts:
  - { percentOff: 20, label: Negotiated 20% off list }
`,
  { file: 'acme-2026.yaml', book },
);

const line = (ref: string, usageClass: CheckLine['usageClass'], quantity: number, billed: string, extra: Partial<CheckLine> = {}): CheckLine =>
  checkLine(ref, '2026-02-03', usageClass, quantity, billed, { model: 'acme-long', modelRaw: 'acme-long', ...extra });

/**
 * 3 Feb 2026: 2,500,000 input tokens and 100,000 output tokens, billed at the
 * long-context band less 20%: input 2.5M × $6/M × 0.8 = $12.00, output
 * 0.1M × $22.50/M × 0.8 = $1.80. No line names its band.
 */
const longDay = (): CheckLine[] => [line('in', 'input', 2_500_000, '12.00'), line('out', 'output', 100_000, '1.80')];

describe('context band of a bill line that names none', () => {
  it('is the band the day’s prompt tokens per request imply, where the ledger reports requests', () => {
    // 10 requests: 2,500,000 ÷ 10 = 250,000 prompt tokens per request > 200,000 → the long band, for output too.
    const lines = [...longDay(), line('req', 'request', 10, '0')];
    expect(Object.fromEntries(impliedPromptTokens(lines))).toEqual({ in: 250_000, out: 250_000 });
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings).toEqual([]);
    const byRef = new Map(check.lines.map((l) => [l.ref, l]));
    expect([usd(byRef.get('in')!.contracted), usd(byRef.get('out')!.contracted)]).toEqual(['12.00', '1.80']);
    // The month: usage at the band's list 15.00 + 2.25 = $17.25, less 20% ($3.45) = $13.80, as billed.
    const feb = check.months.find((m) => m.month === '2026-02')!;
    expect([usd(feb.billed), usd(feb.contracted), usd(feb.variance)]).toEqual(['13.80', '13.80', '0.00']);
    expect(feb.expected!.lines.filter((l) => l.kind === 'usage').map((l) => l.label)).toEqual([
      'acme-long input tokens (prompts >200k tokens): 2,500,000 at $6.00 per 1M tokens',
      'acme-long output tokens (prompts >200k tokens): 100,000 at $22.50 per 1M tokens',
    ]);
  });

  it('counts cache reads and writes into the prompt, and takes the base band when the average prompt is below the threshold', () => {
    // 2,500,000 input + 1,000,000 cache read over 20 requests = 175,000 per request ≤ 200,000 → base band.
    const lines = [...longDay(), line('cache', 'cached_input', 1_000_000, '0.24'), line('req', 'request', 20, '0')];
    expect(impliedPromptTokens(lines).get('in')).toBe(175_000);
    const check = checkInvoices(book, [contract], lines);
    // Base band: input 2.5M × $3/M × 0.8 = $6.00 — billed $12.00, and the ledger could tell the band: an overcharge, not an assumption.
    const input = check.lines.find((l) => l.ref === 'in')!;
    expect([usd(input.contracted), usd(input.variance), input.findings]).toEqual(['6.00', '6.00', ['rate_above_contract']]);
  });

  it('without a request count, a bill that fits a higher band is "band assumed", in its own lower severity, never "rate above contract"', () => {
    const check = checkInvoices(book, [contract], longDay());
    // Priced at the base band: input 2.5M × $3/M × 0.8 = $6.00, output 0.1M × $15/M × 0.8 = $1.20; the bill fits the >200k band ($12.00, $1.80).
    expect(check.lines.map((l) => [l.ref, usd(l.contracted), l.findings])).toEqual([
      ['in', '6.00', ['band_assumed']],
      ['out', '1.20', ['band_assumed']],
    ]);
    expect(check.findings).toHaveLength(1);
    const f = check.findings[0]!;
    expect([f.code, f.lines, f.overcharge, FINDING_SEVERITY[f.code]]).toEqual(['band_assumed', 2, null, 'assumption']);
    // Both lines: billed 12.00 + 1.80 = $13.80 against 6.00 + 1.20 = $7.20 at the base band.
    expect(f.message).toBe(
      'Band assumed: acme-long input, acme-long output on 2 lines on 2026-02-03, billed $13.80 against $7.20 contracted at the base band; the lines name no context band and the ledger has no request count to tell the prompt size, and the bill fits the >200k band. Ask the vendor which band it billed, or import the usage report with request counts',
    );
    expect(check.lineFindings.find((x) => x.ref === 'in')!.single).toContain('at the >200k band it would cost $12.00');
  });

  it('a bill above even the highest band is still a rate above contract, ranked before the assumptions', () => {
    // Output billed $1.80 (fits >200k); input billed $20.00 > 2.5M × $6/M × 0.8 = $12.00 at the highest band.
    const lines = [line('in', 'input', 2_500_000, '20.00'), line('out', 'output', 100_000, '1.80')];
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings.map((f) => [f.code, f.lineRef, usd(f.overcharge)])).toEqual([
      // 20.00 − 6.00 at the base band the line was priced at.
      ['rate_above_contract', 'in', '14.00'],
      ['band_assumed', 'out', null],
    ]);
  });

  it('a vendor without a contract: the same at list prices', () => {
    // At list: input 2.5M × $3/M = $7.50 base, × $6/M = $15.00 in the long band; billed $15.00.
    const check = checkInvoices(book, [], [line('in', 'input', 2_500_000, '15.00')]);
    expect(check.lines.map((l) => [usd(l.contracted), l.findings])).toEqual([['7.50', ['band_assumed']]]);
    expect(check.findings[0]!.message).toBe(
      'Band assumed: acme-long input on 2026-02-03, billed $15.00 against $7.50 at list at the base band; the line names no context band and the ledger has no request count to tell the prompt size, and at the >200k band it would cost $15.00. Ask the vendor which band it billed, or import the usage report with request counts',
    );
    const withRequests = checkInvoices(book, [], [line('in', 'input', 2_500_000, '15.00'), line('req', 'request', 5, '0')]);
    // 2,500,000 ÷ 5 = 500,000 per request: the long band, $15.00 as billed.
    expect(withRequests.findings).toEqual([]);
  });

  it('a line that names its band keeps it: requests do not override the vendor’s own band', () => {
    const lines = [line('in', 'input', 2_500_000, '6.00', { contextBand: '0-200k' }), line('req', 'request', 10, '0')];
    expect(impliedPromptTokens(lines).size).toBe(0);
    expect(checkInvoices(book, [contract], lines).findings).toEqual([]);
  });
});
