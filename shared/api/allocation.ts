/**
 * Allocation (showback / chargeback), budgets and allowances, anomalies, and
 * energy estimates: the methods and jobs of the allocation area. The policy
 * file, the energy assumptions and the results live with their domain.
 */
import { z } from 'zod';
import { AllocatedLine, AllocationRun, FileIssue, LineBehind } from '../domain/allocation/schema';
import { ANOMALY_DIMENSIONS, AnomaliesReport, AnomalyDimension } from '../domain/anomalies/schema';
import { BudgetsReport } from '../domain/budgets/schema';
import { EnergyReport } from '../domain/energy/schema';
import { IsoDate } from '../domain/pricebook/schema';
import { CurrencyCode, Month } from './common';
import { ExportPath } from './paths';
import { job, method } from './define';

export * from '../domain/allocation/schema';
export * from '../domain/anomalies/schema';
export * from '../domain/budgets/schema';
export * from '../domain/energy/schema';

const FileName = z.string().min(1).max(255);
const PolicyText = z.string().max(2_000_000);
const AssumptionsText = z.string().max(1_000_000);

/** Where the policy to use comes from: the text given (an unsaved edit, a file on the command line) or, when omitted, the workspace's. */
const PolicySource = { yaml: PolicyText.optional(), fileName: FileName.optional() };

const Page = { offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(200) };

export const AnomaliesInput = z
  .object({
    since: IsoDate.optional(),
    dimensions: z.array(AnomalyDimension).min(1).default([...ANOMALY_DIMENSIONS]),
    minCost: z.number().min(0).default(10),
    minPercent: z.number().min(0).default(20),
    sensitivity: z.number().min(1).max(10).default(4),
    ...PolicySource,
  })
  .strict();

export const allocationMethods = {
  'allocation.getPolicy': method(
    z.object({}).strict(),
    z.object({ yaml: z.string(), fileName: z.string(), stored: z.boolean(), issues: z.array(FileIssue) }),
    "The workspace's allocation policy (teams, rules, budgets, allowances) as saved, or a starting template.",
  ),
  'allocation.validatePolicy': method(
    z.object({ yaml: PolicyText, fileName: FileName.default('allocation.yaml') }).strict(),
    z.object({ ok: z.boolean(), issues: z.array(FileIssue) }),
    'Checks policy YAML: every problem with the field it is about.',
  ),
  'allocation.savePolicy': method(
    z.object({ yaml: PolicyText, fileName: FileName.default('allocation.yaml') }).strict(),
    z.object({ saved: z.boolean() }),
    'Checks the policy, allocates the whole ledger with it (a basis that sums to zero is refused) and stores it in one transaction; nothing is saved when either fails.',
  ),
  'allocation.lines': method(
    z.object({ team: z.string().min(1).max(100), month: Month, currency: CurrencyCode.optional(), ...Page, ...PolicySource }).strict(),
    z.object({ rows: z.array(AllocatedLine), total: z.number().int() }),
    "The ledger lines behind a team's month, with each line's part, ratio and rule (the drill-down).",
  ),
  'allocation.chargebackCsv': method(
    z.object({ ...PolicySource, path: ExportPath.optional() }).strict(),
    z.object({ csv: z.string(), fileName: z.string(), rows: z.number().int(), path: z.string().nullable() }),
    'The chargeback statement (team × month in cents, with FOCUS allocation columns) as CSV; written to path when given.',
  ),
  'anomalies.lines': method(
    z
      .object({
        dimension: AnomalyDimension,
        value: z.string().min(1).max(500),
        currency: CurrencyCode,
        /** A day (an anomaly of a day) or a month. */
        period: z.union([IsoDate, Month]),
        ...Page,
        ...PolicySource,
      })
      .strict(),
    z.object({ rows: z.array(LineBehind), total: z.number().int(), amount: z.string() }),
    "The ledger lines behind an anomaly: a provider's, model's, key's, workload's or team's lines of that day or month (a team's part of shared lines), largest first.",
  ),
  'energy.getAssumptions': method(
    z.object({}).strict(),
    z.object({ yaml: z.string(), source: z.enum(['workspace', 'shipped']), issues: z.array(FileIssue) }),
    "The workspace's energy and carbon assumptions, or the shipped ones.",
  ),
  'energy.validateAssumptions': method(z.object({ yaml: AssumptionsText }).strict(), z.object({ ok: z.boolean(), issues: z.array(FileIssue) }), 'Checks energy assumptions YAML: every problem with the field it is about.'),
  'energy.saveAssumptions': method(
    z.object({ yaml: AssumptionsText.nullable() }).strict(),
    z.object({ saved: z.boolean() }),
    'Stores edited energy assumptions after checking them (null goes back to the shipped ones).',
  ),
};

export const allocationJobs = {
  'allocation.run': job(z.object({ ...PolicySource, month: Month.optional() }).strict(), AllocationRun, 'Allocates the ledger to teams by the policy: team × month totals, reconciled to the ledger.'),
  'allocation.export': job(
    z.object({ ...PolicySource, month: Month.optional(), path: ExportPath, format: z.enum(['csv', 'parquet']), overwrite: z.boolean().default(false) }).strict(),
    z.object({ path: z.string(), lines: z.number().int(), bytes: z.number().int() }),
    'Writes every allocated line with its FOCUS 1.3 allocation columns to CSV or Parquet.',
  ),
  'budgets.evaluate': job(z.object({ ...PolicySource, asOf: IsoDate.optional() }).strict(), BudgetsReport, 'Budgets and token allowances against the ledger so far, with the forecast to each period end.'),
  'anomalies.detect': job(AnomaliesInput, AnomaliesReport, 'Daily and monthly cost anomalies per provider, model, workload, team and credential.'),
  'energy.estimate': job(z.object({ ...PolicySource, assumptionsYaml: AssumptionsText.optional() }).strict(), EnergyReport, 'Energy (kWh) and carbon (kg CO2e) estimates per team, business unit, model and month.'),
};
