import { describe, expect, it } from 'vitest';
import { loadContractYaml, validateContract } from '../../../shared/domain/contracts/load';
import { priceContractMonths } from '../../../shared/domain/contracts/price-months';
import { WorkbenchError } from '../../../shared/domain/errors';
import { CONTRACT_COMMITMENT_COLUMNS, commitmentIdOn, contractCommitmentRows, contractsFromCommitmentDataset } from '../../../shared/formats/focus-commitments';
import { fixtureBook } from '../../fixtures/contracts/price-fixture';

const book = fixtureBook();

const RAMP = `id: acme-ramp
name: Acme ramp
vendor: acme
currency: USD
term: { start: 2026-01-01, end: 2027-12-31 }
commitment:
  period: year
  years:
    - { year: 1, amount: "1200000" }
    - { year: 2, amount: "1800000" }
  trueUp: quarter
  carryOver: within_year
`;
const MONTHLY = `id: acme-monthly
name: Acme monthly
vendor: acme
currency: USD
term: { start: 2026-03-01, end: 2026-05-31 }
commitment: { amount: "500", period: month }
`;

/** Rows as a CSV reader gives them: the header, then text cells. */
function records(rows: ReturnType<typeof contractCommitmentRows>, extra: Record<string, string> = {}): (string | null)[][] {
  const header = [...CONTRACT_COMMITMENT_COLUMNS, ...Object.keys(extra)];
  return [header, ...rows.map((r) => [...CONTRACT_COMMITMENT_COLUMNS.map((c) => r[c]), ...Object.values(extra)])];
}

describe('FOCUS 1.3 Contract Commitment dataset out', () => {
  it('writes one Spend row per true-up period: a $1.2M then $1.8M ramp trued up quarterly is $300,000 then $450,000 a quarter', () => {
    const rows = contractCommitmentRows([loadContractYaml(RAMP, { file: 'ramp.yaml', book })]);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => [r.ContractCommitmentPeriodStart, r.ContractCommitmentPeriodEnd, r.ContractCommitmentCost])).toEqual([
      ['2026-01-01T00:00:00Z', '2026-04-01T00:00:00Z', '300000.00'],
      ['2026-04-01T00:00:00Z', '2026-07-01T00:00:00Z', '300000.00'],
      ['2026-07-01T00:00:00Z', '2026-10-01T00:00:00Z', '300000.00'],
      ['2026-10-01T00:00:00Z', '2027-01-01T00:00:00Z', '300000.00'],
      ['2027-01-01T00:00:00Z', '2027-04-01T00:00:00Z', '450000.00'],
      ['2027-04-01T00:00:00Z', '2027-07-01T00:00:00Z', '450000.00'],
      ['2027-07-01T00:00:00Z', '2027-10-01T00:00:00Z', '450000.00'],
      ['2027-10-01T00:00:00Z', '2028-01-01T00:00:00Z', '450000.00'],
    ]);
    expect(rows[0]).toEqual({
      BillingCurrency: 'USD',
      ContractId: 'acme-ramp',
      ContractPeriodStart: '2026-01-01T00:00:00Z',
      ContractPeriodEnd: '2028-01-01T00:00:00Z',
      ContractCommitmentId: 'acme-ramp/commitment/2026-01-01',
      ContractCommitmentCategory: 'Spend',
      ContractCommitmentType: 'Take-or-pay spend commitment, quarterly true-up, within year carry-over',
      ContractCommitmentDescription: 'Acme ramp (acme): contract year 1, 2026-01-01 to 2026-03-31',
      ContractCommitmentCost: '300000.00',
      ContractCommitmentQuantity: null,
      ContractCommitmentUnit: null,
      ContractCommitmentPeriodStart: '2026-01-01T00:00:00Z',
      ContractCommitmentPeriodEnd: '2026-04-01T00:00:00Z',
    });
  });

  it('names, for a charge on a day, the commitment period row it draws down (the id ContractApplied carries)', () => {
    const c = loadContractYaml(RAMP, { file: 'ramp.yaml', book });
    const ids = new Set(contractCommitmentRows([c]).map((r) => r.ContractCommitmentId));
    expect(commitmentIdOn(c, '2026-05-14')).toBe('acme-ramp/commitment/2026-04-01');
    expect(commitmentIdOn(c, '2027-12-31')).toBe('acme-ramp/commitment/2027-10-01');
    expect(ids.has(commitmentIdOn(c, '2026-05-14')!)).toBe(true);
    expect(commitmentIdOn(c, '2028-01-01')).toBeNull();
  });

  it('a contract without a commitment writes no row', () => {
    expect(contractCommitmentRows([loadContractYaml('name: X\nvendor: acme\ncurrency: USD\nterm: { start: 2026-01-01, end: 2026-12-31 }\ndiscounts: [{ percentOff: 5 }]\n', { file: 'x.yaml', book })])).toEqual([]);
  });
});

describe('FOCUS 1.3 Contract Commitment dataset in', () => {
  it('round trip: the ramp comes back as the same commitment, pricing the same months; only the vendor is left to complete', () => {
    const original = loadContractYaml(RAMP, { file: 'ramp.yaml', book });
    const [draft, ...others] = contractsFromCommitmentDataset(records(contractCommitmentRows([original])), 'commitments.csv');
    expect(others).toEqual([]);
    expect(draft!.toComplete).toEqual([{ field: 'vendor', message: 'the Contract Commitment dataset does not say which provider the contract is with; enter its provider id (openai, anthropic, …)' }]);
    expect(draft!.rows).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(draft!.file).toMatchObject({ id: 'acme-ramp', name: 'Acme ramp', vendor: '', currency: 'USD', term: { start: '2026-01-01', end: '2027-12-31' } });
    // Quarters of $300,000 add up to year 1's $1,200,000; of $450,000 to year 2's $1,800,000.
    expect(draft!.file.commitment).toEqual({ period: 'year', trueUp: 'quarter', takeOrPay: true, years: [{ year: 1, amount: '1200000.00' }, { year: 2, amount: '1800000.00' }] });
    const completed = validateContract({ ...draft!.file, vendor: 'acme' }, { file: 'commitments.csv', book });
    expect(completed.ok).toBe(true);
    if (!completed.ok) return;
    // The dataset does not carry carry-over; without usage it does not matter: the same shortfall every quarter.
    const shortfalls = (c: typeof original) => priceContractMonths(c, book, new Map()).map((m) => [m.month, m.summary.commitmentShortfall]);
    expect(shortfalls(completed.contract)).toEqual(shortfalls(original));
  });

  it('a monthly commitment comes back as one amount a month; --vendor fills the provider', () => {
    const rows = contractCommitmentRows([loadContractYaml(MONTHLY, { file: 'm.yaml', book })]);
    expect(rows.map((r) => r.ContractCommitmentCost)).toEqual(['500.00', '500.00', '500.00']);
    const [draft] = contractsFromCommitmentDataset(records(rows), 'm.csv', { vendor: 'acme' });
    expect(draft!.toComplete).toEqual([]);
    expect(draft!.file.commitment).toEqual({ amount: '500.00', period: 'month', takeOrPay: true });
    expect(validateContract(draft!.file, { file: 'm.csv', book }).ok).toBe(true);
  });

  it('keeps columns it does not know (FOCUS 1.4 adds some) and lists a usage commitment for the user to complete', () => {
    const rows = contractCommitmentRows([loadContractYaml(MONTHLY, { file: 'm.yaml', book })]);
    rows.push({ ...rows[0]!, ContractCommitmentId: 'acme-monthly/tokens', ContractCommitmentCategory: 'Usage', ContractCommitmentCost: null, ContractCommitmentQuantity: '1000000000', ContractCommitmentUnit: 'Tokens' });
    const [draft] = contractsFromCommitmentDataset(records(rows, { ContractCommitmentDiscountPercentage: '12', ContractCommitmentPaymentModel: 'Monthly' }), 'm14.csv', { vendor: 'acme' });
    expect(draft!.toComplete).toEqual([
      {
        field: 'commitment',
        message:
          "row 5: acme-monthly/tokens is a usage commitment (1000000000 Tokens, 2026-03-01T00:00:00Z to 2026-04-01T00:00:00Z); the workbench's commitments are spend: enter it as a spend commitment or leave it out",
      },
    ]);
    expect(draft!.file.notes).toContain('acme-monthly/commitment/2026-03-01: ContractCommitmentDiscountPercentage=12; ContractCommitmentPaymentModel=Monthly');
  });

  it('a missing column, an unknown category, an empty cost or a bad date names the file, the row and the column', () => {
    const rows = records(contractCommitmentRows([loadContractYaml(MONTHLY, { file: 'm.yaml', book })]));
    const errorOf = (recs: (string | null)[][]): WorkbenchError => {
      try {
        contractsFromCommitmentDataset(recs, 'bad.csv');
      } catch (e) {
        expect(e).toBeInstanceOf(WorkbenchError);
        return e as WorkbenchError;
      }
      throw new Error('expected the dataset to be refused');
    };
    const without = rows.map((r) => r.filter((_, i) => i !== 8));
    const missing = errorOf(without);
    expect([missing.file, missing.row, missing.field]).toEqual(['bad.csv', 1, 'ContractCommitmentCost']);
    expect(missing.message).toMatch(/^the Contract Commitment dataset has no ContractCommitmentCost column/);
    const set = (row: number, column: string, value: string | null) => rows.map((r, i) => (i === row ? r.map((v, c) => (rows[0]![c] === column ? value : v)) : r));
    const category = errorOf(set(2, 'ContractCommitmentCategory', 'Spent'));
    expect([category.row, category.field, category.message]).toEqual([3, 'ContractCommitmentCategory', 'ContractCommitmentCategory "Spent" must be Spend or Usage']);
    const cost = errorOf(set(1, 'ContractCommitmentCost', null));
    expect([cost.row, cost.field, cost.message]).toEqual([2, 'ContractCommitmentCost', 'ContractCommitmentCost is empty; a Spend commitment needs the amount committed']);
    const date = errorOf(set(3, 'ContractCommitmentPeriodStart', '2026-05-01T09:30:00Z'));
    expect([date.row, date.field]).toEqual([4, 'ContractCommitmentPeriodStart']);
    const currency = errorOf(set(3, 'BillingCurrency', 'EUR'));
    expect([currency.row, currency.field, currency.message]).toEqual([4, 'BillingCurrency', 'acme-monthly is in USD on row 2 but EUR here; one contract has one currency']);
  });
});
