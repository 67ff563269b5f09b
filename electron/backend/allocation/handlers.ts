/**
 * The allocation area: allocation (showback and chargeback), budgets and
 * allowances, anomalies, energy. Logic lives in the services beside this
 * file; the policy and the energy assumptions are the area's mutations.
 */
import type { MethodName } from '../../../shared/api';
import { mutation, type AreaHandlers, type JobHandlerMap } from '../area';
import { chargebackStatement, exportAllocatedLines } from './allocation-exports';
import { allocatedLinesOf, resolvePolicy, runAllocation } from './allocation-service';
import { anomalyLines, detectAnomalies } from './anomaly-service';
import { evaluateBudgets } from './budget-service';
import { estimateEnergy, getAssumptions, saveAssumptions, validateAssumptions } from './energy-service';
import { getPolicy, savePolicy, validatePolicyText } from './policy-service';

type AllocationMethod = Extract<MethodName, `allocation.${string}` | `anomalies.${string}` | `energy.${string}`>;

export const allocationHandlers: AreaHandlers<AllocationMethod> = {
  'allocation.getPolicy': (_input, backend) => getPolicy(backend.workspace()),
  'allocation.validatePolicy': (input) => validatePolicyText(input),
  'allocation.savePolicy': mutation((input, backend) => savePolicy(backend.workspace(), input)),
  'allocation.lines': (input, backend) => {
    const workspace = backend.workspace();
    return allocatedLinesOf(workspace, resolvePolicy(workspace, input), input);
  },
  'allocation.chargebackCsv': (input, backend) => chargebackStatement(backend.workspace(), input),
  'anomalies.lines': (input, backend) => anomalyLines(backend.workspace(), input),
  'energy.getAssumptions': (_input, backend) => getAssumptions(backend.workspace()),
  'energy.validateAssumptions': ({ yaml }) => validateAssumptions(yaml),
  'energy.saveAssumptions': mutation(({ yaml }, backend) => saveAssumptions(backend.workspace(), yaml)),
};

type AllocationJob = 'allocation.run' | 'allocation.export' | 'budgets.evaluate' | 'anomalies.detect' | 'energy.estimate';

export const allocationJobs: JobHandlerMap<AllocationJob> = {
  'allocation.run': async (input, backend, job) => {
    const workspace = backend.workspace();
    return runAllocation(workspace, resolvePolicy(workspace, input), { ...(input.month ? { month: input.month } : {}), job }).run;
  },
  'allocation.export': async (input, backend, job) => exportAllocatedLines(backend.workspace(), input, job),
  'budgets.evaluate': async (input, backend, job) => evaluateBudgets(backend.workspace(), input, job),
  'anomalies.detect': async (input, backend, job) => detectAnomalies(backend.workspace(), input, job),
  'energy.estimate': async (input, backend, job) => estimateEnergy(backend.workspace(), input, job),
};
