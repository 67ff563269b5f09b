import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../shared/domain/errors';
import { contractWorkbook } from './contract-workbook';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'openai-batch-stacked-2027.yaml';

function workbookWith(yaml: string) {
  return contractWorkbook(FILE, yaml, {
    start: '2027-01',
    months: 3,
    drivers: [{ id: 'requests', unitsPerMonth: 20_000 }],
    workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: [{ provider: 'openai', model: 'gpt-4o', share: 1 }], tiers: { standard: 0.6, batch: 0.4 } }],
  }, 'Credits');
}

describe('the board workbook and scoped credits', () => {
  const yaml = readFileSync(path.join(ROOT, 'scenarios', 'contracts', FILE), 'utf8');

  it('refuses a credit scoped to some usage by name, rather than write formulas that would give another invoice', () => {
    const build = workbookWith(yaml);
    expect(build).toThrow(WorkbenchError);
    try {
      build();
    } catch (e) {
      expect(e).toMatchObject({ file: FILE, field: 'credits.grants[0]' });
      expect((e as Error).message).toMatch(/cannot yet write the formulas of a credit scoped to models, usage classes or tiers \(credit batch-credit\)/);
    }
  });

  it('writes the same contract without the scope (stacked discounts and a part-month credit priced pro rata)', () => {
    expect(workbookWith(yaml.replace(', serviceTiers: [batch] }', ' }'))).not.toThrow();
  });
});
