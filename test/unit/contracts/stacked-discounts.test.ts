import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/domain/errors';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { priceContractMonth } from '../../../shared/domain/contracts/price-month';
import type { UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

const HEAD = `name: Stacked discounts
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
`;
const ENTERPRISE_PLUS_BATCH = `discounts:
  - { label: Enterprise discount, percentOff: "15" }
  - { label: Batch discount, percentOff: "10", serviceTiers: [batch], stacks: true }
`;

/**
 * March 2026 on the fixture book (acme-large input $2.50/M, output $10/M, batch 0.5 × standard):
 * standard input 400M = $1,000.00; batch input 200M at $1.25/M = $250.00; batch output 30M at $5/M = $150.00.
 */
const usage: UsageItem[] = [
  { model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: 400_000_000, date: '2026-03-05', ref: 'std-in' },
  { model: 'acme-large', usageClass: 'input', serviceTier: 'batch', quantity: 200_000_000, date: '2026-03-05', ref: 'batch-in' },
  { model: 'acme-large', usageClass: 'output', serviceTier: 'batch', quantity: 30_000_000, date: '2026-03-05', ref: 'batch-out' },
];

function contract(extra: string, file = 'stacked.yaml') {
  return loadContractYaml(`${HEAD}${extra}`, { file, book });
}

function errorOf(yaml: string, file = 'stacked.yaml'): WorkbenchError {
  try {
    loadContractYaml(`${HEAD}${yaml}`, { file, book });
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbenchError);
    return e as WorkbenchError;
  }
  throw new Error('expected the contract to be rejected');
}

describe('golden: an enterprise discount with a batch discount stacked on it', () => {
  it('multiplicative (the default): batch usage pays 0.85 × 0.90 = 76.5% of list', () => {
    // Standard input: 15% of $1,000.00 = $150.00 (the batch discount does not cover it).
    // Batch input, per M: $1.25 − 15% ($0.1875) = $1.0625; − 10% of that ($0.10625) = $0.95625.
    //   200M: $250.00 → $212.50 (enterprise $37.50) → $191.25 (batch $21.25).
    // Batch output, per M: $5 → $4.25 → $3.825. 30M: $150.00 → $127.50 (enterprise $22.50) → $114.75 (batch $12.75).
    // Enterprise line −($150.00 + $37.50 + $22.50) = −$210.00; batch line −($21.25 + $12.75) = −$34.00.
    // Invoice: $1,400.00 at list − $210.00 − $34.00 = $1,156.00 (= $850.00 + $191.25 + $114.75).
    const c = contract(ENTERPRISE_PLUS_BATCH);
    expect(c.discountStacking).toBe('multiplicative');
    const m = priceContractMonth(c, '2026-03', usage, book);
    const discounts = m.lines.filter((l) => l.kind === 'discount').map((l) => [l.label, usd(l.amount), l.term]);
    expect(discounts).toEqual([
      ['Enterprise discount', '-210.00', 'discounts[0]'],
      ['Batch discount (stacked multiplicatively)', '-34.00', 'discounts[1]'],
    ]);
    expect(usd(m.summary.usageAtList)).toBe('1400.00');
    expect(usd(m.total)).toBe('1156.00');
    const byRef = new Map(m.items.map((p) => [p.item.ref, p]));
    // Each line's discounts in the order applied, each with what it took off.
    expect(byRef.get('std-in')!.discounts.map((d) => [d.term, d.percentOff, usd(d.amount)])).toEqual([['discounts[0]', '15', '150.00']]);
    expect(byRef.get('batch-in')!.discounts.map((d) => [d.term, d.percentOff, usd(d.amount)])).toEqual([
      ['discounts[0]', '15', '37.50'],
      ['discounts[1]', '10', '21.25'],
    ]);
    expect(usd(byRef.get('batch-in')!.contractedCost)).toBe('191.25');
    expect(usd(byRef.get('batch-out')!.contractedCost)).toBe('114.75');
  });

  it('additive: batch usage pays 100% − (15% + 10%) = 75% of list', () => {
    // Batch input, per M: $1.25 − 15% = $1.0625 (enterprise); $1.25 − 25% = $0.9375 (batch adds its 10% of list).
    //   200M: $250.00 → $212.50 (enterprise $37.50) → $187.50 (batch $25.00).
    // Batch output, per M: $5 → $4.25 → $3.75. 30M: $150.00 → $127.50 ($22.50) → $112.50 ($15.00).
    // Enterprise −$210.00 (as above); batch −($25.00 + $15.00) = −$40.00. Invoice $1,400.00 − $250.00 = $1,150.00.
    const c = contract(`discountStacking: additive\n${ENTERPRISE_PLUS_BATCH}`);
    const m = priceContractMonth(c, '2026-03', usage, book);
    expect(m.lines.filter((l) => l.kind === 'discount').map((l) => [l.label, usd(l.amount)])).toEqual([
      ['Enterprise discount', '-210.00'],
      ['Batch discount (stacked additively)', '-40.00'],
    ]);
    expect(usd(m.total)).toBe('1150.00');
  });

  it('a model discount that does not stack still replaces the enterprise discount; a stacking one comes on top of whichever applies', () => {
    // acme-large: its own 20% (more specific than the enterprise 15%), then the stacked 5% model bonus:
    // standard input $1,000.00 → $800.00 (−$200.00) → $760.00 (−$40.00). Total $760.00 + batch lines as priced below.
    const c = contract(`discounts:
  - { label: Enterprise discount, percentOff: "15" }
  - { label: Large model discount, percentOff: "20", models: [acme-large] }
  - { label: Large model bonus, percentOff: "5", models: [acme-large], stacks: true }
`);
    const m = priceContractMonth(c, '2026-03', [usage[0]!], book);
    expect(m.items[0]!.discounts.map((d) => [d.label, usd(d.amount)])).toEqual([
      ['Large model discount', '200.00'],
      ['Large model bonus', '40.00'],
    ]);
    expect(usd(m.total)).toBe('760.00');
  });

  it('without stacks, discounts compete as before: the most specific applies alone', () => {
    // Batch input: the batch discount (tier named) is more specific than the enterprise one: $250.00 − 10% = $225.00.
    const c = contract(`discounts:
  - { label: Enterprise discount, percentOff: "15" }
  - { label: Batch discount, percentOff: "10", serviceTiers: [batch] }
`);
    const m = priceContractMonth(c, '2026-03', [usage[1]!], book);
    expect(m.items[0]!.discounts.map((d) => [d.term, usd(d.amount)])).toEqual([['discounts[1]', '25.00']]);
    expect(usd(m.total)).toBe('225.00');
  });
});

describe('stacked discounts: each way to get them wrong names the file and the field', () => {
  it('additive discounts that add up to more than 100% on some usage', () => {
    const e = errorOf(`discountStacking: additive
discounts:
  - { label: Enterprise discount, percentOff: "60" }
  - { label: Batch discount, percentOff: "45", serviceTiers: [batch], stacks: true }
`);
    expect([e.file, e.field]).toEqual(['stacked.yaml', 'discounts[1].percentOff']);
    expect(e.message).toBe('takes the additive discounts on every model input tokens (batch) to 105% off list (discounts[0] 60% + discounts[1] 45%): stacked additively they must not add up to more than 100%');
  });

  it('multiplicative discounts may each be large: 60% then 45% is 78% off, never above 100%', () => {
    // 1 − 0.40 × 0.55 = 0.78: batch input $250.00 → $100.00 → $55.00.
    const c = contract(`discounts:
  - { label: Enterprise discount, percentOff: "60" }
  - { label: Batch discount, percentOff: "45", serviceTiers: [batch], stacks: true }
`);
    expect(usd(priceContractMonth(c, '2026-03', [usage[1]!], book).total)).toBe('55.00');
  });

  it('additive stacking with no discount that stacks', () => {
    const e = errorOf(`discountStacking: additive\ndiscounts:\n  - { percentOff: "15" }\n`);
    expect([e.file, e.field]).toEqual(['stacked.yaml', 'discountStacking']);
    expect(e.message).toMatch(/no discount says stacks: true/);
  });

  it('a stacking rule that is not one', () => {
    const e = errorOf(`discountStacking: compound\n${ENTERPRISE_PLUS_BATCH}`);
    expect([e.file, e.field]).toEqual(['stacked.yaml', 'discountStacking']);
    expect(e.message).toMatch(/must be multiplicative .* or additive/);
  });

  it('stacks that is not yes or no', () => {
    const e = errorOf(`discounts:\n  - { percentOff: "15", stacks: sometimes }\n`);
    expect([e.file, e.field]).toEqual(['stacked.yaml', 'discounts[0].stacks']);
  });
});
