import type { AreaHandlers } from '../area';
import { queryLedger } from './ledger-query';
import { ledgerValues, summariseLedger } from './ledger-summary';

export const ledgerHandlers: AreaHandlers<'ledger.query' | 'ledger.summary' | 'ledger.values'> = {
  'ledger.query': (input, backend) => queryLedger(backend.workspace().db, input),
  'ledger.summary': (input, backend) => summariseLedger(backend.workspace().db, input),
  'ledger.values': (input, backend) => ledgerValues(backend.workspace().db, input),
};
