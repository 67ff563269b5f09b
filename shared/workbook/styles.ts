/**
 * The workbook's one theme: a navy title band, grey headers, blue inputs
 * (the finance convention for numbers someone typed) and black formulas, and
 * number formats in the workspace currency.
 */

export const STYLE_NAMES = [
  'title',
  'subtitle',
  'section',
  'header',
  'headerRight',
  'label',
  'labelBold',
  'text',
  'note',
  'link',
  'month',
  'money',
  'moneyBold',
  'moneyInput',
  'moneyExact',
  'price',
  'priceInput',
  'count',
  'countInput',
  'number',
  'numberInput',
  'share',
  'shareInput',
  'percentInput',
  'ratioInput',
  'kpiLabel',
  'kpiMoney',
  'kpiMoneyExact',
  'kpiText',
  'kpiCount',
  'engineValue',
  'engineMoney',
  'engineCount',
  'flag',
  'status',
  'statusFlag',
] as const;
export type StyleName = (typeof STYLE_NAMES)[number];

export interface StyleSpec {
  font?: { bold?: boolean; italic?: boolean; size?: number; color?: string; underline?: boolean };
  fill?: string;
  numFmt?: string;
  align?: 'left' | 'right' | 'center';
  wrap?: boolean;
  border?: 'bottom' | 'top' | 'box';
  indent?: number;
}

export const THEME = {
  navy: '1F3864',
  blue: '2F5597',
  inputBlue: '0000CC',
  grey: 'D9D9D9',
  lightGrey: 'F2F2F2',
  lightBlue: 'DEEBF7',
  engineFill: 'FFF2CC',
  text: '262626',
  muted: '595959',
  red: 'C00000',
} as const;

const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥', CNY: '¥', INR: '₹', CHF: 'CHF ', CAD: 'CA$', AUD: 'A$' };

/** A money format in the currency: "$"#,##0.00 for USD, #,##0.00 "SEK" where there is no common symbol. */
export function moneyFormat(currency: string, decimals = 2): string {
  const digits = decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0';
  const symbol = SYMBOLS[currency];
  const body = `#,##${digits}`;
  if (symbol) return `"${symbol}"${body};-"${symbol}"${body}`;
  return `${body} "${currency}";-${body} "${currency}"`;
}

export function styleSpecs(currency: string): Record<StyleName, StyleSpec> {
  const money = moneyFormat(currency);
  const exact = moneyFormat(currency, 4);
  const price = `${moneyFormat(currency, 2).split(';')[0]!.replace('0.00', '0.00####')}`;
  const input = { color: THEME.inputBlue };
  return {
    title: { font: { bold: true, size: 16, color: 'FFFFFF' }, fill: THEME.navy },
    subtitle: { font: { size: 11, color: THEME.muted, italic: true } },
    section: { font: { bold: true, size: 12, color: THEME.navy }, border: 'bottom' },
    header: { font: { bold: true, color: 'FFFFFF' }, fill: THEME.blue, wrap: true, align: 'left' },
    headerRight: { font: { bold: true, color: 'FFFFFF' }, fill: THEME.blue, wrap: true, align: 'right' },
    label: { font: { color: THEME.text } },
    labelBold: { font: { bold: true, color: THEME.text } },
    text: { font: { color: THEME.text } },
    note: { font: { italic: true, size: 9, color: THEME.muted }, wrap: false },
    link: { font: { color: '0563C1', underline: true } },
    month: { font: { color: THEME.text }, align: 'left' },
    money: { numFmt: money },
    moneyBold: { numFmt: money, font: { bold: true }, border: 'top' },
    moneyInput: { numFmt: money, font: input },
    moneyExact: { numFmt: exact },
    price: { numFmt: price },
    priceInput: { numFmt: price, font: input },
    count: { numFmt: '#,##0' },
    countInput: { numFmt: '#,##0', font: input },
    number: { numFmt: '#,##0.00##' },
    numberInput: { numFmt: '#,##0.00##', font: input },
    share: { numFmt: '0.0%' },
    shareInput: { numFmt: '0.0%', font: input },
    percentInput: { numFmt: '0.00"%"', font: input },
    ratioInput: { numFmt: '0.00"×"', font: input },
    kpiLabel: { font: { bold: true, color: THEME.navy }, fill: THEME.lightBlue },
    kpiMoney: { numFmt: money, font: { bold: true, size: 12 }, fill: THEME.lightBlue, align: 'right' },
    kpiMoneyExact: { numFmt: exact, font: { bold: true, size: 12 }, fill: THEME.lightBlue, align: 'right' },
    kpiText: { font: { bold: true, size: 12 }, fill: THEME.lightBlue, align: 'right' },
    kpiCount: { numFmt: '#,##0', font: { bold: true, size: 12 }, fill: THEME.lightBlue, align: 'right' },
    engineValue: { numFmt: '#,##0.00##', fill: THEME.engineFill },
    engineMoney: { numFmt: money, fill: THEME.engineFill },
    engineCount: { numFmt: '#,##0', fill: THEME.engineFill },
    flag: { font: { color: THEME.red } },
    status: { font: { color: THEME.text }, align: 'center' },
    statusFlag: { font: { color: THEME.red }, align: 'center' },
  };
}
