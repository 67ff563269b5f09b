import { describe, expect, it } from 'vitest';
import { parseMoney as $ } from '../../../shared/domain/money';
import { priceOffer } from '../../../shared/engine/offer';

const usage = (month: string, list: string) => ({ month, lines: [], listTotal: $(list) });

describe('inline offers', () => {
  it('tops the invoice up to the minimum monthly fee', () => {
    // $300 list, 10% off = $270, minimum $500 → top-up $230, invoice $500
    const [m] = priceOffer({ discountPct: 10, monthlyCommitment: null, credits: [], minimumMonthlyFee: $('500') }, [usage('2027-01', '300')]);
    expect(m!.total).toBe($('500'));
    expect(m!.lines.map((l) => [l.category, l.amount])).toEqual([
      ['usage', $('300')],
      ['discount', $('-30')],
      ['minimum_fee', $('230')],
    ]);
  });

  it('burns the grant that expires first, and forfeits what is left at its expiry', () => {
    // grants: $1,000 to March, $1,000 to June; usage $800 a month
    // Jan: 800 from the March grant (200 left); Feb: 200 March + 600 June (400 left);
    // Mar: 400 June, pays 400; Apr: pays 800
    const months = priceOffer(
      {
        discountPct: 0,
        monthlyCommitment: null,
        credits: [
          { amount: $('1000'), start: '2027-01', expires: '2027-06' },
          { amount: $('1000'), start: '2027-01', expires: '2027-03' },
        ],
        minimumMonthlyFee: null,
      },
      ['2027-01', '2027-02', '2027-03', '2027-04'].map((m) => usage(m, '800')),
    );
    expect(months.map((m) => m.total)).toEqual([$('0'), $('0'), $('400'), $('800')]);
    expect(months.map((m) => m.credits!.closing)).toEqual([$('1200'), $('400'), $('0'), $('0')]);
    expect(months.map((m) => m.credits!.forfeited)).toEqual([0n, 0n, 0n, 0n]);
  });

  it('keeps 12.5% exact', () => {
    // $1,000.01 × 0.875 = $875.00875
    const [m] = priceOffer({ discountPct: 12.5, monthlyCommitment: null, credits: [], minimumMonthlyFee: null }, [usage('2027-01', '1000.01')]);
    expect(m!.total).toBe($('875.00875'));
  });
});
