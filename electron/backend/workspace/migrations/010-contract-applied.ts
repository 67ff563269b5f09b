import type { Migration } from './types';

/**
 * ledger_lines.contract_applied: the contract commitments a FOCUS cost row
 * draws down (its ContractApplied), in the stored form of
 * shared/formats/values/contract-applied.ts, applied cost in nano-units;
 * NULL for every line whose statement names none, which costs nothing in
 * SQLite's record format. The partial index lists only lines that carry one,
 * so the draw-down reads them without a pass over a million lines that do
 * not (an import drops and rebuilds it with the other ledger indexes).
 */
export const contractApplied: Migration = {
  version: 10,
  name: 'contract-applied',
  up(db) {
    db.exec(`
      ALTER TABLE ledger_lines ADD COLUMN contract_applied TEXT;
      CREATE INDEX ledger_lines_contract_applied ON ledger_lines(contract_applied, month, currency, charge_category) WHERE contract_applied IS NOT NULL;
    `);
  },
};
