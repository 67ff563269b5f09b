import { useState } from 'react';
import type { ImportSummary } from '../../../../shared/api/imports';
import { useClient } from '../../api/ClientContext';
import { describeError } from '../../api/describe-error';
import { Dialog } from '../../components/Dialog';
import { ErrorNote } from '../../components/ErrorNote';
import { formatCount } from '../../format/money';
import { useApiData } from '../../state/useApiData';
import { RejectionList } from './ReconciliationTable';

const PAGE = 200;

/** The rows an import left out, with row, field, reason and value (the first 10,000 are stored). */
export function RejectionsDialog({ imp, onClose }: { imp: ImportSummary; onClose: () => void }) {
  const [offset, setOffset] = useState(0);
  const { data, error } = useApiData((c) => c.call('imports.rejections', { importId: imp.id, offset, limit: PAGE }), [imp.id, offset]);
  return (
    <Dialog
      title={`Rejected rows of ${imp.fileName}`}
      description={`${formatCount(imp.rowsRejected)} of ${formatCount(imp.rowsRead)} rows were left out of import #${imp.id}; their cost is the rejected total in its reconciliation.`}
      onClose={onClose}
      testId="dialog-rejections"
      actions={
        <>
          {data && offset > 0 ? (
            <button type="button" className="button" onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Previous
            </button>
          ) : null}
          {data && offset + PAGE < data.stored ? (
            <button type="button" className="button" onClick={() => setOffset(offset + PAGE)}>
              Next
            </button>
          ) : null}
          <button type="button" className="button primary" onClick={onClose}>
            Close
          </button>
        </>
      }
    >
      {error ? <ErrorNote message={describeError(error)} /> : null}
      {data ? (
        <div className="dialog-scroll">
          <RejectionList rejected={data.rejections} total={data.rejections.length} caption={`Rows ${formatCount(offset + 1)}–${formatCount(offset + data.rejections.length)} of ${formatCount(data.stored)} stored`} />
        </div>
      ) : null}
    </Dialog>
  );
}

/** Removes an import and its ledger lines in one transaction, after asking. */
export function RemoveImportDialog({ imp, onClose }: { imp: ImportSummary; onClose: () => void }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await client.call('imports.remove', { importId: imp.id });
      onClose();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`Remove ${imp.fileName}?`}
      description={`Import #${imp.id} and its ${formatCount(imp.linesWritten)} ledger lines leave this workspace. The file itself is not touched and can be imported again.`}
      onClose={onClose}
      onSubmit={() => void remove()}
      testId="dialog-remove-import"
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Keep it
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Removing…' : 'Remove import'}
          </button>
        </>
      }
    >
      {error ? <ErrorNote message={error} /> : null}
    </Dialog>
  );
}
