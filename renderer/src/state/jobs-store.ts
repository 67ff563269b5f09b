import type { WorkbenchClient } from '../../../shared/api/client';
import { isFinished, type JobEvent } from '../../../shared/api/jobs';
import { Store } from './store';

/** How many finished jobs stay listed in the jobs popover. */
const KEEP_FINISHED = 8;

/** Jobs of this session, newest first, kept current from job progress events. */
export class JobsStore extends Store<readonly JobEvent[]> {
  constructor(private readonly client: WorkbenchClient) {
    super([]);
  }

  start(): () => void {
    const stop = this.client.onEvent((event) => {
      if (event.type === 'job') this.accept(event.job);
    });
    this.client.call('jobs.list', {}).then(
      ({ jobs }) => {
        for (const job of [...jobs].reverse()) this.accept(job);
      },
      () => undefined,
    );
    return stop;
  }

  accept(job: JobEvent): void {
    this.update((jobs) => {
      const others = jobs.filter((j) => j.jobId !== job.jobId);
      const merged = [job, ...others].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
      const running = merged.filter((j) => !isFinished(j.state));
      const finished = merged.filter((j) => isFinished(j.state)).slice(0, KEEP_FINISHED);
      return [...running, ...finished];
    });
  }

  cancel(jobId: string): Promise<unknown> {
    return this.client.call('jobs.cancel', { jobId });
  }
}
