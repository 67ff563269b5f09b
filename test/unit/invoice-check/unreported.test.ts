import { describe, expect, it } from 'vitest';
import { InvoiceCheckResult } from '../../../shared/api/contracts';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { checkForMonth, checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { invoiceCheckToWire } from '../../../shared/domain/invoice-check/wire';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { checkLine } from '../../fixtures/invoice-check/check-line';

const book = fixtureBook();
const usd = (n: bigint | null) => (n === null ? null : nanosToDecimal(n, 2));

/** Acme, Jan–Jun 2026, 20% off list: input $2.50/M → $2.00/M, output $10/M → $8/M, cached $1.25/M → $1.00/M. */
const contract = loadContractYaml(
  `name: Acme 2026
id: acme-2026
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-06-30 }
discounts:
  - { percentOff: 20, label: Negotiated 20% off list }
`,
  { file: 'acme-2026.yaml', book },
);

const line = checkLine;

/** A costs export: money per day and line item, no token counts; two days before the term, one day in it. */
const costsOnly = (): CheckLine[] => [
  line('dec-30-out', '2025-12-30', 'output', null, '20.43'),
  line('dec-31-in', '2025-12-31', 'input', null, '5.00'),
  line('feb-02-in', '2026-02-02', 'input', null, '20.00'),
  line('feb-02-out', '2026-02-02', 'output', null, '16.00'),
  // A line with its quantity: 4M cached × $1.00/M = $4.00, billed as contracted.
  line('feb-02-cache', '2026-02-02', 'cached_input', 4_000_000, '4.00'),
];

describe('invoice check: what a statement does not report', () => {
  it('never prices a line without a quantity at $0, nor calls it an overcharge: "cost without usage: cannot re-price"', () => {
    const check = checkInvoices(book, [contract], costsOnly());
    expect(check.findings.filter((f) => f.code === 'rate_above_contract' || f.code === 'discount_not_applied')).toEqual([]);
    expect(check.findings.every((f) => f.overcharge === null)).toBe(true);
    const feb = check.lines.find((l) => l.ref === 'feb-02-in')!;
    expect(feb).toMatchObject({ quantity: null, list: null, contracted: null, variance: null, findings: ['cost_without_usage'] });
    // One finding for the one cause: two February lines billed $20.00 + $16.00 = $36.00.
    const noUsage = check.findings.filter((f) => f.code === 'cost_without_usage');
    expect(noUsage).toHaveLength(1);
    expect(noUsage[0]).toMatchObject({ lines: 2, lineRefs: ['feb-02-in', 'feb-02-out'], provider: 'acme', month: '2026-02', currency: 'USD' });
    expect(usd(noUsage[0]!.billed)).toBe('36.00');
    expect(noUsage[0]!.message).toBe(
      'Cost without usage: cannot re-price: 2 acme lines on 2026-02-02 (billed $36.00) give a cost but no quantity, so they cannot be priced under the contract; import the usage report for those days to check them',
    );
    // The line with its quantity is still checked.
    expect(check.lines.find((l) => l.ref === 'feb-02-cache')).toMatchObject({ contracted: 4_000_000_000n, variance: 0n, findings: [] });
  });

  it('says "outside the term" for lines before every contract, without pricing or an overcharge', () => {
    const check = checkInvoices(book, [contract], costsOnly());
    const dec = check.lines.find((l) => l.ref === 'dec-30-out')!;
    expect(dec).toMatchObject({ contracted: null, variance: null, contractId: null, findings: ['usage_outside_contract'] });
    const outside = check.findings.filter((f) => f.code === 'usage_outside_contract');
    // $20.43 + $5.00 = $25.43 over two lines.
    expect(outside.map((f) => [f.lines, usd(f.billed), f.overcharge, f.lineRefs])).toEqual([[2, '25.43', null, ['dec-30-out', 'dec-31-in']]]);
    expect(outside[0]!.message).toBe('Outside the term: 2 acme lines from 2025-12-30 to 2025-12-31 (billed $25.43) fall outside every acme contract term, so no contract says what they should cost');
  });

  it('leaves months it cannot check out of the totals and says how much was not checked, and why', () => {
    const check = checkInvoices(book, [contract], costsOnly());
    expect(check.months.map((m) => [m.month, m.contractId, usd(m.billed), m.contracted, m.note])).toEqual([
      ['2025-12', null, '25.43', null, 'outside_term'],
      ['2026-02', 'acme-2026', '40.00', null, 'cost_without_usage'],
    ]);
    // Nothing could be checked: $25.43 + $40.00 = $65.43 billed in two months is not in billed − contracted.
    expect(check.totals.map((t) => [t.currency, usd(t.billed), usd(t.contracted), usd(t.variance), t.uncheckedMonths, usd(t.uncheckedBilled)])).toEqual([
      ['USD', '0.00', '0.00', '0.00', 2, '65.43'],
    ]);
    expect(InvoiceCheckResult.safeParse(invoiceCheckToWire(check, book)).success).toBe(true);
  });

  it('keeps a month partly outside the term apart from the contract month', () => {
    // A contract from 2026-01-15: Jan 10 lies outside it, Jan 20 inside (10M input × $2.00/M = $20.00, billed so).
    const late = loadContractYaml(`name: Acme late\nid: acme-late\nvendor: acme\ncurrency: USD\nterm: { start: 2026-01-15, end: 2026-06-30 }\ndiscounts:\n  - { percentOff: 20, label: Negotiated 20% off list }\n`, { file: 'late.yaml', book });
    const check = checkInvoices(book, [late], [line('jan-10', '2026-01-10', 'input', 10_000_000, '25.00'), line('jan-20', '2026-01-20', 'input', 10_000_000, '20.00')]);
    expect(check.months.map((m) => [m.month, m.contractId, usd(m.billed), usd(m.contracted), m.note])).toEqual([
      ['2026-01', null, '25.00', null, 'outside_term'],
      ['2026-01', 'acme-late', '20.00', '20.00', null],
    ]);
    // At list the Jan 10 line costs 10M × $2.50/M = $25.00: shown, but no contract is behind it.
    expect(check.lines.find((l) => l.ref === 'jan-10')).toMatchObject({ list: 25_000_000_000n, contracted: null });
  });

  it('compares a vendor with no contract at all with list prices, and names it so', () => {
    // No contract: 10M input at list $25.00, billed $27.50: $2.50 above list.
    const check = checkInvoices(book, [], [line('x', '2026-02-02', 'input', 10_000_000, '27.50')]);
    expect(check.findings.map((f) => [f.code, usd(f.overcharge), f.message])).toEqual([
      ['rate_above_list', '2.50', 'Rate above list price: acme-large input on 2026-02-02, billed $27.50 against $25.00 at list (no contract)'],
    ]);
  });
});

describe('invoice check: findings that share one cause', () => {
  /** February 2026 at the contract: input 10M × $2.00/M = $20.00, output 2M × $8/M = $16.00, cached 4M × $1/M = $4.00 a day. */
  function february(): CheckLine[] {
    const out: CheckLine[] = [];
    for (let d = 1; d <= 28; d++) {
      const day = `2026-02-${String(d).padStart(2, '0')}`;
      out.push(line(`in-${d}`, day, 'input', 10_000_000, '20.00'));
      out.push(line(`out-${d}`, day, 'output', 2_000_000, '16.00'));
      out.push(line(`cache-${d}`, day, 'cached_input', 4_000_000, '4.00'));
    }
    return out;
  }

  it('groups a discount missing on several lines into one finding with a count, a total and its lines', () => {
    const lines = february();
    // At list: input $25.00 (Feb 3, Feb 4), output 2M × $10/M = $20.00 (Feb 5): $5.00 + $5.00 + $4.00 = $14.00 over, $70.00 billed.
    lines.find((l) => l.ref === 'in-3')!.billedCost = parseMoney('25.00');
    lines.find((l) => l.ref === 'in-4')!.billedCost = parseMoney('25.00');
    lines.find((l) => l.ref === 'out-5')!.billedCost = parseMoney('20.00');
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings).toHaveLength(1);
    const f = check.findings[0]!;
    expect([f.code, f.lines, f.lineRef, f.lineRefs, usd(f.billed), usd(f.overcharge)]).toEqual(['discount_not_applied', 3, 'in-3', ['in-3', 'in-4', 'out-5'], '70.00', '14.00']);
    expect(f.message).toBe(
      "Discount not applied: the contract's Negotiated 20% off list of 20% is missing on 3 lines (acme-large input, acme-large output) from 2026-02-03 to 2026-02-05, billed $70.00 at list against $56.00 contracted",
    );
    // Each line still carries its own finding.
    expect(check.lines.filter((l) => l.findings.length > 0).map((l) => l.ref)).toEqual(['in-3', 'in-4', 'out-5']);
  });

  it('names usage classes and tiers in words', () => {
    const lines = february();
    // Feb 9 cached input billed as input: 4M × $2.00/M = $8.00 instead of $4.00.
    lines.find((l) => l.ref === 'cache-9')!.billedCost = parseMoney('8.00');
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings[0]!.message).toBe('Cached tokens billed as uncached: acme-large cached input on 2026-02-09, billed $8.00 against $4.00 contracted (uncached input would cost $8.00)');
  });

  it('regroups what concerns one month when a check is cut to it', () => {
    const lines = february();
    lines.find((l) => l.ref === 'in-3')!.billedCost = parseMoney('25.00');
    lines.push(line('mar-2', '2026-03-02', 'input', 10_000_000, '25.00'));
    const all = checkInvoices(book, [contract], lines);
    expect(all.findings.map((f) => [f.code, f.lines, f.month])).toEqual([['discount_not_applied', 2, '2026-02']]);
    const march = checkForMonth(all, '2026-03');
    expect(march.findings.map((f) => [f.code, f.lines, f.month, f.lineRefs, usd(f.overcharge)])).toEqual([['discount_not_applied', 1, '2026-03', ['mar-2'], '5.00']]);
  });
});
