import { WorkbenchError } from '../domain/errors';

/**
 * Each input of a scenario is bounded (shared/domain/bounds.ts), but a
 * projection multiplies them: units × growth over ten years × requests ×
 * tokens. Where a computed quantity is turned into exact money it must stay
 * within what exact arithmetic is given (10^21); beyond that the run stops
 * with a plain reason instead of an arithmetic error.
 */
export const MAX_COMPUTED_QUANTITY = 1e21;

export function checkComputedQuantity(value: number, what: string): void {
  if (Number.isFinite(value) && Math.abs(value) <= MAX_COMPUTED_QUANTITY) return;
  const shown = Number.isFinite(value) ? value.toExponential(2) : 'infinity';
  throw new WorkbenchError(
    'invalid_file',
    `a month's ${what} would reach ${shown}, beyond what the workbench computes exactly (10^21); check volume growth, units per month and requests or tokens per unit`,
  );
}
