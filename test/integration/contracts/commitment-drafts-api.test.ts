import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend } from '../../helpers/backend';
import { aispend } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp';

/** contracts.draftsFromFocusCommitments: the app's door to the Contract Commitment dataset import (the CLI's is import-focus). */
describe('contracts.draftsFromFocusCommitments', () => {
  const { dir, cleanup } = tempDir();
  const env = { AISPEND_HOME: path.join(dir, 'home') };
  const workspace = path.join(dir, 'drafts.aispend');
  const dataset = path.join(dir, 'contract-commitments.csv');
  beforeAll(() => {
    expect(aispend(['workspace', 'new', workspace], env).status).toBe(0);
    writeFileSync(
      dataset,
      [
        'BillingCurrency,ContractId,ContractPeriodStart,ContractPeriodEnd,ContractCommitmentId,ContractCommitmentCategory,ContractCommitmentType,ContractCommitmentDescription,ContractCommitmentCost,ContractCommitmentQuantity,ContractCommitmentUnit,ContractCommitmentPeriodStart,ContractCommitmentPeriodEnd,x_PaymentModel',
        // Four quarters of $3,000 over the 2027 contract year (4 × 3,000 = 12,000 a year), trued up quarterly.
        'USD,ctr-2027,2027-01-01T00:00:00Z,2028-01-01T00:00:00Z,ctr-2027/q1,Spend,Quarterly,Q1,3000.00,,,2027-01-01T00:00:00Z,2027-04-01T00:00:00Z,Prepaid',
        'USD,ctr-2027,2027-01-01T00:00:00Z,2028-01-01T00:00:00Z,ctr-2027/q2,Spend,Quarterly,Q2,3000.00,,,2027-04-01T00:00:00Z,2027-07-01T00:00:00Z,Prepaid',
        'USD,ctr-2027,2027-01-01T00:00:00Z,2028-01-01T00:00:00Z,ctr-2027/q3,Spend,Quarterly,Q3,3000.00,,,2027-07-01T00:00:00Z,2027-10-01T00:00:00Z,Prepaid',
        'USD,ctr-2027,2027-01-01T00:00:00Z,2028-01-01T00:00:00Z,ctr-2027/q4,Spend,Quarterly,Q4,3000.00,,,2027-10-01T00:00:00Z,2028-01-01T00:00:00Z,Prepaid',
      ].join('\n'),
    );
  });
  afterAll(cleanup);

  it('drafts each contract with what to complete and its issues; with the vendor given it is valid and saves', async () => {
    const s = await startBackend({ openDemo: false });
    try {
      await s.client.call('workspace.open', { path: workspace });
      const read = await s.client.call('contracts.draftsFromFocusCommitments', { path: dataset });
      expect(read.fileName).toBe('contract-commitments.csv');
      expect(read.drafts).toHaveLength(1);
      const [draft] = read.drafts;
      expect(draft).toMatchObject({ contractId: 'ctr-2027', fileName: 'ctr-2027.yaml', rows: [2, 3, 4, 5], valid: false });
      expect(draft!.toComplete.map((t) => t.field)).toEqual(['vendor']);
      expect(draft!.issues.map((i) => i.field)).toContain('vendor');
      expect(draft!.yaml).toMatch(/^# To complete before saving:\n# {3}vendor: /m);
      // The 1.4 column it does not know is kept in the notes, not refused.
      expect(draft!.yaml).toContain('x_PaymentModel');

      const given = await s.client.call('contracts.draftsFromFocusCommitments', { path: dataset, vendor: 'openai' });
      expect(given.drafts[0]).toMatchObject({ valid: true, toComplete: [], issues: [] });
      const saved = await s.client.call('contracts.save', { yaml: given.drafts[0]!.yaml, fileName: given.drafts[0]!.fileName });
      expect(saved).toMatchObject({ id: 'ctr-2027', vendor: 'openai', currency: 'USD', start: '2027-01-01', end: '2027-12-31' });
      expect(saved.highlights[0]).toContain('$12,000.00 a year committed, trued up quarterly');

      await expect(s.client.call('contracts.draftsFromFocusCommitments', { path: dataset, vendor: '' } as never)).rejects.toMatchObject({ code: 'bad_input' });
    } finally {
      await s.stop();
    }
  });
});
