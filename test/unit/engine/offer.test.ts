import { describe, expect, it } from 'vitest';
import { parseMoney as $ } from '../../../shared/domain/money';
import { invoicedListTotal, priceOffer } from '../../../shared/engine/offer';

/** A month of one usage line of gpt-x input tokens at the given list cost. */
const usage = (month: string, list: string) => ({ month, lines: [{ model: 'gpt-x', usageClass: 'input' as const, serviceTier: 'standard' as const, quantity: 1_000_000, listCost: $(list) }], listTotal: $(list) });

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

  it('keeps 12.5% exact and bills the discount as an invoice line, to the cent', () => {
    // 12.5% of $1,000.01 = $125.00125 exactly, a discount line of −$125.00 (to the cent, half away from zero);
    // invoice $1,000.01 − $125.00 = $875.01 (the contract pricer's invoice; before issue 17 the offer kept $875.00875)
    const [m] = priceOffer({ discountPct: 12.5, monthlyCommitment: null, credits: [], minimumMonthlyFee: null }, [usage('2027-01', '1000.01')]);
    expect(m!.lines.map((l) => l.amount)).toEqual([$('1000.01'), $('-125.00')]);
    expect(m!.total).toBe($('875.01'));
  });

  it('takes the minimum fee before or after credits as the offer says', () => {
    // $300 list, no discount, minimum $500, a $1,000 credit for all charges.
    // before_credits (default): top-up 500 − 300 = $200; credits pay 300 + 200 = $500; invoice $0; $500 credit left
    // after_credits: credits pay the $300 usage; left to pay 0 → top-up to $500; invoice $500; $700 credit left
    const offer = { discountPct: 0, monthlyCommitment: null, credits: [{ amount: $('1000'), start: '2027-01', expires: '2027-12' }], minimumMonthlyFee: $('500') };
    const [before] = priceOffer(offer, [usage('2027-01', '300')]);
    expect([before!.total, before!.credits!.consumed, before!.credits!.closing]).toEqual([0n, $('500'), $('500')]);
    const [after] = priceOffer({ ...offer, minimumFeeOrder: 'after_credits' }, [usage('2027-01', '300')]);
    expect([after!.total, after!.credits!.consumed, after!.credits!.closing]).toEqual([$('500'), $('300'), $('700')]);
    expect(after!.lines.map((l) => [l.category, l.amount])).toEqual([
      ['usage', $('300')],
      ['credit', $('-300')],
      ['minimum_fee', $('500')],
    ]);
  });

  it('lets credits for all charges pay the take-or-pay shortfall, and usage-only credits only usage', () => {
    // $800 list, commitment $1,000 → shortfall $200; a $5,000 credit.
    // all charges: credits pay 800 + 200 = $1,000, invoice $0; usage only: credits pay $800, invoice $200
    const offer = { discountPct: 0, monthlyCommitment: $('1000'), minimumMonthlyFee: null };
    const [all] = priceOffer({ ...offer, credits: [{ amount: $('5000'), start: '2027-01', expires: '2027-12' }] }, [usage('2027-01', '800')]);
    expect([all!.total, all!.credits!.consumed]).toEqual([0n, $('1000')]);
    const [usageOnly] = priceOffer({ ...offer, credits: [{ amount: $('5000'), start: '2027-01', expires: '2027-12', appliesTo: 'usage_only' }] }, [usage('2027-01', '800')]);
    expect([usageOnly!.total, usageOnly!.credits!.consumed]).toEqual([$('200'), $('800')]);
  });

  it('rounds like an invoice, as the contract pricer does: each line, then the discount line, to the cent', () => {
    // Lines by model, class and tier: input 1.004 + 0.003 (cache tokens billed as input) = 1.007 → 1.01; output 2.006 → 2.01; usage 3.02
    // Discount 15% of each line, summed exactly: 0.1506 + 0.00045 + 0.3009 = 0.45195 → 0.45; usage net 3.02 − 0.45 = 2.57
    // Commitment 2.575 → 2.58 to the cent: shortfall 0.01, invoice 2.58
    const line = (usageClass: 'input' | 'output', listCost: string) => ({ model: 'm', usageClass, serviceTier: 'standard' as const, quantity: 1, listCost: $(listCost) });
    const usage = { month: '2027-01', lines: [line('input', '1.004'), line('output', '2.006'), line('input', '0.003')], listTotal: $('3.013') };
    const offer = { discountPct: 15, monthlyCommitment: $('2.575'), credits: [], minimumMonthlyFee: null };
    const [m] = priceOffer(offer, [usage]);
    expect(m!.lines.map((l) => [l.category, l.amount])).toEqual([
      ['usage', $('3.02')],
      ['discount', $('-0.45')],
      ['shortfall', $('0.01')],
    ]);
    expect(m!.total).toBe($('2.58'));
    // Outside the term the vendor bills the lines at list, each to the cent.
    expect(invoicedListTotal(usage)).toBe($('3.02'));
  });
});
