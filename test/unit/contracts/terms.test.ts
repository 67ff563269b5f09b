import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { initialState, priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import { contractPricer, priceBookRateCard } from '../../../shared/domain/contracts/engine-adapters';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal, parseMoney, priceQuantity } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

function contract(body: string, term = '{ start: 2026-01-01, end: 2026-12-31 }') {
  return loadContractYaml(`name: Terms test\nvendor: acme\ncurrency: USD\nterm: ${term}\n${body}`, { file: 'terms.yaml', book });
}

/** `dollars` of acme-large input at $2.50/M: dollars × 400,000 tokens. */
const spend = (month: string, dollars: number, extra: Partial<UsageItem> = {}): UsageItem => ({ model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: dollars * 400_000, date: `${month}-15`, ...extra });

const run = (c: ReturnType<typeof contract>, months: Record<string, UsageItem[]>, through: string) => priceContractMonths(c, book, new Map(Object.entries(months)), { through });

describe('provisioned capacity', () => {
  it('bills the unit-hours and sends tokens beyond capacity on demand', () => {
    // Fee: 10 units × 744 h (31 days) × $2 = $14,880.00.
    // Capacity: 10 units × 44,640 min × 1,000 tokens/min = 446,400,000 tokens.
    // 500,000,000 provisioned tokens: 446.4M covered, 53.6M overflow × $2.50/M = $134.00. Total $15,014.00.
    const c = contract(`provisioned:
  - id: ptu-1
    units: 10
    pricePerUnitHour: 2
    start: 2026-01-01
    end: 2026-12-31
    models: [acme-large]
    throughputPerUnit: { acme-large: 1000 }`);
    const m = priceContractMonth(c, '2026-01', [{ model: 'acme-large', usageClass: 'input', serviceTier: 'provisioned', quantity: 500_000_000 }], book);
    expect(m.lines.map((l) => [l.kind, l.quantity, usd(l.amount)])).toEqual([
      ['usage', '446400000', '0.00'],
      ['usage', '53600000', '134.00'],
      ['provisioned_fee', null, '14880.00'],
    ]);
    expect(usd(m.total)).toBe('15014.00');
  });

  it('prorates a monthly unit price by the days the reservation runs', () => {
    // 10 units × $260 a month × 16/31 days (Jan 16-31) = $1,341.935… → $1,341.94
    const c = contract(`provisioned:
  - { id: r1, units: 10, pricePerUnitMonth: 260, start: 2026-01-16, end: 2026-12-31, models: [acme-large], throughputPerUnit: { acme-large: 1000 } }`);
    expect(usd(priceContractMonth(c, '2026-01', [], book).total)).toBe('1341.94');
  });
});

describe('commitments', () => {
  it('annual take-or-pay trues up in the contract year’s last month', () => {
    // $1,000 a month for 12 months = $12,000 against $24,000 → December shortfall $12,000.00; December invoice $13,000.00.
    const c = contract('commitment: { amount: 24000, period: year }');
    const months = run(c, Object.fromEntries(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => [`2026-${m}`, [spend(`2026-${m}`, 1000)]])), '2026-12');
    expect(months.slice(0, 11).every((m) => m.summary.commitmentShortfall === 0n && usd(m.total) === '1000.00')).toBe(true);
    expect([usd(months[11]!.summary.commitmentShortfall), usd(months[11]!.total)]).toEqual(['12000.00', '13000.00']);
  });

  it('carries excess spend forward (excess_forward)', () => {
    // $1,000 a month committed. Jan $1,500: carry $500. Feb $600 + $500 = $1,100: no shortfall, carry $100.
    // Mar $500 + $100 = $600: shortfall $400.00, invoice $900.00.
    const c = contract('commitment: { amount: 1000, period: month, carryOver: excess_forward }', '{ start: 2026-01-01, end: 2026-03-31 }');
    const months = run(c, { '2026-01': [spend('2026-01', 1500)], '2026-02': [spend('2026-02', 600)], '2026-03': [spend('2026-03', 500)] }, '2026-03');
    expect(months.map((m) => [usd(m.summary.commitmentShortfall), usd(m.total)])).toEqual([
      ['0.00', '1500.00'],
      ['0.00', '600.00'],
      ['400.00', '900.00'],
    ]);
  });

  it('rolls shortfalls forward and bills them at term end (shortfall_forward)', () => {
    // Jan $500: $500 short, rolled. Feb $1,200: $200 excess pays down → $300 rolled. Mar $1,000: term ends, $300 billed → $1,300.00.
    const c = contract('commitment: { amount: 1000, period: month, carryOver: shortfall_forward }', '{ start: 2026-01-01, end: 2026-03-31 }');
    const months = run(c, { '2026-01': [spend('2026-01', 500)], '2026-02': [spend('2026-02', 1200)], '2026-03': [spend('2026-03', 1000)] }, '2026-03');
    expect(months.map((m) => usd(m.total))).toEqual(['500.00', '1200.00', '1300.00']);
  });

  it('without take-or-pay only reports the shortfall', () => {
    const c = contract('commitment: { amount: 1000, period: month, takeOrPay: false }');
    const m = priceContractMonth(c, '2026-01', [spend('2026-01', 400)], book);
    expect([usd(m.total), usd(m.commitment!.shortfall), m.summary.commitmentShortfall]).toEqual(['400.00', '600.00', 0n]);
  });
});

describe('other terms', () => {
  it('tops up to the minimum monthly fee', () => {
    // $2,000 of usage against a $5,000 minimum: top-up $3,000.00.
    const m = priceContractMonth(contract('minimumMonthlyFee: 5000'), '2026-02', [spend('2026-02', 2000)], book);
    expect(m.lines.map((l) => [l.kind, usd(l.amount)])).toEqual([
      ['usage', '2000.00'],
      ['minimum_fee_topup', '3000.00'],
    ]);
  });

  it('holds price increases back by the notice period and caps them', () => {
    // acme-small input rises from $0.25 to $0.40 per M on 2026-04-01.
    // Apr 10: 90 days earlier (Jan 10) it was $0.25 → 100M × $0.25/M = $25.00.
    // Jul 10: 90 days earlier (Apr 11) it was $0.40, capped at $0.25 × 1.10 = $0.275 → $27.50. Without the clause: $40.00.
    const c = contract('priceChange: { noticeDays: 90, capPercent: 10 }');
    const item = (date: string): UsageItem => ({ model: 'acme-small', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000, date });
    const months = run(c, { '2026-04': [item('2026-04-10')], '2026-07': [item('2026-07-10')] }, '2026-07');
    expect(usd(months.find((m) => m.month === '2026-04')!.total)).toBe('25.00');
    const jul = months.find((m) => m.month === '2026-07')!;
    expect([usd(jul.total), jul.items[0]!.priceProtected]).toEqual(['27.50', true]);
    expect(usd(priceContractMonth(contract(''), '2026-07', [item('2026-07-10')], book).total)).toBe('40.00');
  });

  it('uses the most specific rate, and a standard rate times the tier rule for batch', () => {
    // Model rate input $2.00/M: standard 100M = $200.00; batch 100M = $2.00 × 0.5 = $1.00/M → $100.00.
    // Vendor-wide output rate $9/M: 10M = $90.00.
    const c = contract(`rates:
  - { model: acme-large, usageClass: input, price: "2.00" }
  - { usageClass: input, price: "2.40" }
  - { usageClass: output, price: "9" }`);
    const m = priceContractMonth(
      c,
      '2026-02',
      [
        { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000 },
        { model: 'acme-large', usageClass: 'input', serviceTier: 'batch', quantity: 100_000_000 },
        { model: 'acme-large', usageClass: 'output', serviceTier: 'standard', quantity: 10_000_000 },
      ],
      book,
    );
    expect(m.lines.map((l) => [l.label, usd(l.amount)])).toEqual([
      ['acme-large input tokens: 100,000,000 at contracted $2.00 per 1M tokens', '200.00'],
      ['acme-large input tokens (batch): 100,000,000 at contracted $1.00 per 1M tokens', '100.00'],
      ['acme-large output tokens: 10,000,000 at contracted $9.00 per 1M tokens', '90.00'],
    ]);
  });

  it('gives a retroactive annual all-units discount when the year crosses a tier', () => {
    // 10% once the contract year reaches $10,000, on all of it. $6,000 a month:
    // Jan $6,000 (0%). Feb: year $12,000 → 10% of $12,000 = $1,200 → $4,800.00. Mar: $18,000 → $1,800 − $1,200 = $600 → $5,400.00.
    const c = contract('volumeDiscount: { basis: spend, period: year, method: all_units, tiers: [{ from: 0, percentOff: 0 }, { from: 10000, percentOff: 10 }] }');
    const months = run(c, { '2026-01': [spend('2026-01', 6000)], '2026-02': [spend('2026-02', 6000)], '2026-03': [spend('2026-03', 6000)] }, '2026-03');
    expect(months.map((m) => usd(m.total))).toEqual(['6000.00', '4800.00', '5400.00']);
  });

  it('gives a marginal discount by token volume', () => {
    // 1.5B tokens = $3,750; 10% above 1B tokens on that share of spend: $3,750 × 10% × 0.5/1.5 = $125 → $3,625.00.
    const c = contract('volumeDiscount: { basis: tokens, period: month, method: marginal, tiers: [{ from: 0, percentOff: 0 }, { from: 1000000000, percentOff: 10 }] }');
    expect(usd(priceContractMonth(c, '2026-02', [spend('2026-02', 3750)], book).total)).toBe('3625.00');
  });

  it('prices a month outside the term at list, with no terms', () => {
    const c = contract('discounts: [{ percentOff: 50 }]\nminimumMonthlyFee: 1000', '{ start: 2026-01-01, end: 2026-06-30 }');
    const m = priceContractMonth(c, '2026-08', [spend('2026-08', 300)], book);
    expect([m.inTerm, usd(m.total), m.lines.length]).toEqual([false, '300.00', 1]);
    expect(m.lines[0]!.label).toMatch(/outside the contract term/);
  });

  it('insists on months in order when state is carried', () => {
    const c = contract('');
    const jan = priceContractMonth(c, '2026-01', [], book, initialState(c));
    expect(() => priceContractMonth(c, '2026-03', [], book, jan.state)).toThrow(/next month is 2026-02/);
  });

  it('gives the engine the same invoice through its adapter, and a list-price baseline', () => {
    // $8,000 of acme-large input (3.2B tokens at $2.50/M), 15% off: $6,800.00.
    const c = contract('discounts: [{ percentOff: 15 }]');
    const quantity = 8000 * 400_000;
    const lines = [{ model: 'acme-large', usageClass: 'input' as const, serviceTier: 'standard' as const, quantity, listCost: parseMoney('8000') }];
    const [month] = contractPricer([c], book).priceMonths({ contract: c.id, provider: 'acme', currency: 'USD', months: [{ month: '2026-02', lines, listTotal: parseMoney('8000') }] });
    expect(usd(month!.total)).toBe('6800.00');
    const list = priceBookRateCard(book).unitPrice({ provider: 'acme', model: 'acme-large', usageClass: 'input', serviceTier: 'standard', month: '2026-02', contextBand: null })!;
    expect([usd(priceQuantity(quantity, list.nanos, list.per)), list.source]).toEqual(['8000.00', 'price book row fx:acme:acme-large:input:standard:0:start']);
  });
});
