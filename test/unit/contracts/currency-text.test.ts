import { describe, expect, it } from 'vitest';
import { contractHighlights } from '../../../shared/domain/contracts/highlights';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { checkInvoices, type CheckLine } from '../../../shared/domain/invoice-check/check';
import { nanosToDecimal, parseMoney } from '../../../shared/domain/money';
import { lookupPrice } from '../../../shared/domain/pricebook/lookup';
import { priceLookupToWire } from '../../../shared/domain/pricebook/wire';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

/**
 * A contract in euros says euros wherever it names an amount: line labels,
 * term summaries, invoice-check findings and price descriptions. The fixture
 * price book lists euro / euro-model input at €1.00 per 1M tokens.
 */
const book = fixtureBook();
const eur = (n: bigint) => nanosToDecimal(n, 2);

const euroContract = (body: string) =>
  loadContractYaml(`name: Euro 2026\nid: euro-2026\nvendor: euro\ncurrency: EUR\nterm: { start: 2026-01-01, end: 2026-12-31 }\ndiscounts:\n  - { percentOff: 10, label: Euro discount }\n${body}`, {
    file: 'euro-2026.yaml',
    book,
  });

describe('a EUR contract names its amounts in EUR', () => {
  it('labels usage and a commitment shortfall in EUR, never $', () => {
    // 1,000,000,000 input tokens × €1.00/M = €1,000.00 at list; 10% off → €900.00.
    // Commitment €1,500.00 a month, take-or-pay: shortfall €1,500 − €900 = €600.00; invoice €1,500.00.
    const c = euroContract('commitment: { amount: 1500, period: month, takeOrPay: true }');
    const m = priceContractMonth(c, '2026-03', [{ model: 'euro-model', usageClass: 'input', serviceTier: 'standard', quantity: 1_000_000_000, date: '2026-03-10' }], book);
    expect(m.lines.map((l) => [l.kind, l.label, eur(l.amount)])).toEqual([
      ['usage', 'euro-model input tokens: 1,000,000,000 at 1.00 EUR per 1M tokens', '1000.00'],
      ['discount', 'Euro discount', '-100.00'],
      ['commitment_shortfall', 'Commitment shortfall: 1,500.00 EUR committed for the month, 900.00 EUR counted', '600.00'],
    ]);
    expect(eur(m.total)).toBe('1500.00');
    expect(m.lines.some((l) => l.label.includes('$'))).toBe(false);
  });

  it('tops up to a minimum fee named in EUR', () => {
    // 100M tokens × €1.00/M × 0.9 = €90.00 against a €250.00 minimum: top-up €160.00.
    const c = euroContract('minimumMonthlyFee: 250');
    const m = priceContractMonth(c, '2026-04', [{ model: 'euro-model', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000, date: '2026-04-02' }], book);
    const topUp = m.lines.find((l) => l.kind === 'minimum_fee_topup')!;
    expect([topUp.label, eur(topUp.amount)]).toEqual(['Minimum monthly fee top-up to 250.00 EUR', '160.00']);
  });

  it('sums up its terms in EUR', () => {
    const c = euroContract('commitment: { amount: 1500, period: month, takeOrPay: true }\nminimumMonthlyFee: 250');
    expect(contractHighlights(c)).toEqual(['10% off list', '1,500.00 EUR a month committed, take-or-pay', 'minimum 250.00 EUR a month']);
  });

  it('finds an overcharge and says it in EUR', () => {
    // Contracted: 100M × €1.00/M × 0.9 = €90.00. Billed at list: €100.00.
    const c = euroContract('');
    const line: CheckLine = {
      ref: 'eur-1',
      chargePeriodStart: '2026-03-05T00:00:00Z',
      chargeCategory: 'usage',
      provider: 'euro',
      model: 'euro-model',
      modelRaw: 'euro-model',
      usageClass: 'input',
      serviceTier: 'standard',
      contextBand: null,
      region: null,
      quantity: 100_000_000,
      billedCost: parseMoney('100.00'),
      currency: 'EUR',
    };
    const check = checkInvoices(book, [c], [line]);
    expect(check.findings.map((f) => f.message)).toEqual([
      "Discount not applied: euro-model input on 2026-03-05, billed 100.00 EUR against 90.00 EUR contracted (billed at list, 100.00 EUR; the contract's Euro discount of 10% applies)",
    ]);
  });

  it('describes a euro list price in EUR', () => {
    const found = lookupPrice(book, { provider: 'euro', model: 'euro-model', usageClass: 'input', serviceTier: 'standard', meter: null, region: null, date: '2026-03-01', contextBand: null });
    const wire = priceLookupToWire(found);
    expect(wire.ok ? wire.description : wire.message).toMatch(/^1\.00 EUR per 1M tokens — /);
  });
});
