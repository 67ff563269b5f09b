import type { z } from 'zod';

/**
 * A method of the one API between the UI (or CLI) and the backend: a name,
 * the schema its input must pass on the receiving side, and the schema of
 * what it returns. Quick calls answer at once; long work is a job.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
  readonly summary: string;
}

/** Long work (import, Monte Carlo, export): started, reports progress, ends done | failed | cancelled. */
export interface JobSpec<I extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly result: R;
  readonly summary: string;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, summary: string): MethodSpec<I, O> {
  return { input, output, summary };
}

export function job<I extends z.ZodType, R extends z.ZodType>(input: I, result: R, summary: string): JobSpec<I, R> {
  return { input, result, summary };
}
