import { z } from 'zod';
import { amountProblem, MAX_QUANTITY, yearProblem } from '../../bounds';
import { ISO_DATE_PATTERN, isRealDate } from '../../pricebook/schema';

/**
 * Field types of the contract file, with messages in the words the contract
 * editor shows beside the field: amounts and percentages as exact decimal
 * text, calendar days, model ids.
 */

/** "is required" when the field is missing, else "must be <what>". */
export const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`) });

/** An amount of money in the contract's currency: a non-negative decimal ("10000", "2.50"). */
export const Amount = z
  .union([z.string(), z.number()], required('a decimal amount such as "10000.00"'))
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .refine((v) => !v.startsWith('-'), 'must not be negative')
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a decimal amount such as "10000.00"')
  .superRefine((v, ctx) => {
    const problem = amountProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A percentage between 0 and 100 ("15" is 15%). */
export const Percent = z
  .union([z.string(), z.number()], required('a percentage such as "15"'))
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/%$/, '').trim()))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a percentage such as "15" (meaning 15%)')
  .refine((v) => !v.startsWith('-') && Number(v) <= 100, 'must be between 0 and 100');

export const Day = z
  .string(required('a date such as 2026-01-01'))
  .regex(ISO_DATE_PATTERN, 'must be a date such as 2026-01-01')
  .refine(isRealDate, 'is not a real calendar date')
  .superRefine((v, ctx) => {
    const problem = yearProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A count (units, days, tokens per minute): finite, within the workbench's bound of a number. */
export function boundedCount<T extends z.ZodNumber | z.ZodCoercedNumber<unknown>>(schema: T, max = MAX_QUANTITY): T {
  return schema.max(max, `must be at most ${max.toLocaleString('en-US')}`) as T;
}

export const Model = z.string(required('a model id')).min(1, 'must name a model');

/** Reports a part of a term priced in another currency than the contract's. */
export function checkCurrency(currency: string | undefined, header: { currency: string }, path: (string | number)[], issue: (path: (string | number)[], message: string) => void): void {
  if (currency !== undefined && currency !== header.currency) issue(path, `mixed currencies: ${currency} in a ${header.currency} contract`);
}
