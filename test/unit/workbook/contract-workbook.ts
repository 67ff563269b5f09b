import { loadContractYaml } from '../../../shared/domain/contracts/load';
import { bundledPriceBook } from '../../../shared/domain/pricebook/bundled';
import { engineContextOf } from '../../../shared/engine/tasks';
import { buildWorkbook } from '../../../shared/workbook/build';
import { prepareFileRun } from '../../../shared/workbook/file-run';
import { scenarioFile } from '../engine/helpers';

type Base = Parameters<typeof scenarioFile>[0];

const book = bundledPriceBook({ userRows: [] });

/**
 * A board workbook of one scenario priced under one contract (the contract lever from the base's first month),
 * returned unbuilt so a test can expect the build to throw: the contract blocks' tests share this set-up.
 */
export function contractWorkbook(fileName: string, yaml: string, base: Base, title: string) {
  const contract = loadContractYaml(yaml, { file: fileName, book });
  const ctx = engineContextOf({ userPriceRows: [], contracts: [{ fileName, yaml }] });
  const file = scenarioFile(base, [{ id: 'signed', name: 'Under the contract', levers: [{ type: 'contract', start: base.start, provider: contract.vendor, contract: contract.id }] }]);
  const run = prepareFileRun({ label: `${title.toLowerCase()}.yaml`, file, ctx, contracts: [contract], waterfalls: false });
  return () =>
    buildWorkbook({
      title,
      workspace: null,
      asOf: '2026-12-07',
      catalogueAsOf: null,
      appVersion: '0.1.0',
      runs: [run],
      contracts: { contracts: new Map([[contract.id, contract]]), book },
      created: new Date('2026-12-07T00:00:00Z'),
      invoiceCheck: null,
      imports: [],
      files: [],
      contractTerms: [],
      ledger: null,
      allocation: null,
    });
}
