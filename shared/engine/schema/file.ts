import { z } from 'zod';
import { CurrencyCode, Id } from '../../domain/schemas';
import { Driver, ModelPrice, MonthlyMoney, MonthlySeries, Workload, WorkloadGuardrails } from './baseline';
import { DecimalText, Distribution, GrowthPercentInput, ModelRef, MoneyInput, MoneyNumber, NumberInput, PercentInput, PlanMonth } from './inputs';
import { Lever } from '../levers';

/**
 * What-if scenarios: the file format (YAML in scenarios/, documented in
 * scenarios/README.md, exported as JSON Schema for editor completion): a
 * baseline (business drivers, workloads, prices) and scenarios made of
 * ordered levers.
 */

export const Guardrails = WorkloadGuardrails.extend({
  /** Highest acceptable AI cost in a month. */
  monthlyBudget: z.union([MoneyNumber, DecimalText]).optional(),
  /** Highest acceptable utilisation of provisioned capacity (overflow is always flagged). */
  maxUtilisation: z.number().positive().max(1).optional(),
}).strict();
export type Guardrails = z.infer<typeof Guardrails>;

/**
 * Parts of the baseline the workspace supplies when the file runs in it (the
 * app, `aispend run --workspace`): its business drivers, and workloads derived
 * from its ledger by the saved mapping. What the file writes itself wins, by id.
 */
export const FromWorkspace = z
  .object({
    /** The workspace's business drivers: all of them (true) or these ids. */
    drivers: z.union([z.literal(true), z.array(Id).min(1)]).optional(),
    /** Workload profiles derived from the ledger over these months (inclusive). */
    workloads: z.object({ from: PlanMonth, to: PlanMonth }).strict().optional(),
  })
  .strict();
export type FromWorkspace = z.infer<typeof FromWorkspace>;

export const Baseline = z
  .object({
    start: PlanMonth,
    months: z.number().int().min(1).max(120).default(12),
    currency: CurrencyCode.default('USD'),
    /** The driver whose units the per-unit KPIs use (default: the first). */
    unitDriver: Id.optional(),
    /** Take drivers and workloads from the workspace the file runs in. */
    fromWorkspace: FromWorkspace.optional(),
    /** At least one, here or from the workspace. */
    drivers: z.array(Driver).default([]),
    workloads: z.array(Workload).default([]),
    /** What-if or missing prices; they take precedence over the price book. */
    prices: z.array(ModelPrice).default([]),
    /** Known changes that are part of the status quo (a contract in force, expected growth). */
    levers: z.array(Lever).default([]),
    guardrails: Guardrails.optional(),
  })
  .strict();
export type Baseline = z.infer<typeof Baseline>;
export type BaselineInput = z.input<typeof Baseline>;

export const Scenario = z
  .object({
    id: Id,
    name: z.string().min(1),
    description: z.string().optional(),
    levers: z.array(Lever).default([]),
    guardrails: Guardrails.optional(),
  })
  .strict();
export type Scenario = z.infer<typeof Scenario>;

export const ScenarioFile = z
  .object({
    version: z.literal(1).default(1),
    name: z.string().optional(),
    description: z.string().optional(),
    /** Another scenario file (relative path) whose baseline this file uses. */
    extends: z.string().min(1).optional(),
    baseline: Baseline.optional(),
    /** Levers added to the baseline for this file's question (e.g. "loans triple"), applied in every scenario too. */
    baselineLevers: z.array(Lever).default([]),
    scenarios: z.array(Scenario).default([]),
  })
  .strict()
  .refine((f) => (f.extends === undefined) !== (f.baseline === undefined), { message: 'give either a baseline or extends', path: ['baseline'] });
export type ScenarioFile = z.infer<typeof ScenarioFile>;
export type ScenarioFileInput = z.input<typeof ScenarioFile>;

// JSON Schema for editors (scripts/export-scenario-schema.ts writes it to scenarios/).

/** The scenario file format as JSON Schema (input shape: defaulted fields are optional), with named $defs. */
export function scenarioFileJsonSchema(): Record<string, unknown> {
  const named = z.registry<{ id: string; description?: string }>();
  named.add(NumberInput, { id: 'NumberInput', description: 'A number, a range {min, max} (uniform), or a distribution {dist: triangular | pert | uniform | normal | lognormal}.' });
  named.add(MoneyInput, { id: 'MoneyInput', description: 'Money as a decimal ("6.20") or number, a range or a distribution.' });
  named.add(Distribution, { id: 'Distribution' });
  named.add(PercentInput, { id: 'PercentInput', description: 'A change in percent (-100 to 1000), a range or a distribution of one.' });
  named.add(GrowthPercentInput, { id: 'GrowthPercentInput', description: 'Growth in percent a month (-100 to 100), a range or a distribution of it.' });
  named.add(ModelRef, { id: 'ModelRef', description: 'provider/model, e.g. openai/gpt-4.1' });
  named.add(MonthlySeries, { id: 'MonthlySeries' });
  named.add(MonthlyMoney, { id: 'MonthlyMoney', description: 'Money for every month, or month → amount (each holds until the next).' });
  named.add(Driver, { id: 'Driver' });
  named.add(Workload, { id: 'Workload' });
  named.add(ModelPrice, { id: 'ModelPrice' });
  named.add(Lever, { id: 'Lever', description: 'One lever: route, cache, tier, contract, provision, price, volume, adjacent or alternative.' });
  named.add(Baseline, { id: 'Baseline' });
  named.add(Scenario, { id: 'Scenario' });
  return {
    $id: 'https://aispend.local/scenario.schema.json',
    title: 'AI Spend Workbench scenario file',
    description: 'A baseline (business drivers, workloads, prices) and scenarios made of ordered levers. See scenarios/README.md.',
    ...z.toJSONSchema(ScenarioFile, { io: 'input', metadata: named, unrepresentable: 'any' }),
  };
}
