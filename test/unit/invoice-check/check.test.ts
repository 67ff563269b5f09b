import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { invoiceCheckToCsv, invoiceCheckToWire } from '../../../shared/domain/invoice-check/wire';
import { InvoiceCheckResult } from '../../../shared/api/contracts';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { checkLine } from '../../fixtures/invoice-check/check-line';

const book = fixtureBook();
const usd = (n: bigint | null) => (n === null ? null : nanosToDecimal(n, 2));

const contract = loadContractYaml(
  `name: Acme 2026
id: acme-2026
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-06-30 }
discounts:
  - { percentOff: 20, label: Negotiated 20% off list }
credits:
  grants:
    - { id: onboarding, amount: 100, start: 2026-03-01, expires: 2026-03-31 }
`,
  { file: 'acme-2026.yaml', book },
);

const line = (ref: string, day: string, usageClass: CheckLine['usageClass'], quantity: number, billed: string, extra: Partial<CheckLine> = {}): CheckLine => checkLine(ref, day, usageClass, quantity, billed, extra);

/**
 * February 2026, one line per day and class, each billed at the contract:
 * input 10M tokens × $2.50/M × 0.8 = $20.00, output 2M × $10/M × 0.8 = $16.00,
 * cached input 4M × $1.25/M × 0.8 = $4.00 — $40.00 a day, $1,120.00 for 28 days.
 */
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

describe('invoice check', () => {
  it('finds exactly the one planted overcharge in a month of lines', () => {
    const lines = february();
    // Plant: Feb 17 output billed $19.20 = 2M × $9.60/M instead of 2M × ($10/M × 0.8 = $8/M) = $16.00, 20% above contract.
    const planted = lines.find((l) => l.ref === 'out-17')!;
    planted.billedCost = parseMoney('19.20');
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings.map((f) => [f.code, f.lineRef])).toEqual([['rate_above_contract', 'out-17']]);
    expect(check.lines.filter((l) => l.findings.length > 0).map((l) => l.ref)).toEqual(['out-17']);
    const flagged = check.lines.find((l) => l.ref === 'out-17')!;
    expect(usd(flagged.contracted)).toBe('16.00');
    expect(usd(flagged.variance)).toBe('3.20');
    // Month: billed $1,120.00 + $3.20 = $1,123.20 against $1,120.00 contracted.
    const feb = check.months.find((m) => m.month === '2026-02')!;
    expect([usd(feb.billed), usd(feb.contracted), usd(feb.variance)]).toEqual(['1123.20', '1120.00', '3.20']);
  });

  it('says "discount not applied" when a line is billed at list', () => {
    const lines = february();
    // Feb 3 input at list: 10M × $2.50/M = $25.00 instead of $20.00.
    lines.find((l) => l.ref === 'in-3')!.billedCost = parseMoney('25.00');
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings.map((f) => [f.code, f.lineRef, usd(f.overcharge)])).toEqual([['discount_not_applied', 'in-3', '5.00']]);
  });

  it('says "cached tokens billed as uncached" when cache reads are billed at the input rate', () => {
    const lines = february();
    // Feb 9 cached input billed as input: 4M × $2.50/M × 0.8 = $8.00 instead of $4.00.
    lines.find((l) => l.ref === 'cache-9')!.billedCost = parseMoney('8.00');
    const check = checkInvoices(book, [contract], lines);
    expect(check.findings.map((f) => [f.code, f.lineRef])).toEqual([['cached_billed_as_uncached', 'cache-9']]);
  });

  it('reports usage outside the contract period and unknown models, never pricing them at zero', () => {
    const lines = [
      ...february(),
      // July is after the term: 10M × $2.50/M = $25.00 at list, billed $25.00.
      line('jul-1', '2026-07-01', 'input', 10_000_000, '25.00'),
      line('mystery', '2026-02-10', 'input', 1_000_000, '3.00', { model: 'acme-mystery', modelRaw: 'acme-mystery-v9' }),
    ];
    const check = checkInvoices(book, [contract], lines);
    const codes = check.findings.map((f) => f.code).sort();
    expect(codes).toEqual(['unknown_model', 'usage_outside_contract']);
    const jul = check.lines.find((l) => l.ref === 'jul-1')!;
    // No contract says what July should cost: its list cost is shown, but it is not compared (issue 18: outside the term is never an overcharge).
    expect([usd(jul.list), jul.contracted, jul.findings]).toEqual(['25.00', null, ['usage_outside_contract']]);
    const mystery = check.lines.find((l) => l.ref === 'mystery')!;
    expect([mystery.contracted, mystery.findings]).toEqual([null, ['unknown_model']]);
    // A month with an unpriceable line has no contracted total rather than a wrong one.
    expect(check.months.find((m) => m.month === '2026-02')!.contracted).toBeNull();
  });

  it('says "credits not applied" when the bill shows no credit the contract grants', () => {
    // March: one day of usage, $40.00; the $100 onboarding credit pays it all, so $0 is owed.
    const march = [line('m-in', '2026-03-05', 'input', 10_000_000, '20.00'), line('m-out', '2026-03-05', 'output', 2_000_000, '16.00'), line('m-cache', '2026-03-05', 'cached_input', 4_000_000, '4.00')];
    const check = checkInvoices(book, [contract], march);
    expect(check.findings.map((f) => [f.code, usd(f.overcharge)])).toEqual([['credits_not_applied', '40.00']]);
    const withCredit = checkInvoices(book, [contract], [...march, { ...line('m-credit', '2026-03-31', 'other', 0, '-40.00'), chargeCategory: 'credit', model: null, modelRaw: null }]);
    expect(withCredit.findings).toEqual([]);
    expect(usd(withCredit.months[0]!.variance)).toBe('0.00');
  });

  it('says "credits expired early" when credits stop while the grant is still valid', () => {
    const two = loadContractYaml(
      `name: Acme credits
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
credits:
  grants:
    - { id: big, amount: 1000, start: 2026-01-01, expires: 2026-06-30 }
`,
      { file: 'credits.yaml', book },
    );
    // Jan and Feb: 10M input at list $25.00 each; the vendor applies the credit in January only.
    const lines: CheckLine[] = [
      line('j', '2026-01-10', 'input', 10_000_000, '25.00'),
      { ...line('jc', '2026-01-31', 'other', 0, '-25.00'), chargeCategory: 'credit', model: null, modelRaw: null },
      line('f', '2026-02-10', 'input', 10_000_000, '25.00'),
    ];
    const check = checkInvoices(book, [two], lines);
    expect(check.findings.map((f) => [f.code, f.month])).toEqual([['credits_expired_early', '2026-02']]);
  });

  it('serialises to the API schema and to formula-safe CSV', () => {
    const lines = february().slice(0, 3);
    lines[0]!.model = '=HYPERLINK("http://x")';
    const check = checkInvoices(book, [], lines);
    expect(InvoiceCheckResult.safeParse(invoiceCheckToWire(check)).success).toBe(true);
    const csv = invoiceCheckToCsv(check);
    expect(csv.split('\r\n')[0]).toBe('ref,day,month,provider,model,usage_class,service_tier,quantity,currency,billed,list,contracted,variance,contract_id,price_row_id,findings,ledger_lines,discounts');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it('refuses lines in another currency than the contract, naming the contract file', () => {
    const lines = [line('eur', '2026-02-01', 'input', 1_000_000, '2.00', { currency: 'EUR' })];
    expect(() => checkInvoices(book, [contract], lines)).toThrow(/mixed currencies/);
    try {
      checkInvoices(book, [contract], lines);
    } catch (e) {
      expect(e).toMatchObject({ file: 'acme-2026.yaml', field: 'currency' });
    }
  });
});
