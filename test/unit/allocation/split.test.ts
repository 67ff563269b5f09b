import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CENT, ratioTexts, roundToCentsFooting, splitByWeights, splitUnit } from '../../../shared/domain/allocation/split';
import { parseMoney } from '../../../shared/domain/money';

const usd = (text: string) => parseMoney(text);

describe('splitByWeights (largest remainder)', () => {
  it('splits $100.00 evenly over three teams as 33.34 + 33.33 + 33.33', () => {
    // 10,000 cents / 3 = 3,333 each, 1 cent left; all remainders equal (1/3), so the first part takes it.
    expect(splitByWeights(usd('100.00'), [1n, 1n, 1n])).toEqual([usd('33.34'), usd('33.33'), usd('33.33')]);
  });

  it('gives the leftover cents to the largest remainders', () => {
    // $10.00 by 1:2:4 (7 parts): 1000/7 = 142.857 → 142 (rem 6/7), 285.714 → 285 (rem 5/7), 571.428 → 571 (rem 3/7);
    // 998 given, 2 cents left → to the parts with remainders 6/7 and 5/7.
    expect(splitByWeights(usd('10.00'), [1n, 2n, 4n])).toEqual([usd('1.43'), usd('2.86'), usd('5.71')]);
  });

  it('splits a credit (negative) exactly too', () => {
    // -1,000 cents / 3: floors -334, -334, -334 (= -1,002), remainders 2/3 each; 2 cents given back to the first two.
    expect(splitByWeights(usd('-10.00'), [1n, 1n, 1n])).toEqual([usd('-3.33'), usd('-3.33'), usd('-3.34')]);
  });

  it('works in the amount’s own precision, never adding decimals the bill did not have', () => {
    // 12.8276645 carries 7 decimals: unit 1e-7 (100 nano-units); 128,276,645 units / 2 = 64,138,322.5 → the first part takes the half.
    expect(splitUnit(usd('12.8276645'))).toBe(100n);
    expect(splitUnit(usd('5.00'))).toBe(CENT);
    expect(splitByWeights(usd('12.8276645'), [1n, 1n])).toEqual([usd('6.4138323'), usd('6.4138322')]);
  });

  it('refuses weights that sum to zero or are negative', () => {
    expect(() => splitByWeights(usd('1.00'), [0n, 0n])).toThrow(/sum to zero/);
    expect(() => splitByWeights(usd('1.00'), [1n, -1n])).toThrow(/negative/);
  });

  it('always adds back to the amount exactly (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 12 }), (amount, weights) => {
        fc.pre(weights.some((w) => w > 0n));
        const parts = splitByWeights(amount, weights);
        expect(parts.reduce((a, b) => a + b, 0n)).toBe(amount);
        // Each part is within one unit of its exact share.
        const total = weights.reduce((a, b) => a + b, 0n);
        const unit = splitUnit(amount);
        parts.forEach((p, i) => {
          const diff = p * total - amount * weights[i]!;
          expect(diff < 0n ? -diff : diff).toBeLessThan(unit * total);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('roundToCentsFooting', () => {
  it('rounds team totals to cents that foot to the month total', () => {
    // 33.333333334 + 33.333333333 + 33.333333333 = 100.000000000; plain rounding gives 99.99,
    // largest remainder gives the extra cent to the largest sub-cent remainder (the first, .3333334 of a cent).
    expect(roundToCentsFooting([usd('33.333333334'), usd('33.333333333'), usd('33.333333333')])).toEqual([usd('33.34'), usd('33.33'), usd('33.33')]);
  });

  it('foots to the exact total rounded half to even (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { minLength: 1, maxLength: 20 }), (amounts) => {
        const rounded = roundToCentsFooting(amounts);
        const sum = amounts.reduce((a, b) => a + b, 0n);
        const roundedSum = rounded.reduce((a, b) => a + b, 0n);
        expect(roundedSum % CENT).toBe(0n);
        const diff = roundedSum - sum;
        expect((diff < 0n ? -diff : diff) * 2n).toBeLessThanOrEqual(CENT);
        rounded.forEach((r, i) => {
          const d = r - amounts[i]!;
          expect(d < 0n ? -d : d).toBeLessThan(CENT);
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ratioTexts', () => {
  it('gives AllocatedRatio values that add up to exactly 1', () => {
    expect(ratioTexts([1n, 1n, 1n])).toEqual(['0.333333333334', '0.333333333333', '0.333333333333']);
    expect(ratioTexts([50n, 30n, 20n])).toEqual(['0.5', '0.3', '0.2']);
    expect(ratioTexts([7n])).toEqual(['1']);
  });
});
