import { WorkbenchError, type ErrorInfo } from '../domain/errors';
import { ErrorInfoSchema } from './common';
import { AppEvent } from './events';
import {
  isFinished,
  jobs,
  methods,
  type JobEvent,
  type JobInput,
  type JobKind,
  type JobResult,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './index';

/** What a call returns over any transport: a value, or one error shape. */
export type CallResult = { ok: true; value: unknown } | { ok: false; error: ErrorInfo };

/** Moves calls and events between the UI and the backend: IPC in Electron, HTTP in browser mode, direct in tests. */
export interface Transport {
  invoke(method: string, input: unknown): Promise<CallResult>;
  /** Listens to pushed events; returns an unsubscribe function. */
  subscribe(listener: (event: unknown) => void): () => void;
}

export interface RunningJob<R> {
  readonly jobId: Promise<string>;
  readonly result: Promise<R>;
  cancel(): Promise<void>;
}

export interface WorkbenchClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  runJob<K extends JobKind>(kind: K, input: JobInput<K>, onProgress?: (event: JobEvent) => void): RunningJob<JobResult<K>>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

function toError(info: unknown): WorkbenchError {
  const parsed = ErrorInfoSchema.safeParse(info);
  if (!parsed.success) return new WorkbenchError('internal', 'the backend answered with an unreadable error');
  const e = parsed.data;
  return new WorkbenchError(e.code, e.message, { file: e.file, row: e.row, field: e.field, details: e.details });
}

/** How often a waiting job is polled in case a pushed event was missed (a reconnecting event stream). */
const JOB_POLL_MS = 1500;

/**
 * The typed client every UI and test uses. It validates what comes back
 * against the same schemas the backend validates its input with, so neither
 * side trusts the other's bytes.
 */
export function createClient(transport: Transport): WorkbenchClient {
  async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const answer = await transport.invoke(method, input);
    if (!answer.ok) throw toError(answer.error);
    const parsed = methods[method].output.safeParse(answer.value);
    if (!parsed.success) {
      throw new WorkbenchError('internal', `the backend's answer to ${method} does not match its schema: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    return parsed.data as MethodOutput<M>;
  }

  function onEvent(listener: (event: AppEvent) => void): () => void {
    return transport.subscribe((raw) => {
      const parsed = AppEvent.safeParse(raw);
      if (parsed.success) listener(parsed.data);
    });
  }

  function runJob<K extends JobKind>(kind: K, input: JobInput<K>, onProgress?: (event: JobEvent) => void): RunningJob<JobResult<K>> {
    let knownId: string | undefined;
    const early: JobEvent[] = [];
    let settle: ((event: JobEvent) => void) | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let finalEvent: JobEvent | undefined;

    const handle = (event: JobEvent): void => {
      if (finalEvent) return;
      if (knownId === undefined) {
        early.push(event);
        return;
      }
      if (event.jobId !== knownId) return;
      onProgress?.(event);
      if (isFinished(event.state)) {
        finalEvent = event;
        settle?.(event);
      }
    };
    const unsubscribe = onEvent((event) => {
      if (event.type === 'job') handle(event.job);
    });

    const jobId = call('jobs.start', { kind, input }).then(
      ({ jobId: id }) => {
        knownId = id;
        for (const event of early.splice(0)) handle(event);
        return id;
      },
      (error: unknown) => {
        unsubscribe();
        throw error;
      },
    );

    const result = jobId.then(
      (id) =>
        new Promise<JobResult<K>>((resolve, reject) => {
          settle = (event) => {
            unsubscribe();
            if (timer !== undefined) clearInterval(timer);
            if (event.state === 'done') {
              const parsed = jobs[kind].result.safeParse(event.result);
              if (parsed.success) resolve(parsed.data as JobResult<K>);
              else reject(new WorkbenchError('internal', `the result of job ${kind} does not match its schema`));
            } else if (event.state === 'cancelled') {
              reject(new WorkbenchError('cancelled', event.message || 'cancelled'));
            } else {
              reject(event.error ? toError(event.error) : new WorkbenchError('internal', event.message || 'the job failed'));
            }
          };
          if (finalEvent) {
            settle(finalEvent);
            return;
          }
          timer = setInterval(() => {
            call('jobs.get', { jobId: id }).then(handle, () => undefined);
          }, JOB_POLL_MS);
        }),
    );
    // A caller that only awaits jobId must not see an unhandled rejection from result.
    result.catch(() => undefined);

    return {
      jobId,
      result,
      async cancel() {
        const id = await jobId;
        await call('jobs.cancel', { jobId: id });
      },
    };
  }

  return { call, runJob, onEvent };
}
