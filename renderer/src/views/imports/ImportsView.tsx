import type { ImportSummary } from '../../../../shared/api/imports';
import { describeError } from '../../api/describe-error';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDay, formatLastDay, formatTimestamp } from '../../format/dates';
import { providerName } from '../../format/labels';
import { formatCount, formatExactAmount, formatMoney } from '../../format/money';
import { useApiData } from '../../state/useApiData';

/** Every statement imported into this workspace, with its own total against what landed in the ledger. */
export function ImportsView() {
  const { data, error } = useApiData((c) => c.call('imports.list', {}), []);
  const imports = data?.imports;
  return (
    <section className="view view-imports" aria-labelledby="imports-title">
      <header className="view-header">
        <h1 id="imports-title" tabIndex={-1}>
          Imports
        </h1>
        <p className="view-subtitle">Vendor statements in this workspace. Each file&rsquo;s own total is compared with what was imported, per currency, to the cent.</p>
      </header>
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
              </tr>
            </thead>
            <tbody>{imports?.map((imp) => <ImportRows key={imp.id} imp={imp} />)}</tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** One import: a row per currency (most files have one), the file facts spanning them. */
function ImportRows({ imp }: { imp: ImportSummary }) {
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
                {imp.formatVersion ? <span className="muted"> v{imp.formatVersion}</span> : null}
              </td>
              <td rowSpan={span}>{providerName(imp.provider) || '—'}</td>
              <td rowSpan={span} className="nowrap">
                {imp.periodStart ? `${formatDay(imp.periodStart)} – ${formatLastDay(imp.periodEnd)}` : '—'}
              </td>
              <td rowSpan={span} className="num">
                {formatCount(imp.rowsImported)}
                {imp.rowsRejected > 0 ? <div className="bad small">{formatCount(imp.rowsRejected)} rejected</div> : null}
              </td>
            </>
          ) : null}
          <td className="num money" title={t ? `${t.currency} ${t.sourceTotal} as summed from the file` : undefined}>
            {t ? sourceTotalText(t.sourceTotal, t.currency) : '—'}
          </td>
          <td className="num money" title={t ? `${t.currency} ${formatExactAmount(t.importedTotal)} exactly` : undefined}>
            {t ? formatMoney(t.importedTotal, t.currency) : '—'}
          </td>
          <td>
            {t ? (
              <span className={`badge ${t.reconciled ? 'badge-good' : 'badge-bad'}`} data-testid="reconciliation">
                {t.reconciled ? 'Reconciled' : 'Does not reconcile'}
              </span>
            ) : (
              <span className="badge badge-neutral">No totals</span>
            )}
          </td>
          {i === 0 ? (
            <td rowSpan={span} className="nowrap muted">
              {formatTimestamp(imp.finishedAt)}
            </td>
          ) : null}
        </tr>
      ))}
    </>
  );
}

/** The file's own total may carry more decimals than the ledger; decimal text formats exactly, anything else shows as written. */
function sourceTotalText(total: string, currency: string): string {
  return /^-?\d+(\.\d+)?$/.test(total) ? formatMoney(total, currency) : `${currency} ${total}`;
}
