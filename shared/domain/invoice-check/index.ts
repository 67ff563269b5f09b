/** The invoice check: ledger lines re-priced under the contract in force, billed against contracted, with findings in plain words. */
export * from './check';
export * from './findings';
export * from './wire';
