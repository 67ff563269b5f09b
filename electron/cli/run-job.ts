import { jobs, type JobInput, type JobKind, type JobResult } from '../../shared/api';
import { isFinished } from '../../shared/api/jobs';
import { WorkbenchError } from '../../shared/domain/errors';
import type { Backend } from '../backend/backend';
import { createProgress } from './progress';

/**
 * Runs a backend job from the command line: progress on stderr, Ctrl-C
 * cancels it (the workspace stays as it was), the result validated against
 * the job's schema, a failure thrown as the one error shape.
 */
export async function runJob<K extends JobKind>(backend: Backend, kind: K, input: JobInput<K>, label: string): Promise<JobResult<K>> {
  const progress = createProgress(label);
  const { jobId } = (await backend.invoke('jobs.start', { kind, input })) as { jobId: string };
  const onInterrupt = () => {
    process.stderr.write('\ncancelling…\n');
    backend.jobs.cancel(jobId);
  };
  process.once('SIGINT', onInterrupt);
  try {
    const final = await new Promise<ReturnType<Backend['jobs']['get']>>((resolve) => {
      const check = () => {
        const state = backend.jobs.get(jobId);
        if (isFinished(state.state)) {
          unsubscribe();
          resolve(state);
        }
      };
      const unsubscribe = backend.subscribe((event) => {
        if (event.type !== 'job' || event.job.jobId !== jobId) return;
        progress.update(event.job.done, event.job.total, event.job.message);
        check();
      });
      check();
    });
    progress.stop();
    if (final.state === 'done') return jobs[kind].result.parse(final.result) as JobResult<K>;
    if (final.state === 'cancelled') throw new WorkbenchError('cancelled', 'cancelled; the workspace was not changed');
    const e = final.error;
    throw new WorkbenchError(e?.code ?? 'internal', e?.message ?? final.message, { file: e?.file, row: e?.row, field: e?.field, details: e?.details });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
}
