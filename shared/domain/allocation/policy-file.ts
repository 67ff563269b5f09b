/**
 * The allocation policy file (YAML): the teams, the rules that map ledger
 * lines to them, the budgets and the per-key token allowances. One file, so
 * the chargeback, the budgets and who is over an allowance always speak of
 * the same teams. Amounts and percentages are decimal text (a YAML number is
 * read from its source text, so 33.3 stays exactly 33.3). Every message names
 * the field it is about ("rules[2].split.percent"). Exported as JSON Schema to
 * scenarios/allocation.schema.json for editor completion.
 */
import { z } from 'zod';
import { CHARGE_CATEGORIES, SERVICE_TIERS, USAGE_CLASSES } from '../usage';

const required = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`) });

/** An id people type and read back in reports: letters, digits, dot, dash, underscore. */
export const PolicyId = z
  .string(required('an id such as lending-ops'))
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, ".", "-" or "_" (starting with a letter or digit)');

/** The team every line no rule claims goes to. Always shown, never declared. */
export const UNALLOCATED = 'unallocated';

const Decimal = (what: string) =>
  z
    .union([z.string(), z.number()], required(what))
    .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
    .refine((v) => /^-?\d+(\.\d+)?$/.test(v), `must be ${what}`);

const NonNegativeDecimal = (what: string) => Decimal(what).refine((v) => !v.startsWith('-'), 'must not be negative');

/** A percentage between 0 and 100 ("33.3" is 33.3%). */
const Percent = z
  .union([z.string(), z.number()], required('a percentage such as "30"'))
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim().replace(/%$/, '').trim()))
  .refine((v) => /^-?\d+(\.\d+)?$/.test(v), 'must be a percentage such as "30" (meaning 30%)')
  .refine((v) => !v.startsWith('-'), 'must not be negative')
  .refine((v) => Number(v) <= 100, 'must be at most 100');

/** One value or a list of values a ledger field must equal. */
const OneOrMany = <T extends z.ZodType<string>>(item: T) => z.union([item, z.array(item).min(1, 'needs at least one value')]);
const Text = z.string().min(1, 'must not be empty').max(500);

export const MatchSchema = z
  .object({
    /** Tag key → the value (or values) it must have; "*" means the tag is present with any value. */
    tag: z.record(z.string().min(1).max(200), OneOrMany(Text)).optional(),
    provider: OneOrMany(Text).optional(),
    billingAccount: OneOrMany(Text).optional(),
    /** Project, workspace or sub-account. */
    subAccount: OneOrMany(Text).optional(),
    /** API key or credential. */
    credential: OneOrMany(Text).optional(),
    model: OneOrMany(Text).optional(),
    usageClass: OneOrMany(z.enum(USAGE_CLASSES)).optional(),
    serviceTier: OneOrMany(z.enum(SERVICE_TIERS)).optional(),
    chargeCategory: OneOrMany(z.enum(CHARGE_CATEGORIES)).optional(),
    region: OneOrMany(Text).optional(),
    /** A workload of the workspace's workload mapping (Scenarios › Workload mapping). */
    workload: OneOrMany(Text).optional(),
  })
  .strict()
  .refine((m) => Object.values(m).some((v) => v !== undefined), 'must name at least one field to match (an empty match would take every line)');
export type MatchFile = z.output<typeof MatchSchema>;
export const MATCH_FIELDS = ['tag', 'provider', 'billingAccount', 'subAccount', 'credential', 'model', 'usageClass', 'serviceTier', 'chargeCategory', 'region', 'workload'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

export const SPLIT_BASES = ['even', 'tokens', 'cost', 'percent'] as const;
export type SplitBasis = (typeof SPLIT_BASES)[number];

export const SplitSchema = z
  .object({
    /**
     * even: equal parts; tokens / cost: in proportion to the tokens or cost
     * each team was allocated directly that month (same currency for cost);
     * percent: the fixed percentages given.
     */
    basis: z.enum(SPLIT_BASES, required('"even", "tokens", "cost" or "percent"')),
    /** The teams sharing (even, tokens, cost); every declared team when left out. */
    teams: z.array(PolicyId).min(1, 'needs at least one team').optional(),
    /** Team → percentage (basis percent); must add up to 100. */
    percent: z.record(PolicyId, Percent).optional(),
    /** When the teams' tokens or cost sum to zero in a month: stop with an error (default) or split evenly. */
    whenZero: z.enum(['error', 'even']).default('error'),
  })
  .strict();

export const RuleSchema = z
  .object({
    id: PolicyId,
    /** Higher wins when several rules match a line; two rules that can match the same line must not share a precedence. */
    precedence: z.number(required('a whole number such as 10')).int('must be a whole number'),
    description: z.string().max(500).optional(),
    match: MatchSchema,
    /** Direct allocation to one team… */
    team: PolicyId.optional(),
    /** …or to the team named by this tag's value on the line… */
    teamFromTag: z.string().min(1).max(200).optional(),
    /** …or a shared cost split over several teams. */
    split: SplitSchema.optional(),
    /** A product the allocated cost is for (direct allocations). */
    product: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((r) => [r.team, r.teamFromTag, r.split].filter((x) => x !== undefined).length === 1, {
    message: 'needs exactly one of team, teamFromTag or split',
  });
export type RuleFile = z.output<typeof RuleSchema>;

export const TeamSchema = z
  .object({
    id: PolicyId.refine((id) => id !== UNALLOCATED, `"${UNALLOCATED}" is the bucket for lines no rule claims; choose another id`),
    name: z.string().min(1).max(200).optional(),
    costCentre: z.string().min(1).max(100).optional(),
    businessUnit: z.string().min(1).max(200).optional(),
  })
  .strict();

export const BUDGET_PERIODS = ['month', 'quarter', 'year'] as const;
export type BudgetPeriod = (typeof BUDGET_PERIODS)[number];

export const BudgetScopeSchema = z
  .object({
    team: PolicyId.optional(),
    workload: Text.optional(),
    tag: z.record(z.string().min(1).max(200), Text).optional(),
    credential: Text.optional(),
  })
  .strict()
  .refine((s) => Object.values(s).filter((v) => v !== undefined).length === 1, 'needs exactly one of team, workload, tag or credential');

export const BudgetSchema = z
  .object({
    id: PolicyId,
    name: z.string().min(1).max(200).optional(),
    scope: BudgetScopeSchema,
    period: z.enum(BUDGET_PERIODS, required('"month", "quarter" or "year"')),
    /** Money per period, in `currency`… */
    amount: NonNegativeDecimal('an amount such as "5000"').refine((v) => /[1-9]/.test(v), 'must be more than zero').optional(),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD').optional(),
    /** …or tokens per period. */
    tokens: z.number().int('must be a whole number of tokens').positive('must be more than zero').optional(),
    /** Percent of the budget at which it is "near" (soft) and "over" (hard). */
    thresholds: z
      .object({ soft: Percent.default('80'), hard: NonNegativeDecimal('a percentage such as "100"').default('100') })
      .strict()
      .default({ soft: '80', hard: '100' }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if ((b.amount === undefined) === (b.tokens === undefined)) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'needs exactly one of amount (money) or tokens' });
    if (b.amount !== undefined && b.currency === undefined) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required with an amount' });
    if (Number(b.thresholds.soft) >= Number(b.thresholds.hard)) ctx.addIssue({ code: 'custom', path: ['thresholds', 'soft'], message: 'must be below the hard threshold' });
  });
export type BudgetFile = z.output<typeof BudgetSchema>;

export const AllowanceSchema = z
  .object({
    id: PolicyId,
    name: z.string().min(1).max(200).optional(),
    /** Who an allowance is for: each API key, or each value of a tag (a developer: { tag: user }). */
    per: z.union([z.literal('credential'), z.object({ tag: z.string().min(1).max(200) }).strict()], required('"credential" or { tag: NAME }')),
    tokensPerMonth: z.number(required('a whole number of tokens')).int('must be a whole number of tokens').positive('must be more than zero'),
    /** Percent of the allowance at which a key or member is "near". */
    nearAt: Percent.default('80'),
    /** Only the lines of this team (by the rules) count, when given. */
    team: PolicyId.optional(),
    /** Keys or members with their own allowance. */
    overrides: z.array(z.object({ who: Text, tokensPerMonth: z.number().int('must be a whole number of tokens').positive('must be more than zero') }).strict()).default([]),
  })
  .strict();
export type AllowanceFile = z.output<typeof AllowanceSchema>;

export const AllocationPolicySchema = z
  .object({
    version: z.literal(1, required('1')).default(1),
    name: z.string().min(1).max(200).optional(),
    /** Which cost is allocated: billed (the invoice) or effective (amortised commitments). */
    cost: z.enum(['billed', 'effective']).default('billed'),
    /** First month of the fiscal year (1 = January), for quarterly and annual budgets. */
    fiscalYearStart: z.number().int().min(1, 'must be a month number 1 to 12').max(12, 'must be a month number 1 to 12').default(1),
    teams: z.array(TeamSchema).min(1, 'declare at least one team'),
    rules: z.array(RuleSchema).default([]),
    budgets: z.array(BudgetSchema).default([]),
    allowances: z.array(AllowanceSchema).default([]),
  })
  .strict();
export type AllocationPolicyFile = z.output<typeof AllocationPolicySchema>;

/** The JSON Schema of the policy file, for scenarios/allocation.schema.json. */
export function allocationPolicyJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(AllocationPolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://aispend.local/allocation.schema.json',
    title: 'AI Spend Workbench allocation policy',
    description: 'Teams, the rules that allocate ledger lines to them (with precedence and shared-cost splits), budgets and per-key token allowances.',
  };
}
