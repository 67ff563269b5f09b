import { z } from 'zod';
import { boundedAmount, boundedYear, MAX_DRIVER_UNITS } from './bounds';
import { Id, Money, Month } from './schemas';

/** Business drivers as the workspace keeps them: monthly series of units and non-AI costs. */

/** A column of non-AI cost: per business unit (manual processing per loan) or per month (an office). */
export const DriverCostColumn = z.object({ name: z.string().min(1).max(200), basis: z.enum(['perUnit', 'fixedMonthly']) }).strict();
export type DriverCostColumn = z.infer<typeof DriverCostColumn>;

const NonNegativeMoney = boundedAmount(Money.refine((m) => !m.startsWith('-'), 'a cost cannot be negative'));

export const DriverMonth = z
  .object({
    month: boundedYear(Month),
    units: z.number().min(0).max(MAX_DRIVER_UNITS, `units a month are at most ${MAX_DRIVER_UNITS.toLocaleString('en-US')}`),
    /** Cost name → amount in the baseline currency (per unit or per month, as its column says); a month may leave a cost out. */
    costs: z.record(z.string(), NonNegativeMoney).default({}),
  })
  .strict();
export type DriverMonth = z.infer<typeof DriverMonth>;

/** A business driver as the workspace keeps it: units and non-AI costs month by month (imported from CSV/XLSX or typed in). */
export const BusinessDriver = z
  .object({
    id: Id,
    name: z.string().max(200).optional(),
    /** The unit in the singular: "loan". */
    unit: z.string().min(1).max(50).default('unit'),
    costs: z.array(DriverCostColumn).max(50).default([]),
    months: z.array(DriverMonth).max(1200).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.costs.forEach((c, i) => {
      if (names.has(c.name)) ctx.addIssue({ code: 'custom', message: `the cost ${c.name} is listed twice`, path: ['costs', i, 'name'] });
      names.add(c.name);
    });
    const months = new Set<string>();
    d.months.forEach((m, i) => {
      if (months.has(m.month)) ctx.addIssue({ code: 'custom', message: `the month ${m.month} is listed twice`, path: ['months', i, 'month'] });
      months.add(m.month);
      for (const name of Object.keys(m.costs)) {
        if (!names.has(name)) ctx.addIssue({ code: 'custom', message: `${name} is not one of this driver's costs`, path: ['months', i, 'costs', name] });
      }
    });
  });
export type BusinessDriver = z.infer<typeof BusinessDriver>;
export type BusinessDriverInput = z.input<typeof BusinessDriver>;
