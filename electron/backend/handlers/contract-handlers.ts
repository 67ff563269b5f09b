import { basename } from 'node:path';
import { readContractText, writeTextFile } from '../files/text-files';
import type { MethodName } from '../../../shared/api';
import { contractFileToYaml } from '../../../shared/domain/contracts/load';
import { contractMonthToWire } from '../../../shared/domain/contracts/wire';
import { isWorkbenchError, WorkbenchError } from '../../../shared/domain/errors';
import { invoiceCheckToCsv } from '../../../shared/domain/invoice-check/wire';
import { monthOf } from '../../../shared/domain/calendar';
import { contractFor, checkContractText, deleteContract, saveContract, summaryOf } from '../contracts/contract-service';
import { ContractRepository } from '../contracts/contract-repository';
import { monthSummary, priceContractFromLedger } from '../contracts/contract-months';
import { InvoiceCheckRepository } from '../contracts/invoice-check-repository';
import { runInvoiceCheck } from '../contracts/invoice-check-runner';
import { readTermSheet } from '../contracts/term-sheet-reader';
import { priceBookFor } from '../pricing/price-book-service';
import type { Workspace } from '../workspace/workspace';
import type { Contract } from '../../../shared/domain/contracts/types';
import type { HandlerMap, JobHandlerMap } from './types';

type ContractMethod = Extract<MethodName, `contracts.${string}`>;

/** A stored contract's terms, or null when they no longer validate; any other failure is not ours to hide. */
function parsedOrNull(workspace: Workspace, id: string): Contract | null {
  try {
    return contractFor(workspace, id).contract;
  } catch (error) {
    if (isWorkbenchError(error) && error.code === 'invalid_file') return null;
    throw error;
  }
}

export const contractHandlers: HandlerMap<ContractMethod> = {
  'contracts.list': (_input, backend) => {
    const workspace = backend.workspace();
    return {
      contracts: new ContractRepository(workspace.db).list().map((stored) => {
        // A contract that no longer validates is still listed (without highlights) so it can be opened and fixed.
        return summaryOf(stored, parsedOrNull(workspace, stored.id));
      }),
    };
  },
  'contracts.get': ({ id }, backend) => {
    const workspace = backend.workspace();
    const stored = new ContractRepository(workspace.db).get(id);
    if (!stored) throw new WorkbenchError('not_found', `there is no stored contract ${id}`, { field: 'id' });
    return { summary: summaryOf(stored, parsedOrNull(workspace, id)), yaml: stored.yaml };
  },
  'contracts.validate': ({ yaml, fileName, previousId }, backend) => {
    const check = checkContractText(backend.workspace(), yaml, fileName, previousId);
    return { ok: check.ok, issues: check.issues };
  },
  'contracts.save': (input, backend) => saveContract(backend.workspace(), input),
  'contracts.delete': ({ id }, backend) => ({ deleted: deleteContract(backend.workspace(), id) }),
  'contracts.importFile': async ({ path }, backend) => {
    const workspace = backend.workspace();
    const fileName = basename(path);
    if (/\.ya?ml$/i.test(fileName)) {
      const yaml = readContractText(path);
      return { yaml, issues: checkContractText(workspace, yaml, fileName).issues, fileName };
    }
    if (!/\.(xlsx|xlsm)$/i.test(fileName)) throw new WorkbenchError('invalid_file', 'a contract is a YAML file (.yaml) or a term-sheet workbook (.xlsx)', { file: fileName });
    const read = await readTermSheet(path, { book: priceBookFor(workspace) });
    if (read.validation.ok) {
      // Also against the stored contracts (overlaps, ids), as saving would.
      const yaml = read.yaml ?? contractFileToYaml(read.validation.parsed);
      return { yaml, issues: checkContractText(workspace, yaml, fileName).issues, fileName };
    }
    // Not valid yet: still the terms as YAML, for the user to fix in the editor next to the messages.
    return { yaml: contractFileToYaml(read.mapped), issues: read.validation.issues, fileName };
  },
  'contracts.priceMonth': ({ id, month }, backend) => {
    const workspace = backend.workspace();
    const { contract } = contractFor(workspace, id);
    const months = priceContractFromLedger(workspace, contract, priceBookFor(workspace), { from: month, through: month });
    const priced = months.find((m) => m.month === month);
    if (!priced) throw new WorkbenchError('bad_input', `${month} could not be priced under ${id}`, { field: 'month' });
    return contractMonthToWire(priced);
  },
  'contracts.priceMonths': ({ id, from, through }, backend) => {
    const workspace = backend.workspace();
    const { contract } = contractFor(workspace, id);
    const months = priceContractFromLedger(workspace, contract, priceBookFor(workspace), { from: from ?? monthOf(contract.start), through: through ?? monthOf(contract.end) });
    return { contractId: contract.id, currency: contract.currency, months: months.map((m) => monthSummary(m, contract.credits !== null)) };
  },
  'contracts.lastInvoiceCheck': (scope, backend) => {
    const run = new InvoiceCheckRepository(backend.workspace().db).latest({ contractId: scope.contractId ?? null, month: scope.month ?? null, provider: scope.provider ?? null });
    return { run: run ?? null };
  },
  'contracts.exportInvoiceCheckCsv': ({ runId, path }, backend) => {
    const run = new InvoiceCheckRepository(backend.workspace().db).get(runId);
    if (!run) throw new WorkbenchError('not_found', `there is no stored invoice check ${runId}; run the check again`, { field: 'runId' });
    const name = ['invoice-check', run.scope.contractId, run.scope.provider, run.scope.month].filter(Boolean).join('-');
    const csv = invoiceCheckToCsv(run);
    if (path) writeTextFile(path, csv);
    return { csv, lines: run.lines.length, fileName: `${name}.csv`, path: path ?? null };
  },
};

export const contractJobHandlers: JobHandlerMap<'contracts.invoiceCheck'> = {
  'contracts.invoiceCheck': async (input, backend, job) => runInvoiceCheck(backend.workspace(), input, job),
};
