/**
 * Runs an import on two worker threads — one reads and maps the statement,
 * the other writes the ledger in one SQLite transaction on its own
 * connection — so neither the UI nor the Electron main loop waits on it, and
 * reading overlaps writing on the machine's two cores.
 *
 * Cancel: the writer rolls its transaction back and both threads stop. If a
 * thread dies (or is terminated) the open transaction dies with its
 * connection: the workspace is left as it was.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, type ResourceLimits } from 'node:worker_threads';
import { WorkbenchError, type ErrorInfo } from '../../../shared/domain/errors';
import { appRoot } from '../app-root';
import type { WriterOutcome } from './import-writer';
import type { WorkerReply, WorkerRequest } from './import.worker';
import type { ImportPolicy, ReadOptions } from './protocol';

declare const __filename: string | undefined;

/**
 * Heap limits. Mapping allocates a little per cell and nearly all of it dies
 * young, so the parser gets a 32 MB young generation (two semi-spaces of
 * about 10.7 MB, all of it resident once the import is under way). Measured
 * on a million FOCUS lines, the reading thread alone (bench/read-thread.ts,
 * paired runs): CPU 3.63 s against 3.66 s with 48 MB for the CSV, 2.43 s
 * against 2.42 s for the Parquet, while the whole import's peak RSS fell by
 * about 6-11 MB; 24 MB cost the CSV half a second (4.15 s), and more than 48
 * bought no speed and cost 60 MB. Its old generation holds caches, a Parquet
 * row group and the batches in flight. The writer holds batches; SQLite's
 * page cache is outside the heap.
 */
export const PARSER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 256 };
export const WRITER_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 128 };
const INSPECT_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 512 };
/** How long a writer gets to roll back after a cancel before it is terminated. */
const CANCEL_GRACE_MS = 3000;

/**
 * Starts the worker: the bundle in dist/workers, or from source through tsx
 * (tests). AISPEND_WORKER_BUNDLE=1 makes source runs use the bundle too
 * (the benchmark, which measures what users run, builds it first).
 */
export function startImportWorker(resourceLimits: ResourceLimits): Worker {
  const here = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  if (here.endsWith('.ts') && process.env.AISPEND_WORKER_BUNDLE !== '1') {
    const tsx = pathToFileURL(path.join(path.dirname(createRequire(here).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs')).href;
    const entry = pathToFileURL(path.join(path.dirname(here), 'import.worker.ts')).href;
    return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, resourceLimits });
  }
  const file = path.join(appRoot(), 'dist', 'workers', 'import.worker.cjs');
  if (!existsSync(file)) throw new WorkbenchError('unavailable', `the import worker is missing (${file}); run npm run build`, { file });
  return new Worker(file, { resourceLimits });
}

function toError(info: ErrorInfo): WorkbenchError {
  return new WorkbenchError(info.code, info.message, { file: info.file, row: info.row, field: info.field, details: info.details });
}

function lostThread(role: string, detail: string): WorkbenchError {
  return new WorkbenchError('internal', `the import's ${role} thread stopped (${detail}); nothing was changed`);
}

export interface ThreadProgress {
  rowsRead: number;
  bytesRead: number;
  totalBytes: number;
  linesWritten: number;
  /** How far into the file the lines written so far reach (the writer trails the reader). */
  bytesWritten: number;
  /** Every line is written: the writer builds indexes and commits. */
  finishing: boolean;
}

export interface ImportThreadsOptions {
  dbPath: string;
  nativeBinding?: string;
  filePath: string;
  read: ReadOptions & { rememberPath?: boolean };
  policy: ImportPolicy;
  signal?: AbortSignal;
  onProgress?: (progress: ThreadProgress) => void;
  /** For tests: called with both workers once they run (to kill one mid-import). */
  onStarted?: (threads: { parser: Worker; writer: Worker }) => void;
}

export function runImportThreads(options: ImportThreadsOptions): Promise<WriterOutcome> {
  const channel = new MessageChannel();
  const parser = startImportWorker(PARSER_LIMITS);
  const writer = startImportWorker(WRITER_LIMITS);
  const progress: ThreadProgress = { rowsRead: 0, bytesRead: 0, totalBytes: 0, linesWritten: 0, bytesWritten: 0, finishing: false };
  let parserError: WorkbenchError | null = null;
  let parserDone = false;

  return new Promise<WriterOutcome>((resolve, reject) => {
    let settled = false;
    const stopAll = () => {
      void parser.terminate();
      void writer.terminate();
      options.signal?.removeEventListener('abort', onAbort);
    };
    const settle = (outcome: WriterOutcome | null, error: unknown) => {
      if (settled) return;
      settled = true;
      stopAll();
      if (error) reject(error);
      else resolve(outcome as WriterOutcome);
    };
    /** Asks the writer to roll back, then gives up on it after a grace period. */
    const stopWriter = (error: WorkbenchError) => {
      writer.postMessage({ role: 'cancel' });
      void parser.terminate();
      setTimeout(() => settle(null, error), CANCEL_GRACE_MS).unref();
      pendingError = error;
    };
    let pendingError: WorkbenchError | null = null;
    const onAbort = () => stopWriter(new WorkbenchError('cancelled', 'import cancelled; nothing was changed', { file: options.read.fileName }));
    options.signal?.addEventListener('abort', onAbort, { once: true });

    parser.on('message', (m: WorkerReply) => {
      if (m.type === 'progress') {
        if (m.rowsRead !== undefined) progress.rowsRead = m.rowsRead;
        if (m.bytesRead !== undefined) progress.bytesRead = m.bytesRead;
        if (m.totalBytes !== undefined) progress.totalBytes = m.totalBytes;
        options.onProgress?.(progress);
      } else if (m.type === 'parsed') {
        parserDone = true;
        // Its lines are all on the port: end it now, so its heap is gone before the writer builds the indexes.
        void parser.terminate();
      } else if (m.type === 'error') {
        parserError = toError(m.error);
        stopWriter(parserError);
      }
    });
    writer.on('message', (m: WorkerReply) => {
      if (m.type === 'progress') {
        if (m.linesWritten !== undefined) progress.linesWritten = m.linesWritten;
        if (m.bytesWritten !== undefined) progress.bytesWritten = m.bytesWritten;
        if (m.finishing) progress.finishing = true;
        options.onProgress?.(progress);
      } else if (m.type === 'result') {
        settle(m.outcome, null);
      } else if (m.type === 'cancelled') {
        settle(null, pendingError ?? parserError ?? new WorkbenchError('cancelled', 'import cancelled; nothing was changed'));
      } else if (m.type === 'error') {
        settle(null, parserError ?? toError(m.error));
      }
    });
    parser.on('error', (error) => {
      if (!parserDone) stopWriter(lostThread('reading', error.message));
    });
    parser.on('exit', (code) => {
      if (!parserDone && !settled && pendingError === null) stopWriter(lostThread('reading', `exit code ${code}`));
    });
    writer.on('error', (error) => settle(null, pendingError ?? lostThread('writing', error.message)));
    writer.on('exit', (code) => settle(null, pendingError ?? lostThread('writing', `exit code ${code}`)));

    const writeRequest: WorkerRequest = { role: 'write', dbPath: options.dbPath, nativeBinding: options.nativeBinding, filePath: options.filePath, policy: options.policy, port: channel.port2 };
    const parseRequest: WorkerRequest = { role: 'parse', filePath: options.filePath, read: options.read, port: channel.port1 };
    writer.postMessage(writeRequest, [channel.port2]);
    parser.postMessage(parseRequest, [channel.port1]);
    options.onStarted?.({ parser, writer });
    if (options.signal?.aborted) onAbort();
  });
}

/** Runs detect or preview in a short-lived worker and returns its findings. */
export function inspectInThread<T>(request: Extract<WorkerRequest, { role: 'detect' | 'preview' }>, signal?: AbortSignal): Promise<T> {
  const worker = startImportWorker(INSPECT_LIMITS);
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (value: T | null, error: unknown) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(value as T);
    };
    signal?.addEventListener('abort', () => settle(null, new WorkbenchError('cancelled', 'cancelled')), { once: true });
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'findings') settle(m.findings as T, null);
      else if (m.type === 'error') settle(null, toError(m.error));
    });
    worker.on('error', (error) => settle(null, lostThread('inspecting', error.message)));
    worker.on('exit', (code) => settle(null, lostThread('inspecting', `exit code ${code}`)));
    worker.postMessage(request);
  });
}
