import { ledgerValues, summariseLedger } from '../ledger/ledger-summary';
import { queryLedger } from '../ledger/ledger-query';
import type { HandlerMap } from './types';

export const ledgerHandlers: HandlerMap<'ledger.query' | 'ledger.summary' | 'ledger.values'> = {
  'ledger.query': (input, backend) => queryLedger(backend.workspace().db, input),
  'ledger.summary': (input, backend) => summariseLedger(backend.workspace().db, input),
  'ledger.values': (input, backend) => ledgerValues(backend.workspace().db, input),
};
