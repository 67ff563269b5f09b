/**
 * An allocation's results as they travel (API, CLI --json): team × month
 * totals reconciled to the ledger, and the ledger lines behind a total.
 * Money as exact decimal strings.
 */
import { z } from 'zod';
import { IsoDate } from '../pricebook/schema';
import { CurrencyCode, Money, Month } from '../schemas';

/** A problem in a file people edit (policy, energy assumptions), with the path of the field it is about ("rules[2].split.percent"; empty for the whole file). */
export const FileIssue = z.object({ field: z.string(), message: z.string() });
export type FileIssue = z.infer<typeof FileIssue>;

/** An estimate: low, mid and high. */
export const RangeWire = z.object({ low: z.number(), mid: z.number(), high: z.number() });
export type RangeWire = z.infer<typeof RangeWire>;

export const TeamWire = z.object({ id: z.string(), name: z.string(), costCentre: z.string().nullable(), businessUnit: z.string().nullable() });
export type TeamWire = z.infer<typeof TeamWire>;

export const TeamMonthRow = z.object({
  team: z.string(),
  product: z.string().nullable(),
  month: Month,
  currency: CurrencyCode,
  /** Exact, as allocated (the sum of the parts of every line). */
  amount: Money,
  /** Rounded to the currency's minor unit so that the rows of a month foot to its rounded total (shared/domain/rounding). */
  amountCents: Money,
  tokens: z.number(),
  lines: z.number().int(),
  /** The rules that allocated cost here (AllocatedMethodId of its lines). */
  ruleIds: z.array(z.string()),
});
export type TeamMonthRow = z.infer<typeof TeamMonthRow>;

export const AllocationRun = z.object({
  policyName: z.string(),
  file: z.string(),
  cost: z.enum(['billed', 'effective']),
  teams: z.array(TeamWire),
  rows: z.array(TeamMonthRow),
  /** Per month and currency: the ledger against what was allocated (always equal), what stayed unallocated, and the ledger rounded once. */
  months: z.array(z.object({ month: Month, currency: CurrencyCode, ledger: Money, allocated: Money, unallocated: Money, ledgerCents: Money })),
  rules: z.array(z.object({ id: z.string().nullable(), precedence: z.number().nullable(), target: z.string(), lines: z.number().int(), amounts: z.array(z.object({ currency: CurrencyCode, amount: Money })) })),
  notes: z.array(z.object({ ruleId: z.string().nullable(), message: z.string() })),
  energy: z.array(z.object({ team: z.string(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  stats: z.object({ ledgerLines: z.number().int(), groups: z.number().int(), ms: z.number() }),
});
export type AllocationRun = z.infer<typeof AllocationRun>;

/** A ledger line behind a total (a team's month, an anomaly), with the part of it counted there and where it came from. */
export const LineBehind = z.object({
  lineId: z.number().int(),
  day: IsoDate,
  provider: z.string(),
  model: z.string().nullable(),
  usageClass: z.string(),
  subAccount: z.string().nullable(),
  credential: z.string().nullable(),
  chargeCategory: z.string(),
  tags: z.record(z.string(), z.string()),
  /** Null when the statement does not report it. */
  quantity: z.number().nullable(),
  unit: z.string(),
  currency: CurrencyCode,
  /** The whole line's cost, and the part of it counted in this total. */
  lineCost: Money,
  amount: Money,
  /** amount ÷ lineCost as exact decimal text ("1" for a whole line). */
  ratio: z.string(),
  importId: z.number().int(),
  sourceRow: z.number().int(),
});
export type LineBehind = z.infer<typeof LineBehind>;

/** A line behind a team's month: the team's part and the rule that gave it. */
export const AllocatedLine = LineBehind.extend({
  ruleId: z.string().nullable(),
  method: z.string(),
  reason: z.string().nullable(),
});
export type AllocatedLine = z.infer<typeof AllocatedLine>;
