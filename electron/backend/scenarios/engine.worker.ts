/**
 * An engine worker thread: runs scenario tasks (shared/engine/tasks.ts) off
 * the backend's main thread. Bundled to dist/workers/engine.worker.cjs; from
 * source (tests) it runs through tsx. Cancel arrives as a flag in shared
 * memory, read between blocks of draws, so a busy worker still stops soon.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/domain/errors';
import { summaryBuffers } from '../../../shared/engine/draw-summary';
import { deterministicTask, drawsTask, exactTask, finishTask, summariseTask, type TaskControl } from '../../../shared/engine/tasks';
import type { EngineReply, EngineRequest } from './engine-protocol';

const port = parentPort;
if (!port) throw new Error('engine.worker.ts runs as a worker thread');

const PROGRESS_EVERY_MS = 100;

port.on('message', (request: EngineRequest) => {
  const flag = new Int32Array(request.cancel);
  let lastProgress = 0;
  const control: TaskControl = {
    isCancelled: () => Atomics.load(flag, 0) === 1,
    onProgress: (done, message) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      port.postMessage({ id: request.id, type: 'progress', done, message } satisfies EngineReply);
    },
  };
  try {
    if (request.task === 'deterministic') {
      port.postMessage({ id: request.id, type: 'result', result: deterministicTask(request.input) } satisfies EngineReply);
    } else if (request.task === 'draws') {
      const summary = drawsTask(request.input, request.from, request.to, control);
      port.postMessage({ id: request.id, type: 'summary', summary } satisfies EngineReply, summaryBuffers(summary));
    } else if (request.task === 'finish') {
      port.postMessage({ id: request.id, type: 'result', result: finishTask(request.input, request.parts, control) } satisfies EngineReply);
    } else if (request.task === 'summarise') {
      port.postMessage({ id: request.id, type: 'ranges', ranges: summariseTask(request.input, request.parts) } satisfies EngineReply);
    } else {
      port.postMessage({ id: request.id, type: 'result', result: exactTask(request.input, control) } satisfies EngineReply);
    }
  } catch (error) {
    port.postMessage({ id: request.id, type: 'error', error: toErrorInfo(error) } satisfies EngineReply);
  }
});
