import { z } from 'zod';
import { ErrorInfoSchema } from './common';
import { method } from './define';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/** A job's progress as reported to the UI: done of total (null when unknown) and a sentence. */
export const JobEvent = z.object({
  jobId: z.string(),
  kind: z.string(),
  state: JobState,
  done: z.number(),
  total: z.number().nullable(),
  message: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Present when state is done; validated against the job's result schema by the client. */
  result: z.unknown().optional(),
  error: ErrorInfoSchema.optional(),
});
export type JobEvent = z.infer<typeof JobEvent>;

export function isFinished(state: JobState): boolean {
  return state === 'done' || state === 'failed' || state === 'cancelled';
}

export const JobId = z.string().regex(/^job-[0-9a-z-]{1,64}$/, 'not a job id');

export const jobMethods = {
  'jobs.start': method(
    z.object({ kind: z.string().min(1).max(100), input: z.unknown() }).strict(),
    z.object({ jobId: JobId }),
    'Starts long work; progress arrives as job events.',
  ),
  'jobs.get': method(z.object({ jobId: JobId }).strict(), JobEvent, 'The latest state of a job.'),
  'jobs.cancel': method(z.object({ jobId: JobId }).strict(), z.object({ cancelled: z.boolean() }), 'Asks a running job to stop; it ends cancelled and leaves the workspace as it was.'),
  'jobs.list': method(z.object({}).strict(), z.object({ jobs: z.array(JobEvent) }), 'Jobs of this session, newest first.'),
};
