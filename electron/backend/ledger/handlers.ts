import type { AreaHandlers, JobHandlerMap } from '../area';
import { exportLedgerView } from './ledger-export';
import { queryLedger } from './ledger-query';
import { ledgerValues, summariseLedger } from './ledger-summary';
import { spendOverview } from './spend-overview';

export const ledgerHandlers: AreaHandlers<'ledger.query' | 'ledger.summary' | 'ledger.values' | 'ledger.overview'> = {
  'ledger.query': (input, backend) => queryLedger(backend.workspace().db, input),
  'ledger.summary': (input, backend) => summariseLedger(backend.workspace().db, input),
  'ledger.values': (input, backend) => ledgerValues(backend.workspace().db, input),
  'ledger.overview': (input, backend) => spendOverview(backend.workspace().db, input),
};

export const ledgerJobs: JobHandlerMap<'ledger.export'> = {
  'ledger.export': (input, backend, job) => exportLedgerView(backend, input, job),
};
