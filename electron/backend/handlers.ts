import type { JobKind, MethodName } from '../../shared/api';
import { allocationHandlers, allocationJobs } from './allocation/handlers';
import { isMutation, type AreaHandlers, type Handler, type HandlerMap, type JobHandlerMap, type Mutation } from './area';
import { contractHandlers, contractJobs } from './contracts/handlers';
import { exportHandlers, exportJobs } from './export/handlers';
import { importHandlers, importJobs } from './imports/handlers';
import { jobHandlers } from './jobs/handlers';
import { ledgerHandlers, ledgerJobs } from './ledger/handlers';
import { withListCostRefill } from './pricing/after-imports';
import { pricingHandlers, pricingJobs } from './pricing/handlers';
import { scheduleListCostFill } from './pricing/pricing-service';
import { scenarioHandlers, scenarioJobs } from './scenarios/handlers';
import { warehouseHandlers, warehouseJobs } from './warehouse/handlers';
import { commit } from './workspace/commit';
import { workspaceHandlers, workspaceJobs } from './workspace/handlers';

/**
 * Where every area's handlers are registered. The types fail to compile if
 * an API method or job has no implementation; mutations are wrapped here,
 * once, in the audited transaction (`commit`).
 */

/** Every job kind's implementation. Import jobs (imports.*) are followed by a list-cost fill from the price book. */
export const jobImplementations: JobHandlerMap<JobKind> = withListCostRefill(
  {
    ...workspaceJobs,
    ...importJobs,
    ...ledgerJobs,
    ...pricingJobs,
    ...contractJobs,
    ...scenarioJobs,
    ...exportJobs,
    ...allocationJobs,
    ...warehouseJobs,
  },
  scheduleListCostFill,
);

/** Every API method as its area declares it. */
export const areaHandlers: AreaHandlers<MethodName> = {
  ...workspaceHandlers,
  ...ledgerHandlers,
  ...importHandlers,
  ...jobHandlers(jobImplementations),
  ...pricingHandlers,
  ...contractHandlers,
  ...scenarioHandlers,
  ...exportHandlers,
  ...allocationHandlers,
  ...warehouseHandlers,
};

const auditedHandlers = new WeakSet<object>();

/** A mutation as the backend calls it: its change and audit entry committed in one transaction on the open workspace. */
export function audited<M extends MethodName>(entry: Mutation<M>): Handler<M> {
  const handler: Handler<M> = (input, backend) => {
    const workspace = backend.workspace();
    return commit(workspace, () => entry.write(input, backend));
  };
  auditedHandlers.add(handler);
  return handler;
}

/** Whether a registered handler is a mutation wrapped by `audited`. */
export function isAudited(handler: object): boolean {
  return auditedHandlers.has(handler);
}

function register(areas: AreaHandlers<MethodName>): HandlerMap<MethodName> {
  const out: Partial<Record<MethodName, Handler<MethodName>>> = {};
  for (const name of Object.keys(areas) as MethodName[]) {
    const entry = areas[name] as Handler<MethodName> | Mutation<MethodName>;
    out[name] = isMutation(entry) ? audited(entry) : entry;
  }
  return out as HandlerMap<MethodName>;
}

export const handlers: HandlerMap<MethodName> = register(areaHandlers);

/** The methods that change the open workspace, as the areas declare them. */
export const mutationMethods: readonly MethodName[] = (Object.keys(areaHandlers) as MethodName[]).filter((name) => isMutation(areaHandlers[name] as Handler<MethodName> | Mutation<MethodName>));
