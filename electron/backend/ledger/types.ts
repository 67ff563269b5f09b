import type { z } from 'zod';
import type { methods } from '../../../shared/api';

export type LedgerValuesInput = z.output<(typeof methods)['ledger.values']['input']>;
