import { RunOptions, type RunResult } from '../../../shared/api/scenarios';
import { WorkbenchError } from '../../../shared/domain/errors';
import type { DrawBlock } from '../../../shared/engine/monte-carlo';
import { blockBuffers, type RunTaskInput } from '../../../shared/engine/tasks';
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
 * depend on the split) and then one worker summarising them with the
 * tornado. Cancel sets a flag every worker polls between blocks of draws.
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
      const reply = await pool.run({ task: 'deterministic', input, cancel });
      return (reply as Extract<typeof reply, { type: 'result' }>).result;
    }
    const parts = draws >= SPLIT_FROM_DRAWS ? pool.size : 1;
    const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((draws * i) / parts));
    const done = new Array<number>(parts).fill(0);
    const report = () => {
      const sum = done.reduce((a, b) => a + b, 0);
      control.progress?.(sum, draws, `Monte Carlo: ${sum.toLocaleString('en-US')} of ${draws.toLocaleString('en-US')} draws`);
    };
    let blocks: DrawBlock[] = [];
    if (draws > 0) {
      const runs = bounds.slice(0, -1).map((from, i) =>
        pool.run({ task: 'draws', input, from, to: bounds[i + 1]!, cancel }, (n) => {
          done[i] = n;
          report();
        }),
      );
      // One part failing (a bad input, a cancel) stops the others too.
      runs.forEach((r) => r.catch(stop));
      const replies = await Promise.all(runs);
      blocks = replies.flatMap((r) => (r as Extract<typeof r, { type: 'blocks' }>).blocks);
      done.fill(0);
      done[0] = draws;
    }
    control.progress?.(draws, draws, 'Percentiles and tornado');
    const reply = await pool.run({ task: 'finish', input, blocks, cancel }, (_n, message) => control.progress?.(draws, draws, message), blockBuffers(blocks));
    return (reply as Extract<typeof reply, { type: 'result' }>).result;
  } finally {
    control.signal?.removeEventListener('abort', stop);
  }
}
