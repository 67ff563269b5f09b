import type { IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { WorkbenchClient } from '../../../../shared/api/client';
import {
  LEDGER_FIELDS,
  type LedgerDimension,
  type LedgerFilter,
  type LedgerRow,
  type LedgerSummary,
  type LedgerSummaryRow,
} from '../../../../shared/api/ledger';
import { describeError } from '../../api/describe-error';
import { toLedgerFilters, toLedgerSort, type FilterKind } from './filter-model';
import { groupKey } from './group-lines';

export interface DatasourceHooks {
  /** The filters in force (picker + column filters), whenever they change. */
  onFilters(filters: LedgerFilter[]): void;
  /** Lines or groups matching, once known (null while counting). */
  onCount(count: number | null): void;
  /** The grid's row count, once counted after the rows were shown (lines only). */
  onRowCount?(count: number): void;
  onError(message: string | null): void;
  /** The grouped view's totals per currency (with what its groups add up to as shown). */
  onGroupTotals?(totals: LedgerSummary['totals']): void;
}

const message = describeError;

/** A datasource the grid may still call after it was replaced: results for a replaced one must not reach the toolbar. */
export interface LedgerDatasource extends IDatasource {
  setActive(active: boolean): void;
}

function guarded(outer: DatasourceHooks): { hooks: DatasourceHooks; setActive(active: boolean): void } {
  let active = true;
  return {
    hooks: {
      onFilters: (f) => {
        if (active) outer.onFilters(f);
      },
      onCount: (n) => {
        if (active) outer.onCount(n);
      },
      onError: (m) => {
        if (active) outer.onError(m);
      },
      onRowCount: (n) => {
        if (active) outer.onRowCount?.(n);
      },
      onGroupTotals: (t) => {
        if (active) outer.onGroupTotals?.(t);
      },
    },
    setActive: (a) => {
      active = a;
    },
  };
}

function failBlock(params: IGetRowsParams, hooks: DatasourceHooks, error: unknown): void {
  hooks.onError(message(error));
  params.failCallback();
}

/** The picker's filters plus the grid's column filters; null (the block failed, the toolbar says why) when a column filter cannot be read. */
function filtersOf(params: IGetRowsParams, baseFilters: LedgerFilter[], kinds: Partial<Record<string, FilterKind>>, hooks: DatasourceHooks): LedgerFilter[] | null {
  try {
    return [...baseFilters, ...toLedgerFilters(params.filterModel as Record<string, unknown>, kinds)];
  } catch (error) {
    failBlock(params, hooks, error);
    return null;
  }
}

/**
 * Ledger lines for the Infinite Row Model: each block is one `ledger.query`
 * page, sorted and filtered on the server. When the filters change the
 * block is asked for alone and shown as soon as it comes; the count of
 * matching lines follows in a call of its own (once per set of filters:
 * sorting does not change it), so what the user waits for is the rows, and
 * counting a text filter over a million lines never holds them back. Until
 * the count is in, the grid is told the last row only when a short block
 * shows it; once in, `onRowCount` sets the grid's row count.
 */
export function linesDatasource(
  client: WorkbenchClient,
  baseFilters: LedgerFilter[],
  kinds: Partial<Record<string, FilterKind>>,
  outerHooks: DatasourceHooks,
  firstBlockSize?: number,
): LedgerDatasource {
  let countKey: string | undefined;
  let knownTotal: number | undefined;
  const { hooks, setActive } = guarded(outerHooks);
  // The first block, unsorted and with no column filter, asked for at once: the backend works on it
  // while the grid is still being built, instead of after (the grid asks once it is laid out).
  let firstBlock =
    firstBlockSize === undefined
      ? undefined
      : { key: JSON.stringify(baseFilters), limit: firstBlockSize, page: client.call('ledger.query', { offset: 0, limit: firstBlockSize, sort: [], filters: baseFilters, withTotal: false }) };
  firstBlock?.page.catch(() => undefined); // a failure is reported when the grid asks for the block
  const query = (input: { offset: number; limit: number; sort: ReturnType<typeof toLedgerSort<(typeof LEDGER_FIELDS)[number]>>; filters: LedgerFilter[]; key: string }) => {
    const primed = firstBlock;
    firstBlock = undefined;
    if (primed && input.offset === 0 && input.limit === primed.limit && input.sort.length === 0 && input.key === primed.key) return primed.page;
    return client.call('ledger.query', { offset: input.offset, limit: input.limit, sort: input.sort, filters: input.filters, withTotal: false });
  };

  return {
    setActive,
    getRows(params: IGetRowsParams) {
      const filters = filtersOf(params, baseFilters, kinds, hooks);
      if (filters === null) return;
      const key = JSON.stringify(filters);
      const sort = toLedgerSort(params.sortModel, LEDGER_FIELDS);
      const requested = params.endRow - params.startRow;
      const page = query({ offset: params.startRow, limit: requested, sort, filters, key });
      if (key !== countKey) {
        countKey = key;
        knownTotal = undefined;
        hooks.onFilters(filters);
        hooks.onCount(null);
        // Asked after the block, so the backend answers the block first.
        page
          .then(() => client.call('ledger.query', { offset: 0, limit: 1, filters, withTotal: true }))
          .then(
            (p) => {
              if (countKey !== key) return;
              knownTotal = p.total ?? 0;
              hooks.onCount(knownTotal);
              hooks.onRowCount?.(knownTotal);
            },
            (error: unknown) => {
              if (countKey !== key) return;
              countKey = undefined;
              hooks.onError(message(error));
            },
          );
      }
      page.then(
        (p) => {
          hooks.onError(null);
          const lastRow = countKey === key && knownTotal !== undefined ? knownTotal : p.rows.length < requested ? params.startRow + p.rows.length : undefined;
          params.successCallback(p.rows satisfies LedgerRow[], lastRow);
        },
        (error: unknown) => failBlock(params, hooks, error),
      );
    },
  };
}

/** A grouped row: its dimension values flattened beside the measures, with a stable id. */
export type GroupRow = LedgerSummaryRow & Record<string, unknown> & { rowKey: string };

export const SUMMARY_MEASURES = ['currency', 'lines', 'quantity', 'billedCost', 'effectiveCost', 'listCost'] as const;

/** Grouped totals for the Infinite Row Model: each block is one `ledger.summary` page. */
export function groupsDatasource(
  client: WorkbenchClient,
  by: LedgerDimension[],
  baseFilters: LedgerFilter[],
  kinds: Partial<Record<string, FilterKind>>,
  outerHooks: DatasourceHooks,
): LedgerDatasource {
  let lastKey: string | undefined;
  const { hooks, setActive } = guarded(outerHooks);
  return {
    setActive,
    getRows(params: IGetRowsParams) {
      const filters = filtersOf(params, baseFilters, kinds, hooks);
      if (filters === null) return;
      const key = JSON.stringify(filters);
      if (key !== lastKey) {
        lastKey = key;
        hooks.onFilters(filters);
      }
      const sort = toLedgerSort(params.sortModel, [...by, ...SUMMARY_MEASURES]);
      client.call('ledger.summary', { by, filters, sort, offset: params.startRow, limit: params.endRow - params.startRow }).then(
        (summary) => {
          hooks.onError(null);
          hooks.onCount(summary.total);
          const rows: GroupRow[] = summary.rows.map((r) => ({
            ...r,
            ...Object.fromEntries(by.map((d) => [d, r.key[d] ?? null])),
            rowKey: groupKey(by, r),
          }));
          params.successCallback(rows, summary.total);
          hooks.onGroupTotals?.(summary.totals);
        },
        (error: unknown) => failBlock(params, hooks, error),
      );
    },
  };
}
