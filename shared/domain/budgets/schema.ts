/** Budgets and token allowances evaluated, as they travel (API, CLI --json). */
import { z } from 'zod';
import { IsoDate } from '../pricebook/schema';
import { BUDGET_STATUSES } from './evaluate';

export const BudgetResultWire = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  period: z.object({ kind: z.enum(['month', 'quarter', 'year']), id: z.string(), start: IsoDate, end: IsoDate }),
  /** A currency code, or "tokens". */
  unit: z.string(),
  /** Money as exact decimals (or whole tokens as decimal text). */
  limit: z.string(),
  spent: z.string(),
  spentPercent: z.number(),
  forecastTotal: z.number(),
  forecastP10: z.number().nullable(),
  forecastP90: z.number().nullable(),
  forecastBasis: z.string(),
  runsOutOn: IsoDate.nullable(),
  status: z.enum(BUDGET_STATUSES),
  softPercent: z.string(),
  hardPercent: z.string(),
  daysElapsed: z.number().int(),
  daysInPeriod: z.number().int(),
  burnDown: z.array(z.object({ day: IsoDate, remaining: z.number(), remainingP10: z.number().nullable(), remainingP90: z.number().nullable(), actual: z.boolean() })),
  message: z.string(),
});
export type BudgetResultWire = z.infer<typeof BudgetResultWire>;

export const AllowanceUseWire = z.object({
  allowanceId: z.string(),
  who: z.string(),
  month: z.string(),
  tokens: z.number(),
  allowance: z.number(),
  usedPercent: z.number(),
  forecast: z.number(),
  status: z.enum(['ok', 'near', 'over', 'forecast_over']),
});
export type AllowanceUseWire = z.infer<typeof AllowanceUseWire>;

export const BudgetsReport = z.object({
  asOf: IsoDate.nullable(),
  budgets: z.array(BudgetResultWire),
  allowances: z.array(AllowanceUseWire),
  /** Budgets over their hard threshold and keys over their allowance: what --fail-on-breach fails on. */
  breaches: z.number().int(),
  findings: z.array(z.object({ kind: z.enum(['budget', 'allowance']), id: z.string(), status: z.string(), message: z.string() })),
});
export type BudgetsReport = z.infer<typeof BudgetsReport>;
