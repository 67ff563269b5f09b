import { z } from 'zod';
import { CurrencyCode, Money, Month } from './common';
import { method } from './define';

/**
 * The Overview's figures, computed in the backend (shared/domain/spend-overview.ts):
 * every amount comes exact and as shown (rounded once, footed to the total it
 * is shown beside), so the screen prints what it is given and its parts add
 * up to its totals.
 */

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-12-06');

/** An exact amount and the amount shown for it: `shown` is rounded to the currency's minor unit and footed to its total. */
export const ShownMoney = z.object({ exact: Money, shown: Money });
export type ShownMoney = z.infer<typeof ShownMoney>;

export const CoveredDays = z.object({ from: IsoDate, to: IsoDate, days: z.number().int(), daysInMonth: z.number().int(), complete: z.boolean() });

export const OverviewMonth = z.object({
  month: Month,
  lines: z.number().int(),
  /** Null: nothing in the ledger for this month (drawn as a gap). */
  billed: ShownMoney.nullable(),
  providers: z.array(z.object({ provider: z.string(), billed: ShownMoney })),
  covered: CoveredDays.nullable(),
});
export type OverviewMonth = z.infer<typeof OverviewMonth>;

export const OverviewModel = z.object({ model: z.string().nullable(), lines: z.number().int(), billed: ShownMoney });

export const OverviewProvider = z.object({
  provider: z.string(),
  lines: z.number().int(),
  billed: ShownMoney,
  models: z.array(OverviewModel),
  otherModels: z.object({ count: z.number().int(), lines: z.number().int(), billed: ShownMoney }).nullable(),
});
export type OverviewProvider = z.infer<typeof OverviewProvider>;

export const SpendOverview = z.object({
  /** Every currency of the ledger, most lines first; the overview is in `currency`. */
  currencies: z.array(z.object({ currency: CurrencyCode, lines: z.number().int() })),
  currency: CurrencyCode.nullable(),
  /** The date the current month was read from. */
  today: IsoDate,
  total: z.object({ lines: z.number().int(), billed: ShownMoney }),
  /** Continuous from the first to the last month with lines. */
  months: z.array(OverviewMonth),
  /** The latest complete month (the latest month when none is complete yet). */
  latest: z.object({ month: Month, billed: ShownMoney, covered: CoveredDays }).nullable(),
  change: z
    .object({
      previousMonth: Month,
      /** Null: nothing in the ledger for the month before. */
      previous: ShownMoney.nullable(),
      /** Shown latest − shown previous. */
      amount: Money.nullable(),
      /** One decimal ("6.4"); null when the month before billed nothing. */
      percent: z.string().nullable(),
    })
    .nullable(),
  runRate: z
    .object({
      month: Month,
      daysInMonth: z.number().int(),
      basis: z.enum(['month-to-date', 'complete', 'latest-pace']),
      basedOn: CoveredDays.extend({ month: Month }),
      soFar: ShownMoney.nullable(),
      perDay: Money,
      projected: Money,
    })
    .nullable(),
  trend: z
    .object({
      from: Month,
      to: Month,
      months: z.number().int(),
      perMonth: Money,
      percentPerMonth: z.string().nullable(),
      direction: z.enum(['rising', 'falling', 'flat']),
      /** The fitted line at `from` and at `to`, for drawing it. */
      fittedFrom: Money,
      fittedTo: Money,
    })
    .nullable(),
  providers: z.array(OverviewProvider),
});
export type SpendOverview = z.infer<typeof SpendOverview>;

export const SpendOverviewInput = z
  .object({
    /** Default: the currency with the most lines. */
    currency: CurrencyCode.optional(),
    /** Default: today on this machine (UTC). */
    today: IsoDate.optional(),
    modelsPerProvider: z.number().int().min(1).max(50).default(5),
  })
  .strict();

export const overviewMethods = {
  'ledger.overview': method(
    SpendOverviewInput,
    SpendOverview,
    "What the workspace spends: the latest complete month and its change, the current month's run-rate, the trend, and spend by month, provider and model (amounts exact and as shown, footed).",
  ),
};
