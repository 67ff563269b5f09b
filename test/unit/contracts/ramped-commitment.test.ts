import { describe, expect, it } from 'vitest';
import { loadContractYaml, validateContract } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { ContractMonth, UsageItem } from '../../../shared/domain/contracts/types';
import { describeTerms } from '../../../shared/domain/contracts/terms';
import { validateTermSheet } from '../../../shared/domain/contracts/term-sheet';
import { nanosToDecimal } from '../../../shared/domain/money';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { WorkbenchError } from '../../../shared/domain/errors';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

/** `dollars` of acme-large input at list ($2.50 per 1M tokens: 400,000 tokens a dollar). */
function spend(month: string, dollars: number): UsageItem[] {
  return dollars === 0 ? [] : [{ model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: dollars * 400_000, date: `${month}-15` }];
}

function contract(term: string, commitment: string) {
  return loadContractYaml(`name: Ramped\nvendor: acme\ncurrency: USD\nterm: ${term}\ncommitment:\n${commitment}`, { file: 'ramp.yaml', book });
}

/** Month → what it shows: shortfall billed, and the year's balance after it. */
function byMonth(months: ContractMonth[]) {
  return new Map(months.map((m) => [m.month, m]));
}

// Two contract years, $1.2M then $1.8M, trued up each quarter ($300,000 then $450,000 a quarter: a year's
// commitment spread evenly over its twelve months, three months a quarter).
const TWO_YEARS = '{ start: 2026-01-01, end: 2027-12-31 }';
const RAMP = `  period: year
  years:
    - { year: 1, amount: "1200000" }
    - { year: 2, amount: "1800000" }
  trueUp: quarter
`;
const USAGE: Record<string, number> = {
  '2026-01': 150_000, '2026-02': 150_000, '2026-03': 100_000, // Q1 400,000
  '2026-04': 50_000, '2026-05': 50_000, '2026-06': 100_000, // Q2 200,000
  '2026-07': 80_000, '2026-08': 80_000, '2026-09': 80_000, // Q3 240,000
  '2026-10': 200_000, '2026-11': 100_000, '2026-12': 100_000, // Q4 400,000
  '2027-01': 100_000, '2027-02': 100_000, '2027-03': 100_000, // Q1 300,000
  '2027-04': 500_000, // Q2 500,000; Q3 and Q4 nothing
};
const usage = new Map(Object.entries(USAGE).map(([m, d]) => [m, spend(m, d)]));

describe('golden: a ramped two-year commitment trued up quarterly', () => {
  it('with over-use carried within the year: shortfalls $60,000, $150,000, $400,000, $450,000', () => {
    // Year 1, $300,000 a quarter:
    //   Q1 drew 400,000: excess 100,000 carried to Q2.          billed 0
    //   Q2 drew 200,000 + 100,000 carried = 300,000: no shortfall, nothing left to carry.   billed 0
    //   Q3 drew 240,000: shortfall 300,000 − 240,000 = 60,000.  billed 60,000 (Sep)
    //   Q4 drew 400,000: excess 100,000, lost at the year's end. billed 0
    // Year 2, $450,000 a quarter (year 1's excess does not cross):
    //   Q1 drew 300,000: shortfall 150,000.                     billed 150,000 (Mar 2027)
    //   Q2 drew 500,000: excess 50,000 carried to Q3.           billed 0
    //   Q3 drew 0 + 50,000 carried: shortfall 400,000.          billed 400,000 (Sep 2027)
    //   Q4 drew 0: shortfall 450,000.                           billed 450,000 (Dec 2027)
    const c = contract(TWO_YEARS, `${RAMP}  carryOver: within_year\n`);
    const m = byMonth(priceContractMonths(c, book, usage));
    const billed = [...m.values()].filter((x) => x.summary.commitmentShortfall > 0n).map((x) => [x.month, usd(x.summary.commitmentShortfall)]);
    expect(billed).toEqual([
      ['2026-09', '60000.00'],
      ['2027-03', '150000.00'],
      ['2027-09', '400000.00'],
      ['2027-12', '450000.00'],
    ]);
    // June 2026 closes Q2: $300,000 committed for the quarter, 200,000 drawn + 100,000 carried in = 300,000 counted.
    const jun = m.get('2026-06')!.commitment!;
    expect([usd(jun.committed), usd(jun.eligible), usd(jun.shortfall), jun.periodEnd]).toEqual(['300000.00', '300000.00', '0.00', true]);
    const sep = m.get('2026-09')!;
    expect(sep.lines.at(-1)!.label).toBe('Commitment shortfall: $300,000.00 committed for the quarter, $240,000.00 counted');
    expect(usd(sep.total)).toBe('140000.00'); // 80,000 usage + 60,000 shortfall
  });

  it('shows the balance month by month: committed to date, drawn, billed, remaining', () => {
    const c = contract(TWO_YEARS, `${RAMP}  carryOver: within_year\n`);
    const m = byMonth(priceContractMonths(c, book, usage));
    const balance = (month: string) => {
      const b = m.get(month)!.commitment!.balance;
      return [b.year, b.yearStart, b.yearEnd, usd(b.committedForYear), usd(b.committedToDate), usd(b.drawnToDate), usd(b.shortfallBilledToDate), usd(b.remaining), b.trueUp];
    };
    // Feb 2026: 1,200,000 × 2/12 = 200,000 committed to date; 300,000 drawn; 1,200,000 − 300,000 = 900,000 remaining.
    expect(balance('2026-02')).toEqual([1, '2026-01-01', '2026-12-31', '1200000.00', '200000.00', '300000.00', '0.00', '900000.00', false]);
    // Sep 2026: 1,200,000 × 9/12 = 900,000; drawn 400 + 200 + 240 = 840,000; billed 60,000; remaining 1,200,000 − 840,000 − 60,000 = 300,000.
    expect(balance('2026-09')).toEqual([1, '2026-01-01', '2026-12-31', '1200000.00', '900000.00', '840000.00', '60000.00', '300000.00', true]);
    // Dec 2026: drawn 1,240,000 + billed 60,000 exceed 1,200,000: nothing remains.
    expect(balance('2026-12')).toEqual([1, '2026-01-01', '2026-12-31', '1200000.00', '1200000.00', '1240000.00', '60000.00', '0.00', true]);
    // Jun 2027: 1,800,000 × 6/12 = 900,000; drawn 300,000 + 500,000 = 800,000; billed 150,000; remaining 1,800,000 − 800,000 − 150,000 = 850,000.
    expect(balance('2027-06')).toEqual([2, '2027-01-01', '2027-12-31', '1800000.00', '900000.00', '800000.00', '150000.00', '850000.00', true]);
    // Dec 2027: billed 150,000 + 400,000 + 450,000 = 1,000,000; with 800,000 drawn the year's 1,800,000 is met.
    expect(balance('2027-12')).toEqual([2, '2027-01-01', '2027-12-31', '1800000.00', '1800000.00', '800000.00', '1000000.00', '0.00', true]);
  });

  it('without carry-over each quarter stands alone: Q2 2026 bills $100,000 too', () => {
    // Q2 drew 200,000 of 300,000 → 100,000; the rest as above but Q2 2027's excess no longer helps Q3: 450,000.
    const c = contract(TWO_YEARS, RAMP);
    const billed = priceContractMonths(c, book, usage)
      .filter((x) => x.summary.commitmentShortfall > 0n)
      .map((x) => [x.month, usd(x.summary.commitmentShortfall)]);
    expect(billed).toEqual([
      ['2026-06', '100000.00'],
      ['2026-09', '60000.00'],
      ['2027-03', '150000.00'],
      ['2027-09', '450000.00'],
      ['2027-12', '450000.00'],
    ]);
  });

  it('an annual true-up of the same ramp bills only at each year end', () => {
    // Year 1 drew 1,240,000 ≥ 1,200,000: nothing. Year 2 drew 800,000: 1,800,000 − 800,000 = 1,000,000 in Dec 2027.
    const c = contract(TWO_YEARS, RAMP.replace('trueUp: quarter', 'trueUp: year'));
    const billed = priceContractMonths(c, book, usage)
      .filter((x) => x.summary.commitmentShortfall > 0n)
      .map((x) => [x.month, usd(x.summary.commitmentShortfall)]);
    expect(billed).toEqual([['2027-12', '1000000.00']]);
  });

  it('a part year is prorated by days, then spread over its months; the quarters add up to it to the cent', () => {
    // Term Jan–Aug 2026: 243 of 365 days. 1,200,000 × 243 / 365 = 798,904.1095… → 798,904.11 for the year.
    // Eight months: through Mar 798,904.11 × 3/8 = 299,589.04125 → 299,589.04; through Jun × 6/8 = 599,178.0825 → 599,178.08.
    // Q1 299,589.04; Q2 599,178.08 − 299,589.04 = 299,589.04; Jul–Aug 798,904.11 − 599,178.08 = 199,726.03. Sum 798,904.11.
    const c = contract('{ start: 2026-01-01, end: 2026-08-31 }', '  amount: "1200000"\n  period: year\n  trueUp: quarter\n');
    const billed = priceContractMonths(c, book, new Map())
      .filter((x) => x.summary.commitmentShortfall > 0n)
      .map((x) => [x.month, usd(x.summary.commitmentShortfall)]);
    expect(billed).toEqual([
      ['2026-03', '299589.04'],
      ['2026-06', '299589.04'],
      ['2026-08', '199726.03'],
    ]);
  });

  it('a monthly commitment ramps by year, the amount standing for the years not listed', () => {
    // Year 1: $10,000 a month (the ramp), year 2: $12,000 (the amount). $8,000 used → 2,000 short in Jan 2026, 4,000 in Jan 2027.
    const c = contract(TWO_YEARS, '  amount: "12000"\n  period: month\n  years:\n    - { year: 1, amount: "10000" }\n');
    const months = byMonth(priceContractMonths(c, book, new Map([['2026-01', spend('2026-01', 8000)], ['2027-01', spend('2027-01', 8000)]])));
    expect(usd(months.get('2026-01')!.summary.commitmentShortfall)).toBe('2000.00');
    expect(usd(months.get('2027-01')!.summary.commitmentShortfall)).toBe('4000.00');
    // Year 2's balance after January: 12 × 12,000 = 144,000 for the year; 12,000 committed to date; 8,000 drawn; 4,000 billed; 132,000 remaining.
    const b = months.get('2027-01')!.commitment!.balance;
    expect([usd(b.committedForYear), usd(b.committedToDate), usd(b.drawnToDate), usd(b.shortfallBilledToDate), usd(b.remaining)]).toEqual(['144000.00', '12000.00', '8000.00', '4000.00', '132000.00']);
    expect(describeTerms(c)).toEqual(['year 1 $10,000.00, other years $12,000.00 a month committed, take-or-pay']);
  });

  it('describes a ramp with its true-up and carry-over', () => {
    const c = contract(TWO_YEARS, `${RAMP}  carryOver: within_year\n`);
    expect(describeTerms(c)).toEqual(['year 1 $1,200,000.00, year 2 $1,800,000.00 a year committed, trued up quarterly, take-or-pay, within year']);
  });
});

describe('ramped commitment: each new way to get it wrong names the file and the field', () => {
  const issues = (term: string, commitment: string) => {
    const r = validateContract(parseExactYaml(`name: Bad\nvendor: acme\ncurrency: USD\nterm: ${term}\ncommitment:\n${commitment}`, 'bad.yaml'), { file: 'bad.yaml', book });
    return r.ok ? [] : r.issues.map((i) => [i.field, i.message]);
  };

  it('a contract year listed twice (overlapping years)', () => {
    expect(issues(TWO_YEARS, '  period: year\n  years:\n    - { year: 1, amount: 100 }\n    - { year: 2, amount: 200 }\n    - { year: 1, amount: 300 }\n')).toEqual([
      ['commitment.years[2].year', 'is 1 again, as in entry 1 (years[0]): the years overlap'],
    ]);
  });

  it('a contract year outside the term', () => {
    expect(issues(TWO_YEARS, '  period: year\n  years:\n    - { year: 1, amount: 100 }\n    - { year: 2, amount: 200 }\n    - { year: 3, amount: 300 }\n')).toEqual([
      ['commitment.years[2].year', 'is 3, outside the term (2026-01-01 to 2027-12-31 has 2 contract years, the last from 2027-01)'],
    ]);
  });

  it('a ramp leaving a year out with no amount for it', () => {
    expect(issues(TWO_YEARS, '  period: year\n  years:\n    - { year: 2, amount: 200 }\n')).toEqual([
      ['commitment.years', 'lists no commitment for contract year 1; list every year of the term or give an amount for the years left out'],
    ]);
  });

  it('neither an amount nor years', () => {
    expect(issues(TWO_YEARS, '  period: year\n')).toEqual([['commitment.amount', 'is required: the commitment per period, or a ramp of amounts by contract year under years']]);
  });

  it('a carry-over without a commitment', () => {
    expect(issues(TWO_YEARS, '  period: month\n  amount: 0\n  carryOver: excess_forward\n')).toEqual([
      ['commitment.carryOver', 'carries over excess forward, but nothing is committed (every amount is 0); a carry-over needs a commitment to count against'],
    ]);
  });

  it('a cap on carry-over without a carry-over', () => {
    expect(issues(TWO_YEARS, '  period: month\n  amount: 100\n  maxCarryOver: 50\n')).toEqual([
      ['commitment.maxCarryOver', 'caps excess carried forward, but the commitment carries no excess (carryOver is none); set carryOver to excess_forward or within_year, or remove the cap'],
    ]);
  });

  it('carry-over within the year with one true-up a year', () => {
    expect(issues(TWO_YEARS, '  period: year\n  amount: 100\n  carryOver: within_year\n')).toEqual([
      ['commitment.carryOver', 'within_year carries over-use to a later true-up in the same contract year, but the commitment is trued up once a year; set trueUp to month or quarter'],
    ]);
  });

  it('a misspelt true-up and a year that is not a whole number', () => {
    expect(issues(TWO_YEARS, '  period: year\n  trueUp: quarterly\n  years:\n    - { year: 1.5, amount: 100 }\n')).toEqual([
      ['commitment.years[0].year', 'must be a whole number, 1 for the first contract year'],
      ['commitment.trueUp', 'must be "month", "quarter" or "year"'],
    ]);
  });

  it('loading throws one error naming the file and the field', () => {
    try {
      loadContractYaml(`name: Bad\nvendor: acme\ncurrency: USD\nterm: ${TWO_YEARS}\ncommitment:\n  period: year\n  years:\n    - { year: 3, amount: 1 }\n  amount: 5\n`, { file: 'bad.yaml', book });
      expect.unreachable('the contract should be rejected');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbenchError);
      expect([(e as WorkbenchError).file, (e as WorkbenchError).field]).toEqual(['bad.yaml', 'commitment.years[0].year']);
    }
  });
});

describe('ramped commitment in a term sheet', () => {
  it('reads "True up" and a [Commitment years] table, naming the cell of a bad year', () => {
    const grid = [
      ['Name', 'Ramp'],
      ['Vendor', 'acme'],
      ['Currency', 'USD'],
      ['Start', '2026-01-01'],
      ['End', '2027-12-31'],
      ['Commitment period', 'year'],
      ['True up', 'quarter'],
      ['Carry over', 'within_year'],
      [],
      ['[Commitment years]'],
      ['Year', 'Amount'],
      ['1', '1200000'],
      ['3', '1800000'],
    ];
    const r = validateTermSheet(grid, { file: 'ramp.xlsx', book, sheet: 'Terms' });
    expect(r.mapping.contract.commitment).toEqual({ period: 'year', trueUp: 'quarter', carryOver: 'within_year', years: [{ year: 1, amount: '1200000' }, { year: 3, amount: '1800000' }] });
    expect(r.ok ? [] : r.issues.map((i) => [i.field, i.cell])).toEqual([
      ['commitment.years[1].year', 'Terms!A13'],
      ['commitment.years', 'Terms!A10'],
    ]);
    grid[12] = ['2', '1800000'];
    const fixed = validateTermSheet(grid, { file: 'ramp.xlsx', book });
    expect(fixed.ok && describeTerms(fixed.contract)).toEqual(['year 1 $1,200,000.00, year 2 $1,800,000.00 a year committed, trued up quarterly, take-or-pay, within year']);
  });
});
