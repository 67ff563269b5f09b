import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../shared/api/scenarios';
import { NO_WORKSPACE_PRICING, type RunTaskInput } from '../../../shared/engine/tasks';
import { EnginePool } from '../../../electron/backend/scenarios/engine-pool';
import { runInWorkers } from '../../../electron/backend/scenarios/run-in-workers';
import { REPO_ROOT, tempDir } from '../../helpers/temp';
import { uncertainBank } from '../../unit/engine/helpers';

/**
 * The renderer's engine Web Worker, bundled for the browser as Vite bundles it
 * (ES module, browser platform), run in a worker thread that stands in for the
 * browser's worker scope (self.addEventListener / self.postMessage) — against
 * the backend's worker threads, on the seed the engine's unit test pins.
 */

const { dir, cleanup } = tempDir();
let bundle: string;

beforeAll(async () => {
  bundle = path.join(dir, 'engine.worker.js');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'renderer/src/views/scenarios/engine.worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: bundle,
    logLevel: 'error',
  });
});
afterAll(cleanup);

/** Runs one request in the browser bundle, with `self` as a browser worker has it. */
function inBrowserWorker(input: RunTaskInput): Promise<RunResult> {
  const shim = `
    const { parentPort } = require('node:worker_threads');
    globalThis.self = globalThis;
    globalThis.addEventListener = (type, listener) => parentPort.on('message', (data) => listener({ data }));
    globalThis.postMessage = (message) => parentPort.postMessage(message);
    import(${JSON.stringify(pathToFileURL(bundle).href)}).then(() => parentPort.postMessage('ready'));
  `;
  const worker = new Worker(shim, { eval: true });
  return new Promise<RunResult>((resolve, reject) => {
    worker.on('message', (m: unknown) => {
      if (m === 'ready') return worker.postMessage({ id: 1, kind: 'run', input });
      const reply = m as { type: string; value?: RunResult; error?: { message: string } };
      if (reply.type === 'result') resolve(reply.value!);
      if (reply.type === 'error') reject(new Error(reply.error!.message));
    });
    worker.on('error', reject);
  }).finally(() => worker.terminate());
}

describe('the browser worker and the backend worker threads', () => {
  it('give the same P10/P50/P90 for the same seed', async () => {
    const input: RunTaskInput = { file: uncertainBank(), options: { draws: 2000, seed: 1, tornado: false }, pricing: NO_WORKSPACE_PRICING };
    const pool = new EnginePool(2);
    try {
      // 2,000 draws: the backend splits them over its two threads.
      const [browser, node] = await Promise.all([inBrowserWorker(input), runInWorkers(input, {}, pool)]);
      const ranges = (r: RunResult) => r.scenarios.map((s) => ({ months: s.months.map((m) => [m.p10, m.p50, m.p90]), kpis: [s.kpis.p10, s.kpis.p50, s.kpis.p90] }));
      expect(ranges(browser)).toEqual(ranges(node));
      // The values test/unit/engine/monte-carlo.test.ts pins for this seed.
      const first = browser.scenarios[0]!.months[0]!;
      expect([first.p10!.costPerUnit, first.p50!.costPerUnit, first.p90!.costPerUnit]).toEqual(['7.352854', '7.988514', '8.633356']);
      const k = browser.scenarios[1]!.kpis;
      expect([k.p10!.breakEvenMonth, k.p50!.breakEvenMonth, k.p90!.breakEvenMonth]).toEqual(['2027-05', '2027-06', '2027-07']);
    } finally {
      await pool.close();
    }
  });
});
