import { z } from 'zod';
import { BusinessDriver } from '../domain/driver-schema';
import { PriceRowSchema } from '../domain/pricebook/schema';
import { Id } from '../domain/schemas';
import { Baseline, DerivedWorkloads, RunOptions, RunResult, Scenario, WorkloadMapping } from '../engine/schema';
import { Month } from './common';
import { ImportPath, ReadPath } from './paths';
import { job, method } from './define';

/**
 * What-if scenario methods and jobs. The scenario file format, run options
 * and results live with the engine (shared/engine/schema), business drivers
 * with the domain (shared/domain/driver-schema.ts); the API carries them.
 */
export * from '../engine/schema';
export * from '../domain/driver-schema';

const ScenarioFileId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/, 'not a scenario file id');
export const ValidationIssue = z.object({ path: z.string(), message: z.string(), line: z.number().int().nullable() });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

/**
 * What to run: a scenario file of the workspace (by id) or a file on this
 * machine (path; the CLI), optionally with unsaved text (the builder's live
 * preview). `extends` resolves next to the file: among the workspace's files,
 * or on disk.
 */
export const RunSource = z
  .object({
    id: ScenarioFileId.optional(),
    path: ReadPath.optional(),
    yaml: z.string().max(2_000_000).optional(),
    options: RunOptions.optional(),
  })
  .strict()
  .refine((r) => (r.id === undefined) !== (r.path === undefined), { message: 'name either a workspace file (id) or a file on disk (path)', path: ['id'] });
export type RunSource = z.input<typeof RunSource>;

export const ScenarioFileSummary = z.object({
  id: ScenarioFileId,
  name: z.string(),
  description: z.string().nullable(),
  extends: z.string().nullable(),
  scenarios: z.array(z.object({ id: z.string(), name: z.string() })),
  updatedAt: z.string(),
});
export type ScenarioFileSummary = z.infer<typeof ScenarioFileSummary>;

export const SavedRun = z.object({ ranAt: z.string(), draws: z.number().int(), seed: z.number().int().nullable(), result: RunResult });
export type SavedRun = z.infer<typeof SavedRun>;

/** A scenario file with its baseline in hand (extends and fromWorkspace resolved): what an engine worker runs. */
export const ResolvedFile = z.object({ name: z.string(), path: z.string(), baseline: Baseline, scenarios: z.array(Scenario) });

/** The workspace's pricing inputs as engine workers rebuild them: its own price rows and its stored contracts' YAML. */
export const PricingInputsWire = z.object({
  userPriceRows: z.array(PriceRowSchema),
  contracts: z.array(z.object({ fileName: z.string(), yaml: z.string() })),
});

export const scenarioMethods = {
  'scenarios.list': method(z.object({}).strict(), z.object({ files: z.array(ScenarioFileSummary) }), 'Scenario files of the workspace.'),
  'scenarios.get': method(z.object({ id: ScenarioFileId }).strict(), z.object({ id: ScenarioFileId, yaml: z.string(), updatedAt: z.string() }), 'One scenario file as YAML text.'),
  'scenarios.save': method(
    z.object({ id: ScenarioFileId, yaml: z.string().max(2_000_000) }).strict(),
    z.object({ id: ScenarioFileId, saved: z.boolean(), issues: z.array(ValidationIssue) }),
    'Validates and stores a scenario file; refuses (saved: false, with the issues) when it does not validate.',
  ),
  'scenarios.delete': method(z.object({ id: ScenarioFileId }).strict(), z.object({ deleted: z.boolean() }), 'Removes a scenario file (refused while another file extends it).'),
  'scenarios.validate': method(
    z.object({ yaml: z.string().max(2_000_000) }).strict(),
    z.object({ ok: z.boolean(), issues: z.array(ValidationIssue) }),
    'Checks scenario YAML against the schema, with the line of each issue.',
  ),
  'scenarios.run': method(RunSource, RunResult, 'Runs a scenario file deterministically (in a worker thread); Monte Carlo runs are the scenarios.simulate job.'),
  'scenarios.resolve': method(
    RunSource,
    z.object({ file: ResolvedFile, pricing: PricingInputsWire, notes: z.array(z.string()) }),
    'A scenario file with extends and fromWorkspace resolved, and the pricing inputs: what the browser worker needs to run it.',
  ),
  'scenarios.lastRun': method(z.object({ id: ScenarioFileId }).strict(), z.object({ run: SavedRun.nullable() }), 'The latest saved result of a workspace scenario file.'),
  'workloads.derive': method(
    z.object({ from: Month, to: Month, mapping: WorkloadMapping.optional() }).strict(),
    DerivedWorkloads,
    'Workload profiles from the ledger over a period, by the saved (or given) mapping.',
  ),
  'workloads.getMapping': method(z.object({}).strict(), WorkloadMapping, 'The saved ledger-to-workload mapping.'),
  'workloads.saveMapping': method(WorkloadMapping, z.object({ saved: z.boolean() }), 'Saves the ledger-to-workload mapping.'),
  'drivers.list': method(z.object({}).strict(), z.object({ drivers: z.array(BusinessDriver) }), 'Business drivers of the workspace, month by month.'),
  'drivers.save': method(z.object({ drivers: z.array(BusinessDriver).max(100) }).strict(), z.object({ saved: z.number().int() }), 'Replaces the business drivers.'),
  'drivers.import': method(
    z
      .object({
        /** A CSV or XLSX file on this machine (browser mode: the path /api/upload returned). */
        path: ImportPath,
        /** Driver id for the units column (default: from its header). */
        driver: Id.optional(),
        unit: z.string().min(1).max(50).optional(),
      })
      .strict(),
    z.object({ driver: BusinessDriver, months: z.number().int(), replaced: z.boolean() }),
    'Imports one business driver from a table: month, units, then non-AI cost columns; replaces a driver with the same id.',
  ),
};

export const scenarioJobs = {
  'scenarios.simulate': job(RunSource, RunResult, 'Runs scenarios (Monte Carlo draws and a tornado when draws > 0) in worker threads, with progress and cancel.'),
};
