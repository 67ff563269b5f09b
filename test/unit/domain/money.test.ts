import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ExactDecimalSum,
  agreesToTheCent,
  divideRoundHalfEven,
  formatMoneyFixed,
  multiplyMoney,
  nanosToDecimal,
  parseMoney,
  priceQuantity,
  roundNanos,
  roundNanosHalfUp,
} from '../../../shared/domain/money';

describe('parseMoney', () => {
  it('parses plain decimals to nano-units', () => {
    expect(parseMoney('1.2345')).toBe(1_234_500_000n);
    expect(parseMoney('-0.01')).toBe(-10_000_000n);
    expect(parseMoney('.5')).toBe(500_000_000n);
    expect(parseMoney('7')).toBe(7_000_000_000n);
    expect(parseMoney('+3.')).toBe(3_000_000_000n);
  });

  it('parses exponent notation exactly (OpenAI writes 4.2e-05)', () => {
    // 4.2e-05 = 0.000042 = 42,000 nano-units
    expect(parseMoney('4.2e-05')).toBe(42_000n);
    expect(parseMoney('1E3')).toBe(1_000_000_000_000n);
    expect(parseMoney('-2.5e-1')).toBe(-250_000_000n);
  });

  it('rounds beyond nine decimals half to even', () => {
    expect(parseMoney('0.0000000005')).toBe(0n); // half, even neighbour 0
    expect(parseMoney('0.0000000015')).toBe(2n); // half, even neighbour 2
    expect(parseMoney('0.00000000151')).toBe(2n);
    expect(parseMoney('-0.0000000025')).toBe(-2n);
  });

  it('rejects what is not a canonical decimal', () => {
    for (const bad of ['', ' ', 'abc', '1,234.56', '1.2.3', '--1', 'e5', '.', '1e999', 'NaN', 'Infinity']) {
      expect(() => parseMoney(bad), bad).toThrow(/not a decimal number/);
    }
  });
});

describe('formatting', () => {
  it('writes nano-units back exactly, trimming zeros but keeping cents', () => {
    expect(nanosToDecimal(1_234_500_000n)).toBe('1.2345');
    expect(nanosToDecimal(12_500_000_000n)).toBe('12.50');
    expect(nanosToDecimal(-10_000_000n)).toBe('-0.01');
    expect(nanosToDecimal(42_000n)).toBe('0.000042');
    expect(nanosToDecimal(0n)).toBe('0.00');
  });

  it('formats to fixed decimals with half-even rounding', () => {
    expect(formatMoneyFixed(parseMoney('1.005'))).toBe('1.00');
    expect(formatMoneyFixed(parseMoney('1.015'))).toBe('1.02');
    expect(formatMoneyFixed(parseMoney('-1234.5'))).toBe('-1234.50');
    expect(formatMoneyFixed(parseMoney('0.018660'), 5)).toBe('0.01866');
  });

  it('rounds to cents either way', () => {
    expect(roundNanos(parseMoney('2.345'), 2)).toBe(parseMoney('2.34'));
    expect(roundNanosHalfUp(parseMoney('2.345'), 2)).toBe(parseMoney('2.35'));
    expect(roundNanosHalfUp(parseMoney('-2.345'), 2)).toBe(parseMoney('-2.35'));
  });

  it('round-trips any nano amount through its text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (n) => parseMoney(nanosToDecimal(n)) === n),
      { numRuns: 2000 },
    );
  });
});

describe('pricing arithmetic', () => {
  it('prices tokens per million exactly', () => {
    // 400,000,000 tokens × $2.50 per 1M = $1,000.00
    expect(priceQuantity(400_000_000, parseMoney('2.50'), 1_000_000n)).toBe(parseMoney('1000'));
    // 250,000 tokens × $6 per 1M = $1.50 ; 1,000 tokens × $22.50 per 1M = $0.0225 → $1.5225
    const total = priceQuantity(250_000, parseMoney('6'), 1_000_000n) + priceQuantity(1_000, parseMoney('22.50'), 1_000_000n);
    expect(nanosToDecimal(total)).toBe('1.5225');
  });

  it('treats fractional quantities as their decimal text, not the binary float', () => {
    // 0.1 hour × $36 = $3.60 exactly (0.1 as a double is 0.1000000000000000055…)
    expect(priceQuantity(0.1, parseMoney('36'))).toBe(parseMoney('3.6'));
    expect(priceQuantity('1234.5678', parseMoney('0.01'))).toBe(parseMoney('12.345678'));
  });

  it('applies a percentage factor once', () => {
    // $8,000 × 0.85 = $6,800
    expect(multiplyMoney(parseMoney('8000'), '0.85')).toBe(parseMoney('6800'));
  });

  it('divides with half-even rounding in both signs', () => {
    expect(divideRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divideRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divideRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideRoundHalfEven(10n, -3n)).toBe(-3n);
  });
});

describe('ExactDecimalSum', () => {
  it('sums decimal strings exactly where floats drift', () => {
    const sum = new ExactDecimalSum();
    let float = 0;
    // 0.1 added 1,000,000 times is exactly 100000.0; as doubles it is 100000.00000133288
    for (let i = 0; i < 1_000_000; i++) {
      sum.add('0.1');
      float += 0.1;
    }
    expect(sum.toString()).toBe('100000.00');
    expect(float).not.toBe(100000);
    expect(sum.lines).toBe(1_000_000);
  });

  it('keeps every digit of mixed scales', () => {
    const sum = new ExactDecimalSum();
    sum.add('1.23456789012');
    sum.add('-0.00000000012');
    sum.add('4.2e-05');
    // 1.23456789012 − 0.00000000012 + 0.000042 = 1.23460989
    expect(sum.toString()).toBe('1.23460989');
    expect(sum.toNanos()).toBe(1_234_609_890n);
  });
});

describe('agreesToTheCent', () => {
  it('accepts differences under half a cent and refuses larger ones', () => {
    expect(agreesToTheCent(parseMoney('0.004999999'), parseMoney('0.005000001'))).toBe(true);
    expect(agreesToTheCent(parseMoney('10.00'), parseMoney('10.0049'))).toBe(true);
    expect(agreesToTheCent(parseMoney('10.00'), parseMoney('10.01'))).toBe(false);
  });
});
