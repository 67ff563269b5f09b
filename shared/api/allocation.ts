/**
 * Allocation (showback / chargeback), budgets and allowances, anomalies, and
 * energy estimates: the methods and jobs of the allocation area. The policy
 * file's schema lives with its domain (shared/domain/allocation/policy-file.ts).
 */
import { z } from 'zod';
import { ANOMALY_KINDS } from '../domain/anomalies/detect';
import { BUDGET_STATUSES } from '../domain/budgets/evaluate';
import { CurrencyCode, FilePath, Money, Month } from './common';
import { job, method } from './define';

const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day looks like 2026-07-12');
const FileName = z.string().min(1).max(255);
const PolicyText = z.string().max(2_000_000);

export const PolicyIssueSchema = z.object({ field: z.string(), message: z.string() });
export type PolicyIssueWire = z.infer<typeof PolicyIssueSchema>;

/** Where the policy to use comes from: the text given (an unsaved edit, a file on the command line) or, when omitted, the workspace's. */
const PolicySource = { yaml: PolicyText.optional(), fileName: FileName.optional() };

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
  /** Rounded to cents so the rows of a month foot to its total in cents (largest remainder). */
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
  /** Per month and currency: the ledger against what was allocated (always equal) and what stayed unallocated. */
  months: z.array(z.object({ month: Month, currency: CurrencyCode, ledger: Money, allocated: Money, unallocated: Money, ledgerCents: Money })),
  rules: z.array(z.object({ id: z.string().nullable(), precedence: z.number().nullable(), target: z.string(), lines: z.number().int(), amounts: z.array(z.object({ currency: CurrencyCode, amount: Money })) })),
  notes: z.array(z.object({ ruleId: z.string().nullable(), message: z.string() })),
  energy: z.array(z.object({ team: z.string(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  stats: z.object({ ledgerLines: z.number().int(), groups: z.number().int(), ms: z.number() }),
});
export type AllocationRun = z.infer<typeof AllocationRun>;

export const AllocatedLine = z.object({
  lineId: z.number().int(),
  day: IsoDay,
  provider: z.string(),
  model: z.string().nullable(),
  usageClass: z.string(),
  subAccount: z.string().nullable(),
  credential: z.string().nullable(),
  chargeCategory: z.string(),
  tags: z.record(z.string(), z.string()),
  quantity: z.number(),
  unit: z.string(),
  currency: CurrencyCode,
  /** The origin line's cost and this team's part of it. */
  lineCost: Money,
  amount: Money,
  ratio: z.string(),
  ruleId: z.string().nullable(),
  method: z.string(),
  reason: z.string().nullable(),
});
export type AllocatedLine = z.infer<typeof AllocatedLine>;

export const BudgetResultWire = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.string(),
  period: z.object({ kind: z.enum(['month', 'quarter', 'year']), id: z.string(), start: IsoDay, end: IsoDay }),
  unit: z.string(),
  /** Money as exact decimals (or whole tokens as decimal text). */
  limit: z.string(),
  spent: z.string(),
  spentPercent: z.number(),
  forecastTotal: z.number(),
  forecastP10: z.number().nullable(),
  forecastP90: z.number().nullable(),
  forecastBasis: z.string(),
  runsOutOn: IsoDay.nullable(),
  status: z.enum(BUDGET_STATUSES),
  softPercent: z.string(),
  hardPercent: z.string(),
  daysElapsed: z.number().int(),
  daysInPeriod: z.number().int(),
  burnDown: z.array(z.object({ day: IsoDay, remaining: z.number(), remainingP10: z.number().nullable(), remainingP90: z.number().nullable(), actual: z.boolean() })),
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
  asOf: IsoDay.nullable(),
  budgets: z.array(BudgetResultWire),
  allowances: z.array(AllowanceUseWire),
  /** Budgets over their hard threshold and keys over their allowance: what --fail-on-breach fails on. */
  breaches: z.number().int(),
  findings: z.array(z.object({ kind: z.enum(['budget', 'allowance']), id: z.string(), status: z.string(), message: z.string() })),
});
export type BudgetsReport = z.infer<typeof BudgetsReport>;

export const ANOMALY_DIMENSIONS = ['provider', 'model', 'workload', 'team', 'credential'] as const;
export const AnomalyDimension = z.enum(ANOMALY_DIMENSIONS);
export type AnomalyDimension = z.infer<typeof AnomalyDimension>;

export const AnomalyWire = z.object({
  kind: z.enum(ANOMALY_KINDS),
  granularity: z.enum(['day', 'month']),
  dimension: z.string(),
  value: z.string(),
  currency: CurrencyCode,
  period: z.string(),
  expected: Money,
  actual: Money,
  impact: Money,
  impactPercent: z.number().nullable(),
  slopePerDay: z.number().nullable(),
  score: z.number(),
  message: z.string(),
});
export type AnomalyWire = z.infer<typeof AnomalyWire>;

export const AnomaliesInput = z
  .object({
    since: IsoDay.optional(),
    dimensions: z.array(AnomalyDimension).min(1).default([...ANOMALY_DIMENSIONS]),
    minCost: z.number().min(0).default(10),
    minPercent: z.number().min(0).default(20),
    sensitivity: z.number().min(1).max(10).default(4),
    ...PolicySource,
  })
  .strict();

export const AnomaliesReport = z.object({
  from: IsoDay.nullable(),
  to: IsoDay.nullable(),
  series: z.number().int(),
  anomalies: z.array(AnomalyWire),
  options: z.object({ minCost: z.number(), minPercent: z.number(), sensitivity: z.number() }),
  notes: z.array(z.string()),
});
export type AnomaliesReport = z.infer<typeof AnomaliesReport>;

export const EnergyAssumptionsWire = z.object({ yaml: z.string(), source: z.enum(['workspace', 'shipped']), issues: z.array(PolicyIssueSchema) });

export const EnergyReport = z.object({
  rows: z.array(z.object({ team: z.string(), businessUnit: z.string().nullable(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  byModel: z.array(z.object({ provider: z.string(), model: z.string(), assumptionId: z.string(), month: Month, kwh: RangeWire, kgCo2e: RangeWire })),
  assumptions: z.array(z.object({ id: z.string(), kind: z.enum(['model', 'grid', 'tokens per request']), figure: z.string(), source: z.string(), sourceDate: z.string(), note: z.string().nullable() })),
  unestimated: z.array(z.object({ provider: z.string(), model: z.string().nullable(), outputTokens: z.number() })),
});
export type EnergyReport = z.infer<typeof EnergyReport>;

export const allocationMethods = {
  'allocation.getPolicy': method(
    z.object({}).strict(),
    z.object({ yaml: z.string(), fileName: z.string(), stored: z.boolean(), issues: z.array(PolicyIssueSchema) }),
    "The workspace's allocation policy (teams, rules, budgets, allowances) as saved, or a starting template.",
  ),
  'allocation.validatePolicy': method(
    z.object({ yaml: PolicyText, fileName: FileName.default('allocation.yaml') }).strict(),
    z.object({ ok: z.boolean(), issues: z.array(PolicyIssueSchema) }),
    'Checks policy YAML: every problem with the field it is about.',
  ),
  'allocation.savePolicy': method(
    z.object({ yaml: PolicyText, fileName: FileName.default('allocation.yaml') }).strict(),
    z.object({ saved: z.boolean() }),
    "Checks the policy, allocates the whole ledger with it (a basis that sums to zero is refused) and stores it in one transaction; nothing is saved when either fails.",
  ),
  'allocation.lines': method(
    z
      .object({
        team: z.string().min(1).max(100),
        month: Month,
        currency: CurrencyCode.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(5000).default(200),
        ...PolicySource,
      })
      .strict(),
    z.object({ rows: z.array(AllocatedLine), total: z.number().int() }),
    "The ledger lines behind a team's month, with each line's part, ratio and rule (the drill-down).",
  ),
  'allocation.chargebackCsv': method(
    z.object({ ...PolicySource, path: FilePath.optional() }).strict(),
    z.object({ csv: z.string(), fileName: z.string(), rows: z.number().int(), path: z.string().nullable() }),
    'The chargeback statement (team × month in cents, with FOCUS allocation columns) as CSV; written to path when given.',
  ),
  'energy.getAssumptions': method(z.object({}).strict(), EnergyAssumptionsWire, "The workspace's energy and carbon assumptions, or the shipped ones."),
  'energy.saveAssumptions': method(
    z.object({ yaml: z.string().max(1_000_000).nullable() }).strict(),
    z.object({ saved: z.boolean() }),
    'Stores edited energy assumptions after checking them (null goes back to the shipped ones).',
  ),
};

export const allocationJobs = {
  'allocation.run': job(z.object({ ...PolicySource, month: Month.optional() }).strict(), AllocationRun, 'Allocates the ledger to teams by the policy: team × month totals, reconciled to the ledger.'),
  'allocation.export': job(
    z.object({ ...PolicySource, month: Month.optional(), path: FilePath, format: z.enum(['csv', 'parquet']), overwrite: z.boolean().default(false) }).strict(),
    z.object({ path: z.string(), lines: z.number().int(), bytes: z.number().int() }),
    'Writes every allocated line with its FOCUS 1.3 allocation columns to CSV or Parquet.',
  ),
  'budgets.evaluate': job(z.object({ ...PolicySource, asOf: IsoDay.optional() }).strict(), BudgetsReport, 'Budgets and token allowances against the ledger so far, with the forecast to each period end.'),
  'anomalies.detect': job(AnomaliesInput, AnomaliesReport, 'Daily and monthly cost anomalies per provider, model, workload, team and credential.'),
  'energy.estimate': job(z.object({ ...PolicySource, assumptionsYaml: z.string().max(1_000_000).optional() }).strict(), EnergyReport, 'Energy (kWh) and carbon (kg CO2e) estimates per team, business unit, model and month.'),
};
