import type { z } from 'zod';
import type { JobSpec, MethodSpec } from './define';
import { allocationJobs, allocationMethods } from './allocation';
import { contractJobs, contractMethods } from './contracts';
import { exportJobs, exportMethods } from './export';
import { importJobs, importMethods } from './imports';
import { jobMethods } from './jobs';
import { ledgerMethods } from './ledger';
import { ledgerExportJobs } from './ledger-export';
import { pricingJobs, pricingMethods } from './pricing';
import { scenarioJobs, scenarioMethods } from './scenarios';
import { warehouseJobs, warehouseMethods } from './warehouse';
import { workspaceJobs, workspaceMethods } from './workspace';

/**
 * The one API between UI (or CLI) and backend. Each feature area declares its
 * methods and jobs in its own file and is merged here; the backend must
 * implement every one (checked by the type of its handler map).
 */
export const methods = {
  ...workspaceMethods,
  ...ledgerMethods,
  ...importMethods,
  ...jobMethods,
  ...pricingMethods,
  ...contractMethods,
  ...scenarioMethods,
  ...exportMethods,
  ...allocationMethods,
  ...warehouseMethods,
} satisfies Record<string, MethodSpec>;

export const jobs = {
  ...workspaceJobs,
  ...importJobs,
  ...ledgerExportJobs,
  ...pricingJobs,
  ...contractJobs,
  ...scenarioJobs,
  ...exportJobs,
  ...allocationJobs,
  ...warehouseJobs,
} satisfies Record<string, JobSpec>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (defaults may be left out). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]['output']>;

export type Jobs = typeof jobs;
export type JobKind = keyof Jobs;
export type JobInput<K extends JobKind> = z.input<Jobs[K]['input']>;
export type JobParsedInput<K extends JobKind> = z.output<Jobs[K]['input']>;
export type JobResult<K extends JobKind> = z.output<Jobs[K]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isJobKind(name: string): name is JobKind {
  return Object.prototype.hasOwnProperty.call(jobs, name);
}

export * from './allocation';
export * from './common';
export * from './contracts';
export * from './define';
export * from './export';
export * from './events';
export * from './imports';
export * from './warehouse';
export * from './jobs';
export * from './ledger';
export * from './ledger-export';
export * from './overview';
export * from './paths';
export * from './pricing';
export * from './scenarios';
export * from './workspace';
export { WorkbenchError, toErrorInfo, type ErrorInfo, type ErrorCode } from '../domain/errors';
