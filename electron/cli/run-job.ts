import type { WorkbenchClient } from '../../shared/api/client';
import type { JobEvent, JobInput, JobKind, JobResult } from '../../shared/api';
import { WorkbenchError } from '../../shared/domain/errors';
import { createProgress } from './progress';

const sameProgress = (a: JobEvent | undefined, b: JobEvent): boolean => a !== undefined && a.state === b.state && a.done === b.done && a.total === b.total && a.message === b.message;

/**
 * A job from the command line, through the client's one job runner (as the
 * UI and the tests run jobs): progress on stderr, Ctrl-C cancels it (the
 * workspace stays as it was), the result validated against the job's schema,
 * a failure thrown as the one error shape.
 */
export async function runJob<K extends JobKind>(client: WorkbenchClient, kind: K, input: JobInput<K>, label: string): Promise<JobResult<K>> {
  const progress = createProgress(label);
  let last: JobEvent | undefined;
  const running = client.runJob(kind, input, (event) => {
    // The client also polls for the job's state; an unchanged state is not news.
    if (sameProgress(last, event)) return;
    last = event;
    progress.update(event.done, event.total, event.message);
  });
  const onInterrupt = () => {
    process.stderr.write('\ncancelling…\n');
    void running.cancel().catch(() => undefined);
  };
  process.once('SIGINT', onInterrupt);
  try {
    return await running.result;
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'cancelled') throw new WorkbenchError('cancelled', 'cancelled; the workspace was not changed');
    throw error;
  } finally {
    progress.stop();
    process.removeListener('SIGINT', onInterrupt);
  }
}
