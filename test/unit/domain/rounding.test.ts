import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateCents, CENT, displayUnit, footedDifference, footPerCurrency, footTo, ratioTexts, roundFooting, roundToCents, roundToCentsFooting, roundToUnit, roundTotal, splitByWeights, splitUnit, unitOf } from '../../../shared/domain/rounding';
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

describe('roundTotal (a total is the exact sum, rounded once)', () => {
  it('rounds the exact sum half to even, never a sum of rounded lines', () => {
    // 1.005 + 1.005 + 1.005 = 3.015 exactly: 301.5 cents, half to even → 302 cents. Rounding each line first would give 3.00.
    expect(roundTotal([usd('1.005'), usd('1.005'), usd('1.005')])).toBe(usd('3.02'));
    // 0.005 = half a cent: half to even → 0.00; 0.015 → 2 cents (1.5 → 2).
    expect(roundTotal([usd('0.005')])).toBe(0n);
    expect(roundTotal([usd('0.015')])).toBe(usd('0.02'));
  });

  it('rounds to the currency’s minor unit: whole yen with 0 decimals', () => {
    // 100.4 + 100.4 + 100.2 = 301.0 → 301.
    expect(roundTotal([usd('100.4'), usd('100.4'), usd('100.2')], 0)).toBe(usd('301'));
    expect(unitOf(0)).toBe(1_000_000_000n);
    expect(unitOf(3)).toBe(1_000_000n);
    expect(() => unitOf(10)).toThrow(/10 decimals/);
  });
});

describe('roundFooting (lines under a total foot to it, by largest remainder)', () => {
  it('rounds three lines of 1.005 to 1.01 + 1.01 + 1.00 = 3.02, the rounded total', () => {
    // Floors 1.00 each (sum 3.00); total 3.02 → 2 cents left; remainders all half a cent, so the first two lines take them.
    expect(roundFooting([usd('1.005'), usd('1.005'), usd('1.005')])).toEqual([usd('1.01'), usd('1.01'), usd('1.00')]);
  });

  it('rounds team totals to cents that foot to the month total', () => {
    // 33.333333334 + 33.333333333 + 33.333333333 = 100.000000000; plain rounding gives 99.99,
    // largest remainder gives the extra cent to the largest sub-cent remainder (the first, .3333334 of a cent).
    expect(roundFooting([usd('33.333333334'), usd('33.333333333'), usd('33.333333333')])).toEqual([usd('33.34'), usd('33.33'), usd('33.33')]);
  });

  it('gives the missing unit to the largest remainder, not the first line', () => {
    // 2.001 + 2.004 + 2.006 = 6.011 → 6.01; floors 2.00 × 3 = 6.00, 1 cent left; remainders 0.1, 0.4, 0.6 of a cent → the third line.
    expect(roundFooting([usd('2.001'), usd('2.004'), usd('2.006')])).toEqual([usd('2.00'), usd('2.00'), usd('2.01')]);
  });

  it('handles a credit among the lines', () => {
    // -0.004 + 0.014 = 0.010 → 0.01. Floors (towards minus infinity) -0.01 and 0.01 sum to 0.00, 1 cent left;
    // remainders 0.006 and 0.004 → the credit line takes it: 0.00 + 0.01 = 0.01.
    expect(roundFooting([usd('-0.004'), usd('0.014')])).toEqual([usd('0.00'), usd('0.01')]);
  });

  it('rounds whole yen when asked for 0 decimals', () => {
    // 100.4 + 100.4 + 100.2 = 301 → floors 100 × 3, 1 yen left; remainders .4, .4, .2 → the first (earlier of the ties).
    expect(roundFooting([usd('100.4'), usd('100.4'), usd('100.2')], 0)).toEqual([usd('101'), usd('100'), usd('100')]);
  });

  it('foots to the exact total rounded half to even (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 13n), max: 10n ** 13n }), { minLength: 1, maxLength: 20 }), fc.constantFrom(0, 2, 3), (amounts, decimals) => {
        const unit = unitOf(decimals);
        const rounded = roundFooting(amounts, decimals);
        const roundedSum = rounded.reduce((a, b) => a + b, 0n);
        expect(roundedSum).toBe(roundTotal(amounts, decimals));
        const diff = roundedSum - amounts.reduce((a, b) => a + b, 0n);
        expect((diff < 0n ? -diff : diff) * 2n).toBeLessThanOrEqual(unit);
        rounded.forEach((r, i) => {
          expect(r % unit).toBe(0n);
          const d = r - amounts[i]!;
          expect(d < 0n ? -d : d).toBeLessThan(unit);
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


describe('the one rounding rule: round the total once, foot the parts to it', () => {
  it('the demo’s Anthropic models foot to the import total (2,935.76), not to their own roundings (2,935.77)', () => {
    // claude-haiku-4-5 163.365719 and claude-sonnet-4-5 2772.39865845 (the demo ledger's exact sums).
    // Each rounded alone: 163.37 + 2,772.40 = 2,935.77, but the exact total 2,935.76437745 rounds to 2,935.76.
    // Floors 163.36 + 2,772.39 = 2,935.75; one cent left, to the larger remainder (sonnet's .00865845 > haiku's .005719).
    expect(roundToCentsFooting([usd('163.365719'), usd('2772.39865845')])).toEqual([usd('163.36'), usd('2772.40')]);
  });

  it('footTo takes a total set from above, a cent more or less than the parts’ own rounding', () => {
    // 1.004 × 3 = 3.012 → 3.01 on its own. Footed to 3.02: floors 1.00 × 3 = 3.00, two cents left, to the
    // largest remainders — all equal, so the earlier parts.
    expect(footTo([usd('1.004'), usd('1.004'), usd('1.004')], usd('3.02'))).toEqual([usd('1.01'), usd('1.01'), usd('1.00')]);
    // Footed to 3.00: floors 1.00 × 3 = 3.00, nothing left.
    expect(footTo([usd('1.004'), usd('1.004'), usd('1.004')], usd('3.00'))).toEqual([usd('1.00'), usd('1.00'), usd('1.00')]);
    // Footed to 2.99 (owed a cent): the part with the smallest remainder (all equal: the last) gives it up.
    expect(footTo([usd('1.004'), usd('1.004'), usd('1.004')], usd('2.99'))).toEqual([usd('1.00'), usd('1.00'), usd('0.99')]);
  });

  it('credits (negative amounts) floor towards minus infinity and still foot', () => {
    // -0.004 → floor -0.01 (remainder .006), 0.013 → 0.01 (.003); total 0.009 → 0.01; floors sum 0.00, one cent to the larger remainder.
    expect(roundToCentsFooting([usd('-0.004'), usd('0.013')])).toEqual([usd('0'), usd('0.01')]);
  });

  it('currencies without cents foot in whole units (JPY)', () => {
    const yen = displayUnit(0);
    // 100.4 + 200.4 + 300.4 = 601.2 → 601; floors 100 + 200 + 300 = 600; one yen to the first of equal remainders.
    const exact = [usd('100.4'), usd('200.4'), usd('300.4')];
    expect(footTo(exact, roundToUnit(usd('601.2'), yen), yen)).toEqual([usd('101'), usd('200'), usd('300')]);
  });

  it('shown parts always add up to the shown total, and each is within one unit of its exact amount', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -10_000_000_000_000n, max: 10_000_000_000_000n }), { minLength: 1, maxLength: 40 }), (amounts) => {
        const total = amounts.reduce((a, b) => a + b, 0n);
        const shown = roundToCentsFooting(amounts);
        expect(shown.reduce((a, b) => a + b, 0n)).toBe(roundToUnit(total, CENT));
        shown.forEach((s, i) => {
          const diff = s - amounts[i]!;
          expect(diff > -CENT && diff < CENT).toBe(true);
          expect(s % CENT).toBe(0n);
        });
      }),
    );
  });

  it('foots each currency to its own total, in its own minor unit, and leaves unknown amounts unknown', () => {
    // USD: 0.005 + 0.005 + 0.005 = 0.015 → 0.02 (half to even); floors 0 × 3, two cents to the first two (equal remainders).
    // JPY: 10.6 + 20.6 = 31.2 → 31; floors 10 + 20 = 30, one yen to the first (equal remainders .6).
    // The null part (no list cost reported) is neither shown nor counted in its currency's total.
    const { shown, totals } = footPerCurrency([
      { currency: 'USD', amount: usd('0.005') },
      { currency: 'JPY', amount: usd('10.6') },
      { currency: 'USD', amount: usd('0.005') },
      { currency: 'USD', amount: null },
      { currency: 'JPY', amount: usd('20.6') },
      { currency: 'USD', amount: usd('0.005') },
    ]);
    expect(shown).toEqual([usd('0.01'), usd('11'), usd('0.01'), null, usd('20'), usd('0')]);
    expect(totals).toEqual(new Map([['USD', usd('0.02')], ['JPY', usd('31')]]));
  });

  it('a period (month) is rounded on its own and its parts foot to it; the currency total is rounded once', () => {
    // Months: 0.004 + 0.004 (one month, 0.008 → 0.01: floors 0 + 0, one cent to the first) and 0.004 (another, → 0.00).
    // As shown they add to 0.01; the exact total 0.012 rounds to 0.01 too. Three months of 0.005 would not:
    // each 0.005 → 0.00 (half to even), adding to 0.00, while 0.015 → 0.02.
    const a = footPerCurrency([
      { currency: 'USD', amount: usd('0.004'), period: '2026-05' },
      { currency: 'USD', amount: usd('0.004'), period: '2026-05' },
      { currency: 'USD', amount: usd('0.004'), period: '2026-06' },
    ]);
    expect(a.shown).toEqual([usd('0.01'), usd('0'), usd('0')]);
    expect(a.partsAddUpTo.get('USD')).toBe(usd('0.01'));
    const b = footPerCurrency(['2026-05', '2026-06', '2026-07'].map((period) => ({ currency: 'USD', amount: usd('0.005'), period })));
    expect(b.shown).toEqual([usd('0'), usd('0'), usd('0')]);
    expect(b.partsAddUpTo.get('USD')).toBe(usd('0'));
    expect(b.totals.get('USD')).toBe(usd('0.02'));
  });
});

describe('the one rounding rule', () => {
  it('rounds one amount once, half to even', () => {
    // 2.665 is exactly half-way: the even cent is 2.66; 2.6650659 is above half: 2.67.
    expect(roundToCents(usd('2.665'))).toBe(usd('2.66'));
    expect(roundToCents(usd('2.675'))).toBe(usd('2.68'));
    expect(roundToCents(usd('2.6650659'))).toBe(usd('2.67'));
    expect(roundToCents(usd('-2.6650659'))).toBe(usd('-2.67'));
  });

  it('foots parts to their exact total rounded once (three lines of $1.005 show $1.01, $1.01, $1.00 under $3.02)', () => {
    // Exact total 3.015 → 3.02 (half to even: 301.5 cents → 302). Floors 1.00 × 3 = 3.00, two cents to give:
    // the remainders tie (0.5 cent each), so the first two parts get them.
    const parts = roundToCentsFooting([usd('1.005'), usd('1.005'), usd('1.005')]);
    expect(parts).toEqual([usd('1.01'), usd('1.01'), usd('1.00')]);
    // Largest remainder first: 0.336 + 0.334 + 0.33 = 1.00; floors 0.33 × 3 = 0.99, one cent to the 0.336.
    expect(roundToCentsFooting([usd('0.334'), usd('0.336'), usd('0.33')])).toEqual([usd('0.33'), usd('0.34'), usd('0.33')]);
  });

  it('keeps credits and differences negative the same way', () => {
    // −1.005 − 1.005 = −2.01; floors −1.01 × 2 = −2.02, one cent back to the first.
    expect(roundToCentsFooting([usd('-1.005'), usd('-1.005')])).toEqual([usd('-1.00'), usd('-1.01')]);
  });

  it('shows billed − contracted as the exact difference rounded once (the October finding: 2.67, not 2.66)', () => {
    // Billed 672.021743871, contracted exactly 669.3566779710 (billed − the one overcharge of 2.6650659).
    // The difference is 2.6650659 → 2.67. Rounding each first would give 672.02 − 669.36 = 2.66.
    const f = footedDifference(usd('672.021743871'), usd('669.356677971'));
    expect(f.difference).toBe(usd('2.67'));
    expect(f.billed - f.contracted).toBe(f.difference);
    expect([f.billed, f.contracted]).toEqual([usd('672.02'), usd('669.35')]);
  });

  it('always foots, never moves a part by a cent or more', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), { minLength: 1, maxLength: 40 }), (amounts) => {
        const parts = roundToCentsFooting(amounts);
        const exact = amounts.reduce((s, a) => s + a, 0n);
        expect(parts.reduce((s, a) => s + a, 0n)).toBe(roundToCents(exact));
        parts.forEach((p, i) => {
          expect(p % CENT).toBe(0n);
          const off = p - amounts[i]!;
          expect(off < CENT && off > -CENT).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('allocateCents', () => {
  it('foots parts to a total fixed elsewhere', () => {
    // −0.45225 alone must show −0.46 when the invoice's usage net ($2.56) less its usage lines ($3.02) is −$0.46.
    expect(allocateCents([usd('-0.45225')], usd('-0.46'))).toEqual([usd('-0.46')]);
    // Two discounts of −0.225 and −0.22725 (exact −0.45225) shown as −0.46 in all: floors −0.23, −0.23 = −0.46 already.
    expect(allocateCents([usd('-0.225'), usd('-0.22725')], usd('-0.46'))).toEqual([usd('-0.23'), usd('-0.23')]);
    // Floors 0.33 + 0.33 = 0.66 against a total of 0.65: one cent back from the smallest remainder (0.331).
    expect(allocateCents([usd('0.339'), usd('0.331')], usd('0.65'))).toEqual([usd('0.33'), usd('0.32')]);
  });

  it('refuses a total that is not whole cents', () => {
    expect(() => allocateCents([usd('1')], usd('1.005'))).toThrow(/whole number of cents/);
  });
});

describe('an import\'s charge categories under its imported total', () => {
  it('foot to the imported total as shown (USD, 2 decimals)', () => {
    // usage 14,409.5041 + tax 1.23 − credit 100.00 − refund 5.00 = 14,305.7341 → 14,305.73 shown.
    // Floors: 14,409.50, 1.23, −100.00, −5.00 = 14,305.73: nothing left to give, the usage keeps 14,409.50.
    const amounts = [usd('14409.5041'), usd('1.23'), usd('-100'), usd('-5')];
    expect(roundTotal(amounts, 2)).toBe(usd('14305.73'));
    expect(roundFooting(amounts, 2)).toEqual([usd('14409.50'), usd('1.23'), usd('-100'), usd('-5')]);
  });
});
