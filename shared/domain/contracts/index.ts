/**
 * Contracts: terms (load.ts validates the file form), pricing a month under
 * them (price-month.ts, whose header is the order of operations), many
 * months with state carried (price-months.ts), the term-sheet mapping
 * (term-sheet.ts) and the scenario engine's entry points (engine.ts).
 */
export * from './types';
export * from './load';
export * from './price-month';
export * from './price-months';
export * from './engine';
export * from './term-sheet';
export { contractListPrice, contractedPrice, matchDiscount, matchRate, type ContractedPrice, type ContractListPrice } from './rates';
export { volumeDiscount, marginalSpendDiscount, tierAt } from './volume';
export { applyCredits, burnOrder } from './credits';
export { committedAmount, contractYear, settleCommitment } from './commitment';
export { provisionedFee, CapacityPool } from './provisioned';
export { percentOf, toCents } from './percent';
export * from './engine-adapters';
export * from './wire';
export * from './usage-items';
export * from './highlights';
