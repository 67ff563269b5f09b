import type { JobKind, JobParsedInput, JobResult, MethodName, MethodOutput, MethodParsedInput } from '../../shared/api';
import type { BackendContext } from './context';
import type { JobContext } from './jobs/job-runner';
import type { Change } from './workspace/commit';

/**
 * The shape of a backend area (workspace, ledger, imports, pricing,
 * contracts, scenarios, jobs): each keeps a `handlers.ts` beside its
 * services that declares a typed map of its methods and jobs, and
 * electron/backend/handlers.ts registers them all in one place.
 */

/** A method that reads, or acts outside the open workspace's database (files, switching workspaces). */
export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, backend: BackendContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

/**
 * A method that changes the open workspace. It only describes its change;
 * registration wraps it in `commit`, which writes the change and its audit
 * entry in one transaction. Synchronous by type: a SQLite transaction cannot
 * span an await.
 */
export interface Mutation<M extends MethodName> {
  readonly write: (input: MethodParsedInput<M>, backend: BackendContext) => Change<MethodOutput<M>>;
}

export function mutation<M extends MethodName>(write: Mutation<M>['write']): Mutation<M> {
  return { write };
}

export function isMutation<M extends MethodName>(entry: Handler<M> | Mutation<M>): entry is Mutation<M> {
  return typeof entry === 'object';
}

/** One area's methods, each a handler or a mutation. */
export type AreaHandlers<M extends MethodName> = { [K in M]: Handler<K> | Mutation<K> };

/** Methods as the backend calls them (mutations already wrapped). */
export type HandlerMap<M extends MethodName> = { [K in M]: Handler<K> };

export type JobHandler<K extends JobKind> = (input: JobParsedInput<K>, backend: BackendContext, job: JobContext) => Promise<JobResult<K>>;
export type JobHandlerMap<K extends JobKind> = { [J in K]: JobHandler<J> };
