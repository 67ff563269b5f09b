import { describe, expect, it } from 'vitest';
import { loadContractYaml, validateContract } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import type { ContractMonth, UsageItem } from '../../../shared/domain/contracts/types';
import { nanosToDecimal } from '../../../shared/domain/money';
import { parseExactYaml } from '../../../shared/domain/yaml-text';
import { WorkbenchError } from '../../../shared/domain/errors';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';
import { commitmentIdOn, contractCommitmentRows } from '../../../shared/formats/focus-commitments';
import { contractAsOffer } from '../../../shared/engine/contract-offer';

const book = fixtureBook();
const usd = (n: bigint) => nanosToDecimal(n, 2);

/** `dollars` of acme-large input at list ($2.50 per 1M tokens: 400,000 tokens a dollar). */
function spend(month: string, dollars: number): UsageItem[] {
  return dollars === 0 ? [] : [{ model: 'acme-large', usageClass: 'input', serviceTier: 'standard', quantity: dollars * 400_000, date: `${month}-15` }];
}
const usageOf = (byMonth: Record<string, number>) => new Map(Object.entries(byMonth).map(([m, d]) => [m, spend(m, d)]));
const load = (yaml: string) => loadContractYaml(yaml, { file: 'versioned.yaml', book });
const byMonth = (months: ContractMonth[]) => new Map(months.map((m) => [m.month, m]));

// A six-month agreement renewed for six more from July, with the annual commitment ramped from $12,000 to
// $24,000 a year, trued up each quarter, over-use carried within the contract year.
export const RENEWAL_YAML = `name: Renewed
id: acme-renewed
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-06-30 }
commitment: { amount: "12000", period: year, trueUp: quarter, carryOver: within_year }
versions:
  - effectiveFrom: 2026-07-01
    reason: renewal, phase 2
    end: 2026-12-31
    commitment: { amount: "24000", period: year, trueUp: quarter, carryOver: within_year }
`;
export const RENEWAL_USAGE: Record<string, number> = {
  '2026-01': 1500, '2026-02': 1500, '2026-03': 1500, // Q1 4,500
  '2026-04': 500, '2026-05': 500, '2026-06': 500, // Q2 1,500
  '2026-07': 2000, '2026-08': 1000, '2026-09': 1000, // Q3 4,000 (version 2)
  '2026-10': 3000, '2026-11': 3000, '2026-12': 1000, // Q4 7,000
};

describe('golden: a renewal that ramps the commitment mid-year, with carry-over', () => {
  // One contract year (2026-01 to 2026-12, twelve months from the term start, the renewal's end included).
  // Each month commits at the version in force: $12,000 ÷ 12 = $1,000 a month to June, $24,000 ÷ 12 = $2,000 from
  // July; the year's commitment is 6 × 1,000 + 6 × 2,000 = $18,000; quarters $3,000, $3,000, $6,000, $6,000.
  //   Q1 drew 4,500 vs 3,000: excess 1,500 carried into Q2.                      billed 0
  //   Q2 drew 1,500 + 1,500 carried = 3,000 vs 3,000: nothing short, nothing left. billed 0
  //   Q3 drew 4,000 vs 6,000 (the renewal's rate): shortfall 2,000.              billed 2,000 (Sep)
  //   Q4 drew 7,000 vs 6,000: excess 1,000, lost at the year's end.               billed 0
  // As two separate contracts the carry-over would stop at June and the second would start a new year.
  const months = byMonth(priceContractMonths(load(RENEWAL_YAML), book, usageOf(RENEWAL_USAGE)));

  it('bills the one shortfall at the renewed quarter rate and carries Q1 excess into Q2', () => {
    const billed = [...months.values()].filter((m) => m.summary.commitmentShortfall > 0n).map((m) => [m.month, usd(m.summary.commitmentShortfall)]);
    expect(billed).toEqual([['2026-09', '2000.00']]);
    const jun = months.get('2026-06')!.commitment!;
    expect([usd(jun.committed), usd(jun.eligible), usd(jun.shortfall)]).toEqual(['3000.00', '3000.00', '0.00']);
    const sep = months.get('2026-09')!;
    expect([usd(sep.commitment!.committed), usd(sep.commitment!.eligible)]).toEqual(['6000.00', '4000.00']);
    expect(usd(sep.total)).toBe('3000.00'); // 1,000 usage + 2,000 shortfall
  });

  it('keeps one contract year across the renewal: committed $18,000, drawn 17,000, billed 2,000', () => {
    const jun = months.get('2026-06')!.commitment!.balance;
    // Through June: 6 × 1,000 committed; drawn 4,500 + 1,500.
    expect([jun.year, jun.yearStart, jun.yearEnd, usd(jun.committedForYear), usd(jun.committedToDate), usd(jun.drawnToDate)]).toEqual([1, '2026-01-01', '2026-12-31', '18000.00', '6000.00', '6000.00']);
    const sep = months.get('2026-09')!.commitment!.balance;
    // 6,000 + 3 × 2,000 = 12,000 committed; drawn 6,000 + 4,000; remaining 18,000 − 10,000 − 2,000.
    expect([usd(sep.committedToDate), usd(sep.drawnToDate), usd(sep.shortfallBilledToDate), usd(sep.remaining)]).toEqual(['12000.00', '10000.00', '2000.00', '6000.00']);
    const dec = months.get('2026-12')!.commitment!.balance;
    expect([usd(dec.committedToDate), usd(dec.drawnToDate), usd(dec.shortfallBilledToDate), usd(dec.remaining)]).toEqual(['18000.00', '17000.00', '2000.00', '0.00']);
  });

  it('names the version that priced each month', () => {
    expect(months.get('2026-06')!.version).toEqual({ number: 1, effectiveFrom: '2026-01-01', reason: null, where: null });
    expect(months.get('2026-07')!.version).toEqual({ number: 2, effectiveFrom: '2026-07-01', reason: 'renewal, phase 2', where: 'versions[0]' });
    expect(months.get('2026-09')!.lines.at(-1)!.term).toBe('versions[0].commitment');
    expect(months.get('2026-12')!.inTerm).toBe(true);
  });
});

describe('golden: an amendment adding credits mid-term', () => {
  // 10% off list all year; from April, amendment 1 grants $500 of credit for usage until June. Usage $400 at list a
  // month, $360 after the discount (kept: the amendment does not name discounts).
  //   Mar: 360, no credit.            Apr: credit 360 (balance 140), total 0.
  //   May: credit 140 (balance 0), total 360 − 140 = 220.      Jun: 360.
  const yaml = `name: Amended
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts: [{ label: Enterprise, percentOff: "10" }]
versions:
  - effectiveFrom: 2026-04-01
    reason: amendment 1, launch credits
    credits:
      grants: [{ id: launch, amount: "500", start: 2026-04-01, expires: 2026-06-30, appliesTo: usage_only }]
`;
  const months = byMonth(priceContractMonths(load(yaml), book, usageOf({ '2026-03': 400, '2026-04': 400, '2026-05': 400, '2026-06': 400 }), { from: '2026-03', through: '2026-06' }));

  it('burns the new grant from its month and keeps the discount', () => {
    expect(['2026-03', '2026-04', '2026-05', '2026-06'].map((m) => usd(months.get(m)!.total))).toEqual(['360.00', '0.00', '220.00', '360.00']);
    expect(months.get('2026-04')!.credits).toEqual([{ grantId: 'launch', opening: 500_000_000_000n, applied: 360_000_000_000n, forfeited: 0n, closing: 140_000_000_000n }]);
    const apr = months.get('2026-04')!;
    expect(apr.lines.map((l) => [l.kind, usd(l.amount), l.term])).toEqual([
      ['usage', '400.00', 'discounts[0]'],
      ['discount', '-40.00', 'discounts[0]'],
      ['credit_applied', '-360.00', 'versions[0].credits.grants[0]'],
    ]);
    expect(months.get('2026-03')!.version.number).toBe(1);
    expect(apr.version.number).toBe(2);
  });
});

describe('golden: a credit granted in version 1 burning in version 2', () => {
  // $1,000 granted at signature for the year; usage $300 at list a month. From March, amendment 1 raises the
  // discount to 20% (v1 had none) and says nothing of credits, so the grant keeps burning:
  //   Jan 300 (balance 700), Feb 300 (400), Mar 300 − 20% = 240 (160), Apr 240 of which 160 paid (0): total 80.
  const base = `name: Credit carried
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
credits:
  grants: [{ id: signing, amount: "1000", start: 2026-01-01, expires: 2026-12-31 }]
versions:
  - effectiveFrom: 2026-03-01
    reason: amendment 1, deeper discount
    discounts: [{ label: Amended discount, percentOff: "20" }]
`;
  const usage = usageOf({ '2026-01': 300, '2026-02': 300, '2026-03': 300, '2026-04': 300 });

  it('carries the balance across the amendment', () => {
    const months = byMonth(priceContractMonths(load(base), book, usage, { through: '2026-04' }));
    expect(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => usd(months.get(m)!.total))).toEqual(['0.00', '0.00', '0.00', '80.00']);
    expect(['2026-01', '2026-02', '2026-03', '2026-04'].map((m) => usd(months.get(m)!.state.credits['signing']!))).toEqual(['700.00', '400.00', '160.00', '0.00']);
    expect(months.get('2026-03')!.lines.find((l) => l.kind === 'discount')).toMatchObject({ amount: -60_000_000_000n, term: 'versions[0].discounts[0]' });
    // The grant's line still points at the original terms that granted it.
    expect(months.get('2026-03')!.lines.find((l) => l.kind === 'credit_applied')!.term).toBe('credits.grants[0]');
  });

  it('unless the amendment withdraws it: the balance left is forfeited in its first month', () => {
    // Jan 300 (700), Feb 300 (400); from March the grant is gone: $400 forfeited (memo), March bills 240.
    const withdrawn = base.replace('    discounts: [{ label: Amended discount, percentOff: "20" }]\n', '    discounts: [{ label: Amended discount, percentOff: "20" }]\n    withdrawCredits: [signing]\n');
    const months = byMonth(priceContractMonths(load(withdrawn), book, usage, { through: '2026-04' }));
    const mar = months.get('2026-03')!;
    expect(usd(mar.total)).toBe('240.00');
    expect(usd(mar.summary.creditsForfeited)).toBe('400.00');
    expect(mar.lines.at(-1)).toMatchObject({ kind: 'credit_forfeited', amount: 0n, memo: 400_000_000_000n, term: 'versions[0].withdrawCredits' });
    expect(mar.lines.at(-1)!.label).toBe('Credit signing withdrawn by version 2 from 2026-03-01 (amendment 1, deeper discount) with a balance left (forfeited)');
    expect(usd(months.get('2026-04')!.total)).toBe('240.00');
  });
});

describe('the merge rule: a version replaces the terms it names and keeps the rest', () => {
  it('replaces every discount when it names discounts, keeps the commitment it does not name', () => {
    const c = load(`name: M
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2026-12-31 }
discounts: [{ label: A, percentOff: "10" }, { label: B, percentOff: "5", models: [acme-large] }]
commitment: { amount: "100", period: month }
versions:
  - { effectiveFrom: 2026-05-01, reason: amendment, discounts: [{ label: C, percentOff: "12" }] }
`);
    const v = c.versions![0]!;
    expect(v.changes).toEqual(['discounts']);
    expect(v.terms.discounts.map((d) => [d.label, d.where])).toEqual([['C', 'versions[0].discounts[0]']]);
    expect(v.terms.commitment).toEqual(c.commitment);
    expect(c.end).toBe('2026-12-31');
  });
});

describe('versions that cannot be: each refused naming file and field', () => {
  const head = `name: Bad\nvendor: acme\ncurrency: USD\nterm: { start: 2026-01-01, end: 2026-12-31 }\ndiscounts: [{ label: A, percentOff: "10" }]\n`;
  const issues = (versions: string) => {
    const r = validateContract(parseExactYaml(`${head}versions:\n${versions}`, 'bad.yaml'), { file: 'bad.yaml', book });
    return r.ok ? [] : r.issues.map((i) => `${i.field}: ${i.message}`);
  };
  const pct = `discounts: [{ label: B, percentOff: "12" }]`;

  it('a version that changes the currency or the vendor', () => {
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, currency: EUR, ${pct} }\n`)).toEqual([
      'versions[0].currency: a version cannot change the currency (the contract is in USD): a contract keeps one currency; terms in another currency are a new contract',
    ]);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, vendor: openai, ${pct} }\n`)).toEqual(['versions[0].vendor: a version cannot change the vendor (the contract is with acme): an agreement with another vendor is a new contract']);
  });

  it('an effective date mid-month, at or before the start, out of order, twice on one day, or past the end', () => {
    expect(issues(`  - { effectiveFrom: 2026-06-15, reason: r, ${pct} }\n`)).toEqual([
      'versions[0].effectiveFrom: is 2026-06-15: a version takes effect on the first day of a month (2026-06-01 or the first of the next), since a monthly invoice is billed under one set of terms',
    ]);
    expect(issues(`  - { effectiveFrom: 2026-01-01, reason: r, ${pct} }\n`)).toEqual([
      "versions[0].effectiveFrom: is 2026-01-01, not after the term starts (2026-01-01): the terms at the start are the contract's own (version 1), and each version changes them later",
    ]);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, ${pct} }\n  - { effectiveFrom: 2026-03-01, reason: s, ${pct} }\n`)).toEqual(['versions[1].effectiveFrom: is 2026-03-01, before versions[0] (2026-06-01): list versions in date order']);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, ${pct} }\n  - { effectiveFrom: 2026-06-01, reason: s, ${pct} }\n`)).toEqual([
      'versions[1].effectiveFrom: is 2026-06-01, the same date as versions[0]: two versions cannot take effect on one day; put the changes in one version',
    ]);
    expect(issues(`  - { effectiveFrom: 2027-03-01, reason: r, end: 2027-12-31, ${pct} }\n`)).toEqual([
      'versions[0].effectiveFrom: is 2027-03-01, after the term ends (2026-12-31): a version takes effect within the term, or the day after it ends (2027-01-01) to renew it',
    ]);
  });

  it('a renewal without its new end, an end before the version, a version that changes nothing', () => {
    expect(issues(`  - { effectiveFrom: 2027-01-01, reason: renewal, ${pct} }\n`)).toEqual([
      'versions[0].end: is required: the version takes effect when the term has ended (2026-12-31), so it is a renewal and must say its new end',
    ]);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, end: 2026-05-31 }\n`)).toEqual(['versions[0].end: ends (2026-05-31) before the version takes effect (2026-06-01)']);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r }\n`)).toEqual(['versions[0]: changes nothing: name the terms it replaces, a new end, or the credits it withdraws']);
  });

  it('withdrawing a credit never granted, granting an id again, a bad term inside a version', () => {
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, withdrawCredits: [nope] }\n`)).toEqual(['versions[0].withdrawCredits[0]: names credit "nope", which no earlier version grants']);
    const grant = (id: string) => `credits: { grants: [{ id: ${id}, amount: "10", start: 2026-06-01, expires: 2026-12-31 }] }`;
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, ${grant('g')} }\n  - { effectiveFrom: 2026-08-01, reason: s, ${grant('g')} }\n`)).toEqual([
      'versions[1].credits.grants[0].id: is "g", a grant version 2 already made: a version\'s grants are added to the earlier ones, so a new grant needs a new id (withdraw the old one with withdrawCredits to replace it)',
    ]);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, discounts: [{ label: B, percentOff: "120" }] }\n`)).toEqual([expect.stringMatching(/^versions\[0\]\.discounts\[0\]\.percentOff: /)]);
    expect(issues(`  - { effectiveFrom: 2026-06-01, reason: r, discounts: [{ label: B, percentOff: "12", models: [nosuch] }] }\n`)).toEqual([expect.stringMatching(/^versions\[0\]\.discounts\[0\]\.models\[0\]: names model "nosuch"/)]);
  });

  it('loadContract throws one error naming the file and the field', () => {
    try {
      loadContractYaml(`${head}versions:\n  - { effectiveFrom: 2026-06-15, reason: r, ${pct} }\n`, { file: 'bad.yaml', book });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbenchError);
      expect((e as WorkbenchError).file).toBe('bad.yaml');
      expect((e as WorkbenchError).field).toBe('versions[0].effectiveFrom');
    }
  });
});

describe('outside the pricer', () => {
  const renewed = load(RENEWAL_YAML);

  it('the FOCUS Contract Commitment export has one row per true-up period, each at the version in force', () => {
    // Quarters of the one contract year: $12,000 a year ÷ 4 = 3,000 while version 1 is in force, $24,000 ÷ 4 = 6,000 after.
    const rows = contractCommitmentRows([renewed]);
    expect(rows.map((r) => [r.ContractCommitmentPeriodStart, r.ContractCommitmentCost])).toEqual([
      ['2026-01-01T00:00:00Z', '3000.00'],
      ['2026-04-01T00:00:00Z', '3000.00'],
      ['2026-07-01T00:00:00Z', '6000.00'],
      ['2026-10-01T00:00:00Z', '6000.00'],
    ]);
    expect(rows.every((r) => r.ContractPeriodEnd === '2027-01-01T00:00:00Z')).toBe(true);
    expect(rows[2]!.ContractCommitmentDescription).toBe('Renewed (acme): contract year 1, 2026-07-01 to 2026-09-30, version 2 (renewal, phase 2)');
    expect(commitmentIdOn(renewed, '2026-08-15')).toBe('acme-renewed/commitment/2026-07-01');
  });

  // The board workbook writes a versioned contract's months under the version in force (test/unit/workbook/contract-versions.test.ts,
  // and recalculated in LibreOffice in test/integration/export/workbook-recalc.test.ts); it no longer refuses one.
  it('a scenario takes no one-offer shortcut for a versioned contract', () => {
    expect(contractAsOffer(renewed, 'acme', 'USD')).toBeNull();
  });
});
