import { isJobKind, jobs, type JobKind } from '../../../shared/api';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { BackendContext } from '../context';
import { validationError } from '../validation';
import { jobImplementations } from './job-implementations';
import type { HandlerMap, JobHandler } from './types';

type JobMethod = 'jobs.start' | 'jobs.get' | 'jobs.cancel' | 'jobs.list';

function startJob(kind: string, rawInput: unknown, backend: BackendContext): string {
  if (!isJobKind(kind)) throw new WorkbenchError('bad_input', `there is no job called ${kind}`, { field: 'kind' });
  const parsed = jobs[kind].input.safeParse(rawInput ?? {});
  if (!parsed.success) throw validationError(parsed.error, 'input');
  const run = jobImplementations[kind] as JobHandler<JobKind>;
  return backend.jobs.start(kind, (job) => run(parsed.data as never, backend, job));
}

export const jobHandlers: HandlerMap<JobMethod> = {
  'jobs.start': ({ kind, input }, backend) => ({ jobId: startJob(kind, input, backend) }),
  'jobs.get': ({ jobId }, backend) => backend.jobs.get(jobId),
  'jobs.cancel': ({ jobId }, backend) => ({ cancelled: backend.jobs.cancel(jobId) }),
  'jobs.list': (_input, backend) => ({ jobs: backend.jobs.list() }),
};
