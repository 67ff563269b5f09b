import type { MethodName } from '../../../shared/api';
import { mutation, type AreaHandlers, type JobHandlerMap } from '../area';
import { readContractFile } from './contract-file';
import { priceStoredContractMonth, priceStoredContractMonths } from './contract-months';
import { checkContractText, deleteContract, getContract, listContracts, saveContract } from './contract-service';
import { draftsFromCommitmentDataset } from './commitment-drafts';
import { contractDrawdown } from './drawdown';
import { exportFocusCommitments } from './focus-commitments';
import { exportTermSheet } from './term-sheet-export';
import { exportInvoiceCheck, lastInvoiceCheck, runInvoiceCheck } from './invoice-check-runner';

type ContractMethod = Extract<MethodName, `contracts.${string}`>;

export const contractHandlers: AreaHandlers<ContractMethod> = {
  'contracts.list': (_input, backend) => ({ contracts: listContracts(backend.workspace()) }),
  'contracts.get': ({ id }, backend) => getContract(backend.workspace(), id),
  'contracts.validate': ({ yaml, fileName, previousId }, backend) => {
    const check = checkContractText(backend.workspace(), yaml, fileName, previousId);
    return { ok: check.ok, issues: check.issues };
  },
  'contracts.save': mutation((input, backend) => saveContract(backend.workspace(), input)),
  'contracts.delete': mutation(({ id }, backend) => deleteContract(backend.workspace(), id)),
  'contracts.importFile': ({ path }, backend) => readContractFile(backend.workspace(), path),
  'contracts.priceMonth': ({ id, month }, backend) => priceStoredContractMonth(backend.workspace(), id, month),
  'contracts.priceMonths': ({ id, from, through }, backend) => priceStoredContractMonths(backend.workspace(), id, { from, through }),
  'contracts.drawdown': (input, backend) => contractDrawdown(backend.workspace(), input),
  'contracts.draftsFromFocusCommitments': ({ path, vendor }, backend) => draftsFromCommitmentDataset(backend.workspace(), path, vendor),
  'contracts.exportFocusCommitments': ({ path }, backend) => exportFocusCommitments(backend.workspace(), path),
  'contracts.exportTermSheet': ({ id, path, overwrite }, backend) => exportTermSheet(backend.workspace(), id, path, overwrite),
  'contracts.lastInvoiceCheck': (scope, backend) => lastInvoiceCheck(backend.workspace(), scope),
  'contracts.exportInvoiceCheckCsv': ({ runId, path }, backend) => exportInvoiceCheck(backend.workspace(), runId, path),
};

export const contractJobs: JobHandlerMap<'contracts.invoiceCheck'> = {
  'contracts.invoiceCheck': async (input, backend, job) => runInvoiceCheck(backend.workspace(), input, job),
};
