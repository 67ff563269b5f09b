import type { IGetRowsParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { WorkbenchClient } from '../../../shared/api/client';
import { linesDatasource, type DatasourceHooks } from '../../../renderer/src/views/ledger/ledger-datasource';
import { LINE_FILTER_KINDS } from '../../../renderer/src/views/ledger/ledger-columns';

/** A client that answers `ledger.query` with `limit` numbered rows (and a total of 250 when asked), recording each call. */
function fakeClient() {
  const calls: { method: string; input: Record<string, unknown> }[] = [];
  const client = {
    call: (method: string, input: Record<string, unknown>) => {
      calls.push({ method, input });
      const offset = input.offset as number;
      const limit = input.limit as number;
      return Promise.resolve({ rows: Array.from({ length: limit }, (_v, i) => ({ id: offset + i + 1 })), total: input.withTotal ? 250 : null });
    },
  } as unknown as WorkbenchClient;
  return { client, calls };
}

const hooks: DatasourceHooks = { onFilters: () => undefined, onCount: () => undefined, onError: () => undefined };

function ask(ds: ReturnType<typeof linesDatasource>, startRow: number, endRow: number, sortModel: IGetRowsParams['sortModel'] = []): Promise<unknown[]> {
  return new Promise((resolve, reject) => ds.getRows({ startRow, endRow, sortModel, filterModel: {}, successCallback: (rows: unknown[]) => resolve(rows), failCallback: () => reject(new Error('block failed')) } as unknown as IGetRowsParams));
}

const pageCalls = (calls: { input: Record<string, unknown> }[]) => calls.filter((c) => c.input.withTotal === false);

describe('the ledger grid asks for its first page before the grid does', () => {
  it('the first block is asked for once, when the datasource is made, and the grid gets that answer', async () => {
    const { client, calls } = fakeClient();
    const ds = linesDatasource(client, [], LINE_FILTER_KINDS, hooks, 100);
    // Asked at once, before the grid's first getRows: offset 0, 100 rows, no sort, the picker's filters.
    expect(pageCalls(calls)).toEqual([{ method: 'ledger.query', input: { offset: 0, limit: 100, sort: [], filters: [], withTotal: false } }]);
    const rows = await ask(ds, 0, 100);
    expect(rows).toHaveLength(100);
    expect(rows[0]).toEqual({ id: 1 });
    // No second request for the same block; the count follows in a call of its own.
    expect(pageCalls(calls)).toHaveLength(1);
    expect(calls.filter((c) => c.input.withTotal === true)).toHaveLength(1);
    // The next block is asked for as usual.
    expect(await ask(ds, 100, 200)).toHaveLength(100);
    expect(pageCalls(calls).map((c) => c.input.offset)).toEqual([0, 100]);
  });

  it('a first block asked for with a sort is not the primed one: it is asked for afresh', async () => {
    const { client, calls } = fakeClient();
    const ds = linesDatasource(client, [], LINE_FILTER_KINDS, hooks, 100);
    await ask(ds, 0, 100, [{ colId: 'billedCost', sort: 'desc' }]);
    expect(pageCalls(calls).map((c) => c.input.sort)).toEqual([[], [{ field: 'billedCost', dir: 'desc' }]]);
  });

  it('without a first block size nothing is asked for until the grid asks', () => {
    const { client, calls } = fakeClient();
    linesDatasource(client, [], LINE_FILTER_KINDS, hooks);
    expect(calls).toHaveLength(0);
  });
});
