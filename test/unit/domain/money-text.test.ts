import { describe, expect, it } from 'vitest';
import { parseMoney } from '../../../shared/domain/money';
import { amountText, currencyDecimals, groupThousands, moneyText } from '../../../shared/domain/money-text';

const m = parseMoney;

describe('money text: one rule for every currency', () => {
  it('writes US dollars with the symbol first, to the cent, thousands grouped', () => {
    expect(moneyText(m('1234.567'), 'USD')).toBe('$1,234.57');
    expect(moneyText(m('0'), 'USD')).toBe('$0.00');
    expect(moneyText(m('999.999'), 'USD')).toBe('$1,000.00'); // rounding carries into a new group
    expect(moneyText(m('500'), 'USD')).toBe('$500.00');
  });

  it('writes every other currency with its code after the amount', () => {
    expect(moneyText(m('1234.567'), 'EUR')).toBe('1,234.57 EUR');
    expect(moneyText(m('999'), 'GBP')).toBe('999.00 GBP');
    expect(moneyText(m('1234.5'), 'CAD')).toBe('1,234.50 CAD'); // a $ would read as US dollars
  });

  it('gives each currency its ISO 4217 minor unit: no decimals for yen, three for dinars', () => {
    expect([currencyDecimals('USD'), currencyDecimals('EUR'), currencyDecimals('GBP'), currencyDecimals('JPY'), currencyDecimals('KWD'), currencyDecimals('XYZ')]).toEqual([2, 2, 2, 0, 3, 2]);
    expect(moneyText(m('1234567.5'), 'JPY')).toBe('1,234,568 JPY'); // .5 → even: 1,234,568
    expect(moneyText(m('2.5'), 'JPY')).toBe('2 JPY'); // .5 → even: 2
    expect(moneyText(m('12.3456'), 'KWD')).toBe('12.346 KWD');
  });

  it('rounds half to even, like the ledger, straight from nano-units', () => {
    expect(moneyText(m('17604.025'), 'USD')).toBe('$17,604.02'); // tie → even (2)
    expect(moneyText(m('17604.035'), 'USD')).toBe('$17,604.04'); // tie → even (4)
    expect(moneyText(m('0.004999999'), 'USD')).toBe('$0.00');
    expect(moneyText(m('0.005000001'), 'USD')).toBe('$0.01');
  });

  it('puts the minus sign first, before the symbol, and never writes minus zero', () => {
    expect(moneyText(m('-1234.5'), 'USD')).toBe('-$1,234.50');
    expect(moneyText(m('-1234567.5'), 'EUR')).toBe('-1,234,567.50 EUR');
    expect(moneyText(m('-0.004'), 'USD')).toBe('$0.00');
    expect(moneyText(m('-1500'), 'JPY')).toBe('-1,500 JPY');
  });

  it('writes large amounts exactly, beyond what a double holds', () => {
    // 2^53 + 1 = 9,007,199,254,740,993 is not a double; the text keeps every digit.
    expect(moneyText(m('9007199254740993.125'), 'USD')).toBe('$9,007,199,254,740,993.12');
    expect(moneyText(m('-123456789012345678.9'), 'GBP')).toBe('-123,456,789,012,345,678.90 GBP');
  });

  it('keeps every decimal of a unit price when asked, at least the minor unit', () => {
    expect(moneyText(m('0.0025'), 'USD', { exact: true })).toBe('$0.0025');
    expect(moneyText(m('2.5'), 'USD', { exact: true })).toBe('$2.50');
    expect(moneyText(m('1000.000000001'), 'EUR', { exact: true })).toBe('1,000.000000001 EUR');
    expect(moneyText(m('0.3'), 'JPY', { exact: true })).toBe('0.3 JPY');
    expect(moneyText(m('1000'), 'JPY', { exact: true })).toBe('1,000 JPY');
  });

  it('rounds to a number of decimals asked for instead', () => {
    expect(moneyText(m('1.23456'), 'USD', { decimals: 4 })).toBe('$1.2346');
    expect(moneyText(m('1234.5'), 'JPY', { decimals: 2 })).toBe('1,234.50 JPY');
  });

  it('gives the digits alone for tables with a currency column', () => {
    expect(amountText(m('1234567.891'), 'USD')).toBe('1,234,567.89');
    expect(amountText(m('1234567.891'), 'JPY')).toBe('1,234,568');
    expect(amountText(m('-0.5'), null)).toBe('-0.50');
    expect(amountText(m('2.5523365'), null, { exact: true })).toBe('2.5523365');
  });

  it('groups thousands in the whole part only', () => {
    expect(groupThousands('400000000')).toBe('400,000,000');
    expect(groupThousands('-1234567.891234')).toBe('-1,234,567.891234');
    expect(groupThousands('999')).toBe('999');
    expect(groupThousands('0.0001234')).toBe('0.0001234');
  });
});
