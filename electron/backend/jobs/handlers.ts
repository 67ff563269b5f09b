import { isJobKind, jobs, type JobKind } from '../../../shared/api';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { AreaHandlers, JobHandler, JobHandlerMap } from '../area';
import type { BackendContext } from '../context';
import { validationError } from '../validation';

type JobMethod = 'jobs.start' | 'jobs.get' | 'jobs.cancel' | 'jobs.list';

/** The jobs.* methods over every area's job implementations (handed in by the registration, which knows them all). */
export function jobHandlers(implementations: JobHandlerMap<JobKind>): AreaHandlers<JobMethod> {
  function startJob(kind: string, rawInput: unknown, backend: BackendContext): string {
    if (!isJobKind(kind)) throw new WorkbenchError('bad_input', `there is no job called ${kind}`, { field: 'kind' });
    const parsed = jobs[kind].input.safeParse(rawInput ?? {});
    if (!parsed.success) throw validationError(parsed.error, 'input');
    const run = implementations[kind] as JobHandler<JobKind>;
    return backend.jobs.start(kind, (job) => run(parsed.data as never, backend, job));
  }
  return {
    'jobs.start': ({ kind, input }, backend) => ({ jobId: startJob(kind, input, backend) }),
    'jobs.get': ({ jobId }, backend) => backend.jobs.get(jobId),
    'jobs.cancel': ({ jobId }, backend) => ({ cancelled: backend.jobs.cancel(jobId) }),
    'jobs.list': (_input, backend) => ({ jobs: backend.jobs.list() }),
  };
}
