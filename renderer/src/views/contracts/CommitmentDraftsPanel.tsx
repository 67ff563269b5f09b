import type { MethodOutput } from '../../../../shared/api';

export type CommitmentDrafts = MethodOutput<'contracts.draftsFromFocusCommitments'>;
export type CommitmentDraft = CommitmentDrafts['drafts'][number];

/**
 * The draft contracts read from a FOCUS 1.3 Contract Commitment dataset:
 * what the dataset leaves for the user to complete, draft by draft, each to
 * open in the editor and save once it is valid. Saved drafts leave the list.
 */
export function CommitmentDraftsPanel({ drafts, opened, onOpen, onDismiss }: { drafts: CommitmentDrafts; opened: string | null; onOpen: (draft: CommitmentDraft) => void; onDismiss: () => void }) {
  return (
    <div className="panel commitment-drafts" data-testid="commitment-drafts" role="region" aria-label="Drafts from the Contract Commitment dataset">
      <div className="panel-header">
        <h2>Drafts from {drafts.fileName}</h2>
        <button type="button" className="button small ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
      <p className="muted small">
        One draft per ContractId of the FOCUS Contract Commitment dataset: its term, currency and commitment. The dataset holds commitments only, so complete what each lists (and add the rates, discounts and credits the contract has), then save it.
      </p>
      {drafts.drafts.length === 0 ? <p className="muted">Every draft of this file is saved.</p> : null}
      <ul className="draft-items">
        {drafts.drafts.map((d) => (
          <li key={d.contractId} data-testid="commitment-draft" className={opened === d.contractId ? 'active' : undefined}>
            <div className="toolbar-inline">
              <strong>{d.contractId}</strong>
              <span className="muted small">
                rows {d.rows.join(', ')} · {d.toComplete.length === 0 ? 'nothing left open by the dataset' : `${d.toComplete.length} to complete`}
              </span>
              <button type="button" className="button small" onClick={() => onOpen(d)} aria-label={`Open the draft ${d.contractId} in the editor`}>
                {opened === d.contractId ? 'Open' : 'Open in editor'}
              </button>
            </div>
            {d.toComplete.length > 0 ? (
              <ul className="small" data-testid="draft-to-complete">
                {d.toComplete.map((t) => (
                  <li key={`${t.field}|${t.message}`}>
                    <code>{t.field}</code>: {t.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
