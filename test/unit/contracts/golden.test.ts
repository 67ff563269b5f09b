import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { ContractMonthInvoice } from '../../../shared/api/contracts';
import { contractMonthToWire } from '../../../shared/domain/contracts/wire';
import { priceRequest } from '../../helpers/price-request';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

/** $2,000 at list: 400M input tokens × $2.50/M = $1,000 plus 100M output × $10/M = $1,000. */
const twoThousand = (month: string): UsageItem[] => [
  { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 400_000_000, date: `${month}-10` },
  { model: 'acme-large', usageClass: 'output', serviceTier: 'standard', quantity: 100_000_000, date: `${month}-10` },
];

function contract(extra: string) {
  return loadContractYaml(
    `name: Golden test contract
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
${extra}`,
    { file: 'golden.yaml', book },
  );
}

describe('golden: tiered volume discount', () => {
  const tiers = `  basis: spend
  period: month
  tiers:
    - { from: 0, percentOff: 0 }
    - { from: 1000, percentOff: 10 }
    - { from: 5000, percentOff: 20 }`;

  it('marginal: $2,000 gives $1,900.00', () => {
    // 0% on the first $1,000 = $0; 10% on the next $1,000 = $100; $2,000 − $100 = $1,900.00
    const c = contract(`volumeDiscount:\n  method: marginal\n${tiers}`);
    const m = priceContractMonth(c, '2026-03', twoThousand('2026-03'), book);
    expect(usd(m.summary.usageAtList)).toBe('2000.00');
    expect(usd(m.summary.volumeDiscount)).toBe('100.00');
    expect(usd(m.total)).toBe('1900.00');
  });

  it('all-units: $2,000 gives $1,800.00', () => {
    // $2,000 reaches the 10% tier, so all of it gets 10%: $2,000 − $200 = $1,800.00
    const c = contract(`volumeDiscount:\n  method: all_units\n${tiers}`);
    const m = priceContractMonth(c, '2026-03', twoThousand('2026-03'), book);
    expect(usd(m.summary.volumeDiscount)).toBe('200.00');
    expect(usd(m.total)).toBe('1800.00');
  });
});

describe('golden: % off list with a take-or-pay commitment', () => {
  it('$8,000 list at 15% off under a $10,000 monthly commitment bills $10,000.00', () => {
    // List: 800M input × $2.50/M = $2,000 + 600M output × $10/M = $6,000 → $8,000.
    // 15% off: $8,000 × 0.85 = $6,800.00 usage; shortfall $10,000 − $6,800 = $3,200.00; invoice $10,000.00.
    const c = contract(`discounts:
  - { percentOff: 15, label: Enterprise discount }
commitment:
  amount: 10000
  period: month
  takeOrPay: true`);
    const m = priceContractMonth(
      c,
      '2026-05',
      [
        { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 800_000_000, date: '2026-05-03' },
        { model: 'acme-large', usageClass: 'output', serviceTier: 'standard', quantity: 600_000_000, date: '2026-05-20' },
      ],
      book,
    );
    expect(usd(m.summary.usageAtList)).toBe('8000.00');
    expect(usd(m.summary.usageNet)).toBe('6800.00');
    expect(usd(m.summary.commitmentShortfall)).toBe('3200.00');
    expect(usd(m.total)).toBe('10000.00');
    expect(m.lines.map((l) => [l.kind, usd(l.amount)])).toEqual([
      ['usage', '2000.00'],
      ['usage', '6000.00'],
      ['discount', '-1200.00'],
      ['commitment_shortfall', '3200.00'],
    ]);
    const wire = ContractMonthInvoice.parse(contractMonthToWire(m));
    expect([wire.total, wire.summary.commitmentShortfall, wire.lines[0]!.label]).toEqual(['10000.00', '3200.00', 'acme-large input tokens: 800,000,000 at $2.50 per 1M tokens']);
  });
});

describe('golden: prepaid credits with expiry', () => {
  const usage = new Map(['2026-01', '2026-02', '2026-03'].map((m) => [m, twoThousand(m)]));

  it('$5,000 from Jan 1 expiring Feb 28: Jan $0, Feb $0, Mar $2,000, $1,000 forfeited', () => {
    // Jan: $2,000 owed, credit pays $2,000 (balance $3,000). Feb: pays $2,000 (balance $1,000),
    // which expires on Feb 28 and is forfeited. Mar: no credit left, $2,000 owed.
    const c = contract(`credits:
  grants:
    - { id: launch, amount: 5000, start: 2026-01-01, expires: 2026-02-28 }`);
    const months = priceContractMonths(c, book, usage, { through: '2026-03' });
    expect(months.map((m) => [m.month, usd(m.total)])).toEqual([
      ['2026-01', '0.00'],
      ['2026-02', '0.00'],
      ['2026-03', '2000.00'],
    ]);
    expect(usd(months[1]!.summary.creditsForfeited)).toBe('1000.00');
    expect(months[1]!.lines.find((l) => l.kind === 'credit_forfeited')?.memo).toBe(1_000_000_000_000n);
    expect(months.reduce((s, m) => s + m.summary.creditsForfeited, 0n)).toBe(1_000_000_000_000n);
  });

  it('the same credits expiring Mar 31: Jan $0, Feb $0, Mar $1,000, nothing forfeited', () => {
    // Jan and Feb as before; Mar: $2,000 owed, the last $1,000 of credit pays half → $1,000.00.
    const c = contract(`credits:
  grants:
    - { id: launch, amount: 5000, start: 2026-01-01, expires: 2026-03-31 }`);
    const months = priceContractMonths(c, book, usage, { through: '2026-03' });
    expect(months.map((m) => usd(m.total))).toEqual(['0.00', '0.00', '1000.00']);
    expect(months.every((m) => m.summary.creditsForfeited === 0n)).toBe(true);
    expect(months[2]!.state.credits.launch).toBe(0n);
  });
});

describe('golden: long-context band', () => {
  it('a 250,000-token prompt with 1,000 output tokens at $3/$15 up to 200k and $6/$22.50 above costs $1.5225', () => {
    // The prompt passes 200k, so every token bills at the band rate:
    // 250,000 × $6/M = $1.50 and 1,000 × $22.50/M = $0.0225 → $1.5225.
    const r = priceRequest(book, { provider: 'acme', model: 'acme-long', date: '2026-03-01', tokens: { input: 250_000, output: 1_000 } });
    expect(r.total).toBe(1_522_500_000n);
    expect(r.lines.map((l) => (l.result.ok ? l.result.row.contextAbove : null))).toEqual([200000, 200000]);
  });

  it('a prompt of exactly 200,000 tokens stays in the base band', () => {
    // 200,000 × $3/M = $0.60 and 1,000 × $15/M = $0.015 → $0.615
    const r = priceRequest(book, { provider: 'acme', model: 'acme-long', date: '2026-03-01', tokens: { input: 200_000, output: 1_000 } });
    expect(r.total).toBe(615_000_000n);
  });
});

describe('golden: minimum fee before or after credits (minimumFeeOrder)', () => {
  // $2,000 of usage, a $3,000 minimum, a $10,000 credit for all charges.
  const terms = (order: string) => `minimumMonthlyFee: "3000"
${order}credits:
  grants:
    - { id: prepaid, amount: "10000", start: 2026-01-01, expires: 2026-12-31 }`;

  it('before credits (the default): the top-up is a charge credits pay', () => {
    // top-up 3,000 − 2,000 = $1,000.00; credits pay 2,000 + 1,000 = $3,000.00; invoice $0.00; $7,000.00 left
    const m = priceContractMonth(contract(terms('')), '2026-03', twoThousand('2026-03'), book);
    expect(m.lines.map((l) => [l.kind, usd(l.amount)])).toEqual([
      ['usage', '1000.00'],
      ['usage', '1000.00'],
      ['minimum_fee_topup', '1000.00'],
      ['credit_applied', '-3000.00'],
    ]);
    expect(usd(m.total)).toBe('0.00');
    expect(usd(m.state.credits.prepaid!)).toBe('7000.00');
  });

  it('after credits: credits pay the usage, and the minimum is what is paid', () => {
    // credits pay the $2,000.00 usage; left to pay 0 → top-up to $3,000.00; invoice $3,000.00; $8,000.00 left
    const m = priceContractMonth(contract(terms('minimumFeeOrder: after_credits\n')), '2026-03', twoThousand('2026-03'), book);
    expect(m.lines.map((l) => [l.kind, usd(l.amount)])).toEqual([
      ['usage', '1000.00'],
      ['usage', '1000.00'],
      ['credit_applied', '-2000.00'],
      ['minimum_fee_topup', '3000.00'],
    ]);
    expect(m.lines.at(-1)!.label).toBe('Minimum monthly fee top-up to $3,000.00 after credits');
    expect(usd(m.total)).toBe('3000.00');
    expect(usd(m.state.credits.prepaid!)).toBe('8000.00');
  });

  it('names the field when the order is misspelt', () => {
    let error: unknown;
    try {
      contract('minimumFeeOrder: credits_first\n');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ file: 'golden.yaml', field: 'minimumFeeOrder' });
    expect((error as Error).message).toMatch(/must be before_credits .* or after_credits/);
  });
});

describe('golden: invoice lines and the exact invoice', () => {
  /** Three usage lines of exactly $1.005 each: 402,000 input × $2.50/M, 100,500 output × $10/M, 804,000 cached × $1.25/M. */
  const threeHalfCents: UsageItem[] = [
    { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 402_000, date: '2026-09-03' },
    { model: 'acme-large', usageClass: 'output', serviceTier: 'standard', quantity: 100_500, date: '2026-09-03' },
    { model: 'acme-large', usageClass: 'cached_input', serviceTier: 'standard', quantity: 804_000, date: '2026-09-03' },
  ];

  it('rounds each invoice line to the cent as the workbook formulas do, and keeps the exact invoice for the check', () => {
    // Each line $1.005 → $1.01 (half away from zero, as invoices and ROUND do): the invoice shows $3.03 over an exact $3.015.
    // The invoice check compares billed amounts with the exact $3.015, never the lines rounded one by one.
    const m = priceContractMonth(contract(''), '2026-09', threeHalfCents, book);
    expect(m.lines.map((l) => usd(l.amount))).toEqual(['1.01', '1.01', '1.01']);
    expect(usd(m.total)).toBe('3.03');
    expect(nanosToDecimal(m.exactTotal)).toBe('3.015');
  });
});
