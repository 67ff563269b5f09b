import { useMemo, useRef, useState, type DragEvent } from 'react';
import type { ImportSummary, ImportTotal } from '../../../../shared/api/imports';
import { describeError } from '../../api/describe-error';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { DataTable, type TableColumn } from '../../components/table/DataTable';
import { Icon } from '../../components/icons';
import { formatDay, formatLastDay, formatTimestamp } from '../../format/dates';
import { providerName } from '../../format/labels';
import { withCurrencyCode } from '../../format/locale';
import { formatCount, formatExactAmount, formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';
import { ImportWizard } from './ImportWizard';
import { amountText, ReconciledBadge } from './ReconciliationTable';
import { RejectionsDialog, RemoveImportDialog } from './ImportDialogs';
import { useStatementFiles, type StatementFile } from './statement-files';
import { WarehousePanel } from './WarehousePanel';
import './imports.css';

/** Every statement imported into this workspace, with its own total against what landed in the ledger; and the import wizard. */
export function ImportsView() {
  const { data, error } = useApiData((c) => c.call('imports.list', {}), []);
  const formats = useApiData((c) => c.call('imports.formats', {}), []).data?.formats;
  const imports = data?.imports;
  const files = useStatementFiles();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<StatementFile | null>(null);
  const [wizardKey, setWizardKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [dragging, setDragging] = useState(false);
  const rows = useMemo(() => (imports ? importRows(imports) : []), [imports]);
  const [rejectionsOf, setRejectionsOf] = useState<ImportSummary | null>(null);
  const [removing, setRemoving] = useState<ImportSummary | null>(null);
  const formatNames = useMemo(() => new Map((formats ?? []).map((f) => [f.id, formatName(f.label)])), [formats]);
  const columns = useMemo(() => importColumns(formatNames, setRejectionsOf, setRemoving), [formatNames]);

  const start = (next: StatementFile) => {
    setFile(next);
    setWizardKey((k) => k + 1);
  };
  const take = async (chosen: File | undefined | null) => {
    if (!chosen) return;
    setFileError(null);
    setReceiving(true);
    try {
      start(await files.fromFile(chosen));
    } catch (e) {
      setFileError(describeError(e));
    } finally {
      setReceiving(false);
    }
  };
  const choose = async () => {
    if (files.pick) {
      const picked = await files.pick();
      if (picked) start(picked);
    } else input.current?.click();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void take(event.dataTransfer.files[0]);
  };

  return (
    <section className="view view-imports" aria-labelledby="imports-title">
      <header className="view-header">
        <h1 id="imports-title" tabIndex={-1}>
          Imports
        </h1>
        <p className="view-subtitle">Vendor statements in this workspace. Each file&rsquo;s own total is compared with what was imported, per currency, to the cent.</p>
      </header>

      {file ? (
        <ImportWizard key={wizardKey} file={file} onClose={() => setFile(null)} onAnother={() => setFile(null)} />
      ) : (
        <div
          className={`drop-zone ${dragging ? 'dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <Icon name="imports" size={22} />
          <p>
            Drop a vendor statement here (CSV, gzip, XLSX, Parquet or JSON: FOCUS, OpenAI, Anthropic, AWS, Azure, Google Cloud, or your own columns), or{' '}
            <button type="button" className="button primary" onClick={() => void choose()} disabled={receiving}>
              {receiving ? 'Receiving…' : 'Choose a file…'}
            </button>
          </p>
          <input
            ref={input}
            type="file"
            className="sr-only"
            tabIndex={-1}
            aria-label="Statement file"
            data-testid="statement-input"
            onChange={(e) => {
              void take(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          {fileError ? <ErrorNote title="The file could not be handed to the workbench" message={fileError} /> : null}
        </div>
      )}

      {file ? null : <WarehousePanel />}

      {error ? <ErrorNote title="Could not list the imports" message={describeError(error)} /> : null}
      {imports && imports.length === 0 ? (
        <EmptyState title="No statements imported yet" icon="imports">
          Imported vendor statements are listed here with their format, billing period, row counts and a reconciliation of the file&rsquo;s total against the ledger.
        </EmptyState>
      ) : (
        <div className="panel table-panel">
          {imports ? (
            <DataTable
              rows={rows}
              columns={columns}
              label="Imported statements"
              rowKey={(r) => `${r.imp.id}/${r.total?.currency ?? ''}`}
              rowProps={() => ({ 'data-testid': 'import-row' })}
              testId="imports-table"
            />
          ) : null}
        </div>
      )}
      {rejectionsOf ? <RejectionsDialog imp={rejectionsOf} onClose={() => setRejectionsOf(null)} /> : null}
      {removing ? <RemoveImportDialog imp={removing} onClose={() => setRemoving(null)} /> : null}
    </section>
  );
}

/** One import per currency it holds (most files have one); a file without a cost column is one row without totals. */
interface ImportLine {
  imp: ImportSummary;
  total: ImportTotal | null;
}

function importRows(imports: readonly ImportSummary[]): ImportLine[] {
  return imports.flatMap((imp): ImportLine[] => (imp.totals.length > 0 ? imp.totals.map((total) => ({ imp, total })) : [{ imp, total: null }]));
}

const reconciliationText = (r: ImportLine) => (r.total ? (r.total.reconciled ? 'Reconciled' : 'Does not reconcile') : 'No cost column');

/** A format's name without what its label adds in brackets for the format list: "AWS Cost and Usage Report (CUR 2.0 or legacy)" → "AWS Cost and Usage Report". */
function formatName(label: string): string {
  return label.replace(/\s*\([^)]*\)\s*$/, '');
}

/** The imports list's columns: the file's facts, then its own total against what landed, per currency. */
function importColumns(formatNames: ReadonlyMap<string, string>, onRejections: (imp: ImportSummary) => void, onRemove: (imp: ImportSummary) => void): TableColumn<ImportLine>[] {
  // The format by its name (the id, which the CLI's --format takes, on hover); the id until the names have come.
  const nameOf = (imp: ImportSummary) => formatNames.get(imp.format) ?? imp.format;
  return [
    {
      id: 'file',
      header: 'File',
      type: 'text',
      value: (r) => r.imp.fileName,
      text: (r) => `${r.imp.fileName} #${r.imp.id}`,
      csv: (r) => r.imp.fileName,
      rowHeader: true,
      render: ({ imp }) => (
        <>
          <div className="file-name">{imp.fileName}</div>
          <div className="muted mono small" title={`SHA-256 ${imp.sha256}`}>
            #{imp.id} · sha256 {imp.sha256.slice(0, 12)}…
          </div>
        </>
      ),
    },
    {
      id: 'format',
      header: 'Format',
      type: 'text',
      value: (r) => `${nameOf(r.imp)}${r.imp.formatVersion ? ` ${r.imp.formatVersion}` : ''}`,
      render: ({ imp }) => (
        <>
          <span title={`format ${imp.format}`} data-format={imp.format}>
            {nameOf(imp)}
          </span>
          {imp.formatVersion ? <span className="muted"> {imp.formatVersion}</span> : null}
          {imp.costBasis === 'list' ? <div className="muted small">usage only: list prices</div> : null}
          {imp.keep === 'ai' ? (
            <div className="muted small" data-testid="import-kept">
              kept AI lines one by one; {formatCount(imp.linesAggregated)} other lines summed per day and service
            </div>
          ) : null}
        </>
      ),
    },
    { id: 'provider', header: 'Provider', type: 'text', value: (r) => (r.imp.provider ? r.imp.provider.split(', ').map(providerName).join(', ') : '—') },
    {
      id: 'period',
      header: 'Period',
      type: 'text',
      value: (r) => (r.imp.periodStart ? `${formatDay(r.imp.periodStart)} – ${formatLastDay(r.imp.periodEnd)}` : '—'),
      // Each day whole; the range may wrap after its dash.
      render: (r) => (r.imp.periodStart ? <><span className="nowrap">{formatDay(r.imp.periodStart)} –</span> <span className="nowrap">{formatLastDay(r.imp.periodEnd)}</span></> : '—'),
    },
    {
      id: 'rows',
      header: 'Rows',
      type: 'count',
      value: (r) => r.imp.rowsImported,
      render: ({ imp }, text) => (
        <>
          {text}
          {imp.rowsRejected > 0 ? (
            <div>
              <button type="button" className="link-button bad small" onClick={() => onRejections(imp)} data-testid="show-rejections">
                {formatCount(imp.rowsRejected)} rejected
              </button>
            </div>
          ) : null}
        </>
      ),
    },
    { id: 'currency', header: 'Currency', type: 'text', value: (r) => r.total?.currency ?? '' },
    {
      id: 'sourceTotal',
      header: 'Source total',
      type: 'money',
      value: (r) => r.total?.sourceTotal ?? null,
      currency: (r) => r.total?.currency ?? 'USD',
      text: (r) => (r.total ? amountText(r.total.sourceTotal, r.total.currency) : '—'),
      // The file's own total, every digit it had.
      csv: (r) => r.total?.sourceTotal ?? null,
      render: (r, text) => <span title={r.total ? `${withCurrencyCode(formatExactAmount(r.total.sourceTotal), r.total.currency)} as summed from the file` : undefined}>{text}</span>,
    },
    {
      id: 'importedTotal',
      header: 'Imported total',
      type: 'money',
      value: (r) => r.total?.importedTotal ?? null,
      currency: (r) => r.total?.currency ?? 'USD',
      text: (r) => (r.total ? formatMoney(r.total.importedTotal, r.total.currency) : '—'),
      csv: (r) => r.total?.importedTotal ?? null,
      render: (r, text) => <span title={r.total ? `${withCurrencyCode(formatExactAmount(r.total.importedTotal), r.total.currency)} exactly` : undefined}>{text}</span>,
    },
    {
      id: 'reconciliation',
      header: 'Reconciliation',
      type: 'text',
      value: reconciliationText,
      render: (r) => (r.total ? <ReconciledBadge reconciled={r.total.reconciled} /> : <span className="badge badge-neutral">No cost column</span>),
    },
    {
      id: 'imported',
      header: 'Imported',
      type: 'text',
      value: (r) => r.imp.finishedAt,
      text: (r) => formatTimestamp(r.imp.finishedAt),
      csv: (r) => r.imp.finishedAt,
      render: ({ imp }, text) => (
        <>
          {/* Date and time may sit on two lines ("Dec 07, 2026," / "07:45 AM"): one unbroken stamp was cut off at the table's right edge. */}
          <div className="muted">
            {text.includes(', ') ? (
              <>
                <span className="nowrap">{text.slice(0, text.lastIndexOf(', ') + 1)}</span> <span className="nowrap">{text.slice(text.lastIndexOf(', ') + 2)}</span>
              </>
            ) : (
              <span className="nowrap">{text}</span>
            )}
          </div>
          <button type="button" className="button ghost small import-remove" onClick={() => onRemove(imp)} aria-label={`Remove import ${imp.id} (${imp.fileName})`}>
            Remove…
          </button>
        </>
      ),
    },
  ];
}
