/** The scenario file format, run options and results, and the ledger-to-workload mapping, as zod schemas (the API carries them). */
export * from './inputs';
export * from './baseline';
export { Lever, LEVER_TYPES, type LeverType } from '../levers';
export * from './file';
export * from './run';
export * from './mapping';
