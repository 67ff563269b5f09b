import { WorkbenchError, type ErrorInfo } from '../../../shared/domain/errors';
import type { PriceRowWire } from '../../../shared/domain/pricebook/schema';
import type { JobContext } from '../jobs/job-runner';
import { startWorkerThread } from '../worker-thread';
import type { PriceCsvSource } from './price-csv-reader';
import type { PriceCsvReply, PriceCsvRequest } from './price-csv.worker';

/** The reader keeps one chunk, one unfinished row (≤ 4 MB) and the rows read (a 50 MB list is about 300,000 rows). */
const LIMITS = { maxYoungGenerationSizeMb: 32, maxOldGenerationSizeMb: 512 };

function toError(info: ErrorInfo): WorkbenchError {
  return new WorkbenchError(info.code, info.message, { file: info.file, row: info.row, field: info.field, details: info.details });
}

/** Reads a price list on a worker thread with the job's progress and cancel (a cancel stops the thread: it only reads). */
export function readPriceCsvInThread(source: PriceCsvSource, fileName: string, job: JobContext): Promise<PriceRowWire[]> {
  const worker = startWorkerThread('pricing', 'price-csv', LIMITS);
  return new Promise<PriceRowWire[]>((resolve, reject) => {
    let settled = false;
    const settle = (rows: PriceRowWire[] | null, error: unknown) => {
      if (settled) return;
      settled = true;
      job.signal.removeEventListener('abort', onAbort);
      void worker.terminate();
      if (error) reject(error);
      else resolve(rows as PriceRowWire[]);
    };
    const onAbort = () => settle(null, new WorkbenchError('cancelled', 'cancelled; nothing was changed', { file: fileName }));
    job.signal.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (reply: PriceCsvReply) => {
      if (reply.type === 'progress') {
        const { bytes, totalBytes, rows } = reply.progress;
        job.progress(bytes, totalBytes, `${rows.toLocaleString('en-US')} rows read · ${(bytes / 1e6).toFixed(1)} MB of ${(totalBytes / 1e6).toFixed(1)} MB`);
      } else if (reply.type === 'rows') settle(reply.rows, null);
      else settle(null, toError(reply.error));
    });
    worker.on('error', (error) => settle(null, new WorkbenchError('internal', `the price list's reading thread stopped (${error.message}); nothing was changed`, { file: fileName })));
    worker.on('exit', (code) => settle(null, new WorkbenchError('internal', `the price list's reading thread stopped (exit code ${code}); nothing was changed`, { file: fileName })));
    worker.postMessage({ source, fileName } satisfies PriceCsvRequest);
    if (job.signal.aborted) onAbort();
  });
}
