import type { JobKind } from '../../../shared/api';
import { contractJobHandlers } from './contract-handlers';
import { importJobHandlers } from './import-handlers';
import { withListCostRefill } from '../pricing/after-imports';
import { pricingJobHandlers, scheduleListCostFill } from './pricing-handlers';
import { scenarioJobHandlers } from './scenario-handlers';
import type { JobHandlerMap } from './types';
import { workspaceJobHandlers } from './workspace-handlers';

/**
 * Every job kind's implementation; the type fails to compile if one is missing.
 * Import jobs (imports.*) are followed by a list-cost fill from the price book.
 */
export const jobImplementations: JobHandlerMap<JobKind> = withListCostRefill({
  ...workspaceJobHandlers,
  ...importJobHandlers,
  ...pricingJobHandlers,
  ...contractJobHandlers,
  ...scenarioJobHandlers,
}, scheduleListCostFill);
