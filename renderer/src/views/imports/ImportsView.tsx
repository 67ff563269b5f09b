import { useRef, useState, type DragEvent } from 'react';
import type { ImportSummary } from '../../../../shared/api/imports';
import { describeError } from '../../api/describe-error';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
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
  const imports = data?.imports;
  const files = useStatementFiles();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<StatementFile | null>(null);
  const [wizardKey, setWizardKey] = useState(0);
  const [fileError, setFileError] = useState<string | null>(null);
  const [receiving, setReceiving] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [rejectionsOf, setRejectionsOf] = useState<ImportSummary | null>(null);
  const [removing, setRemoving] = useState<ImportSummary | null>(null);

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
          <table className="table" data-testid="imports-table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Format</th>
                <th scope="col">Provider</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col" className="num">
                  Source total
                </th>
                <th scope="col" className="num">
                  Imported total
                </th>
                <th scope="col">Reconciliation</th>
                <th scope="col">Imported</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {imports?.map((imp) => <ImportRows key={imp.id} imp={imp} onRejections={() => setRejectionsOf(imp)} onRemove={() => setRemoving(imp)} />)}
            </tbody>
          </table>
        </div>
      )}
      {rejectionsOf ? <RejectionsDialog imp={rejectionsOf} onClose={() => setRejectionsOf(null)} /> : null}
      {removing ? <RemoveImportDialog imp={removing} onClose={() => setRemoving(null)} /> : null}
    </section>
  );
}

/** One import: a row per currency (most files have one), the file facts spanning them. */
function ImportRows({ imp, onRejections, onRemove }: { imp: ImportSummary; onRejections: () => void; onRemove: () => void }) {
  const totals = imp.totals.length > 0 ? imp.totals : [null];
  const span = totals.length;
  return (
    <>
      {totals.map((t, i) => (
        <tr key={t?.currency ?? 'none'} data-testid="import-row">
          {i === 0 ? (
            <>
              <td rowSpan={span}>
                <div className="file-name">{imp.fileName}</div>
                <div className="muted mono small" title={`SHA-256 ${imp.sha256}`}>
                  #{imp.id} · sha256 {imp.sha256.slice(0, 12)}…
                </div>
              </td>
              <td rowSpan={span}>
                {imp.format}
                {imp.formatVersion ? <span className="muted"> {imp.formatVersion}</span> : null}
                {imp.costBasis === 'list' ? <div className="muted small">usage only: list prices</div> : null}
                {imp.keep === 'ai' ? (
                  <div className="muted small" data-testid="import-kept">
                    kept AI lines one by one; {formatCount(imp.linesAggregated)} other lines summed per day and service
                  </div>
                ) : null}
              </td>
              <td rowSpan={span}>{imp.provider ? imp.provider.split(', ').map(providerName).join(', ') : '—'}</td>
              <td rowSpan={span} className="nowrap">
                {imp.periodStart ? `${formatDay(imp.periodStart)} – ${formatLastDay(imp.periodEnd)}` : '—'}
              </td>
              <td rowSpan={span} className="num">
                {formatCount(imp.rowsImported)}
                {imp.rowsRejected > 0 ? (
                  <div>
                    <button type="button" className="link-button bad small" onClick={onRejections} data-testid="show-rejections">
                      {formatCount(imp.rowsRejected)} rejected
                    </button>
                  </div>
                ) : null}
              </td>
            </>
          ) : null}
          <td className="num money" title={t ? `${withCurrencyCode(formatExactAmount(t.sourceTotal), t.currency)} as summed from the file` : undefined}>
            {t ? amountText(t.sourceTotal, t.currency) : '—'}
          </td>
          <td className="num money" title={t ? `${withCurrencyCode(formatExactAmount(t.importedTotal), t.currency)} exactly` : undefined}>
            {t ? formatMoney(t.importedTotal, t.currency) : '—'}
          </td>
          <td>{t ? <ReconciledBadge reconciled={t.reconciled} /> : <span className="badge badge-neutral">No cost column</span>}</td>
          {i === 0 ? (
            <>
              <td rowSpan={span} className="nowrap muted">
                {formatTimestamp(imp.finishedAt)}
              </td>
              <td rowSpan={span}>
                <button type="button" className="button ghost small" onClick={onRemove} aria-label={`Remove import ${imp.id} (${imp.fileName})`}>
                  Remove…
                </button>
              </td>
            </>
          ) : null}
        </tr>
      ))}
    </>
  );
}
