/**
 * Break-even in words, the same in the CLI, the workbook and the app: a month
 * where there was something to recover, "no upfront cost" where cumulative
 * savings never fell below zero (the result names the month savings start
 * instead), "never" where they do not end above zero within the horizon.
 */
export const NO_UPFRONT_COST_TEXT = 'no upfront cost';

export function breakEvenText(k: { breakEvenMonth: string | null; noUpfrontCost: boolean }, never = 'never'): string {
  return k.noUpfrontCost ? NO_UPFRONT_COST_TEXT : (k.breakEvenMonth ?? never);
}
