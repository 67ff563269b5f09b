import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../../shared/domain/errors';
import { appRoot } from '../app-root';
import type { EngineReply, EngineRequest } from './engine-protocol';

declare const __filename: string | undefined;

type Request = EngineRequest extends infer R ? (R extends EngineRequest ? Omit<R, 'id'> : never) : never;
type Outcome = Exclude<EngineReply, { type: 'progress' | 'error' }>;

interface Task {
  request: Request;
  transfer: ArrayBuffer[];
  onProgress: (done: number, message: string) => void;
  resolve: (reply: Outcome) => void;
  reject: (error: unknown) => void;
}

interface PoolWorker {
  worker: Worker;
  task: (Task & { id: number }) | null;
}

/**
 * Starts an engine worker: the bundle scripts/build-lib.mjs writes to
 * dist/workers, or — running from source (tests, tsx) — the TypeScript next
 * to this file through tsx's loader. (Node 20 ignores `--import` in a
 * worker's execArgv for its entry, hence the small bootstrap that registers
 * the loader and then imports the entry.)
 */
function startWorker(): Worker {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    // tsx's ESM API (its package exports map "./esm/api" to this file for import).
    const tsx = pathToFileURL(path.join(path.dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), 'engine.worker.ts')).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true });
  }
  const file = path.join(appRoot(), 'dist', 'workers', 'engine.worker.cjs');
  if (!existsSync(file)) throw new WorkbenchError('unavailable', `the engine worker is missing (${file}); run npm run build`, { file });
  return new Worker(file);
}

/**
 * A few long-lived worker threads for the scenario engine, so runs never
 * block the backend's main thread (the Electron main loop, the host's event
 * loop). Workers start on first use and are unref'd while idle: an idle pool
 * never keeps a CLI process alive.
 */
export class EnginePool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(readonly size: number) {}

  run<T extends Outcome['type']>(request: Request, expect: T, onProgress: (done: number, message: string) => void = () => {}, transfer: ArrayBuffer[] = []): Promise<Extract<Outcome, { type: T }>> {
    return new Promise((resolve, reject) => {
      const check = (reply: Outcome) => (reply.type === expect ? resolve(reply as Extract<Outcome, { type: T }>) : reject(new WorkbenchError('internal', `the engine worker answered ${reply.type}, not ${expect}`)));
      this.queue.push({ request, transfer, onProgress, resolve: check, reject });
      this.dispatch();
    });
  }

  /** Stops every worker (tests, shutdown); queued and running tasks fail. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const task of this.queue.splice(0)) task.reject(new WorkbenchError('cancelled', 'the engine was shut down'));
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.workers.find((w) => w.task === null);
      if (!slot && this.workers.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      const id = this.nextId++;
      slot.task = { ...task, id };
      slot.worker.ref();
      slot.worker.postMessage({ ...task.request, id }, task.transfer);
    }
  }

  private spawn(): PoolWorker {
    const worker = startWorker();
    const slot: PoolWorker = { worker, task: null };
    this.workers.push(slot);
    worker.unref();
    worker.on('message', (reply: EngineReply) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      if (reply.type === 'progress') {
        task.onProgress(reply.done, reply.message);
        return;
      }
      slot.task = null;
      worker.unref();
      if (reply.type === 'error') {
        const e = reply.error;
        task.reject(new WorkbenchError(e.code, e.message, { file: e.file, row: e.row, field: e.field, details: e.details }));
      } else task.resolve(reply);
      this.dispatch();
    });
    const lost = (error: unknown) => {
      const index = this.workers.indexOf(slot);
      if (index >= 0) this.workers.splice(index, 1);
      const task = slot.task;
      slot.task = null;
      if (task) task.reject(new WorkbenchError('internal', `the engine worker stopped: ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => {
      if (this.workers.includes(slot)) lost(new Error(`exit code ${code}`));
    });
    return slot;
  }
}

let shared: EnginePool | undefined;

/** Threads for draws: the cores there are, at most four (beyond that the merge costs more than it saves). */
export function enginePool(): EnginePool {
  shared ??= new EnginePool(Math.max(1, Math.min(4, os.availableParallelism())));
  return shared;
}
