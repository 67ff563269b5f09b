/**
 * The import's reading thread alone, without SQLite: open, detect, read,
 * map and encode a statement in a worker with the parser's heap limits, the
 * lines dropped where the import would post them to the writer. Prints the
 * thread's stage profile (wall and CPU seconds) and its total CPU as one
 * JSON line, so a change to the readers or the mappers can be measured in
 * paired runs without the writer's noise:
 *
 *   npx esbuild bench/read-thread.ts --bundle --platform=node --packages=external --outfile=/tmp/read-thread.cjs
 *   node /tmp/read-thread.cjs FILE [runs] [--hash]
 *
 * `--hash` adds a SHA-256 of every encoded batch and of the summary, to check
 * that a faster reader hands the writer exactly the same lines (it costs CPU:
 * leave it off when timing).
 *
 * (`node --cpu-prof` on the same command profiles the worker too.)
 */
import { createHash } from 'node:crypto';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { StageClock } from '../electron/backend/imports/import-profile';
import { PARSER_LIMITS } from '../electron/backend/imports/import-threads';
import { parseStatement } from '../electron/backend/imports/statement-parser';

declare const __filename: string;

interface ReadResult {
  seconds: number;
  cpuSeconds: number;
  rowsRead: number;
  linesImported: number;
  reconciled: boolean;
  hash?: string;
  profile: { stage: string; seconds: number; cpuSeconds?: number }[];
}

async function readOnce(file: string, hashing: boolean): Promise<ReadResult> {
  const clock = new StageClock('read');
  const hash = hashing ? createHash('sha256') : null;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const summary = await parseStatement(file, {}, {
    clock,
    meta: () => undefined,
    lines: (batch) => {
      if (!hash) return;
      // Every field of the batch but the progress (how far the file was read depends on timing).
      for (const [key, value] of Object.entries(batch)) {
        if (key === 'bytes') continue;
        hash.update(key);
        if (ArrayBuffer.isView(value)) hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        else hash.update(JSON.stringify(value));
      }
    },
  });
  const used = process.cpuUsage(cpu);
  hash?.update(JSON.stringify({ ...summary, fileName: undefined }));
  return {
    ...(hash ? { hash: hash.digest('hex') } : {}),
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    rowsRead: summary.rowsRead,
    linesImported: summary.linesImported,
    reconciled: summary.reconciliation.every((t) => t.reconciles),
    profile: clock.stages().map(({ stage, seconds, cpuSeconds }) => ({ stage, seconds, cpuSeconds })),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const hash = args.includes('--hash');
  const [file, runsText] = args.filter((a) => !a.startsWith('--'));
  if (!file) throw new Error('usage: node read-thread.cjs FILE [runs]');
  const runs = Number(runsText ?? 1);
  for (let i = 0; i < runs; i += 1) {
    const result = await new Promise<ReadResult>((resolve, reject) => {
      const worker = new Worker(__filename, { workerData: { file, hash }, resourceLimits: PARSER_LIMITS });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  }
}

if (isMainThread) void main();
else void readOnce((workerData as { file: string }).file, (workerData as { hash: boolean }).hash).then((result) => parentPort?.postMessage(result));
