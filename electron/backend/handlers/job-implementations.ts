import type { JobKind } from '../../../shared/api';
import { contractJobHandlers } from './contract-handlers';
import { pricingJobHandlers } from './pricing-handlers';
import { scenarioJobHandlers } from './scenario-handlers';
import type { JobHandlerMap } from './types';
import { workspaceJobHandlers } from './workspace-handlers';

/** Every job kind's implementation; the type fails to compile if one is missing. */
export const jobImplementations: JobHandlerMap<JobKind> = {
  ...workspaceJobHandlers,
  ...pricingJobHandlers,
  ...contractJobHandlers,
  ...scenarioJobHandlers,
};
