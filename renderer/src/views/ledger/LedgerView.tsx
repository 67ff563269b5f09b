import type { GridApi, GridReadyEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { LedgerDimension, LedgerFilter, LedgerSummary } from '../../../../shared/api/ledger';
import { useClient } from '../../api/ClientContext';
import { gridTheme } from '../../components/grid-theme';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount, formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';
import { useWorkspace } from '../../state/StoresContext';
import { GROUPINGS, LINE_FILTER_KINDS, groupColumns, groupFilterKinds, lineColumns, type LedgerGridContext } from './ledger-columns';
import { groupsDatasource, linesDatasource, type DatasourceHooks } from './ledger-datasource';
import { ProviderPicker } from './ProviderPicker';

/** Rows per `ledger.query` page: a screenful or three, small enough to answer fast on a million lines. */
const BLOCK_SIZE = 100;

/**
 * The usage ledger, every line or grouped totals, paged from the backend:
 * nothing is loaded that is not on screen, so a million-line workspace
 * scrolls like the demo.
 */
export function LedgerView() {
  const client = useClient();
  const { revision, info } = useWorkspace();
  const [provider, setProvider] = useState<string>('');
  const [grouping, setGrouping] = useState<string>('');
  const [exactDecimals, setExactDecimals] = useState(false);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<LedgerFilter[] | null>(null);
  const [hasColumnFilters, setHasColumnFilters] = useState(false);
  const apiRef = useRef<GridApi | null>(null);

  const by: LedgerDimension[] | null = useMemo(() => GROUPINGS.find((g) => g.id === grouping)?.by ?? null, [grouping]);
  const baseFilters = useMemo<LedgerFilter[]>(() => (provider ? [{ field: 'provider', op: 'eq', value: provider }] : []), [provider]);

  const imports = useApiData((c) => c.call('imports.list', {}), []);
  const importNames = useMemo(() => new Map((imports.data?.imports ?? []).map((i) => [i.id, i.fileName])), [imports.data]);
  const context = useMemo<LedgerGridContext>(() => ({ exactDecimals, importNames }), [exactDecimals, importNames]);

  const hooks = useMemo<DatasourceHooks>(
    () => ({
      onFilters: (f) => setFilters(f),
      onCount: (n) => setCount(n),
      onError: (m) => setError(m),
    }),
    [],
  );

  const datasource = useMemo(
    () => (by ? groupsDatasource(client, by, baseFilters, groupFilterKinds(by), hooks) : linesDatasource(client, baseFilters, LINE_FILTER_KINDS, hooks)),
    // A new workspace means new data: `revision` makes a fresh datasource and the grid reloads.
    [client, by, baseFilters, hooks, revision],
  );
  // Only the datasource on screen may update the toolbar; a replaced one's late answers are dropped.
  useEffect(() => {
    datasource.setActive(true);
    return () => datasource.setActive(false);
  }, [datasource]);
  const columnDefs = useMemo(() => (by ? groupColumns(by) : lineColumns()), [by]);

  // Totals over the lines in view, from the backend (money is never added up here).
  const [totals, setTotals] = useState<LedgerSummary['totals'] | null>(null);
  useEffect(() => {
    if (!filters) return;
    let current = true;
    const timer = setTimeout(() => {
      client.call('ledger.summary', { by: [], filters, limit: 1 }).then(
        (s) => current && setTotals(s.totals),
        () => current && setTotals(null),
      );
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, filters]);

  useEffect(() => {
    apiRef.current?.refreshCells({ force: true });
  }, [context]);

  // Another workspace: its providers and values differ, so yesterday's filters would mislead.
  const workspaceKey = info ? `${info.path}|${info.id}` : '';
  const shownWorkspace = useRef(workspaceKey);
  useEffect(() => {
    if (shownWorkspace.current === workspaceKey) return;
    shownWorkspace.current = workspaceKey;
    setProvider('');
    apiRef.current?.setFilterModel(null);
  }, [workspaceKey]);

  const onGridReady = useCallback((event: GridReadyEvent) => {
    apiRef.current = event.api;
  }, []);

  const clearFilters = () => {
    setProvider('');
    apiRef.current?.setFilterModel(null);
  };

  const totalLines = totals?.reduce((n, t) => n + t.lines, 0);
  const countLabel = by ? 'groups' : 'lines';

  return (
    <section className="view view-ledger" aria-labelledby="ledger-title">
      <header className="view-header">
        <h1 id="ledger-title" tabIndex={-1}>
          Ledger
        </h1>
        <p className="view-subtitle">Every imported line, normalised, with its provenance. Sorted, filtered and grouped in the workspace.</p>
      </header>
      <div className="toolbar" role="toolbar" aria-label="Ledger tools">
        <ProviderPicker value={provider} onChange={setProvider} />
        <label className="field-inline">
          <span>Group by</span>
          <select value={grouping} onChange={(e) => setGrouping(e.target.value)} data-testid="group-by">
            <option value="">Nothing (every line)</option>
            {GROUPINGS.map((g) => (
              <option key={g.id} value={g.id}>
                {g.label}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline checkbox">
          <input type="checkbox" checked={exactDecimals} onChange={(e) => setExactDecimals(e.target.checked)} />
          <span>All decimals</span>
        </label>
        <button type="button" className="button ghost" onClick={clearFilters} disabled={!provider && !hasColumnFilters}>
          Clear filters
        </button>
        <div className="toolbar-spacer" />
        <output className="toolbar-status" aria-live="polite" data-testid="ledger-status">
          {count === null ? '…' : `${formatCount(count)} ${countLabel}`}
          {by && totalLines !== undefined ? ` · ${formatCount(totalLines)} lines` : ''}
          {totals?.map((t) => (
            <span key={t.currency} className="money-inline">
              {' · '}
              {formatMoney(t.billedCost, t.currency)}
            </span>
          ))}
        </output>
      </div>
      {error ? <ErrorNote message={error} /> : null}
      <div className="grid-host">
        <AgGridReact
          key={by ? `groups:${by.join(',')}` : 'lines'}
          theme={gridTheme}
          columnDefs={columnDefs as never}
          defaultColDef={{ sortable: true, resizable: true, suppressHeaderMenuButton: false }}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={60}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={50}
          infiniteInitialRowCount={1}
          getRowId={(p) => String(by ? (p.data as { rowKey: string }).rowKey : (p.data as { id: number }).id)}
          context={context}
          enableCellTextSelection
          ensureDomOrder
          tooltipShowDelay={400}
          onGridReady={onGridReady}
          onFilterChanged={(e) => setHasColumnFilters(Object.keys(e.api.getFilterModel()).length > 0)}
          overlayNoRowsTemplate="No lines match these filters."
        />
      </div>
    </section>
  );
}
