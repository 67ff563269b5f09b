/**
 * The scenario engine in a Web Worker: the builder's previews and the compare
 * view's savings-by-lever run here, off the UI thread. It runs the same code
 * (shared/engine/tasks.ts) on the same data as the backend's worker threads,
 * so a seed gives the same P10/P50/P90 here as there.
 */
import { toErrorInfo } from '../../../../shared/domain/errors';
import { runTask, waterfallTask, type RunTaskInput } from '../../../../shared/engine/tasks';

export type EngineWorkerRequest = { id: number; kind: 'run' | 'waterfall'; input: RunTaskInput };
export type EngineWorkerReply =
  | { id: number; type: 'progress'; done: number; message: string }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: ReturnType<typeof toErrorInfo> };

/** The worker's global scope, typed by what is used (the renderer compiles against the DOM library). */
const scope = self as unknown as {
  addEventListener(type: 'message', listener: (event: { data: EngineWorkerRequest }) => void): void;
  postMessage(message: EngineWorkerReply): void;
};

scope.addEventListener('message', ({ data: request }) => {
  let last = 0;
  try {
    const value =
      request.kind === 'run'
        ? runTask(request.input, {
            // A preview is cancelled by ending the worker; nothing to poll.
            isCancelled: () => false,
            onProgress: (done, message) => {
              const now = Date.now();
              if (now - last < 100) return;
              last = now;
              scope.postMessage({ id: request.id, type: 'progress', done, message });
            },
          })
        : waterfallTask(request.input);
    scope.postMessage({ id: request.id, type: 'result', value });
  } catch (error) {
    scope.postMessage({ id: request.id, type: 'error', error: toErrorInfo(error) });
  }
});
