import type { JobKind, JobParsedInput, JobResult, MethodName, MethodOutput, MethodParsedInput } from '../../../shared/api';
import type { BackendContext } from '../context';
import type { JobContext } from '../jobs/job-runner';

export type Handler<M extends MethodName> = (input: MethodParsedInput<M>, backend: BackendContext) => MethodOutput<M> | Promise<MethodOutput<M>>;

/** Handlers for a subset of methods; the union of all areas must cover every method (checked in handlers/index.ts). */
export type HandlerMap<M extends MethodName> = { [K in M]: Handler<K> };

export type JobHandler<K extends JobKind> = (input: JobParsedInput<K>, backend: BackendContext, job: JobContext) => Promise<JobResult<K>>;
export type JobHandlerMap<K extends JobKind> = { [J in K]: JobHandler<J> };
