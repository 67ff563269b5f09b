import type { RunResult } from '../../../../shared/api/scenarios';
import { WorkbenchError } from '../../../../shared/domain/errors';
import type { RunTaskInput } from '../../../../shared/engine/tasks';
import type { LeverWaterfall } from '../../../../shared/engine/waterfall';
import type { EngineWorkerReply, EngineWorkerRequest } from './engine.worker';

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (done: number, message: string) => void;
}

/**
 * The browser side of the engine's Web Worker. A newer preview makes an older
 * one pointless: `cancel()` ends the worker (a busy worker cannot read
 * messages) and the next run starts a fresh one.
 */
export class BrowserEngine {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  run(input: RunTaskInput, onProgress?: (done: number, message: string) => void): Promise<RunResult> {
    return this.request('run', input, onProgress) as Promise<RunResult>;
  }

  waterfall(input: RunTaskInput): Promise<LeverWaterfall[]> {
    return this.request('waterfall', input) as Promise<LeverWaterfall[]>;
  }

  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new WorkbenchError('cancelled', 'replaced by a newer preview'));
    this.pending.clear();
  }

  private request(kind: EngineWorkerRequest['kind'], input: RunTaskInput, onProgress?: (done: number, message: string) => void): Promise<unknown> {
    const worker = this.ensure();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, kind, input } satisfies EngineWorkerRequest);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'scenario-engine' });
    worker.addEventListener('message', (event: MessageEvent<EngineWorkerReply>) => {
      const reply = event.data;
      const p = this.pending.get(reply.id);
      if (!p) return;
      if (reply.type === 'progress') return p.onProgress?.(reply.done, reply.message);
      this.pending.delete(reply.id);
      if (reply.type === 'result') p.resolve(reply.value);
      else p.reject(new WorkbenchError(reply.error.code, reply.error.message, { file: reply.error.file, row: reply.error.row, field: reply.error.field, details: reply.error.details }));
    });
    worker.addEventListener('error', (event) => {
      for (const p of this.pending.values()) p.reject(new WorkbenchError('internal', `the engine worker failed: ${event.message}`));
      this.pending.clear();
      this.worker = null;
    });
    this.worker = worker;
    return worker;
  }
}
