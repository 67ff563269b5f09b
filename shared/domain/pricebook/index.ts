/**
 * The price book: dated list prices per (provider, model, usage class,
 * service tier, context band, region), with lookup that names the row that
 * priced a line. See book.ts for how it is assembled and lookup.ts for the
 * rules that pick a row.
 */
export * from './types';
export * from './book';
export * from './lookup';
export * from './context-band';
export * from './price-usage';
export * from './edit';
export * from './csv';
export * from './unknown-models';
export * from './unit-price';
export * from './verify';
export * from './wire';
export { addDays, addMonths, addYears, dayOf, daysBetween, daysInMonth, daysInMonthWithin, firstDay, inForce, isIsoDate, isMonth, lastDay, monthOf, monthRange } from './dates';
export { matchesRule } from './match';
