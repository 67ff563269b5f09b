import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { checkForMonth, checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { invoiceCheckToWire } from '../../../shared/domain/invoice-check/wire';
import { InvoiceCheckResult } from '../../../shared/api/contracts';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint | null) => (n === null ? null : nanosToDecimal(n, 2));

const committed = loadContractYaml(
  `name: Acme committed
id: acme-commit
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-06-30 }
commitment: { amount: 100, period: month }
`,
  { file: 'acme-commit.yaml', book },
);

function input(ref: string, day: string, tokens: number, billed: string, ledgerLines = 1): CheckLine {
  return {
    ref,
    chargePeriodStart: `${day}T00:00:00Z`,
    chargeCategory: 'usage',
    provider: 'acme',
    model: 'acme-large',
    modelRaw: null,
    usageClass: 'input',
    serviceTier: 'standard',
    contextBand: null,
    region: null,
    quantity: tokens,
    billedCost: parseMoney(billed),
    currency: 'USD',
    ledgerLines,
  };
}

describe('invoice check across months', () => {
  // January 80M tokens × $2.50/M = $200.00 (above the $100 commitment); nothing billed in February;
  // March 40M × $2.50/M = $100.00 (exactly the commitment).
  const lines = [input('jan', '2026-01-12', 80_000_000, '200.00', 24), input('mar', '2026-03-03', 40_000_000, '100.00')];

  it('reports a month the contract bills but the vendor never did, between the first and last billed month', () => {
    const check = checkInvoices(book, [committed], lines);
    // February: no usage, so the $100.00 commitment is billed in full as a shortfall, and there is no bill.
    expect(check.findings.map((f) => [f.code, f.month])).toEqual([['missing_invoice_month', '2026-02']]);
    expect(check.findings[0]!.message).toContain('bills $100.00 for 2026-02 (commitment shortfall $100.00)');
    expect(check.months.map((m) => [m.month, usd(m.billed), usd(m.contracted), usd(m.variance)])).toEqual([
      ['2026-01', '200.00', '200.00', '0.00'],
      ['2026-02', '0.00', '100.00', '-100.00'],
      ['2026-03', '100.00', '100.00', '0.00'],
    ]);
    // April to June lie after the last bill: the ledger does not reach them, which is not a finding.
    // Totals: billed $300.00 against $400.00.
    expect(check.totals.map((t) => [usd(t.billed), usd(t.contracted), usd(t.variance)])).toEqual([['300.00', '400.00', '-100.00']]);
    expect(check.lines.find((l) => l.ref === 'jan')).toMatchObject({ day: '2026-01-12', ledgerLines: 24 });
  });

  it('keeps one month of a check, its totals recomputed', () => {
    const march = checkForMonth(checkInvoices(book, [committed], lines), '2026-03');
    expect(march.lines.map((l) => l.ref)).toEqual(['mar']);
    expect(march.months.map((m) => m.month)).toEqual(['2026-03']);
    expect(march.findings).toEqual([]);
    expect(march.totals.map((t) => usd(t.billed))).toEqual(['100.00']);
    expect(InvoiceCheckResult.safeParse(invoiceCheckToWire(march, book)).success).toBe(true);
  });

  it('names the price rows behind the lines on the wire', () => {
    const wire = invoiceCheckToWire(checkInvoices(book, [committed], lines), book);
    expect(wire.priceRows.map((r) => r.id)).toEqual([...new Set(wire.lines.map((l) => l.priceRowId))]);
    expect(wire.priceRows.every((r) => r.verify === false)).toBe(true);
  });

  it('counts a meter nobody prices and nobody billed (request counts) as costing nothing, so the month is still known', () => {
    // March as above ($100.00 of input) plus 12 requests billed $0.00: the fixture book has no request price.
    const requests: CheckLine = { ...input('req', '2026-03-03', 12, '0.00'), usageClass: 'request' };
    const check = checkForMonth(checkInvoices(book, [committed], [...lines, requests]), '2026-03');
    expect(check.lines.find((l) => l.ref === 'req')).toMatchObject({ contracted: 0n, variance: 0n, findings: [] });
    expect(check.months.map((m) => [usd(m.billed), usd(m.contracted)])).toEqual([['100.00', '100.00']]);
    // Billed something with no price to check it against: the month's contracted total is not known.
    const billed = checkForMonth(checkInvoices(book, [committed], [...lines, { ...requests, billedCost: parseMoney('1.00') }]), '2026-03');
    expect(billed.months[0]!.contracted).toBeNull();
  });
});
