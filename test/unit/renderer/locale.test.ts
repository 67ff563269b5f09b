import { afterEach, describe, expect, it } from 'vitest';
import { buildTable, parseFilter, tableCsv, type TableColumn } from '../../../renderer/src/components/table/table-model';
import { formatMonth, formatMonthLong, shortMonth } from '../../../renderer/src/format/dates';
import { setUserLocale, userLocale } from '../../../renderer/src/format/locale';
import { alignDecimals, formatAmount, formatCount, formatFooted, formatMoney, formatPrice, formatSignedMoney } from '../../../renderer/src/format/money';

afterEach(() => setUserLocale(null));

interface Row {
  name: string;
  cost: string;
}

const columns: TableColumn<Row>[] = [
  { id: 'name', header: 'Team', type: 'text', value: (r) => r.name, rowHeader: true },
  { id: 'cost', header: 'Cost', type: 'money', value: (r) => r.cost, total: true },
];
// 1234.565 + 0.125 + 10 = 1244.69 exactly; footed by largest remainder at 2 decimals:
// floors 1234.56 + 0.12 + 10.00 = 1244.68, one cent short; the largest remainders tie (.005 and .005), the earlier row takes the cent → 1234.57.
const rows: Row[] = [
  { name: 'Underwriting', cost: '1234.565' },
  { name: '=cmd', cost: '0.125' },
  { name: 'Servicing', cost: '10' },
];

describe('the screen in the user locale', () => {
  it('is en-US when nothing says otherwise (Node has no navigator)', () => {
    expect(userLocale()).toBe('en-US');
    expect(formatMoney('1234.56', 'USD')).toBe('USD 1,234.56');
    // A credit: the minus before the whole amount, code and all, as Intl writes "-USD 8.86".
    expect(formatMoney('-8.855', 'USD')).toBe('-USD 8.86'); // half to even: .855 → .86
    expect(formatPrice('2.5', 'USD')).toBe('$2.50');
    expect(formatMonth('2026-10')).toBe('Oct 2026');
  });

  it('reads German: 1.234,56, the currency code after the amount as Intl places it, German month names', () => {
    setUserLocale('de-DE');
    expect(formatAmount('1234567.891')).toBe('1.234.567,89');
    expect(formatMoney('1234.56', 'USD')).toBe('1.234,56 USD');
    expect(formatMoney('-7057.145', 'EUR')).toBe('-7.057,14 EUR'); // half to even: .145 → .14
    expect(formatMoney('1234567.5', 'JPY')).toBe('1.234.568 JPY');
    expect(formatPrice('2.5', 'USD')).toBe('2,50\u00a0$');
    expect(formatPrice('0.075', 'EUR')).toBe('0,075 EUR');
    expect(formatSignedMoney('74.35', 'USD')).toBe('+74,35 USD');
    expect(formatSignedMoney('0', 'USD')).toBe('0,00 USD');
    expect(formatCount(1234567)).toBe('1.234.567');
    expect(alignDecimals('1,5', 3)).toBe('1,5\u2007\u2007');
    expect(formatMonth('2026-10')).toBe('Okt. 2026');
    expect(shortMonth('2026-05')).toBe('Mai');
    expect(formatMonthLong('2026-03')).toBe('März 2026');
  });

  it('foots the same cents in any locale, only the separators change', () => {
    const us = formatFooted(['1234.565', '0.125', '10'], 'USD');
    setUserLocale('de-DE');
    const de = formatFooted(['1234.565', '0.125', '10'], 'USD');
    expect(us.parts).toEqual(['USD 1,234.57', 'USD 0.12', 'USD 10.00']);
    expect(de.parts).toEqual(['1.234,57 USD', '0,12 USD', '10,00 USD']);
    expect(us.total).toBe('USD 1,244.69');
    expect(de.total).toBe('1.244,69 USD');
  });

  it('the shared table prints German figures, reads German filters, and its CSV stays locale-neutral', () => {
    setUserLocale('de-DE');
    const model = buildTable(rows, columns, 'USD', {}, null);
    expect(model.texts.map((t) => t.get('cost'))).toEqual(['1.234,57 USD', '0,12 USD', '10,00 USD']);
    expect(model.totals.get('cost')!.all).toBe('1.244,69 USD');
    // "> 1.000,5" is one thousand and a half in German: only Underwriting's 1,234.565 is above it.
    const above = parseFilter('money', '> 1.000,5')!;
    expect(rows.filter((r, i) => above(r.cost, model.texts[i]!.get('cost')!)).map((r) => r.name)).toEqual(['Underwriting']);
    // "0,1..10" in German is 0.1 to 10, both ends included: 0.125 and 10.
    const range = parseFilter('money', '0,1..10')!;
    expect(rows.filter((r, i) => range(r.cost, model.texts[i]!.get('cost')!)).map((r) => r.name)).toEqual(['=cmd', 'Servicing']);
    // The file is the same as from an American screen: plain decimal points, no grouping, no currency in the cells.
    const csv = tableCsv(rows, columns, 'USD', model);
    expect(csv.split('\r\n').slice(0, 4)).toEqual(['Team,Cost (USD)', 'Underwriting,1234.57', "'=cmd,0.12", 'Servicing,10.00']);
    setUserLocale('en-US');
    const american = buildTable(rows, columns, 'USD', {}, null);
    expect(tableCsv(rows, columns, 'USD', american)).toBe(csv);
    expect(american.texts[0]!.get('cost')).toBe('USD 1,234.57');
  });

  it('falls back to en-US for a tag Intl cannot read', () => {
    setUserLocale('not a locale!');
    expect(userLocale()).toBe('en-US');
    expect(formatAmount('1234.5')).toBe('1,234.50');
  });
});
