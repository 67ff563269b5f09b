import { RunOptions, type RunResult } from '../../../shared/api/scenarios';
import { WorkbenchError } from '../../../shared/domain/errors';
import { completeRun, partBuffers, type RunTaskInput } from '../../../shared/engine/tasks';
import { enginePool, type EnginePool } from './engine-pool';

/** Below this many draws one thread is quicker than splitting (start-up and merge cost more than they save). */
export const SPLIT_FROM_DRAWS = 2000;

export interface RunControl {
  signal?: AbortSignal;
  progress?: (done: number, total: number | null, message: string) => void;
}

/**
 * Runs a scenario file in the engine's worker threads: the exact run alone,
 * or Monte Carlo draws split over the pool's workers (the figures do not
 * depend on the split), then the percentiles in one worker while another
 * works out the exact projection and the tornado. Cancel sets a flag every
 * worker polls between blocks of draws.
 */
export async function runInWorkers(input: RunTaskInput, control: RunControl = {}, pool: EnginePool = enginePool()): Promise<RunResult> {
  const options = RunOptions.parse(input.options);
  const cancel = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancel);
  const stop = () => Atomics.store(flag, 0, 1);
  if (control.signal?.aborted) throw new WorkbenchError('cancelled', 'the run was cancelled');
  control.signal?.addEventListener('abort', stop);
  try {
    const draws = options.draws;
    if (draws === 0 && !options.tornado) {
      control.progress?.(0, null, 'Projecting');
      return (await pool.run({ task: 'deterministic', input, cancel }, 'result')).result;
    }
    const workers = draws >= SPLIT_FROM_DRAWS ? pool.size : 1;
    if (workers === 1) {
      // One worker draws, another (or the same) finishes: only the draws' summary crosses threads.
      const parts = draws > 0 ? [(await pool.run({ task: 'draws', input, from: 0, to: draws, cancel }, 'summary', (n) => control.progress?.(n, draws, drawsMessage(n, draws)))).summary] : [];
      control.progress?.(draws, draws, 'Percentiles and tornado');
      return (await pool.run({ task: 'finish', input, parts, cancel }, 'result', (_n, message) => control.progress?.(draws, draws, message), partBuffers(parts))).result;
    }
    const bounds = Array.from({ length: workers + 1 }, (_, i) => Math.round((draws * i) / workers));
    const done = new Array<number>(workers).fill(0);
    const runs = bounds.slice(0, -1).map((from, i) =>
      pool.run({ task: 'draws', input, from, to: bounds[i + 1]!, cancel }, 'summary', (n) => {
        done[i] = n;
        const sum = done.reduce((a, b) => a + b, 0);
        control.progress?.(sum, draws, drawsMessage(sum, draws));
      }),
    );
    // One part failing (a bad input, a cancel) stops the others too.
    runs.forEach((r) => r.catch(stop));
    const parts = (await Promise.all(runs)).map((r) => r.summary);
    control.progress?.(draws, draws, 'Percentiles and tornado');
    // Percentiles in one worker while the other works out the exact projection and the tornado.
    const summarised = pool.run({ task: 'summarise', input, parts, cancel }, 'ranges', undefined, partBuffers(parts));
    const exact = pool.run({ task: 'exact', input, cancel }, 'result', (_n, message) => control.progress?.(draws, draws, message));
    summarised.catch(stop);
    exact.catch(stop);
    const [{ ranges }, { result }] = await Promise.all([summarised, exact]);
    return completeRun(input, result, ranges);
  } finally {
    control.signal?.removeEventListener('abort', stop);
  }
}

function drawsMessage(done: number, total: number): string {
  return `Monte Carlo: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} draws`;
}
