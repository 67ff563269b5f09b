/**
 * Import worker thread. One script, three roles given by the first message:
 *
 * - parse: reads and maps the statement, sends encoded line batches to the
 *   writer over a MessagePort (at most MAX_IN_FLIGHT unacknowledged, so a slow
 *   writer slows the reader instead of filling memory);
 * - write: owns its own SQLite connection and the import's one transaction
 *   (WAL lets the UI keep reading meanwhile); hashes the file alongside;
 * - inspect: detect or preview for the wizard.
 *
 * Bundled to dist/workers/import.worker.cjs; from source (tests) it runs
 * through tsx.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { WorkbenchError, toErrorInfo } from '../../../shared/domain/errors';
import { sha256File } from './file-hash';
import { ImportWriter, WAIT_FOR_LINES_STAGE, alreadyImportedError, type WriterOutcome } from './import-writer';
import { detectStatement, previewStatementFile } from './inspect';
import { transferables, type EncodedLines } from './line-codec';
import type { ImportPolicy, ReadOptions, StatementMeta } from './protocol';
import { parseStatement } from './statement-parser';
import type { ImportSummary } from '../../../shared/formats/accumulator';
import type { ImportStage } from '../../../shared/api/imports';
import { StageClock } from './import-profile';

const parent = parentPort;
if (!parent) throw new Error('import.worker.ts runs as a worker thread');

/**
 * Encoded batches (of 250 lines, about 30 KB each) the parser may run ahead of the writer: enough that
 * while the parser decodes a Parquet row group the writer still has lines to write, and bounded (about
 * 50,000 lines, 6 MB) so that memory does not grow with the file.
 */
const MAX_IN_FLIGHT = 200;
const PROGRESS_EVERY_MS = 150;
/**
 * For end-to-end tests of progress and Cancel only: milliseconds the writer
 * pauses after each batch of lines (AISPEND_TEST_IMPORT_BATCH_DELAY_MS, unset
 * in the app). An import of 300,000 lines takes about a second here, too short
 * for a test to be sure its Cancel reaches the writer before the COMMIT.
 */
const TEST_BATCH_DELAY_MS = Math.max(0, Math.min(1000, Number(process.env.AISPEND_TEST_IMPORT_BATCH_DELAY_MS ?? 0) || 0));
const pause = TEST_BATCH_DELAY_MS > 0 ? new Int32Array(new SharedArrayBuffer(4)) : null;

export type WorkerRequest =
  | { role: 'parse'; filePath: string; read: ReadOptions & { rememberPath?: boolean }; port: MessagePort }
  | { role: 'write'; dbPath: string; nativeBinding?: string; filePath: string; policy: ImportPolicy; port: MessagePort; cacheKb?: number }
  | { role: 'detect'; filePath: string; fileName?: string; mapping?: unknown }
  | { role: 'preview'; filePath: string; read: ReadOptions & { rows: number } };

/** Parser → writer over the port. */
type PortMessage = { type: 'meta'; meta: StatementMeta } | { type: 'lines'; batch: EncodedLines } | { type: 'end'; summary: ImportSummary; profile: ImportStage[] };

export type WorkerReply =
  | { type: 'progress'; rowsRead?: number; bytesRead?: number; totalBytes?: number; linesWritten?: number; bytesWritten?: number; finishing?: boolean }
  | { type: 'parsed' }
  | { type: 'result'; outcome: WriterOutcome }
  | { type: 'findings'; findings: unknown }
  | { type: 'cancelled' }
  | { type: 'error'; error: ReturnType<typeof toErrorInfo> };

function reply(message: WorkerReply): void {
  parent!.postMessage(message);
}

function fail(error: unknown): void {
  reply({ type: 'error', error: toErrorInfo(error) });
}

/** Control messages from the main thread after the start (cancel). */
const cancelled = new AbortController();

parent.on('message', (message: WorkerRequest | { role: 'cancel' }) => {
  if (message.role === 'cancel') {
    cancelled.abort();
    return;
  }
  const run = message.role === 'parse' ? parse(message) : message.role === 'write' ? write(message) : inspect(message);
  run.catch(fail);
});

async function inspect(message: Extract<WorkerRequest, { role: 'detect' | 'preview' }>): Promise<void> {
  const findings = message.role === 'detect' ? await detectStatement(message.filePath, message) : await previewStatementFile(message.filePath, message.read);
  reply({ type: 'findings', findings });
}

async function parse(message: Extract<WorkerRequest, { role: 'parse' }>): Promise<void> {
  const port = message.port;
  let inFlight = 0;
  let wake: (() => void) | null = null;
  port.on('message', (m: { type: 'ack' }) => {
    if (m.type !== 'ack') return;
    inFlight -= 1;
    wake?.();
    wake = null;
  });
  let lastProgress = 0;
  const clock = new StageClock('read');
  try {
    const summary = await parseStatement(message.filePath, message.read, {
      signal: cancelled.signal,
      clock,
      meta: (meta) => port.postMessage({ type: 'meta', meta } satisfies PortMessage),
      lines: async (batch) => {
        let since = clock.now();
        while (inFlight >= MAX_IN_FLIGHT) {
          await new Promise<void>((resolve) => (wake = resolve));
          if (cancelled.signal.aborted) throw new WorkbenchError('cancelled', 'import cancelled');
        }
        since = clock.add('wait for the writer (back-pressure)', since);
        inFlight += 1;
        port.postMessage({ type: 'lines', batch } satisfies PortMessage, transferables(batch));
        clock.add('hand batches to the writer (postMessage)', since);
      },
      progress: (p) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_EVERY_MS && p.bytesRead < p.totalBytes) return;
        lastProgress = now;
        reply({ type: 'progress', ...p });
      },
    });
    port.postMessage({ type: 'end', summary, profile: clock.stages() } satisfies PortMessage);
    reply({ type: 'parsed' });
  } finally {
    port.close();
  }
}

function openConnection(dbPath: string, nativeBinding: string | undefined, cacheKb: number): Database.Database {
  const db = new Database(dbPath, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma(`cache_size = -${cacheKb}`);
  return db;
}

async function write(message: Extract<WorkerRequest, { role: 'write' }>): Promise<void> {
  const db = openConnection(message.dbPath, message.nativeBinding, message.cacheKb ?? 32 * 1024);
  const clock = new StageClock('write');
  const writer = new ImportWriter(db, message.policy, clock);
  const port = message.port;
  let fileName = message.filePath;
  let settled = false;
  const hashing = sha256File(message.filePath, cancelled.signal, clock);
  const finishWith = (settle: () => void): void => {
    if (settled) return;
    settled = true;
    port.close();
    try {
      settle();
    } finally {
      db.close();
    }
  };
  const abort = (error: unknown): void =>
    finishWith(() => {
      writer.rollback();
      if (error instanceof WorkbenchError && error.code === 'cancelled') reply({ type: 'cancelled' });
      else fail(error);
    });

  cancelled.signal.addEventListener('abort', () => abort(new WorkbenchError('cancelled', 'import cancelled')));
  // As soon as the hash is known: the same file imported before stops the import at once.
  hashing.then(
    (sha) => {
      if (settled || message.policy.dryRun) return;
      const earlier = writer.earlierImport(sha);
      if (earlier) abort(alreadyImportedError(fileName, earlier));
    },
    (error: unknown) => abort(error),
  );

  let lastProgress = 0;
  let idleSince = clock.now();
  port.on('message', (m: PortMessage) => {
    if (settled) return;
    clock.add(WAIT_FOR_LINES_STAGE, idleSince);
    try {
      if (m.type === 'meta') {
        fileName = m.meta.fileName;
        writer.start(m.meta);
      } else if (m.type === 'lines') {
        writer.write(m.batch);
        if (pause) Atomics.wait(pause, 0, 0, TEST_BATCH_DELAY_MS);
        port.postMessage({ type: 'ack' });
        const now = Date.now();
        if (now - lastProgress >= PROGRESS_EVERY_MS) {
          lastProgress = now;
          reply({ type: 'progress', linesWritten: writer.linesWritten, bytesWritten: m.batch.bytes });
        }
      } else if (m.type === 'end') {
        const summary = m.summary;
        reply({ type: 'progress', linesWritten: writer.linesWritten, finishing: true });
        const ended = clock.now();
        hashing.then(
          (sha) => {
            if (settled) return;
            clock.add('wait for the file hash', ended);
            try {
              const outcome = writer.finish(summary, sha);
              // Fold the WAL back into the workspace file here, off the main thread, rather than at
              // the UI's next write (a million lines make a WAL of a few hundred MB).
              if (!message.policy.dryRun) clock.time('checkpoint (WAL into the workspace file)', () => db.pragma('wal_checkpoint(PASSIVE)'));
              const profile = [...m.profile, ...clock.stages()];
              finishWith(() => reply({ type: 'result', outcome: { ...outcome, profile } }));
            } catch (error) {
              abort(error);
            }
          },
          () => undefined,
        );
      }
    } catch (error) {
      abort(error);
    }
    idleSince = clock.now();
  });
}
