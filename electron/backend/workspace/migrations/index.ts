import { initial } from './001-initial';
import { ledgerBrowsing } from './002-ledger-browsing';
import { imports } from './003-imports';
import { pricingContracts } from './004-pricing-contracts';
import { scenarios } from './005-scenarios';
import { allocation } from './006-allocation';
import { unreportedQuantities } from './007-unreported-quantities';
import { aggregatedLines } from './008-aggregated-lines';
import { gridIndexes } from './009-grid-indexes';
import { contractApplied } from './010-contract-applied';
import { ledgerKinds } from './011-ledger-kinds';
import { monthKindIndex } from './012-month-kind-index';
import { ledgerRowIndexes } from './013-ledger-row-indexes';
import { periodEpochs } from './014-period-epochs';
import type { Migration } from './types';

/** Every migration in order. Append only; versions are consecutive from 1. */
export const MIGRATIONS: readonly Migration[] = [initial, ledgerBrowsing, imports, pricingContracts, scenarios, allocation, unreportedQuantities, aggregatedLines, gridIndexes, contractApplied, ledgerKinds, monthKindIndex, ledgerRowIndexes, periodEpochs];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export type { Migration } from './types';
