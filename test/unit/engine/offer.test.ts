import { describe, expect, it } from 'vitest';
import { parseMoney as $ } from '../../../shared/domain/money';
import { invoicedListTotal, priceOffer } from '../../../shared/engine/offer';

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

  it('rounds like an invoice when it stands in for a stored contract: each line, then the discount line, to the cent', () => {
    // Lines by model, class and tier: input 1.004 + 0.003 (cache tokens billed as input) = 1.007 → 1.01; output 2.006 → 2.01; usage 3.02
    // Discount 15% of each line, summed exactly: 0.1506 + 0.00045 + 0.3009 = 0.45195 → 0.45; usage net 3.02 − 0.45 = 2.57
    // Commitment 2.575 → 2.58 to the cent: shortfall 0.01, invoice 2.58
    const line = (usageClass: 'input' | 'output', listCost: string) => ({ model: 'm', usageClass, serviceTier: 'standard' as const, quantity: 1, listCost: $(listCost) });
    const usage = { month: '2027-01', lines: [line('input', '1.004'), line('output', '2.006'), line('input', '0.003')], listTotal: $('3.013') };
    const offer = { discountPct: 15, monthlyCommitment: $('2.575'), credits: [], minimumMonthlyFee: null };
    const [m] = priceOffer(offer, [usage], { invoiceRounding: true });
    expect(m!.lines.map((l) => [l.category, l.amount])).toEqual([
      ['usage', $('3.02')],
      ['discount', $('-0.45')],
      ['shortfall', $('0.01')],
    ]);
    expect(m!.total).toBe($('2.58'));
    // Rounded once instead (an offer written in a scenario): 3.013 × 0.85 = 2.56105, shortfall 0.01395, invoice 2.575
    expect(priceOffer(offer, [usage])[0]!.total).toBe($('2.575'));
    // Outside the term the vendor bills the lines at list, each to the cent.
    expect(invoicedListTotal(usage)).toBe($('3.02'));
  });
});
