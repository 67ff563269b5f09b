import type { JobKind } from '../../../shared/api';
import type { BackendContext } from '../context';
import type { JobHandler, JobHandlerMap } from '../area';

/**
 * Wraps every `imports.*` job so that, once it has written ledger lines, the
 * workspace's list costs are filled from the price book in a job of its own
 * (the vendor's own list cost is kept; unknown models stay empty). Importers
 * need not know about the price book. A job that says which import it
 * stored and how many of its usage lines came without a list cost gets a
 * fill of that import's lines only, and none when every line had one.
 */
export function withListCostRefill<M extends JobHandlerMap<JobKind>>(map: M, schedule: (backend: BackendContext, scope?: { importId?: number }) => void): M {
  const out = { ...map };
  for (const kind of Object.keys(out) as JobKind[]) {
    if (!kind.startsWith('imports.')) continue;
    const run = out[kind] as JobHandler<JobKind>;
    (out as Record<string, JobHandler<JobKind>>)[kind] = async (input, backend, job) => {
      const result = await run(input as never, backend, job);
      const stored = importOutcome(result);
      if (stored === null) schedule(backend);
      else if (stored.importId !== null && stored.linesWithoutListCost > 0) schedule(backend, { importId: stored.importId });
      return result;
    };
  }
  return out;
}

/** An import's result that says what it stored, or null for jobs that do not. */
function importOutcome(result: unknown): { importId: number | null; linesWithoutListCost: number } | null {
  if (typeof result !== 'object' || result === null) return null;
  const r = result as Record<string, unknown>;
  if (typeof r.linesWithoutListCost !== 'number' || !('importId' in r)) return null;
  return { importId: typeof r.importId === 'number' ? r.importId : null, linesWithoutListCost: r.linesWithoutListCost };
}
