/**
 * Price list worker thread: reads and checks a price-book CSV off the
 * backend's main thread (the Electron main loop, the browser-mode host's
 * request loop), so a large or hostile file never holds up other calls.
 * It only reads; the rows go back to the job, which writes them in one
 * audited transaction. Bundled to dist/workers/price-csv.worker.cjs.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo, type ErrorInfo } from '../../../shared/domain/errors';
import type { PriceRowWire } from '../../../shared/domain/pricebook/schema';
import { readPriceCsv, type PriceCsvProgress, type PriceCsvSource } from './price-csv-reader';

export interface PriceCsvRequest {
  source: PriceCsvSource;
  fileName: string;
}

export type PriceCsvReply = { type: 'progress'; progress: PriceCsvProgress } | { type: 'rows'; rows: PriceRowWire[] } | { type: 'error'; error: ErrorInfo };

const parent = parentPort;
if (!parent) throw new Error('price-csv.worker.ts runs as a worker thread');
const PROGRESS_EVERY_MS = 100;

parent.once('message', (request: PriceCsvRequest) => {
  let last = 0;
  const progress = (p: PriceCsvProgress) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS) return;
    last = now;
    parent.postMessage({ type: 'progress', progress: p } satisfies PriceCsvReply);
  };
  readPriceCsv(request.source, request.fileName, progress).then(
    (rows) => parent.postMessage({ type: 'rows', rows } satisfies PriceCsvReply),
    (error: unknown) => parent.postMessage({ type: 'error', error: toErrorInfo(error) } satisfies PriceCsvReply),
  );
});
