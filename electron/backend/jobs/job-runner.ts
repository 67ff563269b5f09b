import { randomUUID } from 'node:crypto';
import type { JobEvent } from '../../../shared/api/jobs';
import { WorkbenchError, toErrorInfo } from '../../../shared/domain/errors';

export interface JobContext {
  readonly signal: AbortSignal;
  /** Reports progress; events are throttled so a tight loop cannot flood the UI. */
  progress(done: number, total: number | null, message: string): void;
  /** Throws a `cancelled` error if the user asked to stop. Call it between units of work. */
  throwIfCancelled(): void;
}

export type JobWork<R> = (context: JobContext) => Promise<R>;

/** At most this many progress events a second per job. */
const PROGRESS_INTERVAL_MS = 100;
/** Finished jobs kept for `jobs.get` / `jobs.list`. */
const KEEP_FINISHED = 50;

interface Entry {
  event: JobEvent;
  controller: AbortController;
}

/**
 * Runs long work off the caller's path with progress, cancel and one final
 * state (done | failed | cancelled). Work that blocks (SQLite writes, parsing)
 * runs in a worker thread inside its JobWork; the runner itself only keeps the
 * book and tells listeners.
 */
export class JobRunner {
  private readonly jobs = new Map<string, Entry>();

  constructor(private readonly emit: (event: JobEvent) => void) {}

  start<R>(kind: string, work: JobWork<R>): string {
    const jobId = `job-${randomUUID()}`;
    const controller = new AbortController();
    const entry: Entry = {
      controller,
      event: { jobId, kind, state: 'running', done: 0, total: null, message: 'starting', startedAt: new Date().toISOString(), finishedAt: null },
    };
    this.jobs.set(jobId, entry);
    this.publish(entry);

    let lastSent = 0;
    const context: JobContext = {
      signal: controller.signal,
      progress: (done, total, message) => {
        if (entry.event.state !== 'running') return;
        entry.event = { ...entry.event, done, total, message };
        const now = Date.now();
        if (now - lastSent >= PROGRESS_INTERVAL_MS || (total !== null && done >= total)) {
          lastSent = now;
          this.publish(entry);
        }
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw new WorkbenchError('cancelled', 'cancelled by the user; nothing was changed');
      },
    };

    // Start on the next turn so the caller gets the id before any event could finish the job.
    // Work that returns has finished, whether or not a cancel came meanwhile: an import that
    // committed before the cancel reached it has changed the workspace, and saying "cancelled;
    // nothing was changed" then would be false. Only work that stopped (threw) is cancelled.
    setImmediate(() => {
      work(context).then(
        (result) => this.finish(entry, 'done', result),
        (error: unknown) => this.finish(entry, controller.signal.aborted || (error instanceof WorkbenchError && error.code === 'cancelled') ? 'cancelled' : 'failed', undefined, error),
      );
    });
    return jobId;
  }

  get(jobId: string): JobEvent {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new WorkbenchError('not_found', `no job ${jobId}`, { field: 'jobId' });
    return entry.event;
  }

  list(): JobEvent[] {
    return [...this.jobs.values()].map((e) => e.event).reverse();
  }

  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new WorkbenchError('not_found', `no job ${jobId}`, { field: 'jobId' });
    if (entry.event.state !== 'running' && entry.event.state !== 'queued') return false;
    entry.controller.abort();
    entry.event = { ...entry.event, message: 'cancelling…' };
    this.publish(entry);
    return true;
  }

  /** Resolves when every running job has ended (for orderly shutdown and tests). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((e) => e.event.state === 'running')) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private finish(entry: Entry, state: 'done' | 'failed' | 'cancelled', result?: unknown, error?: unknown): void {
    const base = { ...entry.event, state, finishedAt: new Date().toISOString() };
    if (state === 'done') entry.event = { ...base, message: entry.controller.signal.aborted ? 'done: it had finished before the cancel reached it' : 'done', result };
    else if (state === 'cancelled') entry.event = { ...base, message: 'cancelled; nothing was changed' };
    else {
      const info = toErrorInfo(error);
      entry.event = { ...base, message: info.message, error: info };
    }
    this.publish(entry);
    this.prune();
  }

  private publish(entry: Entry): void {
    this.emit(entry.event);
  }

  private prune(): void {
    const finished = [...this.jobs.entries()].filter(([, e]) => e.event.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(id);
  }
}
