import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { WorkbenchError } from '../../../shared/domain/errors';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { engineContextOf } from '../../../shared/engine/tasks';
import { buildWorkbook } from '../../../shared/workbook/build';
import { prepareFileRun } from '../../../shared/workbook/file-run';
import { scenarioFile } from '../engine/helpers';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'openai-batch-stacked-2027.yaml';
const book = bundledPriceBook({ userRows: [] });

function workbookWith(yaml: string) {
  const contract = loadContractYaml(yaml, { file: FILE, book });
  const ctx = engineContextOf({ userPriceRows: [], contracts: [{ fileName: FILE, yaml }] });
  const file = scenarioFile(
    {
      start: '2027-01',
      months: 3,
      drivers: [{ id: 'requests', unitsPerMonth: 20_000 }],
      workloads: [{ id: 'w', driver: 'requests', requestsPerUnit: 1, tokensPerRequest: { input: 20_000, output: 1_500 }, models: [{ provider: 'openai', model: 'gpt-4o', share: 1 }], tiers: { standard: 0.6, batch: 0.4 } }],
    },
    [{ id: 'signed', name: 'Under the contract', levers: [{ type: 'contract', start: '2027-01', provider: 'openai', contract: contract.id }] }],
  );
  const run = prepareFileRun({ label: 'credits.yaml', file, ctx, contracts: [contract], waterfalls: false });
  return () =>
    buildWorkbook({
      title: 'Credits',
      workspace: null,
      asOf: '2026-12-06',
      catalogueAsOf: null,
      appVersion: '0.1.0',
      runs: [run],
      contracts: { contracts: new Map([[contract.id, contract]]), book },
      created: new Date('2026-12-06T00:00:00Z'),
      invoiceCheck: null,
      imports: [],
      files: [],
      contractTerms: [],
      ledger: null,
      allocation: null,
    });
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
