import type { MethodName } from '../../../shared/api';
import { contractHandlers } from './contract-handlers';
import { importHandlers } from './import-handlers';
import { jobHandlers } from './job-handlers';
import { ledgerHandlers } from './ledger-handlers';
import { pricingHandlers } from './pricing-handlers';
import { scenarioHandlers } from './scenario-handlers';
import type { HandlerMap } from './types';
import { workspaceHandlers } from './workspace-handlers';

/** Every API method's handler; the type fails to compile if one is missing. */
export const handlers: HandlerMap<MethodName> = {
  ...workspaceHandlers,
  ...ledgerHandlers,
  ...importHandlers,
  ...jobHandlers,
  ...pricingHandlers,
  ...contractHandlers,
  ...scenarioHandlers,
};
