import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../helpers/backend';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/**
 * A ramped two-year commitment through the API and the CLI, on the demo
 * workspace after its usage ends (no OpenAI usage from May 2027), so every
 * quarter bills its whole commitment and the arithmetic is by hand:
 *   year 1 (May 2027 – Apr 2028) $120,000, trued up quarterly: $30,000 a quarter, billed Jul, Oct, Jan, Apr;
 *   year 2 (May 2028 – Apr 2029) $240,000: $60,000 a quarter.
 * Committed to date runs $10,000 a month in year 1 ($120,000 / 12), $20,000 in year 2.
 */
const RAMP = `name: Acme × OpenAI ramp 2027
vendor: openai
currency: USD
term: { start: 2027-05-01, end: 2029-04-30 }
commitment:
  period: year
  years:
    - { year: 1, amount: "120000" }
    - { year: 2, amount: "240000" }
  trueUp: quarter
  carryOver: within_year
`;

const BILLED = [
  ['2027-07', '30000.00'],
  ['2027-10', '30000.00'],
  ['2028-01', '30000.00'],
  ['2028-04', '30000.00'],
  ['2028-07', '60000.00'],
  ['2028-10', '60000.00'],
  ['2029-01', '60000.00'],
  ['2029-04', '60000.00'],
];

interface MonthRow {
  month: string;
  commitmentShortfall: string;
  total: string;
  commitmentBalance: { year: number; committedToDate: string; drawnToDate: string; shortfallBilledToDate: string; remaining: string; trueUp: boolean } | null;
}

/** Aug 2027: 4 × 10,000 committed to date, nothing drawn, 30,000 billed in July; 120,000 − 0 − 30,000 = 90,000 remaining. */
const AUGUST = { year: 1, committedToDate: '40000.00', drawnToDate: '0.00', shortfallBilledToDate: '30000.00', remaining: '90000.00', trueUp: false };

function expectRamp(months: MonthRow[]): void {
  expect(months.filter((m) => m.commitmentShortfall !== '0.00').map((m) => [m.month, m.commitmentShortfall])).toEqual(BILLED);
  const aug = months.find((m) => m.month === '2027-08')!;
  expect(aug.commitmentBalance).toMatchObject(AUGUST);
  // Jul 2028, year 2's first true-up: 3 × 20,000 = 60,000 to date and billed; 240,000 − 60,000 = 180,000 remaining.
  expect(months.find((m) => m.month === '2028-07')!.commitmentBalance).toMatchObject({ year: 2, committedToDate: '60000.00', shortfallBilledToDate: '60000.00', remaining: '180000.00', trueUp: true });
  // The whole term bills 4 × 30,000 + 4 × 60,000 = 360,000.
  expect(months.reduce((sum, m) => sum + Math.round(Number(m.total) * 100), 0)).toBe(36_000_000);
}

describe('ramped commitment through the API and the CLI', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, 'demo.aispend');
  const file = path.join(dir, 'ramp-2027.yaml');
  beforeAll(() => {
    writeFileSync(file, RAMP);
    const built = aispend(['demo', '--workspace', workspace], env);
    expect(built.status, built.stderr).toBe(0);
  });
  afterAll(cleanup);

  it('API: contracts.priceMonths shows the shortfall at each quarterly true-up and the balance month by month', async () => {
    const s = await startBackend({ openDemo: false });
    try {
      await s.client.call('workspace.open', { path: workspace });
      const saved = await s.client.call('contracts.save', { yaml: RAMP, fileName: 'ramp-2027.yaml' });
      expect(saved.highlights).toEqual(['year 1 $120,000.00, year 2 $240,000.00 a year committed, trued up quarterly, take-or-pay, within year']);
      const priced = await s.client.call('contracts.priceMonths', { id: saved.id });
      expect(priced.months).toHaveLength(24);
      expectRamp(priced.months);
      // Not saved: a ramp year outside the term names the file and the field.
      const bad = await s.client.call('contracts.validate', { yaml: RAMP.replace('year: 2,', 'year: 3,'), fileName: 'ramp-2027.yaml', previousId: saved.id });
      expect(bad.issues.map((i) => [i.field, i.message])).toEqual([
        ['commitment.years[1].year', 'is 3, outside the term (2027-05-01 to 2029-04-30 has 2 contract years, the last from 2028-05)'],
        ['commitment.years', 'lists no commitment for contract year 2; list every year of the term or give an amount for the years left out'],
      ]);
      await s.client.call('contracts.delete', { id: saved.id });
    } finally {
      await s.stop();
    }
  });

  it('CLI: aispend contracts months shows the same, as JSON and as a table', () => {
    const added = aispend(['contracts', 'add', '--workspace', workspace, file, '--json'], env);
    expect(added.status, added.stderr).toBe(0);
    const run = aispend(['contracts', 'months', '--workspace', workspace, '--id', 'ramp-2027', '--json'], env);
    expect(run.status, run.stderr).toBe(0);
    const doc = JSON.parse(run.stdout) as { contractId: string; currency: string; months: MonthRow[] };
    expect([doc.contractId, doc.currency, doc.months.length]).toEqual(['ramp-2027', 'USD', 24]);
    expectRamp(doc.months);
    const text = aispend(['contracts', 'months', '--workspace', workspace, '--id', 'ramp-2027', '--through', '2027-08'], env);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/2027-07 true-up +0\.00 +0\.00 +30,000\.00 +0\.00 +30,000\.00 +1 +30,000\.00 +0\.00 +30,000\.00 +90,000\.00/);
    expect(text.stdout).toMatch(/2027-08 +0\.00 +0\.00 +0\.00 +0\.00 +0\.00 +1 +40,000\.00 +0\.00 +30,000\.00 +90,000\.00/);
    const missing = aispend(['contracts', 'months', '--workspace', workspace, '--id', 'no-such-contract', '--json'], env);
    expect(missing.status).not.toBe(0);
  });
});
