import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/domain/errors';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

const HEAD = `name: Scoped credits
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
`;

function contract(extra: string) {
  return loadContractYaml(`${HEAD}${extra}`, { file: 'credits.yaml', book });
}

function errorOf(yaml: string): WorkbenchError {
  try {
    loadContractYaml(`${HEAD}${yaml}`, { file: 'credits.yaml', book });
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbenchError);
    return e as WorkbenchError;
  }
  throw new Error('expected the contract to be rejected');
}

const credits = (m: ReturnType<typeof priceContractMonth>) => m.lines.filter((l) => l.kind === 'credit_applied').map((l) => [l.label, usd(l.amount)]);

describe('golden: a credit scoped to one model', () => {
  // March 2026 on the fixture book: acme-large input 100M at $2.50/M = $250.00; acme-small input 400M at $0.25/M = $100.00.
  const usage: UsageItem[] = [
    { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000, date: '2026-03-05' },
    { model: 'acme-small', usageClass: 'input', serviceTier: 'standard', quantity: 400_000_000, date: '2026-03-05' },
  ];

  it('pays only that model’s usage', () => {
    // $350.00 usage; the $500 acme-large credit pays acme-large's $250.00 only: invoice $100.00, $250.00 left.
    const c = contract(`credits:
  grants:
    - { id: large-only, amount: "500", start: 2026-01-01, expires: 2026-12-31, models: [acme-large] }
`);
    const m = priceContractMonth(c, '2026-03', usage, book);
    expect(credits(m)).toEqual([['Credit large-only applied (acme-large only)', '-250.00']]);
    expect(usd(m.total)).toBe('100.00');
    expect(m.credits.map((g) => [g.grantId, usd(g.closing)])).toEqual([['large-only', '250.00']]);
  });

  it('a broad credit used first leaves the scoped one the usage only it may pay', () => {
    // The $60 usage credit expires first (burnt first): it pays acme-small (which the scoped credit cannot), $60.00 of $100.00.
    // The acme-large credit then pays acme-large's $250.00. Credits $310.00; invoice $350.00 − $310.00 = $40.00.
    const c = contract(`credits:
  grants:
    - { id: large-only, amount: "500", start: 2026-01-01, expires: 2026-12-31, models: [acme-large] }
    - { id: general, amount: "60", start: 2026-01-01, expires: 2026-06-30, appliesTo: usage_only }
`);
    const m = priceContractMonth(c, '2026-03', usage, book);
    expect(credits(m)).toEqual([
      ['Credit general applied', '-60.00'],
      ['Credit large-only applied (acme-large only)', '-250.00'],
    ]);
    expect(usd(m.total)).toBe('40.00');
  });

  it('scoped to a usage class and a tier, after a stacked discount and a volume discount', () => {
    // acme-large batch output 20M at $5/M = $100.00, 10% off = $90.00; standard input 100M = $250.00, 10% off = $225.00.
    // Usage $315.00; volume discount 4% on all of it (all units) = −$12.60 → usage net $302.40, shared by contracted cost:
    // batch output $90.00 × 302.40 / 315.00 = $86.40. The output-batch credit pays $86.40; invoice $302.40 − $86.40 = $216.00.
    const c = contract(`discounts: [{ percentOff: "10" }]
volumeDiscount: { basis: spend, period: month, method: all_units, tiers: [{ from: "0", percentOff: "4" }] }
credits:
  grants:
    - { id: batch-output, amount: "1000", start: 2026-01-01, expires: 2026-12-31, usageClasses: [output], serviceTiers: [batch] }
`);
    const m = priceContractMonth(c, '2026-03', [usage[0]!, { model: 'acme-large', usageClass: 'output', serviceTier: 'batch', quantity: 20_000_000, date: '2026-03-06' }], book);
    expect(usd(m.summary.usageNet)).toBe('302.40');
    expect(credits(m)).toEqual([['Credit batch-output applied (output; batch only)', '-86.40']]);
    expect(usd(m.total)).toBe('216.00');
  });
});

describe('golden: a credit valid for part of a month', () => {
  // March 2026 (31 days): acme-large input 100M on the 5th = $250.00 and 40M on the 25th = $100.00. The credit is valid
  // from 21 March: 11 of March's 31 days.
  const usage: UsageItem[] = [
    { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 100_000_000, date: '2026-03-05' },
    { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 40_000_000, date: '2026-03-25' },
  ];
  const grant = (partMonth: string) => contract(`credits:\n  grants:\n    - { id: spring, amount: "1000", start: 2026-03-21, expires: 2026-04-30${partMonth} }\n`);

  it('valid_days: pays the charges of its valid days, from the daily lines', () => {
    // Only the 25th's $100.00 fell in its days: invoice $350.00 − $100.00 = $250.00.
    const m = priceContractMonth(grant(', partMonth: valid_days'), '2026-03', usage, book);
    expect(credits(m)).toEqual([['Credit spring applied (charges of its 11 valid days)', '-100.00']]);
    expect(usd(m.total)).toBe('250.00');
  });

  it('pro_rata (the default): pays its days’ share of the month', () => {
    // 11/31 × $350.00 = $124.1935… → $124.19: invoice $225.81.
    for (const c of [grant(''), grant(', partMonth: pro_rata')]) {
      const m = priceContractMonth(c, '2026-03', usage, book);
      expect(credits(m)).toEqual([['Credit spring applied', '-124.19']]);
      expect(usd(m.total)).toBe('225.81');
    }
  });

  it('valid_days on usage without days of its own (a projected month) takes the days’ share', () => {
    // The same $350.00 as one undated aggregate: 11/31 of it, $124.19, as pro rata.
    const m = priceContractMonth(grant(', partMonth: valid_days'), '2026-03', [{ model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 140_000_000 }], book);
    expect(credits(m)).toEqual([['Credit spring applied (charges of its 11 valid days)', '-124.19']]);
  });
});

describe('scoped and part-month credits: each way to get them wrong names the file and the field', () => {
  it('a scope naming a usage class that is not one', () => {
    const e = errorOf(`credits:\n  grants:\n    - { id: c, amount: "10", start: 2026-01-01, expires: 2026-12-31, usageClasses: [output, tokens] }\n`);
    expect([e.file, e.field]).toEqual(['credits.yaml', 'credits.grants[0].usageClasses[1]']);
  });

  it('a scope naming a model the price book does not know', () => {
    const e = errorOf(`credits:\n  grants:\n    - { id: c, amount: "10", start: 2026-01-01, expires: 2026-12-31, models: [acme-huge] }\n`);
    expect([e.file, e.field]).toEqual(['credits.yaml', 'credits.grants[0].models[0]']);
    expect(e.message).toMatch(/acme-huge/);
  });

  it('an empty scope', () => {
    const e = errorOf(`credits:\n  grants:\n    - { id: c, amount: "10", start: 2026-01-01, expires: 2026-12-31, serviceTiers: [] }\n`);
    expect([e.file, e.field, e.message]).toEqual(['credits.yaml', 'credits.grants[0].serviceTiers', 'must name at least one tier (leave it out for every tier)']);
  });

  it('partMonth on a grant valid for whole months only', () => {
    const e = errorOf(`credits:\n  grants:\n    - { id: c, amount: "10", start: 2026-02-01, expires: 2026-04-30, partMonth: valid_days }\n`);
    expect([e.file, e.field]).toEqual(['credits.yaml', 'credits.grants[0].partMonth']);
    expect(e.message).toMatch(/valid for whole months \(2026-02-01 to 2026-04-30\)/);
  });

  it('partMonth that is not one', () => {
    const e = errorOf(`credits:\n  grants:\n    - { id: c, amount: "10", start: 2026-02-10, expires: 2026-04-30, partMonth: daily }\n`);
    expect([e.file, e.field]).toEqual(['credits.yaml', 'credits.grants[0].partMonth']);
    expect(e.message).toMatch(/must be valid_days .* or pro_rata/);
  });
});
