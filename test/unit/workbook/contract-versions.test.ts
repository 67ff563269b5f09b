import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/domain/errors';
import { contractWorkbook } from './contract-workbook';

/**
 * The board workbook and dated versions: the months are written under the version in force (the LibreOffice test
 * recalculates a hand-computed case, test/integration/export/workbook-recalc.test.ts); what the formulas cannot yet
 * follow is refused by name.
 */
const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'openai-versioned-contract.yaml';
const YAML = readFileSync(path.join(ROOT, 'test', 'fixtures', 'workbook', FILE), 'utf8');

function workbookWith(yaml: string) {
  return contractWorkbook(FILE, yaml, {
    start: '2028-06',
    months: 6,
    drivers: [{ id: 'requests', unitsPerMonth: 1_000 }],
    workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 100_000, output: 10_000 }, models: [{ provider: 'openai', model: 'gpt-4o-mini', share: 1 }] }],
  }, 'Versions');
}

function refusal(build: () => unknown): WorkbenchError {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkbenchError);
    return e as WorkbenchError;
  }
  throw new Error('the workbook was written');
}

describe('the board workbook and dated versions', () => {
  it('names each version’s terms on the Assumptions sheet, under the version’s path in the file', () => {
    const data = workbookWith(YAML)();
    const names = new Map(data.names.map((n) => [n.name, n]));
    expect(names.has('Contract.versioned_openai.Commitment.Amount')).toBe(true);
    expect(names.has('Contract.versioned_openai.V2.Commitment.Amount')).toBe(true);
    expect(names.has('Contract.versioned_openai.V2.MinimumMonthlyFee')).toBe(true);
    expect(names.has('Contract.versioned_openai.V2.Credits.ramp.Amount')).toBe(true);
    // The grants of the original terms are named once, under the original terms.
    expect(names.has('Contract.versioned_openai.V2.Credits.launch.Amount')).toBe(false);
    const assumptions = data.sheets.find((s) => s.name === 'Assumptions')!;
    const labels = assumptions.rows.flatMap((r) => r.map((c) => c?.value)).filter((v): v is string => typeof v === 'string');
    expect(labels).toContain('Versioned OpenAI agreement v2 from 2028-08-01 (phase 2 pricing): committed spend per month (take-or-pay)');
  });

  it('refuses a version that changes the volume discount, naming the file and the field', () => {
    const yaml = YAML.replace('    minimumMonthlyFee: "12"\n', '    minimumMonthlyFee: "12"\n    volumeDiscount: { basis: spend, period: month, method: marginal, tiers: [{ from: "0", percentOff: "0" }, { from: "10", percentOff: "5" }] }\n');
    const e = refusal(workbookWith(yaml));
    expect(e).toMatchObject({ file: FILE, field: 'versions[0].volumeDiscount' });
    expect(e.message).toMatch(/cannot yet write the formulas of a volume discount a version changes \(contract versioned-openai, version 2 from 2028-08-01\)/);
  });

  it('refuses credits whose burn order a version changes, naming the version’s field', () => {
    // Original: as listed (pilot before launch); version 2: earliest expiry, which puts ramp first but keeps launch before pilot.
    const yaml = YAML.replace('credits:\n  grants:\n    - { id: launch', 'credits:\n  burnOrder: as_listed\n  grants:\n    - { id: launch').replace(
      '    - { id: launch, amount: "25", start: 2028-06-01, expires: 2029-05-31 }\n    - { id: pilot, amount: "20", start: 2028-06-01, expires: 2029-05-31, appliesTo: usage_only }',
      '    - { id: pilot, amount: "20", start: 2028-06-01, expires: 2029-05-31, appliesTo: usage_only }\n    - { id: launch, amount: "25", start: 2028-06-01, expires: 2029-04-30 }',
    );
    const withoutWithdrawal = yaml.replace('    withdrawCredits: [pilot]\n', '');
    const e = refusal(workbookWith(withoutWithdrawal));
    expect(e).toMatchObject({ file: FILE, field: 'versions[0].credits.burnOrder' });
    expect(e.message).toMatch(/burn order changes between versions \(contract versioned-openai, from 2028-08\)/);
  });
});
