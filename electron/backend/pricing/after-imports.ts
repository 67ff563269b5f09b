import type { JobKind } from '../../../shared/api';
import type { BackendContext } from '../context';
import type { JobHandler, JobHandlerMap } from '../area';

/**
 * Wraps every `imports.*` job so that, once it has written ledger lines, the
 * workspace's list costs are filled from the price book in a job of its own
 * (the vendor's own list cost is kept; unknown models stay empty). Importers
 * need not know about the price book.
 */
export function withListCostRefill<M extends JobHandlerMap<JobKind>>(map: M, schedule: (backend: BackendContext) => void): M {
  const out = { ...map };
  for (const kind of Object.keys(out) as JobKind[]) {
    if (!kind.startsWith('imports.')) continue;
    const run = out[kind] as JobHandler<JobKind>;
    (out as Record<string, JobHandler<JobKind>>)[kind] = async (input, backend, job) => {
      const result = await run(input as never, backend, job);
      schedule(backend);
      return result;
    };
  }
  return out;
}
