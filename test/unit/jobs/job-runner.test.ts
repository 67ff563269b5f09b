import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../../shared/api/jobs';
import { JobRunner } from '../../../electron/backend/jobs/job-runner';
import { WorkbenchError } from '../../../shared/domain/errors';

/** Resolves once the job's last event is a final state. */
async function finished(runner: JobRunner, jobId: string): Promise<JobEvent> {
  for (;;) {
    const event = runner.get(jobId);
    if (event.state !== 'running' && event.state !== 'queued') return event;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('JobRunner: a cancel that comes too late does not say "nothing was changed"', () => {
  it('reports work that returned after the cancel as done, with its result', async () => {
    const runner = new JobRunner(() => undefined);
    let release: () => void = () => undefined;
    const committed = new Promise<void>((resolve) => (release = resolve));
    // Work that cannot stop any more (an import past its COMMIT): it ignores the cancel and returns.
    const jobId = runner.start('imports.run', async () => {
      await committed;
      return { linesImported: 300_000 };
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(runner.cancel(jobId)).toBe(true);
    release();
    const event = await finished(runner, jobId);
    expect(event.state).toBe('done');
    expect(event.result).toEqual({ linesImported: 300_000 });
    expect(event.message).toBe('done: it had finished before the cancel reached it');
  });

  it('reports work that stopped at the cancel as cancelled', async () => {
    const runner = new JobRunner(() => undefined);
    let release: () => void = () => undefined;
    const between = new Promise<void>((resolve) => (release = resolve));
    const jobId = runner.start('imports.run', async (job) => {
      await between;
      job.throwIfCancelled();
      return { linesImported: 1 };
    });
    await new Promise((resolve) => setImmediate(resolve));
    runner.cancel(jobId);
    release();
    const event = await finished(runner, jobId);
    expect(event.state).toBe('cancelled');
    expect(event.message).toBe('cancelled; nothing was changed');
    expect(event.result).toBeUndefined();
  });

  it('reports a cancelled error thrown by the work as cancelled, any other error as failed', async () => {
    const runner = new JobRunner(() => undefined);
    const cancelled = runner.start('x', async () => {
      throw new WorkbenchError('cancelled', 'import cancelled');
    });
    const failed = runner.start('x', async () => {
      throw new WorkbenchError('bad_input', 'bad row 3', { row: 3 });
    });
    expect((await finished(runner, cancelled)).state).toBe('cancelled');
    const f = await finished(runner, failed);
    expect(f.state).toBe('failed');
    expect(f.message).toBe('bad row 3');
  });
});
