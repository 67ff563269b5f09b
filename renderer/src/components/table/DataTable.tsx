import { Fragment, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { download } from '../../api/files';
import { formatCount } from '../../format/money';
import './data-table.css';
import { buildTable, isNumeric, tableCsv, type SortState, type TableColumn, type TableGroups } from './table-model';

export type { TableColumn, TableGroups } from './table-model';

interface DataTableProps<R> {
  rows: readonly R[];
  columns: readonly TableColumn<R>[];
  /** The table's name: its caption for screen readers, its CSV's file name. */
  label: string;
  /** The workspace currency, for money columns. */
  currency?: string;
  rowKey: (row: R, index: number) => string;
  testId?: string;
  className?: string;
  /** Attributes of a body row (a test id, a selected state). */
  rowProps?: (row: R) => { className?: string; 'data-testid'?: string; 'aria-selected'?: boolean; [data: `data-${string}`]: string | undefined };
  /** Footer lines: "Total" over every money and count column that totals. */
  footer?: boolean;
  /** When there are no rows: what to do next. */
  empty?: ReactNode;
  /** Buttons of the view's own, beside the table's. */
  actions?: ReactNode;
  /** A row's unfolded detail (an expected invoice under its month), on a line of its own beneath it; null when folded. */
  detail?: (row: R) => ReactNode | null;
  /** Compact rows (the import wizard's small tables). */
  compact?: boolean;
  /** The footer's name for the total line ("Total", "Ledger"). */
  totalLabel?: string;
  /** False: money cells without the currency code, for wide tables whose caption or heading names it. */
  currencyCode?: boolean;
  /** Rows under collapsible group rows carrying footed subtotals (a provider over its models). */
  groups?: TableGroups<R>;
  /** Attributes of a group's tbody (a test id, a data attribute naming it). */
  groupProps?: (key: string) => { 'data-testid'?: string; [data: `data-${string}`]: string | undefined };
}

const MIN_WIDTH = 48;
const MAX_WIDTH = 1600;

/**
 * One table for every report in the app that is not a grid of ledger lines:
 * typed columns, click to sort (aria-sort), a filter per column, columns
 * resized by their header's edge (mouse or arrow keys), CSV of what is shown
 * (formula-safe), footers that foot by the rounding rule, and an empty state
 * that says what to do. Plain HTML and no grid library: these tables hold
 * tens of rows and several sit on the Overview, which must open fast.
 */
export function DataTable<R>({ rows, columns, label, currency = 'USD', rowKey, testId, className, rowProps, footer, empty, actions, detail, compact, totalLabel = 'Total', currencyCode = true, groups, groupProps }: DataTableProps<R>) {
  const [sort, setSort] = useState<SortState | null>(null);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [filtering, setFiltering] = useState(false);
  const [widths, setWidths] = useState<Record<string, number> | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggleGroup = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const tableRef = useRef<HTMLTableElement>(null);
  // The columns' widths as laid out, for the resize handles' values (a focusable separator states its position).
  const [natural, setNatural] = useState<Record<string, number>>({});
  const model = useMemo(() => buildTable(rows, columns, currency, filtering ? filters : {}, sort, currencyCode, groups), [rows, columns, currency, filters, filtering, sort, currencyCode, groups]);
  const filtered = model.shown.length !== rows.length;
  const hasTotals = footer && model.totals.size > 0;

  const toggleSort = (id: string) =>
    setSort((s) => (s?.column !== id ? { column: id, direction: 'ascending' } : s.direction === 'ascending' ? { column: id, direction: 'descending' } : null));

  /** The widths as laid out now, fixed from the first resize on so one column can grow without the others jumping. */
  const measured = (): Record<string, number> => {
    if (widths) return widths;
    const cells = tableRef.current?.querySelectorAll<HTMLElement>('thead tr:first-child > th') ?? [];
    return Object.fromEntries(columns.map((c, i) => [c.id, Math.round(cells[i]?.getBoundingClientRect().width ?? 120)]));
  };
  useLayoutEffect(() => {
    if (widths) return;
    const cells = tableRef.current?.querySelectorAll<HTMLElement>('thead tr:first-child > th') ?? [];
    const next = Object.fromEntries(columns.map((c, i) => [c.id, Math.round(cells[i]?.getBoundingClientRect().width ?? 0)]));
    setNatural((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
  }, [columns, rows, widths]);
  const resize = (id: string, width: number, base: Record<string, number>) => setWidths({ ...base, [id]: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width))) });
  const startResize = (id: string) => (e: PointerEvent<HTMLSpanElement>) => {
    e.preventDefault();
    const base = measured();
    const startX = e.clientX;
    const start = base[id]!;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => resize(id, start + ev.clientX - startX, base);
    const up = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
  };
  const keyResize = (id: string) => (e: KeyboardEvent<HTMLSpanElement>) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const base = measured();
    resize(id, base[id]! + (e.key === 'ArrowRight' ? 16 : -16), base);
  };

  const exportCsv = () => download(`\uFEFF${tableCsv(rows, columns, currency, model, groups)}`, `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}.csv`);

  if (rows.length === 0 && empty) return <div className="data-table-empty" data-testid={testId ? `${testId}-empty` : undefined}>{empty}</div>;

  const total = (which: 'all' | 'shown', title: string) => (
    <tr className={`data-table-total data-table-total-${which}`} data-testid={testId ? `${testId}-${which === 'all' ? 'total' : 'shown-total'}` : undefined}>
      {columns.map((c, i) => {
        const t = model.totals.get(c.id);
        if (i === 0) return <th key={c.id} scope="row">{t ? `${title}: ${t[which]}` : title}</th>;
        return (
          <td key={c.id} className={isNumeric(c.type) ? 'num' : undefined} data-column={c.id}>
            {t ? t[which] : ''}
          </td>
        );
      })}
    </tr>
  );

  const renderRow = (i: number) => {
    const row = rows[i]!;
    const extra = rowProps?.(row) ?? {};
    const unfolded = detail?.(row) ?? null;
    return (
      <Fragment key={rowKey(row, i)}>
        <tr {...extra}>
          {columns.map((c) => {
            const text = model.texts[i]!.get(c.id)!;
            const cls = [isNumeric(c.type) ? 'num' : '', c.type === 'money' ? 'money' : '', c.className ?? ''].filter(Boolean).join(' ') || undefined;
            const content = c.render ? c.render(row, text) : text;
            return c.rowHeader ? (
              <th key={c.id} scope="row" className={cls} data-column={c.id}>
                {content}
              </th>
            ) : (
              <td key={c.id} className={cls} data-column={c.id}>
                {content}
              </td>
            );
          })}
        </tr>
        {unfolded === null ? null : (
          <tr className="data-table-detail">
            <td colSpan={columns.length}>{unfolded}</td>
          </tr>
        )}
      </Fragment>
    );
  };

  return (
    <div className={`data-table${compact ? ' compact' : ''}${className ? ` ${className}` : ''}`} data-testid={testId ? `${testId}-frame` : undefined}>
      <div className="data-table-bar">
        <output className="muted small" data-testid={testId ? `${testId}-count` : undefined}>
          {filtered ? `${formatCount(model.shown.length)} of ${formatCount(rows.length)} rows` : `${formatCount(rows.length)} ${rows.length === 1 ? 'row' : 'rows'}`}
        </output>
        {actions}
        <button type="button" className="button small ghost" aria-pressed={filtering} onClick={() => setFiltering((f) => !f)} data-testid="table-filter-toggle">
          {filtering ? 'Hide filters' : 'Filter'}
        </button>
        <button type="button" className="button small ghost" onClick={exportCsv} data-testid="table-csv" aria-label={`Export ${label} as CSV`}>
          Export CSV
        </button>
      </div>
      <div className="data-table-scroll">
        <table ref={tableRef} className={`table${compact ? ' compact' : ''}${widths ? ' resized' : ''}`} data-testid={testId} style={widths ? { width: Object.values(widths).reduce((a, b) => a + b, 0) } : undefined}>
          <caption className="sr-only">{label}</caption>
          {widths ? (
            <colgroup>
              {columns.map((c) => (
                <col key={c.id} style={{ width: widths[c.id] }} />
              ))}
            </colgroup>
          ) : null}
          <thead>
            <tr>
              {columns.map((c) => {
                const sorted = sort?.column === c.id ? sort.direction : 'none';
                return (
                  <th key={c.id} scope="col" className={isNumeric(c.type) ? 'num' : undefined} aria-sort={sorted} data-column={c.id} title={c.title}>
                    <button type="button" className="th-sort" onClick={() => toggleSort(c.id)}>
                      {c.header}
                      <span className={`sort-mark sort-${sorted}`} aria-hidden="true" />
                    </button>
                    <span className="col-resize" role="separator" aria-orientation="vertical" aria-label={`Resize ${c.header}`} aria-valuenow={(widths ?? natural)[c.id] ?? MIN_WIDTH} aria-valuemin={MIN_WIDTH} aria-valuemax={MAX_WIDTH} tabIndex={0} onPointerDown={startResize(c.id)} onKeyDown={keyResize(c.id)} />
                  </th>
                );
              })}
            </tr>
            {filtering ? (
              <tr className="data-table-filters">
                {columns.map((c) => (
                  <td key={c.id} data-column={c.id}>
                    <input
                      type="search"
                      className="input"
                      value={filters[c.id] ?? ''}
                      placeholder={isNumeric(c.type) ? '> 100' : 'contains'}
                      title={isNumeric(c.type) ? 'Text in the cell, or a comparison: > 100, <= 0, = 12.5, 10..20' : 'Text anywhere in the cell, any case'}
                      aria-label={`Filter ${c.header}`}
                      onChange={(e) => setFilters((f) => ({ ...f, [c.id]: e.target.value }))}
                    />
                  </td>
                ))}
              </tr>
            ) : null}
          </thead>
          {model.groups ? (
            model.groups.map((g) => {
              const open = !collapsed.has(g.key);
              return (
                <tbody key={g.key} data-group={g.key} {...(groupProps?.(g.key) ?? {})}>
                  <tr className="data-table-group">
                    {columns.map((c, i) =>
                      i === 0 ? (
                        <th key={c.id} scope="rowgroup" data-column={c.id}>
                          <button type="button" className="group-toggle" aria-expanded={open} onClick={() => toggleGroup(g.key)} title={open ? `Fold ${g.label}` : `Unfold ${g.label}`}>
                            <span className={`group-mark${open ? ' open' : ''}`} aria-hidden="true" />
                            {g.label}
                          </button>
                          {filtered ? <span className="muted small"> {`${g.shown.length} of ${g.size}`}</span> : null}
                        </th>
                      ) : (
                        <td key={c.id} className={[isNumeric(c.type) ? 'num' : '', c.type === 'money' ? 'money' : ''].filter(Boolean).join(' ') || undefined} data-column={c.id}>
                          {g.subtotals.get(c.id) ?? ''}
                        </td>
                      ),
                    )}
                  </tr>
                  {open ? g.shown.map(renderRow) : null}
                </tbody>
              );
            })
          ) : (
            <tbody>{model.shown.map(renderRow)}</tbody>
          )}
          {model.shown.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={columns.length} className="muted data-table-none">
                  No row matches the filters.{' '}
                  <button type="button" className="link-button" onClick={() => setFilters({})}>
                    Clear the filters
                  </button>
                </td>
              </tr>
            </tbody>
          ) : null}
          {hasTotals ? (
            <tfoot>
              {filtered ? total('shown', `Shown (${model.shown.length} of ${rows.length})`) : null}
              {total('all', totalLabel)}
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  );
}
