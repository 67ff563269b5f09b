import type { CellKeyDownEvent, ColDef, FilterChangedEvent, GetRowIdParams, GridApi, GridReadyEvent, ICellRendererParams, RowClassParams, RowDoubleClickedEvent, SortChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LEDGER_FIELDS, type LedgerDimension, type LedgerFilter, type LedgerSummary } from '../../../../shared/api/ledger';
import type { LedgerExportFormat, LedgerExportInput } from '../../../../shared/api/ledger-export';
import { useClient } from '../../api/ClientContext';
import { gridTheme } from '../../components/grid-theme';
import { EmptyState, IMPORT_A_STATEMENT } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { MenuButton } from '../../components/MenuButton';
import { formatCount, formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';
import { useWorkspace } from '../../state/StoresContext';
import { toLedgerSort } from './filter-model';
import { groupKey, groupLabel, groupLineFilters } from './group-lines';
import { GROUPINGS, LINE_FILTER_KINDS, groupColumns, groupFilterKinds, lineColumns, totalRows, type LedgerGridContext } from './ledger-columns';
import { SUMMARY_MEASURES, groupsDatasource, linesDatasource, type DatasourceHooks, type GroupRow } from './ledger-datasource';
import { ProviderPicker } from './ProviderPicker';
import { useLedgerExport } from './use-ledger-export';

/** Rows per `ledger.query` page: a screenful or three, small enough to answer fast on a million lines. */
const BLOCK_SIZE = 100;

// The grid's options are passed as the same objects on every render: AG Grid's React wrapper applies any
// option whose identity changed, and a new `defaultColDef` rebuilds every column (header and cells) — the
// ledger re-renders half a dozen times while its first page, count, totals and import names come in.
const LINE_DEFAULT_COL: ColDef = { sortable: true, resizable: true, suppressHeaderMenuButton: false };
const GROUP_LINES_DEFAULT_COL: ColDef = { sortable: true, resizable: true };
const lineRowId = (p: GetRowIdParams) => String((p.data as { id: number }).id);

type Sort = NonNullable<LedgerExportInput['sort']>;

/** What the group grid's cells read besides the line grid's: which group is open, and how to open one. */
interface GroupGridContext extends LedgerGridContext {
  openKey: string | null;
  toggle(row: GroupRow): void;
  by: readonly LedgerDimension[];
}

/** The grid's sort, in the order it was set, as the API's sort. */
function sortOf(api: GridApi, allowed: readonly string[]): Sort {
  const state = api
    .getColumnState()
    .filter((c) => c.sort)
    .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
    .map((c) => ({ colId: c.colId, sort: c.sort as 'asc' | 'desc' }));
  return toLedgerSort(state, allowed) as Sort;
}

/** The first column of a group row: opens the group to its lines (or closes it). */
function OpenGroupCell(params: ICellRendererParams<GroupRow, unknown, GroupGridContext>) {
  const row = params.data;
  if (!row || params.node.rowPinned) return null;
  const ctx = params.context;
  const open = ctx.openKey === groupKey(ctx.by, row);
  const label = `${open ? 'Close' : 'Show'} the ${formatCount(row.lines)} ${row.lines === 1 ? 'line' : 'lines'} of ${groupLabel(ctx.by, row)}`;
  return (
    <button type="button" className={`group-open${open ? ' is-open' : ''}`} aria-expanded={open} aria-label={label} title={label} onClick={() => ctx.toggle(row)} data-testid="open-group">
      <span aria-hidden="true">{open ? '▾' : '▸'}</span>
    </button>
  );
}

const OPEN_COLUMN: ColDef<GroupRow> = {
  colId: 'open',
  headerName: '',
  headerTooltip: 'Open a group to see its lines',
  width: 52,
  pinned: 'left',
  sortable: false,
  filter: false,
  resizable: false,
  suppressHeaderMenuButton: true,
  cellClass: 'cell-open',
  cellRenderer: OpenGroupCell,
};

function ExportMenu({ label, onExport, disabled }: { label: string; onExport: (format: LedgerExportFormat) => void; disabled?: boolean }) {
  if (disabled) {
    return (
      <button type="button" className="button" disabled>
        {label}
      </button>
    );
  }
  return (
    <MenuButton
      label={label}
      items={[
        { id: 'csv', label: 'CSV (every digit)', onSelect: () => onExport('csv') },
        { id: 'xlsx', label: 'Excel workbook (.xlsx)', onSelect: () => onExport('xlsx') },
      ]}
    />
  );
}

/**
 * The usage ledger, every line or grouped totals, paged from the backend:
 * nothing is loaded that is not on screen, so a million-line workspace
 * scrolls like the demo. A group opens to its lines below the groups, and
 * what is on screen (filters, sort, grouping) exports to CSV or Excel.
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
  const [sort, setSort] = useState<Sort>([]);
  const [hasColumnFilters, setHasColumnFilters] = useState(false);
  const [openGroup, setOpenGroup] = useState<GroupRow | null>(null);
  const [groupTotals, setGroupTotals] = useState<LedgerSummary['totals'] | null>(null);
  const apiRef = useRef<GridApi | null>(null);
  const exporter = useLedgerExport();

  const by: LedgerDimension[] | null = useMemo(() => GROUPINGS.find((g) => g.id === grouping)?.by ?? null, [grouping]);
  const baseFilters = useMemo<LedgerFilter[]>(() => (provider ? [{ field: 'provider', op: 'eq', value: provider }] : []), [provider]);

  const imports = useApiData((c) => c.call('imports.list', {}), []);
  const importNames = useMemo(() => new Map((imports.data?.imports ?? []).map((i) => [i.id, i.fileName])), [imports.data]);
  const openKey = by && openGroup ? groupKey(by, openGroup) : null;
  const toggle = useCallback((row: GroupRow) => setOpenGroup((current) => (current && current.rowKey === row.rowKey ? null : row)), []);
  const context = useMemo<GroupGridContext>(() => ({ exactDecimals, importNames, openKey, toggle, by: by ?? [] }), [exactDecimals, importNames, openKey, toggle, by]);

  const hooks = useMemo<DatasourceHooks>(
    () => ({
      onFilters: (f) => setFilters(f),
      onCount: (n) => setCount(n),
      onRowCount: (n) => {
        const api = apiRef.current;
        if (api && !api.isDestroyed()) api.setRowCount(n, true);
      },
      onError: (m) => setError(m),
      onGroupTotals: (t) => setGroupTotals(t),
    }),
    [],
  );

  const datasource = useMemo(
    () => (by ? groupsDatasource(client, by, baseFilters, groupFilterKinds(by), hooks) : linesDatasource(client, baseFilters, LINE_FILTER_KINDS, hooks, BLOCK_SIZE)),
    // A new workspace means new data: `revision` makes a fresh datasource and the grid reloads.
    [client, by, baseFilters, hooks, revision],
  );
  // Only the datasource on screen may update the toolbar; a replaced one's late answers are dropped.
  useEffect(() => {
    datasource.setActive(true);
    return () => datasource.setActive(false);
  }, [datasource]);
  const columnDefs = useMemo(() => (by ? [OPEN_COLUMN, ...groupColumns(by)] : lineColumns()), [by]);

  // Another grouping, other filters or another workspace: the open group is not on screen any more.
  const filtersKey = JSON.stringify(filters);
  useEffect(() => setOpenGroup(null), [by, filtersKey, revision]);
  useEffect(() => setSort([]), [by]);
  useEffect(() => setGroupTotals(null), [by, filtersKey]);

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
    // Another grouping re-keys the grid: the old one is gone and the new one renders with this context.
    const api = apiRef.current;
    if (api && !api.isDestroyed()) api.refreshCells({ force: true });
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

  const onSortChanged = useCallback((e: SortChangedEvent) => setSort(sortOf(e.api, by ? [...by, ...SUMMARY_MEASURES] : LEDGER_FIELDS)), [by]);

  // Enter on a group row opens it, as the button in its first cell does.
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent) => {
      const key = (e.event as KeyboardEvent | null)?.key;
      if (by && key === 'Enter' && e.data && !e.node.rowPinned) toggle(e.data as GroupRow);
    },
    [by, toggle],
  );

  const getRowId = useMemo(() => (by ? (p: GetRowIdParams) => (p.data as GroupRow).rowKey : lineRowId), [by]);
  const getRowClass = useCallback(
    (p: RowClassParams) => (p.node.rowPinned ? 'row-total' : by && openKey && p.data && (p.data as GroupRow).rowKey === openKey ? 'row-open-group' : undefined),
    [by, openKey],
  );
  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent) => by && e.data && !e.node.rowPinned && toggle(e.data as GroupRow), [by, toggle]);
  const onFilterChanged = useCallback((e: FilterChangedEvent) => setHasColumnFilters(Object.keys(e.api.getFilterModel()).length > 0), []);
  const pinnedBottomRowData = useMemo(() => (by && groupTotals ? totalRows(by, groupTotals) : undefined), [by, groupTotals]);

  const clearFilters = () => {
    setProvider('');
    if (apiRef.current && !apiRef.current.isDestroyed()) apiRef.current.setFilterModel(null);
  };

  const totalLines = totals?.reduce((n, t) => n + t.lines, 0);
  const countLabel = by ? 'groups' : 'lines';
  const viewName = by ? `by ${GROUPINGS.find((g) => g.id === grouping)?.label ?? grouping}` : 'every line';
  const exportView = (format: LedgerExportFormat) =>
    void exporter.run({ format, by: by ?? [], filters: filters ?? baseFilters, sort, title: `${by ? `Grouped ${viewName}` : 'Every line'}${(filters ?? baseFilters).length > 0 ? ', filtered' : ''}` }, `ledger-${by ? by.join('-') : 'lines'}`);

  const header = (
    <header className="view-header">
      <h1 id="ledger-title" tabIndex={-1}>
        Ledger
      </h1>
      <p className="view-subtitle">Every imported line, normalised, with its provenance. Sorted, filtered and grouped in the workspace; a group opens to its lines.</p>
    </header>
  );

  // A workspace nothing has been imported into says so, rather than an empty grid that reads as "no match".
  if (imports.data && imports.data.imports.length === 0)
    return (
      <section className="view view-ledger" aria-labelledby="ledger-title">
      {header}
        <EmptyState title="The ledger is empty" icon="ledger" action={IMPORT_A_STATEMENT}>
          Import a vendor statement and every line lands here, normalised and traceable to its file, ready to sort, filter, group and export.
        </EmptyState>
      </section>
    );

  return (
    <section className="view view-ledger" aria-labelledby="ledger-title">
      {header}
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
        <ExportMenu label={by ? 'Export the groups' : 'Export the lines'} onExport={exportView} disabled={exporter.busy || count === 0} />
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
      {by && !exactDecimals
        ? groupTotals
            ?.filter((t) => t.groupsAddUpTo.billedCost !== t.shown.billedCost)
            .map((t) => (
              <p key={t.currency} className="muted small export-status" data-testid="footing-note">
                {`Each month is rounded on its own, as on every screen: as shown the months add up to ${formatMoney(t.groupsAddUpTo.billedCost, t.currency)}, while the exact total rounds to ${formatMoney(t.shown.billedCost, t.currency)} (“All decimals” shows every digit).`}
              </p>
            ))
        : null}
      {exporter.message ? (
        <p className="muted small export-status" role="status" data-testid="export-status">
          {exporter.message}
        </p>
      ) : null}
      {exporter.error ? <ErrorNote title="Could not export the view" message={exporter.error} /> : null}
      {error ? <ErrorNote message={error} /> : null}
      <div className={`grid-host${by && openGroup ? ' grid-host-split' : ''}`}>
        <AgGridReact
          key={by ? `groups:${by.join(',')}` : 'lines'}
          theme={gridTheme}
          columnDefs={columnDefs as never}
          defaultColDef={LINE_DEFAULT_COL}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={60}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={50}
          infiniteInitialRowCount={1}
          getRowId={getRowId}
          pinnedBottomRowData={pinnedBottomRowData}
          getRowClass={getRowClass}
          context={context}
          enableCellTextSelection
          ensureDomOrder
          tooltipShowDelay={400}
          onGridReady={onGridReady}
          onSortChanged={onSortChanged}
          onCellKeyDown={onCellKeyDown}
          onRowDoubleClicked={onRowDoubleClicked}
          onFilterChanged={onFilterChanged}
          overlayNoRowsTemplate="No lines match these filters."
        />
      </div>
      {by && openGroup ? (
        <GroupLines
          key={openGroup.rowKey}
          group={openGroup}
          by={by}
          viewFilters={filters ?? baseFilters}
          exactDecimals={exactDecimals}
          importNames={importNames}
          onClose={() => setOpenGroup(null)}
          onExport={(format, lineFilters, lineSort) => void exporter.run({ format, filters: lineFilters, sort: lineSort, title: `The lines of ${groupLabel(by, openGroup)}` }, 'ledger-group-lines')}
          exportBusy={exporter.busy}
        />
      ) : null}
    </section>
  );
}

/** The lines of one group, under the groups: the same columns, sorting and filters as the lines view. */
function GroupLines({
  group,
  by,
  viewFilters,
  exactDecimals,
  importNames,
  onClose,
  onExport,
  exportBusy,
}: {
  group: GroupRow;
  by: LedgerDimension[];
  viewFilters: LedgerFilter[];
  exactDecimals: boolean;
  importNames: ReadonlyMap<number, string>;
  onClose: () => void;
  onExport: (format: LedgerExportFormat, filters: LedgerFilter[], sort: Sort) => void;
  exportBusy: boolean;
}) {
  const client = useClient();
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filters, setFilters] = useState<LedgerFilter[] | null>(null);
  const [sort, setSort] = useState<Sort>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = useMemo(() => groupLineFilters(by, group, viewFilters), [by, group, viewFilters]);
  const gridRef = useRef<GridApi | null>(null);
  const hooks = useMemo<DatasourceHooks>(
    () => ({
      onFilters: setFilters,
      onCount: setCount,
      onRowCount: (n) => {
        const api = gridRef.current;
        if (api && !api.isDestroyed()) api.setRowCount(n, true);
      },
      onError: setError,
    }),
    [],
  );
  const datasource = useMemo(() => linesDatasource(client, base, LINE_FILTER_KINDS, hooks), [client, base, hooks]);
  useEffect(() => {
    datasource.setActive(true);
    return () => datasource.setActive(false);
  }, [datasource]);
  const columnDefs = useMemo(() => lineColumns(), []);
  const context = useMemo<LedgerGridContext>(() => ({ exactDecimals, importNames }), [exactDecimals, importNames]);
  useEffect(() => headingRef.current?.focus(), []);
  const onGridReady = useCallback((e: GridReadyEvent) => {
    gridRef.current = e.api;
  }, []);
  const onSortChanged = useCallback((e: SortChangedEvent) => setSort(sortOf(e.api, LEDGER_FIELDS)), []);
  const label = groupLabel(by, group);

  return (
    <section className="panel group-lines" aria-labelledby="group-lines-title" data-testid="group-lines">
      <div className="panel-header">
        <h2 id="group-lines-title" ref={headingRef} tabIndex={-1}>
          Lines of {label}
        </h2>
        <span className="muted small" data-testid="group-lines-status">
          {count === null ? '…' : `${formatCount(count)} of ${formatCount(group.lines)} ${group.lines === 1 ? 'line' : 'lines'}`} · {formatMoney(group.billedCost, group.currency)} billed
        </span>
        <span className="toolbar-spacer" />
        <ExportMenu label="Export these lines" onExport={(format) => onExport(format, filters ?? base, sort)} disabled={exportBusy || count === 0} />
        <button type="button" className="button ghost" onClick={onClose} aria-label={`Close the lines of ${label}`}>
          Close
        </button>
      </div>
      {error ? <ErrorNote message={error} /> : null}
      <div className="group-lines-grid">
        <AgGridReact
          theme={gridTheme}
          columnDefs={columnDefs as never}
          defaultColDef={GROUP_LINES_DEFAULT_COL}
          rowModelType="infinite"
          datasource={datasource}
          cacheBlockSize={BLOCK_SIZE}
          maxBlocksInCache={30}
          maxConcurrentDatasourceRequests={2}
          blockLoadDebounceMillis={50}
          onGridReady={onGridReady}
          infiniteInitialRowCount={1}
          getRowId={lineRowId}
          context={context}
          enableCellTextSelection
          ensureDomOrder
          onSortChanged={onSortChanged}
          overlayNoRowsTemplate="No lines match these filters."
        />
      </div>
    </section>
  );
}
