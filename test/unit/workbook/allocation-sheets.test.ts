import { describe, expect, it } from 'vitest';
import type { AllocationRun, BudgetsReport } from '../../../shared/api/allocation';
import { buildBudgetsSheet, buildChargebackSheet, type AllocationInputs } from '../../../shared/workbook/allocation-sheets';
import type { Sheet } from '../../../shared/workbook/model';

const print = { landscape: true, fitToWidth: true, header: '', footer: '' };

const row = (team: string, month: string, currency: string, amount: string, amountCents: string, ruleIds: string[] = []) => ({ team, product: null, month, currency, amount, amountCents, tokens: 0, lines: 1, ruleIds });

/**
 * January, USD: the ledger is 10.00. Alpha's own line 3.00 and half of a
 * shared 6.01 (3.005) = 6.005; Beta the other half, 3.005; 0.99 matched no
 * rule. Rounded to foot: 6.005 + 3.005 + 0.99 = 10.00 exactly, so the largest
 * remainder gives the one cent to Alpha (6.01) and Beta keeps 3.00.
 * February, USD: Alpha 2.50, the whole ledger. January, EUR: Alpha 1.00.
 */
const run: AllocationRun = {
  policyName: 'Test policy',
  file: 'allocation.yaml',
  cost: 'billed',
  teams: [
    { id: 'alpha', name: 'Alpha', costCentre: 'CC-1', businessUnit: 'BU-X' },
    { id: 'beta', name: 'Beta', costCentre: null, businessUnit: null },
    { id: 'unallocated', name: 'Unallocated', costCentre: null, businessUnit: null },
  ],
  rows: [
    row('alpha', '2027-01', 'USD', '6.005', '6.01', ['shared', 'tag']),
    row('beta', '2027-01', 'USD', '3.005', '3.00', ['shared']),
    row('unallocated', '2027-01', 'USD', '0.99', '0.99'),
    row('alpha', '2027-02', 'USD', '2.50', '2.50', ['tag']),
    row('alpha', '2027-01', 'EUR', '1.00', '1.00', ['tag']),
  ],
  months: [
    { month: '2027-01', currency: 'USD', ledger: '10.00', allocated: '10.00', unallocated: '0.99', ledgerCents: '10.00' },
    { month: '2027-02', currency: 'USD', ledger: '2.50', allocated: '2.50', unallocated: '0.00', ledgerCents: '2.50' },
    { month: '2027-01', currency: 'EUR', ledger: '1.00', allocated: '1.00', unallocated: '0.00', ledgerCents: '1.00' },
  ],
  rules: [
    { id: 'shared', precedence: 20, target: 'split even over alpha, beta', lines: 1, amounts: [{ currency: 'USD', amount: '6.01' }] },
    { id: 'tag', precedence: 10, target: 'the team in tag team', lines: 3, amounts: [{ currency: 'EUR', amount: '1.00' }, { currency: 'USD', amount: '5.50' }] },
    { id: null, precedence: null, target: 'no rule: unallocated', lines: 1, amounts: [{ currency: 'USD', amount: '0.99' }] },
  ],
  notes: [],
  energy: [],
  stats: { ledgerLines: 5, groups: 5, ms: 1 },
};

const budget = (over: Partial<BudgetsReport['budgets'][number]>): BudgetsReport['budgets'][number] => ({
  id: 'b',
  name: 'Budget',
  scope: 'team alpha',
  period: { kind: 'month', id: '2027-02', start: '2027-02-01', end: '2027-02-28' },
  unit: 'USD',
  limit: '30.00',
  spent: '25.40',
  spentPercent: 84.66666666666667,
  forecastTotal: 29.1,
  forecastP10: 27.5,
  forecastP90: 31.25,
  forecastBasis: 'run rate',
  runsOutOn: null,
  status: 'near',
  softPercent: '80',
  hardPercent: '100',
  daysElapsed: 24,
  daysInPeriod: 28,
  burnDown: [],
  message: 'Budget (team alpha, 2027-02): past its 80% threshold',
  ...over,
});

const budgets: BudgetsReport = {
  asOf: '2027-02-24',
  budgets: [
    budget({}),
    budget({ id: 't', name: 'Tokens', unit: 'tokens', limit: '1000000', spent: '250000', spentPercent: 25, forecastTotal: 1_200_000, forecastP10: null, forecastP90: null, runsOutOn: '2027-02-27', status: 'forecast_over', message: 'Tokens: forecast over' }),
  ],
  allowances: [
    { allowanceId: 'keys', who: 'key_a', month: '2027-02', tokens: 100, allowance: 1000, usedPercent: 10, forecast: 120, status: 'ok' },
    { allowanceId: 'keys', who: 'key_b', month: '2027-02', tokens: 900, allowance: 1000, usedPercent: 90, forecast: 1050, status: 'near' },
  ],
  breaches: 0,
  findings: [
    { kind: 'budget', id: 'b', status: 'near', message: 'Budget (team alpha, 2027-02): past its 80% threshold' },
    { kind: 'allowance', id: 'keys:key_b', status: 'near', message: 'key_b has used 900 of 1,000 tokens in 2027-02 (90%): near the allowance' },
  ],
};

const inputs: AllocationInputs = { run, budgets };

const at = (s: Sheet, r: number, c: number) => s.rows[r]?.[c];

describe('the Chargeback sheet', () => {
  const s = buildChargebackSheet('Chargeback', inputs, 'USD', print);

  it('team × month in cents, the unallocated bucket last, team totals footed to the ledger and the check as formulas', () => {
    expect(s.kind).toBe('chargeback');
    expect(at(s, 3, 0)?.value).toBe('USD');
    expect([5, 6, 7].map((c) => at(s, 4, c)?.value)).toEqual(['2027-01', '2027-02', 'Total']);
    expect([5, 6, 7, 8, 9, 10].map((r) => at(s, r, 0)?.value)).toEqual(['Alpha', 'Beta', 'Unallocated (no rule matched)', 'Allocated total', 'Ledger total', 'Difference (allocated − ledger)']);
    // Team totals are each team's exact total footed to the ledger's total rounded once (values, not SUMs of the
    // months, which are rounded on their own): Alpha 6.005 + 2.50 = 8.505, Beta 3.005, unallocated 0.99; exact 12.50;
    // floors 8.50 + 3.00 + 0.99 = 12.49, one cent to the largest remainder, Alpha and Beta tied at 0.005: the earlier, Alpha.
    expect([5, 6, 7].map((c) => at(s, 5, c)?.value)).toEqual([6.01, 2.5, 8.51]);
    expect(at(s, 5, 7)?.formula).toBeUndefined();
    expect([1, 2, 4].map((c) => at(s, 5, c)?.value)).toEqual(['CC-1', 'BU-X', 'rule:shared rule:tag']);
    expect([5, 6, 7].map((c) => at(s, 6, c)?.value)).toEqual([3, 0, 3]);
    expect([5, 6, 7].map((c) => at(s, 7, c)?.value)).toEqual([0.99, 0, 0.99]);
    // Allocated: 6.01 + 3.00 + 0.99 = 10.00 and 2.50; 12.50 in all, as the ledger.
    expect([5, 6, 7].map((c) => at(s, 8, c)?.value)).toEqual([10, 2.5, 12.5]);
    expect(at(s, 8, 5)?.formula).toBe('SUM(F6:F8)');
    expect([5, 6, 7].map((c) => at(s, 9, c)?.value)).toEqual([10, 2.5, 12.5]);
    expect(at(s, 9, 5)?.formula).toBeUndefined();
    expect([5, 6, 7].map((c) => at(s, 10, c)?.value)).toEqual([0, 0, 0]);
    expect(at(s, 10, 5)?.formula).toBe('ROUND(F9-F10,2)');
    expect(at(s, 5, 5)?.style).toBe('money');
    // The first block's teams as a column chart, bound to the sheet's own cells.
    expect(s.charts).toHaveLength(1);
    expect(s.charts[0]!.series.map((x) => [x.name, x.categories, x.values])).toEqual([
      ['Alpha', 'Chargeback!$F$5:$G$5', 'Chargeback!$F$6:$G$6'],
      ['Beta', 'Chargeback!$F$5:$G$5', 'Chargeback!$F$7:$G$7'],
      ['Unallocated (no rule matched)', 'Chargeback!$F$5:$G$5', 'Chargeback!$F$8:$G$8'],
    ]);
  });

  it('another currency gets its own block, amounts as numbers under its code, the unallocated bucket shown though empty', () => {
    expect(at(s, 12, 0)?.value).toBe('EUR (amounts in EUR)');
    expect([14, 15, 16, 17, 18].map((r) => at(s, r, 0)?.value)).toEqual(['Alpha', 'Unallocated (no rule matched)', 'Allocated total', 'Ledger total', 'Difference (allocated − ledger)']);
    expect(at(s, 14, 5)).toMatchObject({ value: 1, style: 'number' });
    expect(at(s, 15, 5)?.value).toBe(0);
    expect(at(s, 16, 6)).toMatchObject({ value: 1, formula: 'SUM(G15:G16)' });
  });

  it('lists each rule with its amount per currency', () => {
    const rules = s.rows.map((r) => r?.[0]?.value).indexOf('Allocation rules (FOCUS AllocatedMethodId rule:<id>)');
    const listed = s.rows.slice(rules + 2).map((r) => [r?.[0]?.value, r?.[3]?.value, r?.[4]?.value]);
    expect(listed).toEqual([
      ['rule:shared', 'USD', 6.01],
      ['rule:tag', 'EUR', 1],
      ['rule:tag', 'USD', 5.5],
      ['(no rule: unallocated)', 'USD', 0.99],
    ]);
  });
});

describe('the Budgets sheet', () => {
  const s = buildBudgetsSheet('Budgets', inputs, 'USD', print);

  it('each budget with its period, allowance, spent, forecast band, run-out month and status', () => {
    expect(s.kind).toBe('budgets');
    expect(at(s, 4, 0)?.value).toBe('Budget');
    const money = s.rows[5]!.map((c) => c?.value);
    expect(money.slice(0, 8)).toEqual(['Budget', 'team alpha', '2027-02', '2027-02-01', '2027-02-28', 'USD', 30, 25.4]);
    // 25.40 / 30 = 0.84666…
    expect(at(s, 5, 8)).toMatchObject({ formula: 'IF(G6>0,H6/G6,"")', style: 'share' });
    expect(at(s, 5, 8)?.value).toBeCloseTo(25.4 / 30, 15);
    expect(money.slice(9, 17)).toEqual([29.1, 27.5, 31.25, 'not this period', '', 0.8, 1, 'near (soft threshold)']);
    expect(at(s, 5, 6)?.style).toBe('money');
    expect(at(s, 5, 16)?.style).toBe('statusFlag');
    const tokens = s.rows[6]!.map((c) => c?.value);
    expect(tokens.slice(5, 17)).toEqual(['tokens', 1_000_000, 250_000, 0.25, 1_200_000, '', '', '2027-02', '2027-02-27', 0.8, 1, 'forecast over (hard)']);
    expect(at(s, 6, 6)?.style).toBe('count');
  });

  it('allowances near or over first, then the findings with their messages', () => {
    const header = s.rows.findIndex((r) => r?.[0]?.value === 'Allowance' && r?.[1]?.value === 'Who');
    expect(s.rows.slice(header + 1, header + 3).map((r) => [r?.[1]?.value, r?.[3]?.value, r?.[5]?.value, r?.[7]?.value])).toEqual([
      ['key_b', 900, 0.9, 'near'],
      ['key_a', 100, 0.1, 'within allowance'],
    ]);
    const findings = s.rows.findIndex((r) => r?.[0]?.value === 'Findings (2)');
    expect(s.rows.slice(findings + 1, findings + 3).map((r) => [r?.[0]?.value, r?.[1]?.value, r?.[2]?.value])).toEqual([
      ['budget: near (soft threshold)', 'b', 'Budget (team alpha, 2027-02): past its 80% threshold'],
      ['allowance: near', 'keys:key_b', 'key_b has used 900 of 1,000 tokens in 2027-02 (90%): near the allowance'],
    ]);
  });
});
