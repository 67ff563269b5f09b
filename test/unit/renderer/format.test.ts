import { describe, expect, it } from 'vitest';
import { formatLastDay, formatMonth, monthsBetween } from '../../../renderer/src/format/dates';
import { alignDecimals, formatAmount, formatExactAmount, formatMoney, formatPrice } from '../../../renderer/src/format/money';

describe('money display', () => {
  it('rounds decimal strings to the cent half to even, without passing through a double', () => {
    expect(formatAmount('0.005')).toBe('0.00'); // tie → even (0)
    expect(formatAmount('0.015')).toBe('0.02'); // tie → even (2)
    expect(formatAmount('2.5523365')).toBe('2.55');
    expect(formatAmount('-1234.565')).toBe('-1,234.56');
    // 2^53 + 1 is not a double; the string keeps every digit: 9,007,199,254,740,993.125 → .12 (tie → even).
    expect(formatAmount('9007199254740993.125')).toBe('9,007,199,254,740,993.12');
  });

  it('shows every stored decimal when asked, at least two', () => {
    expect(formatExactAmount('2.5523365')).toBe('2.5523365');
    expect(formatExactAmount('12')).toBe('12.00');
    expect(formatExactAmount('1234567.000000001')).toBe('1,234,567.000000001');
  });

  it('puts the currency code first', () => {
    expect(formatMoney('7057.145', 'USD')).toBe('USD 7,057.14');
    expect(formatMoney('10', 'EUR')).toBe('EUR 10.00');
  });

  it('takes its digits from the core money text: the currency decides the decimals, and text that is no amount is left alone', () => {
    expect(formatMoney('1234567.5', 'JPY')).toBe('JPY 1,234,568'); // yen have no minor unit; .5 → even
    expect(formatMoney('12.3456', 'KWD')).toBe('KWD 12.346');
    expect(formatMoney('0.123456', 'USD', 4)).toBe('USD 0.1235');
    expect(formatAmount('not a number')).toBe('not a number');
  });

  it('writes prices in sentences and price columns by currency, every decimal kept', () => {
    expect(formatPrice('2.5', 'USD')).toBe('$2.50');
    expect(formatPrice('0.075', 'USD')).toBe('$0.075');
    expect(formatPrice('1', 'EUR')).toBe('1.00 EUR'); // a euro price never reads as dollars
    expect(formatPrice('1500', 'GBP')).toBe('1,500.00 GBP');
  });

  it('pads fractions with figure spaces so decimal points line up', () => {
    expect(alignDecimals('1.5', 4)).toBe('1.5\u2007\u2007\u2007');
    expect(alignDecimals('12.3456', 4)).toBe('12.3456');
    expect(alignDecimals('12.345678', 4)).toBe('12.345678');
    expect(alignDecimals('7', 2)).toBe('7\u2007\u2007\u2007');
  });
});

describe('dates', () => {
  it('names months and counts them inclusively across years', () => {
    expect(formatMonth('2026-05')).toBe('May 2026');
    expect(monthsBetween('2026-05', '2026-10')).toBe(6);
    expect(monthsBetween('2025-11', '2026-02')).toBe(4);
  });

  it('shows an exclusive midnight end as the last day covered', () => {
    expect(formatLastDay('2026-11-01T00:00:00Z')).toBe('2026-10-31');
    expect(formatLastDay('2024-03-01T00:00:00Z')).toBe('2024-02-29');
    expect(formatLastDay('2026-10-31T12:00:00Z')).toBe('2026-10-31');
    expect(formatLastDay(null)).toBe('');
  });
});
