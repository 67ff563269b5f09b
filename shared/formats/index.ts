/**
 * Vendor statement formats: pure mapping from source records to ledger
 * lines, detection, and exact reconciliation. See README.md.
 */
export * from './types';
export * from './registry';
export * from './accumulator';
export * from './run';
export { parseMapping, parseMappingYaml, mappingToYaml, mappedColumns, GenericMappingSchema, type GenericMapping } from './generic/mapping';
export { detectWithMapping } from './generic/generic';
export { JsonNumber, SOURCE_LINE, fromPlain, toPlain, type JsonValue, type JsonObject } from './values/json';
export { parseInstant } from './values/dates';
export { canonicalDecimal, parseDecimal, parseUnit } from './values/numbers';
