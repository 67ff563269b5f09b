import type { GridApi } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InvoiceCheckRun } from '../../../../shared/api/contracts';
import type { JobEvent } from '../../../../shared/api/jobs';
import { monthRange } from '../../../../shared/domain/calendar';
import { FINDING_SEVERITY, MONTH_NOTE_TEXT } from '../../../../shared/domain/invoice-check/findings';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { useFiles } from '../../api/files';
import { EmptyState, IMPORT_A_STATEMENT } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { GRID_COLUMN_DEFAULTS, gridTheme } from '../../components/grid-theme';
import { formatMonth, formatTimestamp } from '../../format/dates';
import { providerName, serviceTierLabel, usageClassWords } from '../../format/labels';
import { formatCount, formatMoney } from '../../format/money';
import { useWorkspace } from '../../state/StoresContext';
import { useApiData } from '../../state/useApiData';
import './grid-modules';
import { invoiceColumns, type CheckGridContext } from './invoice-columns';
import { isSingleMonth } from './variance-option';
import { VarianceChart } from './VarianceChart';
import { ExpectedInvoiceLines } from './ExpectedInvoiceLines';

function monthsOf(first: string | null | undefined, last: string | null | undefined): string[] {
  return first && last ? monthRange(first, last) : [];
}

/**
 * The invoice check: pick a contract (or all) and a month (or all), run it
 * as a job, and see per line and in total what was billed against what the
 * contract says, with findings in plain words. The latest run of each scope
 * is kept in the workspace and shown again when the scope is chosen, with
 * what changed since it ran (a contract saved, an import added): then it
 * says to run it again.
 */
export function InvoiceCheckTab({ active = true }: { active?: boolean }) {
  const client = useClient();
  const files = useFiles();
  const { info } = useWorkspace();
  const [listed, setListed] = useState(0);
  const contracts = useApiData((c) => c.call('contracts.list', {}), [listed]);
  const months = useMemo(() => monthsOf(info?.firstMonth, info?.lastMonth).reverse(), [info?.firstMonth, info?.lastMonth]);
  const [contractId, setContractId] = useState('');
  const [month, setMonth] = useState('');
  const [run, setRun] = useState<InvoiceCheckRun | null>(null);
  const [progress, setProgress] = useState<JobEvent | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [onlyFindings, setOnlyFindings] = useState(false);
  const apiRef = useRef<GridApi | null>(null);
  const gridHostRef = useRef<HTMLDivElement | null>(null);
  /** The line "Show the line" asked for, brought into view once the grid holds it. */
  const [focusRef, setFocusRef] = useState<string | null>(null);
  /** The months whose expected invoice is unfolded under their row. */
  const [openInvoices, setOpenInvoices] = useState<ReadonlySet<string>>(new Set());
  const toggleInvoice = (key: string) =>
    setOpenInvoices((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const scope = useMemo(() => ({ ...(contractId ? { contractId } : {}), ...(month ? { month } : {}) }), [contractId, month]);

  // The latest stored run of this scope, if any (asked again after each run, which is then the latest).
  const [runs, setRuns] = useState(0);
  // Asked again each time the tab is shown: a contract saved meanwhile makes the stored check say so.
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (active) setShown((n) => n + 1);
  }, [active]);
  const last = useApiData((c) => c.call('contracts.lastInvoiceCheck', scope), [scope, runs, shown]);
  useEffect(() => {
    setRun(last.data?.run ?? null);
  }, [last.data]);
  // Only for the stored run on screen: a run just made is asked for again and comes back unchanged.
  const changedSince = run && last.data?.run?.runId === run.runId ? (last.data.changedSince ?? null) : null;

  const start = async () => {
    setRunning(true);
    setError(null);
    setProgress(null);
    try {
      const result = await client.runJob('contracts.invoiceCheck', scope, (event) => setProgress(event)).result;
      setRun(result);
      setRuns((n) => n + 1);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setRunning(false);
    }
  };

  const exportCsv = async () => {
    if (!run) return;
    setError(null);
    try {
      const csv = await client.call('contracts.exportInvoiceCheckCsv', { runId: run.runId });
      await files.saveText({
        title: 'Export the invoice check',
        fileName: csv.fileName,
        kind: 'CSV',
        extensions: ['csv'],
        text: csv.csv,
        writeTo: (path) => client.call('contracts.exportInvoiceCheckCsv', { runId: run.runId, path }),
      });
    } catch (e) {
      setError(describeError(e));
    }
  };

  const context = useMemo<CheckGridContext>(() => ({ verify: new Map((run?.priceRows ?? []).filter((r) => r.verify).map((r) => [r.id, r.note])) }), [run]);
  const rows = useMemo(() => (run ? (onlyFindings ? run.lines.filter((l) => l.findings.length > 0) : run.lines) : []), [run, onlyFindings]);
  const columns = useMemo(() => invoiceColumns(), []);
  const contractList = contracts.data?.contracts ?? [];
  const contractName = (id: string | null) => contractList.find((c) => c.id === id)?.name ?? id ?? 'list prices';
  const verifyRows = run?.priceRows.filter((r) => r.verify) ?? [];

  const showLine = (ref: string | null) => {
    if (!ref || !run) return;
    setOnlyFindings(true);
    setFocusRef(ref);
  };

  // Once the grid shows the lines with findings: scroll the page to the grid, the grid to the line, and select it.
  useEffect(() => {
    if (!focusRef) return;
    let tries = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const bring = () => {
      const api = apiRef.current;
      const node = api?.getRowNode(focusRef);
      if (!api || !node) {
        if (tries++ < 20) timer = setTimeout(bring, 50);
        return;
      }
      gridHostRef.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      api.ensureNodeVisible(node, 'middle');
      node.setSelected(true, true);
      setFocusRef(null);
    };
    bring();
    return () => clearTimeout(timer);
  }, [focusRef, rows]);

  return (
    <div className="invoice-check">
      <div className="toolbar" role="toolbar" aria-label="Invoice check">
        <label className="field-inline">
          <span>Contract</span>
          <select value={contractId} onChange={(e) => setContractId(e.target.value)} onFocus={() => setListed((n) => n + 1)} data-testid="check-contract">
            <option value="">Every vendor, under its contracts</option>
            {contractList.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({providerName(c.vendor)})
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>Month</span>
          <select value={month} onChange={(e) => setMonth(e.target.value)} data-testid="check-month">
            <option value="">Every month</option>
            {months.map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button primary" onClick={() => void start()} disabled={running} data-testid="run-check">
          {running ? 'Checking…' : 'Run the check'}
        </button>
        {running && progress ? (
          <span className="check-progress" role="status">
            <progress max={progress.total ?? 1} value={progress.total === null ? undefined : progress.done} aria-label="Invoice check progress" /> {progress.message}
          </span>
        ) : null}
        <div className="toolbar-spacer" />
        <button type="button" className="button" onClick={() => void exportCsv()} disabled={!run || running} data-testid="export-check">
          Export CSV
        </button>
      </div>
      {error ? <ErrorNote title="The check could not run" message={error} /> : null}
      {!run ? (
        running ? null : !info?.firstMonth ? (
          <EmptyState title="Nothing to check yet" icon="contracts" action={IMPORT_A_STATEMENT}>
            The check re-prices the ledger’s usage under your contracts and compares it with what the vendor billed: import a vendor statement first, then add its contract under Contracts.
          </EmptyState>
        ) : (
          <EmptyState title="Not checked yet" icon="contracts">
            Run the check to re-price the ledger’s usage under the contract in force on each day and compare it, line by line and month by month, with what the vendor billed.
          </EmptyState>
        )
      ) : (
        <>
          {changedSince ? (
            <div className="note warn" role="status" data-testid="check-changed">
              <strong>{sentence(changedSince.message)}.</strong> The figures below are those of the check made {formatTimestamp(run.checkedAt)}.{' '}
              <button type="button" className="button small" onClick={() => void start()} disabled={running}>
                Run it again
              </button>
            </div>
          ) : null}
          <p className="muted small" data-testid="check-meta">
            {run.scope.contractName ?? 'Every vendor'}
            {run.scope.month ? `, ${formatMonth(run.scope.month)}` : ', every month'} · checked {formatTimestamp(run.checkedAt)} · {formatCount(run.stats.ledgerLines)} ledger lines in {formatCount(run.stats.checkLines)} check lines
            {run.stats.pairedLines > 0 ? ` (${formatCount(run.stats.pairedLines)} costed lines given their quantity by the usage report of the same day)` : ''} · price book as of {run.stats.catalogueAsOf}
          </p>
          <div className="kpis" data-testid="check-kpis">
            {run.totals.map((t) => (
              <div key={`b-${t.currency}`} className="kpi">
                <span className="kpi-label">Billed</span>
                <span className="kpi-value money">{formatMoney(t.billed, t.currency)}</span>
                <span className="kpi-sub">
                  everything but tax, in the months checked
                  {t.uncheckedMonths > 0 ? `; ${formatMoney(t.uncheckedBilled, t.currency)} more in ${formatCount(t.uncheckedMonths)} month${t.uncheckedMonths === 1 ? '' : 's'} not checked (see the table)` : ''}
                </span>
              </div>
            ))}
            {run.totals.map((t) => (
              <div key={`c-${t.currency}`} className="kpi">
                <span className="kpi-label">Contracted</span>
                <span className="kpi-value money">{formatMoney(t.contracted, t.currency)}</span>
                <span className="kpi-sub">the invoices the contracts give</span>
              </div>
            ))}
            {run.totals.map((t) => (
              <div key={`v-${t.currency}`} className="kpi" data-testid="check-variance">
                <span className="kpi-label">Billed − contracted</span>
                <span className={t.variance.startsWith('-') ? 'kpi-value money' : 'kpi-value money bad'}>{formatMoney(t.variance, t.currency)}</span>
                <span className="kpi-sub">{t.variance.startsWith('-') ? 'billed less than the contract says' : 'billed more than the contract says'}</span>
              </div>
            ))}
            <div className="kpi" data-testid="check-finding-count">
              <span className="kpi-label">Findings</span>
              <span className={run.findings.length > 0 ? 'kpi-value bad' : 'kpi-value'}>{run.findings.length}</span>
              <span className="kpi-sub">{run.findings.length === 0 ? 'the bill agrees with the contract' : 'see below'}</span>
            </div>
          </div>
          <div className="check-columns">
            <div className="panel findings-panel">
              <div className="panel-header">
                <h2>Findings</h2>
              </div>
              {run.findings.length === 0 ? (
                <p className="muted">Nothing to raise with the vendors: every line and every month agrees with the contract within a cent (or 0.5%).</p>
              ) : (
                <ul className="findings" data-testid="findings">
                  {run.findings.map((f, i) => (
                    <li key={i} className={`finding severity-${FINDING_SEVERITY[f.code]}`} data-code={f.code} data-severity={FINDING_SEVERITY[f.code]}>
                      <span className="finding-text">{f.message}</span>
                      <span className="finding-meta muted small" data-testid="finding-meta">
                        {providerName(f.provider)}
                        {f.lines > 1 ? '' : ` · ${formatMonth(f.month)}`}
                        {f.lines > 0 ? ` · ${formatCount(f.lines)} line${f.lines === 1 ? '' : 's'}` : ''}
                        {f.billed !== null && f.lines > 1 ? ` · billed ${formatMoney(f.billed, f.currency)}` : ''}
                        {f.overcharge ? ` · overcharge ${formatMoney(f.overcharge, f.currency)}` : ''}
                      </span>
                      {f.lineRef ? (
                        <button type="button" className="button small ghost" onClick={() => showLine(f.lineRef)}>
                          {f.lines > 1 ? 'Show the first line' : 'Show the line'}
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              )}
              {verifyRows.length > 0 ? (
                <div className="verify-note" role="note" data-testid="verify-note">
                  <strong>Prices to verify.</strong> {verifyRows.length === 1 ? 'One price row' : `${verifyRows.length} price rows`} behind these lines rest on secondary sources (marked ⚠ in the grid):
                  <ul>
                    {verifyRows.map((r) => (
                      <li key={r.id}>
                        <code>{r.id}</code>: {r.note}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : null}
            </div>
            <div className="panel chart-panel">
              <div className="panel-header">
                <h2>{isSingleMonth(run) ? 'Variance per line, by day' : 'Variance per month'}</h2>
              </div>
              <div className="chart-frame">
                <VarianceChart run={run} label={isSingleMonth(run) ? 'Billed minus contracted for each check line, by day; lines with findings in red' : 'Billed minus contracted each month, per vendor'} />
              </div>
            </div>
          </div>
          <div className="panel table-panel" tabIndex={0} role="region" aria-label="Billed against contracted, month by month">
            <DataTable
              rows={run.months}
              columns={checkMonthColumns(contractName, openInvoices, toggleInvoice)}
              label="Billed against contracted, month by month"
              rowKey={monthKey}
              testId="check-months"
              detail={(m) => (openInvoices.has(monthKey(m)) && m.invoice ? <ExpectedInvoiceLines month={m} contractName={contractName(m.contractId)} /> : null)}
            />
          </div>
          <div className="toolbar">
            <h2 className="grid-title">Lines</h2>
            <label className="field-inline checkbox">
              <input type="checkbox" checked={onlyFindings} onChange={(e) => setOnlyFindings(e.target.checked)} data-testid="only-findings" />
              <span>Only lines with findings</span>
            </label>
            <div className="toolbar-spacer" />
            <output className="toolbar-status">
              {formatCount(rows.length)} of {formatCount(run.lines.length)} lines
            </output>
          </div>
          {run.unpairedUsage.length > 0 ? <UnpairedUsage run={run} /> : null}
          <div className="grid-host check-grid" data-testid="check-grid" ref={gridHostRef}>
            <AgGridReact
              theme={gridTheme}
              rowData={rows}
              columnDefs={columns}
              defaultColDef={GRID_COLUMN_DEFAULTS}
              context={context}
              getRowId={(p) => p.data.ref}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              getRowClass={(p) => ((p.data?.findings.length ?? 0) > 0 ? 'row-finding' : undefined)}
              onGridReady={(e) => {
                apiRef.current = e.api;
              }}
              tooltipShowDelay={300}
            />
          </div>
        </>
      )}
    </div>
  );
}

/** "the contract changed since this check: run it again" as a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Usage a usage report gave on days no costs report of the vendor covers: nothing billed it, so nothing was checked. */
type Unpaired = InvoiceCheckRun['unpairedUsage'][number];
const UNPAIRED_COLUMNS: TableColumn<Unpaired>[] = [
  { id: 'month', header: 'Month', type: 'month', value: (u) => u.month, text: (u) => formatMonth(u.month), csv: (u) => u.month },
  { id: 'vendor', header: 'Vendor', type: 'text', value: (u) => providerName(u.provider) },
  { id: 'model', header: 'Model', type: 'text', value: (u) => u.model ?? '—', className: 'mono' },
  { id: 'usage', header: 'Usage', type: 'text', value: (u) => `${usageClassWords(u.usageClass)}${u.serviceTier !== 'standard' ? ` (${serviceTierLabel(u.serviceTier).toLowerCase()})` : ''}` },
  { id: 'days', header: 'Days', type: 'count', value: (u) => u.days },
  { id: 'quantity', header: 'Quantity', type: 'quantity', value: (u) => Number(u.quantity), csv: (u) => u.quantity },
];

type CheckMonth = InvoiceCheckRun['months'][number];
const monthKey = (m: CheckMonth) => `${m.month}|${m.provider}|${m.currency}|${m.contractId ?? ''}`;

/** Billed, contracted and the variance in each row's own currency; sorted exactly, blanks (unpriced) last. */
function checkMonthColumns(contractName: (id: string | null) => string, openInvoices: ReadonlySet<string>, toggle: (key: string) => void): TableColumn<CheckMonth>[] {
  const money = (id: string, header: string, of: (m: CheckMonth) => string | null, none: (m: CheckMonth) => string): TableColumn<CheckMonth> => ({
    id,
    header,
    type: 'money',
    value: of,
    text: (m) => (of(m) === null ? none(m) : formatMoney(of(m)!, m.currency)),
    csv: (m) => (of(m) === null ? null : `${of(m)} ${m.currency}`),
  });
  return [
    { id: 'month', header: 'Month', type: 'month', value: (m) => m.month, text: (m) => formatMonth(m.month), csv: (m) => m.month, rowHeader: true },
    { id: 'vendor', header: 'Vendor', type: 'text', value: (m) => providerName(m.provider) },
    { id: 'contract', header: 'Contract', type: 'text', value: (m) => contractName(m.contractId) },
    money('billed', 'Billed', (m) => m.billed, () => '—'),
    { ...money('contracted', 'Contracted', (m) => m.contracted, (m) => MONTH_NOTE_TEXT[m.note ?? 'unpriced']), render: (m, text) => (m.contracted === null ? <span className="muted">{text}</span> : text) },
    money('variance', 'Billed − contracted', (m) => m.variance, () => '—'),
    {
      id: 'invoice',
      header: 'Expected invoice',
      type: 'count',
      value: (m) => m.invoice?.lines.length ?? null,
      text: (m) => (m.invoice ? `${m.invoice.lines.length} lines` : ''),
      render: (m) => {
        if (!m.invoice) return null;
        const open = openInvoices.has(monthKey(m));
        return (
          <button type="button" className="button small ghost" aria-expanded={open} onClick={() => toggle(monthKey(m))} data-testid="show-expected-invoice">
            {open ? 'Hide the invoice' : `Expected invoice (${m.invoice.lines.length} lines)`}
          </button>
        );
      },
    },
  ];
}

function UnpairedUsage({ run }: { run: InvoiceCheckRun }) {
  return (
    <details className="panel unpaired-usage" data-testid="unpaired-usage">
      <summary>
        {formatCount(run.unpairedUsage.length)} usage {run.unpairedUsage.length === 1 ? 'stream' : 'streams'} with no costs report to pair with: nothing billed {run.unpairedUsage.length === 1 ? 'it' : 'them'}, so{' '}
        {run.unpairedUsage.length === 1 ? 'it was' : 'they were'} not checked
      </summary>
      <DataTable rows={run.unpairedUsage} columns={UNPAIRED_COLUMNS} label="Usage left unpaired" rowKey={(u, i) => `${u.month}-${u.provider}-${u.model ?? ''}-${u.usageClass}-${u.serviceTier}-${i}`} compact />
    </details>
  );
}
