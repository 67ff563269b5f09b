import { describe, expect, it } from 'vitest';
import type { JobKind } from '../../../shared/api';
import type { BackendContext } from '../../../electron/backend/context';
import type { JobHandlerMap } from '../../../electron/backend/area';
import type { JobContext } from '../../../electron/backend/jobs/job-runner';
import { withListCostRefill } from '../../../electron/backend/pricing/after-imports';

describe('list costs after imports', () => {
  it('schedules a fill after every imports.* job that succeeds, and after no other job', async () => {
    const scheduled: string[] = [];
    const map = {
      'imports.run': async () => ({ lines: 3 }),
      'imports.broken': async () => {
        throw new Error('bad file');
      },
      'workspace.buildDemo': async () => ({ ok: true }),
    } as unknown as JobHandlerMap<JobKind>;
    const wrapped = withListCostRefill(map, () => scheduled.push('fill')) as unknown as Record<string, (i: unknown, b: BackendContext, j: JobContext) => Promise<unknown>>;
    const backend = {} as BackendContext;
    const job = {} as JobContext;
    expect(await wrapped['imports.run']!({}, backend, job)).toEqual({ lines: 3 });
    expect(scheduled).toEqual(['fill']);
    await expect(wrapped['imports.broken']!({}, backend, job)).rejects.toThrow('bad file');
    await wrapped['workspace.buildDemo']!({}, backend, job);
    expect(scheduled).toEqual(['fill']);
  });

  it("after an import that stored lines without a list cost, fills that import's lines only; after one that needs none, no fill", async () => {
    const scheduled: Array<{ importId?: number } | undefined> = [];
    const results: unknown[] = [
      { status: 'imported', importId: 7, linesWithoutListCost: 12 },
      { status: 'imported', importId: 8, linesWithoutListCost: 0 },
      { status: 'skipped', importId: null, linesWithoutListCost: 0 },
    ];
    const map = { 'imports.run': async () => results.shift() } as unknown as JobHandlerMap<JobKind>;
    const wrapped = withListCostRefill(map, (_backend, scope) => scheduled.push(scope)) as unknown as Record<string, (i: unknown, b: BackendContext, j: JobContext) => Promise<unknown>>;
    for (let i = 0; i < 3; i += 1) await wrapped['imports.run']!({}, {} as BackendContext, {} as JobContext);
    expect(scheduled).toEqual([{ importId: 7 }]);
  });
});
