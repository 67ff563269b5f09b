import type { ImportRef, RejectionWire, RunImportResult } from '../../../../shared/api/imports';
import type { WorkbenchError } from '../../../../shared/domain/errors';
import { describeError } from '../../api/describe-error';
import { formatDay, formatLastDay } from '../../format/dates';
import { formatCount, formatFixed } from '../../format/money';
import { ReconciliationTable, RejectionList } from './ReconciliationTable';

function refText(ref: ImportRef): string {
  const period = ref.periodStart ? `, ${formatDay(ref.periodStart)} – ${formatLastDay(ref.periodEnd)}` : '';
  return `import #${ref.id} (${ref.fileName}${period})`;
}

/** After the import: the reconciliation per currency, what was left out, what was replaced. */
export function ResultStep({ result }: { result: RunImportResult }) {
  const allReconciled = result.totals.every((t) => t.reconciled);
  const heading =
    result.status === 'skipped'
      ? 'Skipped: nothing was imported'
      : result.status === 'dry_run'
        ? 'Dry run: nothing was written'
        : `Imported ${formatCount(result.linesImported)} ledger lines from ${formatCount(result.rowsImported)} rows`;
  return (
    <div className="wizard-step" data-testid="wizard-result">
      <h3 className={`result-heading ${result.status === 'imported' && allReconciled ? 'good' : ''}`} data-testid="result-heading">
        {heading}
      </h3>
      <p className="muted">
        {result.fileName} · {result.detection.label} {result.detection.version}
        {result.period ? ` · ${formatDay(result.period.start)} – ${formatLastDay(result.period.end)}` : ''}
        {result.importId !== null ? ` · import #${result.importId}` : ''} · {formatFixed(result.seconds, 1)} s
      </p>
      {result.keep === 'ai' ? (
        <p data-testid="result-kept">
          AI lines kept one by one; the other {formatCount(result.linesAggregated)} lines summed into {formatCount(result.aggregateLines)} per day, service, account, charge category and currency.
        </p>
      ) : null}
      <ReconciliationTable totals={result.totals} caption="Reconciliation per currency" />
      {result.rowsRejected > 0 ? <RejectionList rejected={result.rejected} total={result.rowsRejected} caption={`${formatCount(result.rowsRejected)} rows left out`} /> : null}
      {result.replaced.length > 0 ? <p>Replaced {result.replaced.map(refText).join(' and ')}.</p> : null}
      {result.status === 'imported' && result.overlaps.length > 0 && result.replaced.length === 0 ? <p className="muted">Kept beside {result.overlaps.map(refText).join(' and ')}.</p> : null}
      {result.unknownModels.length > 0 ? <p className="muted small">Models not in the price book (listed for pricing): {result.unknownModels.map((m) => m.modelId).join(', ')}.</p> : null}
    </div>
  );
}

interface Details {
  reason?: string;
  import?: ImportRef;
  overlaps?: ImportRef[];
  rejected?: RejectionWire[];
  rowsRejected?: number;
}

/** Why an import did not happen, and the way on where there is one. */
export function FailureStep({ error, onOverlap, onImportRest }: { error: WorkbenchError; onOverlap: (choice: 'skip' | 'replace' | 'keep') => void; onImportRest: () => void }) {
  const details = (error.details ?? {}) as Details;
  if (details.reason === 'already_imported' && details.import) {
    return (
      <div className="wizard-step" data-testid="wizard-failure">
        <p className="notice notice-bad" role="alert" data-testid="already-imported">
          Already imported: this file is {refText(details.import)}, imported on {formatDay(details.import.finishedAt)}. Nothing was changed.
        </p>
      </div>
    );
  }
  if (details.reason === 'overlap' && details.overlaps) {
    return (
      <div className="wizard-step" data-testid="wizard-failure">
        <p className="notice" role="alert">
          Nothing was written yet: the file&rsquo;s period overlaps {details.overlaps.map(refText).join(' and ')} of the same provider and account.
        </p>
        <div className="button-row">
          <button type="button" className="button" onClick={() => onOverlap('skip')}>
            Skip this file
          </button>
          <button type="button" className="button" onClick={() => onOverlap('replace')}>
            Replace the earlier import
          </button>
          <button type="button" className="button" onClick={() => onOverlap('keep')}>
            Keep both
          </button>
        </div>
      </div>
    );
  }
  if (details.reason === 'rows_rejected' && details.rejected) {
    return (
      <div className="wizard-step" data-testid="wizard-failure">
        <p className="notice notice-bad" role="alert">
          {describeError(error)}
        </p>
        <RejectionList rejected={details.rejected} total={details.rowsRejected ?? details.rejected.length} caption="Rejected rows" />
        <button type="button" className="button" onClick={onImportRest}>
          Import the other rows
        </button>
      </div>
    );
  }
  return (
    <div className="wizard-step" data-testid="wizard-failure">
      <p className="notice notice-bad" role="alert">
        {error.code === 'cancelled' ? 'Cancelled: nothing was changed.' : describeError(error)}
      </p>
    </div>
  );
}
