/**
 * The allocation area's handlers: allocation (showback and chargeback),
 * budgets and allowances, anomalies, energy. Logic lives in the services
 * beside this file; handlers validate nothing (the API did) and decide only
 * which service answers.
 */
import type { MethodName } from '../../../shared/api';
import { chargebackCsv, chargebackSheet } from '../../../shared/domain/allocation/chargeback';
import { allocatedRecord, type OriginLine } from '../../../shared/domain/allocation/focus-columns';
import { writeTextFile } from '../files/text-files';
import { checkPolicyYaml, loadPolicyYaml } from '../../../shared/domain/allocation/policy';
import { loadEnergyAssumptions } from '../../../shared/domain/energy/assumptions';
import type { HandlerMap, JobHandlerMap } from '../area';
import { allocatedLinesOf, resolvePolicy, runAllocation } from './allocation-service';
import { detectAnomalies } from './anomaly-service';
import { evaluateBudgets } from './budget-service';
import { estimateEnergy, shippedAssumptionsText } from './energy-service';
import { csvSink, parquetSink } from './export-writer';
import { PolicyRepository } from './policy-repository';
import { POLICY_TEMPLATE } from './policy-template';

type AllocationMethod = Extract<MethodName, `allocation.${string}` | `energy.${string}`>;

export const allocationHandlers: HandlerMap<AllocationMethod> = {
  'allocation.getPolicy': (_input, backend) => {
    const stored = new PolicyRepository(backend.workspace().db).get();
    if (!stored) return { yaml: POLICY_TEMPLATE, fileName: 'allocation.yaml', stored: false, issues: [] };
    const check = checkPolicyYaml(stored.yaml, stored.fileName);
    return { yaml: stored.yaml, fileName: stored.fileName, stored: true, issues: check.ok ? [] : check.issues };
  },
  'allocation.validatePolicy': ({ yaml, fileName }) => {
    const check = checkPolicyYaml(yaml, fileName);
    return { ok: check.ok, issues: check.ok ? [] : check.issues };
  },
  'allocation.savePolicy': ({ yaml, fileName }, backend) => {
    const workspace = backend.workspace();
    const policy = loadPolicyYaml(yaml, fileName);
    workspace.db.transaction(() => {
      // Allocating the whole ledger first: a split basis that sums to zero in some month is refused before anything is stored.
      const { run } = runAllocation(workspace, policy);
      new PolicyRepository(workspace.db).save(fileName, yaml);
      workspace.audit('allocation.policySaved', { file: fileName, teams: policy.teams.length, rules: policy.rules.length, budgets: policy.budgets.length, allowances: policy.allowances.length, lines: run.stats.ledgerLines });
    })();
    return { saved: true };
  },
  'allocation.lines': (input, backend) => {
    const workspace = backend.workspace();
    return allocatedLinesOf(workspace, resolvePolicy(workspace, input), input);
  },
  'allocation.chargebackCsv': (input, backend) => {
    const workspace = backend.workspace();
    const sheet = chargebackSheet(runAllocation(workspace, resolvePolicy(workspace, input)).run);
    const csv = chargebackCsv(sheet);
    if (input.path) writeTextFile(input.path, csv);
    return { csv, fileName: 'chargeback.csv', rows: sheet.rows.length, path: input.path ?? null };
  },
  'energy.getAssumptions': (_input, backend) => {
    const stored = new PolicyRepository(backend.workspace().db).energyAssumptions();
    return { yaml: stored ?? shippedAssumptionsText(), source: stored ? ('workspace' as const) : ('shipped' as const), issues: [] };
  },
  'energy.saveAssumptions': ({ yaml }, backend) => {
    const workspace = backend.workspace();
    if (yaml !== null) loadEnergyAssumptions(yaml, 'energy assumptions');
    workspace.db.transaction(() => {
      new PolicyRepository(workspace.db).saveEnergyAssumptions(yaml);
      workspace.audit('energy.assumptionsSaved', { reset: yaml === null });
    })();
    return { saved: true };
  },
};

type AllocationJob = 'allocation.run' | 'allocation.export' | 'budgets.evaluate' | 'anomalies.detect' | 'energy.estimate';

export const allocationJobs: JobHandlerMap<AllocationJob> = {
  'allocation.run': async (input, backend, job) => {
    const workspace = backend.workspace();
    return runAllocation(workspace, resolvePolicy(workspace, input), { month: input.month, job }).run;
  },
  'allocation.export': async (input, backend, job) => {
    const workspace = backend.workspace();
    const policy = resolvePolicy(workspace, input);
    const sink = input.format === 'csv' ? csvSink(input.path, input.overwrite) : parquetSink(input.path, input.overwrite);
    let lines = 0;
    try {
      runAllocation(workspace, policy, {
        month: input.month,
        extended: true,
        job,
        onLine: (line, parts) => {
          const extra = line.extra!;
          const origin: OriginLine = { ...line, ...extra };
          for (const part of parts) {
            sink.write(allocatedRecord(origin, part, policy.teamById.get(part.team), policy.cost));
            lines += 1;
          }
        },
      });
      const bytes = sink.finish();
      workspace.audit('allocation.exported', { file: input.path, format: input.format, lines });
      return { path: input.path, lines, bytes };
    } catch (error) {
      sink.abort();
      throw error;
    }
  },
  'budgets.evaluate': async (input, backend, job) => evaluateBudgets(backend.workspace(), input, job),
  'anomalies.detect': async (input, backend, job) => detectAnomalies(backend.workspace(), input, job),
  'energy.estimate': async (input, backend, job) => estimateEnergy(backend.workspace(), input, job),
};
